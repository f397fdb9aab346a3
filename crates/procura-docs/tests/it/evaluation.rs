//! The bid evaluation report, built from bids scored by the domain's rules:
//! one with an evaluator's override, one that answered an earlier
//! requirement list, one not eligible for two reasons.

use std::collections::BTreeMap;
use std::io::Read;

use calamine::{Data, Range, Reader, Xlsx};
use procura_docs::evaluation::{
    BIDS_PER_TABLE, EvaluationBid, EvaluationCell, EvaluationDoc, EvaluationRequirement,
    evaluation_annex, evaluation_docx, evaluation_pdf, evaluation_xlsx,
};
use procura_docs::tender::{Block, annex_markdown};
use procura_domain::{
    Answer, BidStatus, Criterion, Lang, Override, RequirementCode, RequirementKind, ScoringRules,
    rank, score_bid,
};

const REQUIREMENTS: [(&str, RequirementKind, u32, &str); 6] = [
    (
        "REQ-E-1",
        RequirementKind::Selection,
        0,
        "The bidder publishes a vulnerability disclosure policy.",
    ),
    (
        "REQ-E-2",
        RequirementKind::Minimum,
        0,
        "Security patches are supplied for the whole contract.",
    ),
    (
        "REQ-A-1",
        RequirementKind::Award,
        50,
        "Hosting certified to ISO/IEC 27001 or equivalent.",
    ),
    (
        "REQ-A-2",
        RequirementKind::Award,
        30,
        "Remote maintenance through the hospital's bastion only.",
    ),
    (
        "REQ-A-3",
        RequirementKind::Award,
        20,
        "Logs kept for one year and sent to the hospital's SIEM.",
    ),
    (
        "REQ-C-1",
        RequirementKind::Clause,
        0,
        "The hospital may audit the contractor's security once a year.",
    ),
];

/// One bid as a supplier answered it: answers, overrides and comments.
struct Given {
    supplier: &'static str,
    offer: &'static str,
    status: BidStatus,
    outdated: bool,
    answers: &'static [(&'static str, Answer)],
    overrides: &'static [(&'static str, u32, &'static str)],
    comments: &'static [(&'static str, &'static str)],
}

fn code(text: &str) -> RequirementCode {
    RequirementCode::parse(text).expect("code")
}

fn requirements() -> Vec<EvaluationRequirement> {
    REQUIREMENTS
        .iter()
        .map(|(code, kind, weight, text)| EvaluationRequirement {
            code: (*code).to_owned(),
            kind: *kind,
            weight: *weight,
            title: format!("Title of {code}"),
            text: (*text).to_owned(),
        })
        .collect()
}

/// Scores the bids with the domain's rules and orders them the way the
/// report wants: by rank, then the bids that are not eligible.
fn scored(lang: Lang, given: &[Given]) -> EvaluationDoc {
    let rules = ScoringRules::default();
    let criteria: Vec<Criterion> = REQUIREMENTS
        .iter()
        .map(|(text, kind, weight, _)| Criterion {
            code: code(text),
            kind: *kind,
            weight: *weight,
        })
        .collect();
    let scores: Vec<_> = given
        .iter()
        .map(|bid| {
            let answers: BTreeMap<RequirementCode, Answer> = bid
                .answers
                .iter()
                .map(|(text, answer)| (code(text), *answer))
                .collect();
            let overrides: BTreeMap<RequirementCode, Override> = bid
                .overrides
                .iter()
                .map(|(text, score, why)| (code(text), Override::new(*score, why).expect("ok")))
                .collect();
            // The evaluators grade the other award criteria as the answers
            // propose; these grades are the panel's, not overrides.
            let mut grades = overrides.clone();
            for criterion in criteria.iter().filter(|c| c.kind == RequirementKind::Award) {
                if let Some(credit) = answers.get(&criterion.code).and_then(|a| rules.credit(*a)) {
                    grades.entry(criterion.code.clone()).or_insert_with(|| {
                        Override::new(credit, "Graded as proposed").expect("ok")
                    });
                }
            }
            (score_bid(&criteria, &answers, &grades, &rules), overrides)
        })
        .collect();
    let ranks = rank(&scores.iter().map(|(score, _)| score).collect::<Vec<_>>());
    let mut bids: Vec<EvaluationBid> = given
        .iter()
        .zip(&scores)
        .zip(ranks)
        .map(|((bid, (score, overrides)), rank)| EvaluationBid {
            supplier: bid.supplier.to_owned(),
            offer: bid.offer.to_owned(),
            status: bid.status,
            eligible: score.eligible,
            excluded: score.candidate_excluded(),
            irregular: score.offer_irregular(),
            score: score.score_text(),
            scored: score.scored,
            rank,
            selection_outdated: bid.outdated,
            cells: score
                .lines
                .iter()
                .map(|line| EvaluationCell {
                    answer: line.answer,
                    credit: line.credit,
                    met: line.met,
                    comment: bid
                        .comments
                        .iter()
                        .find(|(text, _)| *text == line.code.as_str())
                        .map(|(_, comment)| (*comment).to_owned())
                        .unwrap_or_default(),
                    evidence_ref: format!("{}-{}", bid.supplier, line.code.as_str()),
                    override_justification: overrides
                        .get(&line.code)
                        .map(|held| held.justification.clone()),
                })
                .collect(),
        })
        .collect();
    bids.sort_by_key(|bid| bid.rank.unwrap_or(u32::MAX));
    let awarded = bids
        .iter()
        .find(|bid| bid.status == BidStatus::Awarded)
        .map(|bid| format!("{} — {}", bid.supplier, bid.offer));
    EvaluationDoc {
        lang,
        organisation: "CHU Exemple".into(),
        reference: "AO-2026-042".into(),
        title: "Regional PACS".into(),
        generated: "2026-11-29".into(),
        rules,
        requirements: requirements(),
        bids,
        awarded,
    }
}

use Answer::{No, NotApplicable as Na, Partial, Yes};

const JUSTIFICATION: &str = "The ISO/IEC 27001 certificate supplied expired in March 2026.";

fn three() -> [Given; 3] {
    [
        Given {
            supplier: "Medisoft SA",
            offer: "Base offer",
            status: BidStatus::Submitted,
            outdated: false,
            answers: &[
                ("REQ-E-1", Yes),
                ("REQ-E-2", Yes),
                ("REQ-A-1", Yes),
                ("REQ-A-2", Partial),
                ("REQ-A-3", Yes),
                ("REQ-C-1", Yes),
            ],
            overrides: &[("REQ-A-1", 40, JUSTIFICATION)],
            comments: &[("REQ-A-2", "Bastion planned for the second year.")],
        },
        Given {
            supplier: "Imagerie Plus",
            offer: "Variant 1",
            status: BidStatus::Awarded,
            outdated: true,
            answers: &[
                ("REQ-E-1", Yes),
                ("REQ-E-2", Yes),
                ("REQ-A-1", Yes),
                ("REQ-A-2", Yes),
                ("REQ-A-3", Na),
                ("REQ-C-1", No),
            ],
            overrides: &[],
            comments: &[("REQ-C-1", "Audits on 30 days' notice only.")],
        },
        Given {
            supplier: "Santé Cloud",
            offer: "Offer A",
            status: BidStatus::Submitted,
            outdated: false,
            answers: &[
                ("REQ-E-1", No),
                ("REQ-A-1", Yes),
                ("REQ-A-2", No),
                ("REQ-C-1", Yes),
            ],
            overrides: &[],
            comments: &[("REQ-E-1", "Policy being drafted.")],
        },
    ]
}

fn doc(lang: Lang) -> EvaluationDoc {
    scored(lang, &three())
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut entry = archive.by_name(name).expect(name);
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// The visible text of a Word document: its `w:t` runs, one a line.
fn docx_text(bytes: &[u8]) -> String {
    let xml = zip_entry(bytes, "word/document.xml");
    let mut text = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some((open, rest)) = piece.split_once('>') else {
            continue;
        };
        if open.ends_with('/') {
            continue;
        }
        if let Some((body, _)) = rest.split_once("</w:t>") {
            text.push_str(body);
            text.push('\n');
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_scores_are_what_the_domain_gives() {
    let doc = doc(Lang::En);
    let summary: Vec<(&str, &str, Option<u32>, bool)> = doc
        .bids
        .iter()
        .map(|bid| {
            (
                bid.supplier.as_str(),
                bid.score.as_str(),
                bid.rank,
                bid.eligible,
            )
        })
        .collect();
    // Imagerie Plus: A-3 answered "not applicable" waits for a grade, so
    // 50×100 + 30×100 = 80; Medisoft: 50×40 (the evaluator's grade) +
    // 30×50 + 20×100 = 55; Santé Cloud: 50×100 / 100 = 50.
    assert_eq!(
        summary,
        [
            ("Imagerie Plus", "80.0", Some(1), true),
            ("Medisoft SA", "55.0", Some(2), true),
            ("Santé Cloud", "50.0", None, false),
        ]
    );
}

#[test]
fn the_docx_holds_the_ranking_the_reasons_and_the_justification() {
    let doc = doc(Lang::En);
    let text = docx_text(&evaluation_docx(&doc).expect("docx"));
    assert!(text.contains("Bid evaluation report — security"), "{text}");
    for bid in &doc.bids {
        assert!(text.contains(&bid.supplier), "{}", bid.supplier);
    }
    for code in REQUIREMENTS.map(|(code, ..)| code) {
        assert!(text.contains(code), "{code}");
    }
    assert!(text.contains("Candidate excluded"));
    assert!(text.contains(JUSTIFICATION));
    // The summary's first row: rank, bidder, offer, eligibility, score,
    // written without a useless decimal.
    assert!(
        text.contains("\n1\nImagerie Plus\nVariant 1\nEligible\n80\nAwarded\n"),
        "{text}"
    );
    assert!(text.contains("\n—\nSanté Cloud\nOffer A\nCandidate excluded\n50\n"));
    // Both reasons the third bid is out, with the answer given.
    assert!(text.contains("REQ-E-1 — Title of REQ-E-1"));
    assert!(text.contains("REQ-E-2 — Title of REQ-E-2"));
    // Each in the procurement code's own words.
    assert!(text.contains("Candidate excluded (selection condition)"));
    assert!(text.contains("Offer irregular (minimum requirement)"));
    assert!(text.contains("No answer"));
    assert!(text.contains("No, the answer as given"));
    // The grid's cells and total.
    assert!(text.contains("Yes · 40% (overridden)"), "{text}");
    assert!(text.contains("Not applicable · —"));
    assert!(text.contains("50 (Candidate excluded)"));
    // Reservations, outdated list, award.
    assert!(
        text.contains("Imagerie Plus — Variant 1: REQ-C-1 (No: Audits on 30 days' notice only.)")
    );
    assert!(text.contains("Medisoft SA — Base offer: no reservation"));
    assert!(text.contains("answered an earlier version of the requirement list"));
    assert!(text.contains("The contract was awarded to Imagerie Plus — Variant 1."));
}

#[test]
fn the_french_report_speaks_french() {
    let mut doc = doc(Lang::Fr);
    doc.bids[1].score = "55.5".into();
    let text = docx_text(&evaluation_docx(&doc).expect("docx"));
    assert!(text.contains("Rapport d'analyse des offres — volet sécurité"));
    assert!(text.contains("Candidat exclu (condition de participation)"));
    assert!(text.contains("Offre irrégulière (exigence minimale)"));
    assert!(text.contains("Oui · 40\u{a0}% (révisée)"), "{text}");
    assert!(
        text.contains("« Oui » 100\u{a0}%, « Partiel » 50\u{a0}%, « Non » 0\u{a0}%"),
        "{text}"
    );
    // Scores with a decimal comma, dates in words.
    assert!(text.contains("\nÉligible\n55,5\n"), "{text}");
    assert!(text.contains("Établi le 29 novembre 2026"), "{text}");
    assert!(text.contains("3 offres ont été reçues."));
    assert!(text.contains("REQ-C-1 (Non : Audits on 30 days' notice only.)"));
    assert!(text.contains(JUSTIFICATION));
}

#[test]
fn the_method_follows_the_rules() {
    let mut doc = doc(Lang::En);
    let method = |doc: &EvaluationDoc| annex_markdown(&evaluation_annex(doc));
    assert!(method(&doc).contains("\"Yes\" 100%, \"Partial\" 50%, \"No\" 0%"));
    assert!(method(&doc).contains("graded by the evaluators on the scale published"));
    assert!(method(&doc).contains("A \"Partial\" answer to a pass/fail requirement is accepted."));
    doc.rules = ScoringRules::new(true, 100, 60, 10).expect("rules");
    let text = method(&doc);
    assert!(text.contains("\"Yes\" 100%, \"Partial\" 60%, \"No\" 10%"));
    assert!(text.contains("A \"Partial\" answer to a pass/fail requirement excludes the bid"));
}

fn cell(sheet: &Range<Data>, row: u32, column: u32) -> String {
    sheet
        .get_value((row, column))
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn workbook(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx")
}

#[test]
fn the_xlsx_has_the_summary_the_grid_and_the_overrides() {
    let doc = doc(Lang::En);
    let mut book = workbook(evaluation_xlsx(&doc).expect("xlsx"));
    assert_eq!(book.sheet_names(), ["Summary", "Grid", "Overrides"]);

    let summary = book.worksheet_range("Summary").expect("summary");
    assert_eq!(cell(&summary, 3, 1), "Bidder");
    let rows: Vec<(String, String, String, Option<f64>)> = (4..7)
        .map(|row| {
            (
                cell(&summary, row, 0),
                cell(&summary, row, 1),
                cell(&summary, row, 3),
                summary.get_value((row, 4)).and_then(|value| match value {
                    Data::Float(score) => Some(*score),
                    _ => None,
                }),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "1".into(),
                "Imagerie Plus".into(),
                "Eligible".into(),
                Some(80.0)
            ),
            (
                "2".into(),
                "Medisoft SA".into(),
                "Eligible".into(),
                Some(55.0)
            ),
            (
                "—".into(),
                "Santé Cloud".into(),
                "Candidate excluded".into(),
                Some(50.0)
            ),
        ]
    );

    let grid = book.worksheet_range("Grid").expect("grid");
    // Four columns about the requirement, then two per bid.
    assert_eq!(cell(&grid, 4, 3), "Wording");
    let header: Vec<String> = (0..10).map(|column| cell(&grid, 4, column)).collect();
    assert_eq!(
        &header[4..],
        ["Answer", "Credit", "Answer", "Credit", "Answer", "Credit"]
    );
    assert_eq!(
        grid.end().expect("cells").1,
        9,
        "two columns per bid, no more"
    );
    for (index, bid) in doc.bids.iter().enumerate() {
        let column = 4 + 2 * u32::try_from(index).expect("small");
        assert_eq!(
            cell(&grid, 3, column),
            format!("{} — {}", bid.supplier, bid.offer)
        );
    }
    let codes: Vec<String> = (5..11).map(|row| cell(&grid, row, 0)).collect();
    assert_eq!(codes, REQUIREMENTS.map(|(code, ..)| code.to_owned()));
    assert_eq!(cell(&grid, 7, 2), "50");
    assert_eq!(cell(&grid, 7, 6), "Yes (overridden)");
    assert_eq!(cell(&grid, 7, 7), "40% — Partly met");
    assert_eq!(cell(&grid, 9, 4), "Not applicable");
    assert_eq!(cell(&grid, 9, 5), "Not counted");
    assert_eq!(cell(&grid, 6, 8), "No answer");
    assert_eq!(cell(&grid, 6, 9), "Not met");
    assert_eq!(cell(&grid, 10, 5), "Not met", "a refused clause");
    // The last row: eligibility and score of each bid.
    assert_eq!(cell(&grid, 11, 0), "Security score");
    assert_eq!(cell(&grid, 11, 2), "100");
    assert_eq!(grid.get_value((11, 5)), Some(&Data::Float(80.0)));
    assert_eq!(grid.get_value((11, 7)), Some(&Data::Float(55.0)));
    assert_eq!(cell(&grid, 11, 8), "Candidate excluded");
    assert_eq!(grid.get_value((11, 9)), Some(&Data::Float(50.0)));

    let overrides = book.worksheet_range("Overrides").expect("overrides");
    assert_eq!(cell(&overrides, 4, 0), "REQ-A-1");
    assert_eq!(cell(&overrides, 4, 2), "Medisoft SA");
    assert_eq!(cell(&overrides, 4, 5), "40%");
    assert_eq!(cell(&overrides, 4, 6), JUSTIFICATION);
    assert_eq!(cell(&overrides, 5, 0), "");

    // A frozen header and a filter on the grid; fills say the outcome.
    let sheet_xml = zip_entry(
        &evaluation_xlsx(&doc).expect("xlsx"),
        "xl/worksheets/sheet2.xml",
    );
    assert!(
        sheet_xml.contains("<autoFilter ref=\"A5:J11\""),
        "{sheet_xml}"
    );
    assert!(sheet_xml.contains("state=\"frozen\""));
    let styles = zip_entry(&evaluation_xlsx(&doc).expect("xlsx"), "xl/styles.xml");
    assert!(styles.contains("FFD9F0D3") && styles.contains("FFF5C2C2"));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut doc = doc(Lang::En);
    doc.bids[0].supplier = "=HYPERLINK(\"http://x.example\",\"click\")".into();
    doc.bids[1].offer = "+1-2".into();
    doc.requirements[0].text = "@SUM(A1:A9)".into();
    doc.bids[1].cells[2].override_justification = Some("-cmd".into());
    let bytes = evaluation_xlsx(&doc).expect("xlsx");
    for sheet in 1..=3 {
        let xml = zip_entry(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(!xml.contains("<f>"), "sheet {sheet} has a formula");
    }
    let mut book = workbook(bytes);
    let summary = book.worksheet_range("Summary").expect("summary");
    assert_eq!(
        cell(&summary, 4, 1),
        "=HYPERLINK(\"http://x.example\",\"click\")"
    );
    assert_eq!(cell(&summary, 5, 2), "+1-2");
}

#[test]
fn the_pdf_names_every_bidder() {
    let doc = doc(Lang::En);
    let bytes = evaluation_pdf(&doc).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Bid evaluation report"), "{flat}");
    for bid in &doc.bids {
        assert!(flat.contains(&bid.supplier), "{}: {flat}", bid.supplier);
    }
    assert!(flat.contains(JUSTIFICATION), "{flat}");
}

fn six() -> EvaluationDoc {
    let [first, second, third] = three();
    let clone = |given: &Given, supplier: &'static str| Given {
        supplier,
        offer: given.offer,
        status: BidStatus::Submitted,
        outdated: false,
        answers: given.answers,
        overrides: given.overrides,
        comments: given.comments,
    };
    let more = [
        clone(&first, "Bidder Four"),
        clone(&second, "Bidder Five"),
        clone(&third, "Bidder Six"),
    ];
    let all: Vec<Given> = [first, second, third].into_iter().chain(more).collect();
    scored(Lang::En, &all)
}

#[test]
fn six_bids_make_a_grid_of_tables_of_at_most_four_bids() {
    let doc = six();
    let annex = evaluation_annex(&doc);
    let grid_start = annex
        .blocks
        .iter()
        .position(|block| {
            matches!(block, Block::Heading { level: 1, text } if text == "6. Award criteria grid")
        })
        .expect("the grid section");
    let tables: Vec<_> = annex.blocks[grid_start + 1..]
        .iter()
        .take_while(|block| !matches!(block, Block::Heading { level: 1, .. }))
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .collect();
    assert!(tables.len() >= 2);
    let mut shown = Vec::new();
    for table in &tables {
        let bids = table.headers.len() - 2;
        assert!(
            (1..=BIDS_PER_TABLE).contains(&bids),
            "{bids} bids in a table"
        );
        assert_eq!(table.widths.len(), table.headers.len());
        assert_eq!(table.rows.len(), 3, "one row per scored requirement");
        assert_eq!(
            table.footer.as_ref().map(Vec::len),
            Some(table.headers.len())
        );
        shown.extend(table.headers[2..].iter().cloned());
    }
    let expected: Vec<String> = doc
        .bids
        .iter()
        .map(|bid| format!("{} — {}", bid.supplier, bid.offer))
        .collect();
    assert_eq!(shown, expected, "each bid once, in order");
    assert!(annex_markdown(&annex).contains("### Bids 1 to 3 of 6"));

    // The spreadsheet keeps them side by side: two columns for each.
    let mut book = workbook(evaluation_xlsx(&doc).expect("xlsx"));
    let grid = book.worksheet_range("Grid").expect("grid");
    assert_eq!(grid.end().expect("cells").1, 4 + 2 * 6 - 1);
    assert!(
        evaluation_docx(&doc).is_ok() && evaluation_pdf(&doc).is_ok(),
        "six bids render"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for lang in Lang::ALL {
        let doc = doc(lang);
        assert_eq!(
            evaluation_docx(&doc).expect("docx"),
            evaluation_docx(&doc).expect("docx")
        );
        assert_eq!(
            evaluation_xlsx(&doc).expect("xlsx"),
            evaluation_xlsx(&doc).expect("xlsx")
        );
        assert_eq!(
            evaluation_pdf(&doc).expect("pdf"),
            evaluation_pdf(&doc).expect("pdf")
        );
    }
    let core = zip_entry(
        &evaluation_xlsx(&doc(Lang::En)).expect("xlsx"),
        "docProps/core.xml",
    );
    assert!(core.contains("2026-11-29T00:00:00Z"), "{core}");
}

#[test]
fn no_bid_yet_still_makes_a_report() {
    let mut doc = doc(Lang::En);
    doc.bids.clear();
    doc.awarded = None;
    let text = annex_markdown(&evaluation_annex(&doc));
    assert!(text.contains("No bid has been received."));
    assert!(text.contains("No bid has been awarded yet."));
    assert!(evaluation_xlsx(&doc).is_ok());
    assert!(evaluation_docx(&doc).is_ok());
}

#[test]
fn the_report_in_markdown() {
    insta::assert_snapshot!(
        "evaluation_en_md",
        annex_markdown(&evaluation_annex(&doc(Lang::En)))
    );
}
