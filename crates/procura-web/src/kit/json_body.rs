//! Reading the JSON body of an API request, the one way every API handler
//! does it.

use axum::Json;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// A JSON body whose malformed input becomes the API's error shape: 400 for
/// broken JSON, 422 for JSON of the wrong shape, 413 for a body over the
/// limit and 415 for a body that is not declared as JSON.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => {
                let detail = rejection.body_text();
                let error = match rejection {
                    JsonRejection::JsonDataError(_) => WebError::invalid("error-json-shape"),
                    _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => WebError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too_large",
                        "error-too-large",
                    ),
                    JsonRejection::MissingJsonContentType(_) => WebError::new(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "unsupported_media_type",
                        "error-json-content-type",
                    ),
                    _ => WebError::bad_request("error-malformed-json"),
                };
                Err(error.with("detail", detail))
            }
        }
    }
}
