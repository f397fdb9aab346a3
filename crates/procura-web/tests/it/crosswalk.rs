//! The cross-walk over the API: the same answer as the library's query
//! and the CLI, as JSON or CSV, with translated errors.

use procura_domain::ReferenceQuery;
use reqwest::StatusCode;
use serde_json::Value;

use crate::apps;

#[tokio::test]
async fn the_api_lists_the_requirements_covering_a_point() {
    let library = procura_catalog::requirement_library().unwrap();
    let expected: Vec<String> = library
        .covering(&ReferenceQuery::parse("nis2:21.2.d").unwrap())
        .iter()
        .map(|requirement| requirement.code.to_string())
        .collect();
    assert!(!expected.is_empty());
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let client = reqwest::Client::new();
        let get = |path: &str| {
            client
                .get(app.url(path))
                .bearer_auth(&token)
                .header("accept-language", "fr")
                .send()
        };
        let response = get("/api/v1/requirements/crosswalk?ref=nis2:21.2.d&lang=en")
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
        let body: Value = response.json().await.unwrap();
        let codes: Vec<String> = body["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|requirement| requirement["code"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(codes, expected);
        assert_eq!(body["points"][0]["ref"], "nis2:21.2.d");

        let csv = get("/api/v1/requirements/crosswalk?ref=nis2:21.2.d&format=csv&lang=fr")
            .await
            .unwrap();
        assert_eq!(csv.status(), StatusCode::OK);
        assert!(
            csv.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = csv.text().await.unwrap();
        assert!(
            text.starts_with("Référence,Article ou point,Exigence,Intitulé"),
            "{text}"
        );
        for code in &expected {
            assert!(text.contains(code.as_str()), "{code} missing from the CSV");
        }

        let bad = get("/api/v1/requirements/crosswalk?ref=NIS2%20art%2021")
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad: Value = bad.json().await.unwrap();
        assert!(bad.to_string().contains("Référence invalide"), "{bad}");
        let unknown = get("/api/v1/requirements/crosswalk?ref=nope:1")
            .await
            .unwrap();
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

        // The page gives the same requirements as the API and the CLI.
        let browser = app.sign_in("admin@chu.example").await;
        let page = browser
            .get("/requirements?scheme=nis2&point=21.2.d")
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("nis2:21.2.d"), "{page}");
        for code in &expected {
            assert!(page.contains(code.as_str()), "{code} missing from the page");
        }
        let bad = browser.get("/requirements?scheme=NIS2&point=x%20y").await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

/// "What does this tender cover of the CRA's Annex I?": the page, the API
/// and the XLSX give the points with the selected requirements only.
#[tokio::test]
async fn a_tender_shows_what_it_covers_of_a_text_on_the_page_the_api_and_the_xlsx() {
    use calamine::Reader;
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let admin = crate::harness::ApiClient::new(&app, "admin@chu.example").await;
        let (status, project) = admin
            .call(
                reqwest::Method::POST,
                "/api/v1/projects",
                Some(serde_json::json!({
                    "reference": "AO-2026-NET",
                    "title": "Commutateurs",
                    "procurement_types": ["network-equipment"]
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{project}");
        let id = project["id"].as_str().unwrap().to_owned();
        let (status, body) = admin
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/projects/{id}/tender/crosswalk?ref=cra:I.1&lang=en"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let points = body["points"].as_array().unwrap();
        assert!(points.len() >= 13);
        let (_, selection) = admin
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/projects/{id}/tender"),
                None,
            )
            .await;
        let included: Vec<&str> = selection["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|line| line["included"] == true)
            .map(|line| line["id"].as_str().unwrap())
            .collect();
        for requirement in body["requirements"].as_array().unwrap() {
            assert!(included.contains(&requirement["code"].as_str().unwrap()));
        }

        let browser = app.sign_in("admin@chu.example").await;
        let path = format!("/projects/{id}/crosswalk?scheme=cra&point=I.1");
        for (lang, title) in [
            ("fr", "Exigences et textes de référence"),
            ("en", "Requirements and reference texts"),
        ] {
            browser
                .get(&format!("/language/{lang}?next=/requirements"))
                .await;
            let response = browser.get(&path).await;
            assert_eq!(response.status(), StatusCode::OK);
            let page = response.text().await.unwrap();
            assert!(page.contains(title), "{page}");
            assert!(page.contains("cra:I.1.2.a"), "{page}");
            assert!(!page.contains("Unknown localization key"));
        }
        let response = browser.get(&format!("{path}&format=xlsx")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = response.bytes().await.unwrap().to_vec();
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let name = workbook.sheet_names()[0].clone();
        let sheet = workbook.worksheet_range(&name).unwrap();
        let references: Vec<String> = sheet.rows().skip(4).map(|row| row[0].to_string()).collect();
        assert!(
            references.iter().any(|r| r == "cra:I.1.2.a"),
            "{references:?}"
        );
    }
}
