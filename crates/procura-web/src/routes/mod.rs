//! Every route of Procura, declared once with the access it requires.
//!
//! Each area declares its own routes, pages and API, into the one
//! [`table::Routes`]; the declaration does three jobs: it mounts the
//! handler, wraps it in the guard that enforces the access (and CSRF on
//! unsafe methods), and lists the route in [`RouteInfo`] so tests can walk
//! every route and role.

pub mod access;
pub mod guard;
pub mod table;

use axum::Router;
use axum::middleware::from_fn;

pub use access::{Access, RouteInfo, RouteKind};

use crate::error::WebError;
use crate::state::AppState;
use crate::{areas, layers, openapi};

/// The whole application and the list of its routes.
pub fn build(state: AppState) -> (Router, Vec<RouteInfo>) {
    let mut routes = table::Routes::new(state.clone());
    // The document describes every area's API, so it is served beside them.
    routes.get(
        "/api/v1/openapi.json",
        Access::Public,
        openapi::openapi_json,
    );
    for area in areas::ALL {
        (area.routes)(&mut routes);
    }
    let (router, infos) = routes.finish();
    let router = router
        .fallback(not_found)
        .with_state(state.clone())
        .layer(from_fn(crate::render::render_errors));
    (layers::wrap(router, &state), infos)
}

async fn not_found() -> WebError {
    WebError::not_found()
}
