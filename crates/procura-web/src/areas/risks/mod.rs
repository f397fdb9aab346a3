//! Risks: each project's register with its heat maps, reviews and DPIA
//! screening, its documents, one risk's form, and the organisation's
//! portfolio with its risk matrix and appetite.

mod api;
mod documents;
mod lines;
mod pages;
mod risk_form;
mod wire;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::{SIGNED_IN, USER_MANAGERS};
use crate::routes::table::Routes;
use pages::{portfolio, register, risk};

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/projects/{id}/risks", SIGNED_IN, register::show);
    r.get("/projects/{id}/risks/{file}", SIGNED_IN, register::export);
    r.post("/projects/{id}/risks", SIGNED_IN, register::add);
    r.post("/projects/{id}/risks/review", SIGNED_IN, register::review);
    r.post("/projects/{id}/dpia", SIGNED_IN, register::dpia);
    r.post("/risks/{id}/status", SIGNED_IN, register::status);
    r.post("/risks/{id}/accept", SIGNED_IN, register::accept);
    r.get("/risks/{id}", SIGNED_IN, risk::edit_form);
    r.post("/risks/{id}", SIGNED_IN, risk::update);
    r.get("/risks", SIGNED_IN, portfolio::portfolio);
    r.post("/risks/settings", USER_MANAGERS, portfolio::settings);

    r.get(
        "/api/v1/projects/{id}/risks",
        SIGNED_IN,
        api::register::show,
    );
    r.post("/api/v1/projects/{id}/risks", SIGNED_IN, api::register::add);
    r.post(
        "/api/v1/projects/{id}/risks/review",
        SIGNED_IN,
        api::register::review,
    );
    r.get(
        "/api/v1/projects/{id}/risks/{file}",
        SIGNED_IN,
        api::register::export,
    );
    r.put(
        "/api/v1/projects/{id}/dpia",
        SIGNED_IN,
        api::register::screen,
    );
    r.patch("/api/v1/risks/{id}", SIGNED_IN, api::register::update);
    r.post(
        "/api/v1/risks/{id}/status",
        SIGNED_IN,
        api::register::status,
    );
    r.post(
        "/api/v1/risks/{id}/accept",
        SIGNED_IN,
        api::register::accept,
    );
    r.get("/api/v1/risks", SIGNED_IN, api::portfolio::portfolio);
    r.get(
        "/api/v1/risk-settings",
        SIGNED_IN,
        api::portfolio::settings_show,
    );
    r.put(
        "/api/v1/risk-settings",
        USER_MANAGERS,
        api::portfolio::settings_save,
    );
}
