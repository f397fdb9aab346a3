//! What the server remembers between requests: catalogue answers served
//! from memory with an `ETag`, and API tokens remembered for a bounded time.

use std::time::{Duration, Instant};

use procura_service::{RawConfig, TOKEN_CACHE_TTL};
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH};
use serde_json::Value;

use crate::{TestApp, apps};

async fn get(token: &str, url: &str, etag: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(url).bearer_auth(token);
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    request.send().await.unwrap()
}

fn etag_of(response: &reqwest::Response) -> String {
    response.headers()[ETAG].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn catalogue_answers_carry_an_etag_and_a_known_one_gets_304() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let url = app.url("/api/v1/practices?type=medical-devices");
        let first = get(&token, &url, None).await;
        assert_eq!(first.status(), StatusCode::OK, "{}", app.backend);
        let etag = etag_of(&first);
        assert_eq!(first.headers()["cache-control"], "private, no-cache");
        assert_eq!(first.headers()["content-type"], "application/json");
        let body: Value = first.json().await.unwrap();
        assert_eq!(body["count"], body["practices"].as_array().unwrap().len());

        let again = get(&token, &url, Some(&etag)).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(etag_of(&again), etag);
        assert!(again.bytes().await.unwrap().is_empty());

        // Another spelling of the same selection is the same answer.
        let same = get(
            &token,
            &app.url("/api/v1/practices?type=medical&type=medical-devices"),
            None,
        )
        .await;
        assert_eq!(etag_of(&same), etag);
        // Another selection is another answer.
        let other = get(
            &token,
            &app.url("/api/v1/practices?type=cloud-services"),
            Some(&etag),
        )
        .await;
        assert_eq!(other.status(), StatusCode::OK);
        assert_ne!(etag_of(&other), etag);

        let library = get(&token, &app.url("/api/v1/requirements"), None).await;
        assert_eq!(library.status(), StatusCode::OK);
        let library_etag = etag_of(&library);
        let library: Value = library.json().await.unwrap();
        assert!(library.as_array().unwrap().len() >= 80);
        let revalidated = get(
            &token,
            &app.url("/api/v1/requirements"),
            Some(&library_etag),
        )
        .await;
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);

        // The access rule still applies to a cached answer.
        let stranger = get("pcr_not-a-token", &url, Some(&etag)).await;
        assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);
    }
}

async fn token_id(app: &TestApp, token: &str) -> String {
    let list: Value = get(token, &app.url("/api/v1/tokens"), None)
        .await
        .json()
        .await
        .unwrap();
    list[0]["id"].as_str().unwrap().to_owned()
}

/// Two servers over one database, as behind a load balancer: the token is
/// revoked through the first; the first refuses it at once, the second
/// within `TOKEN_CACHE_TTL`.
#[tokio::test]
async fn a_revoked_token_stops_at_once_here_and_within_the_bound_elsewhere() {
    for url in procura_service::testing::fresh_urls().await {
        let here = TestApp::spawn(url.clone(), RawConfig::default()).await;
        let elsewhere = TestApp::spawn(url, RawConfig::default()).await;
        here.setup("CHU", "admin@chu.example").await;
        let token = here.token_for("admin@chu.example", None).await;
        let me = |app: &TestApp| app.url("/api/v1/me");
        assert_eq!(get(&token, &me(&here), None).await.status(), StatusCode::OK);
        assert_eq!(
            get(&token, &me(&elsewhere), None).await.status(),
            StatusCode::OK
        );

        let id = token_id(&here, &token).await;
        let revoked = Instant::now();
        let response = reqwest::Client::new()
            .delete(here.url(&format!("/api/v1/tokens/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        assert_eq!(
            get(&token, &me(&here), None).await.status(),
            StatusCode::UNAUTHORIZED,
            "{}: the instance that revoked it",
            here.backend
        );
        loop {
            let status = get(&token, &me(&elsewhere), None).await.status();
            if status == StatusCode::UNAUTHORIZED {
                break;
            }
            assert_eq!(status, StatusCode::OK);
            assert!(
                revoked.elapsed() <= TOKEN_CACHE_TTL + Duration::from_millis(500),
                "{}: still accepted after {:?}",
                here.backend,
                revoked.elapsed()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A member's role changed or removed takes effect at once on the instance
/// that changed it, for a token already remembered.
#[tokio::test]
async fn a_removed_member_s_token_stops_at_once() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let admin = app.token_for("admin@chu.example", None).await;
        app.add_user("buyer@chu.example", "CHU", procura_domain::Role::Buyer)
            .await;
        let token = app.token_for("buyer@chu.example", None).await;
        let me = app.url("/api/v1/me");
        assert_eq!(get(&token, &me, None).await.status(), StatusCode::OK);
        let users: Value = get(&admin, &app.url("/api/v1/users"), None)
            .await
            .json()
            .await
            .unwrap();
        let id = users
            .as_array()
            .unwrap()
            .iter()
            .find(|user| user["email"] == "buyer@chu.example")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let removed = reqwest::Client::new()
            .delete(app.url(&format!("/api/v1/users/{id}")))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        assert!(removed.status().is_success(), "{}", removed.status());
        assert_eq!(
            get(&token, &me, None).await.status(),
            StatusCode::UNAUTHORIZED,
            "{}",
            app.backend
        );
    }
}
