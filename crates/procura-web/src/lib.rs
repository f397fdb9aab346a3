//! Procura's web interface and JSON API.
//!
//! One axum router serves server-rendered pages (askama templates, no
//! JavaScript needed) and the JSON API under `/api/v1`. Every route is
//! declared once in [`routes`] with the access it requires; the same
//! declaration enforces the access and lists the route for the tests.

mod api;
mod auth;
mod client;
mod error;
mod exports;
mod filters;
mod i18n;
mod json_cache;
mod layers;
mod pages;
mod render;
mod routes;
mod server;
mod state;

pub use api::openapi_document;
pub use auth::now;
pub use routes::{Access, RouteInfo, RouteKind, build};
pub use server::serve;
pub use state::AppState;
