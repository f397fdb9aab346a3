//! Who may call a route, and what the route list says about each route.

use axum::http::Method;
use procura_domain::Permission;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in users; anyone when the operator publishes the catalogue.
    Catalogue,
    /// Signed-in users holding this permission.
    Permission(Permission),
    /// Signed-in users holding this permission through a browser session;
    /// API tokens get 403 (a token may not create tokens).
    Session(Permission),
    /// Any signed-in person, including one who must first replace a
    /// password an administrator typed or reset: only what that change
    /// needs (the account page, the change itself, signing out). Every
    /// other route sends such a session here.
    PasswordChange,
}

/// Any signed-in person: everyone may manage their own account.
pub const SIGNED_IN: Access = Access::Permission(Permission::ManageOwnAccount);
/// Any signed-in person, even before changing a password an administrator set.
pub const PASSWORD_CHANGE: Access = Access::PasswordChange;
/// Any signed-in person, from a browser session only.
pub const SESSION: Access = Access::Session(Permission::ManageOwnAccount);
/// Administrators of the organisation.
pub const USER_MANAGERS: Access = Access::Permission(Permission::ManageUsers);
/// Those who read the organisation's audit log.
pub const AUDITORS: Access = Access::Permission(Permission::ViewAudit);
/// The instance's operators.
pub const OPERATORS: Access = Access::Permission(Permission::ManageOrganisations);
/// Those who start projects.
pub const PROJECT_CREATORS: Access = Access::Permission(Permission::CreateProjects);
/// Those who keep the supplier register.
pub const SUPPLIER_MANAGERS: Access = Access::Permission(Permission::ManageSuppliers);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// A browser page: redirects to sign-in, errors as HTML.
    Page,
    /// Under `/api/v1`: 401 and JSON errors.
    Api,
}

impl RouteKind {
    pub fn of(path: &str) -> RouteKind {
        if path.starts_with("/api/") {
            RouteKind::Api
        } else {
            RouteKind::Page
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub kind: RouteKind,
}
