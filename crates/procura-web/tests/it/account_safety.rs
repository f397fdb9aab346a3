//! Accounts a hospital can run safely: a password an administrator typed or
//! reset must be replaced before anything else, and a new address can be
//! invited by a one-time link through which its owner chooses their own.

use procura_domain::Role;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{ApiClient, Browser, PASSWORD, unescape};
use crate::{TestApp, apps};

const DAY_MS: i64 = 86_400_000;
const CHOSEN: &str = "un-mot-de-passe-bien-a-moi";

/// Adds a person through the users page: with a password, or none for a link.
async fn add_through_the_page(
    admin: &Browser,
    email: &str,
    name: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = admin.csrf("/users").await;
    admin
        .post_form(
            "/users",
            &[
                ("csrf", &csrf),
                ("email", email),
                ("display_name", name),
                ("role", "buyer"),
                ("password", password),
            ],
        )
        .await
}

/// Where a response redirects to.
fn location(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get(LOCATION)
        .map_or("", |to| to.to_str().unwrap())
}

/// The API as this browser's session calls it: status and body.
async fn session_api(browser: &Browser, method: Method, path: &str) -> (StatusCode, Value) {
    let response = browser.request(method, path, |r| r).await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Every page sends the session to the password form; the API refuses it
/// with its own code.
async fn assert_held_back(app: &TestApp, browser: &Browser) {
    for path in ["/catalogue", "/projects", "/risks", "/my-items"] {
        let page = browser.get(path).await;
        assert_eq!(
            (page.status(), location(&page)),
            (StatusCode::SEE_OTHER, "/account"),
            "{} {path}",
            app.backend
        );
    }
    let (status, body) = session_api(browser, Method::GET, "/api/v1/me").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{}: {body}", app.backend);
    assert_eq!(body["error"]["code"], "password_change_required", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Mon compte"),
        "{body}"
    );
}

async fn change_password(browser: &Browser, current: &str) -> reqwest::Response {
    let csrf = browser.csrf("/account").await;
    browser
        .post_form(
            "/account/password",
            &[("csrf", &csrf), ("current", current), ("new", CHOSEN)],
        )
        .await
}

async fn audit_actions(admin: &ApiClient) -> Vec<(String, Value)> {
    let (_, audit) = admin.call(Method::GET, "/api/v1/audit", None).await;
    audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["detail"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_password_an_administrator_typed_is_changed_before_anything_else() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let added = add_through_the_page(&admin, "new@chu.example", "Nouvelle", PASSWORD).await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER, "{}", app.backend);

        let newcomer = app.sign_in("new@chu.example").await;
        assert_held_back(&app, &newcomer).await;
        // A form elsewhere is sent back too, and does nothing: no token
        // can be minted to get round the change.
        let csrf = newcomer.csrf("/account").await;
        let minted = newcomer
            .post_form("/account/tokens", &[("csrf", &csrf), ("name", "escape")])
            .await;
        assert_eq!(
            (minted.status(), location(&minted)),
            (StatusCode::SEE_OTHER, "/account")
        );
        let (status, _) = session_api(&newcomer, Method::GET, "/api/v1/tokens").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The account page explains why, and asks for nothing else.
        let account = newcomer.get("/account").await;
        assert_eq!(account.status(), StatusCode::OK);
        let account = unescape(&account.text().await.unwrap());
        assert!(
            account.contains("Un administrateur a choisi votre mot de passe")
                && account.contains("Mot de passe reçu de l'administrateur"),
            "{account}"
        );
        assert!(!account.contains("Jetons d'API"), "{account}");
        // In English too, over the API.
        let english = newcomer
            .request(Method::GET, "/api/v1/me", |r| {
                r.header("accept-language", "en")
            })
            .await;
        let english: Value = english.json().await.unwrap();
        assert!(
            english["error"]["message"]
                .as_str()
                .unwrap()
                .contains("First change the password an administrator set"),
            "{english}"
        );
        // API tokens are not held back.
        let token = ApiClient::new(&app, "new@chu.example").await;
        let (status, _) = token.call(Method::GET, "/api/v1/me", None).await;
        assert_eq!(status, StatusCode::OK, "API tokens are not affected");

        let changed = change_password(&newcomer, PASSWORD).await;
        assert_eq!(changed.status(), StatusCode::OK, "{}", app.backend);
        let changed = unescape(&changed.text().await.unwrap());
        assert!(
            changed.contains("Votre mot de passe a été changé") && changed.contains("Jetons d'API"),
            "{changed}"
        );
        for path in ["/catalogue", "/projects", "/account"] {
            assert_eq!(newcomer.get(path).await.status(), StatusCode::OK, "{path}");
        }
        let (status, me) = session_api(&newcomer, Method::GET, "/api/v1/me").await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["role"], "buyer");

        let admin_api = ApiClient::new(&app, "admin@chu.example").await;
        let actions = audit_actions(&admin_api).await;
        let added = actions.iter().find(|(action, _)| action == "user.add");
        assert_eq!(added.unwrap().1["password_change_required"], true);
        let changed = actions
            .iter()
            .find(|(action, _)| action == "user.change_password")
            .expect("the change is logged");
        assert_eq!(changed.1["was_required"], true, "{actions:?}");
    }
}

#[tokio::test]
async fn a_reset_password_is_changed_again_at_the_next_sign_in() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
        let before = app.sign_in("buyer@chu.example").await;
        assert_eq!(before.get("/projects").await.status(), StatusCode::OK);

        let reset = "un-autre-mot-de-passe-solide";
        app.services
            .operator_reset_password("buyer@chu.example", Some(reset), TestApp::now())
            .await
            .unwrap();
        let browser = app.browser();
        let signed_in = browser.sign_in("buyer@chu.example", reset).await;
        assert_eq!(signed_in.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        assert_held_back(&app, &browser).await;
        // Signing out stays possible.
        let csrf = browser.csrf("/account").await;
        let out = browser.post_form("/sign-out", &[("csrf", &csrf)]).await;
        assert_eq!(
            (out.status(), location(&out)),
            (StatusCode::SEE_OTHER, "/sign-in")
        );

        let browser = app.browser();
        browser.sign_in("buyer@chu.example", reset).await;
        assert_eq!(
            change_password(&browser, reset).await.status(),
            StatusCode::OK
        );
        assert_eq!(browser.get("/projects").await.status(), StatusCode::OK);
        // The password chosen is the one that works from now on, unforced.
        let again = app.browser();
        again.sign_in("buyer@chu.example", CHOSEN).await;
        assert_eq!(again.get("/projects").await.status(), StatusCode::OK);
        // Reset once more: the duty comes back.
        app.services
            .operator_reset_password("buyer@chu.example", Some(reset), TestApp::now())
            .await
            .unwrap();
        let once_more = app.browser();
        once_more.sign_in("buyer@chu.example", reset).await;
        assert_held_back(&app, &once_more).await;
    }
}

/// The link shown once on the page, and the sentence that comes with it.
fn issued_link(page: &str) -> (String, String) {
    let start = page.find("<pre class=\"secret\">").expect("a link") + 20;
    let end = page[start..].find("</pre>").unwrap() + start;
    let notice_end = page[..start].rfind("</p>").unwrap();
    let notice_start = page[..notice_end].rfind("<p>").unwrap() + 3;
    (
        page[start..end].to_owned(),
        page[notice_start..notice_end].to_owned(),
    )
}

/// The path of a link, to open it on this server.
fn path_of(app: &TestApp, url: &str) -> String {
    url.strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{url} is on {}", app.base))
        .to_owned()
}

#[tokio::test]
async fn an_invited_person_chooses_their_own_password_through_a_one_time_link() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let admin_api = ApiClient::new(&app, "admin@chu.example").await;
        let issued = add_through_the_page(&admin, "nadia@chu.example", "Nadia Nouvelle", "").await;
        assert_eq!(issued.status(), StatusCode::OK, "{}", app.backend);
        let page = unescape(&issued.text().await.unwrap());
        let (url, notice) = issued_link(&page);
        assert!(
            notice.starts_with(
                "Procura n'envoie pas encore d'e-mails : transmettez ce lien à Nadia Nouvelle (nadia@chu.example)"
            ),
            "{notice}"
        );
        let path = path_of(&app, &url);
        let secret = path.strip_prefix("/invitation/").unwrap();
        assert!(
            secret.len() == 64 && secret.chars().all(|c| c.is_ascii_hexdigit()),
            "{secret}"
        );
        // Shown once: the list names the pending link, never its secret.
        let users = unescape(&admin.get("/users").await.text().await.unwrap());
        assert!(!users.contains(secret), "the secret is not shown again");
        assert!(
            users.contains("Liens d'invitation en attente") && users.contains("nadia@chu.example")
        );
        let (_, members) = admin_api.call(Method::GET, "/api/v1/users", None).await;
        assert!(!members.to_string().contains("nadia@"), "no account yet");

        // The invitee opens the link: who invites them, where, as what.
        let nadia = app.browser();
        let opened = nadia.get(&path).await;
        assert_eq!(opened.status(), StatusCode::OK);
        let opened = unescape(&opened.text().await.unwrap());
        assert!(
            opened.contains("admin@chu.example vous invite à rejoindre CHU")
                && opened.contains("Responsable des achats")
                && opened.contains("Nadia Nouvelle"),
            "{opened}"
        );
        let csrf = crate::harness::csrf_in(&opened).unwrap();
        let weak = nadia
            .post_form(&path, &[("csrf", &csrf), ("password", "court")])
            .await;
        assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unescape(&weak.text().await.unwrap()).contains("au moins 12 caractères"));
        let joined = nadia
            .post_form(&path, &[("csrf", &csrf), ("password", CHOSEN)])
            .await;
        assert_eq!(
            (joined.status(), location(&joined)),
            (StatusCode::SEE_OTHER, "/catalogue"),
            "{}",
            app.backend
        );
        // Signed in, with a password of their own: nothing to change.
        assert_eq!(nadia.get("/projects").await.status(), StatusCode::OK);
        let (status, me) = session_api(&nadia, Method::GET, "/api/v1/me").await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(
            (me["organisation"].as_str(), me["role"].as_str()),
            (Some("CHU"), Some("buyer"))
        );
        let later = app.browser();
        later.sign_in("nadia@chu.example", CHOSEN).await;
        assert_eq!(later.get("/projects").await.status(), StatusCode::OK);

        // The link worked once.
        let stranger = app.browser();
        assert_eq!(stranger.get(&path).await.status(), StatusCode::NOT_FOUND);
        let csrf = stranger.csrf("/sign-in").await;
        let replay = stranger
            .post_form(
                &path,
                &[("csrf", &csrf), ("password", "encore-un-mot-de-passe")],
            )
            .await;
        assert_eq!(replay.status(), StatusCode::NOT_FOUND);
        let users = admin.get("/users").await.text().await.unwrap();
        assert!(
            !users.contains("/users/invitation-links/"),
            "no link pending"
        );

        let actions = audit_actions(&admin_api).await;
        let invite = actions.iter().find(|(a, _)| a == "user.invite").unwrap();
        assert_eq!(invite.1["link"], true);
        let accept = actions
            .iter()
            .find(|(a, _)| a == "user.invitation_accept")
            .unwrap();
        assert_eq!(accept.1["email"], "nadia@chu.example");
    }
}

#[tokio::test]
async fn invitation_links_expire_and_are_replaced_or_cancelled() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let admin_api = ApiClient::new(&app, "admin@chu.example").await;
        // Over the API, without a password: 202 and the link, once.
        let invite = || {
            admin_api.call(
                Method::POST,
                "/api/v1/users",
                Some(json!({"email": "api@chu.example", "display_name": "Api", "role": "it"})),
            )
        };
        let (status, first) = invite().await;
        assert_eq!(status, StatusCode::ACCEPTED, "{}: {first}", app.backend);
        assert_eq!(
            first["expires_at"].as_i64().unwrap() - first["created_at"].as_i64().unwrap(),
            procura_service::INVITATION_LINK_DAYS * DAY_MS
        );
        assert_eq!(first["role"], "it");
        let first_path = path_of(&app, first["url"].as_str().unwrap());
        // Invited again: a new link, and the first stops working.
        let (status, second) = invite().await;
        assert_eq!(status, StatusCode::ACCEPTED, "{second}");
        let second_path = path_of(&app, second["url"].as_str().unwrap());
        assert_ne!(first_path, second_path);
        let browser = app.browser();
        assert_eq!(
            browser.get(&first_path).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(browser.get(&second_path).await.status(), StatusCode::OK);

        // Expired: gone, and the person is told to ask for a new one.
        let moved = app
            .services
            .execute_sql(
                "UPDATE invitation_links SET expires_at = $1 WHERE email = $2",
                TestApp::now().millis() - 60_000,
                "api@chu.example",
            )
            .await
            .unwrap();
        assert_eq!(moved, 1);
        let expired = browser.get(&second_path).await;
        assert_eq!(expired.status(), StatusCode::GONE);
        assert!(unescape(&expired.text().await.unwrap()).contains("Ce lien d'invitation a expiré"));
        let users = unescape(&admin.get("/users").await.text().await.unwrap());
        assert!(users.contains("expiré"), "{users}");

        // Cancelled by the administrator: it stops working.
        let issued = add_through_the_page(&admin, "later@chu.example", "Plus Tard", "").await;
        let (url, _) = issued_link(&unescape(&issued.text().await.unwrap()));
        let users = admin.get("/users").await.text().await.unwrap();
        let marker = "action=\"/users/invitation-links/";
        let ids: Vec<&str> = users
            .match_indices(marker)
            .map(|(at, _)| &users[at + marker.len()..at + marker.len() + 36])
            .collect();
        assert_eq!(ids.len(), 2, "both links are listed");
        let later = admin_api.call(Method::GET, "/api/v1/audit", None).await.1;
        let later_id = later["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "user.invite" && e["detail"]["email"] == "later@chu.example")
            .unwrap()["detail"]["invitation"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(ids.contains(&later_id.as_str()));
        let csrf = admin.csrf("/users").await;
        let cancelled = admin
            .post_form(
                &format!("/users/invitation-links/{later_id}/cancel"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            browser.get(&path_of(&app, &url)).await.status(),
            StatusCode::NOT_FOUND
        );
        let actions = audit_actions(&admin_api).await;
        assert!(
            actions
                .iter()
                .any(|(a, d)| a == "user.invitation_cancel" && d["link"] == true),
            "{actions:?}"
        );
        // An address that has an account is invited to accept on its account
        // page, as before: no link.
        app.add_user("doc@ght.example", "GHT", Role::Buyer).await;
        let (status, invitation) = admin_api
            .call(
                Method::POST,
                "/api/v1/users",
                Some(json!({"email": "doc@ght.example", "role": "it"})),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert!(
            invitation["user_id"].is_string() && invitation["url"].is_null(),
            "{invitation}"
        );
    }
}
