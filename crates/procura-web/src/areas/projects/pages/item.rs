//! One checklist item: its status, owner, due date and notes, its
//! evidence (links and files), and the DPIA screening on good practice 19.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::EvidenceKind;
use procura_domain::{ItemId, ItemStatus, ProjectId};
use procura_service::ItemChange;
use serde::Deserialize;

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{Choice, fixable, message};
use crate::kit::forms::Form;
use crate::kit::ids::{Id, Segments};
use crate::kit::names::item_status_name;
use crate::kit::summaries::dpia_paragraph;
use crate::kit::uploads::Upload;
use crate::render::{Page, RequestContext, html, html_with_status, redirect};
use crate::state::AppState;

pub struct EvidenceRow {
    pub name: String,
    pub link: Option<String>,
    pub detail: String,
    /// A file an imported project listed but did not bring.
    pub missing: bool,
    /// Where its uploader removes it, while the phase is not signed off.
    pub remove: Option<String>,
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
                ("status", item_status_name(&tr, record.status).into()),
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
        Some(dpia_paragraph(&tr, &register))
    } else {
        None
    };
    let template = ItemPage {
        dpia,
        page,
        project_id: project.to_string(),
        project_reference: view.project.reference.to_string(),
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
                name: item_status_name(&tr, *s),
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
                remove: (e.uploaded_by == principal.user_id
                    && view.can_edit_items
                    && !view.sign_offs.iter().any(|s| s.phase == record.phase))
                .then(|| format!("/evidence/{}/delete", e.id)),
                detail: match e.kind {
                    EvidenceKind::Link => tr.t("evidence-link"),
                    EvidenceKind::Missing => tr.t("import-evidence-missing"),
                    EvidenceKind::File => format!(
                        "{} · {} · SHA-256 {}",
                        e.content_type.clone().unwrap_or_default(),
                        procura_i18n::size(
                            context.lang,
                            u64::try_from(e.size.unwrap_or(0)).unwrap_or(0)
                        ),
                        e.sha256.clone().unwrap_or_default()
                    ),
                } + &format!(
                    " · {} · {}",
                    view.email_of(e.uploaded_by).unwrap_or("?"),
                    crate::kit::time::moment(context.lang, context.time_zone(), e.created_at)
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
    Segments(Id(project), Id(item)): Segments<Id<ProjectId>, Id<ItemId>>,
) -> WebResult<Response> {
    item_page(&state, &context, project, item, None, None).await
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
    Segments(Id(project), Id(item)): Segments<Id<ProjectId>, Id<ItemId>>,
    Form(form): Form<ItemForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
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
        Ok(saved) if saved.project_id == project => Ok(redirect(&format!(
            "/projects/{project}?done=saved#item-{item}"
        ))),
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
    Segments(Id(project), Id(item)): Segments<Id<ProjectId>, Id<ItemId>>,
    Form(form): Form<LinkForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .add_evidence_link(principal, item, &form.label, &form.url, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/projects/{project}/items/{item}?done=added"
        ))),
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

pub async fn upload(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(project), Id(item)): Segments<Id<ProjectId>, Id<ItemId>>,
    multipart: Multipart,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = match Upload::read(multipart).await.and_then(Upload::into_file) {
        Ok((name, bytes)) => state
            .services
            .add_evidence_file(principal, item, &name, bytes, now())
            .await
            .map_err(WebError::from),
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(redirect(&format!(
            "/projects/{project}/items/{item}?done=added"
        ))),
        Err(error) if fixable(&error) => {
            item_page(&state, &context, project, item, None, Some(error)).await
        }
        Err(error) => Err(error),
    }
}
