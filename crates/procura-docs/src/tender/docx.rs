//! The annex as a Word document buyers edit and paste into their tender
//! files: real heading styles (so the navigation pane and a table of
//! contents work), real numbered lists that restart in each section, and
//! tables with a repeated header row style.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, RunFonts, Shading, SpecialIndentType, Start, Style,
    StyleType, Table as DocxTable, TableCell, TableRow, WidthType,
};
use procura_domain::Lang;

use super::{Annex, Block, Table};
use crate::DocError;

const FONT: &str = "Calibri";
/// Printable width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;
const LIST_ABSTRACT: usize = 1;
const BULLET_ABSTRACT: usize = 2;
const BULLET_LIST: usize = 1;

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color("1F3864")
            .outline_lvl(level)
    };
    docx.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .size(21)
            .fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT)),
    )
    .add_style(heading("Title", "Title", 40, 0))
    .add_style(heading("Heading1", "heading 1", 30, 0))
    .add_style(heading("Heading2", "heading 2", 24, 1))
    .add_style(
        Style::new("RequirementNote", StyleType::Paragraph)
            .name("Requirement note")
            .based_on("Normal")
            .size(18)
            .italic()
            .color("404040"),
    )
}

fn numbering(docx: Docx, lists: usize) -> Docx {
    let decimal = AbstractNumbering::new(LIST_ABSTRACT).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )
        .indent(Some(567), Some(SpecialIndentType::Hanging(567)), None, None),
    );
    let bullet = AbstractNumbering::new(BULLET_ABSTRACT).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(Some(567), Some(SpecialIndentType::Hanging(283)), None, None),
    );
    let mut docx = docx
        .add_abstract_numbering(decimal)
        .add_abstract_numbering(bullet)
        .add_numbering(Numbering::new(BULLET_LIST, BULLET_ABSTRACT));
    // One numbering instance per list, each starting at 1.
    for list in 0..lists {
        docx = docx.add_numbering(
            Numbering::new(list + 2, LIST_ABSTRACT)
                .add_override(docx_rs::LevelOverride::new(0).start(1)),
        );
    }
    docx
}

fn text_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn cell(text: &str, width: usize, header: bool) -> TableCell {
    let run = if header {
        Run::new().add_text(text).bold()
    } else {
        Run::new().add_text(text)
    };
    let cell = TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(Paragraph::new().add_run(run));
    if header {
        cell.shading(Shading::new().fill("DCE3EE"))
    } else {
        cell
    }
}

fn table(content: &Table) -> DocxTable {
    let total: u32 = content.widths.iter().sum::<u32>().max(1);
    let widths: Vec<usize> = content
        .widths
        .iter()
        .map(|width| TEXT_WIDTH * (*width as usize) / (total as usize))
        .collect();
    let row = |cells: &[String], header: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(&widths)
                .map(|(text, width)| cell(text, *width, header))
                .collect(),
        )
    };
    let mut rows = vec![row(&content.headers, true)];
    rows.extend(content.rows.iter().map(|cells| row(cells, false)));
    if let Some(footer) = &content.footer {
        rows.push(row(footer, true));
    }
    DocxTable::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

pub fn annex_docx(annex: &Annex) -> Result<Vec<u8>, DocError> {
    let lists = annex
        .blocks
        .iter()
        .filter(|block| matches!(block, Block::Numbered(_)))
        .count();
    let mut docx = numbering(styles(Docx::new()), lists)
        .page_size(11906, 16838)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        );
    docx = docx.add_paragraph(text_paragraph(&annex.title).style("Title"));
    for line in &annex.subtitle {
        docx = docx.add_paragraph(text_paragraph(line));
    }
    // The title and its lines make the cover: the body starts on page 2.
    docx = docx
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(docx_rs::BreakType::Page)));
    let mut list = 1;
    for block in &annex.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                docx = docx.add_paragraph(text_paragraph(text).style(style).keep_next(true));
            }
            Block::Paragraph(text) => {
                docx = docx.add_paragraph(text_paragraph(text).align(AlignmentType::Both));
            }
            Block::Bullets(items) => {
                for item in items {
                    docx = docx.add_paragraph(
                        text_paragraph(item)
                            .numbering(NumberingId::new(BULLET_LIST), IndentLevel::new(0)),
                    );
                }
            }
            Block::Numbered(entries) => {
                list += 1;
                for entry in entries {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(format!("{} — ", entry.code)).bold())
                            .add_run(Run::new().add_text(&entry.text))
                            .numbering(NumberingId::new(list), IndentLevel::new(0)),
                    );
                    if let Some(note) = &entry.note {
                        docx = docx.add_paragraph(
                            text_paragraph(note).style("RequirementNote").indent(
                                Some(567),
                                None,
                                None,
                                None,
                            ),
                        );
                    }
                }
            }
            Block::Table(content) => {
                docx = docx.add_table(table(content));
                docx = docx.add_paragraph(Paragraph::new());
            }
        }
    }
    let language = match annex.lang {
        Lang::Fr => "fr-FR",
        Lang::En => "en-GB",
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.custom_property("Language", language)
        .build()
        .pack(&mut bytes)
        .map_err(|error| DocError::Docx(error.to_string()))?;
    Ok(bytes.into_inner())
}
