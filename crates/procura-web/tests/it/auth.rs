//! Setup, signing in and out, CSRF, throttling, cookies and API tokens.

use procura_domain::Role;
use procura_service::RawConfig;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, RETRY_AFTER, SET_COOKIE};

use crate::harness::PASSWORD;
use crate::{TestApp, apps};

#[tokio::test]
async fn first_run_setup_creates_the_organisation_and_signs_in() {
    for app in apps().await {
        let admin = app.setup("CHU Exemple", "admin@chu.example").await;
        assert!(admin.cookie("procura_session").is_some(), "{}", app.backend);
        let page = admin.get("/catalogue").await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = page.text().await.unwrap();
        assert!(body.contains("BP-17"), "{}", app.backend);
        assert!(body.contains("CHU Exemple"));
        // The token worked once.
        assert!(
            app.services
                .prepare_setup(TestApp::now())
                .await
                .unwrap()
                .is_none()
        );
        let again = app.browser().get("/setup?token=anything").await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn setup_refuses_a_weak_password_and_keeps_the_input() {
    for app in apps().await {
        let token = app
            .services
            .prepare_setup(TestApp::now())
            .await
            .unwrap()
            .unwrap();
        let browser = app.browser();
        let csrf = browser.csrf(&format!("/setup?token={token}")).await;
        let response = browser
            .post_form(
                "/setup",
                &[
                    ("csrf", &csrf),
                    ("token", &token),
                    ("organisation", "CHU Faible"),
                    ("display_name", "Admin"),
                    ("email", "admin@faible.example"),
                    ("password", "password1234"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = response.text().await.unwrap();
        assert!(body.contains("CHU Faible"), "input kept");
        assert!(
            body.contains("trop courant"),
            "French message by default: {body}"
        );
        assert_eq!(app.services.user_count().await.unwrap(), 0);
    }
}

#[tokio::test]
async fn sign_in_needs_the_csrf_token() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let browser = app.browser();
        let _ = browser.get("/sign-in").await;
        let missing = browser
            .post_form(
                "/sign-in",
                &[("email", "admin@chu.example"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(missing.status(), StatusCode::FORBIDDEN, "{}", app.backend);
        let wrong = browser
            .post_form(
                "/sign-in",
                &[
                    ("csrf", &"0".repeat(64)),
                    ("email", "admin@chu.example"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
        assert!(wrong.text().await.unwrap().contains("formulaire"));
        assert!(browser.cookie("procura_session").is_none());
        let foreign = browser
            .request(reqwest::Method::POST, "/sign-in", |r| {
                r.header("origin", "https://evil.example")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("email=admin%40chu.example&password=x")
            })
            .await;
        assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
        let ok = browser.sign_in("admin@chu.example", PASSWORD).await;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        assert_eq!(ok.headers()[LOCATION], "/");
    }
}

#[tokio::test]
async fn session_cookie_flags_and_rotation() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let browser = app.browser();
        let first = browser.sign_in("admin@chu.example", PASSWORD).await;
        let cookie = first
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|v| v.starts_with("procura_session="))
            .expect("session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain http: {cookie}");
        let first_id = browser.cookie("procura_session").unwrap();
        // Signing in again from a signed-in browser replaces the session id.
        let csrf = browser.csrf("/catalogue").await;
        let second = browser
            .post_form(
                "/sign-in",
                &[
                    ("csrf", &csrf),
                    ("email", "admin@chu.example"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(second.status(), StatusCode::SEE_OTHER);
        assert_ne!(
            browser.cookie("procura_session").unwrap(),
            first_id,
            "a new id at every sign-in"
        );
    }
}

#[tokio::test]
async fn cookies_are_secure_behind_https() {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    let app = TestApp::spawn(
        url,
        RawConfig {
            public_url: Some("https://procura.chu.example".into()),
            ..RawConfig::default()
        },
    )
    .await;
    let response = app.browser().get("/sign-in").await;
    let cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn wrong_password_is_refused_then_rate_limited() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let browser = app.browser();
        for attempt in 1..=5 {
            let response = browser
                .sign_in("admin@chu.example", "not-the-password")
                .await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "attempt {attempt} on {}",
                app.backend
            );
            let body = response.text().await.unwrap();
            assert!(body.contains("mot de passe incorrect"), "{body}");
            assert!(
                body.contains("admin@chu.example"),
                "e-mail kept in the form"
            );
        }
        let blocked = browser.sign_in("admin@chu.example", PASSWORD).await;
        assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(blocked.headers().contains_key(RETRY_AFTER));
        assert!(browser.cookie("procura_session").is_none());
        let audit = app.services.audit_verify().await.unwrap();
        assert_eq!(audit.first_broken, None);
        assert!(audit.entries >= 6, "failed sign-ins are audit-logged");
    }
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let old_session = admin.cookie("procura_session").unwrap();
        let csrf = admin.csrf("/catalogue").await;
        let response = admin.post_form("/sign-out", &[("csrf", &csrf)]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(admin.cookie("procura_session").is_none());
        let replay = app.browser();
        replay.set_cookie("procura_session", &old_session);
        let page = replay.get("/catalogue").await;
        assert_eq!(
            page.status(),
            StatusCode::SEE_OTHER,
            "the old cookie no longer works"
        );
        assert_eq!(page.headers()[LOCATION], "/sign-in?next=%2Fcatalogue");
    }
}

#[tokio::test]
async fn signed_out_pages_redirect_and_the_api_answers_401() {
    for app in apps().await {
        let browser = app.browser();
        let page = browser.get("/users").await;
        assert_eq!(page.status(), StatusCode::SEE_OTHER);
        assert_eq!(page.headers()[LOCATION], "/sign-in?next=%2Fusers");
        let api = browser.get("/api/v1/me").await;
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
        let body: serde_json::Value = api.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthorized");
        assert!(body["error"]["message"].is_string());
    }
}

#[tokio::test]
async fn api_tokens_work_until_revoked() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let client = reqwest::Client::new();
        // Issued over the API with the session: a cookie-authenticated write needs the CSRF header.
        let csrf = admin.csrf("/account").await;
        let without = admin
            .request(reqwest::Method::POST, "/api/v1/tokens", |r| {
                r.json(&serde_json::json!({"name": "ci"}))
            })
            .await;
        assert_eq!(without.status(), StatusCode::FORBIDDEN);
        let issued = admin
            .request(reqwest::Method::POST, "/api/v1/tokens", |r| {
                r.header("x-csrf-token", &csrf)
                    .json(&serde_json::json!({"name": "ci", "expires_in_days": 30}))
            })
            .await;
        assert_eq!(issued.status(), StatusCode::CREATED, "{}", app.backend);
        let issued: serde_json::Value = issued.json().await.unwrap();
        let token = issued["token"].as_str().unwrap().to_owned();
        let id = issued["details"]["id"].as_str().unwrap().to_owned();
        let me = client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), StatusCode::OK);
        let me: serde_json::Value = me.json().await.unwrap();
        assert_eq!(me["email"], "admin@chu.example");
        assert_eq!(me["role"], "admin");
        // Listed without its secret.
        let list: serde_json::Value = client
            .get(app.url("/api/v1/tokens"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(!list.to_string().contains(&token));
        let revoked = client
            .delete(app.url(&format!("/api/v1/tokens/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
        let after = client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
        let garbage = client
            .get(app.url("/api/v1/me"))
            .bearer_auth("pcr_nonsense")
            .send()
            .await
            .unwrap();
        assert_eq!(garbage.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn tokens_carry_the_role_of_their_owner() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        app.add_user("viewer@chu.example", "CHU", Role::Viewer)
            .await;
        let token = app.token_for("viewer@chu.example", None).await;
        let client = reqwest::Client::new();
        let users = client
            .get(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(users.status(), StatusCode::FORBIDDEN);
        let body: serde_json::Value = users.json().await.unwrap();
        assert_eq!(body["error"]["code"], "forbidden");
        let practices = client
            .get(app.url("/api/v1/practices"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(practices.status(), StatusCode::OK);
    }
}
