//! The annex as Markdown, for wikis, tickets and review by diff.

use std::fmt::Write as _;

use super::{Annex, Block, Table};
use crate::markdown_text::{cell, inline};

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
    let _ = writeln!(out, "# {}\n", inline(&annex.title));
    for line in &annex.subtitle {
        let _ = writeln!(out, "{}  ", inline(line));
    }
    out.push('\n');
    for block in &annex.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from(*level) + 1),
                    inline(text)
                );
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", inline(text));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", inline(item));
                }
                out.push('\n');
            }
            Block::Numbered(entries) => {
                for (index, entry) in entries.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "{}. **{}** — {}",
                        index + 1,
                        inline(&entry.code),
                        inline(&entry.text)
                    );
                    if let Some(note) = &entry.note {
                        let _ = writeln!(out, "   *{}*", inline(note));
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
