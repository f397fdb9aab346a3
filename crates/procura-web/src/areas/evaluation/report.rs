//! The evaluation report of a project's bids, as the page and the API
//! serve it: DOCX, PDF or XLSX, in the language asked for.

use axum::response::Response;
use procura_docs::evaluation::{evaluation_docx, evaluation_pdf, evaluation_xlsx};
use procura_domain::{Lang, ProjectId};
use procura_service::bids::{EvaluationView, evaluation_doc};

use crate::error::{WebError, WebResult};
use crate::kit::downloads::{self, attachment, file_stem};
use crate::kit::lang::LangQuery;
use crate::kit::time::today;
use crate::render::RequestContext;
use crate::state::AppState;

/// `report.docx`, `report.pdf` or `report.xlsx` of project `id`.
pub async fn report(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    file: &str,
    query: &LangQuery,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = query.or(context.lang)?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    report_file(&view, lang, file)
}

/// The report in the format `file` names.
fn report_file(view: &EvaluationView, lang: Lang, file: &str) -> WebResult<Response> {
    let doc = evaluation_doc(view, lang, &today().to_string());
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "evaluation report");
        WebError::internal()
    };
    let reference = file_stem(view.tender.project.reference.as_str());
    let name = |extension: &str| {
        format!(
            "{reference}-{}-{}.{extension}",
            if lang == Lang::Fr {
                "analyse-securite-offres"
            } else {
                "security-bid-evaluation"
            },
            lang.code()
        )
    };
    match file {
        "report.docx" => attachment(
            evaluation_docx(&doc).map_err(failed)?,
            downloads::DOCX,
            &name("docx"),
        ),
        "report.pdf" => attachment(
            evaluation_pdf(&doc).map_err(failed)?,
            downloads::PDF,
            &name("pdf"),
        ),
        "report.xlsx" => attachment(
            evaluation_xlsx(&doc).map_err(failed)?,
            downloads::XLSX,
            &name("xlsx"),
        ),
        _ => Err(WebError::not_found()),
    }
}
