//! A project's risk register over the API: its risks, reviews and DPIA
//! screening, and its documents — the same use cases as the pages.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use procura_domain::{ProjectId, RiskId};
use procura_service::risks::RiskInput;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::areas::risks::documents;
use crate::areas::risks::wire::{Dpia, Register, Review, Risk, dpia, register, risk};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::{Id, Segments};
use crate::kit::json_body::JsonBody;
use crate::kit::lang::LangQuery;
use crate::render::RequestContext;
use crate::state::AppState;

/// The project's risk register, reviews and DPIA screening.
#[utoipa::path(get, path = "/api/v1/projects/{id}/risks", tag = "risks", params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Register), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Json<Register>> {
    let principal = context.principal()?;
    let view = state.services.register(principal, id).await?;
    Ok(Json(register(&view)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskBody {
    pub threat_group: String,
    #[serde(default)]
    pub example: String,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub description: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub asset: String,
    pub likelihood: u8,
    pub severity: u8,
    /// reduce, accept, transfer or avoid.
    #[serde(default)]
    pub treatment: String,
    /// The owner's e-mail address.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due_date: String,
    /// Practice numbers; left out on a new risk, the suggested ones.
    #[serde(default)]
    pub practices: Vec<u8>,
    #[serde(default)]
    pub requirements: Vec<String>,
    pub residual_likelihood: Option<u8>,
    pub residual_severity: Option<u8>,
    /// The version last read (updates only).
    pub version: Option<i64>,
}

fn input(body: &RiskBody) -> RiskInput {
    RiskInput {
        threat_group: body.threat_group.clone(),
        example: body.example.clone(),
        description: body.description.clone(),
        asset: body.asset.clone(),
        likelihood: body.likelihood.to_string(),
        severity: body.severity.to_string(),
        treatment: body.treatment.clone(),
        owner: body.owner.clone(),
        due_date: body.due_date.clone(),
        practices: body.practices.clone(),
        requirements: body.requirements.clone(),
        residual_likelihood: body
            .residual_likelihood
            .map(|s| s.to_string())
            .unwrap_or_default(),
        residual_severity: body
            .residual_severity
            .map(|s| s.to_string())
            .unwrap_or_default(),
    }
}

async fn one(state: &AppState, context: &RequestContext, id: RiskId) -> WebResult<Risk> {
    let (view, register) = state.services.risk(context.principal()?, id).await?;
    Ok(risk(&view, &register.people))
}

/// Adds an open risk to the register.
#[utoipa::path(post, path = "/api/v1/projects/{id}/risks", tag = "risks", request_body = RiskBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 201, body = Risk), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<RiskBody>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let record = state
        .services
        .add_risk(principal, state.catalog, id, &input(&body), now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(one(&state, &context, record.id).await?),
    )
        .into_response())
}

/// Replaces a risk's fields; `version` must be the one last read (409 otherwise).
#[utoipa::path(patch, path = "/api/v1/risks/{id}", tag = "risks", request_body = RiskBody, params(("id" = String, Path, description = "Risk id")),
    responses((status = 200, body = Risk), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<RiskId>,
    JsonBody(body): JsonBody<RiskBody>,
) -> WebResult<Json<Risk>> {
    let principal = context.principal()?;
    let version = body
        .version
        .ok_or_else(|| WebError::invalid("invalid-version"))?;
    state
        .services
        .update_risk(principal, state.catalog, id, &input(&body), version, now())
        .await?;
    Ok(Json(one(&state, &context, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// open (take a proposed risk) or dismissed (set it aside).
    pub status: String,
    pub version: i64,
    /// Why a risk is set aside: required with `dismissed`.
    #[serde(default)]
    pub reason: String,
}

/// Takes a proposed risk into the register, or sets it aside.
#[utoipa::path(post, path = "/api/v1/risks/{id}/status", tag = "risks", request_body = StatusBody, params(("id" = String, Path, description = "Risk id")),
    responses((status = 200, body = Risk), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<RiskId>,
    JsonBody(body): JsonBody<StatusBody>,
) -> WebResult<Json<Risk>> {
    state
        .services
        .set_risk_status(
            context.principal()?,
            id,
            &body.status,
            body.version,
            &body.reason,
            now(),
        )
        .await?;
    Ok(Json(one(&state, &context, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    pub version: i64,
}

/// The project's CISO accepts the residual risk.
#[utoipa::path(post, path = "/api/v1/risks/{id}/accept", tag = "risks", request_body = VersionBody, params(("id" = String, Path, description = "Risk id")),
    responses((status = 200, body = Risk), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<RiskId>,
    JsonBody(body): JsonBody<VersionBody>,
) -> WebResult<Json<Risk>> {
    state
        .services
        .accept_residual(context.principal()?, id, body.version, now())
        .await?;
    Ok(Json(one(&state, &context, id).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub note: String,
}

/// Records a review of the register in the project's current phase.
#[utoipa::path(post, path = "/api/v1/projects/{id}/risks/review", tag = "risks", request_body = ReviewBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 201, body = Review), (status = 403, body = ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<ReviewBody>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let record = state
        .services
        .review_risks(principal, id, &body.note, now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Review {
            stage: record.stage.id().to_owned(),
            reviewed_by: Some(principal.email.to_string()),
            reviewed_at: record.reviewed_at.millis(),
            summary: record.summary,
        }),
    )
        .into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DpiaBody {
    /// Ids of the EDPB criteria met.
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub decision: String,
    /// 0 for the first screening, then the version last read.
    #[serde(default)]
    pub version: i64,
}

/// Saves the DPIA screening; two or more criteria make a DPIA required.
#[utoipa::path(put, path = "/api/v1/projects/{id}/dpia", tag = "risks", request_body = DpiaBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Dpia), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn screen(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<DpiaBody>,
) -> WebResult<Json<Dpia>> {
    let principal = context.principal()?;
    state
        .services
        .screen_dpia(
            principal,
            id,
            &body.criteria,
            &body.decision,
            body.version,
            now(),
        )
        .await?;
    let view = state.services.register(principal, id).await?;
    let record = view.dpia.as_ref().ok_or_else(WebError::internal)?;
    Ok(Json(dpia(record, &view)))
}

/// The register as `register.xlsx` or `register.csv`, the report as
/// `report.docx` or `report.pdf`.
#[utoipa::path(get, path = "/api/v1/projects/{id}/risks/{file}", tag = "risks",
    params(("id" = String, Path, description = "Project id"), ("file" = String, Path, description = "register.xlsx, register.csv, report.docx or report.pdf"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The document"), (status = 404, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), file): Segments<Id<ProjectId>, String>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    documents::register_file(&state, &context, id, &file, &query).await
}
