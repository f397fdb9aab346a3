//! The annex as one self-contained HTML page: styles inline in a `<style>`
//! element, no script, printable, and readable by screen readers (real
//! headings, ordered lists and table headers).

use std::fmt::Write as _;

use procura_domain::Lang;

use super::{Annex, Block, Table};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}\
h1{font-size:1.8rem}h2{font-size:1.35rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1.1rem}\
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #999;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#eef1f5}tfoot td{font-weight:bold}.code{font-family:monospace;white-space:nowrap}.note{font-size:.9em;color:#444}\
ol li{margin-bottom:.5rem}@media print{body{margin:0;max-width:none}}";

fn table(out: &mut String, table: &Table) {
    let total: u32 = table.widths.iter().sum::<u32>().max(1);
    out.push_str("<table>\n<colgroup>");
    for width in &table.widths {
        let _ = write!(out, "<col style=\"width:{}%\">", width * 100 / total);
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for header in &table.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
    if let Some(footer) = &table.footer {
        out.push_str("<tfoot><tr>");
        for cell in footer {
            let _ = write!(out, "<td>{}</td>", escape(cell));
        }
        out.push_str("</tr></tfoot>\n");
    }
    out.push_str("</table>\n");
}

pub fn annex_html(annex: &Annex) -> String {
    let lang = match annex.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        escape(&annex.title),
        escape(&annex.title)
    );
    for line in &annex.subtitle {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
    out.push_str("</header>\n<main>\n");
    for block in &annex.blocks {
        match block {
            Block::Heading { level, text } => {
                let tag = level + 1;
                let _ = writeln!(out, "<h{tag}>{}</h{tag}>", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Numbered(entries) => {
                out.push_str("<ol>\n");
                for entry in entries {
                    let _ = write!(
                        out,
                        "<li><span class=\"code\">{}</span> — {}",
                        escape(&entry.code),
                        escape(&entry.text)
                    );
                    if let Some(note) = &entry.note {
                        let _ = write!(out, "<br><span class=\"note\">{}</span>", escape(note));
                    }
                    out.push_str("</li>\n");
                }
                out.push_str("</ol>\n");
            }
            Block::Table(content) => table(&mut out, content),
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
