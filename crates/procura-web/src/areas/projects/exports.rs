//! Turning a project into the files people download, and reading back
//! the files people upload: the pages and the API serve the same bytes.

use axum::response::Response;
use procura_docs::{ChecklistDoc, ChecklistRow};
use procura_domain::{EvidenceId, ItemStatus, Lang, ProjectId, is_overdue};
use procura_service::packaging::{ImportFile, ImportLimits};
use procura_service::{ChecklistView, Principal};

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::kit::downloads::{self, attachment, file_stem};
use crate::kit::names::{item_status_name, stage_name};
use crate::kit::time::{format_time, today};
use crate::state::AppState;

fn checklist_doc(state: &AppState, view: &ChecklistView, lang: Lang) -> ChecklistDoc {
    let catalog = state.catalog;
    let tr = Tr(lang);
    let today = today();
    // Each status is named once, not once per line.
    let statuses: Vec<(ItemStatus, String)> = ItemStatus::ALL
        .iter()
        .map(|status| (*status, item_status_name(&tr, *status)))
        .collect();
    let status_name = |status: ItemStatus| {
        statuses
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    };
    ChecklistDoc {
        reference: view.project.reference.to_string(),
        title: view.project.title.clone(),
        stage: stage_name(&tr, view.project.stage),
        generated: format_time(now().millis()),
        lang,
        rows: view
            .lines
            .iter()
            .map(|line| {
                let item = &line.item;
                ChecklistRow {
                    phase_id: item.phase.id().to_owned(),
                    phase: catalog.phase_name(item.phase, lang).to_owned(),
                    practice: item.practice.id(),
                    title: catalog
                        .practice(item.practice)
                        .map(|p| p.title.get(lang).to_owned())
                        .unwrap_or_default(),
                    status_id: item.status.id().to_owned(),
                    status: status_name(item.status),
                    owner: line.owner_email.clone().unwrap_or_default(),
                    due_date: item.due_date.map(|d| d.to_string()).unwrap_or_default(),
                    overdue: is_overdue(item.due_date, item.status, today),
                    justification: item.justification.clone(),
                    notes: item.notes.clone(),
                    evidence: usize::try_from(line.evidence).unwrap_or(usize::MAX),
                    retired: item.retired,
                }
            })
            .collect(),
    }
}

/// The checklist in `format`: bytes, content type and file extension.
fn checklist(
    state: &AppState,
    view: &ChecklistView,
    format: &str,
    lang: Lang,
) -> WebResult<(Vec<u8>, &'static str, &'static str)> {
    let doc = checklist_doc(state, view, lang);
    let failed = |_| WebError::internal();
    Ok(match format {
        "xlsx" => (
            procura_docs::checklist_xlsx(&doc).map_err(failed)?,
            downloads::XLSX,
            "xlsx",
        ),
        "csv" => (
            procura_docs::checklist_csv(&doc)
                .map_err(failed)?
                .into_bytes(),
            downloads::CSV,
            "csv",
        ),
        "json" => (
            procura_docs::checklist_json(&doc)
                .map_err(failed)?
                .into_bytes(),
            downloads::JSON,
            "json",
        ),
        "markdown" | "md" => (
            procura_docs::checklist_markdown(&doc).into_bytes(),
            downloads::MARKDOWN,
            "md",
        ),
        other => return Err(WebError::bad_request("error-unknown-format").with("format", other)),
    })
}

/// The checklist of project `id` in `format` (`xlsx` when none is asked),
/// as a download.
pub async fn checklist_download(
    state: &AppState,
    principal: &Principal,
    id: ProjectId,
    format: Option<String>,
    lang: Lang,
) -> WebResult<Response> {
    let view = state.services.checklist(principal, id).await?;
    let format = format.unwrap_or_else(|| "xlsx".to_owned());
    let (bytes, content_type, extension) = checklist(state, &view, &format, lang)?;
    attachment(
        bytes,
        content_type,
        &format!(
            "{}-{}.{extension}",
            file_stem(view.project.reference.as_str()),
            downloads::named(lang, "check-list", "checklist")
        ),
    )
}

/// An evidence file, always as a download, with the type sniffed at upload.
pub async fn evidence_download(
    state: &AppState,
    principal: &Principal,
    id: EvidenceId,
) -> WebResult<Response> {
    let (evidence, bytes) = state.services.evidence_file(principal, id).await?;
    attachment(
        bytes,
        evidence
            .content_type
            .as_deref()
            .unwrap_or(downloads::UNKNOWN),
        &evidence.name,
    )
}

/// The whole project as a download: JSON, or a zip with the evidence files.
pub async fn project_archive(
    state: &AppState,
    principal: &Principal,
    id: ProjectId,
    zip: bool,
) -> WebResult<Response> {
    let export = state
        .services
        .export_project(principal, id, state.config.public_url.origin(), now())
        .await?;
    let name = file_stem(&export.project.reference);
    if zip {
        let files = state.services.export_evidence_files(principal, id).await?;
        let bytes = procura_service::packaging::to_zip(&export, &files)?;
        attachment(bytes, downloads::ZIP, &format!("{name}.zip"))
    } else {
        let bytes = procura_service::packaging::to_json(&export)?;
        attachment(bytes, downloads::JSON, &format!("{name}.json"))
    }
}

/// Reads an uploaded project file within the import limits that follow
/// from the upload limit. Unpacking and hashing run on the blocking pool,
/// away from the tasks serving other requests.
pub async fn read_import(state: &AppState, bytes: axum::body::Bytes) -> WebResult<ImportFile> {
    let limits = ImportLimits::for_upload_limit(state.config.max_upload_bytes);
    tokio::task::spawn_blocking(move || procura_service::packaging::read(&bytes, &limits))
        .await
        .map_err(|error| {
            tracing::error!(%error, "reading an import failed");
            WebError::internal()
        })?
        .map_err(WebError::from)
}
