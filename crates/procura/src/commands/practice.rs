//! `procura practice N`: one practice in full.

use std::io::Write;

use procura_catalog::{Catalog, Practice};
use procura_domain::Lang;
use procura_i18n::text;

use crate::cli::{PracticeArgs, PracticeFormat};
use crate::failure::Failure;
use crate::table::{WIDTH, wrap};

pub fn run(
    catalog: &Catalog,
    args: PracticeArgs,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let practice = catalog.resolve_practice(&args.practice)?;
    let document = match args.format {
        PracticeFormat::Table => layout(catalog, practice, lang),
        PracticeFormat::Json => procura_docs::practice_json(practice)?,
        PracticeFormat::Markdown => procura_docs::practice_markdown(catalog, practice, lang),
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}

/// Title, statement, then labelled fields with their values wrapped under an
/// indent, so long lists of types stay readable.
fn layout(catalog: &Catalog, practice: &Practice, lang: Lang) -> String {
    let mut out = format!("{} — {}\n\n", practice.id(), practice.title.get(lang));
    for line in wrap(practice.statement.get(lang), WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    let fields = [
        ("label-objective", practice.objective.get(lang).to_owned()),
        (
            "label-phases",
            procura_docs::phase_names(catalog, &practice.phases, lang),
        ),
        (
            "label-procurement-types",
            procura_docs::type_names(catalog, &practice.procurement_types, lang),
        ),
        (
            "label-threats",
            procura_docs::threat_names(catalog, &practice.threats, lang),
        ),
    ];
    let labels: Vec<String> = fields.iter().map(|(key, _)| text(lang, key)).collect();
    let indent = labels
        .iter()
        .map(|label| label.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    for (label, (_, value)) in labels.iter().zip(&fields) {
        let mut lines = wrap(value, WIDTH - indent).into_iter();
        let first = lines.next().unwrap_or_default();
        out.push_str(&format!("{label:<indent$}{first}\n"));
        for line in lines {
            out.push_str(&format!("{:indent$}{line}\n", ""));
        }
    }
    out
}
