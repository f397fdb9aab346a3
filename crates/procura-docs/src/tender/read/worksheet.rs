//! A worksheet's rows and cells, read one row at a time, and the cell
//! references that place them on the grid.

use quick_xml::events::Event;

use super::error::ReadError;
use super::shared_strings::SharedStrings;
use super::xml::{Xml, attribute, malformed};

/// The spreadsheet grid's bounds (XFD1048576): a reference past them is
/// forged.
const MAX_COLUMN: u32 = 16_384;
const MAX_ROW: u32 = 1_048_576;

/// Excel's own limit is 32,767 characters a cell; in UTF-8 that is at most
/// four times as many bytes. A longer cell was not typed in a spreadsheet.
const MAX_CELL_BYTES: usize = 32_767 * 4;

/// A questionnaire row has eight cells; a row with hundreds was forged.
const MAX_CELLS_PER_ROW: usize = 512;

/// The text one pass over a sheet may extract: a shared string is stored
/// once but may be referenced by every cell, so the unpacked size alone
/// does not bound what the cells add up to.
const MAX_TEXT_BYTES: u64 = 64 << 20;

/// A cell reference such as `F12`: the 0-based column and, when given, the
/// row number.
pub(crate) fn parse_cell_ref(reference: &str) -> Option<(u32, Option<u32>)> {
    let reference = reference.trim();
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let (column_part, row_part) = reference.split_at(letters);
    let mut column: u32 = 0;
    for letter in column_part.bytes() {
        column = column * 26 + u32::from(letter.to_ascii_uppercase() - b'A') + 1;
    }
    if column > MAX_COLUMN {
        return None;
    }
    let row = if row_part.is_empty() {
        None
    } else {
        Some(parse_row_number(row_part)?)
    };
    Some((column - 1, row))
}

fn parse_row_number(text: &str) -> Option<u32> {
    if !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let row: u32 = text.parse().ok()?;
    (1..=MAX_ROW).contains(&row).then_some(row)
}

/// The reference of a cell, `F12`, from its 0-based column.
pub(crate) fn cell_ref(column: u32, row: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(digit).unwrap_or(0)));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// A cell's value, trimmed, and whether it holds a formula.
#[derive(Debug)]
pub(crate) struct Cell {
    pub(crate) column: u32,
    pub(crate) value: String,
    pub(crate) formula: bool,
}

#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) number: u32,
    pub(crate) cells: Vec<Cell>,
}

impl Row {
    pub(super) fn value(&self, column: u32) -> &str {
        self.cells
            .iter()
            .find(|cell| cell.column == column)
            .map_or("", |cell| cell.value.as_str())
    }
}

/// Whether to read on after a row.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    Stop,
}

#[derive(Debug, Clone, Copy)]
enum CellType {
    Shared,
    Inline,
    Boolean,
    Number,
    /// A formula's string result, an error value, an ISO date: the text as
    /// written.
    Raw,
}

/// Calls `visit` with each row of a worksheet, in the file's order, one row
/// at a time so a huge sheet is never held in memory.
pub(super) fn scan_rows(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
    mut visit: impl FnMut(Row) -> Result<Flow, ReadError>,
) -> Result<(), ReadError> {
    let mut reader = Xml::new(xml, part);
    let mut in_sheet_data = false;
    let mut row: Option<Row> = None;
    // Whether the row's number came from the file rather than its position.
    let mut row_numbered = false;
    let mut last_row: u32 = 0;
    let mut cell: Option<(u32, CellType, bool)> = None;
    let mut value = String::new();
    let mut inline = String::new();
    let mut capture_value = false;
    let mut capture_inline = false;
    let mut in_inline = false;
    let mut phonetic = 0usize;
    let mut extracted: u64 = 0;

    loop {
        let event = reader.next()?;
        let (element, empty) = match &event {
            Event::Start(element) => (Some(element), false),
            Event::Empty(element) => (Some(element), true),
            _ => (None, false),
        };
        if let Some(element) = element {
            match element.local_name().as_ref() {
                b"sheetData" => in_sheet_data = !empty,
                b"row" if in_sheet_data => {
                    let number = attribute(element, reader.decoder(), part, |key| key == b"r")?;
                    row_numbered = number.is_some();
                    let number = match number {
                        Some(number) => {
                            parse_row_number(number.trim()).ok_or_else(|| malformed(part))?
                        }
                        None => last_row
                            .checked_add(1)
                            .filter(|row| *row <= MAX_ROW)
                            .ok_or_else(|| malformed(part))?,
                    };
                    last_row = number;
                    let started = Row {
                        number,
                        cells: Vec::new(),
                    };
                    if empty {
                        if visit(started)? == Flow::Stop {
                            return Ok(());
                        }
                    } else {
                        row = Some(started);
                    }
                }
                b"c" => {
                    let Some(current) = row.as_mut() else {
                        continue;
                    };
                    let decoder = reader.decoder();
                    let reference = attribute(element, decoder, part, |key| key == b"r")?;
                    let column = match reference {
                        Some(reference) => {
                            let (column, number) =
                                parse_cell_ref(&reference).ok_or_else(|| malformed(part))?;
                            if let (false, Some(number)) = (row_numbered, number) {
                                current.number = number;
                                last_row = number;
                                row_numbered = true;
                            }
                            column
                        }
                        None => match current.cells.last() {
                            Some(previous) => previous.column + 1,
                            None => 0,
                        },
                    };
                    if column >= MAX_COLUMN {
                        return Err(malformed(part));
                    }
                    let kind =
                        match attribute(element, decoder, part, |key| key == b"t")?.as_deref() {
                            Some("s") => CellType::Shared,
                            Some("inlineStr") => CellType::Inline,
                            Some("b") => CellType::Boolean,
                            Some("n") | None => CellType::Number,
                            Some(_) => CellType::Raw,
                        };
                    value.clear();
                    inline.clear();
                    in_inline = false;
                    phonetic = 0;
                    if current.cells.len() >= MAX_CELLS_PER_ROW
                        || current.cells.iter().any(|cell| cell.column == column)
                    {
                        return Err(malformed(part));
                    }
                    if empty {
                        current.cells.push(Cell {
                            column,
                            value: String::new(),
                            formula: false,
                        });
                    } else {
                        cell = Some((column, kind, false));
                    }
                }
                b"f" => {
                    if let Some((_, _, formula)) = cell.as_mut() {
                        *formula = true;
                    }
                }
                b"v" if cell.is_some() && !empty => capture_value = true,
                b"is" if cell.is_some() && !empty => in_inline = true,
                b"rPh" if in_inline && !empty => phonetic += 1,
                b"t" if in_inline && phonetic == 0 && !empty => capture_inline = true,
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(element) => match element.local_name().as_ref() {
                b"sheetData" => return Ok(()),
                b"row" => {
                    if let Some(finished) = row.take()
                        && visit(finished)? == Flow::Stop
                    {
                        return Ok(());
                    }
                }
                b"c" => {
                    if let (Some((column, kind, formula)), Some(current)) =
                        (cell.take(), row.as_mut())
                    {
                        let text = cell_text(kind, &value, &inline, strings)
                            .ok_or_else(|| malformed(part))?;
                        if text.len() > MAX_CELL_BYTES {
                            return Err(ReadError::CellTooLong {
                                cell: cell_ref(column, current.number),
                            });
                        }
                        extracted += u64::try_from(text.len()).unwrap_or(u64::MAX);
                        if extracted > MAX_TEXT_BYTES {
                            return Err(ReadError::TooMuchUnpacked {
                                limit: MAX_TEXT_BYTES,
                            });
                        }
                        current.cells.push(Cell {
                            column,
                            value: text,
                            formula,
                        });
                    }
                }
                b"v" => capture_value = false,
                b"t" => capture_inline = false,
                b"is" => in_inline = false,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Eof => return Ok(()),
            event => {
                if capture_value {
                    reader.push_text(&event, &mut value)?;
                } else if capture_inline {
                    reader.push_text(&event, &mut inline)?;
                } else {
                    // Still resolved, so an unknown entity is refused
                    // wherever it is.
                    reader.push_text(&event, &mut String::new())?;
                }
            }
        }
    }
}

/// The text a cell shows, or `None` for a shared string index that is not
/// in the table.
fn cell_text(kind: CellType, value: &str, inline: &str, strings: &SharedStrings) -> Option<String> {
    let text = match kind {
        CellType::Shared => strings.get(value.trim().parse().ok()?)?.to_owned(),
        CellType::Inline if inline.is_empty() => value.to_owned(),
        CellType::Inline => inline.to_owned(),
        CellType::Boolean => match value.trim() {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            other => other.to_owned(),
        },
        CellType::Number => number_text(value.trim()),
        CellType::Raw => value.to_owned(),
    };
    Some(text.trim().to_owned())
}

/// A number as a person would type it: `3`, not the `3.0` a float prints.
fn number_text(raw: &str) -> String {
    match raw.parse::<f64>() {
        Ok(0.0) => "0".to_owned(),
        Ok(number) if number.is_finite() && number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Ok(number) if number.is_finite() => number.to_string(),
        _ => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_round_trip() {
        for (reference, column, row) in [
            ("A1", 0, 1),
            ("F12", 5, 12),
            ("Z3", 25, 3),
            ("AA7", 26, 7),
            ("XFD1048576", 16_383, 1_048_576),
        ] {
            assert_eq!(parse_cell_ref(reference), Some((column, Some(row))));
            assert_eq!(cell_ref(column, row), reference);
        }
        assert_eq!(parse_cell_ref("f12"), Some((5, Some(12))));
        assert_eq!(parse_cell_ref("C"), Some((2, None)));
        for forged in ["", "12", "XFE1", "A0", "A1048577", "ABCD1", "A1B", "A-1"] {
            assert_eq!(parse_cell_ref(forged), None, "{forged}");
        }
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text("3"), "3");
        assert_eq!(number_text("3.0"), "3");
        assert_eq!(number_text("-0"), "0");
        assert_eq!(number_text("2.5"), "2.5");
        assert_eq!(number_text("1E3"), "1000");
        assert_eq!(number_text("abc"), "abc");
    }
}
