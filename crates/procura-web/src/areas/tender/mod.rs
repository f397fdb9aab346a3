//! The tender: the security requirements proposed for a project's call for
//! tenders, the team's choices of kind and weight, the organisation's own
//! requirements, and the annex and questionnaire made from them.

mod annex;
mod api;
mod pages;
mod wire;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::{PROJECT_CREATORS, SIGNED_IN};
use crate::routes::table::Routes;
use pages::{crosswalk, documents, selection};

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/projects/{id}/tender", SIGNED_IN, selection::show);
    r.get("/requirements", SIGNED_IN, crosswalk::library_crosswalk);
    r.get(
        "/projects/{id}/crosswalk",
        SIGNED_IN,
        crosswalk::tender_crosswalk,
    );
    r.post("/projects/{id}/tender", SIGNED_IN, selection::save);
    r.post("/projects/{id}/tender/add", SIGNED_IN, selection::add);
    r.post(
        "/projects/{id}/tender/publish",
        SIGNED_IN,
        selection::publish,
    );
    r.post(
        "/projects/{id}/tender/custom",
        SIGNED_IN,
        selection::create_custom,
    );
    r.get(
        "/projects/{id}/tender/{file}",
        SIGNED_IN,
        documents::document,
    );

    r.get(
        "/api/v1/requirements",
        SIGNED_IN,
        api::requirements::library,
    );
    r.get(
        "/api/v1/requirements/crosswalk",
        SIGNED_IN,
        api::requirements::crosswalk,
    );
    r.get(
        "/api/v1/requirements/custom",
        SIGNED_IN,
        api::requirements::custom_list,
    );
    r.post(
        "/api/v1/requirements/custom",
        PROJECT_CREATORS,
        api::requirements::custom_create,
    );
    r.get(
        "/api/v1/projects/{id}/tender",
        SIGNED_IN,
        api::selection::show,
    );
    r.put(
        "/api/v1/projects/{id}/tender",
        SIGNED_IN,
        api::selection::save,
    );
    r.post(
        "/api/v1/projects/{id}/tender/publish",
        SIGNED_IN,
        api::selection::publish,
    );
    r.get(
        "/api/v1/projects/{id}/tender/annex",
        SIGNED_IN,
        api::selection::annex,
    );
    r.get(
        "/api/v1/projects/{id}/tender/crosswalk",
        SIGNED_IN,
        api::selection::crosswalk,
    );
    r.get(
        "/api/v1/projects/{id}/tender/questionnaire",
        SIGNED_IN,
        api::selection::questionnaire,
    );
}
