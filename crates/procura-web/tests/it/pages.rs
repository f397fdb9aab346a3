//! Pages: security headers, languages, administration forms, the audit log.

use procura_domain::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::apps;
use crate::harness::PASSWORD;

#[tokio::test]
async fn security_headers_on_every_kind_of_response() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let anonymous = app.browser();
        let responses = vec![
            admin.get("/catalogue").await,
            admin.get("/assets/style.css").await,
            admin.get("/no-such-page").await,
            admin.get("/api/v1/practices").await,
            anonymous.get("/api/v1/me").await,
            anonymous.get("/users").await,
            anonymous.get("/healthz").await,
            anonymous.post_form("/sign-in", &[]).await,
        ];
        for response in responses {
            let headers = response.headers();
            let what = format!("{} {}", response.status(), response.url());
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(
                csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
                "{what}"
            );
            assert!(!csp.contains("unsafe-inline"), "{what}");
            assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
            assert_eq!(headers["referrer-policy"], "same-origin", "{what}");
            assert!(headers.contains_key("x-request-id"), "{what}");
        }
    }
}

#[tokio::test]
async fn pages_speak_the_browser_language_or_the_chosen_one() {
    let app = apps().await.remove(0);
    let mut english = app.browser();
    english.accept_language = Some("en-GB,en;q=0.9,fr;q=0.5".into());
    let body = english.get("/sign-in").await.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\">") && body.contains("Sign in to Procura"));
    let french = app.browser();
    let body = french.get("/sign-in").await.text().await.unwrap();
    assert!(body.contains("<html lang=\"fr\">") && body.contains("Se connecter à Procura"));
    let switch = english.get("/language/fr?next=/sign-in").await;
    assert_eq!(switch.status(), StatusCode::SEE_OTHER);
    assert_eq!(switch.headers()[LOCATION], "/sign-in");
    let body = english.get("/sign-in").await.text().await.unwrap();
    assert!(
        body.contains("Se connecter à Procura"),
        "the explicit choice wins"
    );
    let escape = english.get("/language/en?next=//evil.example").await;
    assert_eq!(escape.headers()[LOCATION], "/");
    let not_found = french.get("/nowhere").await;
    assert_eq!(not_found.status(), StatusCode::NOT_FOUND);
    assert!(
        crate::harness::unescape(&not_found.text().await.unwrap())
            .contains("Cette page n'existe pas")
    );
}

#[tokio::test]
async fn admins_manage_users_through_the_pages() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let csrf = admin.csrf("/users").await;
        let added = admin
            .post_form(
                "/users",
                &[
                    ("csrf", &csrf),
                    ("email", "rssi@chu.example"),
                    ("display_name", "Rémi RSSI"),
                    ("role", "ciso"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        let list = admin.get("/users").await.text().await.unwrap();
        assert!(list.contains("rssi@chu.example") && list.contains("Rémi RSSI"));
        let weak = admin
            .post_form(
                "/users",
                &[
                    ("csrf", &csrf),
                    ("email", "it@chu.example"),
                    ("display_name", "IT"),
                    ("role", "it"),
                    ("password", "short"),
                ],
            )
            .await;
        assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = weak.text().await.unwrap();
        assert!(
            body.contains("au moins 12 caractères") && body.contains("it@chu.example"),
            "message and input kept"
        );
        // The new CISO signs in, replaces the password the administrator
        // typed, and reads the audit log, but may not manage users.
        let ciso = app.sign_in("rssi@chu.example").await;
        assert_eq!(ciso.get("/audit").await.status(), StatusCode::SEE_OTHER);
        let csrf = ciso.csrf("/account").await;
        let changed = ciso
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current", PASSWORD),
                    ("new", "une-phrase-de-passe-du-rssi"),
                ],
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        assert_eq!(ciso.get("/audit").await.status(), StatusCode::OK);
        let forbidden = ciso.get("/users").await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
        assert!(
            forbidden
                .text()
                .await
                .unwrap()
                .contains("Votre rôle ne le permet pas")
        );
    }
}

#[tokio::test]
async fn the_account_page_changes_password_and_issues_tokens() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let csrf = admin.csrf("/account").await;
        let wrong = admin
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current", "nope-nope-nope"),
                    ("new", "un-nouveau-mot-de-passe"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let changed = admin
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current", PASSWORD),
                    ("new", "un-nouveau-mot-de-passe"),
                ],
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        assert!(
            changed
                .text()
                .await
                .unwrap()
                .contains("Votre mot de passe a été changé")
        );
        let issued = admin
            .post_form(
                "/account/tokens",
                &[
                    ("csrf", &csrf),
                    ("name", "export nightly"),
                    ("expires_in_days", "90"),
                ],
            )
            .await;
        let body = issued.text().await.unwrap();
        let start = body.find("pcr_").expect("token shown once");
        let token = &body[start..start + 68];
        let me = reqwest::Client::new()
            .get(app.url("/api/v1/me"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), StatusCode::OK);
        let again = admin.get("/account").await.text().await.unwrap();
        assert!(!again.contains(token), "never shown again");
        let language = admin
            .post_form("/account/language", &[("csrf", &csrf), ("lang", "en")])
            .await;
        assert_eq!(language.status(), StatusCode::SEE_OTHER);
        assert!(
            admin
                .get("/account")
                .await
                .text()
                .await
                .unwrap()
                .contains("My account")
        );
    }
}

#[tokio::test]
async fn operators_create_organisations_and_members_switch_between_them() {
    for app in apps().await {
        let operator = app.setup("CHU", "operator@chu.example").await;
        let csrf = operator.csrf("/organisations").await;
        let created = operator
            .post_form("/organisations", &[("csrf", &csrf), ("name", "GHT Sud")])
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        let list = operator.get("/organisations").await.text().await.unwrap();
        assert!(list.contains("GHT Sud"));
        let duplicate = operator
            .post_form("/organisations", &[("csrf", &csrf), ("name", "GHT Sud")])
            .await;
        assert_eq!(duplicate.status(), StatusCode::CONFLICT);
        let page = operator.get("/catalogue").await.text().await.unwrap();
        assert!(
            page.contains("id=\"switch-organisation\""),
            "member of two organisations"
        );
        let ght = app
            .services
            .my_organisations(
                &app.services
                    .resume_session(
                        &operator.cookie("procura_session").unwrap(),
                        crate::TestApp::now(),
                    )
                    .await
                    .unwrap()
                    .unwrap(),
            )
            .await
            .unwrap()
            .into_iter()
            .find(|(org, _)| org.name == "GHT Sud")
            .unwrap()
            .0
            .id
            .to_string();
        let switched = operator
            .post_form(
                "/organisation/switch",
                &[("csrf", &csrf), ("organisation", &ght)],
            )
            .await;
        assert_eq!(switched.status(), StatusCode::SEE_OTHER);
        assert!(
            operator
                .get("/catalogue")
                .await
                .text()
                .await
                .unwrap()
                .contains("· GHT Sud")
        );
        app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
        let buyer = app.sign_in("buyer@chu.example").await;
        assert_eq!(
            buyer.get("/organisations").await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_audit_log_page_filters_and_exports() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let _ = app
            .browser()
            .sign_in("admin@chu.example", "wrong-password-typed")
            .await;
        let page = admin
            .get("/audit?action=user.sign_in_failed")
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("user.sign_in_failed"), "{}", app.backend);
        assert!(!page.contains("instance.setup"));
        let csv = admin
            .get("/audit/export?format=csv")
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("seq,time_utc,"));
        assert!(csv.contains("instance.setup"));
        let json: serde_json::Value = admin
            .get("/audit/export?format=json")
            .await
            .json()
            .await
            .unwrap();
        assert!(
            json.as_array()
                .unwrap()
                .iter()
                .all(|entry| entry["hash"].as_str().unwrap().len() == 64)
        );
    }
}
