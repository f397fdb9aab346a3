//! Why a bidder's file was refused, and how to say so to the buyer.

use procura_domain::Lang;
use procura_i18n::{Arg, integer, size, text, text_with};

/// Why a bidder's file was refused.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file is {size} bytes, more than the limit of {limit}")]
    FileTooLarge { size: usize, limit: usize },
    #[error("the file is not an XLSX workbook")]
    NotXlsx,
    #[error("the archive holds {count} parts, more than the limit of {limit}")]
    TooManyEntries { count: usize, limit: usize },
    #[error("the archive unpacks to more than {limit} bytes")]
    TooMuchUnpacked { limit: u64 },
    /// A part that cannot be unpacked as its headers declare: a bad checksum,
    /// a size that lies, duplicate names, encryption, an unknown compression.
    /// `part` is empty when the archive repeats a name exactly.
    #[error("part {part:?} of the archive cannot be unpacked as declared")]
    Damaged { part: String },
    /// Not well-formed XML, an entity other than the five predefined ones, a
    /// DTD, or a cell reference outside the grid.
    #[error("part {part:?} is not well-formed spreadsheet XML")]
    Malformed { part: String },
    #[error("the workbook has no Procura stamp sheet")]
    NoStamp,
    #[error("no sheet has a header row with the requirement and answer columns")]
    NoAnswerSheet,
    #[error("the answer sheet has more than {limit} rows")]
    TooManyRows { limit: u32 },
    /// A cell longer than a spreadsheet program can hold.
    #[error("cell {cell} holds more text than a spreadsheet cell can")]
    CellTooLong { cell: String },
    /// `cells` lists the first few cells, `count` is how many there are.
    #[error("the answer sheet has {count} formulas, in {}", .cells.join(", "))]
    Formulas { cells: Vec<String>, count: usize },
}

impl ReadError {
    /// What to tell the buyer who uploaded the file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::FileTooLarge { limit, .. } => text_with(
                lang,
                "bid-import-file-too-large",
                &[("limit", size(lang, to_u64(*limit)).into())],
            ),
            ReadError::NotXlsx => text(lang, "bid-import-not-xlsx"),
            ReadError::TooManyEntries { limit, .. } => text_with(
                lang,
                "bid-import-too-many-entries",
                &[("limit", grouped(to_u64(*limit), lang).into())],
            ),
            ReadError::TooMuchUnpacked { limit } => text_with(
                lang,
                "bid-import-too-much-unpacked",
                &[("limit", size(lang, *limit).into())],
            ),
            ReadError::Damaged { .. } => text(lang, "bid-import-damaged"),
            ReadError::Malformed { .. } => text(lang, "bid-import-malformed"),
            ReadError::NoStamp => text(lang, "bid-import-no-stamp"),
            ReadError::NoAnswerSheet => text_with(
                lang,
                "bid-import-no-answer-sheet",
                &[
                    ("id", text(lang, "tender-q-col-id").into()),
                    ("response", text(lang, "tender-q-col-response").into()),
                ],
            ),
            ReadError::TooManyRows { limit } => text_with(
                lang,
                "bid-import-too-many-rows",
                &[("limit", grouped(u64::from(*limit), lang).into())],
            ),
            ReadError::CellTooLong { cell } => text_with(
                lang,
                "bid-import-cell-too-long",
                &[("cell", Arg::Text(cell.clone()))],
            ),
            ReadError::Formulas { cells, count } => {
                let mut list = cells.join(", ");
                if *count > cells.len() {
                    list.push_str(", …");
                }
                text_with(
                    lang,
                    "bid-import-formulas",
                    &[
                        ("count", (*count).into()),
                        ("total", grouped(to_u64(*count), lang).into()),
                        ("cells", Arg::Text(list)),
                    ],
                )
            }
        }
    }
}

pub(super) fn to_u64(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// A count for a message, with its thousands grouped.
fn grouped(value: u64, lang: Lang) -> String {
    integer(lang, i64::try_from(value).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_named_in_the_reader_s_units() {
        let cases = [
            (
                ReadError::FileTooLarge {
                    size: 11 << 20,
                    limit: 10 << 20,
                },
                "dépasse 10\u{a0}Mo",
                "larger than 10\u{a0}MB",
            ),
            (
                ReadError::TooMuchUnpacked { limit: 64 << 20 },
                "dépasserait 64\u{a0}Mo",
                "more than 64\u{a0}MB",
            ),
            (
                ReadError::TooManyEntries {
                    count: 20_000,
                    limit: 10_000,
                },
                "plus de 10\u{202f}000 éléments internes",
                "more than 10,000 internal parts",
            ),
            (
                ReadError::TooManyRows { limit: 5_000 },
                "plus de 5\u{202f}000 lignes",
                "more than 5,000 rows",
            ),
        ];
        for (error, fr, en) in cases {
            let (in_fr, in_en) = (error.message(Lang::Fr), error.message(Lang::En));
            assert!(in_fr.contains(fr), "{in_fr}");
            assert!(in_en.contains(en), "{in_en}");
        }
    }
}
