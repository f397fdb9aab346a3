//! Risk registers, reviews, DPIA screening and risk settings over the API:
//! the same use cases as the pages.

pub mod portfolio;
pub mod register;

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(
    register::show,
    register::add,
    register::update,
    register::status,
    register::accept,
    register::review,
    register::screen,
    portfolio::portfolio,
    portfolio::settings_show,
    portfolio::settings_save,
    register::export,
))]
pub struct Doc;
