//! What a use case can refuse, in terms a caller can translate and map to a
//! status: the web layer turns each variant into one HTTP status and message.
//!
//! This module and its children depend on nothing else in the crate, so
//! every use case can return these errors without the modules depending on
//! each other through them.

mod answer_problem;
mod oversize;

use procura_store::StoreError;

pub use answer_problem::{AnswerProblem, MAX_COMMENT_CHARS};
pub use oversize::Oversize;

/// A value the user supplied that cannot be accepted, with the field it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Email,
    Name,
    OrganisationName,
    PasswordTooShort,
    PasswordTooCommon,
    CurrentPassword,
    Role,
    Language,
    TokenName,
    TokenExpiry,
    SetupToken,
    /// The change would leave the organisation without an administrator.
    LastAdmin,
    /// The user belongs to no organisation and so cannot work anywhere.
    NoOrganisation,
    ProjectReference,
    ProjectTitle,
    ProcurementTypes,
    EstimatedValue,
    Currency,
    Cpv,
    /// A CPV code whose last digit does not check the others: the digit
    /// it should have.
    CpvCheckDigit {
        digits: u32,
        expected: u8,
    },
    Date,
    ItemStatus,
    /// Not applicable needs a written justification.
    Justification,
    ProjectRole,
    /// The person named is not a member of the organisation.
    UnknownMember,
    /// A risk's owner who is not a member of the organisation.
    RiskOwner,
    ForceReason,
    EvidenceLink,
    EvidenceFile,
    /// The phase was signed off already.
    AlreadySignedOff,
    /// The project is closed.
    ProjectClosed,
    ImportFile,
    /// A likelihood or severity outside 1–4, or a residual with one of the two missing.
    RiskStep,
    ThreatGroup,
    ThreatExample,
    /// A risk needs an example threat of the catalogue or a description.
    RiskDescription,
    Treatment,
    RiskStatus,
    /// Only an open risk with residual levels can be accepted.
    ResidualMissing,
    DpiaCriterion,
    /// A matrix needs sixteen levels that never fall as the steps rise.
    RiskMatrix,
    RiskLevel,
    /// A requirement code that is not in the selection or the library.
    UnknownRequirement,
    RequirementKind,
    /// A weight that is not a whole percentage from 0 to 100.
    Weight,
    /// A clause's penalty that is not a whole number of euros from 1 to 1 000 000.
    PenaltyAmount,
    /// A modification of a published DCE without its reason.
    ModificationReason,
    /// A change for several items with none chosen.
    NothingSelected,
    /// A time zone Procura does not know.
    TimeZone,
    /// A risk set aside without saying why.
    DismissReason,
    /// Evidence of a signed-off phase stays: removing it needs the sign-off withdrawn first.
    EvidenceLocked,
    /// Only the person who added a piece of evidence removes it.
    EvidenceNotYours,
    /// A change for several items that changes nothing.
    NothingToChange,
    /// A modification of a published DCE that changes nothing.
    ModificationEmpty,
    /// The tender cannot be published while its award weights are wrong
    /// or it is published already.
    AlreadyPublished,
    /// A penalty cap that is not a whole percentage from 1 to 100.
    PenaltyCap,
    /// A lot's name over 200 characters.
    Lot,
    /// A grading scale without a label and descriptor for each grade.
    GradeScale,
    /// A requirement needs a text in at least one language.
    RequirementText,
    /// A practice number that is not in the catalogue.
    Practice,
    SupplierName,
    /// Not a SIREN or SIRET number (or its check digit is wrong).
    CompanyId,
    Vat,
    /// A certification needs a name.
    Certification,
    /// The bid was awarded: nothing about it changes any more.
    BidClosed,
    /// The supplier submitted through the portal: its answers are final.
    BidFinal,
    AlreadyAwarded,
    BidIneligible,
    PatchDelay,
    LinkExpiry,
    TooManyFiles,
    /// An evaluator's override says why.
    OverrideJustification,
    /// The contract was awarded: the evaluation that led to it is kept as it was.
    EvaluationClosed,
    /// A supplier not in the register, added by someone who may not add one.
    UnknownSupplier,
    /// A portal draft the supplier has not submitted.
    BidDraft,
    /// Answers given to an earlier version of the requirement list.
    BidOutdated,
    /// Answers already received: no portal link is needed.
    BidNotPending,
    /// A percentage outside 0–100.
    Percentage,
    /// A text longer than the field allows.
    TextTooLong,
    /// A text longer than its named field allows.
    TooLong(procura_domain::TextField),
    /// More sites than a project lists.
    TooManySites,
    /// "Not applicable" answers to eligibility requirements nobody ruled on.
    UnverifiedExemptions,
    /// An award criterion no evaluator has graded.
    Ungraded,
    /// A grade that is not a step of the published grading scale.
    Grade,
}

impl Invalid {
    /// The i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            Invalid::Email => "invalid-email",
            Invalid::Name => "invalid-name",
            Invalid::OrganisationName => "invalid-organisation-name",
            Invalid::PasswordTooShort => "invalid-password-short",
            Invalid::PasswordTooCommon => "invalid-password-common",
            Invalid::CurrentPassword => "invalid-current-password",
            Invalid::Role => "invalid-role",
            Invalid::Language => "invalid-language",
            Invalid::TokenName => "invalid-token-name",
            Invalid::TokenExpiry => "invalid-token-expiry",
            Invalid::SetupToken => "invalid-setup-token",
            Invalid::LastAdmin => "invalid-last-admin",
            Invalid::NoOrganisation => "invalid-no-organisation",
            Invalid::ProjectReference => "invalid-project-reference",
            Invalid::ProjectTitle => "invalid-project-title",
            Invalid::ProcurementTypes => "invalid-procurement-types",
            Invalid::EstimatedValue => "invalid-estimated-value",
            Invalid::Currency => "invalid-currency",
            Invalid::Cpv => "invalid-cpv",
            Invalid::CpvCheckDigit { .. } => "invalid-cpv-check-digit",
            Invalid::Date => "invalid-date",
            Invalid::ItemStatus => "invalid-item-status",
            Invalid::Justification => "invalid-justification",
            Invalid::ProjectRole => "invalid-project-role",
            Invalid::UnknownMember => "invalid-unknown-member",
            Invalid::RiskOwner => "invalid-risk-owner",
            Invalid::ForceReason => "invalid-force-reason",
            Invalid::EvidenceLink => "invalid-evidence-link",
            Invalid::EvidenceFile => "invalid-evidence-file",
            Invalid::AlreadySignedOff => "invalid-already-signed-off",
            Invalid::ProjectClosed => "invalid-project-closed",
            Invalid::ImportFile => "invalid-import-file",
            Invalid::RiskStep => "invalid-risk-step",
            Invalid::ThreatGroup => "invalid-threat-group",
            Invalid::ThreatExample => "invalid-threat-example",
            Invalid::RiskDescription => "invalid-risk-description",
            Invalid::Treatment => "invalid-treatment",
            Invalid::RiskStatus => "invalid-risk-status",
            Invalid::ResidualMissing => "invalid-residual-missing",
            Invalid::DpiaCriterion => "invalid-dpia-criterion",
            Invalid::RiskMatrix => "invalid-risk-matrix",
            Invalid::RiskLevel => "invalid-risk-level",
            Invalid::UnknownRequirement => "invalid-unknown-requirement",
            Invalid::RequirementKind => "invalid-requirement-kind",
            Invalid::Weight => "invalid-weight",
            Invalid::PenaltyAmount => "invalid-penalty-amount",
            Invalid::ModificationReason => "invalid-modification-reason",
            Invalid::NothingSelected => "invalid-nothing-selected",
            Invalid::TimeZone => "invalid-time-zone",
            Invalid::DismissReason => "invalid-dismiss-reason",
            Invalid::EvidenceLocked => "invalid-evidence-locked",
            Invalid::EvidenceNotYours => "invalid-evidence-not-yours",
            Invalid::NothingToChange => "invalid-nothing-to-change",
            Invalid::ModificationEmpty => "invalid-modification-empty",
            Invalid::AlreadyPublished => "invalid-already-published",
            Invalid::PenaltyCap => "invalid-penalty-cap",
            Invalid::Lot => "invalid-lot",
            Invalid::GradeScale => "invalid-grade-scale",
            Invalid::RequirementText => "invalid-requirement-text",
            Invalid::Practice => "invalid-practice",
            Invalid::SupplierName => "invalid-supplier-name",
            Invalid::CompanyId => "invalid-company-id",
            Invalid::Vat => "invalid-vat",
            Invalid::Certification => "invalid-certification",
            Invalid::BidClosed => "invalid-bid-closed",
            Invalid::BidFinal => "invalid-bid-final",
            Invalid::AlreadyAwarded => "invalid-already-awarded",
            Invalid::BidIneligible => "invalid-bid-ineligible",
            Invalid::PatchDelay => "invalid-patch-delay",
            Invalid::LinkExpiry => "invalid-link-expiry",
            Invalid::TooManyFiles => "invalid-too-many-files",
            Invalid::OverrideJustification => "invalid-override-justification",
            Invalid::EvaluationClosed => "invalid-evaluation-closed",
            Invalid::UnknownSupplier => "invalid-unknown-supplier",
            Invalid::BidDraft => "invalid-bid-draft",
            Invalid::BidOutdated => "invalid-bid-outdated",
            Invalid::BidNotPending => "invalid-bid-not-pending",
            Invalid::Percentage => "invalid-percentage",
            Invalid::TextTooLong => "invalid-text-too-long",
            Invalid::TooLong(_) => "invalid-text-field-too-long",
            Invalid::TooManySites => "invalid-too-many-sites",
            Invalid::UnverifiedExemptions => "invalid-unverified-exemptions",
            Invalid::Ungraded => "invalid-ungraded",
            Invalid::Grade => "invalid-grade",
        }
    }
}

/// One field of a form refused, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field's name in the form and the API (`title`, `cpv_codes`, …).
    pub field: &'static str,
    pub invalid: Invalid,
}

/// Why a signed-in caller is refused something their role otherwise allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Only an organisation CISO or administrator names or removes a project CISO.
    ProjectCiso,
    /// A token was used to create a token: that needs a signed-in session.
    TokenNeedsSession,
}

impl Denial {
    /// The i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            Denial::ProjectCiso => "error-project-ciso-grant",
            Denial::TokenNeedsSession => "error-token-needs-session",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Absent, or belonging to another organisation: the two look the same
    /// so that ids of other tenants do not leak.
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// Not allowed, for a reason worth telling.
    #[error("not allowed: {0:?}")]
    Denied(Denial),
    #[error("invalid input: {0:?}")]
    Invalid(Invalid),
    #[error("wrong e-mail address or password")]
    BadCredentials,
    #[error("too many failed attempts; retry in {retry_after_seconds} s")]
    RateLimited { retry_after_seconds: i64 },
    /// Too much work at once (password hashes): retry a little later.
    #[error("too busy; retry in {retry_after_seconds} s")]
    Busy { retry_after_seconds: i64 },
    #[error("the record was changed by someone else")]
    Conflict,
    /// The tender's DCE is published: only a modification of the DCE, with
    /// its reason, may change it.
    #[error("the tender is published (publication {number}, {bids} bid(s))")]
    TenderPublished { number: i64, bids: usize },
    /// The phase gate refused the transition.
    #[error("the phase gate refused: {0:?}")]
    Gate(procura_domain::GateRefusal),
    /// The phase is not ready to be signed off: items open or the risk
    /// register not reviewed.
    #[error("the phase cannot be signed off yet")]
    SignOffRefused(procura_domain::GateRefusal),
    /// The award weights do not total 100 %: no document may be made.
    #[error("{0}")]
    Weights(procura_domain::WeightsDoNotTotal),
    /// A record breaking a uniqueness rule already exists.
    #[error("a record breaking the rule {0:?} already exists")]
    Duplicate(procura_domain::Unique),
    /// An imported file refused for what it would unpack to.
    #[error("{0}")]
    ImportTooLarge(Oversize),
    /// An imported file with an evidence link the item form would refuse.
    #[error("item {practice} of {phase}: link refused: {url}")]
    ImportLink {
        phase: String,
        practice: String,
        url: String,
    },
    /// A form refused, with every field's problem.
    #[error("{} field(s) refused", .0.len())]
    Fields(Vec<FieldProblem>),
    /// Answers refused, with every problem found.
    #[error("{} problem(s) with the answers", .0.len())]
    Answers(Vec<AnswerProblem>),
    #[error("storage failed: {0}")]
    Store(StorageFailure),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Duplicate(rule) => ServiceError::Duplicate(rule),
            other => ServiceError::Store(StorageFailure(other)),
        }
    }
}

/// A storage failure, opaque on purpose: a caller logs it and answers with
/// a server error, and never decides anything from what the database said.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct StorageFailure(StoreError);

impl From<procura_domain::TextTooLong> for Invalid {
    fn from(error: procura_domain::TextTooLong) -> Self {
        Invalid::TooLong(error.field)
    }
}

impl From<procura_domain::TextTooLong> for ServiceError {
    fn from(error: procura_domain::TextTooLong) -> Self {
        ServiceError::Invalid(error.into())
    }
}

impl From<procura_domain::AwardRefusal> for Invalid {
    fn from(refusal: procura_domain::AwardRefusal) -> Self {
        use procura_domain::AwardRefusal;
        match refusal {
            AwardRefusal::AlreadyAwarded => Invalid::AlreadyAwarded,
            AwardRefusal::Ineligible => Invalid::BidIneligible,
            AwardRefusal::Draft => Invalid::BidDraft,
            AwardRefusal::Outdated => Invalid::BidOutdated,
            AwardRefusal::UnverifiedExemptions => Invalid::UnverifiedExemptions,
            AwardRefusal::Ungraded => Invalid::Ungraded,
        }
    }
}

impl From<procura_domain::AwardRefusal> for ServiceError {
    fn from(refusal: procura_domain::AwardRefusal) -> Self {
        ServiceError::Invalid(refusal.into())
    }
}

impl From<Invalid> for ServiceError {
    fn from(invalid: Invalid) -> Self {
        ServiceError::Invalid(invalid)
    }
}

/// The i18n key of the message that explains why a phase cannot be signed
/// off yet; arguments as [`gate_message_key`]'s.
pub fn sign_off_message_key(refusal: &procura_domain::GateRefusal) -> &'static str {
    match (!refusal.open_items.is_empty(), refusal.missing_review) {
        (true, true) => "sign-off-open-items-review",
        (true, false) => "sign-off-open-items",
        _ => "sign-off-review",
    }
}

/// The i18n key of the message that explains a gate refusal; its arguments
/// are `count` and `items` (the open practices).
pub fn gate_message_key(refusal: &procura_domain::GateRefusal) -> &'static str {
    let open = !refusal.open_items.is_empty();
    match (open, refusal.missing_sign_off, refusal.missing_review) {
        _ if refusal.closed => "gate-closed",
        (true, true, false) => "gate-open-items-and-sign-off",
        (true, false, false) => "gate-open-items",
        (false, _, false) => "gate-sign-off",
        (true, true, true) => "gate-open-items-and-sign-off-review",
        (true, false, true) => "gate-open-items-review",
        (false, true, true) => "gate-sign-off-review",
        (false, false, true) => "gate-risk-review",
    }
}
