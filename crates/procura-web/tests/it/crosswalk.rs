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
    }
}
