//! The evaluation of bids: the scoring rules, the bids and their ranking,
//! each bid's answers, overrides, portal links and award, the report; and
//! the supplier portal where bidders answer without an account.

mod answers;
mod api;
mod grid;
mod pages;
mod report;
mod wire;

use utoipa::OpenApi;

use super::Area;
use crate::routes::access::Access::Public;
use crate::routes::access::SIGNED_IN;
use crate::routes::table::Routes;
use pages::{bid, evaluation, portal};

pub const AREA: Area = Area {
    routes,
    api: api::Doc::openapi,
};

fn routes(r: &mut Routes) {
    r.get("/projects/{id}/bids", SIGNED_IN, evaluation::show);
    r.post("/projects/{id}/bids", SIGNED_IN, evaluation::add);
    r.post("/projects/{id}/bids/rules", SIGNED_IN, evaluation::rules);
    r.get(
        "/projects/{id}/evaluation/{file}",
        SIGNED_IN,
        evaluation::report,
    );
    r.get("/bids/{id}", SIGNED_IN, bid::bid);
    r.upload("/bids/{id}/import", SIGNED_IN, bid::import);
    r.post("/bids/{id}/answers", SIGNED_IN, bid::answers);
    r.post("/bids/{id}/override", SIGNED_IN, bid::override_score);
    r.post("/bids/{id}/grade", SIGNED_IN, bid::grade);
    r.post("/bids/{id}/links", SIGNED_IN, bid::issue_link);
    r.post(
        "/bids/{id}/links/{link}/revoke",
        SIGNED_IN,
        bid::revoke_link,
    );
    r.post("/bids/{id}/award", SIGNED_IN, bid::award);
    r.get("/bids/{id}/files/{file}", SIGNED_IN, bid::file);

    // The supplier portal: no account, the link's secret is the key.
    r.get("/portal/{token}", Public, portal::show);
    r.post("/portal/{token}", Public, portal::save);
    r.upload("/portal/{token}/files", Public, portal::upload);
    r.upload("/portal/{token}/answers", Public, portal::answers);
    r.get("/portal/{token}/review", Public, portal::review);
    r.post("/portal/{token}/submit", Public, portal::submit);
    r.get("/portal/{token}/receipt.pdf", Public, portal::receipt_pdf);

    r.get(
        "/api/v1/projects/{id}/bids",
        SIGNED_IN,
        api::evaluation::show,
    );
    r.post("/api/v1/projects/{id}/bids", SIGNED_IN, api::bids::add);
    r.put(
        "/api/v1/projects/{id}/scoring-rules",
        SIGNED_IN,
        api::evaluation::rules,
    );
    r.get(
        "/api/v1/projects/{id}/evaluation/{file}",
        SIGNED_IN,
        api::evaluation::report,
    );
    r.get("/api/v1/bids/{id}", SIGNED_IN, api::bids::show_bid);
    r.get("/api/v1/bids/{id}/receipts", SIGNED_IN, api::bids::receipts);
    r.upload("/api/v1/bids/{id}/import", SIGNED_IN, api::bids::import);
    r.put("/api/v1/bids/{id}/answers", SIGNED_IN, api::bids::answers);
    r.put(
        "/api/v1/bids/{id}/overrides/{code}",
        SIGNED_IN,
        api::bids::set_override,
    );
    r.delete(
        "/api/v1/bids/{id}/overrides/{code}",
        SIGNED_IN,
        api::bids::remove_override,
    );
    r.post("/api/v1/bids/{id}/links", SIGNED_IN, api::bids::issue_link);
    r.delete(
        "/api/v1/bids/{id}/links/{link}",
        SIGNED_IN,
        api::bids::revoke_link,
    );
    r.post("/api/v1/bids/{id}/award", SIGNED_IN, api::bids::award);
}
