//! The organisation's supplier register: companies with their identifiers,
//! contacts and certifications (expired ones flagged), and the projects
//! they bid on.

mod api;
mod pages;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::{SIGNED_IN, SUPPLIER_MANAGERS};
use crate::routes::table::Routes;

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/suppliers", SIGNED_IN, pages::list);
    r.post("/suppliers", SUPPLIER_MANAGERS, pages::create);
    r.get("/suppliers/{id}", SIGNED_IN, pages::show);
    r.post("/suppliers/{id}", SUPPLIER_MANAGERS, pages::update);

    r.get("/api/v1/suppliers", SIGNED_IN, api::suppliers);
    r.post("/api/v1/suppliers", SUPPLIER_MANAGERS, api::create_supplier);
    r.get("/api/v1/suppliers/{id}", SIGNED_IN, api::show_supplier);
    r.put(
        "/api/v1/suppliers/{id}",
        SUPPLIER_MANAGERS,
        api::update_supplier,
    );
}
