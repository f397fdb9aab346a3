//! The project page: its details, the checklist by phase, the gate with
//! its sign-offs, the timeline, and the forms that move the project on.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{AuditAction, EvidenceKind, ItemRecord};
use procura_domain::{Phase, ProjectId, Stage, is_overdue};
use procura_i18n::MessageKey;
use serde::Deserialize;

use crate::areas::projects::history::{EventRow, ImportedSection, imported_section};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::Form;
use crate::kit::ids::Id;
use crate::kit::names::{item_status_name, stage_name};
use crate::kit::summaries::commitment_lines;
use crate::kit::tabs::{ProjectTab, ProjectTabs};
use crate::kit::time::{day_text, moment, today};
use crate::render::{Page, RequestContext, html_with_status, redirect};
use crate::state::AppState;

pub struct ItemRow {
    pub id: String,
    pub version: i64,
    pub practice: String,
    pub title: String,
    pub status: &'static str,
    pub status_name: String,
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    pub evidence: usize,
    pub retired: bool,
}

pub struct PhaseSection {
    pub id: &'static str,
    pub name: String,
    pub settled: usize,
    pub total: usize,
    pub current: bool,
    /// Shown unfolded: the current phase, or every phase once closed.
    pub open: bool,
    pub signed_off: Option<String>,
    pub items: Vec<ItemRow>,
}
#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    page: Page,
    id: String,
    reference: String,
    title: String,
    description: String,
    stage: String,
    closed: bool,
    types: Vec<String>,
    value: String,
    cpv_codes: String,
    sites: String,
    special_category_data: bool,
    stakeholders: Vec<(String, String)>,
    phases: Vec<PhaseSection>,
    open_in_current: usize,
    current_signed: bool,
    /// The phase's sign-off was withdrawn: who must sign again.
    sign_off_withdrawn: Option<String>,
    timeline: Vec<EventRow>,
    can_edit_project: bool,
    can_sign_off: bool,
    can_force: bool,
    gate_error: Option<String>,
    gate_open_items: Vec<String>,
    /// What the awarded supplier committed to, once a bid is awarded.
    commitments: Vec<(String, String)>,
    imported: Option<ImportedSection>,
    tabs: ProjectTabs,
    can_edit_items: bool,
    /// Members' e-mails, for the owner of a bulk change.
    members: Vec<String>,
    statuses: Vec<(&'static str, String)>,
}

async fn project_page(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    gate: Option<WebError>,
    open_items: Vec<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.project(principal, id).await?;
    let catalog = state.catalog;
    let lang = context.lang;
    let tr = context.tr();
    let p = &view.project;
    let current_phase = p.stage.phase();
    let today = today();
    let mut phases: Vec<PhaseSection> = Phase::ALL
        .iter()
        .map(|phase| {
            let of_phase: Vec<&ItemRecord> = view
                .items
                .iter()
                .filter(|item| item.phase == *phase)
                .collect();
            let live: Vec<&&ItemRecord> = of_phase.iter().filter(|item| !item.retired).collect();
            PhaseSection {
                id: phase.id(),
                name: catalog.phase_name(*phase, lang).to_owned(),
                settled: live.iter().filter(|item| item.status.is_settled()).count(),
                total: live.len(),
                current: current_phase == Some(*phase),
                open: current_phase.is_none_or(|current| current == *phase),
                signed_off: view.sign_offs.iter().find(|s| s.phase == *phase).map(|s| {
                    format!(
                        "{} — {}",
                        view.email_of(s.signed_by).unwrap_or("?"),
                        moment(lang, context.time_zone(), s.signed_at)
                    )
                }),
                items: of_phase
                    .iter()
                    .map(|item| ItemRow {
                        id: item.id.to_string(),
                        version: item.version,
                        practice: item.practice.id(),
                        title: catalog
                            .practice(item.practice)
                            .map(|p| p.title.get(lang).to_owned())
                            .unwrap_or_default(),
                        status: item.status.id(),
                        status_name: item_status_name(&tr, item.status),
                        owner: item
                            .owner_id
                            .and_then(|o| view.email_of(o))
                            .unwrap_or("")
                            .to_owned(),
                        due: item.due_date.map(|d| day_text(lang, d)).unwrap_or_default(),
                        overdue: is_overdue(item.due_date, item.status, today),
                        evidence: view
                            .evidence
                            .iter()
                            .filter(|e| e.item_id == item.id && e.kind != EvidenceKind::Missing)
                            .count(),
                        retired: item.retired,
                    })
                    .collect(),
            }
        })
        .collect();
    // The phase at work comes first; the others fold below it.
    phases.sort_by_key(|section| !section.current);
    let current = phases.iter().find(|section| section.current);
    let page = Page::new(
        state,
        context,
        "projects",
        format!("{} — {}", p.reference, p.title),
    )
    .await;
    // Amounts in the reader's conventions: « 1 200 000 € », "€1,200,000".
    let value = match (p.estimated_value, p.currency.as_deref()) {
        (Some(value), Some("EUR") | None) => {
            procura_i18n::amount_eur(lang, u64::try_from(value).unwrap_or(0))
        }
        (Some(value), Some(currency)) => {
            format!("{} {currency}", procura_i18n::integer(lang, value))
        }
        _ => String::new(),
    };
    html_with_status(
        gate.as_ref().map_or(StatusCode::OK, |e| e.status),
        &ProjectPage {
            page,
            id: p.id.to_string(),
            reference: p.reference.to_string(),
            title: p.title.clone(),
            description: p.description.clone(),
            stage: stage_name(&tr, p.stage),
            closed: p.stage == Stage::Closed,
            types: p
                .procurement_types
                .iter()
                .map(|t| catalog.procurement_type_name(*t, lang).to_owned())
                .collect(),
            value,
            cpv_codes: p.cpv_codes.join(", "),
            sites: p.sites.join(", "),
            special_category_data: p.special_category_data,
            stakeholders: view
                .stakeholders
                .iter()
                .map(|s| {
                    (
                        tr.t(&s.role.message_key()),
                        format!("{} ({})", s.display_name, s.email),
                    )
                })
                .collect(),
            open_in_current: current.map_or(0, |c| c.total - c.settled),
            current_signed: current.is_some_and(|c| c.signed_off.is_some()),
            sign_off_withdrawn: withdrawn_notice(&view, &tr),
            phases,
            timeline: view
                .events
                .iter()
                .take(100)
                .map(|event| {
                    let text = crate::areas::projects::events::describe(
                        &tr,
                        state.catalog,
                        event.action,
                        &event.kind,
                        &event.detail,
                    );
                    EventRow {
                        at: moment(lang, context.time_zone(), event.at),
                        actor: actor_name(&tr, &event.actor),
                        sentence: text.sentence,
                        details: text.details,
                    }
                })
                .collect(),
            can_edit_project: view.can_edit_project,
            can_sign_off: view.can_sign_off,
            can_force: view.can_force,
            gate_error: gate.as_ref().map(|e| message(context, e)),
            gate_open_items: open_items,
            imported: imported_section(context, &view),
            tabs: ProjectTabs::new(&tr, &view.project, ProjectTab::Summary),
            can_edit_items: view.can_edit_items && p.stage != Stage::Closed,
            members: view.people.iter().map(|(_, email)| email.clone()).collect(),
            statuses: procura_domain::ItemStatus::ALL
                .iter()
                .map(|status| (status.id(), item_status_name(&tr, *status)))
                .collect(),
            commitments: state
                .services
                .commitments(principal, id)
                .await?
                .map(|(record, bid)| commitment_lines(&tr, &bid, &record))
                .unwrap_or_default(),
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Response> {
    project_page(&state, &context, id, None, Vec::new()).await
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    comment: String,
}

/// When the current phase's sign-off was withdrawn and not given again:
/// the notice naming the project's CISOs, who must sign again.
fn withdrawn_notice(view: &procura_service::ProjectView, tr: &crate::i18n::Tr) -> Option<String> {
    let phase = view.project.stage.phase()?;
    if view.sign_offs.iter().any(|s| s.phase == phase) {
        return None;
    }
    // Events come newest first: a withdrawal for this phase seen before any
    // sign-off means the last word was the withdrawal.
    let withdrawn = view.events.iter().find_map(|event| match event.action {
        Some(AuditAction::ProjectSignOffWithdrawn)
            if event.detail.contains(&format!("\"{}\"", phase.id())) =>
        {
            Some(true)
        }
        Some(AuditAction::ProjectSignOff) => Some(false),
        _ => None,
    })?;
    if !withdrawn {
        return None;
    }
    let cisos: Vec<String> = view
        .stakeholders
        .iter()
        .filter(|s| s.role == procura_domain::ProjectRole::Ciso)
        .map(|s| s.display_name.clone())
        .collect();
    Some(format!(
        "{} {}",
        tr.t("gate-sign-off-withdrawn"),
        cisos.join(", ")
    ))
}

pub async fn sign_off(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<CommentForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .sign_off(principal, id, &form.comment, now())
        .await
    {
        Ok(()) => Ok(redirect(&format!("/projects/{id}?done=signed"))),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                project_page(&state, &context, id, Some(error), Vec::new()).await
            } else {
                Err(error)
            }
        }
    }
}

pub async fn advance(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state.services.advance(principal, id, now()).await {
        Ok(_) => Ok(redirect(&format!("/projects/{id}?done=advanced"))),
        Err(procura_service::ServiceError::Gate(refusal)) => {
            let error = WebError::gate_refused(&refusal);
            let open = refusal.open_items.iter().map(|p| p.id()).collect();
            project_page(&state, &context, id, Some(error), open).await
        }
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                project_page(&state, &context, id, Some(error), Vec::new()).await
            } else {
                Err(error)
            }
        }
    }
}

#[derive(Deserialize)]
pub struct ForceForm {
    #[serde(default)]
    reason: String,
}

pub async fn force(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<ForceForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .force_advance(principal, id, &form.reason, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}?done=advanced"))),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                project_page(&state, &context, id, Some(error), Vec::new()).await
            } else {
                Err(error)
            }
        }
    }
}

/// Who did it, as a reader names them: a person's e-mail, or the supplier
/// portal and the command line without their internal ids.
fn actor_name(tr: &crate::i18n::Tr, actor: &str) -> String {
    if actor.starts_with("portal:") {
        tr.t("timeline-actor-portal")
    } else if actor == "cli" || actor.starts_with("cli:") {
        tr.t("timeline-actor-cli")
    } else {
        actor.to_owned()
    }
}

/// One change applied to the ticked items of the checklist.
pub async fn bulk(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<crate::kit::forms::Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let mut selected = Vec::new();
    for value in form.all("item") {
        let parsed = value.split_once(':').and_then(|(item, version)| {
            Some((
                procura_domain::ItemId::parse(item)?,
                version.parse::<i64>().ok()?,
            ))
        });
        selected.push(parsed.ok_or_else(|| WebError::bad_request("error-malformed-form"))?);
    }
    let keep = |value: &str| (!value.trim().is_empty()).then(|| value.trim().to_owned());
    let bulk = procura_service::BulkChange {
        status: keep(form.get("bulk-status")),
        owner: match form.get("bulk-owner").trim() {
            "" => None,
            "-" => Some(String::new()),
            email => Some(email.to_owned()),
        },
        due_date: if form.get("bulk-clear-due") == "1" {
            Some(None)
        } else {
            keep(form.get("bulk-due")).map(Some)
        },
    };
    match state
        .services
        .update_items(principal, &selected, &bulk, now())
        .await
    {
        Ok(count) => Ok(redirect(&format!(
            "/projects/{id}?done=updated&count={count}#checklist-title"
        ))),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                project_page(&state, &context, id, Some(error), Vec::new()).await
            } else {
                Err(error)
            }
        }
    }
}
