//! Supplier evaluation through the real server: three suppliers' filled
//! questionnaires imported and scored against values worked out by hand,
//! hostile files refused without a trace, manual entry, overrides, the
//! award, the evaluation report, the pages and who may do what.

use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, Xlsx};
use procura_docs::testing::{fill_questionnaire, with_formula};
use procura_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::harness::{ApiClient as Caller, unescape};
use crate::{TestApp, apps};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The six requirements the tender keeps: two eligibility requirements,
/// three award criteria weighted 50, 30 and 20 %, and one clause.
#[derive(Debug, Clone)]
pub struct Codes {
    pub e1: String,
    pub e2: String,
    pub a1: String,
    pub a2: String,
    pub a3: String,
    pub c1: String,
}

impl Codes {
    pub fn all(&self) -> [&str; 6] {
        [&self.e1, &self.e2, &self.a1, &self.a2, &self.a3, &self.c1].map(String::as_str)
    }
}

/// An organisation with its administrator, a buyer running one project,
/// the project's CISO and viewer, and an IT colleague outside it.
pub struct Team {
    pub admin: Caller,
    pub buyer: Caller,
    pub ciso: Caller,
    pub viewer: Caller,
    pub it: Caller,
    pub project: String,
    pub codes: Codes,
}

pub async fn team(app: &TestApp) -> Team {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    app.add_user("viewer@chu.example", "CHU", Role::Viewer)
        .await;
    app.add_user("it@chu.example", "CHU", Role::It).await;
    let buyer = Caller::new(app, "buyer@chu.example").await;
    let (project, codes) = tender_project(&buyer, "AO-2026-PACS").await;
    // The buyer may not name the project's CISO: an administrator does.
    let admin = Caller::new(app, "admin@chu.example").await;
    admin.name_project_ciso(&project, "rssi@chu.example").await;
    Team {
        admin,
        buyer,
        ciso: Caller::new(app, "rssi@chu.example").await,
        viewer: Caller::new(app, "viewer@chu.example").await,
        it: Caller::new(app, "it@chu.example").await,
        project,
        codes,
    }
}

/// A project whose tender keeps exactly six requirements (see [`Codes`]);
/// the selection is saved, so it is at version 1.
pub async fn tender_project(buyer: &Caller, reference: &str) -> (String, Codes) {
    let (status, project) = buyer
        .call(
            Method::POST,
            "/api/v1/projects",
            Some(json!({
                "reference": reference,
                "title": "PACS régional",
                "procurement_types": ["medical-devices", "network-equipment"],
                "stakeholders": [
                    {"email": "viewer@chu.example", "role": "viewer"}
                ]
            })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let id = project["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/projects/{id}/tender");
    let (status, proposal) = buyer.call(Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::OK, "{proposal}");
    let lines = proposal["lines"].as_array().unwrap();
    let of = |kind: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|line| line["default_kind"] == kind)
            .map(|line| line["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (eligibility, award, clauses) = (of("eligibility"), of("award"), of("clause"));
    assert!(eligibility.len() >= 2 && award.len() >= 3, "{proposal}");
    let clause = clauses
        .first()
        .or(eligibility.get(2))
        .or(award.get(3))
        .unwrap()
        .clone();
    let codes = Codes {
        e1: eligibility[0].clone(),
        e2: eligibility[1].clone(),
        a1: award[0].clone(),
        a2: award[1].clone(),
        a3: award[2].clone(),
        c1: clause,
    };
    let chosen = [
        (&codes.e1, "eligibility", 0),
        (&codes.e2, "eligibility", 0),
        (&codes.a1, "award", 50),
        (&codes.a2, "award", 30),
        (&codes.a3, "award", 20),
        (&codes.c1, "clause", 0),
    ];
    let body: Vec<Value> = lines
        .iter()
        .map(|line| {
            let code = line["id"].as_str().unwrap();
            match chosen.iter().find(|(c, _, _)| c.as_str() == code) {
                Some((_, kind, weight)) => {
                    json!({"id": code, "included": true, "kind": kind, "weight": weight})
                }
                None => json!({"id": code, "included": false, "kind": line["kind"], "weight": 0}),
            }
        })
        .collect();
    let (status, saved) = buyer
        .call(
            Method::PUT,
            &path,
            Some(json!({"version": 0, "lines": body})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["award_total"], 100);
    let included: Vec<&str> = saved["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["included"] == true)
        .map(|line| line["id"].as_str().unwrap())
        .collect();
    assert_eq!(included.len(), 6, "{included:?}");
    (id, codes)
}

/// The blank questionnaire of a project, in French.
pub async fn questionnaire(caller: &Caller, project: &str) -> Vec<u8> {
    let (status, kind, _, bytes) = caller
        .file(&format!(
            "/api/v1/projects/{project}/tender/questionnaire?lang=fr"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, XLSX);
    bytes
}

/// `blank` filled with (code, answer word, comment) rows.
pub fn fill(blank: &[u8], answers: &[(&String, &str, &str)]) -> Vec<u8> {
    let rows: Vec<(&str, &str, &str)> = answers
        .iter()
        .map(|(code, answer, comment)| (code.as_str(), *answer, *comment))
        .collect();
    fill_questionnaire(blank, &rows)
}

/// Every requirement answered "Oui".
pub fn all_yes(blank: &[u8], codes: &Codes) -> Vec<u8> {
    let rows: Vec<(&str, &str, &str)> = codes.all().iter().map(|c| (*c, "Oui", "")).collect();
    fill_questionnaire(blank, &rows)
}

/// Registers a bid and returns it.
pub async fn add_bid(caller: &Caller, project: &str, supplier: &str, offer: &str) -> Value {
    let (status, bid) = caller
        .call(
            Method::POST,
            &format!("/api/v1/projects/{project}/bids"),
            Some(json!({"supplier": supplier, "offer": offer, "product_version": "4.2"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{bid}");
    assert_eq!(bid["supplier"], supplier);
    assert_eq!(bid["status"], "pending");
    assert_eq!(bid["source"], Value::Null);
    assert_eq!(bid["version"], 1);
    bid
}

pub fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

pub async fn import(caller: &Caller, bid: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    caller
        .send(
            Method::POST,
            &format!("/api/v1/bids/{bid}/import"),
            XLSX,
            bytes,
        )
        .await
}

pub async fn evaluation(caller: &Caller, project: &str) -> Value {
    let (status, view) = caller
        .call(
            Method::GET,
            &format!("/api/v1/projects/{project}/bids"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view
}

pub async fn bid(caller: &Caller, id: &str) -> Value {
    let (status, bid) = caller
        .call(Method::GET, &format!("/api/v1/bids/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{bid}");
    bid
}

/// The bid of `supplier` in an evaluation.
pub fn bid_in<'a>(view: &'a Value, supplier: &str) -> &'a Value {
    view["bids"]
        .as_array()
        .unwrap()
        .iter()
        .find(|bid| bid["supplier"] == supplier)
        .unwrap_or_else(|| panic!("no bid of {supplier} in {view}"))
}

pub fn line<'a>(bid: &'a Value, code: &str) -> &'a Value {
    bid["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["code"] == code)
        .unwrap_or_else(|| panic!("no line {code} in {bid}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

const ALPHA: &str = "Alpha Santé";
const BRAVO: &str = "Bravo Imagerie";
const CHARLIE: &str = "Charlie Systèmes";

/// The three bids of the acceptance scenario, imported from filled
/// questionnaires: (alpha, bravo, charlie) ids.
async fn three_bids(team: &Team) -> (String, String, String) {
    let Codes {
        e1,
        e2,
        a1,
        a2,
        a3,
        c1,
    } = &team.codes;
    let blank = questionnaire(&team.buyer, &team.project).await;
    // Alpha answers "Oui" to everything.
    let alpha_file = all_yes(&blank, &team.codes);
    // Bravo: partial answers explained, an award criterion that does not
    // apply to its offer, and the clause refused.
    let bravo_file = fill(
        &blank,
        &[
            (e1, "Oui", ""),
            (
                e2,
                "Partiel",
                "Chiffrement au repos en cours de déploiement",
            ),
            (a1, "Oui", ""),
            (
                a2,
                "Partiel",
                "MFA pour les comptes d'administration seulement",
            ),
            (a3, "Sans objet", "Pas de télémaintenance dans cette offre"),
            (c1, "Non", ""),
        ],
    );
    // Charlie fails the first eligibility requirement.
    let charlie_file = fill(
        &blank,
        &[
            (e1, "Non", ""),
            (e2, "Oui", ""),
            (a1, "Partiel", "Correctifs trimestriels"),
            (a2, "Oui", ""),
            (a3, "Non", ""),
            (c1, "Oui", ""),
        ],
    );
    let mut ids = Vec::new();
    for (supplier, file) in [
        (ALPHA, alpha_file),
        (BRAVO, bravo_file),
        (CHARLIE, charlie_file),
    ] {
        let id = id_of(&add_bid(&team.buyer, &team.project, supplier, "PACS").await);
        let (status, imported) = import(&team.buyer, &id, file).await;
        assert_eq!(status, StatusCode::OK, "{supplier}: {imported}");
        assert_eq!(imported["source"], "import");
        assert_eq!(imported["version"], 2);
        assert_eq!(imported["unanswered"], 0);
        ids.push(id);
    }
    (ids[0].clone(), ids[1].clone(), ids[2].clone())
}

fn score(bid: &Value) -> f64 {
    bid["score"].as_f64().unwrap()
}

#[tokio::test]
async fn three_suppliers_are_judged_eligible_scored_and_ranked_as_worked_out_by_hand() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let (alpha_id, bravo_id, charlie_id) = three_bids(&team).await;
        let view = evaluation(&team.buyer, &team.project).await;
        assert_eq!(view["requirements"], 6);
        assert_eq!(view["tender_version"], 1);
        assert_eq!(
            view["rules"],
            json!({"partial_fails_eligibility": false, "yes": 100, "partial": 50, "no": 0, "version": 0})
        );
        // Ranked first, then the ineligible bid.
        let order: Vec<&str> = view["bids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["supplier"].as_str().unwrap())
            .collect();
        assert_eq!(order, [ALPHA, BRAVO, CHARLIE], "{}", app.backend);

        // Alpha: 50×100 + 30×100 + 20×100 = 10000 over 100 → 100.0.
        let alpha = bid_in(&view, ALPHA);
        assert_eq!(alpha["id"], alpha_id.as_str());
        assert_eq!(alpha["eligible"], true);
        assert_eq!(strings(&alpha["ineligible"]), Vec::<String>::new());
        assert_eq!(strings(&alpha["reservations"]), Vec::<String>::new());
        assert_eq!(score(alpha), 100.0);
        assert_eq!(alpha["rank"], 1);
        assert_eq!(alpha["outdated"], false);

        // Bravo: "Partiel" on an eligibility requirement does not exclude
        // by default; "Sans objet" leaves A3 out of the denominator:
        // (50×100 + 30×50) / (50 + 30) = 6500 / 80 = 81.25 → 81.3 (half up).
        // Counting A3 as 0 would give 65.0 instead.
        let bravo = bid_in(&view, BRAVO);
        assert_eq!(bravo["id"], bravo_id.as_str());
        assert_eq!(bravo["eligible"], true);
        assert_eq!(score(bravo), 81.3);
        assert_eq!(bravo["rank"], 2);
        assert_eq!(strings(&bravo["reservations"]), vec![codes.c1.clone()]);
        assert_eq!(line(bravo, &codes.a1)["credit"], 100);
        assert_eq!(line(bravo, &codes.a2)["credit"], 50);
        assert_eq!(line(bravo, &codes.a2)["answer"], "partial");
        assert_eq!(
            line(bravo, &codes.a2)["comment"],
            "MFA pour les comptes d'administration seulement"
        );
        assert_eq!(line(bravo, &codes.a3)["answer"], "not-applicable");
        assert_eq!(line(bravo, &codes.a3)["credit"], Value::Null);
        assert_eq!(line(bravo, &codes.e2)["met"], true);
        assert_eq!(line(bravo, &codes.c1)["met"], false);

        // Charlie: "Non" to E1 excludes it, unranked; its score still reads
        // 50×50 + 30×100 + 20×0 = 5500 over 100 → 55.0.
        let charlie = bid_in(&view, CHARLIE);
        assert_eq!(charlie["id"], charlie_id.as_str());
        assert_eq!(charlie["eligible"], false);
        assert_eq!(strings(&charlie["ineligible"]), vec![codes.e1.clone()]);
        assert_eq!(score(charlie), 55.0);
        assert_eq!(charlie["rank"], Value::Null);
        assert_eq!(line(charlie, &codes.e1)["met"], false);

        // Scores are not stored: a stricter rule re-scores at once. With
        // "Partiel" excluding on eligibility, Bravo (E2 partial) is out too.
        let rules = format!("/api/v1/projects/{}/scoring-rules", team.project);
        let (status, strict) = team
            .buyer
            .call(
                Method::PUT,
                &rules,
                Some(json!({"partial_fails_eligibility": true, "yes": 100, "partial": 50, "no": 0, "version": 0})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{strict}");
        assert_eq!(strict["rules"]["version"], 1);
        assert_eq!(bid_in(&strict, BRAVO)["eligible"], false);
        assert_eq!(
            strings(&bid_in(&strict, BRAVO)["ineligible"]),
            vec![codes.e2.clone()]
        );
        assert_eq!(bid_in(&strict, BRAVO)["rank"], Value::Null);
        assert_eq!(bid_in(&strict, ALPHA)["rank"], 1);
        // Partial credit at 80 %: Bravo (50×100 + 30×80) / 80 = 92.5.
        let (status, generous) = team
            .buyer
            .call(
                Method::PUT,
                &rules,
                Some(json!({"partial_fails_eligibility": false, "yes": 100, "partial": 80, "no": 0, "version": 1})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{generous}");
        assert_eq!(score(bid_in(&generous, BRAVO)), 92.5);
        assert_eq!(bid_in(&generous, BRAVO)["rank"], 2);
        // A writer holding version 1 is told someone saved first.
        let (status, _) = team
            .buyer
            .call(
                Method::PUT,
                &rules,
                Some(json!({"partial_fails_eligibility": false, "yes": 100, "partial": 50, "no": 0, "version": 1})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
}

// ---------------------------------------------------------------- hostile files

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

/// Bytes that look random (and do not compress), the same every run.
fn noise(size: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..size)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect()
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

/// The refusal: 422, code `answers`, and the problems' codes and messages.
fn problems(status: StatusCode, body: &Value) -> Vec<(String, String)> {
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "answers", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("rien n'a été enregistré"),
        "{body}"
    );
    body["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_owned(),
                p["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The bid is as registered: no answer, no source, version 1.
async fn untouched(caller: &Caller, id: &str, what: &str) {
    let seen = bid(caller, id).await;
    assert_eq!(seen["source"], Value::Null, "{what}: {seen}");
    assert_eq!(seen["version"], 1, "{what}: {seen}");
    assert_eq!(seen["unanswered"], 6, "{what}: {seen}");
    assert!(
        seen["lines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|line| line["answer"].is_null() && line["comment"] == ""),
        "{what}: {seen}"
    );
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
                "plus de 5\u{a0}000 lignes".to_owned(),
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
        cases.push(("an 11 MiB file", large, "file", "10\u{a0}Mio".to_owned()));

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

// ---------------------------------------------------- entry, overrides, award

#[tokio::test]
async fn evaluators_enter_answers_override_with_a_reason_and_award_the_best_eligible_bid() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let buyer = &team.buyer;
        let (alpha, bravo, charlie) = three_bids(&team).await;

        // Manual entry needs the version read: 1 is stale after the import.
        let answers = format!("/api/v1/bids/{charlie}/answers");
        let entry = |version: i64, word: &str| {
            json!({"version": version, "answers": [
                {"code": codes.a3, "answer": word, "comment": "Astreinte 24/7 sous contrat", "evidence_ref": "Annexe 4"}
            ]})
        };
        let (status, body) = buyer
            .call(Method::PUT, &answers, Some(entry(1, "Partiel")))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"]["code"], "conflict");
        let (status, body) = buyer
            .call(Method::PUT, &answers, Some(entry(2, "Peut-être")))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["problems"][0]["code"], "unknown_answer");
        let unchanged = bid(buyer, &charlie).await;
        assert_eq!(unchanged["version"], 2);
        assert_eq!(score(&unchanged), 55.0);
        let (status, entered) = buyer
            .call(Method::PUT, &answers, Some(entry(2, "Partiel")))
            .await;
        assert_eq!(status, StatusCode::OK, "{entered}");
        assert_eq!(entered["version"], 3);
        assert_eq!(entered["source"], "manual");
        // The other answers are kept: 50×50 + 30×100 + 20×50 = 6500 → 65.0.
        assert_eq!(score(&entered), 65.0);
        assert_eq!(line(&entered, &codes.a3)["evidence_ref"], "Annexe 4");
        assert_eq!(line(&entered, &codes.e1)["answer"], "no");
        assert_eq!(entered["eligible"], false);

        // An override needs a justification; nothing changes without one.
        let override_path = format!("/api/v1/bids/{bravo}/overrides/{}", codes.a1);
        let (status, body) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"score": 40, "justification": "   "})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "invalid");
        assert_eq!(score(&bid(buyer, &bravo).await), 81.3);
        let (status, body) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"score": 140, "justification": "trop"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let justification =
            "Le rapport d'audit fourni date de 2019 et ne couvre pas la version proposée";
        let (status, overridden) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"score": 40, "justification": justification})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{overridden}");
        // (50×40 + 30×50) / 80 = 3500 / 80 = 43.75 → 43.8.
        assert_eq!(score(&overridden), 43.8);
        let a1 = line(&overridden, &codes.a1);
        assert_eq!(a1["credit"], 40);
        assert_eq!(a1["overridden"], true);
        assert_eq!(a1["override_justification"], justification);
        let (status, audit) = team
            .admin
            .call(Method::GET, "/api/v1/audit?action=bid.override", None)
            .await;
        assert_eq!(status, StatusCode::OK, "{audit}");
        let entry = audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["detail"]["bid"] == bravo.as_str())
            .unwrap_or_else(|| panic!("no bid.override entry: {audit}"));
        assert_eq!(entry["action"], "bid.override");
        assert_eq!(entry["actor"], "buyer@chu.example");
        assert_eq!(entry["detail"]["requirement"], codes.a1.as_str());
        assert_eq!(entry["detail"]["score"], 40);
        assert_eq!(entry["detail"]["justification"], justification);
        // Removing it restores the answer's score.
        let (status, restored) = buyer.call(Method::DELETE, &override_path, None).await;
        assert_eq!(status, StatusCode::OK, "{restored}");
        assert_eq!(score(&restored), 81.3);
        let (status, _) = buyer.call(Method::DELETE, &override_path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // An ineligible bid cannot be awarded.
        let award = |id: &str| format!("/api/v1/bids/{id}/award");
        let commitments = json!({
            "version": 3,
            "support_end": "2031-12-31",
            "patch_delay_days": 30,
            "remote_access": "Bastion de l'établissement, sessions enregistrées",
            "certifications": [{"name": "ISO/IEC 27001", "scope": "Hébergement", "expires_on": "2027-06-30"}]
        });
        let (status, body) = buyer
            .call(Method::POST, &award(&charlie), Some(commitments.clone()))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("non éligible"),
            "{body}"
        );
        // An evaluator's decision on E1 brings it back into the ranking,
        // third with 65.0 after Alpha (100.0) and Bravo (81.3).
        let (status, accepted) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{charlie}/overrides/{}", codes.e1),
                Some(json!({"score": 100, "justification": "Attestation de conformité fournie après la clôture"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{accepted}");
        assert_eq!(accepted["eligible"], true);
        assert_eq!(accepted["rank"], 3);

        // The best bid, at the version read.
        let mut stale = commitments.clone();
        stale["version"] = json!(1);
        let (status, _) = buyer.call(Method::POST, &award(&alpha), Some(stale)).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let mut current = commitments.clone();
        current["version"] = json!(2);
        let (status, awarded) = buyer
            .call(Method::POST, &award(&alpha), Some(current.clone()))
            .await;
        assert_eq!(status, StatusCode::OK, "{awarded}");
        assert_eq!(awarded["bid"], alpha.as_str());
        let view = evaluation(buyer, &team.project).await;
        assert_eq!(bid_in(&view, ALPHA)["status"], "awarded");
        let recorded = &view["commitments"];
        assert_eq!(recorded["bid"], alpha.as_str(), "{view}");
        assert_eq!(recorded["support_end"], "2031-12-31");
        assert_eq!(recorded["patch_delay_days"], 30);
        assert_eq!(
            recorded["remote_access"],
            "Bastion de l'établissement, sessions enregistrées"
        );
        assert_eq!(recorded["certifications"][0]["name"], "ISO/IEC 27001");
        assert_eq!(recorded["certifications"][0]["expires_on"], "2027-06-30");
        // One award per project; the awarded bid is closed.
        let mut again = current.clone();
        again["version"] = json!(2);
        let (status, body) = buyer.call(Method::POST, &award(&bravo), Some(again)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{alpha}/answers"),
                Some(json!({"version": 3, "answers": [{"code": codes.a1, "answer": "Non"}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(score(&bid(buyer, &alpha).await), 100.0);
        // The whole evaluation is kept as it was when the contract was
        // awarded: no losing bid's answers, no override, no rule, no new bid.
        let closed = "Le marché a été attribué";
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{bravo}/answers"),
                Some(json!({"version": bid(buyer, &bravo).await["version"], "answers": [{"code": codes.a1, "answer": "Oui"}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(closed),
            "{body}"
        );
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{bravo}/overrides/{}", codes.a2),
                Some(json!({"score": 100, "justification": "Après coup"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(closed),
            "{body}"
        );
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/projects/{}/scoring-rules", team.project),
                Some(json!({"partial_fails_eligibility": false, "yes": 100, "partial": 100, "no": 0, "version": view["rules"]["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = buyer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{}/bids", team.project),
                Some(json!({"supplier": "Retardataire"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        // Two awards at once cannot both land: the database refuses the
        // second whatever the path.
        let mut conn = app.store().connection().await.unwrap();
        let other = procura_store::bids::bid_by_id(
            &mut conn,
            procura_domain::BidId::parse(&bravo).unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let second = procura_store::bids::update_bid(
            &mut conn,
            &procura_store::bids::BidRecord {
                status: procura_domain::BidStatus::Awarded,
                ..other
            },
        )
        .await;
        assert!(
            matches!(second, Err(procura_store::StoreError::Duplicate { .. })),
            "{second:?}"
        );
        drop(conn);
        let after = evaluation(buyer, &team.project).await;
        assert_eq!(after["bids"].as_array().unwrap().len(), 3);
        assert_eq!(
            bid_in(&after, BRAVO)["score"],
            bid_in(&view, BRAVO)["score"]
        );
        let (_, audit) = team
            .admin
            .call(Method::GET, "/api/v1/audit?action=bid.award", None)
            .await;
        assert_eq!(audit["entries"].as_array().unwrap().len(), 1, "{audit}");
        assert_eq!(audit["entries"][0]["detail"]["score"], "100.0");
    }
}

// ------------------------------------------------------------- the report

fn docx_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name("word/document.xml").unwrap();
    let mut xml = String::new();
    entry.read_to_string(&mut xml).unwrap();
    xml
}

#[tokio::test]
async fn the_evaluation_report_holds_the_suppliers_their_scores_and_the_exclusion() {
    for app in apps().await {
        let team = team(&app).await;
        three_bids(&team).await;
        let base = format!("/api/v1/projects/{}/evaluation", team.project);

        let (status, kind, disposition, bytes) = team
            .buyer
            .file(&format!("{base}/report.docx?lang=fr"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            kind,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            disposition.contains("AO-2026-PACS-analyse-securite-offres-fr.docx"),
            "{disposition}"
        );
        let xml = docx_xml(&bytes);
        for expected in [
            ALPHA,
            BRAVO,
            CHARLIE,
            "100.0",
            "81.3",
            "55.0",
            "Non éligible",
        ] {
            assert!(xml.contains(expected), "{expected} missing from the report");
        }
        assert!(xml.contains(&team.codes.e1));

        let (status, kind, _, bytes) = team
            .buyer
            .file(&format!("{base}/report.xlsx?lang=fr"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, XLSX);
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let summary = workbook.worksheet_range("Synthèse").unwrap();
        let scores: Vec<(String, Data)> = summary
            .rows()
            .filter(|row| {
                [ALPHA, BRAVO, CHARLIE]
                    .iter()
                    .any(|name| row.get(1).is_some_and(|cell| *cell == *name))
            })
            .map(|row| (row[1].to_string(), row[4].clone()))
            .collect();
        assert_eq!(
            scores,
            vec![
                (ALPHA.to_owned(), Data::Float(100.0)),
                (BRAVO.to_owned(), Data::Float(81.3)),
                (CHARLIE.to_owned(), Data::Float(55.0)),
            ]
        );

        let (status, kind, _, bytes) = team.buyer.file(&format!("{base}/report.pdf?lang=en")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, "application/pdf");
        assert!(bytes.starts_with(b"%PDF-"));

        let (status, _, _, _) = team.buyer.file(&format!("{base}/report.odt")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Someone outside the project does not learn it exists.
        let (status, _, _, _) = team.it.file(&format!("{base}/report.docx?lang=fr")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

// ---------------------------------------------------------------- the pages

/// The requirements × bids grid of an evaluation page: the supplier columns
/// and the requirement codes of its rows.
fn grid(page: &str) -> (Vec<String>, Vec<String>) {
    let start = page.find("grid-table").expect("a grid");
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let head = &table[..table.find("</thead>").unwrap()];
    let columns: Vec<String> = head
        .split("<th scope=\"col\">")
        .skip(3)
        .map(|cell| unescape(&cell[..cell.find("</th>").unwrap()]))
        .collect();
    let rows = table
        .split("<span class=\"code\">")
        .skip(1)
        .map(|cell| cell[..cell.find("</span>").unwrap()].to_owned())
        .collect();
    (columns, rows)
}

#[tokio::test]
async fn the_evaluation_pages_show_the_grid_with_its_filters_and_read_only_to_viewers() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let (alpha, _, charlie) = three_bids(&team).await;
        let project = &team.project;
        let buyer = app.sign_in("buyer@chu.example").await;

        let page = buyer.get(&format!("/projects/{project}/bids")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        let (columns, rows) = grid(&body);
        assert_eq!(columns, [ALPHA, BRAVO, CHARLIE]);
        assert_eq!(rows.len(), 6);
        assert!(body.contains(&format!(
            "method=\"post\" action=\"/projects/{project}/bids\""
        )));
        assert!(body.contains("81.3"));

        // Eligible bids only, and only the requirements where they differ:
        // Alpha and Bravo agree on E1 and A1 ("Oui"), differ elsewhere.
        let page = buyer
            .get(&format!(
                "/projects/{project}/bids?eligible=1&differences=1"
            ))
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        let (columns, rows) = grid(&body);
        assert_eq!(columns, [ALPHA, BRAVO]);
        let mut expected = vec![
            codes.e2.clone(),
            codes.a2.clone(),
            codes.a3.clone(),
            codes.c1.clone(),
        ];
        expected.sort();
        let mut rows = rows;
        rows.sort();
        assert_eq!(rows, expected);
        // The ranking still lists the excluded bid, with its reason.
        assert!(body.contains(CHARLIE));
        assert!(body.contains(&format!("{} : Non", codes.e1)));

        let page = buyer.get(&format!("/bids/{alpha}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        assert!(body.contains(ALPHA));
        for code in codes.all() {
            assert!(body.contains(code), "{code}");
        }
        assert!(body.contains(&format!("/bids/{alpha}/import?csrf=")));
        assert!(body.contains("Retenir l'offre"));

        // The project's viewer reads, without the forms.
        let viewer = app.sign_in("viewer@chu.example").await;
        let page = viewer.get(&format!("/projects/{project}/bids")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        assert_eq!(grid(&body).0, [ALPHA, BRAVO, CHARLIE]);
        assert!(!body.contains(&format!(
            "method=\"post\" action=\"/projects/{project}/bids\""
        )));
        assert!(!body.contains("/bids/rules"));
        let page = viewer.get(&format!("/bids/{charlie}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = page.text().await.unwrap();
        assert!(body.contains(" disabled>"));
        assert!(!body.contains("/import?csrf="));
        assert!(!body.contains("/override\""));
        assert!(!body.contains("/award\""));
        // A viewer's form post is refused all the same.
        let csrf = crate::harness::csrf_in(&body).unwrap();
        let refused = viewer
            .post_form(
                &format!("/bids/{charlie}/answers"),
                &[
                    ("csrf", &csrf),
                    ("version", "2"),
                    ("line", &codes.e1),
                    (&format!("answer-{}", codes.e1), "yes"),
                ],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(score(&bid(&team.buyer, &charlie).await), 55.0);

        // A colleague outside the project finds nothing.
        let outsider = app.sign_in("it@chu.example").await;
        for path in [
            format!("/projects/{project}/bids"),
            format!("/bids/{alpha}"),
        ] {
            let page = outsider.get(&path).await;
            assert_eq!(page.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
}

// ---------------------------------------------------------------- who may

#[tokio::test]
async fn only_the_project_team_evaluates_and_only_members_see_the_bids() {
    for app in apps().await {
        let team = team(&app).await;
        let project = &team.project;
        let id = id_of(&add_bid(&team.buyer, project, ALPHA, "PACS").await);
        let blank = questionnaire(&team.buyer, project).await;
        let complete = all_yes(&blank, &team.codes);

        // IT staff outside the project: the project and its bids do not exist.
        let (status, body) = team
            .it
            .call(
                Method::GET,
                &format!("/api/v1/projects/{project}/bids"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, _) = team
            .it
            .call(Method::GET, &format!("/api/v1/bids/{id}"), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = team
            .it
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/bids"),
                Some(json!({"supplier": "Intrus"})),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = import(&team.it, &id, complete.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Access is checked before the file is read: a file from someone
        // outside the project is not examined, whatever it holds.
        let (status, body) = import(&team.it, &id, noise(4096)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, body) = import(
            &team.it,
            "00000000-0000-4000-8000-000000000000",
            noise(4096),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");

        // The project's viewer sees but does not change.
        let view = evaluation(&team.viewer, project).await;
        assert_eq!(view["bids"].as_array().unwrap().len(), 1);
        let (status, body) = import(&team.viewer, &id, complete.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["error"]["code"], "forbidden");
        let (status, body) = import(&team.viewer, &id, noise(4096)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/bids"),
                Some(json!({"supplier": "Intrus"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                &format!("/api/v1/bids/{id}/links"),
                Some(json!({"days": 30})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        untouched(&team.buyer, &id, "viewer import").await;

        // The project's CISO evaluates (but awarding is the buyers' call).
        let (status, body) = import(&team.ciso, &id, complete).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["source"], "import");
        assert_eq!(score(&body), 100.0);
        let (status, _) = team
            .ciso
            .call(
                Method::POST,
                &format!("/api/v1/bids/{id}/award"),
                Some(json!({"version": 2})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The supplier register: read by all, kept by those who evaluate.
        let (status, suppliers) = team.it.call(Method::GET, "/api/v1/suppliers", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(suppliers[0]["name"], ALPHA);
        // It does not tell the IT colleague which projects Alpha bid on.
        let (status, alpha) = team
            .it
            .call(
                Method::GET,
                &format!("/api/v1/suppliers/{}", suppliers[0]["id"].as_str().unwrap()),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{alpha}");
        assert_eq!(alpha["projects"], json!([]));
        let (status, alpha) = team
            .buyer
            .call(
                Method::GET,
                &format!("/api/v1/suppliers/{}", suppliers[0]["id"].as_str().unwrap()),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        // Its answers were imported from the questionnaire: received.
        assert_eq!(alpha["projects"], json!(["AO-2026-PACS (submitted)"]));
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({"name": "Delta"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, created) = team
            .ciso
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({"name": "Delta Réseaux", "company_id": "732 829 320"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["company_id"], "732829320");
    }
}

// ------------------------------------------- "not applicable" to eligibility

#[tokio::test]
async fn a_not_applicable_eligibility_answer_waits_for_a_ruling_before_the_award() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let buyer = &team.buyer;
        let id = id_of(&add_bid(buyer, &team.project, "Delta Santé", "DMP").await);
        let answers: Vec<Value> = codes
            .all()
            .iter()
            .map(|code| {
                if *code == codes.e2 {
                    json!({"code": code, "answer": "Sans objet", "comment": "Aucune donnée de santé traitée"})
                } else {
                    json!({"code": code, "answer": "Oui"})
                }
            })
            .collect();
        let (status, entered) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{id}/answers"),
                Some(json!({"version": 1, "answers": answers})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{entered}");
        assert_eq!(entered["eligible"], true);
        assert_eq!(entered["to_verify"], json!([codes.e2]));
        let award = format!("/api/v1/bids/{id}/award");
        let (status, refused) = buyer
            .call(Method::POST, &award, Some(json!({"version": 2})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Sans objet"),
            "{refused}"
        );
        // The evaluator accepts the exemption, with a reason: now it may go.
        let (status, ruled) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{id}/overrides/{}", codes.e2),
                Some(json!({"score": 100, "justification": "Vérifié : le service ne traite aucune donnée de santé"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{ruled}");
        assert_eq!(ruled["to_verify"], json!([]));
        let (status, awarded) = buyer
            .call(Method::POST, &award, Some(json!({"version": 2})))
            .await;
        assert_eq!(status, StatusCode::OK, "{awarded}");
    }
}

// ------------------------------------------------------ the supplier register

#[tokio::test]
async fn the_register_keeps_identifiers_and_flags_expired_certifications() {
    for app in apps().await {
        let team = team(&app).await;
        let buyer = &team.buyer;
        let (status, created) = buyer
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({
                    "name": "  Acme   Santé ",
                    "company_id": "732 829 320 00074",
                    "vat": "fr 40 303 265 045",
                    "contacts": "Jeanne Martin, jeanne.martin@acme.example",
                    "certifications": [
                        {"name": "HDS", "scope": "Hébergement", "expires_on": "2020-01-31"},
                        {"name": "ISO/IEC 27001", "scope": "Infogérance", "expires_on": "2099-12-31"}
                    ]
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["name"], "Acme Santé");
        assert_eq!(created["company_id"], "73282932000074");
        assert_eq!(created["vat"], "FR40303265045");
        let id = created["id"].as_str().unwrap().to_owned();

        // Expired certifications are flagged in the list and on the page.
        let (_, list) = buyer.call(Method::GET, "/api/v1/suppliers", None).await;
        let acme = &list[0];
        assert_eq!(acme["certifications"][0]["expired"], true, "{list}");
        assert_eq!(acme["certifications"][1]["expired"], false);
        let page = app
            .sign_in("buyer@chu.example")
            .await
            .get("/suppliers")
            .await;
        let html = crate::harness::unescape(&page.text().await.unwrap());
        assert!(
            html.contains("Acme Santé") && html.contains("Expirée"),
            "{html}"
        );

        // A wrong check digit, a duplicate name, a stale version.
        for (body, expected) in [
            (
                json!({"name": "Beta", "company_id": "732829321"}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (json!({"name": "ACME santé"}), StatusCode::CONFLICT),
        ] {
            let (status, answer) = buyer
                .call(Method::POST, "/api/v1/suppliers", Some(body))
                .await;
            assert_eq!(status, expected, "{answer}");
        }
        let (status, _) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/suppliers/{id}"),
                Some(json!({"name": "Acme Santé", "version": 7})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, updated) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/suppliers/{id}"),
                Some(
                    json!({"name": "Acme Santé", "contacts": "support@acme.example", "version": 1}),
                ),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["certifications"], json!([]));
        // Viewers read the register but do not keep it.
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({"name": "Gamma"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
