//! Who sees which project, the portfolio, project and my-items pages, and
//! the portfolio a page at a time.

use procura_domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Api, items_of, name_ciso, new_project, team};
use crate::apps;

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
        // The edit form offers the members to pick from, not a long list.
        let form = crate::harness::unescape(
            &browser
                .get(&format!("{location}/edit"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(form.contains(
            "id=\"stakeholder-it\" name=\"stakeholder-it\" type=\"email\" multiple list=\"members\""
        ));
        assert!(form.contains("value=\"rssi@chu.example\""));
        assert!(form.contains("<datalist id=\"members\">"));
        assert!(!form.contains("multiple size="));
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

#[tokio::test]
async fn the_project_form_names_every_problem_next_to_its_field() {
    for app in apps().await {
        team(&app).await;
        let browser = app.sign_in("buyer@chu.example").await;
        let csrf = browser.csrf("/projects/new").await;
        let refused = browser
            .post_form(
                "/projects",
                &[
                    ("csrf", &csrf),
                    ("reference", "MAR-12"),
                    ("title", "   "),
                    ("cpv_codes", "33100000-2 30200000-5"),
                    ("planning_start", "2026-02-30"),
                ],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = crate::harness::unescape(&refused.text().await.unwrap());
        assert!(
            page.contains("4 champs sont à corriger"),
            "all problems at once"
        );
        assert_eq!(page.matches("class=\"field-error\"").count(), 4, "{page}");
        // Each message is next to its field, which is marked invalid.
        let title = &page[page.find("id=\"title\"").unwrap()..];
        assert!(title.starts_with("id=\"title\" aria-invalid=\"true\""));
        assert!(
            page.contains("(33100000-1)") && page.contains("(30200000-1)"),
            "both CPV codes checked"
        );
        // What was typed is kept.
        assert!(page.contains("value=\"MAR-12\""));
        assert!(page.contains("33100000-2 30200000-5"));
    }
}
