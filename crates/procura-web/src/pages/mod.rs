//! Server-rendered pages, one module per resource.

pub mod account;
pub mod audit;
pub mod bids;
pub mod catalogue;
pub mod organisations;
pub mod portal;
pub mod projects;
pub mod risks;
pub mod session;
pub mod suppliers;
pub mod system;
pub mod tender;
pub mod users;

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// A URL-encoded form whose malformed input becomes a clear 400, not a panic
/// or axum's plain-text rejection.
pub struct FormData<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for FormData<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(FormData(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "malformed form");
                Err(WebError::bad_request("error-malformed-form")
                    .with("detail", rejection.body_text()))
            }
        }
    }
}
