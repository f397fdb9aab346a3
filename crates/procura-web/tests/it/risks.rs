//! Risk registers through the real server: starter risks with their threat
//! scenario and ranked measures, suggestions from the catalogue, owners
//! among the members, editing and acceptance, reviews, the DPIA screening
//! on practice 19, the heat map, exports and the organisation's portfolio.

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
        // Setting a risk aside needs its reason.
        let (status, refused) = buyer
            .call(
                Method::POST,
                &format!(
                    "/api/v1/risks/{}/status",
                    proposed[1]["id"].as_str().unwrap()
                ),
                Some(json!({"status": "dismissed", "version": proposed[1]["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("pourquoi ce risque est écarté")
        );
        let (status, dismissed) = buyer
            .call(
                Method::POST,
                &format!(
                    "/api/v1/risks/{}/status",
                    proposed[1]["id"].as_str().unwrap()
                ),
                Some(json!({"status": "dismissed", "version": proposed[1]["version"], "reason": "Couvert par le contrat de maintenance du groupement"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{dismissed}");
        let (_, register) = buyer
            .call(Method::GET, &format!("/api/v1/projects/{id}/risks"), None)
            .await;
        assert_eq!(risks_with(&register, "open").len(), 1);
        assert_eq!(risks_with(&register, "dismissed").len(), 1);
        let page = crate::harness::unescape(
            &app.sign_in("buyer@chu.example")
                .await
                .get(&format!("/projects/{id}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            page.contains("Couvert par le contrat de maintenance du groupement"),
            "the reason is kept on the timeline's details"
        );
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
        // The suggestions: the few most relevant practices, ranked.
        let expected: Vec<String> = procura_catalog::requirement_library()
            .unwrap()
            .measures(
                catalog,
                ThreatGroup::MaliciousActions,
                &[ProcurementType::MedicalDevices],
            )
            .iter()
            .map(|measure| measure.practice.id())
            .collect();
        assert_eq!(expected.len(), procura_catalog::MAX_MEASURES);
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

/// The proposed supply-chain risk of a medical-devices project, as the API
/// and the page show it.
#[tokio::test]
async fn a_medical_device_starter_risk_names_the_device_maker_and_few_ranked_measures() {
    let catalog = procura_catalog::builtin().unwrap();
    let library = procura_catalog::requirement_library().unwrap();
    let measures = library.measures(
        catalog,
        ThreatGroup::SupplyChainFailure,
        &[ProcurementType::MedicalDevices],
    );
    let expected: Vec<String> = measures.iter().map(|m| m.practice.id()).collect();
    assert!(!expected.is_empty() && expected.len() <= procura_catalog::MAX_MEASURES);
    for app in apps().await {
        let (_, buyer, _, id) = team(&app).await;
        let (_, register) = buyer
            .call(Method::GET, &format!("/api/v1/projects/{id}/risks"), None)
            .await;
        let supply = risks_with(&register, "proposed")
            .into_iter()
            .find(|risk| risk["threat_group"] == "supply-chain-failure")
            .expect("a proposed supply-chain risk");
        assert_eq!(supply["example"], "device-maker-leaves-firmware-unpatched");
        assert_eq!(supply["practices"], json!(expected), "ranked, at most five");
        for risk in risks_with(&register, "proposed") {
            let count = risk["practices"].as_array().unwrap().len();
            assert!(
                (1..=procura_catalog::MAX_MEASURES).contains(&count),
                "{risk}"
            );
        }

        let browser = app.sign_in("buyer@chu.example").await;
        let risk_page = format!("/risks/{}", supply["id"].as_str().unwrap());
        browser.set_cookie("procura_lang", "en");
        let page = crate::harness::unescape(&browser.get(&risk_page).await.text().await.unwrap());
        assert!(
            page.contains("The device maker leaves the firmware unpatched"),
            "{page}"
        );
        assert!(page.contains("remote maintenance access"));
        assert!(page.contains("Proposed measures, most relevant first"));
        // The measures in their rank, each with its requirements.
        let at: Vec<usize> = expected
            .iter()
            .map(|practice| {
                page.find(&format!("<strong>{practice}</strong>"))
                    .unwrap_or_else(|| panic!("{practice} not listed"))
            })
            .collect();
        assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{at:?}");
        assert_eq!(page.matches("<strong>BP-").count(), expected.len());
        let first = &measures[0];
        assert!(page.contains(&format!("<code>{}</code>", first.requirements[0].code)));
        assert!(page.contains(&first.requirements[0].title.en));
        // The owner is chosen among the members.
        assert!(page.contains("<select id=\"owner\" name=\"owner\""));
        assert!(page.contains("<option value=\"rssi@chu.example\">"));
        assert!(!page.contains("Unknown localization key"));
        browser.set_cookie("procura_lang", "fr");
        let page = crate::harness::unescape(&browser.get(&risk_page).await.text().await.unwrap());
        assert!(page.contains("Le fabricant ne corrige pas le micrologiciel des dispositifs"));
        assert!(page.contains("télémaintenance"));
        assert!(!page.contains("Unknown localization key"));
    }
}

/// Saves a proposed supply-chain risk through its form, naming `owner`.
async fn save_through_the_form(
    browser: &crate::harness::Browser,
    risk: &Value,
    owner: &str,
    version: &Value,
) -> reqwest::Response {
    let page = format!("/risks/{}", risk["id"].as_str().unwrap());
    let csrf = browser.csrf(&page).await;
    let version = version.to_string();
    browser
        .post_form(
            &page,
            &[
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("threat_group", risk["threat_group"].as_str().unwrap()),
                ("example", risk["example"].as_str().unwrap()),
                ("likelihood", "2"),
                ("severity", "3"),
                ("owner", owner),
                ("practices", "3"),
            ],
        )
        .await
}

async fn risk_of(caller: &Caller, project: &str, risk: &Value) -> Value {
    let (_, register) = caller
        .call(
            Method::GET,
            &format!("/api/v1/projects/{project}/risks"),
            None,
        )
        .await;
    register["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|found| found["id"] == risk["id"])
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn a_risk_owner_is_a_member_and_one_who_left_stays() {
    for app in apps().await {
        let (admin, buyer, _, id) = team(&app).await;
        app.add_user("biomed@chu.example", "CHU", Role::Buyer).await;
        let (_, register) = buyer
            .call(Method::GET, &format!("/api/v1/projects/{id}/risks"), None)
            .await;
        let risk = risks_with(&register, "proposed")
            .into_iter()
            .find(|risk| risk["threat_group"] == "supply-chain-failure")
            .unwrap();
        let path = format!("/api/v1/risks/{}", risk["id"].as_str().unwrap());
        let body = |owner: &str, version: &Value| {
            json!({
                "threat_group": risk["threat_group"], "example": risk["example"],
                "likelihood": 2, "severity": 3, "owner": owner,
                "practices": [3], "version": version
            })
        };

        // Through the API: 422 for a stranger, then a member is accepted.
        let (status, refused) = buyer
            .call(
                Method::PATCH,
                &path,
                Some(body("stranger@elsewhere.example", &risk["version"])),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["error"]["code"], "invalid");
        assert_eq!(
            refused["error"]["message"],
            "Responsable du risque : choisissez un membre de l'organisation."
        );
        let (status, owned) = buyer
            .call(
                Method::PATCH,
                &path,
                Some(body("RSSI@chu.example", &risk["version"])),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{owned}");
        assert_eq!(owned["owner"], "rssi@chu.example");

        // Through the form: the refusal is shown on the owner field.
        let browser = app.sign_in("buyer@chu.example").await;
        let response = save_through_the_form(
            &browser,
            &risk,
            "stranger@elsewhere.example",
            &owned["version"],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = crate::harness::unescape(&response.text().await.unwrap());
        assert!(page.contains("id=\"owner-error\""), "{page}");
        assert!(page.contains("aria-invalid=\"true\""));
        assert!(page.contains("choisissez un membre de l'organisation"));
        let response =
            save_through_the_form(&browser, &risk, "biomed@chu.example", &owned["version"]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        // The owner leaves the organisation: still shown, and kept by a
        // save that leaves the owner as it is; nobody else from outside.
        let (_, members) = admin.call(Method::GET, "/api/v1/users", None).await;
        let biomed = members
            .as_array()
            .unwrap()
            .iter()
            .find(|member| member["email"] == "biomed@chu.example")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, _) = admin
            .call(Method::DELETE, &format!("/api/v1/users/{biomed}"), None)
            .await;
        assert!(status.is_success(), "{status}");
        let kept = risk_of(&buyer, &id, &risk).await;
        assert_eq!(kept["owner"], "biomed@chu.example");
        let page = crate::harness::unescape(
            &browser
                .get(&format!("/risks/{}", risk["id"].as_str().unwrap()))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            page.contains(
                "<option value=\"biomed@chu.example\" selected>biomed@chu.example (ne fait plus partie de l'organisation)</option>"
            ),
            "{page}"
        );
        let response =
            save_through_the_form(&browser, &risk, "biomed@chu.example", &kept["version"]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let saved = risk_of(&buyer, &id, &risk).await;
        assert_eq!(saved["owner"], "biomed@chu.example");
        assert_eq!(saved["version"], kept["version"].as_i64().unwrap() + 1);
        let (status, _) = buyer
            .call(
                Method::PATCH,
                &path,
                Some(body("stranger@elsewhere.example", &saved["version"])),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
