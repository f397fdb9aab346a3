//! The award criteria grid of the report: award requirements down, bids
//! across, split into tables that fit an A4 page.

use procura_domain::{Lang, RequirementKind};
use procura_i18n::{text, text_with};

use super::labels::{
    DASH, answer_word, bid_label, eligibility_word, heading, number, percent, score_text,
};
use super::{EvaluationBid, EvaluationCell, EvaluationDoc, EvaluationRequirement};
use crate::tender::{Block, Table};

/// The most bids side by side in one table of the grid, so it fits an A4
/// page in portrait.
pub const BIDS_PER_TABLE: usize = 4;

/// The sizes of the grid's tables: as even as possible, none above
/// [`BIDS_PER_TABLE`].
fn split(count: usize) -> Vec<usize> {
    if count == 0 {
        return Vec::new();
    }
    let tables = count.div_ceil(BIDS_PER_TABLE);
    (0..tables)
        .map(|index| count / tables + usize::from(index < count % tables))
        .collect()
}

fn grid_cell(lang: Lang, cell: &EvaluationCell) -> String {
    let mut shown = answer_word(lang, cell.answer);
    shown.push_str(" · ");
    match cell.credit {
        Some(credit) => shown.push_str(&percent(lang, credit)),
        None => shown.push_str(DASH),
    }
    if cell.override_justification.is_some() {
        shown.push_str(&format!(" ({})", text(lang, "eval-revised")));
    }
    shown
}

fn grid_table(doc: &EvaluationDoc, bids: &[EvaluationBid]) -> Table {
    let lang = doc.lang;
    let award: Vec<(usize, &EvaluationRequirement)> = doc
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, requirement)| requirement.kind == RequirementKind::Award)
        .collect();
    let mut headers = vec![
        text(lang, "eval-col-requirement"),
        text(lang, "eval-col-weight"),
    ];
    headers.extend(bids.iter().map(bid_label));
    let rows = award
        .iter()
        .map(|(index, requirement)| {
            let mut row = vec![requirement.code.clone(), percent(lang, requirement.weight)];
            row.extend(bids.iter().map(|bid| {
                bid.cells
                    .get(*index)
                    .map_or_else(String::new, |cell| grid_cell(lang, cell))
            }));
            row
        })
        .collect();
    let mut footer = vec![
        text(lang, "eval-score-row"),
        percent(
            lang,
            award
                .iter()
                .map(|(_, requirement)| requirement.weight)
                .sum(),
        ),
    ];
    footer.extend(bids.iter().map(|bid| {
        if bid.eligible {
            score_text(lang, bid)
        } else {
            format!(
                "{} ({})",
                score_text(lang, bid),
                eligibility_word(lang, bid)
            )
        }
    }));
    let share = u32::try_from(72 / bids.len().max(1)).unwrap_or(18);
    let mut widths = vec![16, 12];
    widths.extend(bids.iter().map(|_| share));
    Table {
        headers,
        rows,
        widths,
        footer: Some(footer),
    }
}

pub(super) fn grid(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-grid"));
    if !doc
        .requirements
        .iter()
        .any(|requirement| requirement.kind == RequirementKind::Award)
    {
        blocks.push(Block::Paragraph(text(lang, "eval-grid-none")));
        return;
    }
    if doc.bids.is_empty() {
        blocks.push(Block::Paragraph(text_with(
            lang,
            "eval-context-bids",
            &[("count", number(0))],
        )));
        return;
    }
    blocks.push(Block::Paragraph(text_with(
        lang,
        "eval-grid-intro",
        &[("revised", text(lang, "eval-revised").into())],
    )));
    let sizes = split(doc.bids.len());
    let parts = sizes.len();
    let mut first = 0;
    for size in sizes {
        let bids = &doc.bids[first..first + size];
        if parts > 1 {
            blocks.push(Block::Heading {
                level: 2,
                text: text_with(
                    lang,
                    "eval-grid-part",
                    &[
                        ("first", number(first + 1)),
                        ("last", number(first + size)),
                        ("count", number(doc.bids.len())),
                    ],
                ),
            });
        }
        blocks.push(Block::Table(grid_table(doc, bids)));
        first += size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_splits_evenly_under_the_limit() {
        assert_eq!(split(0), Vec::<usize>::new());
        assert_eq!(split(3), vec![3]);
        assert_eq!(split(4), vec![4]);
        assert_eq!(split(5), vec![3, 2]);
        assert_eq!(split(6), vec![3, 3]);
        assert_eq!(split(9), vec![3, 3, 3]);
        for count in 1..40 {
            let sizes = split(count);
            assert_eq!(sizes.iter().sum::<usize>(), count);
            assert!(sizes.iter().all(|size| (1..=BIDS_PER_TABLE).contains(size)));
        }
    }
}
