//! One risk's form: its threat, asset, scales, treatment, owner, due date,
//! mitigations and residual risk; above it, the threat scenario it names
//! and its measures, ranked, with the requirements implementing each.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{ProcurementType, RiskId, RiskRecord};
use procura_service::Invalid;
use procura_service::risks::{RiskInput, ranked_mitigations};

use crate::areas::risks::risk_form::{Current, owner_choices, risk_choices, risk_input};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::kit::form_page::{Choice, fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::Id;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

/// A threat scenario of the catalogue, as the page shows it.
pub struct Scenario {
    pub name: String,
    pub text: String,
}

/// One ranked measure: a practice and the risk's requirements implementing it.
pub struct MeasureLine {
    pub practice: String,
    pub title: String,
    /// (code, short title).
    pub requirements: Vec<(String, String)>,
}

/// The scenario the risk names, if it names one rather than an example.
fn scenario(state: &AppState, record: &RiskRecord, tr: &Tr) -> Option<Scenario> {
    let entry = state.catalog.threat(record.threat_group);
    let scenario = entry.scenario(record.example.as_deref()?)?;
    Some(Scenario {
        name: scenario.name.get(tr.0).to_owned(),
        text: scenario.text.get(tr.0).to_owned(),
    })
}

/// The risk's practices ranked for the project's types, and the codes of
/// its requirements that implement none of them.
fn measures(
    state: &AppState,
    record: &RiskRecord,
    types: &[ProcurementType],
    tr: &Tr,
) -> (Vec<MeasureLine>, String) {
    let mitigations = ranked_mitigations(state.catalog, record, types);
    let lines = mitigations
        .measures
        .iter()
        .map(|measure| MeasureLine {
            practice: measure.practice.id(),
            title: measure.practice.title.get(tr.0).to_owned(),
            requirements: measure
                .requirements
                .iter()
                .map(|requirement| {
                    (
                        requirement.code.to_string(),
                        requirement.title.get(tr.0).to_owned(),
                    )
                })
                .collect(),
        })
        .collect();
    (lines, mitigations.other_requirements.join(", "))
}

#[derive(Template)]
#[template(path = "risk.html")]
pub struct RiskPage {
    pub page: Page,
    pub project_id: String,
    pub risk_id: String,
    pub version: i64,
    pub input: RiskInput,
    pub scenario: Option<Scenario>,
    pub measures: Vec<MeasureLine>,
    pub other_requirements: String,
    pub practices: String,
    pub requirements: String,
    pub owners: Vec<Choice>,
    /// The refusal of the owner, shown next to the field.
    pub owner_error: Option<String>,
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
    let types = &register.project.procurement_types;
    let choices = risk_choices(
        state,
        &tr,
        types,
        &Current {
            group: &input.threat_group,
            example: &input.example,
            treatment: &input.treatment,
        },
    );
    let recorded_owner = record.owner_id.and_then(|o| register.email_of(o));
    let (measures, other_requirements) = measures(state, record, types, &tr);
    let template = RiskPage {
        project_id: register.project.id.to_string(),
        risk_id: id.to_string(),
        version: record.version,
        scenario: scenario(state, record, &tr),
        measures,
        other_requirements,
        owners: owner_choices(&tr, &register.owners, recorded_owner, &input.owner),
        owner_error: error
            .as_ref()
            .filter(|e| e.key == Invalid::RiskOwner.key())
            .map(|e| message(context, e)),
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
    Id(id): Id<RiskId>,
) -> WebResult<Response> {
    risk_form(&state, &context, id, None, None).await
}

pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<RiskId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let input = risk_input(&form);
    match state
        .services
        .update_risk(principal, state.catalog, id, &input, version, now())
        .await
    {
        Ok(risk) => Ok(redirect(&format!(
            "/projects/{}/risks?done=saved",
            risk.project_id
        ))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            risk_form(&state, &context, id, Some(input), Some(error)).await
        }
    }
}
