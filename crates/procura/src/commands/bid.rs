//! `procura bid import|score|report --project REF --as EMAIL`: a supplier's
//! filled questionnaire into its bid, the bids' eligibility, score and rank,
//! and the evaluation report, through the same use cases as the pages.

use std::io::Write;

use procura_catalog::Catalog;
use procura_docs::evaluation::{evaluation_docx, evaluation_pdf, evaluation_xlsx};
use procura_domain::Lang;
use procura_i18n::text;
use procura_service::RawConfig;
use procura_service::bids::{EvaluationView, evaluation_doc, offer_name};

use crate::cli::{BidArgs, BidCommand};
use crate::failure::Failure;
use crate::runtime::{load_config, open, runtime};
use crate::table::{Column, render};

pub fn run(
    catalog: &'static Catalog,
    args: BidArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let actor = args.actor.clone().ok_or(Failure::MissingActor)?;
    let reference = args.project.clone().ok_or(Failure::MissingProject)?;
    // Read the file before opening anything, so a wrong path fails fast.
    let file = match &args.command {
        BidCommand::Import { file, .. } => {
            Some(std::fs::read(file).map_err(|error| Failure::InputFile {
                path: file.display().to_string(),
                error,
            })?)
        }
        BidCommand::Score { format } if format != "table" && format != "json" => {
            return Err(Failure::UnknownFormat(format.clone()));
        }
        BidCommand::Score { .. } | BidCommand::Grade { .. } => None,
        BidCommand::Report { format, output } => {
            report_format(format.as_deref(), output.as_deref())?;
            None
        }
    };
    let config = load_config(&args.database, RawConfig::default())?;
    let rt = runtime()?;
    let services = rt.block_on(open(&config))?;
    let now = procura_web::now();
    let result = rt.block_on(async {
        let principal = services.act_as(&actor, args.org.as_deref()).await?;
        let project = services
            .project_by_reference(&principal, &reference)
            .await?
            .project;
        match args.command {
            BidCommand::Import {
                supplier, offer, ..
            } => {
                let bid = services
                    .import_for_supplier(
                        &principal,
                        catalog,
                        project.id,
                        &supplier,
                        &offer,
                        file.as_deref().unwrap_or_default(),
                        now,
                    )
                    .await?
                    .id;
                let view = services.evaluation(&principal, catalog, project.id).await?;
                if let Some(scored) = view.bid(bid) {
                    writeln!(
                        out,
                        "{} — {} · {} {}",
                        scored.bid.supplier_name,
                        eligibility(lang, scored.score.eligible),
                        text(lang, "bids-col-score"),
                        scored.score.score_text()
                    )?;
                }
            }
            BidCommand::Grade {
                supplier,
                requirement,
                grade,
                justification,
            } => {
                let view = services.evaluation(&principal, catalog, project.id).await?;
                let bid = view
                    .bids
                    .iter()
                    .find(|scored| {
                        scored
                            .bid
                            .supplier_name
                            .eq_ignore_ascii_case(supplier.trim())
                    })
                    .map(|scored| scored.bid.id)
                    .ok_or(procura_service::ServiceError::NotFound)?;
                let max = procura_catalog::requirement_library()?.grading.max();
                let score = procura_domain::grade_score(grade, max).ok_or(
                    procura_service::ServiceError::Invalid(procura_service::Invalid::Grade),
                )?;
                services
                    .set_override(
                        &principal,
                        catalog,
                        bid,
                        &requirement,
                        Some(score),
                        &justification,
                        now,
                    )
                    .await?;
                let view = services.evaluation(&principal, catalog, project.id).await?;
                if let Some(scored) = view.bid(bid) {
                    writeln!(
                        out,
                        "{} — {} {}",
                        scored.bid.supplier_name,
                        text(lang, "bids-col-score"),
                        scored.score.score_text()
                    )?;
                }
            }
            BidCommand::Report { format, output } => {
                let view = services.evaluation(&principal, catalog, project.id).await?;
                let generated = procura_domain::Day::from_unix_millis(now.millis()).to_string();
                let doc = evaluation_doc(&view, lang, &generated);
                let bytes = match report_format(format.as_deref(), output.as_deref())? {
                    "pdf" => evaluation_pdf(&doc)?,
                    "xlsx" => evaluation_xlsx(&doc)?,
                    _ => evaluation_docx(&doc)?,
                };
                match output {
                    Some(path) => std::fs::write(path, bytes)?,
                    None => out.write_all(&bytes)?,
                }
            }
            BidCommand::Score { format } => {
                let view = services.evaluation(&principal, catalog, project.id).await?;
                if format == "json" {
                    writeln!(
                        out,
                        "{}",
                        serde_json::to_string_pretty(&json(&view)).unwrap_or_default()
                    )?;
                } else {
                    out.write_all(table(&view, lang).as_bytes())?;
                }
            }
        }
        Ok::<(), Failure>(())
    });
    rt.block_on(services.close());
    result
}

/// The format asked for, or the output file's extension, or DOCX.
fn report_format(
    asked: Option<&str>,
    output: Option<&std::path::Path>,
) -> Result<&'static str, Failure> {
    let word = match asked {
        Some(word) => word.to_owned(),
        None => match output.and_then(|path| path.extension()) {
            Some(extension) => extension.to_string_lossy().into_owned(),
            None => return Ok("docx"),
        },
    };
    match word.trim().to_ascii_lowercase().as_str() {
        "docx" | "word" => Ok("docx"),
        "pdf" => Ok("pdf"),
        "xlsx" | "excel" => Ok("xlsx"),
        _ => Err(Failure::UnknownFormat(word)),
    }
}

fn eligibility(lang: Lang, eligible: bool) -> String {
    text(
        lang,
        if eligible {
            "bids-eligible"
        } else {
            "bids-ineligible"
        },
    )
}

fn json(view: &EvaluationView) -> serde_json::Value {
    let bids: Vec<serde_json::Value> = view
        .ranked()
        .into_iter()
        .map(|bid| {
            serde_json::json!({
                "id": bid.bid.id.to_string(),
                "supplier": bid.bid.supplier_name,
                "offer": offer_name(&bid.bid),
                "status": bid.bid.status.id(),
                "eligible": bid.score.eligible,
                "ineligible": bid.score.ineligible.iter().map(|i| i.code.to_string()).collect::<Vec<_>>(),
                "reservations": bid.score.reservations.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                "excluded": bid.score.candidate_excluded(),
                "irregular": bid.score.offer_irregular(),
                "to_grade": bid.score.to_grade.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                "score": f64::from(bid.score.score_tenths) / 10.0,
                "rank": bid.rank,
                "unanswered": bid.score.unanswered,
                "outdated": bid.outdated,
            })
        })
        .collect();
    serde_json::json!({
        "project": view.tender.project.reference.as_str(),
        "tender_version": view.tender.version,
        "requirements": view.criteria.len(),
        "rules": {
            "partial_fails_eligibility": view.rules.partial_fails_eligibility,
            "yes": view.rules.yes,
            "partial": view.rules.partial,
            "no": view.rules.no,
        },
        "bids": bids,
    })
}

fn table(view: &EvaluationView, lang: Lang) -> String {
    let columns = [
        Column::fixed(text(lang, "bids-col-rank"), 5),
        Column::flexible(text(lang, "bids-col-supplier")),
        Column::fixed(text(lang, "bids-col-eligibility"), 14),
        Column::fixed(text(lang, "bids-col-score"), 14),
        Column::fixed(text(lang, "bids-col-answered"), 9),
    ];
    let rows: Vec<Vec<String>> = view
        .ranked()
        .into_iter()
        .map(|bid| {
            let offer = offer_name(&bid.bid);
            let reasons: Vec<String> = bid
                .score
                .ineligible
                .iter()
                .map(|i| i.code.to_string())
                .collect();
            vec![
                bid.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
                if offer.is_empty() {
                    bid.bid.supplier_name.clone()
                } else {
                    format!("{} — {offer}", bid.bid.supplier_name)
                },
                if reasons.is_empty() {
                    eligibility(lang, true)
                } else {
                    format!("{} ({})", eligibility(lang, false), reasons.join(", "))
                },
                if bid.score.scored {
                    bid.score.score_text()
                } else {
                    "—".to_owned()
                },
                format!(
                    "{}/{}",
                    view.criteria.len() - bid.score.unanswered.min(view.criteria.len()),
                    view.criteria.len()
                ),
            ]
        })
        .collect();
    render(&columns, &rows)
}
