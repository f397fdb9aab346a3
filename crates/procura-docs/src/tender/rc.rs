//! Part A of the annex, for the règlement de la consultation: the
//! selection conditions on the candidate and the award criteria on the
//! offer, with the grading method the evaluators will follow.

use procura_catalog::RequirementLibrary;
use procura_domain::{Lang, RequirementKind, SelectedRequirement, TenderInput};
use procura_i18n::{Arg, percent, text, text_with};

use super::blocks::{heading, of_kind, paragraph};
use super::{Block, NumberedEntry, Table};

/// A requirement as its part prints it: code and short title, then the
/// full text, then what backs it.
pub(super) fn entry(
    requirement: &SelectedRequirement,
    lang: Lang,
    note: Vec<String>,
) -> NumberedEntry {
    let mut note = note;
    if let Some(reason) = &requirement.beyond_enisa {
        note.push(text_with(
            lang,
            "tender-note-beyond-enisa",
            &[("reason", Arg::from(reason.get(lang)))],
        ));
    }
    NumberedEntry {
        code: format!("{} — {}", requirement.code, requirement.title.get(lang)),
        text: requirement.text.get(lang).to_owned(),
        note: (!note.is_empty()).then(|| note.join(" · ")),
    }
}

fn sub_heading(blocks: &mut Vec<Block>, lang: Lang, key: &str) {
    blocks.push(Block::Heading {
        level: 2,
        text: text(lang, key),
    });
}

pub(super) fn rc(
    blocks: &mut Vec<Block>,
    library: &RequirementLibrary,
    input: &TenderInput,
    award: &[&SelectedRequirement],
    lang: Lang,
) {
    heading(blocks, lang, "tender-part-rc");
    paragraph(blocks, lang, "tender-rc-intro");

    sub_heading(blocks, lang, "tender-section-selection");
    let selection = of_kind(input, RequirementKind::Selection);
    if selection.is_empty() {
        paragraph(blocks, lang, "tender-none");
    } else {
        paragraph(blocks, lang, "tender-selection-intro");
        blocks.push(Block::Numbered(
            selection
                .iter()
                .map(|requirement| entry(requirement, lang, Vec::new()))
                .collect(),
        ));
    }

    sub_heading(blocks, lang, "tender-section-award");
    if award.is_empty() {
        paragraph(blocks, lang, "tender-none");
        return;
    }
    paragraph(blocks, lang, "tender-award-intro");
    let rows = award
        .iter()
        .map(|requirement| {
            vec![
                requirement.code.to_string(),
                requirement.title.get(lang).to_owned(),
                percent(lang, f64::from(requirement.weight)),
            ]
        })
        .collect();
    let total: u32 = award.iter().map(|requirement| requirement.weight).sum();
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-id"),
            text(lang, "tender-col-criterion"),
            text(lang, "tender-col-weight"),
        ],
        rows,
        widths: vec![18, 68, 14],
        footer: Some(vec![
            String::new(),
            text(lang, "tender-total"),
            percent(lang, f64::from(total)),
        ]),
    }));
    blocks.push(Block::Numbered(
        award
            .iter()
            .map(|requirement| {
                let weight = text_with(
                    lang,
                    "tender-note-weight",
                    &[(
                        "weight",
                        Arg::from(percent(lang, f64::from(requirement.weight))),
                    )],
                );
                entry(requirement, lang, vec![weight])
            })
            .collect(),
    ));

    sub_heading(blocks, lang, "tender-section-grading");
    blocks.push(Block::Paragraph(
        library.grading.method.get(lang).to_owned(),
    ));
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-grade"),
            text(lang, "tender-col-grade-label"),
            text(lang, "tender-col-grade-descriptor"),
        ],
        rows: input
            .terms
            .grading
            .iter()
            .map(|step| {
                vec![
                    step.value.to_string(),
                    step.label.get(lang).to_owned(),
                    step.descriptor.get(lang).to_owned(),
                ]
            })
            .collect(),
        widths: vec![10, 22, 68],
        footer: None,
    }));
}
