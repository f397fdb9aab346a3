//! Procura's web interface and JSON API.
//!
//! One axum router serves server-rendered pages (askama templates, no
//! JavaScript needed) and the JSON API under `/api/v1`. Every route is
//! declared once in [`routes`] with the access it requires; the same
//! declaration enforces the access and lists the route for the tests.

mod api;
mod auth;
mod error;
mod exports;
mod filters;
mod i18n;
mod layers;
mod pages;
mod render;
mod routes;
mod state;

pub use api::openapi_document;
pub use auth::now;
pub use routes::{Access, RouteInfo, RouteKind, build};
pub use state::AppState;

use std::net::SocketAddr;

use tokio::net::TcpListener;

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (router, _) = build(state);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
