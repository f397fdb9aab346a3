//! The catalogue over HTTP: the same data and filters as the CLI.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use utoipa::OpenApi;

use super::wire::{
    CatalogBody, PracticeBody, PracticeList, PracticeMatchBody, Term, Threat,
    phases as phase_terms, procurement_types as type_terms, threats as threat_terms,
};
use crate::error::{WebError, WebResult};
use crate::filters::{invalid_filter, parse};
use crate::kit::error_body::ErrorBody;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(catalog, practices, practice, phases, procurement_types, threats))]
pub struct Doc;

/// The whole catalogue: edition, taxonomies and practices.
#[utoipa::path(get, path = "/api/v1/catalog", tag = "catalogue",
    responses((status = 200, body = CatalogBody), (status = 401, body = ErrorBody)))]
pub async fn catalog(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    state
        .cached
        .answer("catalog", &headers, || Ok(CatalogBody::from(state.catalog)))
}

/// Practices matching the filters, with why each matched. Facets repeat
/// (`type=medical-devices&type=cloud-services`): OR within one, AND across.
#[utoipa::path(get, path = "/api/v1/practices", tag = "catalogue",
    params(
        ("phase" = Option<Vec<String>>, Query, description = "Phase id or name; repeatable"),
        ("type" = Option<Vec<String>>, Query, description = "Procurement type id, name or unambiguous prefix; repeatable"),
        ("threat" = Option<Vec<String>>, Query, description = "Threat group id or name; repeatable"),
        ("q" = Option<String>, Query, description = "Words to find in titles and statements, accents optional"),
    ),
    responses((status = 200, body = PracticeList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn practices(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    let query = parse(state.catalog, raw.as_deref()).map_err(invalid_filter)?;
    // The parsed query is canonical (ids resolved, facets sorted): spellings
    // of one selection share one answer.
    let key = format!("practices {query:?}");
    state.cached.answer(&key, &headers, || {
        let matches = state.catalog.query(&query);
        Ok(PracticeList {
            edition: state.catalog.edition.id.clone(),
            count: matches.len(),
            practices: matches.iter().map(PracticeMatchBody::from).collect(),
        })
    })
}

/// One practice by number or id (`17`, `BP-17`).
#[utoipa::path(get, path = "/api/v1/practices/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Practice number or id")),
    responses((status = 200, body = PracticeBody), (status = 404, body = ErrorBody)))]
pub async fn practice(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let practice = state
        .catalog
        .resolve_practice(&id)
        .map_err(|_| WebError::not_found())?;
    let key = format!("practice {}", practice.number.id());
    state
        .cached
        .answer(&key, &headers, || Ok(PracticeBody::from(practice)))
}

#[utoipa::path(get, path = "/api/v1/phases", tag = "catalogue", responses((status = 200, body = Vec<Term>)))]
pub async fn phases(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    state
        .cached
        .answer("phases", &headers, || Ok(phase_terms(state.catalog)))
}

#[utoipa::path(get, path = "/api/v1/procurement-types", tag = "catalogue", responses((status = 200, body = Vec<Term>)))]
pub async fn procurement_types(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> WebResult<Response> {
    state.cached.answer("procurement_types", &headers, || {
        Ok(type_terms(state.catalog))
    })
}

#[utoipa::path(get, path = "/api/v1/threats", tag = "catalogue", responses((status = 200, body = Vec<Threat>)))]
pub async fn threats(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    state
        .cached
        .answer("threats", &headers, || Ok(threat_terms(state.catalog)))
}
