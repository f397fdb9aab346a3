//! Procurement projects over the API: the same use cases as the pages.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Multipart, Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{
    Day, EvidenceId, EvidenceRecord, ItemId, ItemRecord, ProjectId, Stage, is_overdue,
};
use procura_service::{ItemChange, PortfolioFilter, ProjectInput, ProjectView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::JsonBody;
use super::types::ErrorBody;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct PhaseProgress {
    pub phase: String,
    pub settled: i64,
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectSummary {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub stage: String,
    pub procurement_types: Vec<String>,
    pub progress: Vec<PhaseProgress>,
    pub overdue: i64,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Stakeholder {
    pub user_id: String,
    pub email: String,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Evidence {
    pub id: String,
    /// `file`, `link`, or `missing`: a file an imported project listed but
    /// did not bring (no hash, no size, nothing to download).
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub content_type: Option<String>,
    pub uploaded_by: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Item {
    pub id: String,
    pub phase: String,
    pub practice: String,
    pub status: String,
    pub justification: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub overdue: bool,
    pub notes: String,
    pub retired: bool,
    pub version: i64,
    pub updated_at: i64,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignOff {
    pub phase: String,
    pub signed_by: Option<String>,
    pub signed_at: i64,
    pub comment: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Project {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub procurement_types: Vec<String>,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub cpv_codes: Vec<String>,
    pub sites: Vec<String>,
    pub special_category_data: bool,
    pub stage: String,
    /// Planned start and end per phase, `YYYY-MM-DD` or null.
    pub planned: Vec<Option<String>>,
    pub catalog_edition: String,
    pub version: i64,
    pub stakeholders: Vec<Stakeholder>,
    /// Sign-offs made in this instance: the only ones the gate counts.
    pub sign_offs: Vec<SignOff>,
    pub items: Vec<Item>,
    /// For a project imported from a file: what the file claimed, kept
    /// apart and not verified.
    pub imported_history: Option<ImportedHistory>,
}

/// What the file a project was imported from claimed about its past.
/// None of it is verified and none of it counts: the project's own stage,
/// sign-offs and timeline are those made in this instance.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedHistory {
    /// Always false: the claims are shown as the file stated them.
    pub verified: bool,
    /// SHA-256 of the imported file, computed when it was received.
    pub file_sha256: String,
    pub imported_by: Option<String>,
    pub imported_at: i64,
    /// The file's own claims first, then those it carried from earlier imports.
    #[schema(value_type = Vec<Object>)]
    pub claimed: Vec<procura_service::ImportedHistoryData>,
}

fn evidence(view: &ProjectView, record: &EvidenceRecord) -> Evidence {
    Evidence {
        id: record.id.to_string(),
        kind: record.kind.id().to_owned(),
        name: record.name.clone(),
        url: record.url.clone(),
        sha256: record.sha256.clone(),
        size: record.size,
        content_type: record.content_type.clone(),
        uploaded_by: view.email_of(record.uploaded_by).map(str::to_owned),
        created_at: record.created_at.millis(),
    }
}

fn item(view: &ProjectView, record: &ItemRecord, today: Day) -> Item {
    Item {
        id: record.id.to_string(),
        phase: record.phase.id().to_owned(),
        practice: record.practice.id(),
        status: record.status.id().to_owned(),
        justification: record.justification.clone(),
        owner: record
            .owner_id
            .and_then(|o| view.email_of(o))
            .map(str::to_owned),
        due_date: record.due_date.map(|d| d.to_string()),
        overdue: is_overdue(record.due_date, record.status, today),
        notes: record.notes.clone(),
        retired: record.retired,
        version: record.version,
        updated_at: record.updated_at.millis(),
        evidence: view
            .evidence
            .iter()
            .filter(|e| e.item_id == record.id)
            .map(|e| evidence(view, e))
            .collect(),
    }
}

fn project(view: &ProjectView) -> Project {
    let p = &view.project;
    let today = Day::from_unix_millis(now().millis());
    Project {
        id: p.id.to_string(),
        reference: p.reference.clone(),
        title: p.title.clone(),
        description: p.description.clone(),
        procurement_types: p
            .procurement_types
            .iter()
            .map(|t| t.id().to_owned())
            .collect(),
        estimated_value: p.estimated_value,
        currency: p.currency.clone(),
        cpv_codes: p.cpv_codes.clone(),
        sites: p.sites.clone(),
        special_category_data: p.special_category_data,
        stage: p.stage.id().to_owned(),
        planned: p.planned.as_texts().to_vec(),
        catalog_edition: p.catalog_edition.clone(),
        version: p.version,
        stakeholders: view
            .stakeholders
            .iter()
            .map(|s| Stakeholder {
                user_id: s.user_id.to_string(),
                email: s.email.clone(),
                role: s.role.id().to_owned(),
            })
            .collect(),
        sign_offs: view
            .sign_offs
            .iter()
            .map(|s| SignOff {
                phase: s.phase.id().to_owned(),
                signed_by: view.email_of(s.signed_by).map(str::to_owned),
                signed_at: s.signed_at.millis(),
                comment: s.comment.clone(),
            })
            .collect(),
        items: view
            .items
            .iter()
            .map(|record| item(view, record, today))
            .collect(),
        imported_history: view.imported.as_ref().map(|history| {
            let imported_by = view.email_of(history.imported_by).map(str::to_owned);
            let mut claimed = history.claimed.clone();
            if let Some(own) = claimed.first_mut() {
                own.imported_by.clone_from(&imported_by);
            }
            ImportedHistory {
                verified: false,
                file_sha256: history.file_sha256.clone(),
                imported_by,
                imported_at: history.imported_at.millis(),
                claimed,
            }
        }),
    }
}

fn project_id(id: &str) -> WebResult<ProjectId> {
    ProjectId::parse(id).ok_or_else(WebError::not_found)
}

/// The most projects one page of the API lists.
const MAX_PER_PAGE: u32 = 500;

/// A page number or size as the document states it: a whole number from 1
/// to `max`; anything else is refused rather than quietly changed.
fn page_parameter(value: Option<String>, max: u32, default: u32) -> WebResult<u32> {
    match value {
        None => Ok(default),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|number| (1..=max).contains(number))
            .ok_or_else(|| {
                WebError::bad_request("error-page-parameter").with("max", MAX_PER_PAGE.to_string())
            }),
    }
}

/// The projects the caller may see, with their progress per phase, by
/// reference, a page at a time; `X-Total-Count` gives the number matching.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects",
    params(
        ("page" = Option<u32>, Query, description = "Page number from 1"),
        ("per_page" = Option<u32>, Query, description = "Projects per page, 1 to 500 (default 100)"),
        ("type" = Option<String>, Query, description = "Procurement type"),
        ("stage" = Option<String>, Query, description = "planning, supplier-selection, management or closed"),
        ("q" = Option<String>, Query, description = "Words in reference, title or description"),
    ),
    responses((status = 200, body = Vec<ProjectSummary>, headers(("x-total-count" = u64, description = "Projects matching the filters"))), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    context: RequestContext,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let filter = PortfolioFilter {
        procurement_type: get("type")
            .map(|v| state.catalog.resolve_procurement_type(&v))
            .transpose()
            .map_err(crate::filters::invalid_filter)?,
        stage: get("stage")
            .map(|v| Stage::parse(&v).ok_or_else(|| WebError::bad_request("error-unknown-stage")))
            .transpose()?,
        owner: None,
        text: get("q"),
    };
    let today = Day::from_unix_millis(now().millis());
    let page = procura_service::PageRequest {
        number: page_parameter(get("page"), u32::MAX, 1)?,
        per_page: page_parameter(get("per_page"), MAX_PER_PAGE, 100)?,
    };
    let result = state
        .services
        .portfolio(principal, &filter, today, page)
        .await?;
    let total = result.total;
    let body = Json(
        result
            .entries
            .into_iter()
            .map(|entry| ProjectSummary {
                id: entry.project.id.to_string(),
                reference: entry.project.reference.clone(),
                title: entry.project.title.clone(),
                stage: entry.project.stage.id().to_owned(),
                procurement_types: entry
                    .project
                    .procurement_types
                    .iter()
                    .map(|t| t.id().to_owned())
                    .collect(),
                progress: entry
                    .progress
                    .iter()
                    .map(|(phase, settled, total)| PhaseProgress {
                        phase: phase.id().to_owned(),
                        settled: *settled,
                        total: *total,
                    })
                    .collect(),
                overdue: entry.overdue,
                version: entry.project.version,
            })
            .collect::<Vec<_>>(),
    );
    let mut response = axum::response::IntoResponse::into_response(body);
    if let Ok(value) = axum::http::HeaderValue::from_str(&total.to_string()) {
        response.headers_mut().insert("x-total-count", value);
    }
    Ok(response)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectBody {
    pub reference: String,
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub description: String,
    /// Procurement type ids (friendly names and prefixes accepted).
    pub procurement_types: Vec<String>,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    #[serde(default)]
    pub cpv_codes: Vec<String>,
    /// One site per entry, each at most 200 characters.
    #[serde(default)]
    pub sites: Vec<String>,
    #[serde(default)]
    pub special_category_data: bool,
    /// Up to six dates: start and end of planning, supplier selection and management.
    #[serde(default)]
    pub planned: Vec<Option<String>>,
    /// E-mail and project role (buyer, ciso, cio, cto, it, clinical-referent, viewer).
    #[serde(default)]
    pub stakeholders: Vec<StakeholderBody>,
    /// For updates: the version last read.
    pub version: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StakeholderBody {
    pub email: String,
    pub role: String,
}

fn input(state: &AppState, body: &ProjectBody) -> WebResult<ProjectInput> {
    let mut procurement_types = Vec::new();
    for value in &body.procurement_types {
        procurement_types.push(
            state
                .catalog
                .resolve_procurement_type(value)
                .map_err(crate::filters::invalid_filter)?,
        );
    }
    let mut planned: [Option<String>; 6] = Default::default();
    for (slot, value) in planned.iter_mut().zip(&body.planned) {
        slot.clone_from(value);
    }
    Ok(ProjectInput {
        reference: body.reference.clone(),
        title: body.title.clone(),
        description: body.description.clone(),
        procurement_types,
        estimated_value: body.estimated_value.map(|v| v.to_string()),
        currency: body.currency.clone(),
        cpv_codes: body.cpv_codes.clone(),
        sites: body.sites.clone(),
        special_category_data: body.special_category_data,
        planned,
        stakeholders: body
            .stakeholders
            .iter()
            .map(|s| (s.email.clone(), s.role.clone()))
            .collect(),
    })
}

/// Creates a project and its checklist from the catalogue.
#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", request_body = ProjectBody,
    responses((status = 201, body = Project), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<ProjectBody>,
) -> WebResult<(StatusCode, Json<Project>)> {
    let principal = context.principal()?;
    let created = state
        .services
        .create_project(principal, state.catalog, &input(&state, &body)?, now())
        .await?;
    let view = state.services.project(principal, created.id).await?;
    Ok((StatusCode::CREATED, Json(project(&view))))
}

#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Project), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Json<Project>> {
    let principal = context.principal()?;
    Ok(Json(project(
        &state.services.project(principal, project_id(&id)?).await?,
    )))
}

/// Replaces the project's fields; `version` must be the one last read (409 otherwise).
#[utoipa::path(patch, path = "/api/v1/projects/{id}", tag = "projects", request_body = ProjectBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Project), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ProjectBody>,
) -> WebResult<Json<Project>> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let version = body
        .version
        .ok_or_else(|| WebError::invalid("invalid-version"))?;
    state
        .services
        .update_project(
            principal,
            state.catalog,
            id,
            &input(&state, &body)?,
            version,
            now(),
        )
        .await?;
    Ok(Json(project(&state.services.project(principal, id).await?)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CommentBody {
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub comment: String,
}

/// The caller, a CISO stakeholder, signs off the current phase.
#[utoipa::path(post, path = "/api/v1/projects/{id}/sign-off", tag = "projects", request_body = CommentBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn sign_off(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CommentBody>,
) -> WebResult<StatusCode> {
    let principal = context.principal()?;
    state
        .services
        .sign_off(principal, project_id(&id)?, &body.comment, now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AdvanceBody {
    /// An administrator's reason to move on whatever the gate says.
    #[schema(max_length = 4000)]
    pub force_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Advanced {
    pub stage: String,
}

/// Moves the project to its next stage. Refused (409, `gate_refused`) while
/// items of the current phase are open or the phase is not signed off; the
/// message lists the open items.
#[utoipa::path(post, path = "/api/v1/projects/{id}/advance", tag = "projects", request_body = AdvanceBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Advanced), (status = 409, body = ErrorBody)))]
pub async fn advance(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AdvanceBody>,
) -> WebResult<Json<Advanced>> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let result = match body.force_reason {
        Some(reason) => {
            state
                .services
                .force_advance(principal, id, &reason, now())
                .await
        }
        None => state.services.advance(principal, id, now()).await,
    };
    match result {
        Ok(stage) => Ok(Json(Advanced {
            stage: stage.id().to_owned(),
        })),
        Err(procura_service::ServiceError::Gate(refusal)) => {
            Err(crate::pages::projects::gate_error(&refusal))
        }
        Err(error) => Err(error.into()),
    }
}

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
    Path(id): Path<String>,
    Query(query): Query<FormatQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.project(principal, project_id(&id)?).await?;
    let format = query.format.unwrap_or_else(|| "xlsx".to_owned());
    let (bytes, content_type, extension) =
        crate::exports::checklist(&state, &view, &format, context.lang)?;
    crate::pages::projects::attachment(
        bytes,
        content_type,
        &format!(
            "{}-checklist.{extension}",
            view.project.reference.replace('/', "-")
        ),
    )
}

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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ItemBody>,
) -> WebResult<Json<Item>> {
    let principal = context.principal()?;
    let id = ItemId::parse(&id).ok_or_else(WebError::not_found)?;
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
    Ok(Json(item(
        &view,
        &saved,
        Day::from_unix_millis(now().millis()),
    )))
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<EvidenceLinkBody>,
) -> WebResult<(StatusCode, Json<Evidence>)> {
    let principal = context.principal()?;
    let id = ItemId::parse(&id).ok_or_else(WebError::not_found)?;
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
    Path(id): Path<String>,
    multipart: Multipart,
) -> WebResult<(StatusCode, Json<Evidence>)> {
    let principal = context.principal()?;
    let id = ItemId::parse(&id).ok_or_else(WebError::not_found)?;
    let (name, bytes) = crate::pages::projects::read_upload(multipart).await?;
    let record = state
        .services
        .add_evidence_file(principal, id, &name, bytes, now())
        .await?;
    let view = state.services.project(principal, record.project_id).await?;
    Ok((StatusCode::CREATED, Json(evidence(&view, &record))))
}

#[utoipa::path(get, path = "/api/v1/evidence/{id}", tag = "projects", params(("id" = String, Path, description = "Evidence id")),
    responses((status = 200, description = "The file, as an attachment"), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = EvidenceId::parse(&id).ok_or_else(WebError::not_found)?;
    let (record, bytes) = state.services.evidence_file(principal, id).await?;
    crate::pages::projects::attachment(
        bytes,
        record
            .content_type
            .as_deref()
            .unwrap_or("application/octet-stream"),
        &record.name,
    )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyItem {
    pub project_id: String,
    pub reference: String,
    pub item: Item,
}

/// The caller's own items across projects, by due date.
#[utoipa::path(get, path = "/api/v1/my-items", tag = "projects", responses((status = 200, body = Vec<MyItem>)))]
pub async fn my_items(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<MyItem>>> {
    let principal = context.principal()?;
    let today = Day::from_unix_millis(now().millis());
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
    Path(id): Path<String>,
    Query(query): Query<ArchiveQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let zip = query.archive.as_deref() == Some("zip");
    crate::exports::project_archive(&state, principal, project_id(&id)?, zip).await
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
    body: Result<Bytes, BytesRejection>,
) -> WebResult<(StatusCode, Json<Project>)> {
    let principal = context.principal()?;
    // A body past the upload limit is refused in the API's error shape,
    // not as axum's plain-text rejection.
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "error-too-large",
            )
        } else {
            WebError::bad_request("error-malformed-upload").with("detail", rejection.body_text())
        }
    })?;
    let file = crate::exports::read_import(&state, body).await?;
    let created = state
        .services
        .import_project(principal, state.catalog, file, now())
        .await?;
    let view = state.services.project(principal, created.id).await?;
    Ok((StatusCode::CREATED, Json(project(&view))))
}
