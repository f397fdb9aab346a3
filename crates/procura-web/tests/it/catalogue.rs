//! The catalogue explorer pages and exports.

use procura_service::RawConfig;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::{TestApp, apps};

#[tokio::test]
async fn explorer_groups_results_by_phase_with_reasons() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let page = admin
            .get("/catalogue?type=cloud-services&phase=supplier-selection&phase=planning")
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = crate::harness::unescape(&page.text().await.unwrap());
        assert!(body.contains("id=\"phase-planning\""), "{}", app.backend);
        assert!(body.contains("id=\"phase-supplier-selection\""));
        assert!(
            !body.contains("id=\"phase-management\""),
            "only the selected phases"
        );
        assert!(body.contains("BP-17"));
        assert!(!body.contains("BP-27"));
        assert!(
            body.contains(
                "Critères satisfaits : Planification, Sélection des fournisseurs, Services en nuage"
            ),
            "reasons shown"
        );
        assert!(
            body.contains("value=\"cloud-services\" checked"),
            "the query lives in the URL and the form"
        );
        assert!(body.contains("/catalogue/export?format=csv&phase=planning&phase=supplier-selection&type=cloud-services"));
    }
}

#[tokio::test]
async fn search_is_accent_insensitive_in_the_browser_too() {
    let app = apps().await.remove(0);
    let admin = app.setup("CHU", "admin@chu.example").await;
    let plain = admin
        .get("/catalogue?q=securite")
        .await
        .text()
        .await
        .unwrap();
    let accented = admin
        .get("/catalogue?q=s%C3%A9curit%C3%A9")
        .await
        .text()
        .await
        .unwrap();
    let count = |body: &str| body.matches("class=\"practice-item\"").count();
    assert!(count(&plain) > 0);
    assert_eq!(count(&plain), count(&accented));
}

#[tokio::test]
async fn exports_download_the_current_list() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let csv = admin
            .get("/catalogue/export?format=csv&type=medical-devices&phase=planning")
            .await;
        assert_eq!(csv.status(), StatusCode::OK);
        assert!(
            csv.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert!(
            csv.headers()[CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let text = csv.text().await.unwrap();
        assert_eq!(text.lines().count(), 15, "header + 14 practices");
        let markdown = admin
            .get("/catalogue/export?format=markdown&type=medical-devices")
            .await
            .text()
            .await
            .unwrap();
        assert!(markdown.starts_with("# Bonnes pratiques"));
        let json: serde_json::Value = admin
            .get("/catalogue/export?format=json&threat=natural-phenomena")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json["count"], 8);
        let unknown = admin.get("/catalogue/export?format=pdf").await;
        assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn practice_page_and_unknown_values() {
    let app = apps().await.remove(0);
    let admin = app.setup("CHU", "admin@chu.example").await;
    admin.set_cookie("procura_lang", "en");
    let page = admin.get("/practices/BP-17").await;
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("Cloud services"));
    assert!(body.contains("https://www.enisa.europa.eu/"));
    assert_eq!(
        admin.get("/practices/BP-31").await.status(),
        StatusCode::NOT_FOUND
    );
    let bad = admin.get("/catalogue?type=toaster").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(
        bad.text().await.unwrap().contains("medical-devices"),
        "valid values listed"
    );
}

#[tokio::test]
async fn an_agency_can_publish_the_catalogue() {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    let app = TestApp::spawn(
        url,
        RawConfig {
            public_catalogue: Some(true),
            ..RawConfig::default()
        },
    )
    .await;
    let anonymous = app.browser();
    assert_eq!(anonymous.get("/catalogue").await.status(), StatusCode::OK);
    assert_eq!(
        anonymous
            .get("/api/v1/practices?type=medical")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        anonymous.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        anonymous.get("/users").await.status(),
        StatusCode::SEE_OTHER
    );
}
