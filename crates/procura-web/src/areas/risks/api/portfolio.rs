//! The organisation's risks over the API: the portfolio across projects,
//! and the risk matrix and appetite.

use axum::Json;
use axum::extract::State;
use procura_domain::RiskSettings;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::areas::risks::wire::{Risk, risk};
use crate::auth::now;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::kit::json_body::JsonBody;
use crate::render::RequestContext;
use crate::state::AppState;

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
