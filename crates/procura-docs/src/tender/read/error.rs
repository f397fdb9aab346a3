//! Why a bidder's file was refused, and how to say so to the buyer.

use procura_domain::Lang;
use procura_i18n::{Arg, text, text_with};

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
                &[("limit", size_text(to_u64(*limit), lang).into())],
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
                &[("limit", size_text(*limit, lang).into())],
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

/// A count as the buyer writes it: `5,000` in English, `5 000` in French.
fn grouped(value: u64, lang: Lang) -> String {
    let digits = value.to_string();
    let separator = match lang {
        Lang::Fr => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A limit in the largest binary unit that divides it, so the default reads
/// `10 MiB` and a lowered one stays exact.
fn size_text(bytes: u64, lang: Lang) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    let (value, unit) = match (lang, bytes) {
        (Lang::Fr, b) if b >= MIB && b % MIB == 0 => (b / MIB, "Mio"),
        (Lang::En, b) if b >= MIB && b % MIB == 0 => (b / MIB, "MiB"),
        (Lang::Fr, b) if b >= KIB && b % KIB == 0 => (b / KIB, "Kio"),
        (Lang::En, b) if b >= KIB && b % KIB == 0 => (b / KIB, "KiB"),
        (Lang::Fr, b) => (b, "octets"),
        (Lang::En, b) => (b, "bytes"),
    };
    let space = match lang {
        Lang::Fr => '\u{a0}',
        Lang::En => ' ',
    };
    format!("{}{space}{unit}", grouped(value, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_named_in_the_reader_s_units() {
        assert_eq!(size_text(10 << 20, Lang::En), "10 MiB");
        assert_eq!(size_text(10 << 20, Lang::Fr), "10\u{a0}Mio");
        assert_eq!(size_text(1_500, Lang::En), "1,500 bytes");
        assert_eq!(grouped(5_000, Lang::En), "5,000");
        assert_eq!(grouped(5_000, Lang::Fr), "5\u{a0}000");
        assert_eq!(grouped(123_456_789, Lang::En), "123,456,789");
        assert_eq!(grouped(12, Lang::En), "12");
    }
}
