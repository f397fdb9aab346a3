//! The route × role matrix. Every route the router declares must have an
//! entry here (so a new route cannot slip in unchecked), and every role is
//! tried on every route: allowed roles get past the guard, others get 403,
//! anonymous callers get 401 (API) or the sign-in page.

use procura_domain::Role;
use procura_web::RouteKind;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};

use crate::{Browser, TestApp, apps};

/// What a route needs, written independently of the router's declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
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

/// (method, declared path, path to call, what it needs)
const MATRIX: &[(&str, &str, &str, Needs)] = &[
    ("GET", "/healthz", "/healthz", Needs::Anyone),
    ("GET", "/readyz", "/readyz", Needs::Anyone),
    (
        "GET",
        "/assets/style.css",
        "/assets/style.css",
        Needs::Anyone,
    ),
    ("GET", "/language/{code}", "/language/en", Needs::Anyone),
    ("GET", "/", "/", Needs::Anyone),
    ("GET", "/setup", "/setup", Needs::Anyone),
    ("POST", "/setup", "/setup", Needs::Anyone),
    ("GET", "/sign-in", "/sign-in", Needs::Anyone),
    ("POST", "/sign-in", "/sign-in", Needs::Anyone),
    ("POST", "/sign-out", "/sign-out", Needs::SignedIn),
    ("GET", "/catalogue", "/catalogue", Needs::SignedIn),
    (
        "GET",
        "/catalogue/export",
        "/catalogue/export?format=csv",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/practices/{id}",
        "/practices/BP-01",
        Needs::SignedIn,
    ),
    ("GET", "/users", "/users", Needs::ManageUsers),
    ("POST", "/users", "/users", Needs::ManageUsers),
    (
        "POST",
        "/users/{id}/role",
        "/users/00000000-0000-4000-8000-000000000000/role",
        Needs::ManageUsers,
    ),
    (
        "POST",
        "/users/{id}/remove",
        "/users/00000000-0000-4000-8000-000000000000/remove",
        Needs::ManageUsers,
    ),
    (
        "POST",
        "/users/invitations/{id}/cancel",
        "/users/invitations/00000000-0000-4000-8000-000000000000/cancel",
        Needs::ManageUsers,
    ),
    ("GET", "/organisations", "/organisations", Needs::Operator),
    ("POST", "/organisations", "/organisations", Needs::Operator),
    (
        "POST",
        "/organisations/{id}/rename",
        "/organisations/00000000-0000-4000-8000-000000000000/rename",
        Needs::Operator,
    ),
    (
        "POST",
        "/organisation/switch",
        "/organisation/switch",
        Needs::SignedIn,
    ),
    ("GET", "/audit", "/audit", Needs::ViewAudit),
    ("GET", "/audit/export", "/audit/export", Needs::ViewAudit),
    ("GET", "/account", "/account", Needs::SignedIn),
    (
        "POST",
        "/account/password",
        "/account/password",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/account/language",
        "/account/language",
        Needs::SignedIn,
    ),
    ("POST", "/account/tokens", "/account/tokens", Needs::Session),
    (
        "POST",
        "/account/tokens/{id}/revoke",
        "/account/tokens/00000000-0000-4000-8000-000000000000/revoke",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/account/invitations/{id}/accept",
        "/account/invitations/00000000-0000-4000-8000-000000000000/accept",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/account/invitations/{id}/decline",
        "/account/invitations/00000000-0000-4000-8000-000000000000/decline",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/openapi.json",
        "/api/v1/openapi.json",
        Needs::Anyone,
    ),
    ("GET", "/api/v1/catalog", "/api/v1/catalog", Needs::SignedIn),
    (
        "GET",
        "/api/v1/practices",
        "/api/v1/practices",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/practices/{id}",
        "/api/v1/practices/BP-01",
        Needs::SignedIn,
    ),
    ("GET", "/api/v1/phases", "/api/v1/phases", Needs::SignedIn),
    (
        "GET",
        "/api/v1/procurement-types",
        "/api/v1/procurement-types",
        Needs::SignedIn,
    ),
    ("GET", "/api/v1/threats", "/api/v1/threats", Needs::SignedIn),
    ("GET", "/api/v1/me", "/api/v1/me", Needs::SignedIn),
    ("GET", "/api/v1/tokens", "/api/v1/tokens", Needs::SignedIn),
    ("POST", "/api/v1/tokens", "/api/v1/tokens", Needs::Session),
    (
        "DELETE",
        "/api/v1/tokens/{id}",
        "/api/v1/tokens/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    ("GET", "/api/v1/users", "/api/v1/users", Needs::ManageUsers),
    ("POST", "/api/v1/users", "/api/v1/users", Needs::ManageUsers),
    (
        "GET",
        "/api/v1/users/{id}",
        "/api/v1/users/00000000-0000-4000-8000-000000000000",
        Needs::ManageUsers,
    ),
    (
        "PATCH",
        "/api/v1/users/{id}",
        "/api/v1/users/00000000-0000-4000-8000-000000000000",
        Needs::ManageUsers,
    ),
    (
        "DELETE",
        "/api/v1/users/{id}",
        "/api/v1/users/00000000-0000-4000-8000-000000000000",
        Needs::ManageUsers,
    ),
    (
        "GET",
        "/api/v1/organisations",
        "/api/v1/organisations",
        Needs::Operator,
    ),
    (
        "POST",
        "/api/v1/organisations",
        "/api/v1/organisations",
        Needs::Operator,
    ),
    (
        "PATCH",
        "/api/v1/organisations/{id}",
        "/api/v1/organisations/00000000-0000-4000-8000-000000000000",
        Needs::Operator,
    ),
    ("GET", "/api/v1/audit", "/api/v1/audit", Needs::ViewAudit),
    ("GET", "/projects", "/projects", Needs::SignedIn),
    (
        "GET",
        "/projects/new",
        "/projects/new",
        Needs::CreateProjects,
    ),
    ("POST", "/projects", "/projects", Needs::CreateProjects),
    (
        "GET",
        "/projects/{id}",
        "/projects/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/edit",
        "/projects/00000000-0000-4000-8000-000000000000/edit",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/edit",
        "/projects/00000000-0000-4000-8000-000000000000/edit",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/sign-off",
        "/projects/00000000-0000-4000-8000-000000000000/sign-off",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/advance",
        "/projects/00000000-0000-4000-8000-000000000000/advance",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/force",
        "/projects/00000000-0000-4000-8000-000000000000/force",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/export",
        "/projects/00000000-0000-4000-8000-000000000000/export",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/items/{item}",
        "/projects/00000000-0000-4000-8000-000000000000/items/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/items/{item}",
        "/projects/00000000-0000-4000-8000-000000000000/items/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/items/{item}/links",
        "/projects/00000000-0000-4000-8000-000000000000/items/00000000-0000-4000-8000-000000000000/links",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/items/{item}/evidence",
        "/projects/00000000-0000-4000-8000-000000000000/items/00000000-0000-4000-8000-000000000000/evidence",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/evidence/{id}",
        "/evidence/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    ("GET", "/my-items", "/my-items", Needs::SignedIn),
    (
        "GET",
        "/projects/{id}/tender",
        "/projects/00000000-0000-4000-8000-000000000000/tender",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/tender",
        "/projects/00000000-0000-4000-8000-000000000000/tender",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/tender/add",
        "/projects/00000000-0000-4000-8000-000000000000/tender/add",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/tender/custom",
        "/projects/00000000-0000-4000-8000-000000000000/tender/custom",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/tender/{file}",
        "/projects/00000000-0000-4000-8000-000000000000/tender/annex.docx",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/requirements",
        "/api/v1/requirements",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/requirements/custom",
        "/api/v1/requirements/custom",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/requirements/custom",
        "/api/v1/requirements/custom",
        Needs::CreateProjects,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/tender",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/tender",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/projects/{id}/tender",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/tender",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/tender/annex",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/tender/annex",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/tender/questionnaire",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/tender/questionnaire",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects",
        "/api/v1/projects",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects",
        "/api/v1/projects",
        Needs::CreateProjects,
    ),
    (
        "GET",
        "/api/v1/projects/{id}",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "PATCH",
        "/api/v1/projects/{id}",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects/{id}/sign-off",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/sign-off",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects/{id}/advance",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/advance",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/checklist",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/checklist",
        Needs::SignedIn,
    ),
    (
        "PATCH",
        "/api/v1/items/{id}",
        "/api/v1/items/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/items/{id}/links",
        "/api/v1/items/00000000-0000-4000-8000-000000000000/links",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/items/{id}/evidence",
        "/api/v1/items/00000000-0000-4000-8000-000000000000/evidence",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/evidence/{id}",
        "/api/v1/evidence/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/my-items",
        "/api/v1/my-items",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/transfer",
        "/projects/00000000-0000-4000-8000-000000000000/transfer",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/import",
        "/projects/import",
        Needs::CreateProjects,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/export",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/export",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects/import",
        "/api/v1/projects/import",
        Needs::CreateProjects,
    ),
    (
        "GET",
        "/projects/{id}/risks",
        "/projects/00000000-0000-4000-8000-000000000000/risks",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/risks",
        "/projects/00000000-0000-4000-8000-000000000000/risks",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/risks/review",
        "/projects/00000000-0000-4000-8000-000000000000/risks/review",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/risks/{file}",
        "/projects/00000000-0000-4000-8000-000000000000/risks/register.csv",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/dpia",
        "/projects/00000000-0000-4000-8000-000000000000/dpia",
        Needs::SignedIn,
    ),
    ("GET", "/risks", "/risks", Needs::SignedIn),
    (
        "POST",
        "/risks/settings",
        "/risks/settings",
        Needs::ManageUsers,
    ),
    (
        "GET",
        "/risks/{id}",
        "/risks/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/risks/{id}",
        "/risks/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/risks/{id}/status",
        "/risks/00000000-0000-4000-8000-000000000000/status",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/risks/{id}/accept",
        "/risks/00000000-0000-4000-8000-000000000000/accept",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/risks",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/risks",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects/{id}/risks",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/risks",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects/{id}/risks/review",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/risks/review",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/risks/{file}",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/risks/register.csv",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/projects/{id}/dpia",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/dpia",
        Needs::SignedIn,
    ),
    ("GET", "/api/v1/risks", "/api/v1/risks", Needs::SignedIn),
    (
        "PATCH",
        "/api/v1/risks/{id}",
        "/api/v1/risks/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/risks/{id}/status",
        "/api/v1/risks/00000000-0000-4000-8000-000000000000/status",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/risks/{id}/accept",
        "/api/v1/risks/00000000-0000-4000-8000-000000000000/accept",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/risk-settings",
        "/api/v1/risk-settings",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/risk-settings",
        "/api/v1/risk-settings",
        Needs::ManageUsers,
    ),
    (
        "GET",
        "/projects/{id}/bids",
        "/projects/00000000-0000-4000-8000-000000000000/bids",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/bids",
        "/projects/00000000-0000-4000-8000-000000000000/bids",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/projects/{id}/bids/rules",
        "/projects/00000000-0000-4000-8000-000000000000/bids/rules",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/projects/{id}/evaluation/{file}",
        "/projects/00000000-0000-4000-8000-000000000000/evaluation/report.docx",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/bids/{id}",
        "/bids/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/bids/{id}/import",
        "/bids/00000000-0000-4000-8000-000000000000/import",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/bids/{id}/answers",
        "/bids/00000000-0000-4000-8000-000000000000/answers",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/bids/{id}/override",
        "/bids/00000000-0000-4000-8000-000000000000/override",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/bids/{id}/links",
        "/bids/00000000-0000-4000-8000-000000000000/links",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/bids/{id}/links/{link}/revoke",
        "/bids/00000000-0000-4000-8000-000000000000/links/00000000-0000-4000-8000-000000000000/revoke",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/bids/{id}/award",
        "/bids/00000000-0000-4000-8000-000000000000/award",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/bids/{id}/files/{file}",
        "/bids/00000000-0000-4000-8000-000000000000/files/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    ("GET", "/suppliers", "/suppliers", Needs::SignedIn),
    ("POST", "/suppliers", "/suppliers", Needs::ManageSuppliers),
    (
        "GET",
        "/suppliers/{id}",
        "/suppliers/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/suppliers/{id}",
        "/suppliers/00000000-0000-4000-8000-000000000000",
        Needs::ManageSuppliers,
    ),
    (
        "GET",
        "/portal/{token}",
        "/portal/0000000000000000000000000000000000000000000000000000000000000000",
        Needs::Anyone,
    ),
    (
        "POST",
        "/portal/{token}",
        "/portal/0000000000000000000000000000000000000000000000000000000000000000",
        Needs::Anyone,
    ),
    (
        "POST",
        "/portal/{token}/files",
        "/portal/0000000000000000000000000000000000000000000000000000000000000000/files",
        Needs::Anyone,
    ),
    (
        "GET",
        "/api/v1/suppliers",
        "/api/v1/suppliers",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/suppliers",
        "/api/v1/suppliers",
        Needs::ManageSuppliers,
    ),
    (
        "GET",
        "/api/v1/suppliers/{id}",
        "/api/v1/suppliers/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/suppliers/{id}",
        "/api/v1/suppliers/00000000-0000-4000-8000-000000000000",
        Needs::ManageSuppliers,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/bids",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/bids",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/projects/{id}/bids",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/bids",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/projects/{id}/scoring-rules",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/scoring-rules",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/projects/{id}/evaluation/{file}",
        "/api/v1/projects/00000000-0000-4000-8000-000000000000/evaluation/report.docx",
        Needs::SignedIn,
    ),
    (
        "GET",
        "/api/v1/bids/{id}",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/bids/{id}/import",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/import",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/bids/{id}/answers",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/answers",
        Needs::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/bids/{id}/overrides/{code}",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/overrides/REQ-AUT-01",
        Needs::SignedIn,
    ),
    (
        "DELETE",
        "/api/v1/bids/{id}/overrides/{code}",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/overrides/REQ-AUT-01",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/bids/{id}/links",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/links",
        Needs::SignedIn,
    ),
    (
        "DELETE",
        "/api/v1/bids/{id}/links/{link}",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/links/00000000-0000-4000-8000-000000000000",
        Needs::SignedIn,
    ),
    (
        "POST",
        "/api/v1/bids/{id}/award",
        "/api/v1/bids/00000000-0000-4000-8000-000000000000/award",
        Needs::SignedIn,
    ),
];

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
            MATRIX.iter().any(|(m, p, _, _)| m == method && p == path),
            "route {method} {path} has no entry in the access matrix"
        );
    }
    for (method, path, _, _) in MATRIX {
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
            let Some((_, _, call, needs)) = MATRIX
                .iter()
                .find(|(m, p, _, _)| *m == method && *p == route.path)
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
