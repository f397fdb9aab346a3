//! Procura's web interface and JSON API.
//!
//! One axum router serves server-rendered pages (askama templates, no
//! JavaScript needed) and the JSON API under `/api/v1`. Each area of
//! [`areas`] holds its pages, its API and the declaration of their routes;
//! [`routes`] gathers them into one table where every route is declared
//! once with the access it requires, and the same declaration enforces the
//! access and lists the route for the tests. What areas share is in [`kit`].

mod areas;
mod auth;
mod client;
mod error;
mod filters;
mod i18n;
mod kit;
mod layers;
mod openapi;
mod render;
mod routes;
mod server;
mod state;

pub use auth::now;
pub use openapi::openapi_document;
pub use routes::{Access, RouteInfo, RouteKind, build};
pub use server::serve;
pub use state::AppState;
