//! Procurement projects: portfolio, creation and editing, the project page
//! with its checklist and gate, checklist items with evidence, "my items".

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use procura_domain::{
    Day, EvidenceId, EvidenceKind, ItemId, ItemRecord, ItemStatus, Phase, ProcurementType,
    ProjectId, ProjectRole, Stage, UserId, is_overdue,
};
use procura_service::{ItemChange, PortfolioFilter, ProjectInput, ProjectView};
use serde::Deserialize;

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::render::{Page, RequestContext, html, html_for, html_with_status, redirect};
use crate::state::AppState;

fn today() -> Day {
    Day::from_unix_millis(now().millis())
}

pub(crate) fn project_id(id: &str) -> WebResult<ProjectId> {
    ProjectId::parse(id).ok_or_else(WebError::not_found)
}

fn item_id(id: &str) -> WebResult<ItemId> {
    ItemId::parse(id).ok_or_else(WebError::not_found)
}

/// The pairs of a URL-encoded body, where keys may repeat (checkboxes).
pub(crate) fn pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub(crate) fn fields<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

pub(crate) fn message(context: &RequestContext, error: &WebError) -> String {
    let args: Vec<(&'static str, procura_i18n::Arg)> = error
        .args
        .iter()
        .map(|(n, v)| (*n, procura_i18n::Arg::guess(v)))
        .collect();
    context.tr().with(error.key, &args)
}

// ---------------------------------------------------------------- portfolio

pub struct PhaseProgress {
    pub name: String,
    pub settled: i64,
    pub total: i64,
    pub percent: i64,
}

pub struct PortfolioRow {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub stage: String,
    pub progress: Vec<PhaseProgress>,
    pub overdue: i64,
}

pub struct Choice {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "projects.html")]
struct PortfolioPage {
    page: Page,
    rows: Vec<PortfolioRow>,
    types: Vec<Choice>,
    stages: Vec<Choice>,
    owners: Vec<Choice>,
    text: String,
    can_create: bool,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    /// Why the file just submitted to the import form was refused.
    import_error: Option<String>,
}

fn stage_name(context: &RequestContext, stage: Stage) -> String {
    context.tr().t(&format!("stage-{}", stage.id()))
}

pub async fn portfolio(
    State(state): State<AppState>,
    context: RequestContext,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    portfolio_page(&state, &context, raw.as_deref().unwrap_or_default(), None).await
}

/// The portfolio, with the reason an import was refused shown on the
/// import form when there is one.
async fn portfolio_page(
    state: &AppState,
    context: &RequestContext,
    raw: &str,
    import_error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let query = pairs(raw.as_bytes());
    let catalog = state.catalog;
    let type_filter = match field(&query, "type") {
        "" => None,
        value => Some(
            catalog
                .resolve_procurement_type(value)
                .map_err(crate::filters::invalid_filter)?,
        ),
    };
    let stage_filter = match field(&query, "stage") {
        "" => None,
        value => {
            Some(Stage::parse(value).ok_or_else(|| WebError::bad_request("error-unknown-stage"))?)
        }
    };
    let owner_filter = match field(&query, "owner") {
        "" => None,
        value => Some(UserId::parse(value).ok_or_else(WebError::not_found)?),
    };
    let text = field(&query, "q").trim().to_owned();
    let filter = PortfolioFilter {
        procurement_type: type_filter,
        stage: stage_filter,
        owner: owner_filter,
        text: (!text.is_empty()).then(|| text.clone()),
    };
    let number: u32 = field(&query, "page").parse().unwrap_or(1);
    let page_request = procura_service::PageRequest {
        number,
        per_page: 50,
    };
    let result = state
        .services
        .portfolio(principal, &filter, today(), page_request)
        .await?;
    let link = |page: u32| {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in query.iter().filter(|(name, _)| name != "page") {
            serializer.append_pair(name, value);
        }
        serializer.append_pair("page", &page.to_string());
        serializer.finish()
    };
    let previous = (result.page > 1).then(|| link(result.page - 1));
    let next = result.has_more().then(|| link(result.page + 1));
    let total = result.total;
    let entries = result.entries;
    let lang = context.lang;
    let rows = entries
        .into_iter()
        .map(|entry| PortfolioRow {
            id: entry.project.id.to_string(),
            reference: entry.project.reference.clone(),
            title: entry.project.title.clone(),
            stage: stage_name(context, entry.project.stage),
            progress: entry
                .progress
                .iter()
                .map(|(phase, settled, total)| PhaseProgress {
                    name: catalog.phase_name(*phase, lang).to_owned(),
                    settled: *settled,
                    total: *total,
                    percent: if *total == 0 {
                        0
                    } else {
                        settled * 100 / total
                    },
                })
                .collect(),
            overdue: entry.overdue,
        })
        .collect();
    let members = state.services.my_colleagues(principal).await?;
    let page = Page::new(state, context, "projects", context.tr().t("projects-title")).await;
    html_for(
        import_error.as_ref().map(|error| error.status),
        &PortfolioPage {
            page,
            rows,
            types: ProcurementType::ALL
                .iter()
                .map(|kind| Choice {
                    id: kind.id().to_owned(),
                    name: catalog.procurement_type_name(*kind, lang).to_owned(),
                    selected: type_filter == Some(*kind),
                })
                .collect(),
            stages: Stage::ALL
                .iter()
                .map(|stage| Choice {
                    id: stage.id().to_owned(),
                    name: stage_name(context, *stage),
                    selected: stage_filter == Some(*stage),
                })
                .collect(),
            owners: members
                .into_iter()
                .map(|(id, email)| Choice {
                    selected: owner_filter == Some(id),
                    id: id.to_string(),
                    name: email,
                })
                .collect(),
            text,
            can_create: principal.can(procura_domain::Permission::CreateProjects),
            total,
            previous,
            next,
            import_error: import_error.as_ref().map(|error| message(context, error)),
        },
    )
}

// ------------------------------------------------------------ project form

pub struct RoleChoices {
    pub id: &'static str,
    pub name: String,
    pub people: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "project_form.html")]
struct ProjectFormPage {
    page: Page,
    action: String,
    version: i64,
    reference: String,
    title: String,
    description: String,
    types: Vec<Choice>,
    estimated_value: String,
    currency: String,
    cpv_codes: String,
    sites: String,
    special_category_data: bool,
    planned: Vec<(String, String, String)>,
    roles: Vec<RoleChoices>,
    error: Option<String>,
    conflict: bool,
    editing: bool,
}

fn input_from_form(state: &AppState, form: &[(String, String)]) -> WebResult<ProjectInput> {
    let mut procurement_types = Vec::new();
    for value in fields(form, "type") {
        procurement_types.push(
            state
                .catalog
                .resolve_procurement_type(value)
                .map_err(crate::filters::invalid_filter)?,
        );
    }
    let mut stakeholders = Vec::new();
    for role in ProjectRole::ALL {
        for email in fields(form, &format!("stakeholder-{}", role.id())) {
            stakeholders.push((email.to_owned(), role.id().to_owned()));
        }
    }
    let planned_names = [
        "planning_start",
        "planning_end",
        "selection_start",
        "selection_end",
        "management_start",
        "management_end",
    ];
    Ok(ProjectInput {
        reference: field(form, "reference").to_owned(),
        title: field(form, "title").to_owned(),
        description: field(form, "description").to_owned(),
        procurement_types,
        estimated_value: Some(field(form, "estimated_value").to_owned()),
        currency: Some(field(form, "currency").to_owned()),
        cpv_codes: vec![field(form, "cpv_codes").to_owned()],
        sites: vec![field(form, "sites").to_owned()],
        special_category_data: field(form, "special_category_data") == "on",
        planned: planned_names.map(|name| Some(field(form, name).to_owned())),
        stakeholders,
    })
}

async fn project_form(
    state: &AppState,
    context: &RequestContext,
    input: &ProjectInput,
    target: Option<(ProjectId, i64)>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = context.lang;
    let members = state.services.my_colleagues(principal).await?;
    let chosen = |role: ProjectRole, email: &str| {
        input
            .stakeholders
            .iter()
            .any(|(e, r)| e.eq_ignore_ascii_case(email) && r == role.id())
    };
    let labels = [
        "planning-start",
        "planning-end",
        "selection-start",
        "selection-end",
        "management-start",
        "management-end",
    ];
    let names = [
        "planning_start",
        "planning_end",
        "selection_start",
        "selection_end",
        "management_start",
        "management_end",
    ];
    let planned = (0..6)
        .map(|i| {
            (
                names[i].to_owned(),
                context.tr().t(&format!("project-{}", labels[i])),
                input.planned[i].clone().unwrap_or_default(),
            )
        })
        .collect();
    let title = if target.is_some() {
        context.tr().t("project-edit")
    } else {
        context.tr().t("project-new")
    };
    let page = Page::new(state, context, "projects", title).await;
    let status = error.as_ref().map(|e| e.status);
    let template = ProjectFormPage {
        page,
        action: target.map_or_else(
            || "/projects".to_owned(),
            |(id, _)| format!("/projects/{id}/edit"),
        ),
        version: target.map_or(0, |(_, version)| version),
        editing: target.is_some(),
        reference: input.reference.clone(),
        title: input.title.clone(),
        description: input.description.clone(),
        types: ProcurementType::ALL
            .iter()
            .map(|kind| Choice {
                id: kind.id().to_owned(),
                name: state.catalog.procurement_type_name(*kind, lang).to_owned(),
                selected: input.procurement_types.contains(kind),
            })
            .collect(),
        estimated_value: input.estimated_value.clone().unwrap_or_default(),
        currency: input
            .currency
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "EUR".to_owned()),
        cpv_codes: input.cpv_codes.join(" "),
        sites: input.sites.join("\n"),
        special_category_data: input.special_category_data,
        planned,
        roles: ProjectRole::ALL
            .iter()
            .map(|role| RoleChoices {
                id: role.id(),
                name: context.tr().t(&format!("project-role-{}", role.id())),
                people: members
                    .iter()
                    .map(|(_, email)| Choice {
                        id: email.clone(),
                        name: email.clone(),
                        selected: chosen(*role, email),
                    })
                    .collect(),
            })
            .collect(),
        conflict: error
            .as_ref()
            .is_some_and(|e| e.status == StatusCode::CONFLICT),
        error: error.as_ref().map(|e| message(context, e)),
    };
    html_for(status, &template)
}

pub async fn new_form(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    context
        .principal()?
        .require(procura_domain::Permission::CreateProjects)?;
    let input = ProjectInput {
        stakeholders: vec![],
        ..ProjectInput::default()
    };
    project_form(&state, &context, &input, None, None).await
}

/// Shows the form again for errors the person can fix; other errors become pages.
pub(crate) fn fixable(error: &WebError) -> bool {
    matches!(error.status.as_u16(), 400 | 409 | 422)
}

pub async fn create(
    State(state): State<AppState>,
    context: RequestContext,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let form = pairs(&body);
    let input = input_from_form(&state, &form)?;
    match state
        .services
        .create_project(principal, state.catalog, &input, now())
        .await
    {
        Ok(project) => Ok(redirect(&format!("/projects/{}", project.id))),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                project_form(&state, &context, &input, None, Some(error)).await
            } else {
                Err(error)
            }
        }
    }
}

fn input_from_view(view: &ProjectView) -> ProjectInput {
    let p = &view.project;
    ProjectInput {
        reference: p.reference.clone(),
        title: p.title.clone(),
        description: p.description.clone(),
        procurement_types: p.procurement_types.clone(),
        estimated_value: p.estimated_value.map(|v| v.to_string()),
        currency: p.currency.clone(),
        cpv_codes: p.cpv_codes.clone(),
        sites: p.sites.clone(),
        special_category_data: p.special_category_data,
        planned: p.planned.as_texts(),
        stakeholders: view
            .stakeholders
            .iter()
            .map(|s| (s.email.clone(), s.role.id().to_owned()))
            .collect(),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.project(principal, project_id(&id)?).await?;
    if !view.can_edit_project {
        return Err(WebError::forbidden());
    }
    let input = input_from_view(&view);
    project_form(
        &state,
        &context,
        &input,
        Some((view.project.id, view.project.version)),
        None,
    )
    .await
}

pub async fn update(
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
    let input = input_from_form(&state, &form)?;
    match state
        .services
        .update_project(principal, state.catalog, id, &input, version, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            // After a conflict the form carries the current version, with the person's own input kept.
            let current = state.services.project(principal, id).await?;
            project_form(
                &state,
                &context,
                &input,
                Some((id, current.project.version)),
                Some(error),
            )
            .await
        }
    }
}

// ------------------------------------------------------------ project page

pub struct ItemRow {
    pub id: String,
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
    pub signed_off: Option<String>,
    pub items: Vec<ItemRow>,
}

pub struct TimelineRow {
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub detail: String,
}

/// What the file a project was imported from claimed, as the project page
/// shows it: apart from the project's own history, marked not verified.
pub struct ImportedSection {
    pub file_sha256: String,
    pub imported_by: String,
    pub imported_at: String,
    /// The file's own claims first, then those it carried from earlier imports.
    pub claimed: Vec<ClaimedHistory>,
}

pub struct ClaimedHistory {
    /// Claims an earlier import made, carried by the imported file.
    pub carried: bool,
    pub file_sha256: String,
    pub source: Option<String>,
    pub stage: String,
    pub created: String,
    pub sign_offs: Vec<String>,
    pub timeline: Vec<TimelineRow>,
    pub evidence: Vec<String>,
}

fn imported_section(context: &RequestContext, view: &ProjectView) -> Option<ImportedSection> {
    let history = view.imported.as_ref()?;
    let tr = context.tr();
    let time = crate::pages::audit::format_time;
    let someone = |email: &Option<String>| email.clone().unwrap_or_else(|| "?".to_owned());
    let stage = |id: &str| match Stage::parse(id) {
        Some(stage) => stage_name(context, stage),
        None => id.to_owned(),
    };
    let claimed = history
        .claimed
        .iter()
        .enumerate()
        .map(|(index, claims)| ClaimedHistory {
            carried: index > 0,
            file_sha256: claims.file_sha256.clone(),
            source: claims.source.as_ref().map(|source| {
                let mut parts = vec![source.organisation.clone()];
                parts.extend(source.instance.clone());
                if let Some(by) = &source.exported_by {
                    parts.push(format!("{} {by}", tr.t("import-history-exported-by")));
                }
                parts.push(time(source.exported_at));
                parts.join(" — ")
            }),
            stage: stage(&claims.stage),
            created: format!(
                "{} — {}",
                someone(&claims.created_by),
                time(claims.created_at)
            ),
            sign_offs: claims
                .sign_offs
                .iter()
                .map(|s| {
                    format!(
                        "{} — {} — {} — {}",
                        stage(&s.phase),
                        someone(&s.signed_by),
                        time(s.signed_at),
                        s.comment
                    )
                })
                .collect(),
            timeline: claims
                .timeline
                .iter()
                .take(100)
                .map(|event| TimelineRow {
                    at: time(event.at),
                    actor: event.actor.clone(),
                    kind: event.kind.clone(),
                    detail: event.detail.to_string(),
                })
                .collect(),
            evidence: claims
                .items
                .iter()
                .flat_map(|item| {
                    item.evidence.iter().map(move |e| {
                        let mut line = format!(
                            "{} ({}) — {} — {} — {}",
                            item.practice,
                            stage(&item.phase),
                            e.name,
                            someone(&e.uploaded_by),
                            time(e.created_at)
                        );
                        if let Some(sha) = &e.sha256 {
                            line.push_str(&format!(" — SHA-256 {sha}"));
                        }
                        if let Some(size) = e.size {
                            line.push_str(&format!(" · {size} B"));
                        }
                        line
                    })
                })
                .collect(),
        })
        .collect();
    Some(ImportedSection {
        file_sha256: history.file_sha256.clone(),
        imported_by: view.email_of(history.imported_by).unwrap_or("?").to_owned(),
        imported_at: time(history.imported_at.millis()),
        claimed,
    })
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
    timeline: Vec<TimelineRow>,
    can_edit_project: bool,
    can_sign_off: bool,
    can_force: bool,
    gate_error: Option<String>,
    gate_open_items: Vec<String>,
    /// What the awarded supplier committed to, once a bid is awarded.
    commitments: Vec<(String, String)>,
    imported: Option<ImportedSection>,
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
    let phases: Vec<PhaseSection> = Phase::ALL
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
                signed_off: view.sign_offs.iter().find(|s| s.phase == *phase).map(|s| {
                    format!(
                        "{} — {}",
                        view.email_of(s.signed_by).unwrap_or("?"),
                        crate::pages::audit::format_time(s.signed_at.millis())
                    )
                }),
                items: of_phase
                    .iter()
                    .map(|item| ItemRow {
                        id: item.id.to_string(),
                        practice: item.practice.id(),
                        title: catalog
                            .practice(item.practice)
                            .map(|p| p.title.get(lang).to_owned())
                            .unwrap_or_default(),
                        status: item.status.id(),
                        status_name: tr.t(&format!("status-{}", item.status.id())),
                        owner: item
                            .owner_id
                            .and_then(|o| view.email_of(o))
                            .unwrap_or("")
                            .to_owned(),
                        due: item.due_date.map(|d| d.to_string()).unwrap_or_default(),
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
    let current = phases.iter().find(|section| section.current);
    let page = Page::new(
        state,
        context,
        "projects",
        format!("{} — {}", p.reference, p.title),
    )
    .await;
    let value = match (p.estimated_value, &p.currency) {
        (Some(value), Some(currency)) => format!("{value} {currency}"),
        (Some(value), None) => value.to_string(),
        _ => String::new(),
    };
    html_with_status(
        gate.as_ref().map_or(StatusCode::OK, |e| e.status),
        &ProjectPage {
            page,
            id: p.id.to_string(),
            reference: p.reference.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            stage: stage_name(context, p.stage),
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
                        tr.t(&format!("project-role-{}", s.role.id())),
                        format!("{} ({})", s.display_name, s.email),
                    )
                })
                .collect(),
            open_in_current: current.map_or(0, |c| c.total - c.settled),
            current_signed: current.is_some_and(|c| c.signed_off.is_some()),
            phases,
            timeline: view
                .events
                .iter()
                .take(100)
                .map(|event| TimelineRow {
                    at: crate::pages::audit::format_time(event.at.millis()),
                    actor: event.actor.clone(),
                    kind: event
                        .action
                        .map_or_else(|| event.kind.clone(), |action| tr.t(action.message_key())),
                    detail: event.detail.clone(),
                })
                .collect(),
            can_edit_project: view.can_edit_project,
            can_sign_off: view.can_sign_off,
            can_force: view.can_force,
            gate_error: gate.as_ref().map(|e| message(context, e)),
            gate_open_items: open_items,
            imported: imported_section(context, &view),
            commitments: state
                .services
                .commitments(principal, id)
                .await?
                .map(|(record, bid)| super::bids::commitment_lines(context, &bid, &record))
                .unwrap_or_default(),
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    project_page(&state, &context, project_id(&id)?, None, Vec::new()).await
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    comment: String,
}

pub async fn sign_off(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    super::FormData(form): super::FormData<CommentForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    match state
        .services
        .sign_off(principal, id, &form.comment, now())
        .await
    {
        Ok(()) => Ok(redirect(&format!("/projects/{id}"))),
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
    Path(id): Path<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    match state.services.advance(principal, id, now()).await {
        Ok(_) => Ok(redirect(&format!("/projects/{id}"))),
        Err(procura_service::ServiceError::Gate(refusal)) => {
            let error = gate_error(&refusal);
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

pub fn gate_error(refusal: &procura_domain::GateRefusal) -> WebError {
    WebError::new(
        StatusCode::CONFLICT,
        "gate_refused",
        procura_service::gate_message_key(refusal),
    )
    .with("count", refusal.open_items.len().to_string())
    .with(
        "items",
        refusal
            .open_items
            .iter()
            .map(|p| p.id())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[derive(Deserialize)]
pub struct ForceForm {
    #[serde(default)]
    reason: String,
}

pub async fn force(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    super::FormData(form): super::FormData<ForceForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    match state
        .services
        .force_advance(principal, id, &form.reason, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}"))),
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

// ------------------------------------------------------------------- items

pub struct EvidenceRow {
    pub name: String,
    pub link: Option<String>,
    pub detail: String,
    /// A file an imported project listed but did not bring.
    pub missing: bool,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    page: Page,
    project_id: String,
    project_reference: String,
    item_id: String,
    practice: String,
    practice_title: String,
    statement: String,
    phase: String,
    retired: bool,
    can_edit: bool,
    version: i64,
    statuses: Vec<Choice>,
    justification: String,
    owners: Vec<Choice>,
    due_date: String,
    notes: String,
    evidence: Vec<EvidenceRow>,
    error: Option<String>,
    /// After a conflict: what is saved now.
    current: Option<String>,
    upload_limit_mb: usize,
    /// On good practice 19: the DPIA screening's result and decision.
    dpia: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn item_page(
    state: &AppState,
    context: &RequestContext,
    project: ProjectId,
    item: ItemId,
    change: Option<&ItemChange>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.project(principal, project).await?;
    let record = view
        .items
        .iter()
        .find(|i| i.id == item)
        .ok_or_else(WebError::not_found)?;
    let lang = context.lang;
    let tr = context.tr();
    let practice = state
        .catalog
        .practice(record.practice)
        .ok_or_else(WebError::not_found)?;
    let conflict = error
        .as_ref()
        .is_some_and(|e| e.status == StatusCode::CONFLICT);
    let owner_email = record
        .owner_id
        .and_then(|o| view.email_of(o))
        .unwrap_or("")
        .to_owned();
    let (status, justification, owner, due, notes) = match change {
        Some(change) => (
            change.status.clone(),
            change.justification.clone(),
            change.owner.clone(),
            change.due_date.clone().unwrap_or_default(),
            change.notes.clone(),
        ),
        None => (
            record.status.id().to_owned(),
            record.justification.clone(),
            owner_email.clone(),
            record.due_date.map(|d| d.to_string()).unwrap_or_default(),
            record.notes.clone(),
        ),
    };
    let current = conflict.then(|| {
        tr.with(
            "item-current-values",
            &[
                (
                    "status",
                    tr.t(&format!("status-{}", record.status.id())).into(),
                ),
                (
                    "owner",
                    if owner_email.is_empty() {
                        tr.t("item-nobody")
                    } else {
                        owner_email.clone()
                    }
                    .into(),
                ),
                (
                    "due",
                    record
                        .due_date
                        .map_or_else(|| "—".to_owned(), |d| d.to_string())
                        .into(),
                ),
                (
                    "notes",
                    if record.notes.is_empty() {
                        "—".to_owned()
                    } else {
                        record.notes.clone()
                    }
                    .into(),
                ),
            ],
        )
    });
    let page = Page::new(
        state,
        context,
        "projects",
        format!("{} — {}", view.project.reference, practice.id()),
    )
    .await;
    // Good practice 19 is the DPIA: its item shows the screening.
    let dpia = if record.practice.get() == 19 {
        let register = state.services.register(principal, project).await?;
        let (result, decision, recorded) = super::risks::dpia_lines(&tr, &register);
        Some(
            [result, decision, recorded]
                .into_iter()
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        None
    };
    let template = ItemPage {
        dpia,
        page,
        project_id: project.to_string(),
        project_reference: view.project.reference.clone(),
        item_id: item.to_string(),
        practice: practice.id(),
        practice_title: practice.title.get(lang).to_owned(),
        statement: practice.statement.get(lang).to_owned(),
        phase: state.catalog.phase_name(record.phase, lang).to_owned(),
        retired: record.retired,
        can_edit: view.can_edit_items,
        version: record.version,
        statuses: ItemStatus::ALL
            .iter()
            .map(|s| Choice {
                id: s.id().to_owned(),
                name: tr.t(&format!("status-{}", s.id())),
                selected: s.id() == status,
            })
            .collect(),
        justification,
        owners: view
            .people
            .iter()
            .map(|(_, email)| Choice {
                id: email.clone(),
                name: email.clone(),
                selected: email.eq_ignore_ascii_case(&owner),
            })
            .collect(),
        due_date: due,
        notes,
        evidence: view
            .evidence
            .iter()
            .filter(|e| e.item_id == item)
            .map(|e| EvidenceRow {
                name: e.name.clone(),
                link: match e.kind {
                    EvidenceKind::Link => e.url.clone(),
                    EvidenceKind::File => Some(format!("/evidence/{}", e.id)),
                    EvidenceKind::Missing => None,
                },
                missing: e.kind == EvidenceKind::Missing,
                detail: match e.kind {
                    EvidenceKind::Link => tr.t("evidence-link"),
                    EvidenceKind::Missing => tr.t("import-evidence-missing"),
                    EvidenceKind::File => format!(
                        "{} · {} B · SHA-256 {}",
                        e.content_type.clone().unwrap_or_default(),
                        e.size.unwrap_or(0),
                        e.sha256.clone().unwrap_or_default()
                    ),
                } + &format!(
                    " · {} · {}",
                    view.email_of(e.uploaded_by).unwrap_or("?"),
                    crate::pages::audit::format_time(e.created_at.millis())
                ),
            })
            .collect(),
        error: error.as_ref().map(|e| message(context, e)),
        current,
        upload_limit_mb: state.config.max_upload_bytes / (1024 * 1024),
    };
    match error {
        Some(error) => html_with_status(error.status, &template),
        None => html(&template),
    }
}

pub async fn item_form(
    State(state): State<AppState>,
    context: RequestContext,
    Path((project, item)): Path<(String, String)>,
) -> WebResult<Response> {
    item_page(
        &state,
        &context,
        project_id(&project)?,
        item_id(&item)?,
        None,
        None,
    )
    .await
}

#[derive(Deserialize)]
pub struct ItemForm {
    status: String,
    #[serde(default)]
    justification: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due_date: String,
    #[serde(default)]
    notes: String,
    version: i64,
}

pub async fn item_update(
    State(state): State<AppState>,
    context: RequestContext,
    Path((project, item)): Path<(String, String)>,
    super::FormData(form): super::FormData<ItemForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (project, item) = (project_id(&project)?, item_id(&item)?);
    let change = ItemChange {
        status: form.status,
        justification: form.justification,
        owner: form.owner,
        due_date: Some(form.due_date),
        notes: form.notes,
        version: form.version,
    };
    match state
        .services
        .update_item(principal, item, &change, now())
        .await
    {
        Ok(saved) if saved.project_id == project => {
            Ok(redirect(&format!("/projects/{project}#item-{item}")))
        }
        Ok(_) => Err(WebError::not_found()),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                item_page(&state, &context, project, item, Some(&change), Some(error)).await
            } else {
                Err(error)
            }
        }
    }
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    label: String,
    url: String,
}

pub async fn add_link(
    State(state): State<AppState>,
    context: RequestContext,
    Path((project, item)): Path<(String, String)>,
    super::FormData(form): super::FormData<LinkForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (project, item) = (project_id(&project)?, item_id(&item)?);
    match state
        .services
        .add_evidence_link(principal, item, &form.label, &form.url, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{project}/items/{item}"))),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                item_page(&state, &context, project, item, None, Some(error)).await
            } else {
                Err(error)
            }
        }
    }
}

/// Reads the one `file` part of a multipart upload, within the upload limit.
pub async fn read_upload(mut multipart: Multipart) -> WebResult<(String, Vec<u8>)> {
    while let Some(part) = multipart.next_field().await.map_err(upload_error)? {
        if part.name() == Some("file") {
            let name = part.file_name().unwrap_or("evidence").to_owned();
            let bytes = part.bytes().await.map_err(upload_error)?;
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(WebError::invalid("invalid-evidence-file"))
}

fn upload_error(error: axum::extract::multipart::MultipartError) -> WebError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "error-too-large",
        )
    } else {
        WebError::bad_request("error-malformed-upload").with("detail", error.body_text())
    }
}

pub async fn upload(
    State(state): State<AppState>,
    context: RequestContext,
    Path((project, item)): Path<(String, String)>,
    multipart: Multipart,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (project, item) = (project_id(&project)?, item_id(&item)?);
    let result = match read_upload(multipart).await {
        Ok((name, bytes)) => state
            .services
            .add_evidence_file(principal, item, &name, bytes, now())
            .await
            .map_err(WebError::from),
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(redirect(&format!("/projects/{project}/items/{item}"))),
        Err(error) if fixable(&error) => {
            item_page(&state, &context, project, item, None, Some(error)).await
        }
        Err(error) => Err(error),
    }
}

/// Evidence is always served as a download, with the type sniffed at upload.
pub async fn download(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = EvidenceId::parse(&id).ok_or_else(WebError::not_found)?;
    let (evidence, bytes) = state.services.evidence_file(principal, id).await?;
    attachment(
        bytes,
        evidence
            .content_type
            .as_deref()
            .unwrap_or("application/octet-stream"),
        &evidence.name,
    )
}

pub fn attachment(body: Vec<u8>, content_type: &str, filename: &str) -> WebResult<Response> {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).map_err(|_| WebError::internal())?,
    );
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._- ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(filename.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|_| WebError::internal())?,
    );
    Ok(response)
}

// ---------------------------------------------------------------- my items

pub struct MyItemRow {
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub item_id: String,
    pub practice: String,
    pub title: String,
    pub phase: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "my_items.html")]
struct MyItemsPage {
    page: Page,
    rows: Vec<MyItemRow>,
}

pub async fn my_items(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = context.lang;
    let today = today();
    let rows = state
        .services
        .my_items(principal)
        .await?
        .into_iter()
        .map(|(item, reference, project_title)| MyItemRow {
            project_id: item.project_id.to_string(),
            reference,
            project_title,
            item_id: item.id.to_string(),
            practice: item.practice.id(),
            title: state
                .catalog
                .practice(item.practice)
                .map(|p| p.title.get(lang).to_owned())
                .unwrap_or_default(),
            phase: state.catalog.phase_name(item.phase, lang).to_owned(),
            status: context.tr().t(&format!("status-{}", item.status.id())),
            due: item.due_date.map(|d| d.to_string()).unwrap_or_default(),
            overdue: is_overdue(item.due_date, item.status, today),
        })
        .collect();
    let page = Page::new(
        &state,
        &context,
        "my-items",
        context.tr().t("my-items-title"),
    )
    .await;
    html(&MyItemsPage { page, rows })
}

// ----------------------------------------------------------------- exports

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    Query(query): Query<ExportQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.project(principal, project_id(&id)?).await?;
    let format = query.format.unwrap_or_else(|| "xlsx".to_owned());
    let (bytes, content_type, extension) =
        crate::exports::checklist(&state, &view, &format, context.lang)?;
    attachment(
        bytes,
        content_type,
        &format!(
            "{}-checklist.{extension}",
            view.project.reference.replace('/', "-")
        ),
    )
}

// -------------------------------------------------------- export / import

#[derive(Deserialize)]
pub struct TransferQuery {
    archive: Option<String>,
}

/// The whole project as JSON, or as a zip with the evidence files.
pub async fn transfer(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    Query(query): Query<TransferQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let zip = query.archive.as_deref() == Some("zip");
    crate::exports::project_archive(&state, principal, project_id(&id)?, zip).await
}

/// Imports an uploaded export (JSON or zip) as a new project; a refused
/// file is explained on the import form.
pub async fn import(
    State(state): State<AppState>,
    context: RequestContext,
    multipart: Multipart,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = async {
        let (_, bytes) = read_upload(multipart).await?;
        let file = crate::exports::read_import(&state, bytes.into()).await?;
        state
            .services
            .import_project(principal, state.catalog, file, now())
            .await
            .map_err(WebError::from)
    }
    .await;
    match result {
        Ok(project) => Ok(redirect(&format!("/projects/{}", project.id))),
        Err(error) if error.status.is_client_error() && error.status != StatusCode::FORBIDDEN => {
            portfolio_page(&state, &context, "", Some(error)).await
        }
        Err(error) => Err(error),
    }
}
