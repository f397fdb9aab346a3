//! Plain-text tables for the terminal: fixed total width, long cells wrapped
//! at word boundaries, no colour so the output stays readable in any pager.

/// The width every table fits in, so it reads in a standard terminal.
pub const WIDTH: usize = 100;

const GAP: &str = "  ";

#[derive(Debug)]
pub struct Column {
    pub header: String,
    /// `None` takes what the other columns leave of [`WIDTH`].
    pub width: Option<usize>,
}

impl Column {
    pub fn fixed(header: impl Into<String>, width: usize) -> Column {
        Column {
            header: header.into(),
            width: Some(width),
        }
    }

    pub fn flexible(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            width: None,
        }
    }
}

pub fn render(columns: &[Column], rows: &[Vec<String>]) -> String {
    let widths = widths(columns);
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|column| column.header.clone()).collect();
    push_row(&mut out, &widths, &header);
    let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
    push_row(&mut out, &widths, &rule);
    for row in rows {
        push_row(&mut out, &widths, row);
    }
    out
}

fn widths(columns: &[Column]) -> Vec<usize> {
    let gaps = GAP.len() * columns.len().saturating_sub(1);
    let fixed: usize = columns.iter().filter_map(|column| column.width).sum();
    let flexible_count = columns
        .iter()
        .filter(|column| column.width.is_none())
        .count();
    let left = WIDTH.saturating_sub(fixed + gaps);
    let share = left.checked_div(flexible_count).unwrap_or(0).max(10);
    columns
        .iter()
        .map(|column| column.width.unwrap_or(share))
        .collect()
}

fn push_row(out: &mut String, widths: &[usize], cells: &[String]) {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .zip(cells)
        .map(|(width, cell)| wrap(cell, *width))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for line in 0..height {
        let mut text = String::new();
        for (index, (width, lines)) in widths.iter().zip(&wrapped).enumerate() {
            if index > 0 {
                text.push_str(GAP);
            }
            let cell = lines.get(line).map(String::as_str).unwrap_or("");
            text.push_str(cell);
            text.push_str(&" ".repeat(width.saturating_sub(cell.chars().count())));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
}

/// Splits `text` into lines of at most `width` characters, breaking between
/// words, and inside a word only when it is longer than a whole line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = if line.is_empty() { 0 } else { 1 } + word.chars().count();
        if line.chars().count() + needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, width: usize, expected: &[&str]) {
        assert_eq!(
            wrap(text, width),
            expected,
            "text {text:?} at width {width}"
        );
    }

    #[test]
    fn wraps_at_word_boundaries() {
        check("", 10, &[""]);
        check("short", 10, &["short"]);
        check("one two three four", 9, &["one two", "three", "four"]);
        check("sécurité réseau", 8, &["sécurité", "réseau"]);
        check("abcdefghijkl xy", 5, &["abcde", "fghij", "kl xy"]);
    }

    #[test]
    fn every_line_fits_the_width() {
        let columns = [
            Column::fixed("ID", 5),
            Column::flexible("Title"),
            Column::fixed("Why", 30),
        ];
        let long = "word ".repeat(60);
        let table = render(&columns, &[vec!["BP-01".into(), long.clone(), long]]);
        assert!(table.lines().count() > 3);
        for line in table.lines() {
            assert!(line.chars().count() <= WIDTH, "too wide: {line:?}");
        }
    }
}
