//! The evaluation over the API: bids, their answers (imported
//! questionnaire or entered), overrides, portal links, scoring rules, the
//! award and the evaluation report — the same use cases as the pages.

pub mod bids;
pub mod evaluation;

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(
    evaluation::show,
    bids::add,
    bids::show_bid,
    bids::receipts,
    bids::import,
    bids::answers,
    bids::set_override,
    bids::remove_override,
    bids::issue_link,
    bids::revoke_link,
    bids::award,
    evaluation::rules,
    evaluation::report,
))]
pub struct Doc;
