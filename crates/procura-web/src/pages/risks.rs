//! The risk pages: a project's register with its heat maps, reviews and
//! DPIA screening; one risk's form; and the organisation's risk portfolio
//! with its matrix and appetite.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_docs::risk::{HeatMap, RiskDoc, RiskRow, heat_map_svg};
use procura_domain::{
    DpiaCriterion, Lang, RiskId, RiskLevel, RiskStatus, Step, ThreatGroup, Treatment,
};
use procura_service::risks::{RegisterView, RiskInput, RiskView};
use serde::Deserialize;

use super::projects::{Choice, attachment, field, fields, fixable, message, pairs, project_id};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

fn risk_id(id: &str) -> WebResult<RiskId> {
    RiskId::parse(id).ok_or_else(WebError::not_found)
}

fn level_name(tr: &Tr, level: RiskLevel) -> String {
    tr.t(&format!("risk-level-{}", level.id()))
}

/// How a threat reads: the catalogue example's name or the team's text.
fn threat_text(state: &AppState, record: &procura_domain::RiskRecord, lang: Lang) -> String {
    let entry = state.catalog.threat(record.threat_group);
    let example = record.example.as_deref().and_then(|id| {
        entry
            .examples
            .iter()
            .find(|example| example.id == id)
            .map(|example| example.name.get(lang).to_owned())
    });
    match (example, record.description.is_empty()) {
        (Some(name), true) => name,
        (Some(name), false) => format!("{name} — {}", record.description),
        (None, _) => record.description.clone(),
    }
}

pub struct RiskLine {
    pub id: String,
    pub version: i64,
    pub group: String,
    pub threat: String,
    pub asset: String,
    pub inherent: String,
    pub inherent_id: &'static str,
    pub steps: String,
    pub treatment: String,
    pub owner: String,
    pub due: String,
    pub residual: String,
    pub residual_id: &'static str,
    pub above_appetite: bool,
    pub mitigations: String,
    pub accepted: String,
    pub can_accept: bool,
}

fn email(people: &[(procura_domain::UserId, String)], id: procura_domain::UserId) -> Option<&str> {
    people
        .iter()
        .find(|(user, _)| *user == id)
        .map(|(_, email)| email.as_str())
}

fn line(
    state: &AppState,
    tr: &Tr,
    people: &[(procura_domain::UserId, String)],
    can_accept: bool,
    risk: &RiskView,
) -> RiskLine {
    let lang = tr.0;
    let record = &risk.record;
    let practices: Vec<String> = record.practices.iter().map(|n| n.id()).collect();
    let mut mitigations = practices.join(", ");
    if !record.requirements.is_empty() {
        mitigations.push_str(" · ");
        mitigations.push_str(&record.requirements.join(", "));
    }
    RiskLine {
        id: record.id.to_string(),
        version: record.version,
        group: state
            .catalog
            .threat_name(record.threat_group, lang)
            .to_owned(),
        threat: threat_text(state, record, lang),
        asset: record.asset.clone(),
        inherent: level_name(tr, risk.inherent),
        inherent_id: risk.inherent.id(),
        steps: format!("{} × {}", record.likelihood, record.severity),
        treatment: record
            .treatment
            .map(|t| tr.t(&format!("risk-treatment-{}", t.id())))
            .unwrap_or_default(),
        owner: record
            .owner_id
            .and_then(|id| email(people, id))
            .unwrap_or("")
            .to_owned(),
        due: record.due_date.map(|d| d.to_string()).unwrap_or_default(),
        residual: risk.residual.map(|l| level_name(tr, l)).unwrap_or_default(),
        residual_id: risk.residual.map_or("none", RiskLevel::id),
        above_appetite: risk.above_appetite,
        mitigations,
        accepted: record
            .accepted_by
            .and_then(|id| email(people, id))
            .map(|who| tr.with("risks-accepted-by", &[("who", who.into())]))
            .unwrap_or_default(),
        can_accept: can_accept && risk.residual.is_some() && record.accepted_by.is_none(),
    }
}

/// Counts of open risks per cell, inherent or residual.
pub fn heat_map(view: &RegisterView, residual: bool) -> HeatMap {
    let mut counts = [[0u32; 4]; 4];
    for risk in view.open() {
        let record = &risk.record;
        let cell = if residual {
            record.residual_likelihood.zip(record.residual_severity)
        } else {
            Some((record.likelihood, record.severity))
        };
        if let Some((l, s)) = cell {
            counts[usize::from(l.get() - 1)][usize::from(s.get() - 1)] += 1;
        }
    }
    let mut levels = [[RiskLevel::Low; 4]; 4];
    for l in Step::ALL {
        for s in Step::ALL {
            levels[usize::from(l.get() - 1)][usize::from(s.get() - 1)] =
                view.settings.matrix.level(l, s);
        }
    }
    HeatMap { counts, levels }
}

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
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub can_edit: bool,
    pub proposed: Vec<Proposed>,
    pub lines: Vec<RiskLine>,
    pub heat: Vec<HeatView>,
    pub reviewed: bool,
    pub reviews: Vec<String>,
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

fn scale(tr: &Tr, name: &str) -> Vec<(u8, String, String)> {
    (1..=4u8)
        .map(|n| {
            (
                n,
                tr.t(&format!("risk-{name}-{n}")),
                tr.t(&format!("risk-{name}-{n}-guidance")),
            )
        })
        .collect()
}

/// What the risk forms offer: threat groups and their example threats,
/// the two scales with their guidance, and the treatments.
struct RiskChoices {
    groups: Vec<Choice>,
    examples: Vec<(String, String, String)>,
    steps: Vec<(u8, String, String)>,
    severities: Vec<(u8, String, String)>,
    treatments: Vec<Choice>,
}

fn risk_choices(state: &AppState, tr: &Tr, group: &str, treatment: &str) -> RiskChoices {
    let lang = tr.0;
    RiskChoices {
        groups: ThreatGroup::ALL
            .iter()
            .map(|g| Choice {
                id: g.id().to_owned(),
                name: state.catalog.threat_name(*g, lang).to_owned(),
                selected: g.id() == group,
            })
            .collect(),
        examples: ThreatGroup::ALL
            .iter()
            .flat_map(|g| {
                let name = state.catalog.threat_name(*g, lang).to_owned();
                state
                    .catalog
                    .threat(*g)
                    .examples
                    .iter()
                    .map(move |example| {
                        (
                            example.id.clone(),
                            name.clone(),
                            example.name.get(lang).to_owned(),
                        )
                    })
            })
            .collect(),
        steps: scale(tr, "likelihood"),
        severities: scale(tr, "severity"),
        treatments: Treatment::ALL
            .iter()
            .map(|t| Choice {
                id: t.id().to_owned(),
                name: tr.t(&format!("risk-treatment-{}", t.id())),
                selected: t.id() == treatment,
            })
            .collect(),
    }
}

/// The DPIA screening's result and record as lines of text.
pub fn dpia_lines(tr: &Tr, view: &RegisterView) -> (String, String, String) {
    match &view.dpia {
        None => (tr.t("dpia-none"), String::new(), String::new()),
        Some(dpia) => {
            let key = if dpia.required {
                "dpia-required"
            } else {
                "dpia-not-required"
            };
            let result = tr.with(key, &[("count", dpia.criteria.len().into())]);
            let who = view.email_of(dpia.decided_by).unwrap_or("").to_owned();
            let recorded = tr.with(
                "dpia-recorded",
                &[
                    ("who", who.into()),
                    (
                        "when",
                        crate::pages::audit::format_time(dpia.decided_at.millis()).into(),
                    ),
                ],
            );
            (result, dpia.decision.clone(), recorded)
        }
    }
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
            mitigations: risk
                .record
                .practices
                .iter()
                .map(|n| n.id())
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
    let choices = risk_choices(state, &tr, "", "");
    let template = RisksPage {
        project_id: view.project.id.to_string(),
        reference: view.project.reference.clone(),
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
                    crate::pages::audit::format_time(review.reviewed_at.millis()),
                    view.email_of(review.reviewed_by).unwrap_or(""),
                    tr.t(&format!("stage-{}", review.stage.id())),
                    review.summary
                )
            })
            .collect(),
        groups: choices.groups,
        examples: choices.examples,
        steps: choices.steps,
        severities: choices.severities,
        treatments: choices.treatments,
        criteria: DpiaCriterion::ALL
            .iter()
            .map(|c| Choice {
                id: c.id().to_owned(),
                name: tr.t(&format!("dpia-{}", c.id())),
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
    let _ = types;
    html_for(status, &template)
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.register(principal, project_id(&id)?).await?;
    render_page(&state, &context, &view, None).await
}

/// Reads the risk fields of a form.
pub(crate) fn risk_input(form: &[(String, String)]) -> RiskInput {
    RiskInput {
        threat_group: field(form, "threat_group").to_owned(),
        example: field(form, "example").to_owned(),
        description: field(form, "description").to_owned(),
        asset: field(form, "asset").to_owned(),
        likelihood: field(form, "likelihood").to_owned(),
        severity: field(form, "severity").to_owned(),
        treatment: field(form, "treatment").to_owned(),
        owner: field(form, "owner").to_owned(),
        due_date: field(form, "due_date").to_owned(),
        practices: super::tender::practice_numbers(field(form, "practices")),
        requirements: field(form, "requirements")
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
        residual_likelihood: field(form, "residual_likelihood").to_owned(),
        residual_severity: field(form, "residual_severity").to_owned(),
    }
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
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let input = risk_input(&pairs(&body));
    let result = state
        .services
        .add_risk(principal, state.catalog, id, &input, now())
        .await;
    finish(&state, &context, id, result).await
}

pub async fn review(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    let result = state
        .services
        .review_risks(principal, id, field(&form, "note"), now())
        .await;
    finish(&state, &context, id, result).await
}

pub async fn dpia(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    let version: i64 = field(&form, "version")
        .parse()
        .map_err(|_| WebError::bad_request("error-malformed-form"))?;
    let criteria: Vec<String> = fields(&form, "criterion")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let result = state
        .services
        .screen_dpia(
            principal,
            id,
            &criteria,
            field(&form, "decision"),
            version,
            now(),
        )
        .await;
    finish(&state, &context, id, result).await
}

fn version_of(form: &[(String, String)]) -> WebResult<i64> {
    field(form, "version")
        .parse()
        .map_err(|_| WebError::bad_request("error-malformed-form"))
}

/// Takes or sets aside a proposed risk.
pub async fn status(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = risk_id(&id)?;
    let form = pairs(&body);
    let version = version_of(&form)?;
    let result = state
        .services
        .set_risk_status(principal, id, field(&form, "status"), version, now())
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
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = risk_id(&id)?;
    let version = version_of(&pairs(&body))?;
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

#[derive(Template)]
#[template(path = "risk.html")]
pub struct RiskPage {
    pub page: Page,
    pub project_id: String,
    pub risk_id: String,
    pub version: i64,
    pub input: RiskInput,
    pub practices: String,
    pub requirements: String,
    pub groups: Vec<Choice>,
    pub examples: Vec<(String, String, String)>,
    pub steps: Vec<(u8, String, String)>,
    pub severities: Vec<(u8, String, String)>,
    pub treatments: Vec<Choice>,
    pub error: Option<String>,
    pub conflict: bool,
}

async fn risk_form(
    state: &AppState,
    context: &RequestContext,
    id: RiskId,
    input: Option<RiskInput>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (risk, register) = state.services.risk(principal, id).await?;
    if !register.can_edit {
        return Err(WebError::forbidden());
    }
    let tr = context.tr();
    let record = &risk.record;
    let input = input.unwrap_or_else(|| RiskInput {
        threat_group: record.threat_group.id().to_owned(),
        example: record.example.clone().unwrap_or_default(),
        description: record.description.clone(),
        asset: record.asset.clone(),
        likelihood: record.likelihood.to_string(),
        severity: record.severity.to_string(),
        treatment: record
            .treatment
            .map(|t| t.id().to_owned())
            .unwrap_or_default(),
        owner: record
            .owner_id
            .and_then(|o| register.email_of(o))
            .unwrap_or("")
            .to_owned(),
        due_date: record.due_date.map(|d| d.to_string()).unwrap_or_default(),
        practices: record.practices.iter().map(|n| n.get()).collect(),
        requirements: record.requirements.clone(),
        residual_likelihood: record
            .residual_likelihood
            .map(|s| s.to_string())
            .unwrap_or_default(),
        residual_severity: record
            .residual_severity
            .map(|s| s.to_string())
            .unwrap_or_default(),
    });
    let title = format!("{} — {}", tr.t("risks-edit"), register.project.reference);
    let page = Page::new(state, context, "projects", title).await;
    let status = error.as_ref().map(|e| e.status);
    let choices = risk_choices(state, &tr, &input.threat_group, &input.treatment);
    let template = RiskPage {
        project_id: register.project.id.to_string(),
        risk_id: id.to_string(),
        version: record.version,
        practices: input
            .practices
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        requirements: input.requirements.join(", "),
        groups: choices.groups,
        examples: choices.examples,
        steps: choices.steps,
        severities: choices.severities,
        treatments: choices.treatments,
        input,
        conflict: error
            .as_ref()
            .is_some_and(|e| e.status == StatusCode::CONFLICT),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

pub async fn edit_form(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    risk_form(&state, &context, risk_id(&id)?, None, None).await
}

pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = risk_id(&id)?;
    let form = pairs(&body);
    let version = version_of(&form)?;
    let input = risk_input(&form);
    match state
        .services
        .update_risk(principal, state.catalog, id, &input, version, now())
        .await
    {
        Ok(risk) => Ok(redirect(&format!("/projects/{}/risks", risk.project_id))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            risk_form(&state, &context, id, Some(input), Some(error)).await
        }
    }
}

/// The register and report of a project, in the reader's language.
pub fn risk_doc(state: &AppState, view: &RegisterView, lang: Lang) -> RiskDoc {
    let tr = Tr(lang);
    RiskDoc {
        lang,
        reference: view.project.reference.clone(),
        title: view.project.title.clone(),
        organisation: String::new(),
        generated: crate::pages::audit::format_time(now().millis()),
        rows: view
            .open()
            .map(|risk| {
                let line = line(state, &tr, &view.people, false, risk);
                RiskRow {
                    threat_group: line.group,
                    threat: line.threat,
                    asset: line.asset,
                    likelihood: risk.record.likelihood.get(),
                    severity: risk.record.severity.get(),
                    inherent: line.inherent,
                    treatment: line.treatment,
                    owner: line.owner,
                    due_date: line.due,
                    residual: line.residual,
                    practices: risk
                        .record
                        .practices
                        .iter()
                        .map(|n| n.id())
                        .collect::<Vec<_>>()
                        .join(", "),
                    requirements: risk.record.requirements.join(", "),
                    accepted: line.accepted,
                }
            })
            .collect(),
        inherent: heat_map(view, false),
        residual: heat_map(view, true),
        dpia: {
            let (result, decision, recorded) = dpia_lines(&tr, view);
            [result, decision, recorded]
                .into_iter()
                .filter(|line| !line.is_empty())
                .collect()
        },
        reviews: view
            .reviews
            .iter()
            .map(|review| {
                format!(
                    "{} · {} · {} · {}",
                    crate::pages::audit::format_time(review.reviewed_at.millis()),
                    view.email_of(review.reviewed_by).unwrap_or(""),
                    tr.t(&format!("stage-{}", review.stage.id())),
                    review.summary
                )
            })
            .collect(),
    }
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

/// `register.xlsx`, `register.csv`, `report.docx` or `report.pdf`.
pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.register(principal, project_id(&id)?).await?;
    let lang = super::tender::document_lang(query.lang.as_deref(), context.lang)?;
    let mut doc = risk_doc(&state, &view, lang);
    doc.organisation = principal.organisation_name.clone();
    let reference = view.project.reference.replace('/', "-");
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "risk document");
        WebError::internal()
    };
    let (bytes, kind, name) = match file.as_str() {
        "register.xlsx" => (
            procura_docs::risk::register_xlsx(&doc).map_err(failed)?,
            procura_docs::tender::XLSX_CONTENT_TYPE,
            format!("{reference}-risks.xlsx"),
        ),
        "register.csv" => (
            procura_docs::risk::register_csv(&doc)
                .map_err(failed)?
                .into_bytes(),
            "text/csv; charset=utf-8",
            format!("{reference}-risks.csv"),
        ),
        "report.docx" => (
            procura_docs::risk::report_docx(&doc).map_err(failed)?,
            procura_docs::tender::AnnexFormat::Docx.content_type(),
            format!("{reference}-risk-report-{}.docx", lang.code()),
        ),
        "report.pdf" => (
            procura_docs::risk::report_pdf(&doc).map_err(failed)?,
            "application/pdf",
            format!("{reference}-risk-report-{}.pdf", lang.code()),
        ),
        _ => return Err(WebError::not_found()),
    };
    attachment(bytes, kind, &name)
}

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
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let form = pairs(&body);
    let version = version_of(&form)?;
    let mut matrix = Vec::new();
    for l in 1..=4 {
        for s in 1..=4 {
            matrix.push(field(&form, &format!("cell-{l}-{s}")).to_owned());
        }
    }
    match state
        .services
        .save_risk_settings(principal, &matrix, field(&form, "appetite"), version, now())
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
