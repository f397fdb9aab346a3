//! What reads back: the questionnaire Procura wrote, filled or not, and the
//! liberties bidders and hand-made workbooks take with it.

use procura_docs::tender::{QUESTIONNAIRE_STAMP_SHEET, requirement_checksum};
use procura_docs::testing::fill_questionnaire;
use procura_domain::Lang;
use rust_xlsxwriter::{Format, Workbook};

use super::{HEADER, input, questionnaire, read, row, sheet, stamp_rows, workbook};

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
