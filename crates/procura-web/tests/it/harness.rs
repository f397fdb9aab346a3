//! `TestApp` starts the real router on 127.0.0.1:0; `Browser` keeps cookies
//! and CSRF tokens the way a browser would.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use procura_domain::{Role, Timestamp};
use procura_service::{Backend, Config, DatabaseUrl, RawConfig, Services};
use procura_web::AppState;
use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};
use reqwest::{Method, Response, StatusCode};

pub const PASSWORD: &str = "correct-horse-battery-staple";

#[derive(Debug)]
pub struct TestApp {
    pub base: String,
    pub services: Services,
    pub backend: &'static str,
    pub state: AppState,
}

/// One app per backend under test.
pub async fn apps() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for url in procura_service::testing::fresh_urls().await {
        apps.push(TestApp::spawn(url, RawConfig::default()).await);
    }
    apps
}

impl TestApp {
    pub async fn spawn(url: DatabaseUrl, raw: RawConfig) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let backend = match url.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        let raw = RawConfig {
            listen: Some(address.to_string()),
            public_url: raw
                .public_url
                .clone()
                .or_else(|| Some(format!("http://{address}"))),
            ..raw
        };
        let mut config = Config::from_raw(raw).unwrap();
        config.database = url.clone();
        let services = Services::open(&url, config.sessions).await.unwrap();
        let state = AppState::new(
            services.clone(),
            config,
            procura_catalog::builtin().unwrap(),
        );
        let served = state.clone();
        tokio::spawn(async move {
            procura_web::serve(listener, served, std::future::pending())
                .await
                .unwrap();
        });
        TestApp {
            base: format!("http://{address}"),
            services,
            backend,
            state,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    pub fn now() -> Timestamp {
        procura_web::now()
    }

    /// Runs first-run setup through the pages and returns the signed-in admin.
    pub async fn setup(&self, organisation: &str, email: &str) -> Browser {
        let token = self
            .services
            .prepare_setup(Self::now())
            .await
            .unwrap()
            .expect("no user yet");
        let browser = self.browser();
        let page = browser.get(&format!("/setup?token={token}")).await;
        assert_eq!(page.status(), StatusCode::OK, "{}", self.backend);
        let csrf = browser.csrf_from(page).await;
        let response = browser
            .post_form(
                "/setup",
                &[
                    ("csrf", csrf.as_str()),
                    ("token", token.as_str()),
                    ("organisation", organisation),
                    ("display_name", "Admin"),
                    ("email", email),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{}", self.backend);
        browser
    }

    /// Adds a user through the operator use case (as `procura user add` does).
    pub async fn add_user(&self, email: &str, organisation: &str, role: Role) {
        self.services
            .operator_add_user(
                email,
                organisation,
                role,
                Some(PASSWORD),
                false,
                Self::now(),
            )
            .await
            .unwrap();
    }

    pub async fn token_for(&self, email: &str, organisation: Option<&str>) -> String {
        self.services
            .operator_issue_token(email, "tests", organisation, None, Self::now())
            .await
            .unwrap()
            .secret
    }

    /// A signed-in browser for an existing user.
    pub async fn sign_in(&self, email: &str) -> Browser {
        let browser = self.browser();
        let response = browser.sign_in(email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{} sign in {email}",
            self.backend
        );
        browser
    }
}

/// A cookie jar and the CSRF token of the last page read.
#[derive(Debug, Clone)]
pub struct Browser {
    base: String,
    client: reqwest::Client,
    cookies: Arc<Mutex<BTreeMap<String, String>>>,
    pub accept_language: Option<String>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Arc::default(),
            accept_language: None,
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }

    fn remember(&self, headers: &HeaderMap) {
        let mut jar = self.cookies.lock().unwrap();
        for value in headers.get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if text.contains("Max-Age=0") {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        build: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Response {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        let cookies: Vec<String> = self
            .cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !cookies.is_empty() {
            request = request.header(COOKIE, cookies.join("; "));
        }
        if let Some(lang) = &self.accept_language {
            request = request.header("accept-language", lang);
        }
        let response = build(request).send().await.unwrap();
        self.remember(response.headers());
        response
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path, |r| r).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(Method::POST, path, |r| {
            r.header("content-type", "application/x-www-form-urlencoded")
                .body(body)
        })
        .await
    }

    /// Reads the page's CSRF token from its hidden field.
    pub async fn csrf_from(&self, response: Response) -> String {
        let body = response.text().await.unwrap();
        csrf_in(&body).unwrap_or_else(|| panic!("no csrf field in:\n{body}"))
    }

    /// The CSRF token of a page the browser can open now.
    pub async fn csrf(&self, path: &str) -> String {
        let page = self.get(path).await;
        self.csrf_from(page).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        let csrf = self.csrf("/sign-in").await;
        self.post_form(
            "/sign-in",
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
        .await
    }
}

pub fn csrf_in(body: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

/// Undoes the HTML escaping of text, to compare it with what a reader sees.
pub fn unescape(html: &str) -> String {
    html.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// A script calling the JSON API with a personal token.
pub struct ApiClient {
    base: String,
    token: String,
    client: reqwest::Client,
}

impl ApiClient {
    pub async fn new(app: &TestApp, email: &str) -> ApiClient {
        ApiClient {
            base: app.base.clone(),
            token: app.token_for(email, None).await,
            client: reqwest::Client::new(),
        }
    }

    /// A JSON call: the status and the body parsed (or as a string).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// A call with a raw body (an uploaded file): the status and the body
    /// parsed (or as a string).
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let response = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// A download: status, content type, content disposition and bytes.
    pub async fn file(&self, path: &str) -> (reqwest::StatusCode, String, String, Vec<u8>) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (status, kind, disposition) = (
            response.status(),
            header("content-type"),
            header("content-disposition"),
        );
        let bytes = response.bytes().await.unwrap().to_vec();
        (status, kind, disposition, bytes)
    }

    pub async fn bytes(&self, path: &str) -> (reqwest::StatusCode, Vec<u8>) {
        let (status, _, _, bytes) = self.file(path).await;
        (status, bytes)
    }
}

/// The body of a project update that keeps everything as read and adds
/// `email` as the project's CISO: only an administrator or the organisation's
/// CISO may send it.
pub fn with_project_ciso(project: &serde_json::Value, email: &str) -> serde_json::Value {
    let mut stakeholders: Vec<serde_json::Value> = project["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| serde_json::json!({"email": s["email"], "role": s["role"]}))
        .collect();
    stakeholders.push(serde_json::json!({"email": email, "role": "ciso"}));
    serde_json::json!({
        "reference": project["reference"],
        "title": project["title"],
        "description": project["description"],
        "procurement_types": project["procurement_types"],
        "estimated_value": project["estimated_value"],
        "currency": project["currency"],
        "cpv_codes": project["cpv_codes"],
        "sites": project["sites"],
        "special_category_data": project["special_category_data"],
        "planned": project["planned"],
        "stakeholders": stakeholders,
        "version": project["version"],
    })
}

impl ApiClient {
    /// As an administrator: names `email` the CISO of a project; returns the project then.
    pub async fn name_project_ciso(&self, project_id: &str, email: &str) -> serde_json::Value {
        let path = format!("/api/v1/projects/{project_id}");
        let (status, project) = self.call(Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{project}");
        let (status, updated) = self
            .call(
                Method::PATCH,
                &path,
                Some(with_project_ciso(&project, email)),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        updated
    }
}
