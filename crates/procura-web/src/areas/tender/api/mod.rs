//! The tender's security requirements over the API: the library, the
//! organisation's own requirements, a project's selection, and the annex
//! and questionnaire files.

pub mod requirements;
pub mod selection;

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(
    requirements::library,
    requirements::custom_list,
    requirements::custom_create,
    requirements::crosswalk,
    selection::show,
    selection::save,
    selection::publish,
    selection::annex,
    selection::questionnaire,
    selection::crosswalk,
))]
pub struct Doc;
