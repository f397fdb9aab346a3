//! `procura project …`: the same use cases as the web pages, as a named
//! member, on the configured database.

use procura_i18n::MessageKey;
use std::io::Write;

use procura_catalog::Catalog;
use procura_domain::{Day, Lang, Phase};
use procura_i18n::text;
use procura_service::{ProjectInput, RawConfig, Services};

use crate::cli::{ProjectArgs, ProjectCommand, ProjectExportFormat};
use crate::failure::Failure;
use crate::runtime::{load_config, open, runtime};
use crate::table::{Column, render};

pub fn run(
    catalog: &'static Catalog,
    args: ProjectArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let config = load_config(&args.database, RawConfig::default())?;
    let rt = runtime()?;
    let services = rt.block_on(open(&config))?;
    let actor = args.actor.ok_or(Failure::MissingActor)?;
    let principal = rt.block_on(services.act_as(&actor, args.org.as_deref()))?;
    let now = procura_web::now();
    let result = rt.block_on(async {
        match args.command {
            ProjectCommand::New {
                reference,
                title,
                types,
                description,
                cpv_codes,
                stakeholders,
            } => {
                let mut procurement_types = Vec::new();
                for value in &types {
                    procurement_types.push(catalog.resolve_procurement_type(value)?);
                }
                let stakeholders = stakeholders
                    .iter()
                    .map(|pair| {
                        let (email, role) = pair.split_once('=').unwrap_or((pair, ""));
                        (email.to_owned(), role.to_owned())
                    })
                    .collect();
                let input = ProjectInput {
                    reference,
                    title,
                    description,
                    procurement_types,
                    cpv_codes,
                    stakeholders,
                    ..ProjectInput::default()
                };
                let project = services
                    .create_project(&principal, catalog, &input, now)
                    .await?;
                writeln!(out, "{}\t{}", project.reference, project.id)?;
            }
            ProjectCommand::List => list(&services, &principal, catalog, lang, out).await?,
            ProjectCommand::Show { reference } => {
                show(&services, &principal, catalog, &reference, lang, out).await?
            }
            ProjectCommand::Advance {
                reference,
                force_reason,
            } => {
                let view = services
                    .project_by_reference(&principal, &reference)
                    .await?;
                let stage = match force_reason {
                    Some(reason) => {
                        services
                            .force_advance(&principal, view.project.id, &reason, now)
                            .await?
                    }
                    None => services.advance(&principal, view.project.id, now).await?,
                };
                writeln!(out, "{} → {}", view.project.reference, stage.id())?;
            }
            ProjectCommand::Export {
                reference,
                format,
                output,
            } => {
                let view = services
                    .project_by_reference(&principal, &reference)
                    .await?;
                let instance = config.public_url.origin();
                let bytes = export(
                    &services, &principal, catalog, &view, format, lang, instance,
                )
                .await?;
                match output {
                    Some(path) => std::fs::write(path, bytes)?,
                    None => out.write_all(&bytes)?,
                }
            }
            ProjectCommand::Import { file } => {
                let bytes = std::fs::read(&file)?;
                let limits = procura_service::packaging::ImportLimits::for_upload_limit(
                    config.max_upload_bytes,
                );
                let file = procura_service::packaging::read(&bytes, &limits)?;
                drop(bytes);
                let project = services
                    .import_project(&principal, catalog, file, now)
                    .await?;
                writeln!(out, "{}\t{}", project.reference, project.id)?;
            }
        }
        Ok::<(), Failure>(())
    });
    rt.block_on(services.close());
    result
}

async fn list(
    services: &Services,
    principal: &procura_service::Principal,
    catalog: &Catalog,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let today = Day::from_unix_millis(procura_web::now().millis());
    let mut entries = Vec::new();
    for number in 1.. {
        let page = procura_service::PageRequest {
            number,
            per_page: 500,
        };
        let result = services
            .portfolio(
                principal,
                &procura_service::PortfolioFilter::default(),
                today,
                page,
            )
            .await?;
        let more = result.has_more();
        entries.extend(result.entries);
        if !more {
            break;
        }
    }
    let columns = [
        Column::fixed(text(lang, "project-reference"), 16),
        Column::flexible(text(lang, "project-title")),
        Column::fixed(text(lang, "projects-stage"), 18),
        Column::fixed(text(lang, "projects-progress"), 24),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            let progress: Vec<String> = entry
                .progress
                .iter()
                .map(|(phase, settled, total)| {
                    format!(
                        "{}{settled}/{total}",
                        crate::commands::phase_letter(catalog, *phase, lang)
                    )
                })
                .collect();
            vec![
                entry.project.reference.to_string(),
                entry.project.title.clone(),
                text(lang, &entry.project.stage.message_key()),
                progress.join(" "),
            ]
        })
        .collect();
    out.write_all(render(&columns, &rows).as_bytes())?;
    Ok(())
}

async fn show(
    services: &Services,
    principal: &procura_service::Principal,
    catalog: &Catalog,
    reference: &str,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let view = services.project_by_reference(principal, reference).await?;
    let p = &view.project;
    writeln!(out, "{} — {}", p.reference, p.title)?;
    writeln!(
        out,
        "{}: {}",
        text(lang, "projects-stage"),
        text(lang, &p.stage.message_key())
    )?;
    let types: Vec<&str> = p
        .procurement_types
        .iter()
        .map(|t| catalog.procurement_type_name(*t, lang))
        .collect();
    writeln!(
        out,
        "{}: {}",
        text(lang, "label-procurement-types"),
        types.join(", ")
    )?;
    if let Some(history) = &view.imported {
        // The file's claims, apart and marked: they count for nothing here.
        let own = history.claimed.first();
        writeln!(
            out,
            "{} ({}): SHA-256 {} — {}: {} — {}: {}",
            text(lang, "import-history-title"),
            text(lang, "import-history-unverified"),
            history.file_sha256,
            text(lang, "import-history-stage"),
            own.map_or("?", |claims| claims.stage.as_str()),
            text(lang, "import-history-sign-offs"),
            own.map_or(0, |claims| claims.sign_offs.len()),
        )?;
    }
    writeln!(out)?;
    let columns = [
        Column::fixed(text(lang, "checklist-phase"), 12),
        Column::fixed(text(lang, "checklist-practice"), 8),
        Column::flexible(text(lang, "checklist-title")),
        Column::fixed(text(lang, "checklist-status"), 14),
        Column::fixed(text(lang, "checklist-owner"), 20),
    ];
    let rows: Vec<Vec<String>> = view
        .items
        .iter()
        .filter(|item| !item.retired)
        .map(|item| {
            vec![
                phase_short(catalog, item.phase, lang),
                item.practice.id(),
                catalog
                    .practice(item.practice)
                    .map(|p| p.title.get(lang).to_owned())
                    .unwrap_or_default(),
                text(lang, &item.status.message_key()),
                item.owner_id
                    .and_then(|o| view.email_of(o))
                    .unwrap_or("")
                    .to_owned(),
            ]
        })
        .collect();
    out.write_all(render(&columns, &rows).as_bytes())?;
    Ok(())
}

fn phase_short(catalog: &Catalog, phase: Phase, lang: Lang) -> String {
    catalog.phase_name(phase, lang).chars().take(12).collect()
}

async fn export(
    services: &Services,
    principal: &procura_service::Principal,
    catalog: &Catalog,
    view: &procura_service::ProjectView,
    format: ProjectExportFormat,
    lang: Lang,
    instance: &str,
) -> Result<Vec<u8>, Failure> {
    let id = view.project.id;
    let now = procura_web::now();
    Ok(match format {
        ProjectExportFormat::Json => procura_service::packaging::to_json(
            &services
                .export_project(principal, id, instance, now)
                .await?,
        )?,
        ProjectExportFormat::Zip => {
            let export = services
                .export_project(principal, id, instance, now)
                .await?;
            let files = services.export_evidence_files(principal, id).await?;
            procura_service::packaging::to_zip(&export, &files)?
        }
        ProjectExportFormat::Xlsx | ProjectExportFormat::Csv | ProjectExportFormat::Markdown => {
            let doc = checklist_doc(catalog, view, lang);
            match format {
                ProjectExportFormat::Xlsx => procura_docs::checklist_xlsx(&doc)?,
                ProjectExportFormat::Csv => procura_docs::checklist_csv(&doc)?.into_bytes(),
                _ => procura_docs::checklist_markdown(&doc).into_bytes(),
            }
        }
    })
}

fn checklist_doc(
    catalog: &Catalog,
    view: &procura_service::ProjectView,
    lang: Lang,
) -> procura_docs::ChecklistDoc {
    let today = Day::from_unix_millis(procura_web::now().millis());
    procura_docs::ChecklistDoc {
        reference: view.project.reference.to_string(),
        title: view.project.title.clone(),
        stage: text(lang, &view.project.stage.message_key()),
        generated: today.to_string(),
        lang,
        rows: view
            .items
            .iter()
            .map(|item| procura_docs::ChecklistRow {
                phase_id: item.phase.id().to_owned(),
                phase: catalog.phase_name(item.phase, lang).to_owned(),
                practice: item.practice.id(),
                title: catalog
                    .practice(item.practice)
                    .map(|p| p.title.get(lang).to_owned())
                    .unwrap_or_default(),
                status_id: item.status.id().to_owned(),
                status: text(lang, &item.status.message_key()),
                owner: item
                    .owner_id
                    .and_then(|o| view.email_of(o))
                    .unwrap_or("")
                    .to_owned(),
                due_date: item.due_date.map(|d| d.to_string()).unwrap_or_default(),
                overdue: procura_domain::is_overdue(item.due_date, item.status, today),
                justification: item.justification.clone(),
                notes: item.notes.clone(),
                evidence: view
                    .evidence
                    .iter()
                    .filter(|e| e.item_id == item.id)
                    .count(),
                retired: item.retired,
            })
            .collect(),
    }
}
