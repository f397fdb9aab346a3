//! The JSON API: catalogue queries, bad input, the OpenAPI document.

use reqwest::StatusCode;

use crate::apps;

#[tokio::test]
async fn practices_filter_like_the_cli() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let client = reqwest::Client::new();
        let get = |path: &str| client.get(app.url(path)).bearer_auth(&token).send();
        let body: serde_json::Value =
            get("/api/v1/practices?type=cloud-services&phase=supplier-selection")
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        let ids: Vec<&str> = body["practices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert!(
            ids.contains(&"BP-17") && ids.contains(&"BP-18") && !ids.contains(&"BP-27"),
            "{ids:?}"
        );
        assert_eq!(body["count"], 21);
        assert_eq!(
            body["practices"][0]["matched"]["procurement_types"][0],
            "cloud-services"
        );
        let friendly: serde_json::Value = get("/api/v1/practices?type=cloud&phase=selection")
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(friendly["count"], 21, "friendly ids are accepted");
        let text: serde_json::Value = get("/api/v1/practices?q=securite")
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(text["count"].as_u64().unwrap() > 0);
        let unknown = get("/api/v1/practices?type=toaster").await.unwrap();
        assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
        let error: serde_json::Value = unknown.json().await.unwrap();
        assert_eq!(error["error"]["code"], "bad_request");
        assert!(
            error["error"]["message"]
                .as_str()
                .unwrap()
                .contains("medical-devices")
        );
        let one: serde_json::Value = get("/api/v1/practices/17")
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(one["id"], "BP-17");
        assert_eq!(
            get("/api/v1/practices/99").await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        let catalog: serde_json::Value =
            get("/api/v1/catalog").await.unwrap().json().await.unwrap();
        assert_eq!(catalog["practices"].as_array().unwrap().len(), 30);
        assert_eq!(catalog["procurement_types"].as_array().unwrap().len(), 10);
        let threats: serde_json::Value =
            get("/api/v1/threats").await.unwrap().json().await.unwrap();
        assert_eq!(threats.as_array().unwrap().len(), 5);
    }
}

#[tokio::test]
async fn malformed_input_gets_a_clear_error_and_writes_nothing() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let client = reqwest::Client::new();
        let users_before = app.services.user_count().await.unwrap();

        let broken = client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{\"email\": \"x@chu.example\", ")
            .send()
            .await
            .unwrap();
        assert_eq!(broken.status(), StatusCode::BAD_REQUEST, "{}", app.backend);
        let body: serde_json::Value = broken.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_request");

        let wrong_shape = client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"email": 42, "role": "admin"}))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong_shape.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let bad_values = client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"email": "not-an-email", "display_name": "X", "role": "admin", "password": "long-enough-password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad_values.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: serde_json::Value = bad_values.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid");

        let bad_role = client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"email": "y@chu.example", "display_name": "Y", "role": "owner", "password": "long-enough-password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad_role.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let browser = app.sign_in("admin@chu.example").await;
        let csrf = browser.csrf("/users").await;
        let form = browser
            .post_form("/users", &[("csrf", &csrf), ("email", "z@chu.example")])
            .await;
        assert_eq!(form.status(), StatusCode::BAD_REQUEST);
        assert!(form.text().await.unwrap().contains("formulaire"));

        let users_after = app.services.user_count().await.unwrap();
        assert_eq!(users_before, users_after, "nothing written");
    }
}

#[tokio::test]
async fn users_are_managed_over_the_api() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let client = reqwest::Client::new();
        let created = client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"email": "Buyer@CHU.example", "display_name": "Bea Buyer", "role": "buyer", "password": "vert-cheval-pile-agrafe"}))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED, "{}", app.backend);
        let created: serde_json::Value = created.json().await.unwrap();
        assert_eq!(created["email"], "buyer@chu.example");
        let id = created["id"].as_str().unwrap();
        let again = client
            .post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"email": "buyer@chu.example", "role": "viewer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::CONFLICT, "already a member");
        let changed: serde_json::Value = client
            .patch(app.url(&format!("/api/v1/users/{id}")))
            .bearer_auth(&token)
            .json(&serde_json::json!({"role": "ciso"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(changed["role"], "ciso");
        let me: serde_json::Value = client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let admin_id = me["id"].as_str().unwrap();
        let demote_last_admin = client
            .patch(app.url(&format!("/api/v1/users/{admin_id}")))
            .bearer_auth(&token)
            .json(&serde_json::json!({"role": "viewer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(demote_last_admin.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let removed = client
            .delete(app.url(&format!("/api/v1/users/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(removed.status(), StatusCode::NO_CONTENT);
        let audit: serde_json::Value = client
            .get(app.url("/api/v1/audit"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let actions: Vec<&str> = audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        for action in [
            "user.add",
            "user.change_role",
            "user.remove",
            "token.issue",
            "instance.setup",
        ] {
            assert!(
                actions.contains(&action),
                "{action} missing from {actions:?}"
            );
        }
    }
}

#[tokio::test]
async fn organisations_are_versioned() {
    for app in apps().await {
        app.setup("CHU", "operator@chu.example").await;
        let token = app.token_for("operator@chu.example", None).await;
        let client = reqwest::Client::new();
        let created: serde_json::Value = client
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"name": "GHT Nord"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = created["id"].as_str().unwrap();
        assert_eq!(created["version"], 1);
        let rename = |version: i64| {
            client
                .patch(app.url(&format!("/api/v1/organisations/{id}")))
                .bearer_auth(&token)
                .json(&serde_json::json!({"name": "GHT Nord-Est", "version": version}))
                .send()
        };
        assert_eq!(rename(1).await.unwrap().status(), StatusCode::OK);
        let stale = rename(1).await.unwrap();
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let body: serde_json::Value = stale.json().await.unwrap();
        assert_eq!(body["error"]["code"], "conflict");
        let duplicate = client
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"name": "GHT Nord-Est"}))
            .send()
            .await
            .unwrap();
        assert_eq!(duplicate.status(), StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn openapi_lists_every_api_route() {
    let app = apps().await.remove(0);
    let document: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        document["openapi"]
    );
    let (_, routes) = procura_web::build(app.state.clone());
    let mut missing = Vec::new();
    for route in routes
        .iter()
        .filter(|route| route.kind == procura_web::RouteKind::Api)
    {
        let method = route.method.as_str().to_lowercase();
        if document["paths"][route.path][&method].is_null() {
            missing.push(format!("{} {}", route.method, route.path));
        }
    }
    assert!(
        missing.is_empty(),
        "missing from the OpenAPI document: {missing:?}"
    );
    let documented = document["paths"].as_object().unwrap().len();
    let declared: std::collections::BTreeSet<&str> = routes
        .iter()
        .filter(|r| r.kind == procura_web::RouteKind::Api)
        .map(|r| r.path)
        .collect();
    assert_eq!(
        documented,
        declared.len(),
        "the document lists no route that does not exist"
    );
}

fn request_schema<'a>(document: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    let reference = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        ["schema"]["$ref"]
        .as_str()
        .unwrap_or_else(|| panic!("{path} has a JSON body"));
    let name = reference.trim_start_matches("#/components/schemas/");
    &document["components"]["schemas"][name]
}

#[tokio::test]
async fn the_openapi_document_agrees_with_what_the_routes_answer() {
    let app = apps().await.remove(0);
    let document: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Two different bodies, two different schemas.
    let evidence_link = request_schema(&document, "/api/v1/items/{id}/links");
    let portal_link = request_schema(&document, "/api/v1/bids/{id}/links");
    assert!(
        !evidence_link["properties"]["url"].is_null(),
        "{evidence_link}"
    );
    assert!(
        !portal_link["properties"]["days"].is_null(),
        "{portal_link}"
    );
    // Every protected operation documents 401; every JSON body 413 and 415.
    let mut undocumented = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let public = operation["security"]
                .as_array()
                .is_some_and(|all| all.iter().all(|r| r.as_object().unwrap().is_empty()));
            let responses = &operation["responses"];
            if !public && responses["401"].is_null() {
                undocumented.push(format!("{method} {path}: 401"));
            }
            if !operation["requestBody"]["content"]["application/json"].is_null() {
                for status in ["413", "415"] {
                    if responses[status].is_null() {
                        undocumented.push(format!("{method} {path}: {status}"));
                    }
                }
            }
        }
    }
    assert!(undocumented.is_empty(), "{undocumented:?}");
    // The stated text limits are the ones the service applies.
    let notes = &request_schema(&document, "/api/v1/projects")["properties"]["description"];
    assert_eq!(notes["maxLength"], procura_domain::LONG_TEXT, "{notes}");
}

#[tokio::test]
async fn bodies_over_the_limit_pages_out_of_range_and_long_texts_are_refused() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let token = app.token_for("admin@chu.example", None).await;
        let client = reqwest::Client::new();
        // A JSON body over the 2 MiB limit: 413 in the API's error shape.
        let big = format!("{{\"name\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
        let response = client
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(big)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            app.backend
        );
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "too_large", "{body}");
        // per_page is 1 to 500, as documented.
        for (query, expected) in [
            ("per_page=500", StatusCode::OK),
            ("per_page=501", StatusCode::BAD_REQUEST),
            ("per_page=0", StatusCode::BAD_REQUEST),
            ("page=0", StatusCode::BAD_REQUEST),
            ("per_page=ten", StatusCode::BAD_REQUEST),
        ] {
            let response = client
                .get(app.url(&format!("/api/v1/projects?{query}")))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), expected, "{query}");
        }
        // A description over its limit: 422 naming the field and the limit,
        // and nothing created.
        let response = client
            .post(app.url("/api/v1/projects"))
            .bearer_auth(&token)
            .header("accept-language", "en")
            .json(&serde_json::json!({
                "reference": "MAR-LONG",
                "title": "Pompes",
                "description": "é".repeat(procura_domain::LONG_TEXT + 1),
                "procurement_types": ["medical-devices"],
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: serde_json::Value = response.json().await.unwrap();
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("description") && message.contains("10"),
            "{message}"
        );
        let listed: serde_json::Value = client
            .get(app.url("/api/v1/projects"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 0, "nothing was created");
    }
}
