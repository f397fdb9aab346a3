//! The annex as Markdown, for wikis, tickets and review by diff.

use std::fmt::Write as _;

use super::{Annex, Block, Table};

/// Table cells cannot hold pipes or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn table(out: &mut String, table: &Table) {
    let _ = writeln!(
        out,
        "| {} |",
        table
            .headers
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|{}", "---|".repeat(table.headers.len()));
    for row in table.rows.iter().chain(table.footer.iter()) {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    out.push('\n');
}

pub fn annex_markdown(annex: &Annex) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", annex.title);
    for line in &annex.subtitle {
        let _ = writeln!(out, "{line}  ");
    }
    out.push('\n');
    for block in &annex.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "{} {text}\n", "#".repeat(usize::from(*level) + 1));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            Block::Numbered(entries) => {
                for (index, entry) in entries.iter().enumerate() {
                    let _ = writeln!(out, "{}. **{}** — {}", index + 1, entry.code, entry.text);
                    if let Some(note) = &entry.note {
                        let _ = writeln!(out, "   *{note}*");
                    }
                }
                out.push('\n');
            }
            Block::Table(content) => table(&mut out, content),
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
