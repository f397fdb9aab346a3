//! Risk registers through the real server: starter risks, suggestions from
//! the catalogue, editing and acceptance, reviews, the DPIA screening on
//! practice 19, the heat map, exports and the organisation's portfolio.

use std::io::Read;

use calamine::{Reader, Xlsx};
use procura_domain::{ProcurementType, Role, ThreatGroup};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::ApiClient as Caller;
use crate::{TestApp, apps};

async fn team(app: &TestApp) -> (Caller, Caller, Caller, String) {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    let buyer = Caller::new(app, "buyer@chu.example").await;
    let (status, project) = buyer
        .call(
            Method::POST,
            "/api/v1/projects",
            Some(json!({
                "reference": "AO-RISK",
                "title": "Pompes connectées",
                "procurement_types": ["medical-devices"]
            })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let id = project["id"].as_str().unwrap().to_owned();
    // The buyer may not name the project's CISO: an administrator does.
    let admin = Caller::new(app, "admin@chu.example").await;
    admin.name_project_ciso(&id, "rssi@chu.example").await;
    (admin, buyer, Caller::new(app, "rssi@chu.example").await, id)
}

fn risks_with(register: &Value, status: &str) -> Vec<Value> {
    register["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|risk| risk["status"] == status)
        .cloned()
        .collect()
}

#[tokio::test]
async fn starter_risks_are_proposed_then_taken_or_set_aside() {
    let catalog = procura_catalog::builtin().unwrap();
    for app in apps().await {
        let (_, buyer, _, id) = team(&app).await;
        let (status, register) = buyer
            .call(Method::GET, &format!("/api/v1/projects/{id}/risks"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{register}");
        let proposed = risks_with(&register, "proposed");
        let expected: Vec<&str> = ThreatGroup::ALL
            .iter()
            .filter(|group| {
                !catalog
                    .mitigating_practices(**group, &[ProcurementType::MedicalDevices])
                    .is_empty()
            })
            .map(|group| group.id())
            .collect();
        let groups: Vec<&str> = proposed
            .iter()
            .map(|risk| risk["threat_group"].as_str().unwrap())
            .collect();
        assert_eq!(groups, expected);
        let (status, taken) = buyer
            .call(
                Method::POST,
                &format!(
                    "/api/v1/risks/{}/status",
                    proposed[0]["id"].as_str().unwrap()
                ),
                Some(json!({"status": "open", "version": proposed[0]["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{taken}");
        assert_eq!(taken["status"], "open");
        let (status, _) = buyer
            .call(
                Method::POST,
                &format!(
                    "/api/v1/risks/{}/status",
                    proposed[1]["id"].as_str().unwrap()
                ),
                Some(json!({"status": "proposed", "version": proposed[1]["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, dismissed) = buyer
            .call(
                Method::POST,
                &format!(
                    "/api/v1/risks/{}/status",
                    proposed[1]["id"].as_str().unwrap()
                ),
                Some(json!({"status": "dismissed", "version": proposed[1]["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{dismissed}");
        let (_, register) = buyer
            .call(Method::GET, &format!("/api/v1/projects/{id}/risks"), None)
            .await;
        assert_eq!(risks_with(&register, "open").len(), 1);
        assert_eq!(risks_with(&register, "dismissed").len(), 1);
    }
}

#[tokio::test]
async fn a_risk_gets_the_catalogue_suggestions_and_the_ciso_accepts_its_residual() {
    let catalog = procura_catalog::builtin().unwrap();
    for app in apps().await {
        let (_, buyer, ciso, id) = team(&app).await;
        let path = format!("/api/v1/projects/{id}/risks");
        let (status, refused) = buyer
            .call(
                Method::POST,
                &path,
                Some(json!({"threat_group": "malicious-actions", "likelihood": 5, "severity": 2})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let (status, risk) = buyer
            .call(
                Method::POST,
                &path,
                Some(json!({
                    "threat_group": "malicious-actions",
                    "example": "malware",
                    "asset": "Serveur de la pharmacie",
                    "likelihood": 3,
                    "severity": 4,
                    "treatment": "reduce",
                    "owner": "buyer@chu.example",
                    "due_date": "2027-03-31"
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{risk}");
        assert_eq!(risk["inherent"], "critical");
        assert_eq!(risk["above_appetite"], true);
        let expected: Vec<String> = catalog
            .mitigating_practices(
                ThreatGroup::MaliciousActions,
                &[ProcurementType::MedicalDevices],
            )
            .iter()
            .map(|p| p.id())
            .collect();
        assert_eq!(risk["practices"], json!(expected));
        assert!(!risk["requirements"].as_array().unwrap().is_empty());

        let risk_path = format!("/api/v1/risks/{}", risk["id"].as_str().unwrap());
        let (status, treated) = buyer
            .call(
                Method::PATCH,
                &risk_path,
                Some(json!({
                    "threat_group": "malicious-actions", "example": "malware",
                    "asset": "Serveur de la pharmacie", "likelihood": 3, "severity": 4,
                    "treatment": "reduce", "residual_likelihood": 1, "residual_severity": 3,
                    "practices": [3, 25, 26], "version": risk["version"]
                })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{treated}");
        assert_eq!(treated["residual"], "moderate");
        assert_eq!(treated["above_appetite"], false);
        let (status, _) = buyer
            .call(
                Method::PATCH,
                &risk_path,
                Some(
                    json!({"threat_group": "malicious-actions", "example": "malware",
                    "likelihood": 1, "severity": 1, "version": risk["version"]}),
                ),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let accept = format!("{risk_path}/accept");
        let (status, _) = buyer
            .call(
                Method::POST,
                &accept,
                Some(json!({"version": treated["version"]})),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "only the project's CISO accepts"
        );
        let (status, accepted) = ciso
            .call(
                Method::POST,
                &accept,
                Some(json!({"version": treated["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{accepted}");
        assert_eq!(accepted["accepted_by"], "rssi@chu.example");

        // Exports read back.
        let (status, xlsx) = buyer
            .bytes(&format!(
                "/api/v1/projects/{id}/risks/register.xlsx?lang=en"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        let mut workbook: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        let sheet = workbook.worksheet_range("Risk register").unwrap();
        let text: String = sheet.rows().flatten().map(|c| format!("{c} ")).collect();
        assert!(text.contains("Serveur de la pharmacie"), "{text}");
        assert!(text.contains("Critical"));
        let (_, csv) = buyer
            .bytes(&format!("/api/v1/projects/{id}/risks/register.csv?lang=fr"))
            .await;
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("Groupe de menaces,"), "{csv}");
        assert!(csv.contains("Serveur de la pharmacie"));
        let (status, docx) = buyer
            .bytes(&format!("/api/v1/projects/{id}/risks/report.docx"))
            .await;
        assert_eq!(status, StatusCode::OK);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        archive
            .by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("Serveur de la pharmacie"));
        assert!(
            xml.contains("Rapport d&apos;analyse des risques")
                || xml.contains("Rapport d'analyse des risques")
        );
        let (status, pdf) = buyer
            .bytes(&format!("/api/v1/projects/{id}/risks/report.pdf"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

#[tokio::test]
async fn the_page_shows_the_heat_map_with_its_table_and_the_dpia_reaches_practice_19() {
    for app in apps().await {
        let (_, buyer, _, id) = team(&app).await;
        buyer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{id}/risks"),
                Some(json!({"threat_group": "system-failures", "description": "Panne du serveur", "likelihood": 2, "severity": 3})),
            )
            .await;
        let browser = app.sign_in("buyer@chu.example").await;
        let page = crate::harness::unescape(
            &browser
                .get(&format!("/projects/{id}/risks"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.contains("<svg"), "heat map drawn");
        assert!(page.contains("role=\"img\""));
        assert!(
            page.contains("class=\"data-table heat-table\""),
            "accessible table"
        );
        assert!(page.contains("Panne du serveur"));
        assert!(page.contains("pas encore été revu"));

        let (status, screening) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/projects/{id}/dpia"),
                Some(json!({"criteria": ["sensitive-data", "vulnerable-persons"], "decision": "AIPD lancée avec le DPO", "version": 0})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{screening}");
        assert_eq!(screening["required"], true);
        let (status, _) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/projects/{id}/dpia"),
                Some(json!({"criteria": ["sensitive-data"], "version": 0})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "a stale screening is refused");
        let (status, single) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/projects/{id}/dpia"),
                Some(json!({"criteria": ["sensitive-data", "nope"], "version": 1})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{single}");

        let (_, project) = buyer
            .call(Method::GET, &format!("/api/v1/projects/{id}"), None)
            .await;
        let item = project["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["practice"] == "BP-19")
            .unwrap();
        let item_page = crate::harness::unescape(
            &browser
                .get(&format!(
                    "/projects/{id}/items/{}",
                    item["id"].as_str().unwrap()
                ))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            item_page.contains("AIPD requise (2 critères remplis)"),
            "{item_page}"
        );
        assert!(item_page.contains("AIPD lancée avec le DPO"));
    }
}

#[tokio::test]
async fn the_portfolio_follows_the_organisation_appetite() {
    for app in apps().await {
        let (admin, buyer, _, id) = team(&app).await;
        let (_, risk) = buyer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{id}/risks"),
                Some(json!({"threat_group": "human-errors", "description": "Mauvaise configuration", "likelihood": 2, "severity": 3})),
            )
            .await;
        assert_eq!(risk["inherent"], "high");
        let (_, portfolio) = buyer.call(Method::GET, "/api/v1/risks", None).await;
        let listed = portfolio.as_array().unwrap();
        assert_eq!(listed.len(), 1, "{portfolio}");
        assert_eq!(listed[0]["reference"], "AO-RISK");
        assert_eq!(listed[0]["above_appetite"], true);

        let (_, settings) = admin.call(Method::GET, "/api/v1/risk-settings", None).await;
        assert_eq!(settings["appetite"], "moderate");
        let mut lowered = settings.clone();
        lowered["matrix"][1] = json!("critical");
        let (status, _) = admin
            .call(Method::PUT, "/api/v1/risk-settings", Some(lowered))
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the level may not fall"
        );
        let mut raised = settings.clone();
        raised["appetite"] = json!("high");
        let (status, saved) = admin
            .call(Method::PUT, "/api/v1/risk-settings", Some(raised))
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        let (_, portfolio) = buyer.call(Method::GET, "/api/v1/risks", None).await;
        assert_eq!(portfolio[0]["above_appetite"], false);
        let page = app.sign_in("buyer@chu.example").await.get("/risks").await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.unwrap().contains("AO-RISK"));
    }
}
