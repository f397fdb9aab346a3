//! The evaluation spreadsheet: the summary, the full grid coloured by
//! outcome, and the overrides.

use procura_domain::RequirementKind;
use procura_i18n::text;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::labels::{
    DASH, SUMMARY_HEADERS, answer_word, bid_label, eligibility_word, kind_name, percent,
    project_line, retained, score_number, score_text, summary_row,
};
use super::outcome::Outcome;
use super::{EvaluationDoc, overrides};
use crate::DocError;
use crate::dates::{date_text, leading_day};

impl Outcome {
    /// Pale fills, so dark text keeps its contrast.
    fn fill(self) -> Color {
        Color::RGB(match self {
            Outcome::Met => 0x00D9_F0D3,
            Outcome::Partial => 0x00FF_F2B3,
            Outcome::NotMet => 0x00F5_C2C2,
            Outcome::NotCounted => 0x00E7_E7E7,
        })
    }
}

fn xlsx(error: XlsxError) -> DocError {
    DocError::Xlsx(error.to_string())
}

fn row_index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn column_index(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

struct Styles {
    title: Format,
    header: Format,
    plain: Format,
    wrap: Format,
    score: Format,
    total: Format,
    total_score: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00DC_E3EE))
                .set_border(FormatBorder::Thin),
            plain: border.clone().set_align(FormatAlign::Top),
            wrap: border.clone().set_text_wrap().set_align(FormatAlign::Top),
            score: border.clone().set_num_format("0.0"),
            total: border
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0x00DC_E3EE)),
            total_score: border
                .set_bold()
                .set_num_format("0.0")
                .set_background_color(Color::RGB(0x00DC_E3EE)),
        }
    }
}

/// The title and the project line on top of each sheet.
fn sheet_heading(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, text(doc.lang, "eval-title"), &styles.title)?;
    let line = [
        doc.organisation.as_str(),
        &project_line(doc),
        &date_text(doc.lang, &doc.generated),
    ]
    .iter()
    .filter(|part| !part.trim().is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" · ");
    sheet.write_string(1, 0, line)?;
    Ok(())
}

/// Row (0-based) of the column headers on the summary and override sheets.
const HEADER_ROW: u32 = 3;

fn summary_sheet(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.set_name(text(lang, "eval-sheet-summary"))?;
    sheet_heading(sheet, doc, styles)?;
    let widths = [8.0, 30.0, 30.0, 16.0, 14.0, 14.0];
    for (column, (key, width)) in SUMMARY_HEADERS.iter().zip(widths).enumerate() {
        let column = column_index(column);
        sheet.write_string_with_format(HEADER_ROW, column, text(lang, key), &styles.header)?;
        sheet.set_column_width(column, width)?;
    }
    for (index, bid) in doc.bids.iter().enumerate() {
        let row = HEADER_ROW + 1 + row_index(index);
        let cells = summary_row(lang, bid);
        match bid.rank {
            Some(rank) => sheet.write_number_with_format(row, 0, f64::from(rank), &styles.plain)?,
            None => sheet.write_string_with_format(row, 0, DASH, &styles.plain)?,
        };
        for column in 1..=3 {
            sheet.write_string_with_format(
                row,
                column,
                &cells[usize::from(column)],
                &styles.wrap,
            )?;
        }
        match score_number(bid) {
            Some(score) => sheet.write_number_with_format(row, 4, score, &styles.score)?,
            None => sheet.write_string_with_format(row, 4, &cells[4], &styles.plain)?,
        };
        sheet.write_string_with_format(row, 5, &cells[5], &styles.plain)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + row_index(doc.bids.len()), 5)?;
    sheet.set_active(true);
    Ok(())
}

/// Rows (0-based) of the grid's headers: bid names, then column names.
const GRID_BIDS_ROW: u32 = 3;
const GRID_HEADER_ROW: u32 = 4;
/// Columns before the bids' pairs: code, kind, weight, wording.
const GRID_FIXED: usize = 4;

fn grid_sheet(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.set_name(text(lang, "eval-sheet-grid"))?;
    sheet_heading(sheet, doc, styles)?;
    let fixed = [
        ("eval-col-requirement", 13.0),
        ("eval-col-kind", 12.0),
        ("eval-col-weight", 11.0),
        ("eval-col-text", 50.0),
    ];
    for (column, (key, width)) in fixed.iter().enumerate() {
        let column = column_index(column);
        sheet.write_string_with_format(GRID_BIDS_ROW, column, "", &styles.header)?;
        sheet.write_string_with_format(GRID_HEADER_ROW, column, text(lang, key), &styles.header)?;
        sheet.set_column_width(column, *width)?;
    }
    let pair = |index: usize| column_index(GRID_FIXED + 2 * index);
    for (index, bid) in doc.bids.iter().enumerate() {
        let first = pair(index);
        sheet.merge_range(
            GRID_BIDS_ROW,
            first,
            GRID_BIDS_ROW,
            first + 1,
            &bid_label(bid),
            &styles.header,
        )?;
        sheet.write_string_with_format(
            GRID_HEADER_ROW,
            first,
            text(lang, "eval-col-answer"),
            &styles.header,
        )?;
        sheet.write_string_with_format(
            GRID_HEADER_ROW,
            first + 1,
            text(lang, "eval-col-credit"),
            &styles.header,
        )?;
        sheet.set_column_width(first, 14.0)?;
        sheet.set_column_width(first + 1, 22.0)?;
    }
    for (line, requirement) in doc.requirements.iter().enumerate() {
        let row = GRID_HEADER_ROW + 1 + row_index(line);
        sheet.write_string_with_format(row, 0, &requirement.code, &styles.plain)?;
        sheet.write_string_with_format(row, 1, kind_name(lang, requirement.kind), &styles.plain)?;
        if requirement.kind == RequirementKind::Award {
            sheet.write_number_with_format(row, 2, f64::from(requirement.weight), &styles.plain)?;
        } else {
            sheet.write_string_with_format(row, 2, DASH, &styles.plain)?;
        }
        sheet.write_string_with_format(row, 3, &requirement.text, &styles.wrap)?;
        for (index, bid) in doc.bids.iter().enumerate() {
            let Some(cell) = bid.cells.get(line) else {
                continue;
            };
            let outcome = Outcome::of(requirement.kind, cell);
            let filled = styles.wrap.clone().set_background_color(outcome.fill());
            let mut answer = answer_word(lang, cell.answer);
            if cell.override_justification.is_some() {
                answer.push_str(&format!(" ({})", text(lang, "eval-revised")));
            }
            let credit = match (requirement.kind, cell.credit) {
                (RequirementKind::Award, Some(credit)) => {
                    format!("{} — {}", percent(lang, credit), outcome.word(lang))
                }
                _ => outcome.word(lang),
            };
            sheet.write_string_with_format(row, pair(index), answer, &filled)?;
            sheet.write_string_with_format(row, pair(index) + 1, credit, &filled)?;
        }
    }
    let last = GRID_HEADER_ROW + row_index(doc.requirements.len());
    let total = last + 1;
    sheet.write_string_with_format(total, 0, text(lang, "eval-score-row"), &styles.total)?;
    for column in 1..column_index(GRID_FIXED) {
        sheet.write_string_with_format(total, column, "", &styles.total)?;
    }
    let award_weights: u32 = doc
        .requirements
        .iter()
        .filter(|requirement| requirement.kind == RequirementKind::Award)
        .map(|requirement| requirement.weight)
        .sum();
    sheet.write_number_with_format(total, 2, f64::from(award_weights), &styles.total)?;
    for (index, bid) in doc.bids.iter().enumerate() {
        sheet.write_string_with_format(
            total,
            pair(index),
            eligibility_word(lang, bid),
            &styles.total,
        )?;
        match score_number(bid) {
            Some(score) => sheet.write_number_with_format(
                total,
                pair(index) + 1,
                score,
                &styles.total_score,
            )?,
            None => sheet.write_string_with_format(
                total,
                pair(index) + 1,
                score_text(lang, bid),
                &styles.total,
            )?,
        };
    }
    let last_column = column_index(GRID_FIXED + 2 * doc.bids.len()).saturating_sub(1);
    sheet.set_freeze_panes(GRID_HEADER_ROW + 1, 1)?;
    sheet.autofilter(GRID_HEADER_ROW, 0, last, last_column)?;
    Ok(())
}

fn overrides_sheet(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.set_name(text(lang, "eval-sheet-overrides"))?;
    sheet_heading(sheet, doc, styles)?;
    let columns = [
        ("eval-col-requirement", 13.0),
        ("eval-col-text", 40.0),
        ("eval-col-supplier", 24.0),
        ("eval-col-offer", 24.0),
        ("eval-col-answer", 14.0),
        ("eval-col-retained", 14.0),
        ("eval-col-justification", 50.0),
        ("eval-col-comment", 40.0),
        ("eval-col-evidence", 24.0),
    ];
    for (column, (key, width)) in columns.iter().enumerate() {
        let column = column_index(column);
        sheet.write_string_with_format(HEADER_ROW, column, text(lang, key), &styles.header)?;
        sheet.set_column_width(column, *width)?;
    }
    let mut count = 0;
    for (index, (requirement, bid, cell)) in overrides(doc).enumerate() {
        let row = HEADER_ROW + 1 + row_index(index);
        let values = [
            requirement.code.clone(),
            requirement.text.clone(),
            bid.supplier.clone(),
            bid.offer.clone(),
            answer_word(lang, cell.answer),
            retained(lang, requirement, cell),
            cell.override_justification.clone().unwrap_or_default(),
            cell.comment.clone(),
            cell.evidence_ref.clone(),
        ];
        for (column, value) in values.iter().enumerate() {
            sheet.write_string_with_format(row, column_index(column), value, &styles.wrap)?;
        }
        count += 1;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(
        HEADER_ROW,
        0,
        HEADER_ROW + row_index(count),
        column_index(columns.len() - 1),
    )?;
    Ok(())
}

/// The creation date the workbook records: the report's date when it is
/// an ISO date, otherwise a fixed one, never the clock.
fn creation_date(generated: &str) -> ExcelDateTime {
    let Some(day) = leading_day(generated) else {
        return ExcelDateTime::from_ymd(2000, 1, 1).unwrap_or_default();
    };
    ExcelDateTime::from_ymd(day.year(), day.month(), day.day())
        .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
        .unwrap_or_default()
}

/// The spreadsheet: the summary, the grid (one row per requirement, an
/// answer and a credit column per bid, each filled by its outcome and
/// saying it in words) and the overrides. Everything people typed is
/// written as text, never as a formula.
pub fn evaluation_xlsx(doc: &EvaluationDoc) -> Result<Vec<u8>, DocError> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(text(doc.lang, "eval-title"))
        .set_subject(project_line(doc))
        .set_company(&doc.organisation)
        .set_creation_datetime(&creation_date(&doc.generated));
    workbook.set_properties(&properties);
    let styles = Styles::new();
    summary_sheet(workbook.add_worksheet(), doc, &styles).map_err(xlsx)?;
    grid_sheet(workbook.add_worksheet(), doc, &styles).map_err(xlsx)?;
    overrides_sheet(workbook.add_worksheet(), doc, &styles).map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}
