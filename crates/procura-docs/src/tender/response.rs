//! Part D of the annex, the response frame's evidence list, and the table
//! of structured references: both name requirements by code and short
//! title, never repeating their text.

use procura_catalog::RequirementLibrary;
use procura_domain::{Lang, TenderInput};
use procura_i18n::text;

use super::blocks::{heading, paragraph};
use super::{Block, Table};

pub(super) fn response(blocks: &mut Vec<Block>, input: &TenderInput, lang: Lang) {
    heading(blocks, lang, "tender-part-response");
    if input.requirements.is_empty() {
        paragraph(blocks, lang, "tender-none");
        return;
    }
    paragraph(blocks, lang, "tender-evidence-intro");
    let rows = input
        .requirements
        .iter()
        .map(|requirement| {
            vec![
                format!("{} — {}", requirement.code, requirement.title.get(lang)),
                requirement.kind.dce_part().id().to_uppercase(),
                requirement.evidence.get(lang).to_owned(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-id"),
            text(lang, "tender-col-part"),
            text(lang, "tender-col-evidence"),
        ],
        rows,
        widths: vec![30, 10, 60],
        footer: None,
    }));
}

/// Each requirement's references with their labels: what a lawyer checks
/// and what a bidder maps its certifications to.
pub(super) fn references(
    blocks: &mut Vec<Block>,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) {
    heading(blocks, lang, "tender-section-references");
    paragraph(blocks, lang, "tender-references-intro");
    let rows = input
        .requirements
        .iter()
        .filter(|requirement| !requirement.refs.is_empty())
        .map(|requirement| {
            let labels: Vec<String> = requirement
                .refs
                .iter()
                .map(|id| library.references.describe(id, lang))
                .collect();
            vec![requirement.code.to_string(), labels.join("\n")]
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        paragraph(blocks, lang, "tender-none");
        return;
    }
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-id"),
            text(lang, "tender-col-references"),
        ],
        rows,
        widths: vec![18, 82],
        footer: None,
    }));
}
