//! Tenants never see each other: ids of another organisation answer 404.

use procura_domain::Role;
use reqwest::StatusCode;

use crate::apps;

#[tokio::test]
async fn an_admin_of_hospital_a_cannot_reach_hospital_b() {
    for app in apps().await {
        app.setup("CHU Alpha", "admin@alpha.example").await;
        app.add_user("admin@beta.example", "CH Beta", Role::Admin)
            .await;
        app.add_user("nurse@beta.example", "CH Beta", Role::Viewer)
            .await;
        let alpha = app
            .token_for("admin@alpha.example", Some("CHU Alpha"))
            .await;
        let beta = app.token_for("admin@beta.example", None).await;
        let client = reqwest::Client::new();

        let beta_users: serde_json::Value = client
            .get(app.url("/api/v1/users"))
            .bearer_auth(&beta)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let nurse = beta_users
            .as_array()
            .unwrap()
            .iter()
            .find(|user| user["email"] == "nurse@beta.example")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();

        let alpha_users: serde_json::Value = client
            .get(app.url("/api/v1/users"))
            .bearer_auth(&alpha)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            !alpha_users.to_string().contains("beta.example"),
            "{}: {alpha_users}",
            app.backend
        );

        let read = client
            .get(app.url(&format!("/api/v1/users/{nurse}")))
            .bearer_auth(&alpha)
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), StatusCode::NOT_FOUND);
        let change = client
            .patch(app.url(&format!("/api/v1/users/{nurse}")))
            .bearer_auth(&alpha)
            .json(&serde_json::json!({"role": "admin"}))
            .send()
            .await
            .unwrap();
        assert_eq!(change.status(), StatusCode::NOT_FOUND);
        let remove = client
            .delete(app.url(&format!("/api/v1/users/{nurse}")))
            .bearer_auth(&alpha)
            .send()
            .await
            .unwrap();
        assert_eq!(remove.status(), StatusCode::NOT_FOUND);

        // Still untouched, seen from Beta.
        let check = client
            .get(app.url(&format!("/api/v1/users/{nurse}")))
            .bearer_auth(&beta)
            .send()
            .await
            .unwrap();
        let nurse_now: serde_json::Value = check.json().await.unwrap();
        assert_eq!(nurse_now["role"], "viewer");

        // The audit logs are separate too.
        let alpha_audit: serde_json::Value = client
            .get(app.url("/api/v1/audit"))
            .bearer_auth(&alpha)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            !alpha_audit.to_string().contains("beta.example"),
            "{alpha_audit}"
        );

        // The same through the pages.
        let browser = app.sign_in("admin@alpha.example").await;
        let csrf = browser.csrf("/users").await;
        let page = browser
            .post_form(&format!("/users/{nurse}/remove"), &[("csrf", &csrf)])
            .await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
    }
}
