//! The tender's documents as the page offers them: the annex in four
//! formats and the bidders' questionnaire, in either language.

use axum::extract::{Query, State};
use axum::response::Response;
use procura_docs::tender::{AnnexFormat, questionnaire_xlsx, render_annex};
use procura_domain::ProjectId;

use crate::areas::tender::annex::project_annex;
use crate::error::{WebError, WebResult};
use crate::kit::downloads::{self, attachment};
use crate::kit::ids::{Id, Segments};
use crate::kit::lang::LangQuery;
use crate::render::RequestContext;
use crate::state::AppState;

/// `annex.docx`, `annex.pdf`, `annex.md`, `annex.html` or `questionnaire.xlsx`.
pub async fn document(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), file): Segments<Id<ProjectId>, String>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    let lang = query.or(context.lang)?;
    let (stem, extension) = file.rsplit_once('.').ok_or_else(WebError::not_found)?;
    let (annex, reference) = project_annex(&state, &context, id, lang).await?;
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "tender document");
        WebError::internal()
    };
    match (stem, extension) {
        ("questionnaire", "xlsx") => attachment(
            questionnaire_xlsx(&annex).map_err(failed)?,
            downloads::XLSX,
            &format!("{reference}-questionnaire-{}.xlsx", lang.code()),
        ),
        ("annex", extension) => {
            let format = AnnexFormat::parse(extension).ok_or_else(WebError::not_found)?;
            attachment(
                render_annex(&annex, format).map_err(failed)?,
                format.content_type(),
                &format!(
                    "{reference}-{}-{}.{}",
                    crate::kit::downloads::named(lang, "annexe-securite", "security-annex"),
                    lang.code(),
                    format.extension()
                ),
            )
        }
        _ => Err(WebError::not_found()),
    }
}
