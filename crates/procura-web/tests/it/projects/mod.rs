//! Procurement projects: checklist generation, phase gates, versioning,
//! type changes, exports, evidence uploads and permissions.
//! One subject a file; here, the team and the project every subject sets up.

mod bulk;
mod checklist;
mod evidence;
mod exports;
mod portfolio;

use procura_domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::TestApp;

struct Api {
    app_base: String,
    token: String,
    client: reqwest::Client,
}

impl Api {
    async fn new(app: &TestApp, email: &str) -> Api {
        Api {
            app_base: app.base.clone(),
            token: app.token_for(email, None).await,
            client: reqwest::Client::new(),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.app_base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }
}

/// An organisation with an admin, a buyer, a CISO and a viewer.
async fn team(app: &TestApp) -> (Api, Api, Api) {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    app.add_user("viewer@chu.example", "CHU", Role::Viewer)
        .await;
    (
        Api::new(app, "admin@chu.example").await,
        Api::new(app, "buyer@chu.example").await,
        Api::new(app, "rssi@chu.example").await,
    )
}

fn new_project(reference: &str, types: &[&str]) -> Value {
    json!({
        "reference": reference,
        "title": "Pompes à perfusion connectées",
        "procurement_types": types,
        "estimated_value": 480000,
        "cpv_codes": ["33100000-1"],
        "special_category_data": true,
        "stakeholders": [
            {"email": "buyer@chu.example", "role": "buyer"}
        ]
    })
}

/// A buyer may not name the project's CISO: the administrator does, here.
async fn name_ciso(admin: &Api, project: &Value) -> Value {
    let path = format!("/api/v1/projects/{}", project["id"].as_str().unwrap());
    let (_, current) = admin.get(&path).await;
    let (status, updated) = admin
        .patch(
            &path,
            crate::harness::with_project_ciso(&current, "rssi@chu.example"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    updated
}

fn items_of<'a>(project: &'a Value, phase: &str) -> Vec<&'a Value> {
    project["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["phase"] == phase && item["retired"] == false)
        .collect()
}
