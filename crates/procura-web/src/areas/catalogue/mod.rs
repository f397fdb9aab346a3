//! The guidelines' catalogue: the explorer with its facets, practice
//! pages, exports, and the same data over the API.

mod api;
mod pages;
mod wire;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::Access::Catalogue;
use crate::routes::table::Routes;

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/catalogue", Catalogue, pages::explorer);
    r.get("/catalogue/export", Catalogue, pages::export);
    r.get("/practices/{id}", Catalogue, pages::practice);

    r.get("/api/v1/catalog", Catalogue, api::catalog);
    r.get("/api/v1/practices", Catalogue, api::practices);
    r.get("/api/v1/practices/{id}", Catalogue, api::practice);
    r.get("/api/v1/phases", Catalogue, api::phases);
    r.get(
        "/api/v1/procurement-types",
        Catalogue,
        api::procurement_types,
    );
    r.get("/api/v1/threats", Catalogue, api::threats);
}
