//! One's own account: first-run setup, signing in and out, joining through
//! an invitation link, the account page (password, language, tokens,
//! invitations) and the caller's API.

mod api;
mod pages;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::Access::Public;
use crate::routes::access::{PASSWORD_CHANGE, SESSION, SIGNED_IN};
use crate::routes::table::Routes;
use pages::{account, invitation, session};

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/setup", Public, session::setup_form);
    r.post("/setup", Public, session::setup_submit);
    r.get("/sign-in", Public, session::sign_in_form);
    r.post("/sign-in", Public, session::sign_in_submit);
    // A password an administrator set holds every other route back.
    r.post("/sign-out", PASSWORD_CHANGE, session::sign_out);
    // No account yet: the link's secret is the key.
    r.get("/invitation/{token}", Public, invitation::show);
    r.post("/invitation/{token}", Public, invitation::accept);

    r.get("/account", PASSWORD_CHANGE, account::show);
    r.post(
        "/account/password",
        PASSWORD_CHANGE,
        account::change_password,
    );
    r.post("/account/language", SIGNED_IN, account::set_language);
    r.post("/account/tokens", SESSION, account::create_token);
    r.post(
        "/account/tokens/{id}/revoke",
        SIGNED_IN,
        account::revoke_token,
    );
    r.post(
        "/account/invitations/{id}/accept",
        SIGNED_IN,
        account::accept_invitation,
    );
    r.post(
        "/account/invitations/{id}/decline",
        SIGNED_IN,
        account::decline_invitation,
    );

    r.get("/api/v1/me", SIGNED_IN, api::me);
    r.get("/api/v1/tokens", SIGNED_IN, api::tokens);
    r.post("/api/v1/tokens", SESSION, api::create_token);
    r.delete("/api/v1/tokens/{id}", SIGNED_IN, api::revoke_token);
}
