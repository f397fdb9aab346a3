//! Text placed into Markdown documents. Projects, notes and the
//! organisation's own requirements are typed by people, and Markdown lets
//! raw HTML through to whoever renders it (a wiki, a ticket, a browser), so
//! every text is written with HTML's special characters as entities.

/// The text as inert Markdown: `<`, `>` and `&` become entities, so a
/// `<script>` or `<img onerror=…>` shows as text wherever it is rendered.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// The text inside a table cell: inert, without the pipes and line breaks
/// that would end the cell or the row.
pub(crate) fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_written_as_text() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            (
                "<img src=x onerror=alert(1)>",
                "&lt;img src=x onerror=alert(1)&gt;",
            ),
            ("R&D", "R&amp;D"),
            ("&lt;", "&amp;lt;"),
            ("Pompes à perfusion", "Pompes à perfusion"),
        ];
        for (text, expected) in cases {
            assert_eq!(inline(text), expected, "{text:?}");
        }
    }

    #[test]
    fn cells_stay_in_their_cell() {
        assert_eq!(cell("a|b\nc<d>"), "a\\|b c&lt;d&gt;");
    }
}
