//! A project's bids as plain data: which supplier offered what, how its
//! answers came in, the evaluators' overrides, the evidence files and
//! portal links it carries, and what the awarded supplier committed to.
//! The store reads these back; the use cases hand them on. Scores are not
//! here: `evaluation.rs` computes them from these each time.

use crate::{
    Answer, BidId, BidStatus, CertificationRecord, Day, ProjectId, RequirementCode, SupplierId,
    Timestamp, UserId,
};

/// How a bid's answers came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BidSource {
    /// The supplier's filled questionnaire, imported by an evaluator.
    Import,
    /// Given by the supplier through a portal link.
    Portal,
    /// Entered by an evaluator from a paper or e-mailed bid.
    Manual,
}

impl BidSource {
    pub const ALL: [BidSource; 3] = [BidSource::Import, BidSource::Portal, BidSource::Manual];

    /// The id stored with the bid and shown by the API.
    pub fn id(self) -> &'static str {
        match self {
            BidSource::Import => "import",
            BidSource::Portal => "portal",
            BidSource::Manual => "manual",
        }
    }

    pub fn parse(input: &str) -> Option<BidSource> {
        BidSource::ALL
            .into_iter()
            .find(|source| source.id() == input.trim())
    }
}

/// A bid on a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidRecord {
    pub id: BidId,
    pub project_id: ProjectId,
    pub supplier_id: SupplierId,
    /// Read with the bid from the register.
    pub supplier_name: String,
    pub offer: String,
    pub product_version: String,
    pub status: BidStatus,
    /// The requirement selection's version the answers were given against.
    pub answered_version: Option<i64>,
    /// `None` until answers come in.
    pub source: Option<BidSource>,
    pub submitted_at: Option<Timestamp>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

impl BidRecord {
    /// Submitted by the supplier through the portal: its answers are final,
    /// and nobody else may change them.
    pub fn submitted_through_portal(&self) -> bool {
        self.status == BidStatus::Submitted && self.source == Some(BidSource::Portal)
    }
}

/// A bid's answer to one requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    pub code: RequirementCode,
    /// `None` while a portal draft leaves it blank.
    pub answer: Option<Answer>,
    pub comment: String,
    pub evidence_ref: String,
}

/// An evaluator's override of one requirement's score, with who decided
/// it, when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideRecord {
    pub code: RequirementCode,
    pub score: u32,
    pub justification: String,
    pub decided_by: UserId,
    pub decided_at: Timestamp,
}

/// A link to the supplier portal for one bid. Its secret is not here: only
/// its hash is ever stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalLinkRecord {
    pub id: String,
    pub bid_id: BidId,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
}

impl PortalLinkRecord {
    /// Neither revoked nor expired at `now`.
    pub fn is_usable(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// An evidence file a supplier attached to its bid, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidFileRecord {
    pub id: String,
    pub bid_id: BidId,
    /// The requirement it supports, or empty for the whole bid.
    pub code: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: Timestamp,
}

/// What the awarded supplier committed to on a project, recorded with the
/// award. Its certifications are a copy, so the commitment stays as it was
/// when the register changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRecord {
    pub project_id: ProjectId,
    pub bid_id: BidId,
    pub support_end: Option<Day>,
    pub patch_delay_days: Option<u32>,
    pub remote_access: String,
    pub certifications: Vec<CertificationRecord>,
    pub recorded_by: UserId,
    pub recorded_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_reads_back_from_its_id() {
        for source in BidSource::ALL {
            assert_eq!(BidSource::parse(source.id()), Some(source));
        }
        assert_eq!(BidSource::parse("email"), None);
    }

    #[test]
    fn a_portal_link_opens_until_it_expires_or_is_revoked() {
        let link = PortalLinkRecord {
            id: "link".into(),
            bid_id: BidId::from_uuid(uuid::Uuid::nil()),
            created_by: UserId::from_uuid(uuid::Uuid::nil()),
            created_at: Timestamp(0),
            expires_at: Timestamp(1_000),
            revoked_at: None,
            last_used_at: None,
        };
        assert!(link.is_usable(Timestamp(999)));
        assert!(!link.is_usable(Timestamp(1_000)));
        let revoked = PortalLinkRecord {
            revoked_at: Some(Timestamp(10)),
            ..link
        };
        assert!(!revoked.is_usable(Timestamp(500)));
    }
}
