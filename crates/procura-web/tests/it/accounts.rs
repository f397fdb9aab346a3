//! Accounts and rights: who may name a project's CISO, what a password change
//! does to other sessions, invitations across organisations, and what API
//! tokens may do and how long they live.

use procura_domain::Role;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{ApiClient, Browser, PASSWORD, unescape};
use crate::{TestApp, apps};

const DAY_MS: i64 = 86_400_000;

fn project_body(reference: &str, stakeholders: Value) -> Value {
    json!({
        "reference": reference,
        "title": "Pompes à perfusion connectées",
        "procurement_types": ["cloud-services"],
        "stakeholders": stakeholders,
    })
}

/// The body of a full update: the project as read, with other stakeholders.
fn update_body(project: &Value, stakeholders: Value) -> Value {
    json!({
        "reference": project["reference"],
        "title": project["title"],
        "procurement_types": project["procurement_types"],
        "stakeholders": stakeholders,
        "version": project["version"],
    })
}

fn cisos(project: &Value) -> Vec<String> {
    project["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["role"] == "ciso")
        .map(|s| s["email"].as_str().unwrap().to_owned())
        .collect()
}

/// An administrator, a buyer, the organisation's CISO and an IT colleague.
async fn organisation(app: &TestApp) -> (ApiClient, ApiClient, ApiClient) {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    app.add_user("it@chu.example", "CHU", Role::It).await;
    (
        ApiClient::new(app, "admin@chu.example").await,
        ApiClient::new(app, "buyer@chu.example").await,
        ApiClient::new(app, "rssi@chu.example").await,
    )
}

#[tokio::test]
async fn a_project_editor_may_not_name_or_remove_a_project_ciso() {
    for app in apps().await {
        let (admin, buyer, _) = organisation(&app).await;
        // Creating a project that names a CISO: refused whole.
        let (status, body) = buyer
            .call(
                Method::POST,
                "/api/v1/projects",
                Some(project_body(
                    "MAR-C1",
                    json!([{"email": "buyer@chu.example", "role": "ciso"}]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}: {body}", app.backend);
        assert_eq!(body["error"]["code"], "forbidden");
        let (_, listed) = admin.call(Method::GET, "/api/v1/projects", None).await;
        assert_eq!(listed.as_array().unwrap().len(), 0, "nothing created");

        let (status, project) = buyer
            .call(
                Method::POST,
                "/api/v1/projects",
                Some(project_body(
                    "MAR-C1",
                    json!([{"email": "it@chu.example", "role": "it"}]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{project}");
        let id = project["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/projects/{id}");
        // Naming themself, then someone else: 403, and nothing changes.
        for ciso in ["buyer@chu.example", "rssi@chu.example"] {
            let mut body = update_body(
                &project,
                json!([{"email": "it@chu.example", "role": "it"}, {"email": ciso, "role": "ciso"}]),
            );
            body["title"] = json!("Titre changé");
            let (status, refused) = buyer.call(Method::PATCH, &path, Some(body)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{ciso}: {refused}");
            let (_, after) = admin.call(Method::GET, &path, None).await;
            assert_eq!(after["version"], project["version"], "nothing changed");
            assert_eq!(after["title"], project["title"]);
            assert!(cisos(&after).is_empty());
        }
        let sign_off = format!("{path}/sign-off");
        let (status, _) = buyer
            .call(Method::POST, &sign_off, Some(json!({"comment": "ok"})))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The same through the page form.
        let browser = app.sign_in("buyer@chu.example").await;
        let csrf = browser.csrf("/projects/new").await;
        let created = browser
            .post_form(
                "/projects",
                &[
                    ("csrf", &csrf),
                    ("reference", "MAR-C2"),
                    ("title", "Réseau Wi-Fi"),
                    ("type", "cloud-services"),
                    ("stakeholder-ciso", "rssi@chu.example"),
                ],
            )
            .await;
        assert_eq!(created.status(), StatusCode::FORBIDDEN);
        let page = unescape(&created.text().await.unwrap());
        assert!(page.contains("RSSI du projet"), "{page}");
        let (_, listed) = admin.call(Method::GET, "/api/v1/projects", None).await;
        assert_eq!(listed.as_array().unwrap().len(), 1);

        // Once an administrator has named the CISO, the buyer keeps editing
        // the project but may not remove them.
        let (status, granted) = admin
            .call(
                Method::PATCH,
                &path,
                Some(update_body(
                    &project,
                    json!([{"email": "it@chu.example", "role": "it"}, {"email": "rssi@chu.example", "role": "ciso"}]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{granted}");
        let mut kept = update_body(
            &granted,
            json!([{"email": "it@chu.example", "role": "it"}, {"email": "rssi@chu.example", "role": "ciso"}]),
        );
        kept["title"] = json!("Titre revu");
        let (status, edited) = buyer.call(Method::PATCH, &path, Some(kept)).await;
        assert_eq!(status, StatusCode::OK, "{edited}");
        assert_eq!(cisos(&edited), ["rssi@chu.example"]);
        let (status, _) = buyer
            .call(
                Method::PATCH,
                &path,
                Some(update_body(
                    &edited,
                    json!([{"email": "it@chu.example", "role": "it"}]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "removing the CISO");
        let (_, after) = admin.call(Method::GET, &path, None).await;
        assert_eq!(cisos(&after), ["rssi@chu.example"]);
    }
}

#[tokio::test]
async fn administrators_and_the_organisation_ciso_name_the_project_ciso() {
    for app in apps().await {
        let (admin, buyer, rssi) = organisation(&app).await;
        // An administrator creates a project naming its CISO.
        let (status, project) = admin
            .call(
                Method::POST,
                "/api/v1/projects",
                Some(project_body(
                    "MAR-C3",
                    json!([
                        {"email": "buyer@chu.example", "role": "buyer"},
                        {"email": "it@chu.example", "role": "ciso"}
                    ]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{}: {project}", app.backend);
        assert_eq!(cisos(&project), ["it@chu.example"]);
        let id = project["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/projects/{id}");
        // The organisation's CISO, an editor of this project, takes the role
        // over: adds themself and removes the previous one.
        let (status, project) = admin
            .call(
                Method::PATCH,
                &path,
                Some(update_body(
                    &project,
                    json!([
                        {"email": "buyer@chu.example", "role": "buyer"},
                        {"email": "rssi@chu.example", "role": "buyer"},
                        {"email": "it@chu.example", "role": "ciso"}
                    ]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{project}");
        let (status, project) = rssi
            .call(
                Method::PATCH,
                &path,
                Some(update_body(
                    &project,
                    json!([
                        {"email": "buyer@chu.example", "role": "buyer"},
                        {"email": "rssi@chu.example", "role": "buyer"},
                        {"email": "rssi@chu.example", "role": "ciso"}
                    ]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{project}");
        assert_eq!(cisos(&project), ["rssi@chu.example"]);
        // Named, the CISO may sign off (not 403): only the unfinished phase
        // stops it (409).
        let (status, refused) = rssi
            .call(
                Method::POST,
                &format!("{path}/sign-off"),
                Some(json!({"comment": "Revu"})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"]["code"], "sign_off_refused");
        // An administrator takes the role away.
        let (status, project) = admin
            .call(
                Method::PATCH,
                &path,
                Some(update_body(
                    &project,
                    json!([{"email": "buyer@chu.example", "role": "buyer"}]),
                )),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{project}");
        assert!(cisos(&project).is_empty());
        let _ = buyer;
    }
}

// ---------------------------------------------------------------------------
// Password changes and sessions.

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_but_not_the_tokens() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
        let here = app.sign_in("buyer@chu.example").await;
        let elsewhere = app.sign_in("buyer@chu.example").await;
        let token = ApiClient::new(&app, "buyer@chu.example").await;
        let csrf = here.csrf("/account").await;
        let changed = here
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current", PASSWORD),
                    ("new", "un-nouveau-mot-de-passe-solide"),
                ],
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK, "{}", app.backend);
        assert_eq!(here.get("/account").await.status(), StatusCode::OK);
        let page = elsewhere.get("/account").await;
        assert_eq!(page.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        assert_eq!(page.headers()[LOCATION], "/sign-in?next=%2Faccount");
        let api = elsewhere.get("/api/v1/me").await;
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
        let (status, _) = token.call(Method::GET, "/api/v1/me", None).await;
        assert_eq!(status, StatusCode::OK, "API tokens stay");
        let account = unescape(&here.get("/account").await.text().await.unwrap());
        assert!(
            account.contains("vos autres sessions") && account.contains("jetons d'API"),
            "the page says what a change does: {account}"
        );
    }
}

#[tokio::test]
async fn a_reset_or_a_removal_ends_every_session_of_the_account() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
        app.add_user("it@chu.example", "CHU", Role::It).await;
        let buyer = app.sign_in("buyer@chu.example").await;
        app.services
            .operator_reset_password(
                "buyer@chu.example",
                Some("un-autre-mot-de-passe-solide"),
                TestApp::now(),
            )
            .await
            .unwrap();
        assert_eq!(buyer.get("/account").await.status(), StatusCode::SEE_OTHER);

        let it = app.sign_in("it@chu.example").await;
        let admin_api = ApiClient::new(&app, "admin@chu.example").await;
        let (_, members) = admin_api.call(Method::GET, "/api/v1/users", None).await;
        let id = members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email"] == "it@chu.example")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let csrf = admin.csrf("/users").await;
        let removed = admin
            .post_form(&format!("/users/{id}/remove"), &[("csrf", &csrf)])
            .await;
        assert_eq!(removed.status(), StatusCode::SEE_OTHER);
        assert_eq!(it.get("/account").await.status(), StatusCode::SEE_OTHER);
    }
}

// ---------------------------------------------------------------------------
// Invitations.

/// The ids in `action="{prefix}{id}{suffix}"` attributes of a page.
fn action_ids(page: &str, prefix: &str, suffix: &str) -> Vec<String> {
    let marker = format!("action=\"{prefix}");
    page.match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &page[at + marker.len()..];
            let end = rest.find('"')?;
            rest[..end].strip_suffix(suffix).map(str::to_owned)
        })
        .collect()
}

async fn invite(admin: &Browser, email: &str) -> reqwest::Response {
    let csrf = admin.csrf("/users").await;
    admin
        .post_form(
            "/users",
            &[
                ("csrf", &csrf),
                ("email", email),
                ("display_name", ""),
                ("role", "it"),
                ("password", ""),
            ],
        )
        .await
}

async fn memberships(browser: &Browser) -> Vec<String> {
    let me: Value = browser.get("/api/v1/me").await.json().await.unwrap();
    me["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["organisation"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_account_of_another_organisation_is_invited_not_added() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        app.add_user("doc@ght.example", "GHT", Role::Buyer).await;
        app.add_user("other@ght.example", "GHT", Role::Buyer).await;
        let admin_api = ApiClient::new(&app, "admin@chu.example").await;

        let invited = invite(&admin, "doc@ght.example").await;
        assert_eq!(invited.status(), StatusCode::SEE_OTHER, "{}", app.backend);
        let users = admin.get("/users").await.text().await.unwrap();
        let pending = action_ids(&users, "/users/invitations/", "/cancel");
        assert_eq!(
            pending.len(),
            1,
            "the pending invitation is listed: {users}"
        );
        let (_, members) = admin_api.call(Method::GET, "/api/v1/users", None).await;
        assert!(
            !members.to_string().contains("doc@ght.example"),
            "not a member yet: {members}"
        );
        // A second invitation while one is pending is refused.
        assert_eq!(
            invite(&admin, "doc@ght.example").await.status(),
            StatusCode::CONFLICT
        );

        // The invited person sees nothing of CHU until they accept.
        let doc = app.sign_in("doc@ght.example").await;
        assert_eq!(memberships(&doc).await, ["GHT"]);
        let account = unescape(&doc.get("/account").await.text().await.unwrap());
        assert!(account.contains("CHU"), "{account}");
        let offered = action_ids(&account, "/account/invitations/", "/accept");
        assert_eq!(offered, pending);
        // Nobody else can answer it, and a form without its CSRF token is refused.
        let other = app.sign_in("other@ght.example").await;
        let csrf = other.csrf("/account").await;
        let stolen = other
            .post_form(
                &format!("/account/invitations/{}/accept", offered[0]),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(stolen.status(), StatusCode::NOT_FOUND);
        let forged = doc
            .post_form(&format!("/account/invitations/{}/accept", offered[0]), &[])
            .await;
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);

        // Declined: gone, still not a member.
        let csrf = doc.csrf("/account").await;
        let declined = doc
            .post_form(
                &format!("/account/invitations/{}/decline", offered[0]),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(declined.status(), StatusCode::SEE_OTHER);
        assert_eq!(memberships(&doc).await, ["GHT"]);
        let users = admin.get("/users").await.text().await.unwrap();
        assert!(action_ids(&users, "/users/invitations/", "/cancel").is_empty());

        // Cancelled by the administrator: gone from the person's page.
        assert_eq!(
            invite(&admin, "doc@ght.example").await.status(),
            StatusCode::SEE_OTHER
        );
        let users = admin.get("/users").await.text().await.unwrap();
        let pending = action_ids(&users, "/users/invitations/", "/cancel");
        let csrf = admin.csrf("/users").await;
        let cancelled = admin
            .post_form(
                &format!("/users/invitations/{}/cancel", pending[0]),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
        let account = doc.get("/account").await.text().await.unwrap();
        assert!(action_ids(&account, "/account/invitations/", "/accept").is_empty());

        // Invited over the API (202), accepted: a member with the role offered.
        let (status, invitation) = admin_api
            .call(
                Method::POST,
                "/api/v1/users",
                Some(json!({"email": "DOC@ght.example", "role": "it"})),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{invitation}");
        assert_eq!(invitation["email"], "doc@ght.example");
        assert_eq!(invitation["role"], "it");
        let account = doc.get("/account").await.text().await.unwrap();
        let offered = action_ids(&account, "/account/invitations/", "/accept");
        let csrf = doc.csrf("/account").await;
        let accepted = doc
            .post_form(
                &format!("/account/invitations/{}/accept", offered[0]),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
        let mut joined = memberships(&doc).await;
        joined.sort();
        assert_eq!(joined, ["CHU", "GHT"]);
        let (_, members) = admin_api.call(Method::GET, "/api/v1/users", None).await;
        let doc_member = members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email"] == "doc@ght.example")
            .expect("a member now");
        assert_eq!(doc_member["role"], "it");

        let (_, audit) = admin_api.call(Method::GET, "/api/v1/audit", None).await;
        let actions: Vec<&str> = audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        for action in [
            "user.invite",
            "user.invitation_decline",
            "user.invitation_cancel",
            "user.invitation_accept",
        ] {
            assert!(actions.contains(&action), "{action} missing: {actions:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// API tokens.

#[tokio::test]
async fn a_token_cannot_issue_tokens() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let client = reqwest::Client::new();
        let response = client
            .post(app.url("/api/v1/tokens"))
            .bearer_auth(&token)
            .header("accept-language", "en")
            .json(&json!({"name": "child"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", app.backend);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "forbidden");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("signed-in session"),
            "{body}"
        );
        let page = client
            .post(app.url("/account/tokens"))
            .bearer_auth(&token)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("name=child")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let list: Value = client
            .get(app.url("/api/v1/tokens"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    }
}

#[tokio::test]
async fn tokens_expire_after_ninety_days_by_default_and_at_most_a_year() {
    for app in apps().await {
        let admin = app.setup("CHU", "admin@chu.example").await;
        let csrf = admin.csrf("/account").await;
        let issue = |body: Value| {
            let admin = admin.clone();
            let csrf = csrf.clone();
            async move {
                let response = admin
                    .request(Method::POST, "/api/v1/tokens", |r| {
                        r.header("x-csrf-token", &csrf).json(&body)
                    })
                    .await;
                let status = response.status();
                (status, response.json::<Value>().await.unwrap())
            }
        };
        let before = TestApp::now().millis();
        let (status, issued) = issue(json!({"name": "default"})).await;
        assert_eq!(status, StatusCode::CREATED, "{}: {issued}", app.backend);
        let expires = issued["details"]["expires_at"].as_i64().expect("an expiry");
        let created = issued["details"]["created_at"].as_i64().unwrap();
        assert!(created >= before);
        assert_eq!(expires - created, 90 * DAY_MS);
        let (status, _) = issue(json!({"name": "year", "expires_in_days": 365})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, refused) = issue(json!({"name": "long", "expires_in_days": 366})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let (status, _) = issue(json!({"name": "zero", "expires_in_days": 0})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // The operator's command has the same default and bounds.
        let now = TestApp::now();
        let cli = app
            .services
            .operator_issue_token("admin@chu.example", "cli", None, None, now)
            .await
            .unwrap();
        let client = reqwest::Client::new();
        let list: Value = client
            .get(app.url("/api/v1/tokens"))
            .bearer_auth(&cli.secret)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let listed = list
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "cli")
            .unwrap();
        assert_eq!(
            listed["expires_at"].as_i64().unwrap() - listed["created_at"].as_i64().unwrap(),
            90 * DAY_MS
        );
        assert!(
            app.services
                .operator_issue_token("admin@chu.example", "cli", None, Some(366), now)
                .await
                .is_err()
        );

        // The account page states the rule and shows each expiry.
        let page = unescape(&admin.get("/account").await.text().await.unwrap());
        assert!(
            page.contains("90 jours") && page.contains("365 jours"),
            "{page}"
        );
        assert!(page.contains("max=\"365\""));
    }
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let two_days_ago = procura_domain::Timestamp(TestApp::now().millis() - 2 * DAY_MS);
        let issued = app
            .services
            .operator_issue_token("admin@chu.example", "old", None, Some(1), two_days_ago)
            .await
            .unwrap();
        let response = reqwest::Client::new()
            .get(app.url("/api/v1/me"))
            .bearer_auth(&issued.secret)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{}",
            app.backend
        );
    }
}
