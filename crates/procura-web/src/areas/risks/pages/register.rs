//! A project's risk register page: proposed risks to take or set aside,
//! the open risks with their heat maps, reviews and the DPIA screening;
//! and the forms that change the register, whose refusals the person can
//! fix are shown on it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_docs::risk::{HeatMap, heat_map_svg};
use procura_domain::{DpiaCriterion, ProjectId, RiskId, RiskStatus};
use procura_i18n::MessageKey;
use procura_service::risks::{RegisterView, ranked_mitigations};

use crate::areas::risks::documents;
use crate::areas::risks::lines::{RiskLine, heat_map, level_name, line, threat_text};
use crate::areas::risks::risk_form::{Current, owner_choices, risk_choices, risk_input};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::kit::form_page::{Choice, fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::{Id, Segments};
use crate::kit::lang::LangQuery;
use crate::kit::names::stage_name;
use crate::kit::summaries::dpia_lines;
use crate::kit::time::format_time;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct HeatView {
    pub title: String,
    pub svg: String,
    /// Rows likelihood 4 → 1: (likelihood, [(count, level name)]).
    pub rows: Vec<(u8, Vec<(u32, String)>)>,
}

fn heat_view(tr: &Tr, map: &HeatMap, id: &str, title: String) -> HeatView {
    HeatView {
        svg: heat_map_svg(map, id, &title, tr.0),
        rows: (1..=4u8)
            .rev()
            .map(|l| {
                (
                    l,
                    (0..4)
                        .map(|s| {
                            let index = usize::from(l - 1);
                            (map.counts[index][s], level_name(tr, map.levels[index][s]))
                        })
                        .collect(),
                )
            })
            .collect(),
        title,
    }
}

pub struct Proposed {
    pub id: String,
    pub version: i64,
    pub group: String,
    pub threat: String,
    pub mitigations: String,
}

#[derive(Template)]
#[template(path = "risks.html")]
pub struct RisksPage {
    pub page: Page,
    pub tabs: crate::kit::tabs::ProjectTabs,
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub can_edit: bool,
    pub proposed: Vec<Proposed>,
    pub lines: Vec<RiskLine>,
    pub heat: Vec<HeatView>,
    pub reviewed: bool,
    pub reviews: Vec<String>,
    pub owners: Vec<Choice>,
    pub groups: Vec<Choice>,
    pub examples: Vec<(String, String, String)>,
    pub steps: Vec<(u8, String, String)>,
    pub severities: Vec<(u8, String, String)>,
    pub treatments: Vec<Choice>,
    pub criteria: Vec<Choice>,
    pub dpia_result: String,
    pub dpia_decision: String,
    pub dpia_recorded: String,
    pub dpia_version: i64,
    pub error: Option<String>,
    pub conflict: bool,
}

async fn render_page(
    state: &AppState,
    context: &RequestContext,
    view: &RegisterView,
    error: Option<WebError>,
) -> WebResult<Response> {
    let tr = context.tr();
    let lang = context.lang;
    let title = format!("{} — {}", tr.t("risks-title"), view.project.reference);
    let page = Page::new(state, context, "projects", title).await;
    let types = &view.project.procurement_types;
    let proposed = view
        .risks
        .iter()
        .filter(|risk| risk.record.status == RiskStatus::Proposed)
        .map(|risk| Proposed {
            id: risk.record.id.to_string(),
            version: risk.record.version,
            group: state
                .catalog
                .threat_name(risk.record.threat_group, lang)
                .to_owned(),
            threat: threat_text(state, &risk.record, lang),
            mitigations: ranked_mitigations(state.catalog, &risk.record, types)
                .measures
                .iter()
                .map(|measure| measure.practice.id())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let (dpia_result, dpia_decision, dpia_recorded) = dpia_lines(&tr, view);
    let met: Vec<DpiaCriterion> = view
        .dpia
        .as_ref()
        .map(|d| d.criteria.clone())
        .unwrap_or_default();
    let status = error.as_ref().map(|e| e.status);
    let choices = risk_choices(
        state,
        &tr,
        types,
        &Current {
            group: "",
            example: "",
            treatment: "",
        },
    );
    let template = RisksPage {
        tabs: crate::kit::tabs::ProjectTabs::new(
            &tr,
            &view.project,
            crate::kit::tabs::ProjectTab::Risks,
        ),
        project_id: view.project.id.to_string(),
        reference: view.project.reference.to_string(),
        project_title: view.project.title.clone(),
        can_edit: view.can_edit,
        proposed,
        lines: view
            .open()
            .map(|risk| line(state, &tr, &view.people, view.can_accept, risk))
            .collect(),
        heat: vec![
            heat_view(
                &tr,
                &heat_map(view, false),
                "heat-inherent",
                tr.t("risks-heatmap-inherent"),
            ),
            heat_view(
                &tr,
                &heat_map(view, true),
                "heat-residual",
                tr.t("risks-heatmap-residual"),
            ),
        ],
        reviewed: view.reviewed_this_stage,
        reviews: view
            .reviews
            .iter()
            .rev()
            .map(|review| {
                format!(
                    "{} · {} · {} · {}",
                    format_time(review.reviewed_at.millis()),
                    view.email_of(review.reviewed_by).unwrap_or(""),
                    stage_name(&tr, review.stage),
                    review.summary
                )
            })
            .collect(),
        owners: owner_choices(&tr, &view.owners, None, ""),
        groups: choices.groups,
        examples: choices.examples,
        steps: choices.steps,
        severities: choices.severities,
        treatments: choices.treatments,
        criteria: DpiaCriterion::ALL
            .iter()
            .map(|c| Choice {
                id: c.id().to_owned(),
                name: tr.t(&c.message_key()),
                selected: met.contains(c),
            })
            .collect(),
        dpia_result,
        dpia_decision,
        dpia_recorded,
        dpia_version: view.dpia.as_ref().map_or(0, |d| d.version),
        conflict: error
            .as_ref()
            .is_some_and(|e| e.status == StatusCode::CONFLICT),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.register(principal, id).await?;
    render_page(&state, &context, &view, None).await
}

/// `register.xlsx`, `register.csv`, `report.docx` or `report.pdf`.
pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), file): Segments<Id<ProjectId>, String>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    documents::register_file(&state, &context, id, &file, &query).await
}

/// Answers a form post: back to the register, or the register with the
/// error when the person can fix it.
async fn finish<T>(
    state: &AppState,
    context: &RequestContext,
    project: procura_domain::ProjectId,
    result: Result<T, procura_service::ServiceError>,
) -> WebResult<Response> {
    match result {
        Ok(_) => Ok(redirect(&format!("/projects/{project}/risks?done=saved"))),
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
        .set_risk_status(
            principal,
            id,
            form.get("status"),
            version,
            form.get("reason"),
            now(),
        )
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
