//! Hostile files refused with the reason, and nothing written: bombs,
//! oversized sheets, formulas, forged stamps, files of another project.

use std::io::{Cursor, Read, Write};

use calamine::{Reader, Xlsx};
use procura_docs::testing::with_formula;
use reqwest::StatusCode;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::{
    ALPHA, add_bid, all_yes, fill, id_of, import, noise, problems, questionnaire, team,
    tender_project, untouched,
};
use crate::apps;

/// A workbook with the stamp and answer sheets, built by hand: `answer_rows`
/// is the sheet data of the answer sheet.
fn hand_made_workbook(answer_rows: &str, extra: Option<(&str, u64)>) -> Vec<u8> {
    let sheet = |rows: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
        )
    };
    let cell = |reference: &str, text: &str| {
        format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    };
    let stamp: String = [
        ("format", "procura-questionnaire"),
        ("format_version", "1"),
        ("project", "00000000-0000-4000-8000-000000000000"),
        ("version", "1"),
        ("checksum", "0"),
        ("lang", "fr"),
    ]
    .iter()
    .zip(1..)
    .map(|((key, value), row)| {
        format!(
            r#"<row r="{row}">{}{}</row>"#,
            cell(&format!("A{row}"), key),
            cell(&format!("B{row}"), value)
        )
    })
    .collect();
    let parts: Vec<(&str, Vec<u8>)> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Questionnaire" sheetId="1" r:id="rId1"/><sheet name="procura" sheetId="2" r:id="rId2"/></sheets></workbook>"#.to_vec(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#.to_vec(),
        ),
        ("xl/worksheets/sheet1.xml", sheet(answer_rows).into_bytes()),
        ("xl/worksheets/sheet2.xml", sheet(&stamp).into_bytes()),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(&content).unwrap();
    }
    if let Some((name, zeros)) = extra {
        // Streamed through deflate a MiB at a time, as a bomb's author would.
        zip.start_file(name, deflated).unwrap();
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..zeros / (1 << 20) {
            zip.write_all(&chunk).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

/// `xlsx` with the part `name` rewritten by `change`; the other parts are
/// copied byte for byte.
pub fn rewrite_part(xlsx: &[u8], name: &str, change: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut change = Some(change);
    for index in 0..archive.len() {
        let entry_name = archive
            .by_index_raw(index)
            .unwrap()
            .name()
            .unwrap()
            .into_owned();
        if entry_name == name {
            let mut text = String::new();
            archive
                .by_index(index)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            let changed = (change.take().unwrap())(text);
            out.start_file(
                name,
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
            )
            .unwrap();
            out.write_all(changed.as_bytes()).unwrap();
        } else {
            out.raw_copy_file(archive.by_index_raw(index).unwrap())
                .unwrap();
        }
    }
    assert!(change.is_none(), "no part {name}");
    out.finish().unwrap().into_inner()
}

/// `xlsx` with an extra part of `size` bytes stored uncompressed, as a
/// spreadsheet program does with an embedded attachment.
fn with_stored_part(xlsx: &[u8], size: usize) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        out.raw_copy_file(archive.by_index_raw(index).unwrap())
            .unwrap();
    }
    out.start_file(
        "xl/embeddings/attachment.bin",
        SimpleFileOptions::default().compression_method(CompressionMethod::Stored),
    )
    .unwrap();
    out.write_all(&vec![0; size]).unwrap();
    out.finish().unwrap().into_inner()
}

/// The stamp's value for `key` in a generated questionnaire.
fn stamp(xlsx: &[u8], key: &str) -> String {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let sheet = workbook.worksheet_range("procura").unwrap();
    sheet
        .rows()
        .find(|row| row[0] == key)
        .map(|row| row[1].to_string())
        .unwrap_or_else(|| panic!("no {key} in the stamp"))
}

/// The 1-based row of the answer sheet holding `code`.
fn row_of(xlsx: &[u8], code: &str) -> u32 {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let sheet = workbook.worksheet_range("Questionnaire").unwrap();
    let (top, _) = sheet.start().unwrap();
    let index = sheet
        .rows()
        .position(|row| row[0] == code)
        .unwrap_or_else(|| panic!("no row for {code}"));
    top + u32::try_from(index).unwrap() + 1
}

#[tokio::test]
async fn hostile_files_are_refused_with_the_reason_and_nothing_is_written() {
    // The files that do not depend on the project, built once.
    // 80 MiB of zeros deflate to about 80 KiB; the declared size (over the
    // 64 MiB unpacked limit) gives the bomb away before anything is unpacked.
    let bomb = hand_made_workbook("", Some(("xl/media/image1.png", 80 << 20)));
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let mut sheet = String::from(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Exigence</t></is></c><c r="B1" t="inlineStr"><is><t>Réponse</t></is></c></row>"#,
    );
    for number in 2..=100_001u32 {
        sheet.push_str(&format!(
            r#"<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>REQ-X-{number}</t></is></c><c r="B{number}" t="inlineStr"><is><t>Oui</t></is></c></row>"#
        ));
    }
    let rows = hand_made_workbook(&sheet, None);
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let buyer = &team.buyer;
        let id = id_of(&add_bid(buyer, &team.project, ALPHA, "PACS").await);
        let blank = questionnaire(buyer, &team.project).await;
        let complete = all_yes(&blank, &codes);

        // Each hostile file: the one problem expected and a word of its message.
        let mut cases: Vec<(&str, Vec<u8>, &str, String)> = vec![
            (
                "random bytes",
                noise(4096),
                "file",
                "n'est pas un classeur XLSX".to_owned(),
            ),
            (
                "zip bomb",
                bomb.clone(),
                "file",
                "bombe de décompression".to_owned(),
            ),
            (
                "100,000 rows",
                rows.clone(),
                "file",
                "plus de 5\u{202f}000 lignes".to_owned(),
            ),
            (
                "a formula",
                with_formula(&complete, "F7", "IF(1,\"Oui\",\"Non\")"),
                "file",
                "F7".to_owned(),
            ),
        ];
        let (other_project, _) = tender_project(buyer, "AO-2026-RESEAU").await;
        let other = questionnaire(buyer, &other_project).await;
        cases.push((
            "another project's questionnaire",
            all_yes(&other, &codes),
            "other_project",
            "autre projet".to_owned(),
        ));
        // The stamp's checksum changed in the shared strings.
        let checksum = stamp(&blank, "checksum");
        assert!(checksum.len() >= 16, "{checksum}");
        let forged = match checksum.strip_prefix('0') {
            Some(rest) => format!("1{rest}"),
            None => format!("0{}", &checksum[1..]),
        };
        cases.push((
            "a tampered checksum",
            rewrite_part(&complete, "xl/sharedStrings.xml", |xml| {
                assert_eq!(xml.matches(&checksum).count(), 1);
                xml.replace(&checksum, &forged)
            }),
            "tampered",
            "a été modifié".to_owned(),
        ));
        // A requirement's row deleted from the answer sheet.
        let row = row_of(&complete, &codes.c1);
        cases.push((
            "a deleted row",
            rewrite_part(&complete, "xl/worksheets/sheet1.xml", |xml| {
                let start = xml.find(&format!("<row r=\"{row}\"")).unwrap();
                let end = start + xml[start..].find("</row>").unwrap() + "</row>".len();
                format!("{}{}", &xml[..start], &xml[end..])
            }),
            "missing_row",
            codes.c1.clone(),
        ));
        // Over the reader's 10 MiB (below the server's 25 MiB upload limit).
        let large = with_stored_part(&complete, 11 << 20);
        assert!(large.len() > 10 << 20);
        cases.push(("an 11 MiB file", large, "file", "10\u{a0}Mo".to_owned()));

        for (what, bytes, code, word) in cases {
            let (status, body) = import(buyer, &id, bytes).await;
            let found = problems(status, &body);
            assert_eq!(found.len(), 1, "{what}: {body}");
            assert_eq!(found[0].0, code, "{what}: {body}");
            assert!(found[0].1.contains(&word), "{what}: {body}");
            untouched(buyer, &id, what).await;
        }

        // Every row problem at once: an unknown word and a "Partiel"
        // without its comment.
        let two = fill(
            &blank,
            &[
                (&codes.e1, "Oui", ""),
                (&codes.e2, "Oui", ""),
                (&codes.a1, "Peut-être", ""),
                (&codes.a2, "Partiel", ""),
                (&codes.a3, "Oui", ""),
                (&codes.c1, "Oui", ""),
            ],
        );
        let (status, body) = import(buyer, &id, two).await;
        let mut found = problems(status, &body);
        found.sort();
        assert_eq!(found.len(), 2, "{body}");
        assert_eq!(found[0].0, "missing_comment");
        assert!(found[0].1.contains(&codes.a2), "{body}");
        assert!(
            found[0]
                .1
                .contains(&format!("Ligne {}", row_of(&blank, &codes.a2))),
            "{body}"
        );
        assert_eq!(found[1].0, "unknown_answer");
        assert!(found[1].1.contains(&codes.a1), "{body}");
        assert!(found[1].1.contains("Peut-être"), "{body}");
        untouched(buyer, &id, "row problems").await;

        // A file past the server's upload limit never reaches the reader.
        let (status, body) = import(buyer, &id, vec![0; 26 << 20]).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert_eq!(body["error"]["code"], "too_large", "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("trop volumineuse"),
            "{body}"
        );
        untouched(buyer, &id, "over the upload limit").await;

        // The good file still goes in.
        let (status, body) = import(buyer, &id, complete).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["version"], 2);
    }
}
