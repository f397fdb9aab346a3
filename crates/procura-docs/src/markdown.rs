//! Markdown documents, for pasting into a tender file, a wiki or a ticket.

use std::fmt::Write as _;

use procura_catalog::{Catalog, Practice, PracticeMatch, PracticeQuery};
use procura_domain::Lang;
use procura_i18n::{text, text_with};

use crate::describe::{filters, phase_names, reasons, threat_names, type_names};

/// The practices matching a query, each with its mapping and why it matched.
pub fn practices_markdown(
    catalog: &Catalog,
    query: &PracticeQuery,
    matches: &[PracticeMatch<'_>],
    lang: Lang,
) -> String {
    let mut out = String::new();
    let edition = &catalog.edition;
    let _ = writeln!(
        out,
        "# {} — {}\n",
        text(lang, "label-practices"),
        edition.title.get(lang)
    );
    let _ = writeln!(out, "{}\n", source_line(catalog, lang));
    let active = filters(catalog, query, lang);
    if !active.is_empty() {
        let list: Vec<String> = active
            .iter()
            .map(|(label, values)| format!("{label}{}{}", colon(lang), escape(values)))
            .collect();
        let _ = writeln!(
            out,
            "**{}** — {}\n",
            text(lang, "label-filters"),
            list.join(" · ")
        );
    }
    let _ = writeln!(
        out,
        "{}\n",
        text_with(lang, "practice-count", &[("count", matches.len().into())])
    );
    for found in matches {
        write_practice(&mut out, catalog, found.practice, lang);
        if !query.is_empty() {
            let _ = writeln!(
                out,
                "- **{}**{}{}",
                text(lang, "label-why"),
                colon(lang),
                reasons(catalog, found, lang)
            );
        }
        out.push('\n');
    }
    out
}

/// One practice in full.
pub fn practice_markdown(catalog: &Catalog, practice: &Practice, lang: Lang) -> String {
    let mut out = String::new();
    write_practice(&mut out, catalog, practice, lang);
    let _ = writeln!(out, "\n{}", source_line(catalog, lang));
    out
}

fn write_practice(out: &mut String, catalog: &Catalog, practice: &Practice, lang: Lang) {
    let _ = writeln!(out, "## {} — {}\n", practice.id(), practice.title.get(lang));
    let _ = writeln!(out, "{}\n", practice.statement.get(lang));
    let rows = [
        ("label-objective", practice.objective.get(lang).to_owned()),
        ("label-phases", phase_names(catalog, &practice.phases, lang)),
        (
            "label-procurement-types",
            type_names(catalog, &practice.procurement_types, lang),
        ),
        (
            "label-threats",
            threat_names(catalog, &practice.threats, lang),
        ),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "- **{}**{}{value}", text(lang, label), colon(lang));
    }
}

fn source_line(catalog: &Catalog, lang: Lang) -> String {
    let edition = &catalog.edition;
    format!(
        "_{}{}{}, *{}*, {}, {} — <{}>_",
        text(lang, "label-source"),
        colon(lang),
        edition.publisher,
        edition.title.get(lang),
        edition.variant.get(lang).to_lowercase(),
        edition.published,
        edition.url
    )
}

/// French puts a space before a colon, English does not.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

/// Escapes what a user typed so it cannot turn into Markdown markup.
fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if "\\`*_{}[]<>()#+!|".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
