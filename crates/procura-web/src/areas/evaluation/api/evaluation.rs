//! A project's evaluation over the API: its bids ranked, the scoring rules
//! and the report — the same use cases as the pages.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::Response;
use procura_domain::ProjectId;
use procura_service::bids::RulesInput;

use crate::areas::evaluation::report;
use crate::areas::evaluation::wire::{Evaluation, Rules, evaluation};
use crate::auth::now;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::{Id, Segments};
use crate::kit::json_body::JsonBody;
use crate::kit::lang::LangQuery;
use crate::render::RequestContext;
use crate::state::AppState;

/// A project's bids with their eligibility, score and rank.
#[utoipa::path(get, path = "/api/v1/projects/{id}/bids", tag = "evaluation",
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Evaluation), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Json<Evaluation>> {
    let view = state
        .services
        .evaluation(context.principal()?, state.catalog, id)
        .await?;
    Ok(Json(evaluation(&view)))
}

/// Sets the project's scoring rules if nobody changed them since `version`.
#[utoipa::path(put, path = "/api/v1/projects/{id}/scoring-rules", tag = "evaluation", request_body = Rules,
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Evaluation), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rules(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<Rules>,
) -> WebResult<Json<Evaluation>> {
    let principal = context.principal()?;
    let input = RulesInput {
        partial_fails_eligibility: body.partial_fails_eligibility,
        yes: body.yes.to_string(),
        partial: body.partial.to_string(),
        no: body.no.to_string(),
    };
    state
        .services
        .save_scoring_rules(principal, id, body.version, &input, now())
        .await?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    Ok(Json(evaluation(&view)))
}

/// The evaluation report: `report.docx`, `report.pdf` or `report.xlsx`.
#[utoipa::path(get, path = "/api/v1/projects/{id}/evaluation/{file}", tag = "evaluation",
    params(("id" = String, Path, description = "Project id"), ("file" = String, Path, description = "report.docx, report.pdf or report.xlsx"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The document"), (status = 404, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), file): Segments<Id<ProjectId>, String>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    report::report(&state, &context, id, &file, &query).await
}
