//! Filling a generated questionnaire the way a bidder's spreadsheet program
//! would, so tests can exercise the import without a spreadsheet program.
//!
//! The answer sheet's XML is rewritten in place and every other part of the
//! archive is copied byte for byte, so what the reader sees differs from
//! what Procura wrote only where a bidder would have typed.

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::io::{Cursor, Write};

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use crate::tender::ReadLimits;
use crate::tender::read::answers::{Header, find_header};
use crate::tender::read::package::Package;
use crate::tender::read::shared_strings::SharedStrings;
use crate::tender::read::worksheet::parse_cell_ref;

/// The answer sheet's part name, header and shared strings.
fn answer_sheet(xlsx: &[u8]) -> (String, Vec<u8>, Header, SharedStrings) {
    let mut package = Package::open(xlsx, &ReadLimits::default()).expect("an XLSX file");
    let workbook = package.workbook().expect("a workbook");
    let strings = package.shared_strings(&workbook).expect("shared strings");
    for path in workbook.answer_candidates() {
        let xml = package.read(path).expect("readable").expect("the sheet");
        if let Some(header) = find_header(&xml, path, &strings).expect("sheet XML") {
            return (path.to_owned(), xml, header, strings);
        }
    }
    panic!("no answer sheet");
}

/// `xlsx` with the part `path` replaced by `content`.
fn replace_part(xlsx: &[u8], path: &str, content: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip file");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).expect("entry");
        if entry.name().expect("entry name") == path {
            drop(entry);
            out.start_file(path, options).expect("start");
            out.write_all(content).expect("write");
        } else {
            out.raw_copy_file(entry).expect("copy");
        }
    }
    out.finish().expect("zip").into_inner()
}

fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .map(|attribute| attribute.expect("attribute"))
        .find(|attribute| attribute.key.as_ref() == name)
        .map(|attribute| String::from_utf8(attribute.value.into_owned()).expect("UTF-8"))
}

/// The cell's start tag with the attributes kept but its type.
fn cell_start<'a>(element: &BytesStart<'_>, kind: Option<&'a str>) -> BytesStart<'a> {
    let mut start = BytesStart::new("c");
    for attribute in element.attributes() {
        let attribute = attribute.expect("attribute");
        if attribute.key.as_ref() != b"t" {
            start.push_attribute((
                std::str::from_utf8(attribute.key.as_ref()).expect("UTF-8"),
                std::str::from_utf8(&attribute.value).expect("UTF-8"),
            ));
        }
    }
    if let Some(kind) = kind {
        start.push_attribute(("t", kind));
    }
    start
}

/// Rewrites the sheet's cells: `replace` gets the cell's row id (the value
/// of the id column, resolved) and reference, and returns the elements to
/// put inside the cell, with the cell's type, or `None` to keep it.
fn rewrite_cells(
    xml: &[u8],
    header: &Header,
    strings: &SharedStrings,
    mut replace: impl FnMut(&str, &str) -> Option<(Option<&'static str>, Vec<Event<'static>>)>,
) -> Vec<u8> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::new());
    let mut row_id = String::new();
    // Inside the id cell: its type and whether its `<v>` is open.
    let mut id_cell: Option<Option<String>> = None;
    let mut in_value = false;
    let mut skipping = false;
    loop {
        let event = reader.read_event().expect("sheet XML");
        match &event {
            Event::Eof => break,
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == b"row" =>
            {
                row_id.clear();
            }
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == b"c" =>
            {
                let empty = matches!(event, Event::Empty(_));
                let reference = attribute(element, b"r").expect("cell reference");
                let (column, _) = parse_cell_ref(&reference).expect("cell reference");
                if column == header.id && !empty {
                    id_cell = Some(attribute(element, b"t"));
                } else if let Some((kind, content)) = replace(&row_id, &reference) {
                    writer
                        .write_event(Event::Start(cell_start(element, kind)))
                        .expect("write");
                    for inner in content {
                        writer.write_event(inner).expect("write");
                    }
                    writer
                        .write_event(Event::End(BytesEnd::new("c")))
                        .expect("write");
                    skipping = !empty;
                    continue;
                }
            }
            Event::End(element) if element.local_name().as_ref() == b"c" => {
                id_cell = None;
                if skipping {
                    skipping = false;
                    continue;
                }
            }
            Event::Start(element) if element.local_name().as_ref() == b"v" => {
                in_value = id_cell.is_some();
            }
            Event::End(element) if element.local_name().as_ref() == b"v" => in_value = false,
            Event::Text(text) if in_value => {
                let raw = text.xml10_content().expect("UTF-8").into_owned();
                row_id = match id_cell.as_ref().and_then(Option::as_deref) {
                    Some("s") => strings
                        .get(raw.trim().parse().expect("string index"))
                        .expect("shared string")
                        .to_owned(),
                    _ => raw,
                };
            }
            _ => {}
        }
        if !skipping {
            writer.write_event(event).expect("write");
        }
    }
    writer.into_inner()
}

fn inline_string(value: &str) -> Vec<Event<'static>> {
    let mut text = BytesStart::new("t");
    text.push_attribute(("xml:space", "preserve"));
    vec![
        Event::Start(BytesStart::new("is")),
        Event::Start(text),
        Event::Text(BytesText::new(value).into_owned()),
        Event::End(BytesEnd::new("t")),
        Event::End(BytesEnd::new("is")),
    ]
}

/// The questionnaire `xlsx` with, for each `(code, response, comment)`,
/// the response and comment typed in the row of that requirement.
pub fn fill_questionnaire(xlsx: &[u8], answers: &[(&str, &str, &str)]) -> Vec<u8> {
    let (path, xml, header, strings) = answer_sheet(xlsx);
    let mut filled = vec![false; answers.len()];
    let rewritten = rewrite_cells(&xml, &header, &strings, |row_id, reference| {
        let (column, _) = parse_cell_ref(reference)?;
        let index = answers.iter().position(|(code, _, _)| *code == row_id)?;
        let (_, response, comment) = answers[index];
        let value = if column == header.response {
            response
        } else if Some(column) == header.comment {
            comment
        } else {
            return None;
        };
        filled[index] = true;
        Some((Some("inlineStr"), inline_string(value)))
    });
    for ((code, _, _), filled) in answers.iter().zip(&filled) {
        assert!(filled, "no row for {code} in the questionnaire");
    }
    replace_part(xlsx, &path, &rewritten)
}

/// The questionnaire `xlsx` with the formula `formula` (without `=`) in the
/// answer sheet's cell `cell`, such as `F7`.
pub fn with_formula(xlsx: &[u8], cell: &str, formula: &str) -> Vec<u8> {
    let (path, xml, header, strings) = answer_sheet(xlsx);
    let formula = formula.to_owned();
    let mut found = false;
    let rewritten = rewrite_cells(&xml, &header, &strings, |_, reference| {
        if !reference.eq_ignore_ascii_case(cell) {
            return None;
        }
        found = true;
        Some((
            Some("str"),
            vec![
                Event::Start(BytesStart::new("f")),
                Event::Text(BytesText::new(&formula).into_owned()),
                Event::End(BytesEnd::new("f")),
                Event::Start(BytesStart::new("v")),
                Event::Text(BytesText::new("Yes")),
                Event::End(BytesEnd::new("v")),
            ],
        ))
    });
    assert!(found, "no cell {cell} in the answer sheet");
    replace_part(xlsx, &path, &rewritten)
}
