//! Supplier evaluation: each project's bids, for suppliers of the register
//! (`crate::suppliers`), and their answers (imported from the questionnaire,
//! entered by an evaluator, or given by the supplier through a portal
//! link), the project's scoring rules, evaluators' overrides, and the award
//! that records what the chosen supplier committed to.
//!
//! Scores are never stored: they are computed from the answers, overrides
//! and rules each time, so changing a rule re-scores every bid at once.

mod answers;
mod award;
mod evaluation;
mod evaluator;
mod portal;
mod portal_links;
mod questionnaire;
mod receipt;
mod registration;
mod report;
mod rules;

pub use crate::error::{AnswerProblem, MAX_COMMENT_CHARS};
pub use answers::AnswerInput;
pub use award::CommitmentInput;
pub use evaluation::{BidView, EvaluationView};
pub use portal::{MAX_BID_FILES, PortalView};
pub use portal_links::{PORTAL_LINK_DAYS, PORTAL_LINK_MAX_DAYS, PortalRefusal};
pub use procura_store::bids::ReceiptRecord;
pub use report::{evaluation_doc, offer_name};
pub use rules::RulesInput;
