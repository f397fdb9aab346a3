//! Procura's pure domain: the vocabulary every other crate speaks.
//!
//! This crate does no IO, reads no clock and knows no framework: it holds the
//! taxonomies of the guidelines as closed enums, the newtype ids, and text in the
//! two languages Procura speaks. Everything here can only hold valid values, so
//! the layers around it parse once and never re-check.

mod access;
mod audit;
mod award;
mod bid;
mod evaluation;
mod identity;
mod lang;
mod penalty;
mod practice;
mod project;
mod records;
mod reference;
mod risk;
mod supplier;
mod taxonomy;
mod tender;
mod text;
mod topic;
mod zone;

pub use access::{
    Grants, Permission, ProjectRights, ProjectStanding, Role, UnknownRole, allows,
    may_change_project_cisos, project_rights,
};
pub use audit::AuditAction;
pub use award::{AwardCandidate, AwardRefusal, check_award};
pub use bid::{
    AnswerRecord, BidFileRecord, BidRecord, BidSource, CommitmentRecord, OverrideRecord,
    PortalLinkRecord,
};
pub use evaluation::{
    BidScore, BidStatus, Criterion, Ineligibility, InvalidOverride, InvalidRules, LineScore,
    Override, ScoringRules, grade_score, parse_answer, proposed_grade, rank, score_bid,
    score_grade,
};
pub use identity::{
    BidId, Email, EvidenceId, InvalidEmail, InvalidName, InvitationId, ItemId, Name,
    OrganisationId, ProjectId, RiskId, SupplierId, Timestamp, TokenId, UserId,
};
pub use lang::{Lang, Localized, UnknownLang};
pub use penalty::{InvalidPenalty, MAX_PENALTY_EUR, Penalty, PenaltyBasis, PenaltyCap};
pub use practice::{InvalidPracticeNumber, PracticeNumber};
pub use project::{
    CpvCode, Currency, Day, GateRefusal, InvalidCpv, ItemStatus, ProjectReference, ProjectRole,
    Stage, check_gate, check_sign_off, is_overdue,
};
pub use records::{
    AuditEntry, AuditFilter, AuditVerification, CustomRequirementRecord, DpiaRecord, EvidenceKind,
    EvidenceRecord, InvitationLinkRecord, InvitationRecord, ItemRecord, MemberRecord,
    OrganisationRecord, PlannedDates, ProjectEvent, ProjectRecord, ReviewRecord, RiskRecord,
    RiskSettings, SignOffRecord, StakeholderRecord, TokenRecord, Unique, UserRecord,
};
pub use reference::{InvalidReference, ReferenceId, ReferenceQuery};
pub use risk::{
    DpiaCriterion, NonMonotonicMatrix, RiskLevel, RiskMatrix, RiskStatus, Step, Treatment,
    dpia_required,
};
pub use supplier::{CertificationRecord, SupplierProject, SupplierRecord, supplier_name_key};
pub use taxonomy::{Phase, ProcurementType, Taxonomy, ThreatGroup, UnknownId};
pub use tender::{
    Answer, DcePart, GradeStep, InvalidRequirementCode, RequirementCode, RequirementKind,
    SelectedRequirement, TenderInput, TenderTerms, WEIGHT_TOTAL, WeightsDoNotTotal, check_weights,
    distribute,
};
pub use text::{LONG_TEXT, MAX_SITES, MEDIUM_TEXT, SHORT_TEXT, TextField, TextTooLong};
pub use topic::Topic;
pub use zone::TimeZone;
