//! Exports: the checklist read back in every format, formulas and HTML
//! typed by people kept inert, and an export imported and exported again.

use procura_domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Digest;

use super::{Api, items_of, name_ciso, new_project, team};
use crate::{TestApp, apps};

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
        // A sign-off vouches for a finished phase: the other planning items
        // settled and the risk register reviewed first.
        for item in &items[2..] {
            let (status, saved) = buyer
                .patch(
                    &format!("/api/v1/items/{}", item["id"].as_str().unwrap()),
                    json!({"status": "done", "version": item["version"]}),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{saved}");
        }
        let (status, review) = ciso
            .post(
                &format!("/api/v1/projects/{id}/risks/review"),
                json!({"note": "Revue de départ"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{review}");
        let (status, signed) = ciso
            .post(
                &format!("/api/v1/projects/{id}/sign-off"),
                json!({"comment": "OK"}),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{signed}");

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

/// The checklist download decides who sees the project like the project
/// page: the organisation's administrator, the creator and the project's
/// people do; a colleague outside the project gets 404, as for a project
/// that does not exist.
#[tokio::test]
async fn the_checklist_download_is_for_those_who_see_the_project() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
        app.add_user("viewer@chu.example", "CHU", Role::Viewer)
            .await;
        app.add_user("it@chu.example", "CHU", Role::It).await;
        let buyer = crate::harness::ApiClient::new(&app, "buyer@chu.example").await;
        let mut body = new_project("MAR-VIS", &["medical-devices"]);
        body["stakeholders"] = json!([{"email": "viewer@chu.example", "role": "viewer"}]);
        let (status, project) = buyer
            .call(reqwest::Method::POST, "/api/v1/projects", Some(body))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{project}");
        let path = format!(
            "/api/v1/projects/{}/checklist?format=json",
            project["id"].as_str().unwrap()
        );
        for (email, expected) in [
            ("admin@chu.example", StatusCode::OK),
            ("buyer@chu.example", StatusCode::OK),
            ("viewer@chu.example", StatusCode::OK),
            ("it@chu.example", StatusCode::NOT_FOUND),
        ] {
            let caller = crate::harness::ApiClient::new(&app, email).await;
            let (status, _) = caller.bytes(&path).await;
            assert_eq!(status, expected, "{} {email}", app.backend);
        }
    }
}
