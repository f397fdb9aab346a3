//! The home page through the real server: each person lands on what needs
//! them — their open items by due date, the phases waiting for their
//! sign-off as a project's CISO, the bids to grade — and their projects
//! with their stage.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::apps;
use crate::bids::team;
use crate::harness::unescape;

#[tokio::test]
async fn each_person_lands_on_what_needs_them_now() {
    for app in apps().await {
        let team = team(&app).await;
        let project = team.project.clone();
        // One item assigned to the buyer, overdue.
        let (status, view) = team
            .buyer
            .call(Method::GET, &format!("/api/v1/projects/{project}"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let item = view["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["phase"] == "planning")
            .unwrap()
            .clone();
        let (status, saved) = team
            .buyer
            .call(
                Method::PATCH,
                &format!("/api/v1/items/{}", item["id"].as_str().unwrap()),
                Some(json!({"status": "in-progress", "owner": "buyer@chu.example", "due_date": "2020-01-15", "version": item["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");

        let buyer = app.sign_in("buyer@chu.example").await;
        let page = buyer.get("/").await;
        assert_eq!(page.status(), StatusCode::OK);
        let home = unescape(&page.text().await.unwrap());
        for expected in [
            "Bonjour",
            "1 action ouverte à votre nom (1 en retard)",
            "Vos actions à mener",
            "15 janvier 2020",
            "Vos projets",
            "AO-2026-PACS",
            "aria-current=\"step\"",
        ] {
            assert!(home.contains(expected), "buyer: {expected}");
        }
        assert!(
            !home.contains("Phases à valider"),
            "the buyer signs nothing off"
        );

        let ciso = app.sign_in("rssi@chu.example").await;
        let home = unescape(&ciso.get("/").await.text().await.unwrap());
        assert!(
            home.contains("Phases à valider (RSSI)"),
            "the CISO's sign-off"
        );
        assert!(home.contains("Phase « Planification » — "), "{home}");
        assert!(home.contains("actions encore ouvertes"));
        assert!(home.contains("1 validation en attente"));

        // In English too, and the viewer has nothing waiting.
        let viewer = app.sign_in("viewer@chu.example").await;
        viewer.set_cookie("procura_lang", "en");
        let home = unescape(&viewer.get("/").await.text().await.unwrap());
        assert!(home.contains("Hello"), "{home}");
        assert!(home.contains("No open action in your name"));
        assert!(home.contains("Your projects") && home.contains("AO-2026-PACS"));
        assert!(!home.contains("Unknown localization key"));

        // Anonymous visitors go to the sign-in page.
        let anonymous = app.browser();
        let response = anonymous.get("/").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
}
