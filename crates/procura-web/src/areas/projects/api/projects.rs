//! Procurement projects over the API: the portfolio, creating and editing a
//! project, sign-offs and the phase gate — the same use cases as the pages.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{ProjectId, Stage};
use procura_service::{PortfolioFilter, ProjectInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::areas::projects::wire::{PhaseProgress, Project, ProjectSummary, project};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::error_body::ErrorBody;
use crate::kit::forms::Fields;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::kit::time::today;
use crate::render::RequestContext;
use crate::state::AppState;

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
    let query = Fields::from_query(raw.as_deref().unwrap_or_default());
    let get = |name: &str| Some(query.get(name).trim().to_owned()).filter(|v| !v.is_empty());
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
    let page = procura_service::PageRequest {
        number: page_parameter(get("page"), u32::MAX, 1)?,
        per_page: page_parameter(get("per_page"), MAX_PER_PAGE, 100)?,
    };
    let result = state
        .services
        .portfolio(principal, &filter, today(), page)
        .await?;
    let total = result.total;
    let body = Json(
        result
            .entries
            .into_iter()
            .map(|entry| ProjectSummary {
                id: entry.project.id.to_string(),
                reference: entry.project.reference.to_string(),
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
    Id(id): Id<ProjectId>,
) -> WebResult<Json<Project>> {
    let principal = context.principal()?;
    Ok(Json(project(&state.services.project(principal, id).await?)))
}

/// Replaces the project's fields; `version` must be the one last read (409 otherwise).
#[utoipa::path(patch, path = "/api/v1/projects/{id}", tag = "projects", request_body = ProjectBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Project), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<ProjectBody>,
) -> WebResult<Json<Project>> {
    let principal = context.principal()?;
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
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<CommentBody>,
) -> WebResult<StatusCode> {
    let principal = context.principal()?;
    state
        .services
        .sign_off(principal, id, &body.comment, now())
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
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<AdvanceBody>,
) -> WebResult<Json<Advanced>> {
    let principal = context.principal()?;
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
        Err(procura_service::ServiceError::Gate(refusal)) => Err(WebError::gate_refused(&refusal)),
        Err(error) => Err(error.into()),
    }
}
