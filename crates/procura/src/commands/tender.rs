//! `procura tender annex|questionnaire`: the security part of a call for
//! tenders, from a project's saved selection or as a quick draft from
//! procurement types alone (no database needed).

use std::io::Write;
use std::path::Path;

use procura_catalog::Catalog;
use procura_docs::tender::{AnnexFormat, build_annex, questionnaire_xlsx, render_annex};
use procura_domain::{Day, Lang, TenderInput};
use procura_service::{RawConfig, ServiceError};

use crate::cli::{TenderArgs, TenderCommand, TenderSource};
use crate::failure::Failure;
use crate::runtime::{load_config, open, runtime};

pub fn run(
    catalog: &'static Catalog,
    args: TenderArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let (source, format) = match args.command {
        TenderCommand::Annex { source, format } => {
            let format = annex_format(format.as_deref(), source.output.as_deref())?;
            (source, Some(format))
        }
        TenderCommand::Questionnaire { source } => (source, None),
    };
    let input = input(catalog, &source)?;
    let library = procura_catalog::requirement_library()?;
    let annex = build_annex(catalog, library, &input, lang)
        .map_err(|refusal| Failure::Service(ServiceError::Weights(refusal)))?;
    let bytes = match format {
        Some(format) => render_annex(&annex, format)?,
        None => questionnaire_xlsx(&annex)?,
    };
    match &source.output {
        Some(path) => std::fs::write(path, bytes)?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// The format asked for, or the output file's extension, or DOCX.
fn annex_format(asked: Option<&str>, output: Option<&Path>) -> Result<AnnexFormat, Failure> {
    let word = match asked {
        Some(word) => word.to_owned(),
        None => match output.and_then(|path| path.extension()) {
            Some(extension) => extension.to_string_lossy().into_owned(),
            None => return Ok(AnnexFormat::Docx),
        },
    };
    AnnexFormat::parse(&word).ok_or(Failure::UnknownFormat(word))
}

fn today() -> String {
    Day::from_unix_millis(procura_web::now().millis()).to_string()
}

fn input(catalog: &'static Catalog, source: &TenderSource) -> Result<TenderInput, Failure> {
    let Some(reference) = &source.project else {
        let mut types = Vec::new();
        for value in &source.types {
            let kind = catalog.resolve_procurement_type(value)?;
            if !types.contains(&kind) {
                types.push(kind);
            }
        }
        types.sort();
        return Ok(procura_service::tender::draft_input(
            catalog,
            &types,
            &source.buyer,
            &today(),
        )?);
    };
    let config = load_config(&source.database, RawConfig::default())?;
    let rt = runtime()?;
    let services = rt.block_on(open(&config))?;
    let result = rt.block_on(async {
        let actor = source.actor.as_deref().ok_or(Failure::MissingActor)?;
        let principal = services.act_as(actor, source.org.as_deref()).await?;
        let view = services.project_by_reference(&principal, reference).await?;
        Ok::<_, Failure>(
            services
                .tender_input(&principal, catalog, view.project.id, &today())
                .await?,
        )
    });
    rt.block_on(services.close());
    result
}
