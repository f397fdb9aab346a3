//! Supplier evaluation through the real server: three suppliers' filled
//! questionnaires imported and scored against values worked out by hand,
//! hostile files refused without a trace, manual entry, overrides, the
//! award, the evaluation report, the pages and who may do what, one subject
//! a file. Here: the team, the project and the bids every subject sets up.

mod award;
mod hostile;
mod pages;
mod permissions;
mod register;
mod report;
mod scoring;

use procura_docs::testing::fill_questionnaire;
use procura_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::TestApp;
use crate::harness::ApiClient as Caller;

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
    let (eligibility, award, clauses) = (of("minimum"), of("award"), of("clause"));
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
        (&codes.e1, "minimum", 0),
        (&codes.e2, "minimum", 0),
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
    // The evaluators grade each award criterion on the 0–4 scale, each
    // grade justified: as the answers propose, and Bravo's "not
    // applicable" remote-maintenance criterion at 0 (nothing offered).
    for (id, grades) in [
        (&ids[0], [(a1, 4), (a2, 4), (a3, 4)]),
        (&ids[1], [(a1, 4), (a2, 2), (a3, 0)]),
        (&ids[2], [(a1, 2), (a2, 4), (a3, 0)]),
    ] {
        for (code, value) in grades {
            grade(&team.buyer, id, code, value).await;
        }
    }
    (ids[0].clone(), ids[1].clone(), ids[2].clone())
}

/// An evaluator's grade on the published 0–4 scale, with a justification.
pub async fn grade(buyer: &Caller, bid: &str, code: &str, value: u32) {
    let (status, body) = buyer
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/bids/{bid}/overrides/{code}"),
            Some(serde_json::json!({"grade": value, "justification": "Checked against the offer"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

fn score(bid: &Value) -> f64 {
    bid["score"].as_f64().unwrap()
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
