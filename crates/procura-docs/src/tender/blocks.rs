//! Small pieces every part of the annex is made of: headings,
//! paragraphs, names of kinds and themes, lists of practices and standards.

use procura_catalog::RequirementLibrary;
use procura_domain::{Lang, PracticeNumber, RequirementKind, SelectedRequirement, TenderInput};
use procura_i18n::{MessageKey, text};

use super::Block;

pub(super) fn kind_name(kind: RequirementKind, lang: Lang) -> String {
    text(lang, &kind.message_key())
}

pub(super) fn of_kind(input: &TenderInput, kind: RequirementKind) -> Vec<&SelectedRequirement> {
    input
        .requirements
        .iter()
        .filter(|requirement| requirement.kind == kind)
        .collect()
}

pub(super) fn heading(blocks: &mut Vec<Block>, lang: Lang, key: &str) {
    blocks.push(Block::Heading {
        level: 1,
        text: text(lang, key),
    });
}

pub(super) fn paragraph(blocks: &mut Vec<Block>, lang: Lang, key: &str) {
    blocks.push(Block::Paragraph(text(lang, key)));
}

pub(super) fn practice_ids(practices: &[PracticeNumber]) -> String {
    practices
        .iter()
        .map(|number| number.id())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn standard_names(library: &RequirementLibrary, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            library
                .standard(id)
                .map_or_else(|| id.clone(), |standard| standard.name.clone())
        })
        .collect()
}

/// The name of a theme, from the segment of the requirement id.
pub(super) fn theme_name(theme: &str, lang: Lang) -> String {
    const KNOWN: [&str; 18] = [
        "VUL", "PAT", "NET", "TST", "LOG", "DAT", "CRT", "CLD", "INC", "MNT", "PPL", "AST", "ORG",
        "ADM", "DEV", "MOB", "LIF", "OUT",
    ];
    if KNOWN.contains(&theme) {
        text(lang, &format!("tender-theme-{}", theme.to_lowercase()))
    } else {
        text(lang, "tender-theme-other")
    }
}
