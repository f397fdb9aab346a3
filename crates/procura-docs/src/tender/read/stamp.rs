//! The hidden stamp sheet that ties a file to the requirement list it was
//! made from.

use std::collections::BTreeMap;

use super::error::ReadError;
use super::shared_strings::SharedStrings;
use super::worksheet::{Flow, scan_rows};

/// The stamp has eight rows; anything past this is noise not worth reading.
const STAMP_ROWS: u32 = 100;

/// What the stamp's `format` row says in a questionnaire Procura wrote.
pub(super) const STAMP_FORMAT: &str = "procura-questionnaire";

/// The stamp's key/value rows, columns A and B.
pub(super) fn read_stamp(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
) -> Result<BTreeMap<String, String>, ReadError> {
    let mut stamp = BTreeMap::new();
    let mut seen: u32 = 0;
    scan_rows(xml, part, strings, |row| {
        seen += 1;
        if seen > STAMP_ROWS {
            return Ok(Flow::Stop);
        }
        let key = row.value(0);
        if !key.is_empty() {
            stamp
                .entry(key.to_owned())
                .or_insert_with(|| row.value(1).to_owned());
        }
        Ok(Flow::Continue)
    })?;
    Ok(stamp)
}
