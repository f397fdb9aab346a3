//! Project files over the API: the checklist document, evidence files, and
//! the whole project exported for transfer or imported from such a file.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{EvidenceId, ProjectId};
use serde::Deserialize;

use crate::areas::projects::exports;
use crate::areas::projects::wire::{Project, project};
use crate::auth::now;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::uploads::BodyFile;
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
}

/// The checklist as `xlsx`, `csv`, `json` or `markdown`.
#[utoipa::path(get, path = "/api/v1/projects/{id}/checklist", tag = "projects",
    params(("id" = String, Path, description = "Project id"), ("format" = Option<String>, Query, description = "xlsx (default), csv, json or markdown")),
    responses((status = 200, description = "The checklist document"), (status = 404, body = ErrorBody)))]
pub async fn checklist(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<FormatQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    exports::checklist_download(&state, principal, id, query.format, context.lang).await
}

#[utoipa::path(get, path = "/api/v1/evidence/{id}", tag = "projects", params(("id" = String, Path, description = "Evidence id")),
    responses((status = 200, description = "The file, as an attachment"), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<EvidenceId>,
) -> WebResult<Response> {
    exports::evidence_download(&state, context.principal()?, id).await
}

#[derive(Debug, Deserialize)]
pub struct ArchiveQuery {
    archive: Option<String>,
}

/// The whole project for backup or transfer: JSON, or `?archive=zip` for a
/// zip holding `project.json` and the evidence files.
#[utoipa::path(get, path = "/api/v1/projects/{id}/export", tag = "projects",
    params(("id" = String, Path, description = "Project id"), ("archive" = Option<String>, Query, description = "zip to include evidence files")),
    responses((status = 200, description = "The project export"), (status = 404, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<ArchiveQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let zip = query.archive.as_deref() == Some("zip");
    exports::project_archive(&state, principal, id, zip).await
}

/// Imports a project export (the JSON body, or a zip archive as the body
/// with `Content-Type: application/zip`) as a new project at planning, made
/// by the caller now. What the file claims about its stage, sign-offs,
/// timeline and authorship is kept apart as `imported_history`, not
/// verified; evidence hashes are those of the files the archive holds.
#[utoipa::path(post, path = "/api/v1/projects/import", tag = "projects",
    request_body(content = String, description = "A project export: JSON, or a zip archive"),
    responses((status = 201, body = Project), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "The body, or what the archive unpacks to, passes the limits"),
        (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    context: RequestContext,
    BodyFile(body): BodyFile,
) -> WebResult<(StatusCode, Json<Project>)> {
    let principal = context.principal()?;
    let file = exports::read_import(&state, body).await?;
    let created = state
        .services
        .import_project(principal, state.catalog, file, now())
        .await?;
    let view = state.services.project(principal, created.id).await?;
    Ok((StatusCode::CREATED, Json(project(&view))))
}
