//! Reading URL-encoded forms, the one way every page does it: [`Form<T>`]
//! reads the body into `T`, a struct of named fields, or [`Fields`] when
//! names repeat (checkboxes) or are made from data (`weight-REQ-VUL-01`).
//! Malformed input becomes a clear 400, not a panic or axum's plain-text
//! rejection.

use axum::extract::{FromRequest, Request};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{WebError, WebResult};

/// A URL-encoded form read into `T`.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "malformed form");
                Err(WebError::bad_request("error-malformed-form")
                    .with("detail", rejection.body_text()))
            }
        }
    }
}

/// Every name and value of a form or query string, in the order sent, a
/// name repeated as often as it was sent.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The fields of a query string.
    pub fn from_query(query: &str) -> Fields {
        Fields(
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// Fields read some other way, such as the text parts of an upload.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Fields {
        Fields(pairs)
    }

    /// The first value of `name`, or `""` when the form has none.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// The `version` field every form that edits a versioned record carries.
    pub fn version(&self) -> WebResult<i64> {
        self.get("version")
            .parse()
            .map_err(|_| WebError::bad_request("error-malformed-form"))
    }

    /// Every name and value, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }
}

/// Parses `3, 26 BP-05` into practice numbers; unreadable parts are kept
/// as 0 so the service refuses them with a message.
pub fn practice_numbers(input: &str) -> Vec<u8> {
    input
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let digits = part
                .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-')
                .trim();
            digits.parse().unwrap_or(0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_keep_every_value_in_order() {
        let fields = Fields::from_query("type=a&q=x+y&type=b&version=3");
        assert_eq!(fields.get("type"), "a");
        assert_eq!(fields.all("type"), ["a", "b"]);
        assert_eq!(fields.get("q"), "x y");
        assert_eq!(fields.get("missing"), "");
        assert_eq!(fields.version().ok(), Some(3));
        assert!(Fields::from_query("version=three").version().is_err());
    }

    async fn read(content_type: &str, body: &'static str) -> WebResult<Fields> {
        let request = Request::post("/")
            .header(axum::http::header::CONTENT_TYPE, content_type)
            .body(axum::body::Body::from(body))
            .map_err(|_| WebError::internal())?;
        Form::<Fields>::from_request(request, &())
            .await
            .map(|Form(fields)| fields)
    }

    #[tokio::test]
    async fn a_form_body_reads_as_fields() {
        let form = "application/x-www-form-urlencoded";
        let fields = read(form, "include=REQ-1&include=REQ-2&weight-REQ-1=40")
            .await
            .ok()
            .unwrap_or_default();
        assert_eq!(fields.all("include"), ["REQ-1", "REQ-2"]);
        assert_eq!(fields.get("weight-REQ-1"), "40");
        let refused = read("application/json", "{}").await.err().map(|e| e.key);
        assert_eq!(refused, Some("error-malformed-form"));
    }

    fn check(input: &str, expected: &[u8]) {
        assert_eq!(practice_numbers(input), expected, "{input:?}");
    }

    #[test]
    fn practice_numbers_are_read_from_what_people_type() {
        check("3, 26 BP-05", &[3, 26, 5]);
        check("", &[]);
        check("x", &[0]);
    }
}
