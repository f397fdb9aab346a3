//! The administration API: the organisation's people, the instance's
//! organisations, and the audit log.

pub mod audit;
pub mod organisations;
pub mod users;

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(
    users::list,
    users::add,
    users::show,
    users::change_role,
    users::remove,
    organisations::list,
    organisations::create,
    organisations::rename,
    audit::list,
))]
pub struct Doc;
