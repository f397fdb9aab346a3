//! Organisations of the instance (operators).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use procura_domain::OrganisationId;

use crate::areas::admin::wire::{NewOrganisation, Organisation, OrganisationRename};
use crate::auth::now;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::render::RequestContext;
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/organisations", tag = "administration",
    responses((status = 200, body = Vec<Organisation>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<Organisation>>> {
    let principal = context.principal()?;
    Ok(Json(
        state
            .services
            .organisations(principal)
            .await?
            .into_iter()
            .map(Organisation::from)
            .collect(),
    ))
}

/// Creates an organisation; the caller becomes its administrator.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "administration", request_body = NewOrganisation,
    responses((status = 201, body = Organisation), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<NewOrganisation>,
) -> WebResult<(StatusCode, Json<Organisation>)> {
    let principal = context.principal()?;
    let created = state
        .services
        .create_organisation(principal, &body.name, now())
        .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Renames an organisation; `version` must be the one last read (409 otherwise).
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "administration", request_body = OrganisationRename,
    params(("id" = String, Path, description = "Organisation id")),
    responses((status = 200, body = Organisation), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<OrganisationId>,
    JsonBody(body): JsonBody<OrganisationRename>,
) -> WebResult<Json<Organisation>> {
    let principal = context.principal()?;
    let renamed = state
        .services
        .rename_organisation(principal, id, &body.name, body.version, now())
        .await?;
    Ok(Json(renamed.into()))
}
