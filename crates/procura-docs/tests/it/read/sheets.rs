//! Sheets refused for what they hold: too many rows, formulas, DTDs and
//! malformed XML, a missing stamp or answer columns, hidden answers, cells
//! too long and text that would multiply once extracted.

use std::io::{Cursor, Write};

use procura_docs::tender::{ReadError, ReadLimits};
use procura_docs::testing::with_formula;
use procura_domain::Lang;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::{
    HEADER, assert_refused, input, questionnaire, read, row, sheet, stamp_rows, workbook,
    workbook_parts, zip_of,
};

#[test]
fn a_sheet_of_100_000_rows_is_refused_without_reading_them_all() {
    let mut rows = row(1, &HEADER);
    for number in 2..=100_001u32 {
        rows.push_str(&format!(
            r#"<row r="{number}"><c t="inlineStr"><is><t>R-{number}</t></is></c></row>"#
        ));
    }
    let parts = workbook_parts(&[
        ("Answers", sheet(&rows)),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, content) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(&content).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let error = ReadError::TooManyRows { limit: 5_000 };
    assert_refused(&bytes, &ReadLimits::default(), &error);
    assert!(error.message(Lang::En).contains("more than 5,000 rows"));
    assert!(
        error
            .message(Lang::Fr)
            .contains("plus de 5\u{202f}000 lignes")
    );
}

#[test]
fn a_formula_in_an_answer_is_refused_naming_its_cell() {
    let bytes = questionnaire(&input(), Lang::En);
    let one = with_formula(&bytes, "F7", "IF(1,\"Yes\",\"No\")");
    let error = ReadError::Formulas {
        cells: vec!["F7".into()],
        count: 1,
    };
    assert_refused(&one, &ReadLimits::default(), &error);
    assert!(error.message(Lang::En).contains("in cell F7"));
    assert!(error.message(Lang::Fr).contains("en cellule F7"));

    let two = with_formula(&one, "G9", "WEBSERVICE(\"https://example.org\")");
    let error = ReadError::Formulas {
        cells: vec!["F7".into(), "G9".into()],
        count: 2,
    };
    assert_refused(&two, &ReadLimits::default(), &error);
    assert!(
        error
            .message(Lang::En)
            .contains("2 formulas, in cells F7, G9")
    );
}

#[test]
fn only_the_first_twenty_formula_cells_are_listed() {
    let mut rows = row(1, &HEADER);
    for number in 2..=31u32 {
        rows.push_str(&format!(
            r#"<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>R-{number}</t></is></c><c r="B{number}" t="str"><f>"Yes"</f><v>Yes</v></c></row>"#
        ));
    }
    let bytes = workbook(&[
        ("Answers", sheet(&rows)),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    let error = ReadError::Formulas {
        cells: (2..=21).map(|number| format!("B{number}")).collect(),
        count: 30,
    };
    assert_refused(&bytes, &ReadLimits::default(), &error);
    assert!(error.message(Lang::En).contains("30 formulas"));
    assert!(error.message(Lang::En).contains("B21, …"));
}

#[test]
fn a_doctype_is_refused_whatever_its_entities() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>"#;
    let answers = format!(
        r#"{laughs}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}{}</sheetData></worksheet>"#,
        row(1, &HEADER),
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c></row>"#,
    );
    let bytes = workbook(&[
        ("Answers", answers.into_bytes()),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    assert_refused(
        &bytes,
        &ReadLimits::default(),
        &ReadError::Malformed {
            part: "xl/worksheets/sheet1.xml".into(),
        },
    );

    // An entity used without a declaration is not expanded either.
    let undeclared = sheet(&format!(
        "{}{}",
        row(1, &HEADER),
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>"#
    ));
    let bytes = workbook(&[
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
        ("Answers", undeclared),
    ]);
    assert_refused(
        &bytes,
        &ReadLimits::default(),
        &ReadError::Malformed {
            part: "xl/worksheets/sheet2.xml".into(),
        },
    );
}

#[test]
fn malformed_xml_is_refused() {
    let bytes = workbook(&[
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
        ("Answers", b"<worksheet><sheetData><row r=\"1\">".to_vec()),
    ]);
    assert_refused(
        &bytes,
        &ReadLimits::default(),
        &ReadError::Malformed {
            part: "xl/worksheets/sheet2.xml".into(),
        },
    );
    let bytes = workbook(&[
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
        ("Answers", sheet(&row(1, &[("XFE", "Requirement")]))),
    ]);
    assert_refused(
        &bytes,
        &ReadLimits::default(),
        &ReadError::Malformed {
            part: "xl/worksheets/sheet2.xml".into(),
        },
    );
}

#[test]
fn a_workbook_without_the_stamp_is_refused() {
    let answers = sheet(&format!(
        "{}{}",
        row(1, &HEADER),
        row(2, &[("A", "VUL-01")])
    ));
    assert_refused(
        &workbook(&[("Answers", answers.clone())]),
        &ReadLimits::default(),
        &ReadError::NoStamp,
    );
    assert_refused(
        &workbook(&[
            ("Answers", answers),
            ("procura", sheet(&stamp_rows("something-else"))),
        ]),
        &ReadLimits::default(),
        &ReadError::NoStamp,
    );
}

#[test]
fn a_workbook_without_the_answer_columns_is_refused() {
    // The header row further down than row 30, and a sheet with only one of
    // the two titles.
    let late = sheet(&format!(
        "{}{}",
        row(31, &HEADER),
        row(32, &[("A", "VUL-01")])
    ));
    let half = sheet(&row(5, &[("A", "Requirement"), ("B", "Reply")]));
    let error = ReadError::NoAnswerSheet;
    assert_refused(
        &workbook(&[
            ("Late", late),
            ("Half", half),
            ("procura", sheet(&stamp_rows("procura-questionnaire"))),
        ]),
        &ReadLimits::default(),
        &error,
    );
    assert!(
        error
            .message(Lang::Fr)
            .contains("« Exigence » et « Réponse »")
    );
    assert!(
        error
            .message(Lang::En)
            .contains("\"Requirement\" and \"Answer\"")
    );
}

#[test]
fn a_hidden_sheet_is_never_read_as_the_answers() {
    // A very hidden sheet answering "Yes" before the visible one answering
    // "No": the buyer sees "No" in Excel, so "No" is what is imported.
    let hidden = sheet(&format!(
        "{}{}",
        row(1, &HEADER),
        row(2, &[("A", "VUL-01"), ("B", "Yes")])
    ));
    let visible = sheet(&format!(
        "{}{}",
        row(1, &HEADER),
        row(2, &[("A", "VUL-01"), ("B", "No")])
    ));
    let mut parts = workbook_parts(&[
        ("Shadow", hidden),
        ("Answers", visible),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    let workbook_xml = parts
        .iter_mut()
        .find(|(name, _)| name == "xl/workbook.xml")
        .unwrap();
    workbook_xml.1 = String::from_utf8(workbook_xml.1.clone())
        .unwrap()
        .replace(
            r#"<sheet name="Shadow""#,
            r#"<sheet state="veryHidden" name="Shadow""#,
        )
        .into_bytes();
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    let read = read(&zip_of(&parts)).expect("a questionnaire");
    assert_eq!(read.rows[0].response, "No");
}

#[test]
fn a_cell_longer_than_a_spreadsheet_allows_is_refused() {
    let long = "x".repeat(32_767 * 4 + 1);
    let answers = sheet(&format!(
        "{}{}",
        row(1, &HEADER),
        row(2, &[("A", "VUL-01"), ("B", &long)])
    ));
    let bytes = workbook(&[
        ("Answers", answers),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    assert_refused(
        &bytes,
        &ReadLimits::default(),
        &ReadError::CellTooLong { cell: "B2".into() },
    );
}

#[test]
fn one_shared_string_repeated_in_every_cell_cannot_fill_memory() {
    // A 100 KiB string stored once and referenced by 1,000 cells: small on
    // disk and unpacked, 100 MiB once extracted.
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>VUL-01</t></si><si><t>{}</t></si></sst>"#,
        "y".repeat(100 << 10)
    );
    let mut rows = row(1, &HEADER);
    for number in 2..=1_001u32 {
        rows.push_str(&format!(
            r#"<row r="{number}"><c r="A{number}" t="s"><v>0</v></c><c r="B{number}" t="s"><v>1</v></c></row>"#
        ));
    }
    let mut parts = workbook_parts(&[
        ("Answers", sheet(&rows)),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    parts.push(("xl/sharedStrings.xml".to_owned(), strings.into_bytes()));
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    assert_refused(
        &zip_of(&parts),
        &ReadLimits::default(),
        &ReadError::TooMuchUnpacked { limit: 64 << 20 },
    );
}

#[test]
fn a_row_repeating_a_cell_is_refused() {
    let answers = sheet(&format!(
        "{}{}",
        row(1, &HEADER),
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>VUL-01</t></is></c><c r="B2" t="inlineStr"><is><t>No</t></is></c><c r="B2" t="inlineStr"><is><t>Yes</t></is></c></row>"#
    ));
    let bytes = workbook(&[
        ("Answers", answers),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    assert!(matches!(read(&bytes), Err(ReadError::Malformed { .. })));
}
