//! `procura practices`: the practices that apply to a purchase, and why.

use std::io::Write;

use procura_catalog::{Catalog, PracticeMatch, PracticeQuery};
use procura_domain::{Lang, Phase};
use procura_i18n::{text, text_with};

use super::phase_letter;
use crate::cli::{ListFormat, PracticesArgs};
use crate::failure::Failure;
use crate::table::{Column, render};

pub fn run(
    catalog: &Catalog,
    args: PracticesArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let query = PracticeQuery {
        phases: resolve_all(&args.phases, |input| catalog.resolve_phase(input))?,
        procurement_types: resolve_all(&args.types, |input| {
            catalog.resolve_procurement_type(input)
        })?,
        threats: resolve_all(&args.threats, |input| catalog.resolve_threat(input))?,
        text: args.search,
    };
    let matches = catalog.query(&query);
    let document = match args.format {
        ListFormat::Table => table(catalog, &query, &matches, lang),
        ListFormat::Json => procura_docs::practices_json(catalog, &query, &matches)?,
        ListFormat::Markdown => procura_docs::practices_markdown(catalog, &query, &matches, lang),
        ListFormat::Csv => procura_docs::practices_csv(&matches, lang)?,
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}

fn resolve_all<T: PartialEq>(
    inputs: &[String],
    resolve: impl Fn(&str) -> Result<T, procura_catalog::ResolveError>,
) -> Result<Vec<T>, Failure> {
    let mut values = Vec::new();
    for input in inputs {
        let value = resolve(input)?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(values)
}

fn table(
    catalog: &Catalog,
    query: &PracticeQuery,
    matches: &[PracticeMatch<'_>],
    lang: Lang,
) -> String {
    let explain = !query.is_empty();
    let reasons: Vec<String> = matches
        .iter()
        .map(|found| procura_docs::reasons(catalog, found, lang))
        .collect();
    let mut columns = vec![
        Column::fixed(text(lang, "label-id"), 5),
        Column::flexible(text(lang, "label-practice")),
        Column::fixed(text(lang, "label-phases"), 6),
    ];
    if explain {
        // As wide as the longest reason, within bounds that leave the title room.
        let header = text(lang, "label-why");
        let longest = reasons
            .iter()
            .map(|reason| reason.chars().count())
            .max()
            .unwrap_or(0);
        let width = longest.max(header.chars().count()).clamp(20, 40);
        columns.push(Column::fixed(header, width));
    }
    let rows: Vec<Vec<String>> = matches
        .iter()
        .zip(reasons)
        .map(|(found, reason)| {
            let practice = found.practice;
            let letters: Vec<String> = practice
                .phases
                .iter()
                .map(|phase| phase_letter(catalog, *phase, lang))
                .collect();
            let mut row = vec![
                practice.id(),
                practice.title.get(lang).to_owned(),
                letters.join(" "),
            ];
            if explain {
                row.push(reason);
            }
            row
        })
        .collect();
    let legend: Vec<String> = Phase::ALL
        .iter()
        .map(|phase| {
            format!(
                "{} = {}",
                phase_letter(catalog, *phase, lang),
                catalog.phase_name(*phase, lang)
            )
        })
        .collect();
    format!(
        "{}\n{}\n{}\n",
        render(&columns, &rows),
        text_with(lang, "practice-count", &[("count", matches.len().into())]),
        text_with(
            lang,
            "phase-legend",
            &[("legend", legend.join(", ").into())]
        ),
    )
}
