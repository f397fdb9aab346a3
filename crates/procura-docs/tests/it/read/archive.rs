//! Archives refused before their sheets are read: files that are not
//! workbooks, sizes over the limits, zip bombs and part names that clash.

use std::io::{Cursor, Write};

use procura_docs::tender::{ReadError, ReadLimits};
use procura_domain::Lang;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::{
    assert_refused, input, questionnaire, read, row, sheet, stamp_rows, workbook_parts, zip_of,
};

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
    assert!(error.message(Lang::En).contains("larger than 10\u{a0}MB"));
    assert!(error.message(Lang::Fr).contains("dépasse 10\u{a0}Mo"));
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
    assert!(error.message(Lang::En).contains("more than 2\u{a0}MB"));
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
