//! Procurement projects over the API: the same use cases as the pages.

pub mod files;
pub mod items;
pub mod projects;

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(
    projects::list,
    projects::create,
    projects::show,
    projects::update,
    projects::sign_off,
    projects::advance,
    files::checklist,
    items::update_item,
    items::add_link,
    items::upload,
    files::download,
    items::my_items,
    files::export,
    files::import,
))]
pub struct Doc;
