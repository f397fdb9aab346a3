//! The checklist: one item per phase and applicable practice, input
//! refused whole, phase gates, stale versions and type changes.

use std::collections::BTreeSet;

use procura_catalog::PracticeQuery;
use procura_domain::{Phase, ProcurementType};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{items_of, name_ciso, new_project, team};
use crate::apps;

fn pairs(project: &Value) -> BTreeSet<(String, String)> {
    project["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["retired"] == false)
        .map(|item| {
            (
                item["phase"].as_str().unwrap().to_owned(),
                item["practice"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_checklist_has_one_item_per_phase_and_applicable_practice() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (status, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-01", &["medical-devices", "network-equipment"]),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{}: {project}", app.backend);
        // Expected pairs from the catalogue's query engine, not the generator.
        let catalog = procura_catalog::builtin().unwrap();
        let mut expected = BTreeSet::new();
        for phase in Phase::ALL {
            let query = PracticeQuery {
                phases: vec![*phase],
                procurement_types: vec![
                    ProcurementType::MedicalDevices,
                    ProcurementType::NetworkEquipment,
                ],
                ..PracticeQuery::default()
            };
            for found in catalog.query(&query) {
                expected.insert((phase.id().to_owned(), found.practice.id()));
            }
        }
        assert_eq!(pairs(&project), expected);
        assert_eq!(
            project["items"].as_array().unwrap().len(),
            expected.len(),
            "exactly one item per pair"
        );
        assert_eq!(project["stage"], "planning");
        assert_eq!(project["cpv_codes"][0], "33100000-1");
    }
}

#[tokio::test]
async fn bad_project_input_is_refused_and_nothing_is_written() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let mut body = new_project("MAR-02", &["medical-devices"]);
        body["cpv_codes"] = json!(["33100000-2"]);
        let (status, error) = buyer.post("/api/v1/projects", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        assert_eq!(error["error"]["code"], "fields", "{error}");
        let problem = &error["error"]["problems"][0];
        assert_eq!(problem["code"], "cpv_codes", "{error}");
        let message = problem["message"].as_str().unwrap();
        assert!(
            message.contains("33100000-… a un chiffre de contrôle erroné")
                && message.contains("(33100000-1)"),
            "the expected check digit is named: {message}"
        );
        let (_, list) = buyer.get("/api/v1/projects").await;
        assert_eq!(list.as_array().unwrap().len(), 0);
        let (status, _) = buyer
            .post("/api/v1/projects", new_project("MAR-02", &[]))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        buyer
            .post("/api/v1/projects", new_project("MAR-02", &["cloud"]))
            .await;
        let (status, _) = buyer
            .post("/api/v1/projects", new_project("MAR-02", &["cloud"]))
            .await;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "references are unique in the organisation"
        );
    }
}

#[tokio::test]
async fn the_phase_gate_needs_settled_items_and_a_ciso_sign_off() {
    for app in apps().await {
        let (admin, buyer, ciso) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-03", &["cloud-services"]),
            )
            .await;
        let project = name_ciso(&admin, &project).await;
        let id = project["id"].as_str().unwrap().to_owned();
        let advance = format!("/api/v1/projects/{id}/advance");

        let (status, refused) = buyer.post(&advance, json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{}: {refused}", app.backend);
        assert_eq!(refused["error"]["code"], "gate_refused");
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("BP-01") && message.contains("BP-17"),
            "open items listed: {message}"
        );

        // Settle every planning item: one not applicable (with a justification), the rest done.
        let planning: Vec<Value> = items_of(&project, "planning")
            .into_iter()
            .cloned()
            .collect();
        for (index, item) in planning.iter().enumerate() {
            let path = format!("/api/v1/items/{}", item["id"].as_str().unwrap());
            let body = if index == 0 {
                let (status, _) = buyer
                    .patch(
                        &path,
                        json!({"status": "not-applicable", "version": item["version"]}),
                    )
                    .await;
                assert_eq!(
                    status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "not applicable needs a justification"
                );
                json!({"status": "not-applicable", "justification": "Covered by the group contract", "version": item["version"]})
            } else {
                json!({"status": "done", "owner": "buyer@chu.example", "version": item["version"]})
            };
            let (status, saved) = buyer.patch(&path, body).await;
            assert_eq!(status, StatusCode::OK, "{saved}");
        }
        let (status, refused) = buyer.post(&advance, json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("RSSI")
                || refused["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("CISO")
        );

        // Only the CISO stakeholder signs off, and only a finished phase:
        // the risk register must have been reviewed during it.
        let sign_off = format!("/api/v1/projects/{id}/sign-off");
        let (status, _) = buyer.post(&sign_off, json!({"comment": "ok"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, refused) = ciso
            .post(&sign_off, json!({"comment": "Risques revus"}))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"]["code"], "sign_off_refused");
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("registre des risques") || message.contains("risk register"),
            "{message}"
        );
        let (status, review) = ciso
            .post(
                &format!("/api/v1/projects/{id}/risks/review"),
                json!({"note": "Risques du cloud revus"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{review}");
        assert_eq!(review["stage"], "planning");
        let (status, _) = ciso
            .post(&sign_off, json!({"comment": "Risques revus"}))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);

        // A later change to an item of the phase withdraws the sign-off,
        // on the timeline, and the gate asks for it again.
        let (_, current) = buyer.get(&format!("/api/v1/projects/{id}")).await;
        let item = items_of(&current, "planning")[1].clone();
        let item_path = format!("/api/v1/items/{}", item["id"].as_str().unwrap());
        let (status, reopened) = buyer
            .patch(
                &item_path,
                json!({"status": "in-progress", "version": item["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{reopened}");
        let (_, current) = buyer.get(&format!("/api/v1/projects/{id}")).await;
        assert_eq!(current["sign_offs"], json!([]), "{current}");
        let (status, refused) = buyer.post(&advance, json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("RSSI") || message.contains("CISO"),
            "{message}"
        );
        // The project page says who must sign again; the timeline says why.
        let page = app
            .sign_in("buyer@chu.example")
            .await
            .get(&format!("/projects/{id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("le RSSI du projet doit valider de nouveau"),
            "{page}"
        );
        assert!(
            page.contains("Validation de la phase « Planification » retirée"),
            "{page}"
        );
        let (status, done) = buyer
            .patch(
                &item_path,
                json!({"status": "done", "version": reopened["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{done}");
        let (status, _) = ciso
            .post(&sign_off, json!({"comment": "Revu après la modification"}))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, moved) = buyer.post(&advance, json!({})).await;
        assert_eq!(status, StatusCode::OK, "{moved}");
        assert_eq!(moved["stage"], "supplier-selection");

        // An administrator forces the next transition, with a reason only.
        let (status, _) = admin.post(&advance, json!({"force_reason": "  "})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _) = buyer
            .post(&advance, json!({"force_reason": "urgence"}))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only administrators force");
        let (status, forced) = admin
            .post(
                &advance,
                json!({"force_reason": "Marché subséquent signé en urgence"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(forced["stage"], "management");

        let (_, audit) = admin.get("/api/v1/audit").await;
        let actions: Vec<&str> = audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        for action in [
            "project.create",
            "item.update",
            "project.sign_off",
            "project.sign_off_withdrawn",
            "project.advance",
            "project.force_advance",
        ] {
            assert!(actions.contains(&action), "{action} missing");
        }
        let chain = app.services.audit_verify().await.unwrap();
        assert_eq!(chain.first_broken, None, "the audit chain is intact");
    }
}

#[tokio::test]
async fn a_stale_version_is_refused_and_the_browser_keeps_the_input() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-04", &["medical-devices"]),
            )
            .await;
        let item = items_of(&project, "planning")[0].clone();
        let path = format!("/api/v1/items/{}", item["id"].as_str().unwrap());
        let (status, _) = buyer
            .patch(
                &path,
                json!({"status": "in-progress", "notes": "first", "version": item["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, conflict) = buyer
            .patch(
                &path,
                json!({"status": "done", "notes": "second", "version": item["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{}", app.backend);
        assert_eq!(conflict["error"]["code"], "conflict");

        let browser = app.sign_in("buyer@chu.example").await;
        let project_id = project["id"].as_str().unwrap();
        let item_id = item["id"].as_str().unwrap();
        let form = format!("/projects/{project_id}/items/{item_id}");
        let csrf = browser.csrf(&form).await;
        let stale = browser
            .post_form(
                &form,
                &[
                    ("csrf", &csrf),
                    ("status", "done"),
                    ("notes", "Mon texte à ne pas perdre"),
                    ("version", &item["version"].to_string()),
                ],
            )
            .await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let body = crate::harness::unescape(&stale.text().await.unwrap());
        assert!(
            body.contains("Mon texte à ne pas perdre"),
            "the person's input is kept"
        );
        assert!(
            body.contains("Enregistré actuellement"),
            "the current values are shown"
        );
        assert!(body.contains("first"));
        let current_version = (item["version"].as_i64().unwrap() + 1).to_string();
        assert!(
            body.contains(&format!("name=\"version\" value=\"{current_version}\"")),
            "resubmitting applies the change"
        );
    }
}

#[tokio::test]
async fn changing_types_keeps_the_data_of_remaining_items() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-05", &["medical-devices"]),
            )
            .await;
        let id = project["id"].as_str().unwrap().to_owned();
        let bp01 = items_of(&project, "planning")
            .into_iter()
            .find(|i| i["practice"] == "BP-01")
            .unwrap()
            .clone();
        let (status, _) = buyer
            .patch(
                &format!("/api/v1/items/{}", bp01["id"].as_str().unwrap()),
                json!({"status": "done", "notes": "IT involved from day one", "owner": "rssi@chu.example", "version": bp01["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let mut body = new_project("MAR-05", &["network-equipment"]);
        body["version"] = project["version"].clone();
        let (status, changed) = buyer.patch(&format!("/api/v1/projects/{id}"), body).await;
        assert_eq!(status, StatusCode::OK, "{}: {changed}", app.backend);
        let kept = changed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == bp01["id"])
            .unwrap();
        assert_eq!(kept["status"], "done");
        assert_eq!(kept["notes"], "IT involved from day one");
        assert_eq!(kept["owner"], "rssi@chu.example");
        assert_eq!(kept["retired"], false);
        // BP-29 (medical devices, buildings, identification) no longer applies but stays visible.
        let bp29 = changed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["practice"] == "BP-29")
            .unwrap();
        assert_eq!(bp29["retired"], true);
        // BP-12 (network equipment, not medical devices) was added.
        assert!(
            changed["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["practice"] == "BP-12" && i["retired"] == false)
        );
        // A stale project version is refused.
        let mut stale = new_project("MAR-05", &["cloud"]);
        stale["version"] = project["version"].clone();
        let (status, _) = buyer.patch(&format!("/api/v1/projects/{id}"), stale).await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
}
