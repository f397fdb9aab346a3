//! Turning a project into the documents people download.

use procura_docs::{ChecklistDoc, ChecklistRow};
use procura_domain::{Day, Lang, is_overdue};
use procura_service::ProjectView;

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::state::AppState;

pub fn checklist_doc(state: &AppState, view: &ProjectView, lang: Lang) -> ChecklistDoc {
    let catalog = state.catalog;
    let tr = Tr(lang);
    let today = Day::from_unix_millis(now().millis());
    ChecklistDoc {
        reference: view.project.reference.clone(),
        title: view.project.title.clone(),
        stage: tr.t(&format!("stage-{}", view.project.stage.id())),
        generated: crate::pages::audit::format_time(now().millis()),
        lang,
        rows: view
            .items
            .iter()
            .map(|item| ChecklistRow {
                phase_id: item.phase.id().to_owned(),
                phase: catalog.phase_name(item.phase, lang).to_owned(),
                practice: item.practice.id(),
                title: catalog
                    .practice(item.practice)
                    .map(|p| p.title.get(lang).to_owned())
                    .unwrap_or_default(),
                status_id: item.status.id().to_owned(),
                status: tr.t(&format!("status-{}", item.status.id())),
                owner: item
                    .owner_id
                    .and_then(|o| view.email_of(o))
                    .unwrap_or("")
                    .to_owned(),
                due_date: item.due_date.map(|d| d.to_string()).unwrap_or_default(),
                overdue: is_overdue(item.due_date, item.status, today),
                justification: item.justification.clone(),
                notes: item.notes.clone(),
                evidence: view
                    .evidence
                    .iter()
                    .filter(|e| {
                        e.item_id == item.id && e.kind != procura_domain::EvidenceKind::Missing
                    })
                    .count(),
                retired: item.retired,
            })
            .collect(),
    }
}

/// The checklist in `format`: bytes, content type and file extension.
pub fn checklist(
    state: &AppState,
    view: &ProjectView,
    format: &str,
    lang: Lang,
) -> WebResult<(Vec<u8>, &'static str, &'static str)> {
    let doc = checklist_doc(state, view, lang);
    let failed = |_| WebError::internal();
    Ok(match format {
        "xlsx" => (
            procura_docs::checklist_xlsx(&doc).map_err(failed)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        "csv" => (
            procura_docs::checklist_csv(&doc)
                .map_err(failed)?
                .into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "json" => (
            procura_docs::checklist_json(&doc)
                .map_err(failed)?
                .into_bytes(),
            "application/json",
            "json",
        ),
        "markdown" | "md" => (
            procura_docs::checklist_markdown(&doc).into_bytes(),
            "text/markdown; charset=utf-8",
            "md",
        ),
        other => return Err(WebError::bad_request("error-unknown-format").with("format", other)),
    })
}

/// The whole project as a download: JSON, or a zip with the evidence files.
pub async fn project_archive(
    state: &AppState,
    principal: &procura_service::Principal,
    id: procura_domain::ProjectId,
    zip: bool,
) -> WebResult<axum::response::Response> {
    let export = state
        .services
        .export_project(
            principal,
            id,
            state.config.public_url.origin(),
            crate::auth::now(),
        )
        .await?;
    let name = export.project.reference.replace('/', "-");
    if zip {
        let files = state.services.export_evidence_files(principal, id).await?;
        let bytes = procura_service::packaging::to_zip(&export, &files)?;
        crate::pages::projects::attachment(bytes, "application/zip", &format!("{name}.zip"))
    } else {
        let bytes = procura_service::packaging::to_json(&export)?;
        crate::pages::projects::attachment(bytes, "application/json", &format!("{name}.json"))
    }
}

/// Reads an uploaded project file within the import limits that follow
/// from the upload limit. Unpacking and hashing run on the blocking pool,
/// away from the tasks serving other requests.
pub async fn read_import(
    state: &AppState,
    bytes: axum::body::Bytes,
) -> WebResult<procura_service::packaging::ImportFile> {
    let limits =
        procura_service::packaging::ImportLimits::for_upload_limit(state.config.max_upload_bytes);
    tokio::task::spawn_blocking(move || procura_service::packaging::read(&bytes, &limits))
        .await
        .map_err(|error| {
            tracing::error!(%error, "reading an import failed");
            WebError::internal()
        })?
        .map_err(WebError::from)
}
