//! The tender's security requirements through the real server: the
//! proposal, saving choices, refused weights, concurrency, own
//! requirements, the documents and who may do what.

use std::io::Read;

use calamine::{Reader, Xlsx};
use procura_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::ApiClient as Caller;
use crate::{TestApp, apps};

/// An organisation with a buyer who runs the project, its CISO, a viewer
/// on the project and a colleague outside it.
async fn team(app: &TestApp) -> (Caller, Caller, Caller, Caller, String) {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    app.add_user("viewer@chu.example", "CHU", Role::Viewer)
        .await;
    app.add_user("it@chu.example", "CHU", Role::It).await;
    let buyer = Caller::new(app, "buyer@chu.example").await;
    let (status, project) = buyer
        .call(
            Method::POST,
            "/api/v1/projects",
            Some(json!({
                "reference": "AO-2026-PACS",
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
    // The buyer may not name the project's CISO: an administrator does.
    Caller::new(app, "admin@chu.example")
        .await
        .name_project_ciso(&id, "rssi@chu.example")
        .await;
    (
        buyer,
        Caller::new(app, "rssi@chu.example").await,
        Caller::new(app, "viewer@chu.example").await,
        Caller::new(app, "it@chu.example").await,
        id,
    )
}

fn lines(selection: &Value) -> &Vec<Value> {
    selection["lines"].as_array().unwrap()
}

fn award_lines(selection: &Value) -> Vec<&Value> {
    lines(selection)
        .iter()
        .filter(|line| line["included"] == true && line["kind"] == "award")
        .collect()
}

fn docx_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name("word/document.xml").unwrap();
    let mut xml = String::new();
    entry.read_to_string(&mut xml).unwrap();
    xml
}

#[tokio::test]
async fn the_proposal_is_saved_weighted_and_turned_into_documents() {
    for app in apps().await {
        let (buyer, _, _, _, id) = team(&app).await;
        let path = format!("/api/v1/projects/{id}/tender");
        let (status, proposal) = buyer.call(Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{proposal}");
        assert_eq!(proposal["version"], 0);
        assert_eq!(proposal["award_total"], 100);
        assert_eq!(proposal["ready"], true);
        assert!(lines(&proposal).iter().all(|line| line["included"] == true));
        assert!(
            lines(&proposal)
                .iter()
                .any(|l| l["id"].as_str().unwrap().starts_with("REQ-CRT"))
        );
        assert!(
            !lines(&proposal)
                .iter()
                .any(|l| l["id"].as_str().unwrap().starts_with("REQ-CLD"))
        );

        // Weights that miss 100 % are refused with the total, and nothing is saved.
        let award = award_lines(&proposal);
        let first = award[0]["id"].as_str().unwrap().to_owned();
        let low = award[0]["weight"].as_u64().unwrap() - 1;
        let (status, refused) = buyer
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 0, "lines": [{"id": first, "included": true, "kind": "award", "weight": low}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["error"]["code"], "weights");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("99 %"),
            "{refused}"
        );
        let (_, unchanged) = buyer.call(Method::GET, &path, None).await;
        assert_eq!(unchanged["version"], 0);

        // Excluding a criterion and spreading the rest saves version 1.
        let excluded = award[1]["id"].as_str().unwrap().to_owned();
        let clause = lines(&proposal)
            .iter()
            .find(|line| line["kind"] == "minimum")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, saved) = buyer
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 0, "spread": true, "lines": [
                    {"id": excluded, "included": false, "kind": "award", "weight": 0},
                    {"id": clause, "included": true, "kind": "clause"}
                ]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["version"], 1);
        assert_eq!(saved["award_total"], 100);
        let line = |id: &str| {
            lines(&saved)
                .iter()
                .find(|line| line["id"] == id)
                .unwrap()
                .clone()
        };
        assert_eq!(line(&excluded)["included"], false);
        assert_eq!(line(&clause)["kind"], "clause");

        // A second writer holding version 0 is told someone saved first.
        let (status, _) = buyer
            .call(Method::PUT, &path, Some(json!({"version": 0, "lines": []})))
            .await;
        assert_eq!(status, StatusCode::CONFLICT);

        // The annex holds the included requirements, not the excluded one.
        let (status, kind, disposition, bytes) = buyer
            .file(&format!(
                "/api/v1/projects/{id}/tender/annex?format=docx&lang=en"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            kind,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            disposition.contains("AO-2026-PACS-security-annex-en.docx"),
            "{disposition}"
        );
        // A French document has a French name.
        let (_, _, disposition, _) = buyer
            .file(&format!(
                "/api/v1/projects/{id}/tender/annex?format=pdf&lang=fr"
            ))
            .await;
        assert!(
            disposition.contains("AO-2026-PACS-annexe-securite-fr.pdf"),
            "{disposition}"
        );
        let xml = docx_xml(&bytes);
        let included: Vec<&Value> = lines(&saved)
            .iter()
            .filter(|l| l["included"] == true)
            .collect();
        for line in &included {
            assert!(xml.contains(line["id"].as_str().unwrap()), "{}", line["id"]);
        }
        assert!(!xml.contains(&excluded));
        for line in award_lines(&saved) {
            assert!(xml.contains(&format!("{}%", line["weight"])));
        }

        // The questionnaire has one row per included requirement.
        let (status, kind, _, bytes) = buyer
            .file(&format!(
                "/api/v1/projects/{id}/tender/questionnaire?lang=fr"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            kind,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let mut workbook: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = workbook.worksheet_range("Questionnaire").unwrap();
        let codes: Vec<String> = sheet
            .rows()
            .skip(5)
            .map(|row| row[0].to_string())
            .filter(|code| !code.is_empty())
            .collect();
        assert_eq!(codes.len(), included.len());
        let stamp = workbook.worksheet_range("procura").unwrap();
        let stamp_rows: Vec<(String, String)> = stamp
            .rows()
            .map(|row| (row[0].to_string(), row[1].to_string()))
            .collect();
        assert!(stamp_rows.contains(&("project".into(), id.clone())));
        assert!(stamp_rows.contains(&("version".into(), "1".into())));

        // Markdown and HTML, and the PDF typeset in-process.
        for (format, expected) in [
            ("md", "text/markdown; charset=utf-8"),
            ("html", "text/html; charset=utf-8"),
            ("pdf", "application/pdf"),
        ] {
            let (status, kind, _, bytes) = buyer
                .file(&format!(
                    "/api/v1/projects/{id}/tender/annex?format={format}"
                ))
                .await;
            assert_eq!(status, StatusCode::OK, "{format}");
            assert_eq!(kind, expected);
            if format == "pdf" {
                assert!(bytes.starts_with(b"%PDF-"));
            } else {
                assert!(String::from_utf8(bytes).unwrap().contains(&clause));
            }
        }
        let (status, _) = buyer
            .call(
                Method::GET,
                &format!("/api/v1/projects/{id}/tender/annex?format=odt"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // Every save is in the audit log.
        let admin = Caller::new(&app, "admin@chu.example").await;
        let (_, audit) = admin
            .call(Method::GET, "/api/v1/audit?action=tender.update", None)
            .await;
        assert!(audit.to_string().contains("tender.update"), "{audit}");
    }
}

#[tokio::test]
async fn own_requirements_are_kept_in_the_organisation_library_and_added_to_a_selection() {
    for app in apps().await {
        let (buyer, _, _, _, id) = team(&app).await;
        let (status, created) = buyer
            .call(
                Method::POST,
                "/api/v1/requirements/custom",
                Some(json!({
                    "kind": "award",
                    "importance": 4,
                    "practices": [25],
                    "text_fr": "Le soumissionnaire décrit l'intégration de sa télémaintenance au bastion de l'établissement.",
                    "evidence_fr": "Schéma d'architecture."
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["id"], "REQ-ORG-001");
        let (status, refused) = buyer
            .call(
                Method::POST,
                "/api/v1/requirements/custom",
                Some(json!({"kind": "award", "practices": [31], "text_en": "x"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let (_, library) = buyer
            .call(Method::GET, "/api/v1/requirements/custom", None)
            .await;
        assert_eq!(library.as_array().unwrap().len(), 1);

        let path = format!("/api/v1/projects/{id}/tender");
        let (status, saved) = buyer
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 0, "add": ["REQ-ORG-001"]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let own = lines(&saved)
            .iter()
            .find(|l| l["id"] == "REQ-ORG-001")
            .unwrap();
        assert_eq!(own["custom"], true);
        assert_eq!(own["weight"], 0);
        // French-only text prints in English too.
        assert_eq!(own["text"]["en"], own["text"]["fr"]);
        assert_eq!(saved["award_total"], 100);
        let version = saved["version"].as_i64().unwrap();
        let (status, spread) = buyer
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": version, "lines": [
                    {"id": "REQ-ORG-001", "included": true, "kind": "award", "weight": 10}
                ], "spread": true})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{spread}");
        assert_eq!(spread["award_total"], 100);
        let (_, _, _, bytes) = buyer
            .file(&format!(
                "/api/v1/projects/{id}/tender/annex?format=md&lang=fr"
            ))
            .await;
        let markdown = String::from_utf8(bytes).unwrap();
        assert!(markdown.contains("REQ-ORG-001"));
        assert!(markdown.contains("bastion de l'établissement"));
    }
}

#[tokio::test]
async fn only_the_project_team_chooses_and_only_members_see() {
    for app in apps().await {
        let (_, ciso, viewer, outsider, id) = team(&app).await;
        let path = format!("/api/v1/projects/{id}/tender");
        let (status, _) = outsider.call(Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _, _) = outsider
            .file(&format!("/api/v1/projects/{id}/tender/annex"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, seen) = viewer.call(Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(seen["can_edit"], false);
        let (status, _) = viewer
            .call(Method::PUT, &path, Some(json!({"version": 0, "lines": []})))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, saved) = ciso
            .call(Method::PUT, &path, Some(json!({"version": 0, "lines": []})))
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["can_edit"], true);
    }
}

#[tokio::test]
async fn the_page_keeps_what_was_typed_when_weights_are_refused() {
    for app in apps().await {
        let (_, _, _, _, id) = team(&app).await;
        let browser = app.sign_in("buyer@chu.example").await;
        let page = browser.get(&format!("/projects/{id}/tender")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = page.text().await.unwrap();
        let csrf = crate::harness::csrf_in(&body).unwrap();
        assert!(body.contains("REQ-"));
        // Every line, included, with its current kind; one award weight changed.
        let mut fields: Vec<(String, String)> = vec![
            ("csrf".into(), csrf.clone()),
            ("version".into(), "0".into()),
            ("action".into(), "save".into()),
        ];
        let selection: Vec<(String, String, String)> = body
            .split("name=\"line\" value=\"")
            .skip(1)
            .map(|rest| {
                let code = rest.split('"').next().unwrap().to_owned();
                let kind = body
                    .split(&format!("name=\"kind-{code}\""))
                    .nth(1)
                    .and_then(|after| after.split("selected").next())
                    .and_then(|before| before.rsplit("value=\"").next())
                    .and_then(|value| value.split('"').next())
                    .unwrap()
                    .to_owned();
                let weight = body
                    .split(&format!("name=\"weight-{code}\""))
                    .nth(1)
                    .and_then(|after| after.split("value=\"").nth(1))
                    .and_then(|value| value.split('"').next())
                    .unwrap()
                    .to_owned();
                (code, kind, weight)
            })
            .collect();
        assert!(!selection.is_empty());
        let mut changed = false;
        for (code, kind, weight) in &selection {
            fields.push(("line".into(), code.clone()));
            fields.push(("include".into(), code.clone()));
            fields.push((format!("kind-{code}"), kind.clone()));
            let weight = if kind == "award" && !changed {
                changed = true;
                (weight.parse::<u32>().unwrap() + 7).to_string()
            } else {
                weight.clone()
            };
            fields.push((format!("weight-{code}"), weight));
        }
        assert!(changed, "no award criterion in the proposal");
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let refused = browser
            .post_form(&format!("/projects/{id}/tender"), &pairs)
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = crate::harness::unescape(&refused.text().await.unwrap());
        assert!(text.contains("107 %"), "the total is named");
        // Spreading the same input saves it.
        let mut spread = pairs.clone();
        spread.retain(|(k, _)| *k != "action");
        spread.push(("action", "spread"));
        let saved = browser
            .post_form(&format!("/projects/{id}/tender"), &spread)
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let download = browser
            .get(&format!("/projects/{id}/tender/questionnaire.xlsx?lang=en"))
            .await;
        assert_eq!(download.status(), StatusCode::OK);
        let missing = browser
            .get(&format!("/projects/{id}/tender/annex.odt"))
            .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_tender_page_groups_requirements_by_theme_and_filters_one() {
    for app in apps().await {
        let (_, _, _, _, id) = team(&app).await;
        let browser = app.sign_in("buyer@chu.example").await;
        let all = crate::harness::unescape(
            &browser
                .get(&format!("/projects/{id}/tender"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            all.contains("<th scope=\"colgroup\" colspan=\"4\">Correctifs"),
            "grouped by theme"
        );
        let total = all.matches("name=\"line\"").count();
        let page = browser
            .get(&format!("/projects/{id}/tender?theme=patching"))
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let patching = crate::harness::unescape(&page.text().await.unwrap());
        let shown = patching.matches("name=\"line\"").count();
        assert!(shown > 0 && shown < total, "{shown} of {total}");
        assert_eq!(patching.matches("scope=\"colgroup\"").count(), 1);
        assert!(patching.contains("Seules les exigences de ce thème sont affichées"));
        assert!(patching.contains("<option value=\"patching\" selected>"));
        let refused = browser
            .get(&format!("/projects/{id}/tender?theme=nonsense"))
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
