//! Procurement projects: creating them with the checklist the catalogue
//! gives, editing them (a change of types adds and retires items), working
//! the checklist, evidence, sign-offs and the phase gate, and listing them.
//!
//! Who sees a project and what they may do on it is `visibility`; the
//! timeline every change is written to is `timeline`.

mod checklist;
mod download;
mod editing;
mod evidence;
mod gate;
mod input;
mod portfolio;
mod view;

pub(crate) use checklist::sync_checklist;
pub use checklist::{BulkChange, ItemChange};
pub use download::ChecklistView;
pub(crate) use editing::check_ciso_change;
pub(crate) use evidence::evidence_link;
pub use evidence::{sanitise_filename, sniff_content_type};
pub use input::ProjectInput;
pub use portfolio::{PageRequest, PortfolioEntry, PortfolioFilter, PortfolioPage};
pub use view::ProjectView;
