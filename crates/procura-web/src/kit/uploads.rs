//! Reading uploaded files, the one way every handler does it: a browser's
//! `multipart/form-data` form read into an [`Upload`], or the whole request
//! body as one file ([`BodyFile`], for API imports). A body over the upload
//! limit is a 413 and a broken one a 400, both in Procura's error shape.

use axum::body::Bytes;
use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;

use crate::error::{WebError, WebResult};

/// The parts of an upload form: its `file` part and its text fields.
#[derive(Debug, Default)]
pub struct Upload {
    file: Option<(String, Vec<u8>)>,
    fields: Vec<(String, String)>,
}

impl Upload {
    /// Reads every part, within the upload limit.
    pub async fn read(mut multipart: Multipart) -> WebResult<Upload> {
        let mut upload = Upload::default();
        while let Some(part) = multipart.next_field().await.map_err(refused)? {
            let Some(name) = part.name().map(str::to_owned) else {
                continue;
            };
            if name == "file" {
                if upload.file.is_none() {
                    let filename = part.file_name().unwrap_or("evidence").to_owned();
                    let bytes = part.bytes().await.map_err(refused)?;
                    upload.file = Some((filename, bytes.to_vec()));
                }
            } else {
                let value = part.text().await.map_err(refused)?;
                upload.fields.push((name, value));
            }
        }
        Ok(upload)
    }

    /// The first value of the text field `name`, or `""`.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// The text fields, as a form's.
    pub fn fields(&self) -> crate::kit::forms::Fields {
        crate::kit::forms::Fields::from_pairs(self.fields.clone())
    }

    /// The uploaded file, when one was chosen: a form sent without a file
    /// carries an empty part, which is no file.
    pub fn take_file(&mut self) -> Option<(String, Vec<u8>)> {
        self.file
            .take()
            .filter(|(name, bytes)| !(name.is_empty() && bytes.is_empty()))
    }

    /// The uploaded file's name and bytes; a form without one is refused.
    pub fn into_file(self) -> WebResult<(String, Vec<u8>)> {
        self.file
            .ok_or_else(|| WebError::invalid("invalid-evidence-file"))
    }
}

fn refused(error: MultipartError) -> WebError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        WebError::bad_request("error-malformed-upload").with("detail", error.body_text())
    }
}

fn too_large() -> WebError {
    WebError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        "error-too-large",
    )
}

/// A file sent as the whole request body.
pub struct BodyFile(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for BodyFile {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(BodyFile(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(too_large())
            }
            Err(rejection) => Err(WebError::bad_request("error-malformed-upload")
                .with("detail", rejection.body_text())),
        }
    }
}
