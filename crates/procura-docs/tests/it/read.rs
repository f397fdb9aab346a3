//! Reading a filled questionnaire back: what Procura wrote, what bidders do
//! to it, and what a hostile bidder could send instead.

use std::io::{Cursor, Write};

use procura_catalog::{Catalog, RequirementLibrary};
use procura_docs::tender::{
    QUESTIONNAIRE_STAMP_SHEET, ReadError, ReadLimits, build_annex, questionnaire_xlsx,
    read_questionnaire, requirement_checksum,
};
use procura_docs::testing::{fill_questionnaire, with_formula};
use procura_domain::{Lang, ProcurementType, RequirementKind, TenderInput};
use rust_xlsxwriter::{Format, Workbook};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

fn catalog() -> &'static Catalog {
    procura_catalog::builtin().expect("catalogue")
}

fn library() -> &'static RequirementLibrary {
    procura_catalog::requirement_library().expect("library")
}

/// Three scored criteria weighted 50/30/20 and the vulnerability
/// requirements, like the tender tests' small selection.
fn input() -> TenderInput {
    let mut input = library().draft(catalog(), ProcurementType::ALL, "CHU Exemple", "2026-11-29");
    input.project_id = Some("0b6a3f1e-0000-4000-8000-000000000001".into());
    input.reference = Some("AO-2026-042".into());
    input.title = "Plateforme d'imagerie".into();
    input.version = 3;
    let mut award = 0;
    input
        .requirements
        .retain(|requirement| match requirement.kind {
            RequirementKind::Award => {
                award += 1;
                award <= 3
            }
            _ => requirement.code.theme() == "VUL",
        });
    let mut weights = [50, 30, 20].into_iter();
    for requirement in &mut input.requirements {
        if requirement.kind == RequirementKind::Award {
            requirement.weight = weights.next().unwrap();
        }
    }
    input
}

fn questionnaire(input: &TenderInput, lang: Lang) -> Vec<u8> {
    let annex = build_annex(catalog(), library(), input, lang).expect("weights total 100");
    questionnaire_xlsx(&annex).expect("xlsx")
}

fn read(bytes: &[u8]) -> Result<procura_docs::tender::FilledQuestionnaire, ReadError> {
    read_questionnaire(bytes, &ReadLimits::default())
}

/// The file is refused with `expected`, and the buyer is told why in both
/// languages.
fn assert_refused(bytes: &[u8], limits: &ReadLimits, expected: &ReadError) {
    let error = read_questionnaire(bytes, limits).expect_err("refused");
    assert_eq!(&error, expected);
    let (fr, en) = (error.message(Lang::Fr), error.message(Lang::En));
    assert!(!fr.is_empty() && !en.is_empty());
    assert_ne!(fr, en);
    for message in [&fr, &en] {
        assert!(!message.contains("bid-import-"), "untranslated: {message}");
        assert!(!message.contains('{'), "unfilled: {message}");
    }
}

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A row of inline strings, `cells` as (column letter, text).
fn row(number: u32, cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(column, text)| {
            format!(
                r#"<c r="{column}{number}" t="inlineStr"><is><t>{}</t></is></c>"#,
                escape(text)
            )
        })
        .collect();
    format!(r#"<row r="{number}">{cells}</row>"#)
}

fn sheet(rows: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
    .into_bytes()
}

fn stamp_rows(format: &str) -> String {
    [
        ("format", format),
        ("format_version", "1"),
        ("project", "p-1"),
        ("version", "2"),
        ("checksum", "abc"),
        ("lang", "en"),
    ]
    .iter()
    .zip(1..)
    .map(|((key, value), number)| row(number, &[("A", key), ("B", value)]))
    .collect()
}

const HEADER: [(&str, &str); 2] = [("A", "Requirement"), ("B", "Answer")];

/// The parts of a workbook with `sheets` (name, sheet XML), sheet targets
/// alternately relative and absolute.
fn workbook_parts(sheets: &[(&str, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut entries = String::new();
    let mut relationships = String::new();
    let mut parts = vec![(
        "[Content_Types].xml".to_owned(),
        br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
    )];
    for (index, (name, xml)) in sheets.iter().enumerate() {
        let number = index + 1;
        entries.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{number}" r:id="rId{number}"/>"#
        ));
        let target = if number % 2 == 0 {
            format!("/xl/worksheets/sheet{number}.xml")
        } else {
            format!("worksheets/sheet{number}.xml")
        };
        relationships.push_str(&format!(
            r#"<Relationship Id="rId{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{target}"/>"#
        ));
        parts.push((format!("xl/worksheets/sheet{number}.xml"), xml.clone()));
    }
    parts.push((
        "xl/workbook.xml".to_owned(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#
        )
        .into_bytes(),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".to_owned(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>"#
        )
        .into_bytes(),
    ));
    parts
}

fn workbook(sheets: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let parts = workbook_parts(sheets);
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    zip_of(&parts)
}

#[test]
fn a_filled_questionnaire_reads_back_with_its_stamp() {
    let input = input();
    for lang in Lang::ALL {
        let codes: Vec<String> = input
            .requirements
            .iter()
            .map(|requirement| requirement.code.to_string())
            .collect();
        let (yes, partial, no) = match lang {
            Lang::Fr => ("Oui", "Partiel", "Non"),
            Lang::En => ("Yes", "Partial", "No"),
        };
        let answers = [
            (
                codes[0].as_str(),
                yes,
                "Audit annuel & tests <internes>, cf. annexe 3",
            ),
            (codes[2].as_str(), partial, "  Prévu au T2  "),
            (codes[codes.len() - 1].as_str(), no, ""),
        ];
        let filled = fill_questionnaire(&questionnaire(&input, lang), &answers);
        let read = read(&filled).expect("a questionnaire");

        assert_eq!(read.stamp["format"], "procura-questionnaire");
        assert_eq!(read.stamp["format_version"], "1");
        assert_eq!(
            read.stamp["project"],
            "0b6a3f1e-0000-4000-8000-000000000001"
        );
        assert_eq!(read.stamp["reference"], "AO-2026-042");
        assert_eq!(read.stamp["version"], "3");
        assert_eq!(
            read.stamp["checksum"],
            requirement_checksum(&input.requirements)
        );
        assert_eq!(read.stamp["lang"], lang.code());
        assert_eq!(read.stamp["requirements"], codes.len().to_string());

        let read_codes: Vec<&str> = read.rows.iter().map(|row| row.code.as_str()).collect();
        assert_eq!(read_codes, codes);
        for (index, row) in read.rows.iter().enumerate() {
            // Title rows 1-3, a blank row, the header on row 5.
            assert_eq!(row.row, 6 + u32::try_from(index).unwrap());
            assert_eq!(row.evidence_ref, "");
            match answers.iter().find(|(code, _, _)| *code == row.code) {
                Some((_, response, comment)) => {
                    assert_eq!(row.response, *response);
                    assert_eq!(row.comment, comment.trim());
                }
                None => assert_eq!((row.response.as_str(), row.comment.as_str()), ("", "")),
            }
        }
    }
}

#[test]
fn an_unanswered_questionnaire_reads_as_empty_answers() {
    let input = input();
    let read = read(&questionnaire(&input, Lang::En)).expect("a questionnaire");
    assert_eq!(read.rows.len(), input.requirements.len());
    assert!(read.rows.iter().all(|row| row.response.is_empty()));
}

/// What bidders do: their own sheets, an extra column, rows sorted their
/// way, blank rows, stray spaces, rich text, numbers, the other language.
#[test]
fn the_reader_tolerates_what_bidders_do_to_the_file() {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Our notes").unwrap();
    notes.write_string(0, 0, "Total of our costs").unwrap();
    // Formulas elsewhere than in the answers are the bidder's business.
    notes.write_formula(0, 1, "=1+1").unwrap();

    let answers = workbook.add_worksheet();
    answers.set_name("Answers").unwrap();
    answers
        .write_string(0, 0, "Security questionnaire — answer form")
        .unwrap();
    let header = [
        "  requirement ",
        "Requirement text",
        "Kind",
        "Weight (%)",
        "Evidence expected",
        "Internal note",
        "ANSWER",
        "Bidder\u{2019}s    comment",
        "Evidence\nreference",
    ];
    for (column, title) in (0..).zip(header) {
        answers.write_string(3, column, title).unwrap();
    }
    let bold = Format::new().set_bold();
    let plain = Format::new();
    let rows: [(u32, &str, &str, &str); 3] = [
        (4, "  VUL-03 ", " No ", "  not   yet "),
        (5, "VUL-02", "Partial", "see plan"),
        (7, "VUL-01\t", "  Yes", ""),
    ];
    for (row, code, response, comment) in rows {
        answers.write_string(row, 0, code).unwrap();
        answers.write_string(row, 1, "text").unwrap();
        answers.write_number(row, 3, 20).unwrap();
        answers.write_string(row, 5, "ignored").unwrap();
        answers.write_string(row, 6, response).unwrap();
        if comment == "see plan" {
            answers
                .write_rich_string(row, 7, &[(&bold, "see "), (&plain, "plan ")])
                .unwrap();
        } else {
            answers.write_string(row, 7, comment).unwrap();
        }
    }
    // An evidence reference typed as a number, a row without an id.
    answers.write_number(4, 8, 12).unwrap();
    answers
        .write_string(9, 7, "a note under the table")
        .unwrap();

    let stamp = workbook.add_worksheet();
    stamp.set_name(QUESTIONNAIRE_STAMP_SHEET).unwrap();
    for (row, (key, value)) in (0..).zip([
        ("format", "procura-questionnaire"),
        ("format_version", "1"),
        ("project", "p-42"),
        ("version", "7"),
        ("checksum", "c0ffee"),
        ("lang", "en"),
    ]) {
        stamp.write_string(row, 0, key).unwrap();
        stamp.write_string(row, 1, value).unwrap();
    }
    stamp.set_hidden(true);
    workbook.add_worksheet().set_name("After").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let read = read(&bytes).expect("a questionnaire");
    assert_eq!(read.stamp["project"], "p-42");
    assert_eq!(read.stamp["version"], "7");
    let rows: Vec<(u32, &str, &str, &str, &str)> = read
        .rows
        .iter()
        .map(|row| {
            (
                row.row,
                row.code.as_str(),
                row.response.as_str(),
                row.comment.as_str(),
                row.evidence_ref.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (5, "VUL-03", "No", "not   yet", "12"),
            (6, "VUL-02", "Partial", "see plan", ""),
            (8, "VUL-01", "Yes", "", ""),
        ]
    );
}

#[test]
fn a_hand_made_workbook_with_inline_strings_and_entities_reads() {
    let answers = sheet(&format!(
        "{}{}{}",
        row(2, &HEADER),
        // No `r` on the row or its cells: positions count.
        r#"<row><c t="inlineStr"><is><t>VUL-01</t></is></c><c t="inlineStr"><is><r><t>Y</t></r><r><t>es</t></r><rPh><t>ignored</t></rPh></is></c></row>"#,
        r#"<row r="4"><c r="A4" t="str"><v>VUL-02 &amp; &#x41;</v></c><c r="B4" t="b"><v>1</v></c></row>"#,
    ));
    let bytes = workbook(&[
        ("Answers", answers),
        ("procura", sheet(&stamp_rows("procura-questionnaire"))),
    ]);
    let read = read(&bytes).expect("a questionnaire");
    let rows: Vec<(u32, &str, &str)> = read
        .rows
        .iter()
        .map(|row| (row.row, row.code.as_str(), row.response.as_str()))
        .collect();
    assert_eq!(rows, [(3, "VUL-01", "Yes"), (4, "VUL-02 & A", "TRUE")]);
}

#[test]
fn files_that_are_not_workbooks_are_refused() {
    let limits = ReadLimits::default();
    let noise: Vec<u8> = (0..4_096u32)
        .map(|i| u8::try_from(i.wrapping_mul(2_654_435_761) >> 24).unwrap())
        .collect();
    assert_refused(&noise, &limits, &ReadError::NotXlsx);
    assert_refused(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        &limits,
        &ReadError::NotXlsx,
    );
    assert_refused(&[], &limits, &ReadError::NotXlsx);
    let docx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>".to_vec()),
        ("word/document.xml", b"<w:document/>".to_vec()),
    ]);
    assert_refused(&docx, &limits, &ReadError::NotXlsx);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_opened() {
    let bytes = questionnaire(&input(), Lang::Fr);
    let limits = ReadLimits {
        max_file_bytes: 1_000,
        ..ReadLimits::default()
    };
    assert_refused(
        &bytes,
        &limits,
        &ReadError::FileTooLarge {
            size: bytes.len(),
            limit: 1_000,
        },
    );
    let error = ReadError::FileTooLarge {
        size: 11 << 20,
        limit: ReadLimits::default().max_file_bytes,
    };
    assert!(error.message(Lang::En).contains("larger than 10 MiB"));
    assert!(error.message(Lang::Fr).contains("10\u{a0}Mio"));
}

#[test]
fn too_many_parts_are_refused() {
    let mut parts = workbook_parts(&[("procura", sheet(""))]);
    for index in 0..200 {
        parts.push((format!("xl/media/image{index}.png"), Vec::new()));
    }
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    let count = parts.len();
    assert_refused(
        &zip_of(&parts),
        &ReadLimits::default(),
        &ReadError::TooManyEntries { count, limit: 200 },
    );
}

/// Zeros deflate about a thousandfold; the declared size gives the bomb away
/// before anything is unpacked. The limit is lowered so the test does not
/// spend seconds compressing 200 MiB in a debug build: the check is the same.
#[test]
fn a_zip_bomb_is_refused_by_its_declared_size() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, xml) in workbook_parts(&[("procura", sheet(""))]) {
        zip.start_file(name, options).unwrap();
        zip.write_all(&xml).unwrap();
    }
    zip.start_file("xl/media/image1.png", options).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..8 {
        zip.write_all(&zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 64 << 10, "{} bytes", bytes.len());
    let limits = ReadLimits {
        max_unpacked_bytes: 2 << 20,
        ..ReadLimits::default()
    };
    let error = ReadError::TooMuchUnpacked { limit: 2 << 20 };
    assert_refused(&bytes, &limits, &error);
    assert!(error.message(Lang::En).contains("more than 2 MiB"));
}

/// Sets the uncompressed size of `name` in its local header and in the
/// central directory, the way a bomb's author would.
fn lie_about_size(bytes: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        let (size_at, name_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (at + 22, at + 30),
            b"PK\x01\x02" => (at + 24, at + 46),
            _ => continue,
        };
        if bytes[name_at..].starts_with(name.as_bytes()) {
            bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local header and central directory");
}

/// A part whose headers understate its size is refused as soon as it
/// unpacks past what it declared.
#[test]
fn a_zip_bomb_whose_headers_lie_is_refused() {
    let mut parts = workbook_parts(&[("procura", sheet(&stamp_rows("procura-questionnaire")))]);
    parts.push(("xl/sharedStrings.xml".to_owned(), vec![b' '; 4 << 20]));
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    let mut bytes = zip_of(&parts);
    lie_about_size(&mut bytes, "xl/sharedStrings.xml", 1_000);
    assert_refused(
        &bytes,
        &ReadLimits::default(),
        &ReadError::Damaged {
            part: "xl/sharedStrings.xml".into(),
        },
    );
}

/// Sheets that all point at one part, each under the limit, are counted
/// each time they are read.
#[test]
fn what_is_unpacked_is_counted_as_it_is_read() {
    let chunk = "x".repeat(100 << 10);
    let filler = sheet(&format!(
        "{}{}{}",
        row(1, &[("A", &chunk)]),
        row(2, &[("A", &chunk)]),
        row(3, &[("A", &chunk)])
    ));
    let mut sheets = vec![("procura", sheet(&stamp_rows("procura-questionnaire")))];
    sheets.push(("Filler", filler));
    let mut parts = workbook_parts(&sheets);
    let workbook_xml = parts
        .iter_mut()
        .find(|(name, _)| name == "xl/workbook.xml")
        .unwrap();
    let many: String = (10..30)
        .map(|number| format!(r#"<sheet name="Copy {number}" sheetId="{number}" r:id="rId2"/>"#))
        .collect();
    workbook_xml.1 = String::from_utf8(workbook_xml.1.clone())
        .unwrap()
        .replace("</sheets>", &format!("{many}</sheets>"))
        .into_bytes();
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    let limits = ReadLimits {
        max_unpacked_bytes: 1 << 20,
        ..ReadLimits::default()
    };
    assert_refused(
        &zip_of(&parts),
        &limits,
        &ReadError::TooMuchUnpacked { limit: 1 << 20 },
    );
}

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
            .contains("plus de 5\u{a0}000 lignes")
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
fn part_names_that_differ_only_by_case_are_refused() {
    let mut parts = workbook_parts(&[("procura", sheet(&stamp_rows("procura-questionnaire")))]);
    parts.push(("XL/Workbook.xml".to_owned(), b"<workbook/>".to_vec()));
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, content)| (name.as_str(), content.clone()))
        .collect();
    let error = read(&zip_of(&parts)).expect_err("refused");
    assert!(matches!(error, ReadError::Damaged { .. }), "{error:?}");
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
