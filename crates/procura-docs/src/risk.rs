//! A project's risk register and risk report: the heat map as SVG (with
//! the counts that make its accessible table), the register as CSV and
//! XLSX, and the report as DOCX and PDF, where the heat map is a table of
//! counts and levels.

use procura_i18n::MessageKey;
use std::fmt::Write as _;

use procura_domain::{Lang, RiskLevel};
use procura_i18n::text;
use rust_xlsxwriter::{Format, Workbook};

use crate::dates::date_text;
use crate::tender::{Annex, Block, QuestionnaireStamp, Table, annex_docx};
use crate::{CsvTable, DocError};

/// One risk of the register, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRow {
    pub threat_group: String,
    pub threat: String,
    pub asset: String,
    pub likelihood: u8,
    pub severity: u8,
    pub inherent: String,
    pub treatment: String,
    pub owner: String,
    /// `YYYY-MM-DD` or empty; the report writes it in words, the register
    /// keeps it sortable.
    pub due_date: String,
    pub residual: String,
    pub practices: String,
    pub requirements: String,
    pub accepted: String,
}

/// Counts of risks in each cell, `[likelihood - 1][severity - 1]`, and the
/// level the matrix gives each cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatMap {
    pub counts: [[u32; 4]; 4],
    pub levels: [[RiskLevel; 4]; 4],
}

/// Everything the register and report show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskDoc {
    pub lang: Lang,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    /// When the report was produced: an ISO date or a UTC moment
    /// (`YYYY-MM-DD HH:MM:SS`), written in words, Paris time.
    pub generated: String,
    pub rows: Vec<RiskRow>,
    pub inherent: HeatMap,
    pub residual: HeatMap,
    /// Lines on the DPIA screening.
    pub dpia: Vec<String>,
    /// One line per review: when, who, stage, summary.
    pub reviews: Vec<String>,
}

const HEADERS: [&str; 13] = [
    "risks-threat-group",
    "risks-col-threat",
    "risks-col-asset",
    "risk-likelihood",
    "risk-severity",
    "risks-col-inherent",
    "risks-col-treatment",
    "risks-col-owner",
    "risks-col-due",
    "risks-col-residual",
    "risks-practices",
    "risks-requirements",
    "risks-col-accepted",
];

fn cells(row: &RiskRow) -> [String; 13] {
    [
        row.threat_group.clone(),
        row.threat.clone(),
        row.asset.clone(),
        row.likelihood.to_string(),
        row.severity.to_string(),
        row.inherent.clone(),
        row.treatment.clone(),
        row.owner.clone(),
        row.due_date.clone(),
        row.residual.clone(),
        row.practices.clone(),
        row.requirements.clone(),
        row.accepted.clone(),
    ]
}

/// The fill of a level: pale enough for dark text to keep AA contrast.
pub fn level_colour(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "#d9f0d3",
        RiskLevel::Moderate => "#fff2b3",
        RiskLevel::High => "#fdc98a",
        RiskLevel::Critical => "#f5a3a3",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The heat map as SVG: likelihood 4 at the top, severity 1 on the left,
/// each cell filled with its level's colour and showing its count. The
/// `<title>` and `<desc>` name it for screen readers; the page next to it
/// carries the same numbers as a table.
/// `id` makes the title and description ids unique on a page with several maps.
pub fn heat_map_svg(map: &HeatMap, id: &str, title: &str, lang: Lang) -> String {
    const CELL: u32 = 56;
    const LEFT: u32 = 36;
    const TOP: u32 = 8;
    let width = LEFT + 4 * CELL + 8;
    let height = TOP + 4 * CELL + 36;
    let total: u32 = map.counts.iter().flatten().sum();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(&format!(
            "{} — {total}",
            text(lang, "risks-heatmap-caption")
        ))
    );
    for likelihood in (1..=4u32).rev() {
        let y = TOP + (4 - likelihood) * CELL;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{likelihood}</text>",
            LEFT / 2,
            y + CELL / 2 + 5
        );
        for severity in 1..=4u32 {
            let x = LEFT + (severity - 1) * CELL;
            let (l, s) = ((likelihood - 1) as usize, (severity - 1) as usize);
            let count = map.counts[l][s];
            let _ = write!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL}\" height=\"{CELL}\" fill=\"{}\" stroke=\"#555\"/>",
                level_colour(map.levels[l][s])
            );
            if count > 0 {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\">{count}</text>",
                    x + CELL / 2,
                    y + CELL / 2 + 6
                );
            }
        }
    }
    for severity in 1..=4u32 {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{severity}</text>",
            LEFT + (severity - 1) * CELL + CELL / 2,
            TOP + 4 * CELL + 16
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{} →</text></svg>",
        LEFT + 2 * CELL,
        TOP + 4 * CELL + 32,
        escape(&text(lang, "risk-severity"))
    );
    out
}

/// The register as CSV, headers in the reader's language.
pub fn register_csv(doc: &RiskDoc) -> Result<String, DocError> {
    let mut table = CsvTable::new(HEADERS.iter().map(|key| text(doc.lang, key)))?;
    for row in &doc.rows {
        table.row(cells(row))?;
    }
    table.finish()
}

fn xlsx(error: rust_xlsxwriter::XlsxError) -> DocError {
    DocError::Xlsx(error.to_string())
}

/// The register as XLSX: one row per risk, filters on the header row.
pub fn register_xlsx(doc: &RiskDoc) -> Result<Vec<u8>, DocError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(text(doc.lang, "risks-register"))
        .map_err(xlsx)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    sheet
        .write_string_with_format(0, 0, format!("{} — {}", doc.reference, doc.title), &bold)
        .map_err(xlsx)?;
    let header_row = 2;
    for (column, key) in HEADERS.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(0);
        sheet
            .write_string_with_format(header_row, column, text(doc.lang, key), &bold)
            .map_err(xlsx)?;
        sheet.set_column_width(column, 18.0).map_err(xlsx)?;
    }
    for (index, row) in doc.rows.iter().enumerate() {
        let line = header_row + 1 + u32::try_from(index).unwrap_or(0);
        for (column, value) in cells(row).iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(0);
            if column == 3 || column == 4 {
                sheet
                    .write_number(line, column, value.parse::<f64>().unwrap_or(0.0))
                    .map_err(xlsx)?;
            } else {
                sheet
                    .write_string_with_format(line, column, value, &wrap)
                    .map_err(xlsx)?;
            }
        }
    }
    sheet.set_freeze_panes(header_row + 1, 0).map_err(xlsx)?;
    let last = header_row + u32::try_from(doc.rows.len()).unwrap_or(0);
    sheet.autofilter(header_row, 0, last, 12).map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}

/// The heat map as a table: severity across, likelihood down, each cell
/// "count (level)", so it reads the same in print and to a screen reader.
fn heat_table(map: &HeatMap, lang: Lang) -> Table {
    let mut headers = vec![format!(
        "{} \\ {}",
        text(lang, "risk-likelihood"),
        text(lang, "risk-severity")
    )];
    headers.extend((1..=4).map(|s| s.to_string()));
    let rows = (1..=4usize)
        .rev()
        .map(|likelihood| {
            let mut row = vec![likelihood.to_string()];
            for severity in 1..=4usize {
                let level = map.levels[likelihood - 1][severity - 1];
                row.push(format!(
                    "{} ({})",
                    map.counts[likelihood - 1][severity - 1],
                    text(lang, &level.message_key())
                ));
            }
            row
        })
        .collect();
    Table {
        headers,
        rows,
        widths: vec![28, 18, 18, 18, 18],
        footer: None,
    }
}

/// The report as the annex model, so it renders with the same DOCX and PDF
/// code as the tender annex.
fn report_model(doc: &RiskDoc) -> Annex {
    let lang = doc.lang;
    let mut blocks = Vec::new();
    let heading = |key: &str| Block::Heading {
        level: 1,
        text: text(lang, key),
    };
    blocks.push(heading("risks-heatmap"));
    blocks.push(Block::Heading {
        level: 2,
        text: text(lang, "risks-heatmap-inherent"),
    });
    blocks.push(Block::Table(heat_table(&doc.inherent, lang)));
    blocks.push(Block::Heading {
        level: 2,
        text: text(lang, "risks-heatmap-residual"),
    });
    blocks.push(Block::Table(heat_table(&doc.residual, lang)));
    blocks.push(heading("risks-register"));
    if doc.rows.is_empty() {
        blocks.push(Block::Paragraph(text(lang, "risks-none")));
    } else {
        blocks.push(Block::Table(Table {
            headers: [
                "risks-col-threat",
                "risks-col-asset",
                "risks-col-inherent",
                "risks-col-treatment",
                "risks-col-residual",
                "risks-col-mitigations",
            ]
            .iter()
            .map(|key| text(lang, key))
            .collect(),
            rows: doc
                .rows
                .iter()
                .map(|row| {
                    vec![
                        format!("{} — {}", row.threat_group, row.threat),
                        row.asset.clone(),
                        format!("{} ({} × {})", row.inherent, row.likelihood, row.severity),
                        [
                            row.treatment.as_str(),
                            row.owner.as_str(),
                            &date_text(lang, &row.due_date),
                        ]
                        .iter()
                        .filter(|part| !part.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · "),
                        [row.residual.as_str(), row.accepted.as_str()]
                            .iter()
                            .filter(|part| !part.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" · "),
                        [row.practices.as_str(), row.requirements.as_str()]
                            .iter()
                            .filter(|part| !part.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" · "),
                    ]
                })
                .collect(),
            widths: vec![22, 14, 14, 18, 14, 18],
            footer: None,
        }));
    }
    blocks.push(heading("dpia-title"));
    for line in &doc.dpia {
        blocks.push(Block::Paragraph(line.clone()));
    }
    blocks.push(heading("risks-reviews"));
    if doc.reviews.is_empty() {
        blocks.push(Block::Paragraph("—".into()));
    } else {
        blocks.push(Block::Bullets(doc.reviews.clone()));
    }
    Annex {
        lang,
        title: text(lang, "risk-report-title"),
        subtitle: vec![
            doc.organisation.clone(),
            format!("{} — {}", doc.reference, doc.title),
            date_text(lang, &doc.generated),
        ],
        blocks,
        requirements: Vec::new(),
        stamp: QuestionnaireStamp {
            project: doc.reference.clone(),
            reference: doc.reference.clone(),
            version: 0,
            checksum: doc.reference.clone(),
        },
    }
}

pub fn report_docx(doc: &RiskDoc) -> Result<Vec<u8>, DocError> {
    annex_docx(&report_model(doc))
}

pub fn report_pdf(doc: &RiskDoc) -> Result<Vec<u8>, DocError> {
    crate::tender::annex_pdf(&report_model(doc))
}
