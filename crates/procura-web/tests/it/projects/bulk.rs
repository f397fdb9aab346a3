//! Several checklist items changed at once from the project page: each
//! item versioned, logged and checked as if changed alone, and nothing
//! changed when one is refused.

use reqwest::StatusCode;
use reqwest::header::LOCATION;

use super::{items_of, new_project, team};
use crate::apps;
use crate::harness::unescape;

#[tokio::test]
async fn ticked_items_change_together_or_not_at_all() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (status, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-2026-BULK", &["medical-devices"]),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{project}");
        let id = project["id"].as_str().unwrap().to_owned();
        let planning = items_of(&project, "planning");
        let chosen: Vec<String> = planning
            .iter()
            .take(3)
            .map(|item| format!("{}:{}", item["id"].as_str().unwrap(), item["version"]))
            .collect();

        let browser = app.sign_in("buyer@chu.example").await;
        let page = unescape(
            &browser
                .get(&format!("/projects/{id}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.contains("Modifier plusieurs actions"));
        assert!(
            page.contains("480\u{202f}000\u{a0}€"),
            "the amount in French conventions"
        );
        // The current phase comes first, unfolded; the others are folded.
        let planning_at = page
            .find("id=\"phase-planning\" open")
            .expect("planning open");
        let selection_at = page.find("id=\"phase-supplier-selection\"").unwrap();
        assert!(planning_at < selection_at);
        assert!(!page.contains("id=\"phase-supplier-selection\" open"));
        let csrf = browser.csrf(&format!("/projects/{id}")).await;
        let path = format!("/projects/{id}/items/bulk");
        let mut fields: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        for value in &chosen {
            fields.push(("item", value));
        }
        let mut fields_ok = fields.clone();
        fields_ok.extend([
            ("bulk-status", "in-progress"),
            ("bulk-owner", "buyer@chu.example"),
            ("bulk-due", "2027-03-31"),
        ]);
        let response = browser.post_form(&path, &fields_ok).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(
            response.headers()[LOCATION]
                .to_str()
                .unwrap()
                .contains("done=updated")
        );
        let (_, after) = buyer.get(&format!("/api/v1/projects/{id}")).await;
        let changed: Vec<_> = items_of(&after, "planning").into_iter().take(3).collect();
        for item in &changed {
            assert_eq!(item["status"], "in-progress", "{item}");
            assert_eq!(item["owner"], "buyer@chu.example");
            assert_eq!(item["due_date"], "2027-03-31");
        }
        // The fourth kept its own values.
        assert_eq!(items_of(&after, "planning")[3]["status"], "todo");
        let page = unescape(
            &browser
                .get(&format!("/projects/{id}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.matches("En cours").count() >= 3);

        // Stale versions (the form was read before the change): nothing
        // changes, and the page says why.
        let mut stale = fields.clone();
        stale.push(("bulk-status", "done"));
        let response = browser.post_form(&path, &stale).await;
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let (_, again) = buyer.get(&format!("/api/v1/projects/{id}")).await;
        for item in items_of(&again, "planning").into_iter().take(3) {
            assert_eq!(item["status"], "in-progress");
        }
        // Nothing ticked, or nothing to change: refused with a message.
        let response = browser
            .post_form(&path, &[("csrf", &csrf), ("bulk-status", "done")])
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unescape(&response.text().await.unwrap()).contains("Cochez au moins une action"));
        let response = browser.post_form(&path, &fields).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // A viewer sees no bulk form and may not post one.
        let viewer = app.sign_in("viewer@chu.example").await;
        let response = viewer.get(&format!("/projects/{id}")).await;
        assert!(!response.text().await.unwrap().contains("items/bulk"));
    }
}
