//! The one CSV writer every export goes through. People type notes,
//! justifications and comments that end up in CSV files opened in a
//! spreadsheet; a cell that starts like a formula (`=HYPERLINK(…)`) would
//! run there, so such cells are neutralised on the way out (OWASP's rule:
//! a leading `'` makes the spreadsheet read the cell as text).

use std::borrow::Cow;

use crate::DocError;

/// A CSV document being written: a header, then rows, every cell made inert.
#[derive(Debug)]
pub struct CsvTable {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvTable {
    /// Starts a table with its header row.
    pub fn new<I, S>(header: I) -> Result<Self, DocError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut table = Self {
            writer: csv::Writer::from_writer(Vec::new()),
        };
        table.row(header)?;
        Ok(table)
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<(), DocError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| inert(cell.as_ref()).into_owned())
            .collect();
        self.writer.write_record(&cells)?;
        Ok(())
    }

    pub fn finish(self) -> Result<String, DocError> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|error| DocError::Csv(error.into_error().into()))?;
        String::from_utf8(bytes).map_err(|_| DocError::Encoding)
    }
}

/// The cell as a spreadsheet may safely read it: a cell starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, unless it is
/// a plain number such as `-3` or `+1.5`, which no spreadsheet runs.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && fraction.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cell: &str, expected: &str) {
        assert_eq!(inert(cell), expected, "cell {cell:?}");
    }

    #[test]
    fn formula_starts_are_neutralised() {
        check(
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "'=HYPERLINK(\"http://evil.example\",\"x\")",
        );
        check("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0");
        check("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0");
        check("@SUM(1,2)", "'@SUM(1,2)");
        check("\t=1+1", "'\t=1+1");
        check("\r=1+1", "'\r=1+1");
        check("-", "'-");
        check("-.5", "'-.5");
        check("1.", "1.");
    }

    #[test]
    fn ordinary_cells_and_numbers_are_kept() {
        check("", "");
        check("Pompes à perfusion", "Pompes à perfusion");
        check("a=b", "a=b");
        check("-3", "-3");
        check("+1.5", "+1.5");
        check("42", "42");
        check("BP-01", "BP-01");
    }

    #[test]
    fn a_table_writes_inert_cells_and_quotes_as_csv_does() {
        let mut table = CsvTable::new(["a", "b"]).unwrap();
        table.row(["=1+1", "x,y"]).unwrap();
        table.row([String::from("@x"), String::from("-7")]).unwrap();
        assert_eq!(table.finish().unwrap(), "a,b\n'=1+1,\"x,y\"\n'@x,-7\n");
    }
}
