//! Procurement projects: checklist generation, phase gates, versioning,
//! type changes, exports, evidence uploads and permissions.

use std::collections::BTreeSet;

use procura_catalog::PracticeQuery;
use procura_domain::{Phase, ProcurementType, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Digest;

use crate::{TestApp, apps};

struct Api {
    app_base: String,
    token: String,
    client: reqwest::Client,
}

impl Api {
    async fn new(app: &TestApp, email: &str) -> Api {
        Api {
            app_base: app.base.clone(),
            token: app.token_for(email, None).await,
            client: reqwest::Client::new(),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.app_base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }
}

/// An organisation with an admin, a buyer, a CISO and a viewer.
async fn team(app: &TestApp) -> (Api, Api, Api) {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    app.add_user("viewer@chu.example", "CHU", Role::Viewer)
        .await;
    (
        Api::new(app, "admin@chu.example").await,
        Api::new(app, "buyer@chu.example").await,
        Api::new(app, "rssi@chu.example").await,
    )
}

fn new_project(reference: &str, types: &[&str]) -> Value {
    json!({
        "reference": reference,
        "title": "Pompes à perfusion connectées",
        "procurement_types": types,
        "estimated_value": 480000,
        "cpv_codes": ["33100000-1"],
        "special_category_data": true,
        "stakeholders": [
            {"email": "buyer@chu.example", "role": "buyer"}
        ]
    })
}

/// A buyer may not name the project's CISO: the administrator does, here.
async fn name_ciso(admin: &Api, project: &Value) -> Value {
    let path = format!("/api/v1/projects/{}", project["id"].as_str().unwrap());
    let (_, current) = admin.get(&path).await;
    let (status, updated) = admin
        .patch(
            &path,
            crate::harness::with_project_ciso(&current, "rssi@chu.example"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    updated
}

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
        assert!(error["error"]["message"].as_str().unwrap().contains("CPV"));
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

fn items_of<'a>(project: &'a Value, phase: &str) -> Vec<&'a Value> {
    project["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["phase"] == phase && item["retired"] == false)
        .collect()
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

        // Only the CISO stakeholder signs off.
        let sign_off = format!("/api/v1/projects/{id}/sign-off");
        let (status, _) = buyer.post(&sign_off, json!({"comment": "ok"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = ciso
            .post(&sign_off, json!({"comment": "Risques revus"}))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);

        // The risk register must have been reviewed during the phase.
        let (status, refused) = buyer.post(&advance, json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
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

#[tokio::test]
async fn the_checklist_exports_read_back() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-06", &["medical-devices", "network-equipment"]),
            )
            .await;
        let id = project["id"].as_str().unwrap();
        let items = project["items"].as_array().unwrap().len();
        let response = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/projects/{id}/checklist?format=xlsx")))
            .bearer_auth(&buyer.token)
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = response.bytes().await.unwrap();
        use calamine::Reader;
        let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let sheet = workbook.sheet_names()[0].clone();
        let range = workbook.worksheet_range(&sheet).unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows[0][0], "MAR-06 — Pompes à perfusion connectées");
        assert_eq!(rows[3][1], "Practice");
        assert_eq!(rows.len(), 4 + items, "{}", app.backend);
        let (_, csv) = buyer
            .get(&format!("/api/v1/projects/{id}/checklist?format=csv"))
            .await;
        assert_eq!(csv.as_str().unwrap().lines().count(), 1 + items);
        let (_, json) = buyer
            .get(&format!("/api/v1/projects/{id}/checklist?format=json"))
            .await;
        assert_eq!(json["rows"].as_array().unwrap().len(), items);
        let (_, markdown) = buyer
            .get(&format!("/api/v1/projects/{id}/checklist?format=markdown"))
            .await;
        assert!(markdown.as_str().unwrap().starts_with("# MAR-06"));
    }
}

/// A note typed as a formula stays text in every spreadsheet export: the CSV
/// cell is prefixed with `'`, the XLSX cell is a string and no formula.
#[tokio::test]
async fn formulas_typed_by_people_stay_inert_in_exports() {
    const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"x\")";
    for app in apps().await {
        let (admin, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-CSV", &["medical-devices"]),
            )
            .await;
        let id = project["id"].as_str().unwrap();
        let item = items_of(&project, "planning")[0].clone();
        let (status, _) = buyer
            .patch(
                &format!("/api/v1/items/{}", item["id"].as_str().unwrap()),
                json!({"status": "in-progress", "notes": FORMULA, "version": item["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, csv) = buyer
            .get(&format!("/api/v1/projects/{id}/checklist?format=csv"))
            .await;
        let csv = csv.as_str().unwrap();
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
            "{}: {csv}",
            app.backend
        );
        assert!(!csv.contains(",\"=HYPERLINK"), "no live formula in {csv}");

        let response = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/projects/{id}/checklist?format=xlsx")))
            .bearer_auth(&buyer.token)
            .send()
            .await
            .unwrap();
        let bytes = response.bytes().await.unwrap().to_vec();
        use calamine::Reader;
        let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let sheet = workbook.sheet_names()[0].clone();
        let range = workbook.worksheet_range(&sheet).unwrap();
        assert!(
            range.cells().any(
                |(_, _, cell)| matches!(cell, calamine::Data::String(text) if text == FORMULA)
            ),
            "the note is a string cell"
        );
        let formulas = workbook.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.cells().all(|(_, _, formula)| formula.is_empty()),
            "no formula in the workbook"
        );

        // The audit log's CSV goes through the same writer: an actor whose
        // e-mail address reads as a formula is quoted too.
        app.add_user("=1+1@chu.example", "CHU", Role::Buyer).await;
        let formula_buyer = Api::new(&app, "=1+1@chu.example").await;
        let (status, _) = formula_buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-CSV-2", &["cloud-services"]),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{}", app.backend);
        let (_, audit) = admin.get("/audit/export?format=csv").await;
        let audit = audit.as_str().unwrap();
        assert!(
            audit.contains(",'=1+1@chu.example,project.create,"),
            "{}: {audit}",
            app.backend
        );
    }
}

/// HTML typed into a project shows as text in the Markdown exports, which
/// wikis and browsers would otherwise render.
#[tokio::test]
async fn html_typed_by_people_is_text_in_markdown_exports() {
    const HTML: &str = "<img src=x onerror=alert(1)>";
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let mut body = new_project("MAR-MD", &["medical-devices"]);
        body["title"] = json!(format!("Pompes {HTML}"));
        let (_, project) = buyer.post("/api/v1/projects", body).await;
        let id = project["id"].as_str().unwrap();
        let item = items_of(&project, "planning")[0].clone();
        let (status, _) = buyer
            .patch(
                &format!("/api/v1/items/{}", item["id"].as_str().unwrap()),
                json!({"status": "in-progress", "notes": "<script>alert(1)</script>", "version": item["version"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, markdown) = buyer
            .get(&format!("/api/v1/projects/{id}/checklist?format=markdown"))
            .await;
        let markdown = markdown.as_str().unwrap();
        assert!(
            markdown.contains("# MAR-MD — Pompes &lt;img src=x onerror=alert(1)&gt;"),
            "{markdown}"
        );
        assert!(
            markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{markdown}"
        );
        let (_, annex) = buyer
            .get(&format!("/api/v1/projects/{id}/tender/annex?format=md"))
            .await;
        let annex = annex.as_str().unwrap();
        assert!(
            annex.contains("Pompes &lt;img src=x onerror=alert(1)&gt;"),
            "{annex}"
        );
        for text in [markdown, annex] {
            assert!(
                !text.contains("<img") && !text.contains("<script"),
                "{text}"
            );
        }
    }
}

#[tokio::test]
async fn evidence_files_upload_and_download_intact() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-07", &["medical-devices"]),
            )
            .await;
        let item = items_of(&project, "planning")[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let content = b"%PDF-1.7\n% MDS2 form of the infusion pump\n".to_vec();
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(content.clone())
                .file_name("../../MDS2 <pompe>.pdf")
                .mime_str("text/html")
                .unwrap(),
        );
        let response = reqwest::Client::new()
            .post(app.url(&format!("/api/v1/items/{item}/evidence")))
            .bearer_auth(&buyer.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{}", app.backend);
        let evidence: Value = response.json().await.unwrap();
        assert_eq!(evidence["name"], "MDS2 _pompe_.pdf", "name sanitised");
        assert_eq!(
            evidence["content_type"], "application/pdf",
            "type sniffed from the bytes, not the client"
        );
        assert_eq!(evidence["size"], content.len());
        use sha2::Digest;
        assert_eq!(
            evidence["sha256"],
            hex::encode(sha2::Sha256::digest(&content))
        );
        let download = reqwest::Client::new()
            .get(app.url(&format!(
                "/api/v1/evidence/{}",
                evidence["id"].as_str().unwrap()
            )))
            .bearer_auth(&buyer.token)
            .send()
            .await
            .unwrap();
        assert!(
            download.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(download.bytes().await.unwrap().to_vec(), content);
        let (status, link) = buyer.post(&format!("/api/v1/items/{item}/links"), json!({"label": "Certificat ISO 27001", "url": "https://fournisseur.example/iso27001.pdf"})).await;
        assert_eq!(status, StatusCode::CREATED, "{link}");
        let (status, _) = buyer
            .post(
                &format!("/api/v1/items/{item}/links"),
                json!({"url": "javascript:alert(1)"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn an_upload_over_the_limit_leaves_nothing_behind() {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    let app = TestApp::spawn(
        url,
        procura_service::RawConfig {
            max_upload_bytes: Some(64 * 1024),
            ..procura_service::RawConfig::default()
        },
    )
    .await;
    let (_, buyer, _) = team(&app).await;
    let (_, project) = buyer
        .post(
            "/api/v1/projects",
            new_project("MAR-08", &["medical-devices"]),
        )
        .await;
    let item = items_of(&project, "planning")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![7u8; 200 * 1024]).file_name("big.bin"),
    );
    let response = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/items/{item}/evidence")))
        .bearer_auth(&buyer.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (_, after) = buyer
        .get(&format!(
            "/api/v1/projects/{}",
            project["id"].as_str().unwrap()
        ))
        .await;
    assert!(
        after["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["evidence"].as_array().unwrap().is_empty())
    );
}

#[tokio::test]
async fn projects_are_seen_by_their_stakeholders_and_administrators_only() {
    for app in apps().await {
        let (admin, buyer, ciso) = team(&app).await;
        app.add_user("other@chu.example", "CHU", Role::It).await;
        let outsider = Api::new(&app, "other@chu.example").await;
        let viewer = Api::new(&app, "viewer@chu.example").await;
        let (_, project) = buyer
            .post("/api/v1/projects", new_project("MAR-09", &["cloud"]))
            .await;
        let project = name_ciso(&admin, &project).await;
        let path = format!("/api/v1/projects/{}", project["id"].as_str().unwrap());
        assert_eq!(ciso.get(&path).await.0, StatusCode::OK);
        assert_eq!(admin.get(&path).await.0, StatusCode::OK);
        assert_eq!(
            outsider.get(&path).await.0,
            StatusCode::NOT_FOUND,
            "{}",
            app.backend
        );
        assert_eq!(
            outsider
                .get("/api/v1/projects")
                .await
                .1
                .as_array()
                .unwrap()
                .len(),
            0
        );
        let (status, _) = viewer
            .post("/api/v1/projects", new_project("MAR-10", &["cloud"]))
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "viewers do not start projects"
        );
        // My items.
        let item = items_of(&project, "planning")[0].clone();
        ciso.patch(&format!("/api/v1/items/{}", item["id"].as_str().unwrap()), json!({"status": "todo", "owner": "rssi@chu.example", "due_date": "2020-01-01", "version": item["version"]})).await;
        let (_, mine) = ciso.get("/api/v1/my-items").await;
        assert_eq!(mine.as_array().unwrap().len(), 1);
        assert_eq!(mine[0]["item"]["overdue"], true);
        let (_, portfolio) = admin.get("/api/v1/projects").await;
        assert_eq!(portfolio[0]["overdue"], 1);
    }
}

#[tokio::test]
async fn the_pages_show_portfolio_project_and_my_items() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let browser = app.sign_in("buyer@chu.example").await;
        let csrf = browser.csrf("/projects/new").await;
        let created = browser
            .post_form(
                "/projects",
                &[
                    ("csrf", &csrf),
                    ("reference", "MAR-11"),
                    ("title", "Réseau Wi-Fi"),
                    ("type", "network-equipment"),
                    ("type", "mobile-client-devices"),
                    ("stakeholder-it", "rssi@chu.example"),
                ],
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        let location = created.headers()["location"].to_str().unwrap().to_owned();
        let page = crate::harness::unescape(&browser.get(&location).await.text().await.unwrap());
        assert!(page.contains("MAR-11 — Réseau Wi-Fi"));
        assert!(page.contains("id=\"phase-planning\""));
        assert!(page.contains("BP-15"));
        let refused = browser
            .post_form(&format!("{location}/advance"), &[("csrf", &csrf)])
            .await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert!(
            crate::harness::unescape(&refused.text().await.unwrap())
                .contains("actions restent ouvertes")
        );
        let portfolio = browser
            .get("/projects?type=network")
            .await
            .text()
            .await
            .unwrap();
        assert!(portfolio.contains("MAR-11"));
        let filtered = browser
            .get("/projects?stage=closed")
            .await
            .text()
            .await
            .unwrap();
        assert!(!filtered.contains("MAR-11"));
        assert_eq!(browser.get("/my-items").await.status(), StatusCode::OK);
        let invalid = browser
            .post_form(
                "/projects",
                &[
                    ("csrf", &csrf),
                    ("reference", "bad ref"),
                    ("title", "X"),
                    ("type", "cloud"),
                ],
            )
            .await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            invalid.text().await.unwrap().contains("value=\"bad ref\""),
            "input kept"
        );
        let _ = buyer;
    }
}

/// Drops what an import regenerates: ids and times.
fn without_ids_and_times(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !(key == "at" || key.ends_with("_at") || key == "id"));
            map.values_mut().for_each(without_ids_and_times);
        }
        Value::Array(items) => items.iter_mut().for_each(without_ids_and_times),
        _ => {}
    }
}

/// A round trip keeps the project's fields, people, checklist and evidence;
/// its sign-offs and timeline come back as imported history only.
#[tokio::test]
async fn export_import_export_gives_the_same_project() {
    for source in apps().await {
        let (source_admin, buyer, ciso) = team(&source).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-12", &["medical-devices", "cloud-services"]),
            )
            .await;
        let project = name_ciso(&source_admin, &project).await;
        let id = project["id"].as_str().unwrap().to_owned();
        let items = items_of(&project, "planning");
        let first = items[0]["id"].as_str().unwrap().to_owned();
        buyer.patch(&format!("/api/v1/items/{first}"), json!({"status": "done", "owner": "rssi@chu.example", "due_date": "2026-12-15", "notes": "Revue faite", "version": items[0]["version"]})).await;
        buyer.patch(&format!("/api/v1/items/{}", items[1]["id"].as_str().unwrap()), json!({"status": "not-applicable", "justification": "Hors périmètre", "version": items[1]["version"]})).await;
        buyer
            .post(
                &format!("/api/v1/items/{first}/links"),
                json!({"label": "PV du comité", "url": "https://intranet.chu.example/pv/42"}),
            )
            .await;
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 rapport".to_vec()).file_name("rapport.pdf"),
        );
        reqwest::Client::new()
            .post(source.url(&format!("/api/v1/items/{first}/evidence")))
            .bearer_auth(&buyer.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        ciso.post(
            &format!("/api/v1/projects/{id}/sign-off"),
            json!({"comment": "OK"}),
        )
        .await;

        let (status, exported) = buyer.get(&format!("/api/v1/projects/{id}/export")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(exported["format"], "procura-project");
        let zip = reqwest::Client::new()
            .get(source.url(&format!("/api/v1/projects/{id}/export?archive=zip")))
            .bearer_auth(&buyer.token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();

        // Into a fresh database with the same people.
        let url = procura_service::testing::fresh_urls().await.remove(0);
        let target = TestApp::spawn(url, procura_service::RawConfig::default()).await;
        let (target_admin, target_buyer, _) = team(&target).await;
        let import_as = |token: String| {
            let (url, zip) = (target.url("/api/v1/projects/import"), zip.to_vec());
            async move {
                reqwest::Client::new()
                    .post(url)
                    .bearer_auth(token)
                    .header("content-type", "application/zip")
                    .body(zip)
                    .send()
                    .await
                    .unwrap()
            }
        };
        // The export names a project CISO: a buyer may not bring that in.
        let refused = import_as(target_buyer.token.clone()).await;
        assert_eq!(
            refused.status(),
            StatusCode::FORBIDDEN,
            "{}",
            source.backend
        );
        let import = import_as(target_admin.token.clone()).await;
        assert_eq!(import.status(), StatusCode::CREATED, "{}", source.backend);
        let imported: Value = import.json().await.unwrap();
        let (_, again) = target_buyer
            .get(&format!(
                "/api/v1/projects/{}/export",
                imported["id"].as_str().unwrap()
            ))
            .await;
        let (mut left, mut right) = (exported.clone(), again.clone());
        without_ids_and_times(&mut left);
        without_ids_and_times(&mut right);
        // The importer created the project and its evidence here, whoever the file names.
        assert_eq!(right["project"]["created_by"], "admin@chu.example");
        for side in [&mut left, &mut right] {
            side["project"]["created_by"] = Value::Null;
            for item in side["items"].as_array_mut().unwrap() {
                for evidence in item["evidence"].as_array_mut().unwrap() {
                    evidence["uploaded_by"] = Value::Null;
                }
            }
        }
        for part in ["project", "stakeholders", "items"] {
            assert_eq!(
                left[part], right[part],
                "the round trip keeps the {part} but ids and times"
            );
        }
        // The sign-off and the timeline were the source's: here they are
        // imported history, labelled with the file's hash, and count for nothing.
        assert_eq!(exported["sign_offs"].as_array().unwrap().len(), 1);
        assert_eq!(again["sign_offs"], json!([]));
        let history = &again["imported_history"][0];
        assert_eq!(
            history["file_sha256"],
            hex::encode(sha2::Sha256::digest(&zip))
        );
        assert_eq!(history["stage"], exported["project"]["stage"]);
        assert_eq!(history["sign_offs"], exported["sign_offs"]);
        assert_eq!(history["timeline"], exported["timeline"]);
        assert_eq!(history["source"]["exported_by"], "buyer@chu.example");
        let timeline = again["timeline"].as_array().unwrap();
        assert_eq!(timeline.len(), 1, "{timeline:?}");
        assert_eq!(timeline[0]["kind"], "project.import");
        assert_eq!(timeline[0]["actor"], "admin@chu.example");
        // The evidence file came along in the archive.
        let file = imported["items"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|i| i["evidence"].as_array().unwrap())
            .find(|e| e["kind"] == "file")
            .unwrap();
        let bytes = reqwest::Client::new()
            .get(target.url(&format!(
                "/api/v1/evidence/{}",
                file["id"].as_str().unwrap()
            )))
            .bearer_auth(&target_buyer.token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(bytes.to_vec(), b"%PDF-1.4 rapport".to_vec());
        // The same reference cannot be imported twice.
        let twice = reqwest::Client::new()
            .post(target.url("/api/v1/projects/import"))
            .bearer_auth(&target_buyer.token)
            .json(&exported)
            .send()
            .await
            .unwrap();
        assert_eq!(twice.status(), StatusCode::CONFLICT);
        let garbage = reqwest::Client::new()
            .post(target.url("/api/v1/projects/import"))
            .bearer_auth(&target_buyer.token)
            .body("{\"format\": 1}")
            .send()
            .await
            .unwrap();
        assert_eq!(garbage.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn the_portfolio_comes_a_page_at_a_time() {
    let app = apps().await.remove(0);
    let (_, buyer, _) = team(&app).await;
    for n in 1..=3 {
        buyer
            .post(
                "/api/v1/projects",
                new_project(&format!("MAR-P{n}"), &["cloud"]),
            )
            .await;
    }
    let page = |query: &str| {
        reqwest::Client::new()
            .get(app.url(&format!("/api/v1/projects?{query}")))
            .bearer_auth(&buyer.token)
            .send()
    };
    let first = page("per_page=2").await.unwrap();
    assert_eq!(first.headers()["x-total-count"], "3");
    let first: Value = first.json().await.unwrap();
    assert_eq!(
        first
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["reference"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["MAR-P1", "MAR-P2"]
    );
    let second: Value = page("per_page=2&page=2")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(second[0]["reference"], "MAR-P3");
    let browser = app.sign_in("buyer@chu.example").await;
    let html = browser.get("/projects?q=MAR-P").await.text().await.unwrap();
    assert!(html.contains("MAR-P3") && !html.contains("rel=\"next\""));
}
