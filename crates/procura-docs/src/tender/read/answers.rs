//! The answer sheet: its header row, found by the column titles, and the
//! answered rows under it.

use procura_domain::Lang;
use procura_i18n::text;

use super::FilledRow;
use super::error::ReadError;
use super::shared_strings::SharedStrings;
use super::worksheet::{Flow, Row, cell_ref, scan_rows};

/// The header row sits at row 5 in what Procura writes; bidders add lines
/// above it, but a header further down than this is not ours.
const HEADER_SCAN_ROWS: u32 = 30;

/// Enough cells to find the formulas in the file; listing hundreds would not
/// help the buyer.
const FORMULA_CELLS_SHOWN: usize = 20;

/// Where the answer sheet's columns are, found by their titles.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub(crate) row: u32,
    pub(crate) id: u32,
    pub(crate) response: u32,
    pub(crate) comment: Option<u32>,
    pub(crate) evidence_ref: Option<u32>,
}

/// A header title as compared: trimmed, runs of whitespace collapsed,
/// lower-cased, typographic apostrophes made straight (Excel's autocorrect
/// turns one into the other).
fn normalise_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{2019}', "'")
        .to_lowercase()
}

fn titles(key: &str) -> [String; 2] {
    [
        normalise_title(&text(Lang::Fr, key)),
        normalise_title(&text(Lang::En, key)),
    ]
}

fn header_of(row: &Row) -> Option<Header> {
    let id = titles("tender-q-col-id");
    let response = titles("tender-q-col-response");
    let comment = titles("tender-q-col-comment");
    let evidence_ref = titles("tender-q-col-evidence-ref");
    let find = |wanted: &[String; 2]| {
        row.cells
            .iter()
            .find(|cell| wanted.contains(&normalise_title(&cell.value)))
            .map(|cell| cell.column)
    };
    Some(Header {
        row: row.number,
        id: find(&id)?,
        response: find(&response)?,
        comment: find(&comment),
        evidence_ref: find(&evidence_ref),
    })
}

/// The header row of a worksheet, if it has one near the top.
pub(crate) fn find_header(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
) -> Result<Option<Header>, ReadError> {
    let mut header = None;
    scan_rows(xml, part, strings, |row| {
        if row.number > HEADER_SCAN_ROWS {
            return Ok(Flow::Stop);
        }
        header = header_of(&row);
        Ok(if header.is_some() {
            Flow::Stop
        } else {
            Flow::Continue
        })
    })?;
    Ok(header)
}

/// The answered rows under `header`, refusing the sheet when any cell
/// below the header holds a formula.
pub(super) fn read_answers(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
    header: &Header,
    max_rows: u32,
) -> Result<Vec<FilledRow>, ReadError> {
    let mut rows = Vec::new();
    let mut data_rows: u32 = 0;
    let mut formulas = Vec::new();
    let mut formula_count = 0usize;
    scan_rows(xml, part, strings, |row| {
        if row.number <= header.row {
            return Ok(Flow::Continue);
        }
        for cell in row.cells.iter().filter(|cell| cell.formula) {
            formula_count += 1;
            if formulas.len() < FORMULA_CELLS_SHOWN {
                formulas.push(cell_ref(cell.column, row.number));
            }
        }
        if row.cells.iter().all(|cell| cell.value.is_empty()) {
            return Ok(Flow::Continue);
        }
        data_rows += 1;
        if data_rows > max_rows {
            return Err(ReadError::TooManyRows { limit: max_rows });
        }
        let code = row.value(header.id);
        if code.is_empty() {
            return Ok(Flow::Continue);
        }
        let optional = |column: Option<u32>| column.map_or("", |column| row.value(column));
        rows.push(FilledRow {
            row: row.number,
            code: code.to_owned(),
            response: row.value(header.response).to_owned(),
            comment: optional(header.comment).to_owned(),
            evidence_ref: optional(header.evidence_ref).to_owned(),
        });
        Ok(Flow::Continue)
    })?;
    if formula_count > 0 {
        return Err(ReadError::Formulas {
            cells: formulas,
            count: formula_count,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_whatever_the_spacing_and_case() {
        assert_eq!(
            normalise_title("  Référence   du\tjustificatif "),
            "référence du justificatif"
        );
        assert_eq!(
            normalise_title("INTITULÉ DE L\u{2019}EXIGENCE"),
            "intitulé de l'exigence"
        );
    }
}
