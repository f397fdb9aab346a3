//! The register's forms: adding a risk, taking or setting aside a proposed
//! one, accepting a residual risk, reviewing the register and screening
//! for a DPIA. A refusal the person can fix is shown on the register.

use axum::extract::State;
use axum::response::Response;
use procura_domain::{ProjectId, RiskId};

use super::form::risk_input;
use super::register::render_page;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::fixable;
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::Id;
use crate::render::{RequestContext, redirect};
use crate::state::AppState;

/// Answers a form post: back to the register, or the register with the
/// error when the person can fix it.
async fn finish<T>(
    state: &AppState,
    context: &RequestContext,
    project: procura_domain::ProjectId,
    result: Result<T, procura_service::ServiceError>,
) -> WebResult<Response> {
    match result {
        Ok(_) => Ok(redirect(&format!("/projects/{project}/risks"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            let principal = context.principal()?;
            let view = state.services.register(principal, project).await?;
            render_page(state, context, &view, Some(error)).await
        }
    }
}

pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let input = risk_input(&form);
    let result = state
        .services
        .add_risk(principal, state.catalog, id, &input, now())
        .await;
    finish(&state, &context, id, result).await
}

pub async fn review(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = state
        .services
        .review_risks(principal, id, form.get("note"), now())
        .await;
    finish(&state, &context, id, result).await
}

pub async fn dpia(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let criteria: Vec<String> = form
        .all("criterion")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let result = state
        .services
        .screen_dpia(
            principal,
            id,
            &criteria,
            form.get("decision"),
            version,
            now(),
        )
        .await;
    finish(&state, &context, id, result).await
}

/// Takes or sets aside a proposed risk.
pub async fn status(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<RiskId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let result = state
        .services
        .set_risk_status(principal, id, form.get("status"), version, now())
        .await;
    let project = match &result {
        Ok(risk) => risk.project_id,
        Err(_) => project_of(&state, &context, id).await?,
    };
    finish(&state, &context, project, result).await
}

pub async fn accept(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<RiskId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let result = state
        .services
        .accept_residual(principal, id, version, now())
        .await;
    let project = match &result {
        Ok(risk) => risk.project_id,
        Err(_) => project_of(&state, &context, id).await?,
    };
    finish(&state, &context, project, result).await
}

async fn project_of(
    state: &AppState,
    context: &RequestContext,
    id: RiskId,
) -> WebResult<procura_domain::ProjectId> {
    Ok(state
        .services
        .risk(context.principal()?, id)
        .await?
        .0
        .record
        .project_id)
}
