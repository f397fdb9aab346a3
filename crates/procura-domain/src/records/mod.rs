//! The records Procura keeps, as plain data: what the store reads back and
//! the use cases hand to the web interface and the command line. Each field
//! already holds a domain value where one exists, so nothing outside the
//! store parses a stored text again. How a record is laid out in the
//! database stays the store's business.

mod audit;
mod checklist;
mod people;
mod projects;
mod risks;
mod tender;
mod unique;

pub use audit::{AuditEntry, AuditFilter, AuditVerification};
pub use checklist::{EvidenceKind, EvidenceRecord, ItemRecord};
pub use people::{
    InvitationLinkRecord, InvitationRecord, MemberRecord, OrganisationRecord, TokenRecord,
    UserRecord,
};
pub use projects::{PlannedDates, ProjectEvent, ProjectRecord, SignOffRecord, StakeholderRecord};
pub use risks::{DpiaRecord, ReviewRecord, RiskRecord, RiskSettings};
pub use tender::CustomRequirementRecord;
pub use unique::Unique;
