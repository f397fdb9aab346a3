//! The register and report of a project as files, in the reader's
//! language: the page and the API serve the same bytes.

use axum::response::Response;
use procura_docs::risk::{RiskDoc, RiskRow};
use procura_domain::{Lang, ProjectId};
use procura_service::risks::RegisterView;

use super::lines::{heat_map, line};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::kit::downloads::{self, attachment, file_stem};
use crate::kit::lang::LangQuery;
use crate::kit::names::stage_name;
use crate::kit::summaries::dpia_lines;
use crate::kit::time::format_time;
use crate::render::RequestContext;
use crate::state::AppState;

/// The register and report of a project, in the reader's language.
fn risk_doc(state: &AppState, view: &RegisterView, lang: Lang) -> RiskDoc {
    let tr = Tr(lang);
    RiskDoc {
        lang,
        reference: view.project.reference.to_string(),
        title: view.project.title.clone(),
        organisation: String::new(),
        generated: format_time(now().millis()),
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
                    format_time(review.reviewed_at.millis()),
                    view.email_of(review.reviewed_by).unwrap_or(""),
                    stage_name(&tr, review.stage),
                    review.summary
                )
            })
            .collect(),
    }
}

/// `register.xlsx`, `register.csv`, `report.docx` or `report.pdf` of
/// project `id`, in the language asked for or the reader's.
pub async fn register_file(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    file: &str,
    query: &LangQuery,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.register(principal, id).await?;
    let lang = query.or(context.lang)?;
    let mut doc = risk_doc(state, &view, lang);
    doc.organisation = principal.organisation_name.clone();
    let reference = file_stem(view.project.reference.as_str());
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "risk document");
        WebError::internal()
    };
    let (bytes, kind, name) = match file {
        "register.xlsx" => (
            procura_docs::risk::register_xlsx(&doc).map_err(failed)?,
            downloads::XLSX,
            format!(
                "{reference}-{}.xlsx",
                downloads::named(lang, "risques", "risks")
            ),
        ),
        "register.csv" => (
            procura_docs::risk::register_csv(&doc)
                .map_err(failed)?
                .into_bytes(),
            downloads::CSV,
            format!(
                "{reference}-{}.csv",
                downloads::named(lang, "risques", "risks")
            ),
        ),
        "report.docx" => (
            procura_docs::risk::report_docx(&doc).map_err(failed)?,
            downloads::DOCX,
            format!(
                "{reference}-{}-{}.docx",
                downloads::named(lang, "rapport-risques", "risk-report"),
                lang.code()
            ),
        ),
        "report.pdf" => (
            procura_docs::risk::report_pdf(&doc).map_err(failed)?,
            downloads::PDF,
            format!(
                "{reference}-{}-{}.pdf",
                downloads::named(lang, "rapport-risques", "risk-report"),
                lang.code()
            ),
        ),
        _ => return Err(WebError::not_found()),
    };
    attachment(bytes, kind, &name)
}
