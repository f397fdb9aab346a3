//! `procura phases`, `procura types`, `procura threats`: the taxonomies with
//! the ids that the other commands and the API accept.

use std::io::Write;

use procura_catalog::Catalog;
use procura_domain::Lang;
use procura_i18n::text;

use crate::cli::{TaxonomyArgs, TaxonomyFormat};
use crate::failure::Failure;
use crate::table::{Column, render};

pub fn phases(
    catalog: &Catalog,
    args: TaxonomyArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let document = match args.format {
        TaxonomyFormat::Json => procura_docs::phases_json(catalog)?,
        TaxonomyFormat::Table => {
            let columns = [
                Column::fixed(text(lang, "label-id"), 18),
                Column::fixed(text(lang, "label-name"), 26),
                Column::flexible(text(lang, "label-description")),
            ];
            let rows: Vec<Vec<String>> = catalog
                .phases
                .iter()
                .map(|entry| {
                    vec![
                        entry.phase.id().to_owned(),
                        entry.name.get(lang).to_owned(),
                        entry.description.get(lang).to_owned(),
                    ]
                })
                .collect();
            render(&columns, &rows)
        }
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}

pub fn types(
    catalog: &Catalog,
    args: TaxonomyArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let document = match args.format {
        TaxonomyFormat::Json => procura_docs::procurement_types_json(catalog)?,
        TaxonomyFormat::Table => {
            let columns = [
                Column::fixed(text(lang, "label-id"), 28),
                Column::flexible(text(lang, "label-name")),
            ];
            let rows: Vec<Vec<String>> = catalog
                .procurement_types
                .iter()
                .map(|entry| {
                    vec![
                        entry.procurement_type.id().to_owned(),
                        entry.name.get(lang).to_owned(),
                    ]
                })
                .collect();
            render(&columns, &rows)
        }
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}

pub fn threats(
    catalog: &Catalog,
    args: TaxonomyArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let document = match args.format {
        TaxonomyFormat::Json => procura_docs::threats_json(catalog)?,
        TaxonomyFormat::Table => {
            let columns = [
                Column::fixed(text(lang, "label-id"), 20),
                Column::fixed(text(lang, "label-name"), 24),
                Column::flexible(text(lang, "label-examples")),
            ];
            let rows: Vec<Vec<String>> = catalog
                .threats
                .iter()
                .map(|entry| {
                    let examples: Vec<&str> = entry
                        .examples
                        .iter()
                        .map(|example| example.name.get(lang))
                        .collect();
                    vec![
                        entry.group.id().to_owned(),
                        entry.name.get(lang).to_owned(),
                        examples.join(" · "),
                    ]
                })
                .collect();
            render(&columns, &rows)
        }
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}
