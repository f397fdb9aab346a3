//! Health checks, the stylesheet, the icon and the language switch.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use procura_domain::Lang;
use serde::Deserialize;

use crate::auth::{safe_next, set_cookie};
use crate::error::{WebError, WebResult};
use crate::i18n::LANG_COOKIE;
use crate::render::redirect;
use crate::state::AppState;

/// The process answers.
pub async fn alive() -> &'static str {
    "ok\n"
}

/// The database answers too.
pub async fn ready(State(state): State<AppState>) -> Response {
    match state.services.ping().await {
        Ok(()) => "ready\n".into_response(),
        Err(error) => {
            tracing::warn!(%error, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

const STYLESHEET: &str = include_str!("../../../assets/style.css");

pub async fn stylesheet() -> Response {
    let mut response = STYLESHEET.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

const FAVICON: &str = include_str!("../../../assets/favicon.svg");

/// Procura's icon: a shield with a tick, in the interface's colours.
pub async fn favicon() -> Response {
    let mut response = FAVICON.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Remembers the chosen language in a cookie and goes back to the page.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<NextQuery>,
) -> WebResult<Response> {
    let lang = Lang::parse(&code).map_err(|_| WebError::not_found())?;
    let mut response = redirect(&safe_next(query.next.as_deref()));
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, LANG_COOKIE, lang.code(), "Lax", Some(365 * 86_400)),
    );
    Ok(response)
}
