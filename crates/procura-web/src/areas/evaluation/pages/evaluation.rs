//! The evaluation of a project's bids: the scoring rules, the bids and
//! their ranking, the requirements × bids grid, and the report.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use procura_domain::{Lang, ProjectId, RequirementKind};
use procura_i18n::MessageKey;
use procura_service::bids::{BidView, EvaluationView, RulesInput};
use serde::Deserialize;

use crate::areas::evaluation::grid::{BidRow, Cell, bid_row, cell};
use crate::areas::evaluation::report;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::{Id, Segments};
use crate::kit::lang::LangQuery;
use crate::kit::summaries::commitment_lines;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct GridRow {
    pub code: String,
    pub kind: String,
    pub weight: String,
    /// The short title the grid shows; the text is on demand.
    pub title: String,
    pub text: String,
    pub cells: Vec<Cell>,
}

pub struct Download {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "bids.html")]
pub struct EvaluationPage {
    pub page: Page,
    pub tabs: crate::kit::tabs::ProjectTabs,
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub can_evaluate: bool,
    pub requirements: usize,
    pub bids: Vec<BidRow>,
    pub columns: Vec<String>,
    pub grid: Vec<GridRow>,
    pub only_eligible: bool,
    pub differences: bool,
    pub suppliers: Vec<String>,
    pub rules_version: i64,
    pub partial_fails: bool,
    pub credit_yes: u32,
    pub credit_partial: u32,
    pub credit_no: u32,
    pub downloads: Vec<Download>,
    pub commitments: Vec<(String, String)>,
    pub error: Option<String>,
    pub problems: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct GridQuery {
    eligible: Option<String>,
    differences: Option<String>,
}

async fn render_evaluation(
    state: &AppState,
    context: &RequestContext,
    view: &EvaluationView,
    query: &GridQuery,
    error: Option<WebError>,
) -> WebResult<Response> {
    let lang = context.lang;
    let tr = context.tr();
    let principal = context.principal()?;
    let project = &view.tender.project;
    let title = format!("{} — {}", tr.t("bids-page-title"), project.reference);
    let page = Page::new(state, context, "projects", title).await;
    let only_eligible = query.eligible.as_deref() == Some("1");
    let differences = query.differences.as_deref() == Some("1");
    let shown: Vec<&BidView> = view
        .ranked()
        .into_iter()
        .filter(|bid| !only_eligible || bid.score.eligible)
        .collect();
    let grid = view
        .criteria
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let cells: Vec<Cell> = shown.iter().map(|bid| cell(context, bid, index)).collect();
            let same = cells.windows(2).all(|pair| pair[0].label == pair[1].label);
            if differences && same {
                return None;
            }
            Some(GridRow {
                code: line.code.to_string(),
                kind: tr.t(&line.kind.message_key()),
                weight: if line.kind == RequirementKind::Award {
                    format!("{} %", line.weight)
                } else {
                    String::new()
                },
                title: line.title.get(lang).to_owned(),
                text: line.text.get(lang).to_owned(),
                cells,
            })
        })
        .collect();
    let suppliers = state
        .services
        .suppliers(principal, now())
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let id = project.id;
    let mut downloads = Vec::new();
    for doc_lang in [Lang::Fr, Lang::En] {
        for extension in ["docx", "pdf", "xlsx"] {
            downloads.push(Download {
                href: format!(
                    "/projects/{id}/evaluation/report.{extension}?lang={}",
                    doc_lang.code()
                ),
                label: tr.with(
                    "bids-download-report",
                    &[
                        ("format", extension.to_uppercase().into()),
                        ("lang", doc_lang.code().to_uppercase().into()),
                    ],
                ),
            });
        }
    }
    let commitments = view
        .commitments
        .as_ref()
        .and_then(|c| view.bid(c.bid_id).map(|b| commitment_lines(&tr, &b.bid, c)))
        .unwrap_or_default();
    let status = error.as_ref().map(|e| e.status);
    let template = EvaluationPage {
        tabs: crate::kit::tabs::ProjectTabs::new(&tr, project, crate::kit::tabs::ProjectTab::Bids),
        project_id: id.to_string(),
        reference: project.reference.to_string(),
        project_title: project.title.clone(),
        can_evaluate: view.can_evaluate,
        requirements: view.criteria.len(),
        bids: view
            .ranked()
            .into_iter()
            .map(|b| bid_row(context, b))
            .collect(),
        columns: shown
            .iter()
            .map(|bid| bid.bid.supplier_name.clone())
            .collect(),
        grid,
        only_eligible,
        differences,
        suppliers,
        rules_version: view.rules_version,
        partial_fails: view.rules.partial_fails_eligibility,
        credit_yes: view.rules.yes,
        credit_partial: view.rules.partial,
        credit_no: view.rules.no,
        downloads,
        commitments,
        problems: error
            .as_ref()
            .map(|e| e.problems.iter().map(|p| p.message(lang)).collect())
            .unwrap_or_default(),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<GridQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    render_evaluation(&state, &context, &view, &query, None).await
}

/// Shows the evaluation again with the error of a refused form.
async fn evaluation_error(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    error: WebError,
) -> WebResult<Response> {
    if !fixable(&error) {
        return Err(error);
    }
    let principal = context.principal()?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    render_evaluation(state, context, &view, &GridQuery::default(), Some(error)).await
}

pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .add_bid(
            principal,
            id,
            form.get("supplier"),
            form.get("offer"),
            form.get("product_version"),
            now(),
        )
        .await
    {
        Ok(bid) => Ok(redirect(&format!("/bids/{}?done=added", bid.id))),
        Err(error) => evaluation_error(&state, &context, id, error.into()).await,
    }
}

pub async fn rules(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let input = RulesInput {
        partial_fails_eligibility: form.get("partial_fails") == "on",
        yes: form.get("yes").to_owned(),
        partial: form.get("partial").to_owned(),
        no: form.get("no").to_owned(),
    };
    match state
        .services
        .save_scoring_rules(principal, id, version, &input, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}/bids?done=saved"))),
        Err(error) => evaluation_error(&state, &context, id, error.into()).await,
    }
}

/// `report.docx`, `report.pdf` or `report.xlsx`.
pub async fn report(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), file): Segments<Id<ProjectId>, String>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    report::report(&state, &context, id, &file, &query).await
}
