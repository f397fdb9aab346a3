//! An organisation's own tender requirements, beside the library's.

use crate::{
    OrganisationId, PracticeNumber, ProcurementType, RequirementCode, RequirementKind, Timestamp,
    UserId,
};

/// One of an organisation's own requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomRequirementRecord {
    /// A random id, independent of the code.
    pub id: String,
    pub organisation_id: OrganisationId,
    pub code: RequirementCode,
    pub kind: RequirementKind,
    /// Relative importance (1–5) when proposed as an award criterion.
    pub importance: u32,
    pub practices: Vec<PracticeNumber>,
    /// Empty means every type.
    pub procurement_types: Vec<ProcurementType>,
    pub text_fr: String,
    pub text_en: String,
    pub evidence_fr: String,
    pub evidence_en: String,
    pub created_by: UserId,
    pub created_at: Timestamp,
}
