//! The tender annex and the questionnaire, built from the proposal for a
//! purchase of every procurement type (every requirement of the library).

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use procura_catalog::{Catalog, RequirementLibrary};
use procura_docs::tender::{
    Annex, QUESTIONNAIRE_STAMP_SHEET, annex_docx, annex_html, annex_markdown, build_annex,
    questionnaire_xlsx, requirement_checksum,
};
use procura_domain::{Lang, PenaltyCap, ProcurementType, RequirementKind, TenderInput};

fn catalog() -> &'static Catalog {
    procura_catalog::builtin().expect("catalogue")
}

fn library() -> &'static RequirementLibrary {
    procura_catalog::requirement_library().expect("library")
}

fn everything() -> TenderInput {
    let mut input = library().draft(catalog(), ProcurementType::ALL, "CHU Exemple", "2026-11-29");
    input.project_id = Some("0b6a3f1e-0000-4000-8000-000000000001".into());
    input.reference = Some("AO-2026-042".into());
    input.title = "Plateforme d'imagerie & PACS <régionale>".into();
    input.description = "Remplacement du PACS et des modalités connectées.".into();
    input.version = 3;
    input
}

/// A small selection with hand-picked weights, for exact checks.
fn small() -> TenderInput {
    let mut input = everything();
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
    let weights = [50, 30, 20];
    let mut next = weights.iter();
    for requirement in &mut input.requirements {
        if requirement.kind == RequirementKind::Award {
            requirement.weight = *next.next().unwrap();
        }
    }
    input
}

fn annex(input: &TenderInput, lang: Lang) -> Annex {
    build_annex(catalog(), library(), input, lang).expect("weights total 100")
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut entry = archive.by_name(name).expect(name);
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// The visible text of a Word document: the `w:t` runs, in order.
fn docx_text(bytes: &[u8]) -> String {
    let xml = zip_entry(bytes, "word/document.xml");
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(start) = rest.find("<w:t") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        if rest[..open_end].ends_with('/') {
            rest = &rest[open_end..];
            continue;
        }
        let body = &rest[open_end + 1..];
        let Some(close) = body.find("</w:t>") else {
            break;
        };
        text.push_str(&body[..close]);
        text.push('\n');
        rest = &body[close..];
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

#[test]
fn the_docx_holds_every_selected_requirement_and_the_weights() {
    let input = everything();
    let bytes = annex_docx(&annex(&input, Lang::Fr)).expect("docx");
    let text = docx_text(&bytes);
    assert!(text.contains("Annexe sécurité du dossier de consultation"));
    assert!(text.contains("Plateforme d'imagerie & PACS <régionale>"));
    for requirement in &input.requirements {
        assert!(
            text.contains(requirement.code.as_str()),
            "{}",
            requirement.code
        );
    }
    for requirement in input
        .requirements
        .iter()
        .filter(|r| r.kind == RequirementKind::Award)
    {
        assert!(
            text.contains(&format!("{}\u{a0}%", requirement.weight)),
            "{}",
            requirement.code
        );
    }
    assert!(text.contains("100\u{a0}%"));
    // Real Word structure: heading styles, numbering and tables.
    let xml = zip_entry(&bytes, "word/document.xml");
    assert!(xml.contains("w:val=\"Heading1\""));
    assert!(xml.contains("<w:numPr>"));
    assert!(xml.contains("<w:tbl>"));
    assert!(zip_entry(&bytes, "word/numbering.xml").contains("decimal"));
    assert!(zip_entry(&bytes, "word/styles.xml").contains("heading 1"));
}

#[test]
fn the_small_selection_shows_its_exact_weights_in_every_format() {
    let input = small();
    let weights = [
        (
            Lang::Fr,
            ["50\u{a0}%", "30\u{a0}%", "20\u{a0}%", "100\u{a0}%"],
        ),
        (Lang::En, ["50%", "30%", "20%", "100%"]),
    ];
    for (lang, weights) in weights {
        let annex = annex(&input, lang);
        let docx = docx_text(&annex_docx(&annex).expect("docx"));
        let markdown = annex_markdown(&annex);
        let html = annex_html(&annex);
        for text in [&docx, &markdown, &html] {
            for weight in weights {
                assert!(text.contains(weight), "{weight} missing");
            }
            for requirement in &input.requirements {
                assert!(text.contains(requirement.code.as_str()));
            }
        }
    }
}

#[test]
fn weights_that_do_not_total_100_make_no_document() {
    let mut input = small();
    let award = input
        .requirements
        .iter_mut()
        .find(|r| r.kind == RequirementKind::Award)
        .unwrap();
    award.weight -= 5;
    let refusal = build_annex(catalog(), library(), &input, Lang::En).unwrap_err();
    assert_eq!(refusal.total, 95);
}

#[test]
fn markdown_and_html_are_deterministic() {
    let first = annex(&everything(), Lang::En);
    let second = annex(&everything(), Lang::En);
    assert_eq!(annex_markdown(&first), annex_markdown(&second));
    assert_eq!(annex_html(&first), annex_html(&second));
    assert_eq!(
        annex_docx(&first).expect("docx"),
        annex_docx(&second).expect("docx")
    );
}

#[test]
fn markdown_and_html_snapshots() {
    insta::assert_snapshot!(
        "annex_small_fr_md",
        annex_markdown(&annex(&small(), Lang::Fr))
    );
    insta::assert_snapshot!(
        "annex_small_en_html",
        annex_html(&annex(&small(), Lang::En))
    );
}

#[test]
fn html_escapes_what_people_typed() {
    let html = annex_html(&annex(&small(), Lang::Fr));
    assert!(html.contains("PACS &lt;régionale&gt;"));
    assert!(!html.contains("<régionale>"));
    assert!(!html.contains("<script"));
}

fn cell(sheet: &calamine::Range<Data>, row: u32, column: u32) -> String {
    sheet
        .get_value((row, column))
        .map(|value| value.to_string())
        .unwrap_or_default()
}

#[test]
fn the_questionnaire_has_one_row_per_requirement_a_validation_list_and_a_stamp() {
    let input = everything();
    let annex = annex(&input, Lang::En);
    let bytes = questionnaire_xlsx(&annex).expect("xlsx");
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("xlsx");
    let names = workbook.sheet_names();
    assert_eq!(
        names,
        ["Questionnaire", "Candidate", QUESTIONNAIRE_STAMP_SHEET]
    );
    let sheet = workbook.worksheet_range("Questionnaire").expect("sheet");
    assert_eq!(cell(&sheet, 4, 0), "Requirement");
    assert_eq!(cell(&sheet, 4, 5), "Answer");
    let rows: Vec<String> = (5..sheet.end().unwrap().0 + 1)
        .map(|row| cell(&sheet, row, 0))
        .filter(|code| !code.is_empty())
        .collect();
    let expected: Vec<String> = input
        .requirements
        .iter()
        .map(|r| r.code.to_string())
        .collect();
    assert_eq!(rows, expected);
    let award = input
        .requirements
        .iter()
        .position(|r| r.kind == RequirementKind::Award)
        .unwrap();
    let row = 5 + u32::try_from(award).unwrap();
    assert_eq!(cell(&sheet, row, 2), "Award criterion");
    assert_eq!(
        cell(&sheet, row, 3),
        input.requirements[award].weight.to_string()
    );

    // The stamp: project, version and checksum of the requirement list.
    let stamp = workbook
        .worksheet_range(QUESTIONNAIRE_STAMP_SHEET)
        .expect("stamp");
    let value = |key: &str| {
        (0..10)
            .find(|row| cell(&stamp, *row, 0) == key)
            .map(|row| cell(&stamp, row, 1))
            .unwrap_or_default()
    };
    assert_eq!(value("project"), "0b6a3f1e-0000-4000-8000-000000000001");
    assert_eq!(value("version"), "3");
    assert_eq!(value("checksum"), requirement_checksum(&input.requirements));
    assert_eq!(value("requirements"), input.requirements.len().to_string());

    // The sheet XML: list validation on the answer column, protection, the
    // answer cells unlocked, the stamp sheet hidden.
    let sheet_xml = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    let last = 5 + input.requirements.len();
    assert!(
        sheet_xml.contains(&format!("sqref=\"F6:F{last}\"")),
        "validation range"
    );
    assert!(sheet_xml.contains("<formula1>\"Yes,Partial,No,Not applicable\"</formula1>"));
    assert!(sheet_xml.contains("<sheetProtection"));
    let styles = zip_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("locked=\"0\""));
    let workbook_xml = zip_entry(&bytes, "xl/workbook.xml");
    assert!(workbook_xml.contains(&format!(
        "name=\"{QUESTIONNAIRE_STAMP_SHEET}\" sheetId=\"3\" state=\"hidden\""
    )));
}

#[test]
fn the_french_questionnaire_offers_french_answers() {
    let bytes = questionnaire_xlsx(&annex(&small(), Lang::Fr)).expect("xlsx");
    let sheet_xml = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("<formula1>\"Oui,Partiel,Non,Sans objet\"</formula1>"));
}

#[test]
fn the_checksum_changes_with_the_requirement_list() {
    let input = small();
    let base = requirement_checksum(&input.requirements);
    let mut reordered = input.requirements.clone();
    reordered.reverse();
    assert_ne!(requirement_checksum(&reordered), base);
    let mut edited = input.requirements.clone();
    edited[0].text.en.push('!');
    assert_ne!(requirement_checksum(&edited), base);
    assert_eq!(requirement_checksum(&input.requirements), base);
}

#[test]
fn the_pdf_has_the_expected_text() {
    let input = small();
    let annex = annex(&input, Lang::En);
    let bytes = procura_docs::tender::annex_pdf(&annex).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Tender security annex"), "{flat}");
    assert!(flat.contains("Award criteria"), "{flat}");
    for requirement in &input.requirements {
        assert!(
            flat.contains(requirement.code.as_str()),
            "{}",
            requirement.code
        );
    }
    assert!(flat.contains("50%"), "{flat}");
}

/// A cap other than the CCAG-TIC's is printed as a percentage in the
/// reader's conventions, in the cap sentence and in the derogation that
/// names it.
#[test]
fn the_buyer_s_penalty_cap_is_a_percentage_in_each_language() {
    let mut input = everything();
    input.terms.penalty_cap = PenaltyCap::new(15).expect("cap");
    let cases = [
        (Lang::Fr, "plafonné à 15\u{a0}% du montant hors taxes"),
        (Lang::En, "capped at 15% of the contract"),
    ];
    for (lang, cap) in cases {
        let markdown = annex_markdown(&annex(&input, lang));
        assert!(markdown.contains("14.1.2"), "{markdown}");
        assert_eq!(markdown.matches(cap).count(), 2, "{markdown}");
        assert!(!markdown.contains("{cap_percent}"), "{markdown}");
    }
}

/// The annex follows the consultation file: the RC part holds selection
/// conditions and award criteria, the CCTP part the minimum requirements,
/// the CCAP part the clauses with their penalties and the list of CCAG-TIC
/// derogations; each requirement's full text appears once, read back from
/// the DOCX and the PDF.
#[test]
fn the_annex_has_rc_cctp_and_ccap_parts_with_each_text_once() {
    let input = everything();
    let docx = docx_text(&annex_docx(&annex(&input, Lang::Fr)).expect("docx"));
    let parts = [
        "Partie A — Règlement de la consultation (RC)",
        "A.1 Conditions de participation",
        "A.2 Critères d'attribution",
        "A.3 Méthode de notation",
        "Partie B — CCTP : exigences minimales de l'offre",
        "Partie C — CCAP : clauses de sécurité",
        "C.1 Pénalités",
        "C.2 Dérogations au CCAG-TIC",
        "Partie D — Cadre de réponse",
    ];
    let mut last = 0;
    for part in parts {
        let at = docx.find(part).unwrap_or_else(|| panic!("{part} missing"));
        assert!(at >= last, "{part} is out of order");
        last = at;
    }
    let rc = &docx[docx.find(parts[0]).unwrap()..docx.find(parts[4]).unwrap()];
    let cctp = &docx[docx.find(parts[4]).unwrap()..docx.find(parts[5]).unwrap()];
    let ccap = &docx[docx.find(parts[5]).unwrap()..docx.find(parts[8]).unwrap()];
    for requirement in &input.requirements {
        let text = requirement.text.fr.as_str();
        assert_eq!(
            docx.matches(text).count(),
            1,
            "{} appears more than once",
            requirement.code
        );
        let home = match requirement.kind {
            RequirementKind::Selection | RequirementKind::Award => rc,
            RequirementKind::Minimum => cctp,
            RequirementKind::Clause => ccap,
        };
        assert!(
            home.contains(text),
            "{} is not in its part",
            requirement.code
        );
    }
    // Penalties with their amounts, the cap and the derogated articles.
    assert!(ccap.contains("par jour calendaire de retard"));
    assert!(ccap.contains("€\u{a0}HT"));
    assert!(ccap.contains("plafonné à 10\u{a0}%"));
    assert!(ccap.contains("14.1.1"));
    // The cover names the buyer, the consultation and the lot.
    assert!(docx.contains("Établissement : CHU Exemple"));
    assert!(docx.contains("Consultation : AO-2026-042"));
    assert!(docx.contains("Lot : lot unique"));

    let pdf = procura_docs::tender::annex_pdf(&annex(&input, Lang::En)).expect("pdf");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("text");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "Part A — Tender rules (RC)",
        "Part B — CCTP: the offer's minimum requirements",
        "Part C — CCAP: security clauses",
        "C.2 Derogations from the CCAG-TIC",
    ] {
        assert!(flat.contains(part), "{part} missing from the PDF");
    }
}

/// The response frame identifies the candidate and prints as the buyer
/// needs: A4 landscape, the header row on every page, one page wide.
#[test]
fn the_questionnaire_asks_who_answers_and_prints_on_a4_landscape() {
    let annex = annex(&everything(), Lang::Fr);
    let bytes = questionnaire_xlsx(&annex).expect("xlsx");
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("xlsx");
    let identity = workbook
        .worksheet_range("Candidat")
        .expect("identity sheet");
    let labels: Vec<String> = (3..12).map(|row| cell(&identity, row, 0)).collect();
    for expected in [
        "Nom ou raison sociale",
        "Numéro SIRET",
        "Personne à contacter",
        "Courriel",
        "Date de la réponse",
    ] {
        assert!(
            labels.iter().any(|label| label.starts_with(expected)),
            "{expected} missing from {labels:?}"
        );
    }
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("orientation=\"landscape\""), "{sheet}");
    assert!(sheet.contains("paperSize=\"9\""));
    assert!(sheet.contains("fitToPage=\"1\""), "{sheet}");
    assert!(sheet.contains("fitToHeight=\"0\""));
    let book = zip_entry(&bytes, "xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles"), "{book}");
    assert!(book.contains("$5:$5"), "the header row repeats: {book}");
    // The answers are still read back from the answer sheet.
    let filled = procura_docs::tender::read_questionnaire(
        &bytes,
        &procura_docs::tender::ReadLimits::default(),
    );
    assert!(filled.is_ok(), "{filled:?}");
}

/// Every name the annex shows comes from a key in both languages: the
/// whole library's annex has no missing key, in any format's text.
#[test]
fn the_whole_annex_names_everything_in_both_languages() {
    let input = everything();
    for lang in [Lang::Fr, Lang::En] {
        let markdown = procura_docs::tender::annex_markdown(&annex(&input, lang));
        assert!(!markdown.contains("Unknown localization key"), "{lang:?}");
        let xlsx = questionnaire_xlsx(&annex(&input, lang)).expect("xlsx");
        let strings = zip_entry(&xlsx, "xl/sharedStrings.xml");
        assert!(!strings.contains("Unknown localization key"), "{lang:?}");
    }
}
