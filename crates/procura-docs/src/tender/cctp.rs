//! Part B of the annex, for the CCTP: the minimum requirements on the
//! offer, grouped by theme, with the practices and standards each rests on.

use procura_catalog::RequirementLibrary;
use procura_domain::{Lang, RequirementKind, SelectedRequirement, TenderInput};
use procura_i18n::{Arg, text_with};

use super::Block;
use super::blocks::{heading, of_kind, paragraph, practice_ids, standard_names, theme_name};
use super::rc::entry;

pub(super) fn cctp(
    blocks: &mut Vec<Block>,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) {
    heading(blocks, lang, "tender-part-cctp");
    let minimum: Vec<&SelectedRequirement> = of_kind(input, RequirementKind::Minimum);
    if minimum.is_empty() {
        paragraph(blocks, lang, "tender-none");
        return;
    }
    paragraph(blocks, lang, "tender-cctp-intro");
    let mut themes: Vec<&str> = Vec::new();
    for requirement in &minimum {
        let theme = requirement.code.theme();
        if !themes.contains(&theme) {
            themes.push(theme);
        }
    }
    for theme in themes {
        blocks.push(Block::Heading {
            level: 2,
            text: theme_name(theme, lang),
        });
        let entries = minimum
            .iter()
            .filter(|requirement| requirement.code.theme() == theme)
            .map(|requirement| {
                let mut note = vec![text_with(
                    lang,
                    "tender-note-practices",
                    &[("list", Arg::from(practice_ids(&requirement.practices)))],
                )];
                let standards = standard_names(library, &requirement.standards);
                if !standards.is_empty() {
                    note.push(text_with(
                        lang,
                        "tender-note-standards",
                        &[("list", Arg::from(standards.join(", ")))],
                    ));
                }
                entry(requirement, lang, note)
            })
            .collect();
        blocks.push(Block::Numbered(entries));
    }
}
