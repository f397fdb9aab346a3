//! Each project's bids: answers, evaluators' overrides, evidence files,
//! portal links, scoring rules and the awarded supplier's commitments. Bids
//! are reached through their project, whose organisation every query checks;
//! only the supplier portal finds a bid by the id its link names. A bid and
//! what it carries are procura-domain's records, which each module maps its
//! private rows into; only `RulesRecord`, which no caller of the use cases
//! sees, is the store's own.

mod answers;
mod bid;
mod commitments;
mod files;
mod overrides;
mod portal_links;
mod receipts;
mod rules;

pub use answers::{answers, put_answer, replace_answers};
pub use bid::{bid_by_id, bids_for_project, find_bid, insert_bid, update_bid};
pub use commitments::{commitments, put_commitments};
pub use files::{file, files, insert_file};
pub use overrides::{delete_override, overrides, put_override};
pub use portal_links::{insert_link, link_by_hash, links, revoke_link, touch_link};
pub use receipts::{ReceiptRecord, insert_receipt, receipt_count, receipts};
pub use rules::{RulesRecord, rules, save_rules};
