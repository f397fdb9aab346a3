//! The annex as PDF, laid out in-process: A4 pages, the standard Helvetica
//! faces (no font to embed, readable and searchable everywhere), headings,
//! wrapped paragraphs, numbered requirements with hanging indents, tables
//! whose header row repeats on each page, and page numbers.
//!
//! A full typesetter would cost minutes of build time for what is a page
//! of layout rules here; text is written in Windows-1252, which covers
//! French and English, and the few characters outside it are spelled out
//! (`≥` becomes `>=`).

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::helvetica;
use super::{Annex, Block, Table};
use crate::DocError;

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BOTTOM: f32 = MARGIN + 14.0;
const CELL_PADDING: f32 = 4.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
    Oblique,
}

impl Face {
    fn resource(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
            Face::Oblique => Name(b"F3"),
        }
    }

    fn widths(self) -> &'static [u16; 224] {
        match self {
            Face::Regular => &helvetica::REGULAR,
            Face::Bold => &helvetica::BOLD,
            Face::Oblique => &helvetica::OBLIQUE,
        }
    }
}

/// Text in Windows-1252, with the characters outside it replaced.
fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        let byte = match c {
            ' '..='~' => u8::try_from(code).ok(),
            '\u{a0}'..='\u{ff}' => u8::try_from(code).ok(),
            '€' => Some(0x80),
            '‚' => Some(0x82),
            'ƒ' => Some(0x83),
            '„' => Some(0x84),
            '…' => Some(0x85),
            '†' => Some(0x86),
            '‡' => Some(0x87),
            '‰' => Some(0x89),
            'Š' => Some(0x8a),
            '‹' => Some(0x8b),
            'Œ' => Some(0x8c),
            'Ž' => Some(0x8e),
            '‘' => Some(0x91),
            '’' => Some(0x92),
            '“' => Some(0x93),
            '”' => Some(0x94),
            '•' => Some(0x95),
            '–' => Some(0x96),
            '—' => Some(0x97),
            '™' => Some(0x99),
            'š' => Some(0x9a),
            '›' => Some(0x9b),
            'œ' => Some(0x9c),
            'ž' => Some(0x9e),
            'Ÿ' => Some(0x9f),
            '\u{202f}' | '\u{2009}' | '\u{2007}' => Some(0xa0),
            '\u{2011}' | '\u{2010}' | '\u{2212}' => Some(b'-'),
            _ => None,
        };
        match byte {
            Some(byte) => out.push(byte),
            None => {
                let spelled: &str = match c {
                    '≥' => ">=",
                    '≤' => "<=",
                    '→' => "->",
                    '←' => "<-",
                    '×' => "x",
                    '✓' => "v",
                    '\t' | '\n' | '\r' => " ",
                    _ => "?",
                };
                out.extend_from_slice(spelled.as_bytes());
            }
        }
    }
    out
}

fn width(bytes: &[u8], face: Face, size: f32) -> f32 {
    let table = face.widths();
    let units: u32 = bytes
        .iter()
        .map(|b| u32::from(table[usize::from(b.saturating_sub(32))]))
        .sum();
    units as f32 * size / 1000.0
}

/// Splits text into lines that fit `max` points, breaking between words
/// (and inside a word only when it alone is too wide).
fn wrap(text: &str, face: Face, size: f32, max: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split_whitespace() {
        let word = encode(word);
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            [line.as_slice(), b" ", word.as_slice()].concat()
        };
        if width(&candidate, face, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is cut where the running width
        // reaches the limit: one pass, whatever its length.
        let mut rest = word;
        while width(&rest, face, size) > max && rest.len() > 1 {
            let table = face.widths();
            let mut used = 0.0;
            let mut cut = 0;
            for byte in &rest {
                let glyph = f32::from(table[usize::from(byte.saturating_sub(32))]) * size / 1000.0;
                if used + glyph > max && cut > 0 {
                    break;
                }
                used += glyph;
                cut += 1;
            }
            let cut = cut.clamp(1, rest.len() - 1);
            lines.push(rest[..cut].to_vec());
            rest = rest[cut..].to_vec();
        }
        line = rest;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The page being filled, and those done.
struct Layout {
    pages: Vec<Content>,
    page: Content,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: Vec::new(),
            page: Content::new(),
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(done);
        self.y = PAGE_HEIGHT - MARGIN;
    }

    /// Starts a new page unless `height` points still fit on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, bytes: &[u8]) {
        self.page
            .begin_text()
            .set_font(face.resource(), size)
            .next_line(x, y)
            .show(Str(bytes))
            .end_text();
    }

    /// A wrapped paragraph starting at `x`, `max` points wide.
    fn paragraph(&mut self, text: &str, face: Face, size: f32, x: f32, max: f32, after: f32) {
        let leading = size * 1.3;
        for line in wrap(text, face, size, max) {
            self.room(leading);
            self.y -= leading;
            self.text(x, self.y + size * 0.25, face, size, &line);
        }
        self.y -= after;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = if level <= 1 { 14.0 } else { 11.5 };
        // Keep a heading with at least three lines of what follows.
        self.room(size * 1.6 + 40.0);
        self.y -= size * 0.6;
        self.paragraph(text, Face::Bold, size, MARGIN, TEXT_WIDTH, size * 0.4);
    }

    fn numbered(&mut self, entries: &[super::NumberedEntry]) {
        const INDENT: f32 = 24.0;
        let size = 10.0;
        let leading = size * 1.3;
        for (index, entry) in entries.iter().enumerate() {
            let label = encode(&format!("{}.", index + 1));
            // The id is drawn in bold, a little wider than measured.
            let extra = width(&encode(&entry.code), Face::Bold, size)
                - width(&encode(&entry.code), Face::Regular, size);
            let lines = wrap(
                &format!("{} — {}", entry.code, entry.text),
                Face::Regular,
                size,
                TEXT_WIDTH - INDENT - extra.max(0.0),
            );
            for (number, line) in lines.iter().enumerate() {
                self.room(leading);
                self.y -= leading;
                let baseline = self.y + size * 0.25;
                if number == 0 {
                    self.text(MARGIN, baseline, Face::Regular, size, &label);
                    // The requirement's id in bold, the rest in regular.
                    let code = encode(&entry.code);
                    let split = code.len().min(line.len());
                    self.text(MARGIN + INDENT, baseline, Face::Bold, size, &line[..split]);
                    let offset = width(&line[..split], Face::Bold, size);
                    self.text(
                        MARGIN + INDENT + offset,
                        baseline,
                        Face::Regular,
                        size,
                        &line[split..],
                    );
                } else {
                    self.text(MARGIN + INDENT, baseline, Face::Regular, size, line);
                }
            }
            if let Some(note) = &entry.note {
                self.paragraph(
                    note,
                    Face::Oblique,
                    8.5,
                    MARGIN + INDENT,
                    TEXT_WIDTH - INDENT,
                    0.0,
                );
            }
            self.y -= 3.0;
        }
        self.y -= 4.0;
    }

    fn bullets(&mut self, items: &[String]) {
        for item in items {
            let size = 10.0;
            self.room(size * 1.3);
            self.text(
                MARGIN + 6.0,
                self.y - size * 1.05,
                Face::Regular,
                size,
                &[0x95],
            );
            self.paragraph(
                item,
                Face::Regular,
                size,
                MARGIN + 18.0,
                TEXT_WIDTH - 18.0,
                1.0,
            );
        }
        self.y -= 4.0;
    }

    /// Draws one table row; a row taller than the room left continues on
    /// the next page, under the repeated `header`.
    fn row(
        &mut self,
        cells: &[String],
        widths: &[f32],
        face: Face,
        shade: bool,
        header: Option<&[String]>,
    ) {
        let size = 8.5;
        let leading = size * 1.25;
        let wrapped: Vec<Vec<Vec<u8>>> = widths
            .iter()
            .enumerate()
            .map(|(column, width)| {
                let text = cells.get(column).map_or("", String::as_str);
                wrap(text, face, size, width - 2.0 * CELL_PADDING)
            })
            .collect();
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut first = 0;
        while first < total {
            let fits = ((self.y - BOTTOM - 2.0 * CELL_PADDING) / leading).floor();
            if fits < 1.0 {
                self.new_page();
                if let Some(header) = header {
                    self.row(header, widths, Face::Bold, true, None);
                }
                continue;
            }
            let take = (total - first).min(fits as usize);
            let height = take as f32 * leading + 2.0 * CELL_PADDING;
            let top = self.y;
            let mut x = MARGIN;
            for (lines, width) in wrapped.iter().zip(widths) {
                if shade {
                    self.page
                        .set_fill_gray(0.88)
                        .rect(x, top - height, *width, height)
                        .fill_nonzero()
                        .set_fill_gray(0.0);
                }
                self.page
                    .set_line_width(0.5)
                    .set_stroke_gray(0.45)
                    .rect(x, top - height, *width, height)
                    .stroke();
                for (number, line) in lines.iter().skip(first).take(take).enumerate() {
                    let baseline =
                        top - CELL_PADDING - (number as f32 + 1.0) * leading + size * 0.25;
                    self.text(x + CELL_PADDING, baseline, face, size, line);
                }
                x += width;
            }
            self.y -= height;
            first += take;
        }
    }

    fn table(&mut self, table: &Table) {
        let total: u32 = table.widths.iter().sum::<u32>().max(1);
        let widths: Vec<f32> = table
            .widths
            .iter()
            .map(|w| TEXT_WIDTH * *w as f32 / total as f32)
            .collect();
        let row_height = |cells: &[String], face: Face| {
            let lines = cells
                .iter()
                .zip(&widths)
                .map(|(text, width)| wrap(text, face, 8.5, width - 2.0 * CELL_PADDING).len())
                .max()
                .unwrap_or(1);
            lines as f32 * 8.5 * 1.25 + 2.0 * CELL_PADDING
        };
        let header_height = row_height(&table.headers, Face::Bold);
        self.room(header_height * 2.0);
        self.row(&table.headers, &widths, Face::Bold, true, None);
        for cells in &table.rows {
            let height = row_height(cells, Face::Regular);
            // A row that fits on a fresh page is not split.
            if self.y - height < BOTTOM && height < PAGE_HEIGHT - MARGIN - BOTTOM - header_height {
                self.new_page();
                self.row(&table.headers, &widths, Face::Bold, true, None);
            }
            self.row(cells, &widths, Face::Regular, false, Some(&table.headers));
        }
        if let Some(footer) = &table.footer {
            self.room(row_height(footer, Face::Bold));
            self.row(footer, &widths, Face::Bold, true, None);
        }
        self.y -= 10.0;
    }
}

pub fn annex_pdf(annex: &Annex) -> Result<Vec<u8>, DocError> {
    document_pdf(&annex.title, &annex.subtitle, &annex.blocks, true)
}

/// Any document made of blocks: a title and its lines, on a cover page of
/// their own when `cover`, then the blocks.
pub(crate) fn document_pdf(
    title: &str,
    subtitle: &[String],
    blocks: &[Block],
    cover: bool,
) -> Result<Vec<u8>, DocError> {
    let mut layout = Layout::new();
    layout.paragraph(title, Face::Bold, 18.0, MARGIN, TEXT_WIDTH, 6.0);
    for line in subtitle {
        layout.paragraph(line, Face::Regular, 10.0, MARGIN, TEXT_WIDTH, 0.0);
    }
    if cover {
        // The title and its lines make the cover: the body starts on page 2.
        layout.new_page();
    } else {
        layout.y -= 12.0;
    }
    for block in blocks {
        match block {
            Block::Heading { level, text } => layout.heading(*level, text),
            Block::Paragraph(text) => {
                layout.paragraph(text, Face::Regular, 10.0, MARGIN, TEXT_WIDTH, 6.0);
            }
            Block::Bullets(items) => layout.bullets(items),
            Block::Numbered(entries) => layout.numbered(entries),
            Block::Table(table) => layout.table(table),
        }
    }
    layout.new_page();
    let pages = layout.pages;

    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let fonts = [Ref::new(4), Ref::new(5), Ref::new(6)];
    let first_page = 7;
    pdf.catalog(catalog).pages(tree);
    let page_refs: Vec<Ref> = (0..pages.len())
        .map(|index| Ref::new(first_page + 2 * i32::try_from(index).unwrap_or(0)))
        .collect();
    pdf.pages(tree)
        .kids(page_refs.iter().copied())
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (font, name) in
        fonts
            .iter()
            .zip([&b"Helvetica"[..], b"Helvetica-Bold", b"Helvetica-Oblique"])
    {
        pdf.type1_font(*font)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("Procura"));
    let count = pages.len();
    for (index, (mut content, page_ref)) in pages.into_iter().zip(&page_refs).enumerate() {
        let footer = encode(&format!("{} / {count}", index + 1));
        let x = PAGE_WIDTH - MARGIN - width(&footer, Face::Regular, 8.0);
        content
            .begin_text()
            .set_font(Face::Regular.resource(), 8.0)
            .next_line(x, MARGIN - 20.0)
            .show(Str(&footer))
            .end_text();
        let content_ref = Ref::new(page_ref.get() + 1);
        let mut page = pdf.page(*page_ref);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(content_ref);
        let mut resources = page.resources();
        let mut map = resources.fonts();
        for (face, font) in [Face::Regular, Face::Bold, Face::Oblique].iter().zip(fonts) {
            map.pair(face.resource(), font);
        }
        map.finish();
        resources.finish();
        page.finish();
        let bytes = content.finish().into_vec();
        pdf.stream(content_ref, &bytes);
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_unbroken_text_and_a_row_taller_than_a_page_are_laid_out() {
        let mut annex = crate::tender::Annex {
            lang: procura_domain::Lang::En,
            title: "T".into(),
            subtitle: Vec::new(),
            blocks: vec![Block::Table(Table {
                headers: vec!["A".into(), "B".into()],
                rows: vec![vec!["x".repeat(20_000), "short".into()]],
                widths: vec![50, 50],
                footer: None,
            })],
            requirements: Vec::new(),
            stamp: crate::tender::QuestionnaireStamp {
                project: String::new(),
                reference: String::new(),
                version: 0,
                checksum: String::new(),
            },
        };
        let bytes = annex_pdf(&annex).expect("pdf");
        let pages = bytes.windows(9).filter(|w| w == b"/MediaBox").count();
        assert!(pages > 3, "the long cell continues over several pages");
        annex.blocks = vec![Block::Paragraph("y".repeat(50_000))];
        assert!(annex_pdf(&annex).is_ok());
    }

    #[test]
    fn text_is_encoded_in_windows_1252_with_spelled_out_fallbacks() {
        assert_eq!(
            encode("é à ç « » — €"),
            b"\xe9 \xe0 \xe7 \xab \xbb \x97 \x80"
        );
        assert_eq!(encode("CycloneDX ≥ 1.5"), b"CycloneDX >= 1.5");
        assert_eq!(encode("漢"), b"?");
    }

    #[test]
    fn lines_fit_their_width() {
        let text =
            "Le titulaire publie ses avis de sécurité au format CSAF 2.0 à une adresse stable.";
        for line in wrap(text, Face::Regular, 10.0, 120.0) {
            assert!(width(&line, Face::Regular, 10.0) <= 120.0);
        }
        let long = "x".repeat(200);
        let lines = wrap(&long, Face::Bold, 10.0, 50.0);
        assert!(lines.len() > 1);
        assert_eq!(
            lines.concat().len(),
            200,
            "nothing is lost when a word is cut"
        );
        for line in &lines {
            assert!(width(line, Face::Bold, 10.0) <= 50.0);
        }
        assert_eq!(wrap("", Face::Regular, 10.0, 50.0), vec![Vec::<u8>::new()]);
    }
}
