//! The bidders' questionnaire (the « cadre de réponse ») as XLSX: one row per
//! requirement, the answer restricted to four words by a validation list,
//! the sheet locked so only the answer, comment and evidence-reference
//! cells can be edited, and a hidden sheet stamping the project, the
//! selection's version and the checksum of the requirement list so an
//! answered file can be matched to what was asked.

use procura_domain::{Answer, Lang};
use procura_i18n::MessageKey;
use procura_i18n::text;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatBorder, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::Annex;
use crate::DocError;

/// The name of the hidden sheet holding the questionnaire's stamp.
pub const QUESTIONNAIRE_STAMP_SHEET: &str = "procura";

/// Row (0-based) of the column headers on the answer sheet.
const HEADER_ROW: u32 = 4;

const COLUMNS: [(&str, f64); 8] = [
    ("tender-q-col-id", 13.0),
    ("tender-q-col-requirement", 60.0),
    ("tender-q-col-kind", 14.0),
    ("tender-q-col-weight", 9.0),
    ("tender-q-col-evidence", 45.0),
    ("tender-q-col-response", 14.0),
    ("tender-q-col-comment", 45.0),
    ("tender-q-col-evidence-ref", 30.0),
];
const RESPONSE_COLUMN: u16 = 5;

fn xlsx(error: XlsxError) -> DocError {
    DocError::Xlsx(error.to_string())
}

fn row_of(index: usize) -> u32 {
    HEADER_ROW + 1 + u32::try_from(index).unwrap_or(u32::MAX - HEADER_ROW - 1)
}

/// The answer words in `lang`, in the validation list's order.
pub fn answer_words(lang: Lang) -> Vec<String> {
    Answer::ALL
        .iter()
        .map(|answer| text(lang, &answer.message_key()))
        .collect()
}

fn answer_sheet(sheet: &mut Worksheet, annex: &Annex) -> Result<(), XlsxError> {
    let lang = annex.lang;
    sheet.set_name(text(lang, "tender-q-sheet"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0x00DC_E3EE))
        .set_border(FormatBorder::Thin);
    let locked = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0x00FF_F8DC));
    sheet.write_string_with_format(0, 0, text(lang, "tender-q-title"), &title)?;
    sheet.write_string(
        1,
        0,
        if annex.stamp.reference.is_empty() {
            annex.subtitle.join(" · ")
        } else {
            format!("{} · {}", annex.stamp.reference, annex.subtitle.join(" · "))
        },
    )?;
    sheet.write_string(2, 0, text(lang, "tender-q-instructions"))?;
    for (column, (key, width)) in COLUMNS.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(0);
        sheet.write_string_with_format(HEADER_ROW, column, text(lang, key), &header)?;
        sheet.set_column_width(column, *width)?;
    }
    for (index, requirement) in annex.requirements.iter().enumerate() {
        let row = row_of(index);
        sheet.write_string_with_format(row, 0, &requirement.code, &locked)?;
        sheet.write_string_with_format(row, 1, &requirement.text, &locked)?;
        sheet.write_string_with_format(row, 2, &requirement.kind_name, &locked)?;
        if requirement.weight > 0 {
            sheet.write_number_with_format(row, 3, f64::from(requirement.weight), &locked)?;
        } else {
            sheet.write_blank(row, 3, &locked)?;
        }
        sheet.write_string_with_format(row, 4, &requirement.evidence, &locked)?;
        for column in RESPONSE_COLUMN..=7 {
            sheet.write_blank(row, column, &open)?;
        }
    }
    if !annex.requirements.is_empty() {
        let last = row_of(annex.requirements.len() - 1);
        let validation = DataValidation::new()
            .allow_list_strings(&answer_words(lang))?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(text(lang, "tender-q-invalid-title"))?
            .set_error_message(text(lang, "tender-q-invalid-message"))?
            .set_input_title(text(lang, "tender-q-col-response"))?
            .set_input_message(text(lang, "tender-q-input-message"))?;
        sheet.add_data_validation(
            HEADER_ROW + 1,
            RESPONSE_COLUMN,
            last,
            RESPONSE_COLUMN,
            &validation,
        )?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    print_setup(sheet)?;
    let options = ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    sheet.set_active(true);
    Ok(())
}

/// A4 landscape, the header row repeated on every page, every column on
/// one page wide: the buyer prints the answers for the commission.
fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The fields identifying the candidate, filled in on a sheet of their
/// own after the answers so the answer sheet keeps its layout.
pub const IDENTITY_FIELDS: [&str; 9] = [
    "tender-q-identity-name",
    "tender-q-identity-siret",
    "tender-q-identity-address",
    "tender-q-identity-contact",
    "tender-q-identity-role",
    "tender-q-identity-email",
    "tender-q-identity-phone",
    "tender-q-identity-date",
    "tender-q-identity-signatory",
];

fn identity_sheet(sheet: &mut Worksheet, annex: &Annex) -> Result<(), XlsxError> {
    let lang = annex.lang;
    sheet.set_name(text(lang, "tender-q-identity-sheet"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let label = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0x00DC_E3EE));
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0x00FF_F8DC));
    sheet.write_string_with_format(0, 0, text(lang, "tender-q-identity-title"), &title)?;
    sheet.write_string(1, 0, text(lang, "tender-q-identity-hint"))?;
    sheet.set_column_width(0, 38.0)?;
    sheet.set_column_width(1, 60.0)?;
    for (index, key) in IDENTITY_FIELDS.iter().enumerate() {
        let row = 3 + u32::try_from(index).unwrap_or(0);
        sheet.write_string_with_format(row, 0, text(lang, key), &label)?;
        sheet.write_blank(row, 1, &open)?;
    }
    sheet.set_portrait();
    sheet.set_paper_size(9);
    sheet.protect();
    Ok(())
}

fn stamp_sheet(sheet: &mut Worksheet, annex: &Annex) -> Result<(), XlsxError> {
    sheet.set_name(QUESTIONNAIRE_STAMP_SHEET)?;
    let lang = match annex.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let rows: [(&str, String); 7] = [
        ("format", "procura-questionnaire".to_owned()),
        ("format_version", "1".to_owned()),
        ("project", annex.stamp.project.clone()),
        ("reference", annex.stamp.reference.clone()),
        ("version", annex.stamp.version.to_string()),
        ("checksum", annex.stamp.checksum.clone()),
        ("lang", lang.to_owned()),
    ];
    for (row, (key, value)) in rows.iter().enumerate() {
        let row = u32::try_from(row).unwrap_or(0);
        sheet.write_string(row, 0, *key)?;
        sheet.write_string(row, 1, value)?;
    }
    let count_row = u32::try_from(rows.len()).unwrap_or(0);
    sheet.write_string(count_row, 0, "requirements")?;
    sheet.write_number(count_row, 1, annex.requirements.len() as f64)?;
    sheet.set_hidden(true);
    sheet.protect();
    Ok(())
}

pub fn questionnaire_xlsx(annex: &Annex) -> Result<Vec<u8>, DocError> {
    let mut workbook = Workbook::new();
    answer_sheet(workbook.add_worksheet(), annex).map_err(xlsx)?;
    identity_sheet(workbook.add_worksheet(), annex).map_err(xlsx)?;
    stamp_sheet(workbook.add_worksheet(), annex).map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}
