//! Reading a filled questionnaire back.
//!
//! The file comes from a bidder, so it is hostile input: every size is
//! bounded before anything is unpacked or parsed, a decompressed part is
//! counted as it is read (a zip bomb's headers may lie), no DTD is accepted
//! (so no entity can expand), and formulas are refused rather than evaluated
//! because their cached value is whatever the bidder's tool wrote and
//! recalculation could give the buyer a different answer.
//!
//! It is also input that people edited by hand, so the reader does not rely
//! on the layout Procura wrote: the answer sheet and its columns are found by
//! their titles in French or English, and extra sheets, extra columns,
//! reordered and blank rows and stray spaces are accepted.

pub(crate) mod answers;
mod error;
pub(crate) mod package;
pub(crate) mod shared_strings;
mod stamp;
pub(crate) mod worksheet;
mod xml;

use std::collections::BTreeMap;

pub use error::ReadError;

use answers::{find_header, read_answers};
use package::Package;
use stamp::{STAMP_FORMAT, read_stamp};

/// Bounds on what a bidder's file may cost to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Size of the uploaded file.
    pub max_file_bytes: usize,
    /// Parts in the zip archive; a questionnaire has about a dozen.
    pub max_entries: usize,
    /// Decompressed size of all the parts together, as declared and as read.
    pub max_unpacked_bytes: u64,
    /// Non-blank rows under the header of the answer sheet.
    pub max_rows: u32,
}

impl Default for ReadLimits {
    /// Far above a real questionnaire (a few hundred requirements, well
    /// under 1 MiB) and far below what would strain the server.
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 10 << 20,
            max_entries: 200,
            max_unpacked_bytes: 64 << 20,
            max_rows: 5_000,
        }
    }
}

/// What a bidder answered, as found in the file, before it is matched to
/// the requirements asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledQuestionnaire {
    /// The hidden stamp's key/value rows (`project`, `version`, `checksum`,
    /// `lang`…), which tie the file to the requirement list it was made from.
    pub stamp: BTreeMap<String, String>,
    /// The rows with a requirement id, in the file's order.
    pub rows: Vec<FilledRow>,
}

/// One answered requirement; every value is trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledRow {
    /// The spreadsheet's row number (1-based), to point the buyer at the row.
    pub row: u32,
    pub code: String,
    /// The answer word as typed, in either language; matching it to an
    /// answer is the caller's business.
    pub response: String,
    pub comment: String,
    pub evidence_ref: String,
}

/// Reads a questionnaire a bidder filled in.
///
/// Only values are read: formulas are refused, and nothing else in the file
/// (macros, links, styles) is looked at.
pub fn read_questionnaire(
    bytes: &[u8],
    limits: &ReadLimits,
) -> Result<FilledQuestionnaire, ReadError> {
    let mut package = Package::open(bytes, limits)?;
    let workbook = package.workbook()?;
    let strings = package.shared_strings(&workbook)?;

    let stamp = match workbook.stamp_sheet() {
        Some(path) => match package.read(path)? {
            Some(xml) => read_stamp(&xml, path, &strings)?,
            None => return Err(ReadError::NoStamp),
        },
        None => return Err(ReadError::NoStamp),
    };
    if stamp.get("format").map(String::as_str) != Some(STAMP_FORMAT) {
        return Err(ReadError::NoStamp);
    }

    for path in workbook.answer_candidates() {
        let Some(xml) = package.read(path)? else {
            continue;
        };
        if let Some(header) = find_header(&xml, path, &strings)? {
            let rows = read_answers(&xml, path, &strings, &header, limits.max_rows)?;
            return Ok(FilledQuestionnaire { stamp, rows });
        }
    }
    Err(ReadError::NoAnswerSheet)
}
