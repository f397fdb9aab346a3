//! Procurement projects: the portfolio, each project with its checklist,
//! gate and timeline, checklist items with their evidence, "my items", and
//! the files a project is exported to and imported from.

mod api;
mod events;
mod exports;
mod history;
mod pages;
mod wire;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::Access::Public;
use crate::routes::access::{PROJECT_CREATORS, SIGNED_IN};
use crate::routes::table::Routes;
use pages::{files, home, item, my_items, portfolio, project, project_form};

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/projects", SIGNED_IN, portfolio::portfolio);
    r.upload("/projects/import", PROJECT_CREATORS, portfolio::import);
    r.get("/projects/new", PROJECT_CREATORS, project_form::new_form);
    r.post("/projects", PROJECT_CREATORS, project_form::create);
    r.get("/projects/{id}/edit", SIGNED_IN, project_form::edit_form);
    r.post("/projects/{id}/edit", SIGNED_IN, project_form::update);
    r.get("/projects/{id}", SIGNED_IN, project::show);
    r.post("/projects/{id}/sign-off", SIGNED_IN, project::sign_off);
    r.post("/projects/{id}/items/bulk", SIGNED_IN, project::bulk);
    r.post("/projects/{id}/advance", SIGNED_IN, project::advance);
    r.post("/projects/{id}/force", SIGNED_IN, project::force);
    r.get("/projects/{id}/items/{item}", SIGNED_IN, item::item_form);
    r.post("/projects/{id}/items/{item}", SIGNED_IN, item::item_update);
    r.post(
        "/projects/{id}/items/{item}/links",
        SIGNED_IN,
        item::add_link,
    );
    r.upload(
        "/projects/{id}/items/{item}/evidence",
        SIGNED_IN,
        item::upload,
    );
    r.get("/projects/{id}/export", SIGNED_IN, files::export);
    r.get("/projects/{id}/transfer", SIGNED_IN, files::transfer);
    r.get("/evidence/{id}", SIGNED_IN, files::download);
    r.get("/evidence/{id}/delete", SIGNED_IN, files::remove_form);
    r.post("/evidence/{id}/delete", SIGNED_IN, files::remove);
    r.get("/", Public, home::show);
    r.get("/my-items", SIGNED_IN, my_items::my_items);

    r.get("/api/v1/projects", SIGNED_IN, api::projects::list);
    r.post("/api/v1/projects", PROJECT_CREATORS, api::projects::create);
    r.get("/api/v1/projects/{id}", SIGNED_IN, api::projects::show);
    r.patch("/api/v1/projects/{id}", SIGNED_IN, api::projects::update);
    r.post(
        "/api/v1/projects/{id}/sign-off",
        SIGNED_IN,
        api::projects::sign_off,
    );
    r.post(
        "/api/v1/projects/{id}/advance",
        SIGNED_IN,
        api::projects::advance,
    );
    r.patch("/api/v1/items/{id}", SIGNED_IN, api::items::update_item);
    r.post("/api/v1/items/{id}/links", SIGNED_IN, api::items::add_link);
    r.upload("/api/v1/items/{id}/evidence", SIGNED_IN, api::items::upload);
    r.get("/api/v1/my-items", SIGNED_IN, api::items::my_items);
    r.get(
        "/api/v1/projects/{id}/checklist",
        SIGNED_IN,
        api::files::checklist,
    );
    r.get("/api/v1/evidence/{id}", SIGNED_IN, api::files::download);
    r.get(
        "/api/v1/projects/{id}/export",
        SIGNED_IN,
        api::files::export,
    );
    r.upload(
        "/api/v1/projects/import",
        PROJECT_CREATORS,
        api::files::import,
    );
}
