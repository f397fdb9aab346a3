//! Risk registers, reviews, DPIA screening and risk settings over the API:
//! the same use cases as the pages.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use procura_domain::{DpiaRecord, RiskId, RiskSettings, Step};
use procura_service::risks::{RegisterView, RiskInput, RiskView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::JsonBody;
use super::types::ErrorBody;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::pages::projects::project_id;
use crate::render::RequestContext;
use crate::state::AppState;

fn risk_id(id: &str) -> WebResult<RiskId> {
    RiskId::parse(id).ok_or_else(WebError::not_found)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Risk {
    pub id: String,
    pub project: String,
    /// proposed, open or dismissed.
    pub status: String,
    pub threat_group: String,
    pub example: Option<String>,
    pub description: String,
    pub asset: String,
    pub likelihood: u8,
    pub severity: u8,
    /// low, moderate, high or critical, from the organisation's matrix.
    pub inherent: String,
    pub treatment: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub practices: Vec<String>,
    pub requirements: Vec<String>,
    pub residual_likelihood: Option<u8>,
    pub residual_severity: Option<u8>,
    pub residual: Option<String>,
    pub above_appetite: bool,
    pub accepted_by: Option<String>,
    pub version: i64,
}

fn risk(view: &RiskView, people: &[(procura_domain::UserId, String)]) -> Risk {
    let record = &view.record;
    let email = |id: procura_domain::UserId| {
        people
            .iter()
            .find(|(user, _)| *user == id)
            .map(|(_, email)| email.clone())
    };
    Risk {
        id: record.id.to_string(),
        project: record.project_id.to_string(),
        status: record.status.id().to_owned(),
        threat_group: record.threat_group.id().to_owned(),
        example: record.example.clone(),
        description: record.description.clone(),
        asset: record.asset.clone(),
        likelihood: record.likelihood.get(),
        severity: record.severity.get(),
        inherent: view.inherent.id().to_owned(),
        treatment: record.treatment.map(|t| t.id().to_owned()),
        owner: record.owner_id.and_then(email),
        due_date: record.due_date.map(|d| d.to_string()),
        practices: record.practices.iter().map(|n| n.id()).collect(),
        requirements: record.requirements.clone(),
        residual_likelihood: record.residual_likelihood.map(Step::get),
        residual_severity: record.residual_severity.map(Step::get),
        residual: view.residual.map(|l| l.id().to_owned()),
        above_appetite: view.above_appetite,
        accepted_by: record.accepted_by.and_then(email),
        version: record.version,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Review {
    pub stage: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: i64,
    pub summary: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Dpia {
    pub criteria: Vec<String>,
    pub required: bool,
    pub decision: String,
    pub decided_by: Option<String>,
    pub decided_at: i64,
    pub version: i64,
}

fn dpia(record: &DpiaRecord, view: &RegisterView) -> Dpia {
    Dpia {
        criteria: record.criteria.iter().map(|c| c.id().to_owned()).collect(),
        required: record.required,
        decision: record.decision.clone(),
        decided_by: view.email_of(record.decided_by).map(str::to_owned),
        decided_at: record.decided_at.millis(),
        version: record.version,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Register {
    pub project: String,
    pub stage: String,
    pub reviewed_this_stage: bool,
    pub appetite: String,
    pub can_edit: bool,
    pub can_accept: bool,
    pub risks: Vec<Risk>,
    pub reviews: Vec<Review>,
    pub dpia: Option<Dpia>,
}

fn register(view: &RegisterView) -> Register {
    Register {
        project: view.project.id.to_string(),
        stage: view.project.stage.id().to_owned(),
        reviewed_this_stage: view.reviewed_this_stage,
        appetite: view.settings.appetite.id().to_owned(),
        can_edit: view.can_edit,
        can_accept: view.can_accept,
        risks: view.risks.iter().map(|r| risk(r, &view.people)).collect(),
        reviews: view
            .reviews
            .iter()
            .map(|review| Review {
                stage: review.stage.id().to_owned(),
                reviewed_by: view.email_of(review.reviewed_by).map(str::to_owned),
                reviewed_at: review.reviewed_at.millis(),
                summary: review.summary.clone(),
            })
            .collect(),
        dpia: view.dpia.as_ref().map(|record| dpia(record, view)),
    }
}

/// The project's risk register, reviews and DPIA screening.
#[utoipa::path(get, path = "/api/v1/projects/{id}/risks", tag = "risks", params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Register), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Json<Register>> {
    let principal = context.principal()?;
    let view = state.services.register(principal, project_id(&id)?).await?;
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RiskBody>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let record = state
        .services
        .add_risk(
            principal,
            state.catalog,
            project_id(&id)?,
            &input(&body),
            now(),
        )
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RiskBody>,
) -> WebResult<Json<Risk>> {
    let principal = context.principal()?;
    let id = risk_id(&id)?;
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
}

/// Takes a proposed risk into the register, or sets it aside.
#[utoipa::path(post, path = "/api/v1/risks/{id}/status", tag = "risks", request_body = StatusBody, params(("id" = String, Path, description = "Risk id")),
    responses((status = 200, body = Risk), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<StatusBody>,
) -> WebResult<Json<Risk>> {
    let id = risk_id(&id)?;
    state
        .services
        .set_risk_status(context.principal()?, id, &body.status, body.version, now())
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<VersionBody>,
) -> WebResult<Json<Risk>> {
    let id = risk_id(&id)?;
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReviewBody>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let record = state
        .services
        .review_risks(principal, project_id(&id)?, &body.note, now())
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<DpiaBody>,
) -> WebResult<Json<Dpia>> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
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

#[derive(Debug, Serialize, ToSchema)]
pub struct PortfolioRisk {
    pub reference: String,
    pub title: String,
    #[serde(flatten)]
    pub risk: Risk,
}

/// The open risks of every project the caller may see, highest first.
#[utoipa::path(get, path = "/api/v1/risks", tag = "risks", responses((status = 200, body = [PortfolioRisk])))]
pub async fn portfolio(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<PortfolioRisk>>> {
    let (risks, _, people) = state.services.risk_portfolio(context.principal()?).await?;
    Ok(Json(
        risks
            .iter()
            .map(|(view, reference, title)| PortfolioRisk {
                reference: reference.clone(),
                title: title.clone(),
                risk: risk(view, &people),
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Settings {
    /// Sixteen level ids, likelihood 1 first, severity 1 to 4 within each.
    pub matrix: Vec<String>,
    pub appetite: String,
    /// 0 until first saved; send the version last read.
    pub version: i64,
}

fn settings(record: &RiskSettings) -> Settings {
    Settings {
        matrix: record
            .matrix
            .to_ids()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        appetite: record.appetite.id().to_owned(),
        version: record.version,
    }
}

/// The organisation's risk matrix and appetite.
#[utoipa::path(get, path = "/api/v1/risk-settings", tag = "risks", responses((status = 200, body = Settings)))]
pub async fn settings_show(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Settings>> {
    let record = state.services.risk_settings(context.principal()?).await?;
    Ok(Json(settings(&record)))
}

/// An administrator sets the matrix (never lowering the level as a step
/// rises) and the appetite.
#[utoipa::path(put, path = "/api/v1/risk-settings", tag = "risks", request_body = Settings,
    responses((status = 200, body = Settings), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn settings_save(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<Settings>,
) -> WebResult<Json<Settings>> {
    let record = state
        .services
        .save_risk_settings(
            context.principal()?,
            &body.matrix,
            &body.appetite,
            body.version,
            now(),
        )
        .await?;
    Ok(Json(settings(&record)))
}

/// The register as `register.xlsx` or `register.csv`, the report as
/// `report.docx` or `report.pdf`.
#[utoipa::path(get, path = "/api/v1/projects/{id}/risks/{file}", tag = "risks",
    params(("id" = String, Path, description = "Project id"), ("file" = String, Path, description = "register.xlsx, register.csv, report.docx or report.pdf"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The document"), (status = 404, body = ErrorBody)))]
pub async fn export(
    state: State<AppState>,
    context: RequestContext,
    path: Path<(String, String)>,
    query: axum::extract::Query<crate::pages::risks::LangQuery>,
) -> WebResult<Response> {
    crate::pages::risks::export(state, context, path, query).await
}
