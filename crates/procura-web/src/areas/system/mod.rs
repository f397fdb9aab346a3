//! What keeps the instance running and reachable: health checks, the
//! stylesheet and the language switch.

mod pages;

use super::Area;
use crate::routes::access::Access::Public;
use crate::routes::table::Routes;

pub const AREA: Area = Area {
    routes,
    api: utoipa::openapi::OpenApi::default,
};

fn routes(r: &mut Routes) {
    r.get("/healthz", Public, pages::alive);
    r.get("/readyz", Public, pages::ready);
    r.get("/assets/style.css", Public, pages::stylesheet);
    r.get("/assets/favicon.svg", Public, pages::favicon);
    r.get("/language/{code}", Public, pages::switch_language);
}
