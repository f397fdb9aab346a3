//! The organisation's risk portfolio: the highest risks across projects,
//! those untreated and those above the appetite; and the risk matrix and
//! appetite administrators set.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use procura_domain::{RiskLevel, Step};
use procura_service::risks::RiskView;

use crate::areas::risks::lines::{RiskLine, level_name, line};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{Choice, fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct PortfolioLine {
    pub project_id: String,
    pub reference: String,
    pub risk: RiskLine,
}

#[derive(Template)]
#[template(path = "risks_portfolio.html")]
pub struct PortfolioPage {
    pub page: Page,
    pub top: Vec<PortfolioLine>,
    pub untreated: Vec<PortfolioLine>,
    pub over: Vec<PortfolioLine>,
    pub over_title: String,
    pub can_configure: bool,
    pub version: i64,
    pub levels: Vec<Choice>,
    /// Rows likelihood 1 → 4, each with four cells: (field name, chosen level id).
    pub matrix: Vec<(u8, Vec<(String, String)>)>,
    pub error: Option<String>,
}

async fn portfolio_page(
    state: &AppState,
    context: &RequestContext,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let tr = context.tr();
    let (risks, settings, people) = state.services.risk_portfolio(principal).await?;
    let page = Page::new(state, context, "risks", tr.t("risks-portfolio")).await;
    let to_line = |(risk, reference, _): &(RiskView, String, String)| PortfolioLine {
        project_id: risk.record.project_id.to_string(),
        reference: reference.clone(),
        risk: line(state, &tr, &people, false, risk),
    };
    let status = error.as_ref().map(|e| e.status);
    let template = PortfolioPage {
        top: risks.iter().take(10).map(to_line).collect(),
        untreated: risks
            .iter()
            .filter(|(risk, _, _)| risk.record.treatment.is_none())
            .map(to_line)
            .collect(),
        over: risks
            .iter()
            .filter(|(risk, _, _)| risk.above_appetite)
            .map(to_line)
            .collect(),
        over_title: tr.with(
            "risks-over-appetite",
            &[("level", level_name(&tr, settings.appetite).into())],
        ),
        can_configure: principal.can(procura_domain::Permission::ManageUsers),
        version: settings.version,
        levels: RiskLevel::ALL
            .iter()
            .map(|level| Choice {
                id: level.id().to_owned(),
                name: level_name(&tr, *level),
                selected: *level == settings.appetite,
            })
            .collect(),
        matrix: Step::ALL
            .iter()
            .map(|l| {
                (
                    l.get(),
                    Step::ALL
                        .iter()
                        .map(|s| {
                            (
                                format!("cell-{}-{}", l.get(), s.get()),
                                settings.matrix.level(*l, *s).id().to_owned(),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

pub async fn portfolio(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    portfolio_page(&state, &context, None).await
}

pub async fn settings(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let mut matrix = Vec::new();
    for l in 1..=4 {
        for s in 1..=4 {
            matrix.push(form.get(&format!("cell-{l}-{s}")).to_owned());
        }
    }
    match state
        .services
        .save_risk_settings(principal, &matrix, form.get("appetite"), version, now())
        .await
    {
        Ok(_) => Ok(redirect("/risks")),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            portfolio_page(&state, &context, Some(error)).await
        }
    }
}
