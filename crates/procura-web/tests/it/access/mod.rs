//! The route × role matrix. Every route the router declares must have an
//! entry in it (so a new route cannot slip in unchecked), and every role is
//! tried on every route: allowed roles get past the guard, others get 403,
//! anonymous callers get 401 (API) or the sign-in page. The entries are in
//! `pages.rs` and `api.rs`.

mod api;
mod pages;

use procura_domain::Role;
use procura_web::RouteKind;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};

use crate::{Browser, TestApp, apps};

/// What a route needs, written independently of the router's declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Needs {
    Anyone,
    SignedIn,
    ManageUsers,
    ViewAudit,
    Operator,
    /// Buyers, CIOs and administrators start projects.
    CreateProjects,
    /// Buyers, CIOs, CISOs and administrators keep the supplier register.
    ManageSuppliers,
    /// Any signed-in person, from a browser session only: every caller here
    /// uses an API token, which gets 403 (a token may not mint tokens).
    Session,
}

/// Every route the matrix knows: the pages' and the API's.
fn matrix() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str, Needs)> {
    pages::PAGE_ROUTES.iter().chain(api::API_ROUTES)
}

#[derive(Debug, Clone, Copy)]
enum Caller {
    Anonymous,
    Member(Role),
    Operator,
}

fn allowed(needs: Needs, caller: Caller) -> bool {
    match (needs, caller) {
        (Needs::Anyone, _) => true,
        (_, Caller::Anonymous) => false,
        (Needs::Session, _) => false,
        (_, Caller::Operator) => true,
        (Needs::SignedIn, Caller::Member(_)) => true,
        (Needs::ManageUsers, Caller::Member(role)) => role == Role::Admin,
        (Needs::ViewAudit, Caller::Member(role)) => matches!(role, Role::Admin | Role::Ciso),
        (Needs::Operator, Caller::Member(_)) => false,
        (Needs::CreateProjects, Caller::Member(role)) => {
            matches!(role, Role::Admin | Role::Buyer | Role::Cio)
        }
        (Needs::ManageSuppliers, Caller::Member(role)) => {
            matches!(role, Role::Admin | Role::Buyer | Role::Cio | Role::Ciso)
        }
    }
}

#[test]
fn every_declared_route_has_an_entry_and_no_entry_is_stale() {
    let routes = declared_routes();
    for (method, path, _) in &routes {
        assert!(
            matrix().any(|(m, p, _, _)| m == method && p == path),
            "route {method} {path} has no entry in the access matrix"
        );
    }
    for (method, path, _, _) in matrix() {
        assert!(
            routes.iter().any(|(m, p, _)| m == method && p == path),
            "matrix entry {method} {path} names no route"
        );
    }
}

fn declared_routes() -> Vec<(String, String, RouteKind)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let app = apps().await.remove(0);
        let (_, routes) = procura_web::build(app.state.clone());
        routes
            .into_iter()
            .map(|route| (route.method.to_string(), route.path.to_owned(), route.kind))
            .collect()
    })
}

#[tokio::test]
async fn every_role_on_every_route() {
    for app in apps().await {
        app.setup("CHU", "operator@chu.example").await;
        let mut callers: Vec<(Caller, Option<String>)> = vec![(Caller::Anonymous, None)];
        callers.push((
            Caller::Operator,
            Some(app.token_for("operator@chu.example", None).await),
        ));
        for role in Role::ALL {
            let email = format!("{}@chu.example", role.id());
            app.add_user(&email, "CHU", role).await;
            callers.push((
                Caller::Member(role),
                Some(app.token_for(&email, None).await),
            ));
        }
        let (_, routes) = procura_web::build(app.state.clone());
        let mut failures = Vec::new();
        for route in &routes {
            let method = route.method.to_string();
            let Some((_, _, call, needs)) =
                matrix().find(|(m, p, _, _)| *m == method && *p == route.path)
            else {
                panic!(
                    "route {method} {} has no entry in the access matrix",
                    route.path
                );
            };
            for (caller, token) in &callers {
                let status =
                    call_route(&app, &route.method, call, route.kind, token.as_deref()).await;
                let expected_allowed = allowed(*needs, *caller);
                let denied = matches!(
                    status,
                    Outcome::Unauthorized | Outcome::Forbidden | Outcome::SignIn
                );
                let right = if expected_allowed {
                    !denied
                } else {
                    match caller {
                        Caller::Anonymous => {
                            matches!(status, Outcome::Unauthorized | Outcome::SignIn)
                        }
                        _ => status == Outcome::Forbidden,
                    }
                };
                if !right {
                    failures.push(format!("{method} {call} as {caller:?}: got {status:?}, allowed = {expected_allowed}"));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} backend:\n{}",
            app.backend,
            failures.join("\n")
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Unauthorized,
    Forbidden,
    /// Redirected to the sign-in page.
    SignIn,
    Other(u16),
}

async fn call_route(
    app: &TestApp,
    method: &Method,
    path: &str,
    kind: RouteKind,
    token: Option<&str>,
) -> Outcome {
    let browser = Browser::new(&app.base);
    // Anonymous browsers hold a CSRF cookie from any page, as a real one would.
    let csrf = if token.is_none() {
        Some(browser.csrf("/sign-in").await)
    } else {
        None
    };
    let response = browser
        .request(method.clone(), path, |mut request| {
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(csrf) = &csrf {
                request = request.header("x-csrf-token", csrf);
            }
            if *method != Method::GET {
                request = match kind {
                    RouteKind::Api => request.json(&serde_json::json!({})),
                    RouteKind::Page => request
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(""),
                };
            }
            request
        })
        .await;
    match response.status() {
        StatusCode::UNAUTHORIZED => Outcome::Unauthorized,
        StatusCode::FORBIDDEN => Outcome::Forbidden,
        StatusCode::SEE_OTHER
            if response
                .headers()
                .get(LOCATION)
                .is_some_and(|to| to.to_str().unwrap().starts_with("/sign-in?next=")) =>
        {
            Outcome::SignIn
        }
        other => Outcome::Other(other.as_u16()),
    }
}
