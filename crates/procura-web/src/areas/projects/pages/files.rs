//! What a project page offers to download: evidence files, the checklist
//! in four formats, and the whole project for transfer.

use axum::extract::{Query, State};
use axum::response::Response;
use procura_domain::{EvidenceId, ProjectId};
use serde::Deserialize;

use crate::areas::projects::exports;
use crate::error::WebResult;
use crate::kit::ids::Id;
use crate::render::RequestContext;
use crate::state::AppState;

/// Evidence is always served as a download, with the type sniffed at upload.
pub async fn download(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<EvidenceId>,
) -> WebResult<Response> {
    exports::evidence_download(&state, context.principal()?, id).await
}

#[derive(askama::Template)]
#[template(path = "evidence_remove.html")]
struct RemovePage {
    page: crate::render::Page,
    question: String,
    back: String,
    action: String,
}

/// Asks before a piece of evidence is removed.
pub async fn remove_form(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<EvidenceId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (evidence, item) = state.services.evidence_record(principal, id).await?;
    let tr = context.tr();
    let page =
        crate::render::Page::new(&state, &context, "projects", tr.t("evidence-remove-title")).await;
    crate::render::html(&RemovePage {
        question: tr.with(
            "evidence-remove-question",
            &[
                ("name", evidence.name.clone().into()),
                ("practice", item.practice.id().into()),
            ],
        ),
        back: format!("/projects/{}/items/{}", item.project_id, item.id),
        action: format!("/evidence/{id}/delete"),
        page,
    })
}

/// Removes a piece of evidence once confirmed, and goes back to its item.
pub async fn remove(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<EvidenceId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let evidence = state
        .services
        .remove_evidence(principal, id, crate::auth::now())
        .await?;
    Ok(crate::render::redirect(&format!(
        "/projects/{}/items/{}?done=removed",
        evidence.project_id, evidence.item_id
    )))
}

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<ExportQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    exports::checklist_download(&state, principal, id, query.format, context.lang).await
}

#[derive(Deserialize)]
pub struct TransferQuery {
    archive: Option<String>,
}

/// The whole project as JSON, or as a zip with the evidence files.
pub async fn transfer(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<TransferQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let zip = query.archive.as_deref() == Some("zip");
    exports::project_archive(&state, principal, id, zip).await
}
