//! Administration: the organisation's people and their roles, the
//! instance's organisations (and switching one's own), and the audit log.

mod api;
mod audit_log;
mod pages;
mod wire;

use procura_service::FirstPassword;
use utoipa::OpenApi;

use super::Area;
use crate::routes::access::{AUDITORS, OPERATORS, SIGNED_IN, USER_MANAGERS};
use crate::routes::table::Routes;
use pages::{audit, organisations, users};

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/users", USER_MANAGERS, users::list);
    r.post("/users", USER_MANAGERS, users::add);
    r.post("/users/{id}/role", USER_MANAGERS, users::change_role);
    r.post("/users/{id}/remove", USER_MANAGERS, users::remove);
    r.post("/organisation/time-zone", USER_MANAGERS, users::time_zone);
    r.post(
        "/users/invitations/{id}/cancel",
        USER_MANAGERS,
        users::cancel_invitation,
    );
    r.post(
        "/users/invitation-links/{id}/cancel",
        USER_MANAGERS,
        users::cancel_invitation_link,
    );
    r.get("/organisations", OPERATORS, organisations::list);
    r.post("/organisations", OPERATORS, organisations::create);
    r.post(
        "/organisations/{id}/rename",
        OPERATORS,
        organisations::rename,
    );
    r.post("/organisation/switch", SIGNED_IN, organisations::switch);
    r.get("/audit", AUDITORS, audit::list);
    r.get("/audit/export", AUDITORS, audit::export);

    r.get("/api/v1/users", USER_MANAGERS, api::users::list);
    r.post("/api/v1/users", USER_MANAGERS, api::users::add);
    r.get("/api/v1/users/{id}", USER_MANAGERS, api::users::show);
    r.patch("/api/v1/users/{id}", USER_MANAGERS, api::users::change_role);
    r.delete("/api/v1/users/{id}", USER_MANAGERS, api::users::remove);
    r.get("/api/v1/organisations", OPERATORS, api::organisations::list);
    r.post(
        "/api/v1/organisations",
        OPERATORS,
        api::organisations::create,
    );
    r.patch(
        "/api/v1/organisations/{id}",
        OPERATORS,
        api::organisations::rename,
    );
    r.get("/api/v1/audit", AUDITORS, api::audit::list);
}

/// What the password field of a new person means, on the page and in the
/// API alike: a password typed is passed on by the administrator (and
/// changed at the first sign-in); none means a one-time invitation link.
fn first_password(typed: &str) -> FirstPassword<'_> {
    if typed.is_empty() {
        FirstPassword::ByInvitationLink
    } else {
        FirstPassword::Typed(typed)
    }
}

/// The address of an invitation link, to pass on: the accounts area serves it.
fn invitation_url(state: &crate::state::AppState, secret: &str) -> String {
    format!("{}/invitation/{secret}", state.config.public_url.origin())
}
