//! What an outside probe tries: many sign-ins at once, redirects to other
//! sites, forged request ids and forwarded addresses, plain-http downgrades.

use procura_domain::{AuditEntry, AuditFilter};
use procura_service::RawConfig;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use crate::harness::PASSWORD;
use crate::{Browser, TestApp, apps};

/// The audit entries with `action` of the organisation `email` belongs to.
async fn audit_entries(app: &TestApp, email: &str, action: &str) -> Vec<AuditEntry> {
    let member = app.services.act_as(email, None).await.unwrap();
    let filter = AuditFilter {
        action: Some(action.to_owned()),
        ..AuditFilter::default()
    };
    app.services.audit_export(&member, &filter).await.unwrap()
}

#[tokio::test]
async fn parallel_wrong_passwords_get_at_most_the_free_attempts() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let browser = app.browser();
        let csrf = browser.csrf("/sign-in").await;
        let mut attempts = tokio::task::JoinSet::new();
        for _ in 0..16 {
            let browser = browser.clone();
            let csrf = csrf.clone();
            attempts.spawn(async move {
                browser
                    .post_form(
                        "/sign-in",
                        &[
                            ("csrf", &csrf),
                            ("email", "admin@chu.example"),
                            ("password", "not-the-password"),
                        ],
                    )
                    .await
                    .status()
            });
        }
        let statuses = attempts.join_all().await;
        let wrong = statuses
            .iter()
            .filter(|status| **status == StatusCode::UNAUTHORIZED)
            .count();
        let refused = statuses
            .iter()
            .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!(wrong + refused, 16, "{statuses:?} on {}", app.backend);
        assert!(
            wrong <= 5,
            "{wrong} passwords evaluated on {}: {statuses:?}",
            app.backend
        );
        let failures = audit_entries(&app, "admin@chu.example", "user.sign_in_failed").await;
        assert_eq!(failures.len(), wrong, "{}", app.backend);
    }
}

/// `next` values that must not lead a browser to another site.
const HOSTILE_NEXT: &[&str] = &[
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
];

#[tokio::test]
async fn next_never_leads_to_another_site() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        for next in HOSTILE_NEXT {
            let query: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
            let switched = app
                .browser()
                .get(&format!("/language/en?next={query}"))
                .await;
            assert_eq!(switched.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(switched.headers()[LOCATION], "/", "{next:?}");

            let browser = app.browser();
            let csrf = browser.csrf("/sign-in").await;
            let signed_in = browser
                .post_form(
                    "/sign-in",
                    &[
                        ("csrf", &csrf),
                        ("email", "admin@chu.example"),
                        ("password", PASSWORD),
                        ("next", next),
                    ],
                )
                .await;
            assert_eq!(signed_in.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(signed_in.headers()[LOCATION], "/", "{next:?}");
        }
        // A page of this site is still where the browser goes back to.
        let switched = app
            .browser()
            .get("/language/en?next=%2Fprojects%3Fsearch%3Dpompe%2520a%2520perfusion")
            .await;
        assert_eq!(
            switched.headers()[LOCATION],
            "/projects?search=pompe%20a%20perfusion"
        );
    }
}

#[tokio::test]
async fn request_ids_are_short_tokens_of_safe_characters() {
    let app = apps().await.remove(0);
    let client = reqwest::Client::new();
    let sent = |id: &'static str| {
        let request = client.get(app.url("/healthz")).header("x-request-id", id);
        async move {
            let response = request.send().await.unwrap();
            response.headers()["x-request-id"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    assert_eq!(sent("proxy-7f3a.42_b").await, "proxy-7f3a.42_b");
    let long = "a".repeat(65);
    let long: &'static str = Box::leak(long.into_boxed_str());
    for forged in ["line\" injected=\"yes", "<script>", "a b", long, "é"] {
        let answered = sent(forged).await;
        assert_ne!(answered, forged);
        assert!(
            !answered.is_empty()
                && answered.len() <= 64
                && answered
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{answered:?} replaces {forged:?}"
        );
    }
}

#[tokio::test]
async fn strict_transport_security_only_behind_https() {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    let https = TestApp::spawn(
        url,
        RawConfig {
            public_url: Some("https://procura.chu.example".into()),
            ..RawConfig::default()
        },
    )
    .await;
    let response = https.browser().get("/sign-in").await;
    let hsts = response.headers()["strict-transport-security"]
        .to_str()
        .unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
    let plain = apps().await.remove(0);
    let response = plain.browser().get("/sign-in").await;
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none()
    );
}

/// Signs in with `X-Forwarded-For` and returns the address the audit log
/// recorded for it.
async fn recorded_address(app: &TestApp, forwarded_for: &str) -> String {
    let browser = Browser::new(&app.base);
    let csrf = browser.csrf("/sign-in").await;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", csrf.as_str()),
            ("email", "admin@chu.example"),
            ("password", PASSWORD),
        ])
        .finish();
    let response = browser
        .request(reqwest::Method::POST, "/sign-in", |r| {
            r.header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", forwarded_for)
                .body(body)
        })
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let entries = audit_entries(app, "admin@chu.example", "user.sign_in").await;
    let detail: serde_json::Value = serde_json::from_str(&entries[0].detail).unwrap();
    detail["address"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn forwarded_for_is_believed_only_from_trusted_proxies() {
    for trusted in [false, true] {
        for url in procura_service::testing::fresh_urls().await {
            let raw = RawConfig {
                trusted_proxies: trusted.then(|| vec!["127.0.0.0/8".to_owned()]),
                ..RawConfig::default()
            };
            let app = TestApp::spawn(url, raw).await;
            app.setup("CHU", "admin@chu.example").await;
            let address = recorded_address(&app, "198.51.100.9, 203.0.113.7").await;
            let expected = if trusted { "203.0.113.7" } else { "127.0.0.1" };
            assert_eq!(address, expected, "trusted: {trusted}, {}", app.backend);
        }
    }
}
