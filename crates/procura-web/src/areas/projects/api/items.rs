//! Checklist items over the API: their status and evidence, and the
//! caller's own items across projects.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use procura_domain::{ItemId, is_overdue};
use procura_service::ItemChange;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::areas::projects::wire::{Evidence, Item, MyItem, evidence, item};
use crate::auth::now;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::kit::time::today;
use crate::kit::uploads::Upload;
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    /// todo, in-progress, done or not-applicable (which needs a justification).
    pub status: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub justification: String,
    /// Owner's e-mail, or empty for none.
    #[serde(default)]
    pub owner: String,
    pub due_date: Option<String>,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub notes: String,
    /// The version last read (409 when stale).
    pub version: i64,
}

#[utoipa::path(patch, path = "/api/v1/items/{id}", tag = "projects", request_body = ItemBody, params(("id" = String, Path, description = "Item id")),
    responses((status = 200, body = Item), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_item(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ItemId>,
    JsonBody(body): JsonBody<ItemBody>,
) -> WebResult<Json<Item>> {
    let principal = context.principal()?;
    let change = ItemChange {
        status: body.status,
        justification: body.justification,
        owner: body.owner,
        due_date: body.due_date,
        notes: body.notes,
        version: body.version,
    };
    let saved = state
        .services
        .update_item(principal, id, &change, now())
        .await?;
    let view = state.services.project(principal, saved.project_id).await?;
    Ok(Json(item(&view, &saved, today())))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceLinkBody {
    #[serde(default)]
    #[schema(max_length = 200)]
    pub label: String,
    pub url: String,
}

#[utoipa::path(post, path = "/api/v1/items/{id}/links", tag = "projects", request_body = EvidenceLinkBody, params(("id" = String, Path, description = "Item id")),
    responses((status = 201, body = Evidence), (status = 422, body = ErrorBody)))]
pub async fn add_link(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ItemId>,
    JsonBody(body): JsonBody<EvidenceLinkBody>,
) -> WebResult<(StatusCode, Json<Evidence>)> {
    let principal = context.principal()?;
    let record = state
        .services
        .add_evidence_link(principal, id, &body.label, &body.url, now())
        .await?;
    let view = state.services.project(principal, record.project_id).await?;
    Ok((StatusCode::CREATED, Json(evidence(&view, &record))))
}

/// Uploads a file as evidence: multipart with one `file` part. The type is
/// sniffed from the bytes; the name is sanitised.
#[utoipa::path(post, path = "/api/v1/items/{id}/evidence", tag = "projects", params(("id" = String, Path, description = "Item id")),
    request_body(content_type = "multipart/form-data", description = "A `file` part"),
    responses((status = 201, body = Evidence), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ItemId>,
    multipart: Multipart,
) -> WebResult<(StatusCode, Json<Evidence>)> {
    let principal = context.principal()?;
    let (name, bytes) = Upload::read(multipart).await?.into_file()?;
    let record = state
        .services
        .add_evidence_file(principal, id, &name, bytes, now())
        .await?;
    let view = state.services.project(principal, record.project_id).await?;
    Ok((StatusCode::CREATED, Json(evidence(&view, &record))))
}

/// The caller's own items across projects, by due date.
#[utoipa::path(get, path = "/api/v1/my-items", tag = "projects", responses((status = 200, body = Vec<MyItem>)))]
pub async fn my_items(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<MyItem>>> {
    let principal = context.principal()?;
    let today = today();
    let mut out = Vec::new();
    for (record, reference, _) in state.services.my_items(principal).await? {
        out.push(MyItem {
            project_id: record.project_id.to_string(),
            reference,
            item: Item {
                id: record.id.to_string(),
                phase: record.phase.id().to_owned(),
                practice: record.practice.id(),
                status: record.status.id().to_owned(),
                justification: record.justification.clone(),
                owner: Some(principal.email.to_string()),
                due_date: record.due_date.map(|d| d.to_string()),
                overdue: is_overdue(record.due_date, record.status, today),
                notes: record.notes.clone(),
                retired: record.retired,
                version: record.version,
                updated_at: record.updated_at.millis(),
                evidence: Vec::new(),
            },
        });
    }
    Ok(Json(out))
}
