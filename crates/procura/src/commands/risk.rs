//! `procura risk list|add|review --project REF --as EMAIL`: a project's risk
//! register from the command line, through the same use cases as the pages.

use procura_i18n::MessageKey;
use std::io::Write;

use procura_catalog::Catalog;
use procura_domain::{Lang, RiskStatus};
use procura_i18n::text;
use procura_service::RawConfig;
use procura_service::risks::RiskInput;

use crate::cli::{RiskArgs, RiskCommand};
use crate::failure::Failure;
use crate::runtime::{load_config, open, runtime};
use crate::table::{Column, render};

pub fn run(
    catalog: &'static Catalog,
    args: RiskArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let actor = args.actor.clone().ok_or(Failure::MissingActor)?;
    let reference = args.project.clone().ok_or(Failure::MissingProject)?;
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
            RiskCommand::List { format } => {
                let view = services.register(&principal, project.id).await?;
                let shown: Vec<_> = view
                    .risks
                    .iter()
                    .filter(|risk| risk.record.status != RiskStatus::Dismissed)
                    .collect();
                if format == "json" {
                    let rows: Vec<serde_json::Value> = shown
                        .iter()
                        .map(|risk| {
                            serde_json::json!({
                                "id": risk.record.id.to_string(),
                                "status": risk.record.status.id(),
                                "threat_group": risk.record.threat_group.id(),
                                "example": risk.record.example,
                                "description": risk.record.description,
                                "asset": risk.record.asset,
                                "likelihood": risk.record.likelihood.get(),
                                "severity": risk.record.severity.get(),
                                "inherent": risk.inherent.id(),
                                "treatment": risk.record.treatment.map(|t| t.id()),
                                "residual": risk.residual.map(|l| l.id()),
                                "above_appetite": risk.above_appetite,
                            })
                        })
                        .collect();
                    let json = serde_json::json!({
                        "project": project.reference.as_str(),
                        "reviewed_this_stage": view.reviewed_this_stage,
                        "risks": rows,
                    });
                    writeln!(
                        out,
                        "{}",
                        serde_json::to_string_pretty(&json).unwrap_or_default()
                    )?;
                    return Ok(());
                }
                let columns = [
                    Column::fixed(text(lang, "risks-col-inherent"), 12),
                    Column::fixed(text(lang, "risks-threat-group"), 24),
                    Column::flexible(text(lang, "risks-col-threat")),
                    Column::fixed(text(lang, "risks-col-treatment"), 12),
                    Column::fixed(text(lang, "risks-col-residual"), 12),
                ];
                let rows: Vec<Vec<String>> = shown
                    .iter()
                    .map(|risk| {
                        let record = &risk.record;
                        let threat = record
                            .example
                            .as_deref()
                            .and_then(|id| catalog.threat(record.threat_group).threat_name(id))
                            .map_or(record.description.clone(), |name| name.get(lang).to_owned());
                        let status = if record.status == RiskStatus::Proposed {
                            format!(" ({})", text(lang, "risk-status-proposed"))
                        } else {
                            String::new()
                        };
                        vec![
                            format!(
                                "{} {}×{}",
                                text(lang, &risk.inherent.message_key()),
                                record.likelihood,
                                record.severity
                            ),
                            catalog.threat_name(record.threat_group, lang).to_owned(),
                            format!("{threat}{status}"),
                            record
                                .treatment
                                .map(|t| text(lang, &t.message_key()))
                                .unwrap_or_default(),
                            risk.residual
                                .map(|l| text(lang, &l.message_key()))
                                .unwrap_or_default(),
                        ]
                    })
                    .collect();
                out.write_all(render(&columns, &rows).as_bytes())?;
                let key = if view.reviewed_this_stage {
                    "risks-reviewed"
                } else {
                    "risks-not-reviewed"
                };
                writeln!(out, "{}", text(lang, key))?;
            }
            RiskCommand::Add {
                threat,
                example,
                description,
                asset,
                likelihood,
                severity,
                treatment,
                owner,
                due,
            } => {
                let group = catalog.resolve_threat(&threat)?;
                let input = RiskInput {
                    threat_group: group.id().to_owned(),
                    example,
                    description,
                    asset,
                    likelihood,
                    severity,
                    treatment,
                    owner,
                    due_date: due,
                    ..RiskInput::default()
                };
                let risk = services
                    .add_risk(&principal, catalog, project.id, &input, now)
                    .await?;
                writeln!(out, "{}", risk.id)?;
            }
            RiskCommand::Review { note } => {
                let review = services
                    .review_risks(&principal, project.id, &note, now)
                    .await?;
                writeln!(out, "{}", review.summary)?;
            }
        }
        Ok::<(), Failure>(())
    });
    rt.block_on(services.close());
    result
}
