//! Reading a filled questionnaire back: what Procura wrote, what bidders do
//! to it, and what a hostile bidder could send instead. The helpers here
//! build questionnaires and hand-made workbooks for the three subjects.

mod archive;
mod sheets;
mod tolerance;

use std::io::{Cursor, Write};

use procura_catalog::{Catalog, RequirementLibrary};
use procura_docs::tender::{
    ReadError, ReadLimits, build_annex, questionnaire_xlsx, read_questionnaire,
};
use procura_domain::{Lang, ProcurementType, RequirementKind, TenderInput};
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
