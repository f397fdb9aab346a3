//! The annex as a tagged PDF, typeset in-process by typst with the fonts
//! compiled into the binary: no external program, no file system, no
//! network. Every text goes into the typst source as a string literal, so
//! nothing a user typed can be read as markup.

use std::fmt::Write as _;
use std::sync::LazyLock;

use procura_domain::Lang;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use super::{Annex, Block, Table};
use crate::DocError;

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The embedded fonts, parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    (LazyHash::new(book), fonts)
});

/// A world with one source file and the embedded fonts.
struct AnnexWorld {
    source: Source,
}

impl World for AnnexWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// A typst string literal holding `text`.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn table(out: &mut String, content: &Table) {
    let columns: Vec<String> = content.widths.iter().map(|w| format!("{w}fr")).collect();
    let _ = writeln!(
        out,
        "#table(columns: ({},), inset: 5pt, stroke: 0.5pt + luma(140), fill: (x, y) => if y == 0 {{ luma(225) }},",
        columns.join(", ")
    );
    let headers: Vec<String> = content
        .headers
        .iter()
        .map(|header| format!("strong({})", literal(header)))
        .collect();
    let _ = writeln!(out, "  table.header({}),", headers.join(", "));
    for row in &content.rows {
        let cells: Vec<String> = row.iter().map(|cell| literal(cell)).collect();
        let _ = writeln!(out, "  {},", cells.join(", "));
    }
    if let Some(footer) = &content.footer {
        let cells: Vec<String> = footer
            .iter()
            .map(|cell| format!("strong({})", literal(cell)))
            .collect();
        let _ = writeln!(out, "  table.footer({}),", cells.join(", "));
    }
    out.push_str(")\n\n");
}

/// The typst source of the annex.
fn source(annex: &Annex) -> String {
    let lang = match annex.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = writeln!(out, "#set document(title: {})", literal(&annex.title));
    out.push_str(
        "#set page(paper: \"a4\", margin: 2cm, numbering: \"1 / 1\")\n\
         #set text(font: \"Libertinus Serif\", size: 10.5pt, lang: \"",
    );
    out.push_str(lang);
    out.push_str(
        "\")\n#set par(justify: true)\n\
         #show heading.where(level: 1): set text(size: 15pt, fill: rgb(\"#1f3864\"))\n\
         #show heading.where(level: 2): set text(size: 12pt, fill: rgb(\"#1f3864\"))\n\n",
    );
    let _ = writeln!(
        out,
        "#align(center, text(size: 20pt, weight: \"bold\", {}))\n",
        literal(&annex.title)
    );
    for line in &annex.subtitle {
        let _ = writeln!(out, "#align(center, {})\n", literal(line));
    }
    for block in &annex.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "#heading(level: {level}, {})\n", literal(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "#{}\n", literal(text));
            }
            Block::Bullets(items) => {
                let items: Vec<String> = items.iter().map(|item| literal(item)).collect();
                let _ = writeln!(out, "#list({})\n", items.join(", "));
            }
            Block::Numbered(entries) => {
                out.push_str("#enum(\n");
                for entry in entries {
                    let _ = write!(
                        out,
                        "  [#strong({}) — #{}",
                        literal(&entry.code),
                        literal(&entry.text)
                    );
                    if let Some(note) = &entry.note {
                        let _ = write!(
                            out,
                            " \\ #text(size: 9pt, style: \"italic\", {})",
                            literal(note)
                        );
                    }
                    out.push_str("],\n");
                }
                out.push_str(")\n\n");
            }
            Block::Table(content) => table(&mut out, content),
        }
    }
    out
}

pub fn annex_pdf(annex: &Annex) -> Result<Vec<u8>, DocError> {
    let world = AnnexWorld {
        source: Source::detached(source(annex)),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| DocError::Pdf(format!("{errors:?}")))?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("procura-annex-{}", annex.stamp.checksum)),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| DocError::Pdf(format!("{errors:?}")))
}
