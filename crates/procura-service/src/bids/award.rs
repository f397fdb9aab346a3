//! The award: the pure `check_award` rule decides whether the bid may win,
//! then the bid is marked and its supplier's commitments recorded in one
//! transaction, for the management phase.

use procura_catalog::Catalog;
use procura_domain::AuditAction;
use procura_domain::{
    AwardCandidate, BidId, BidRecord, BidSource, BidStatus, CommitmentRecord, Day, Timestamp,
    check_award,
};
use procura_store::bids;
use procura_store::suppliers;
use serde_json::json;

use crate::suppliers::{CertificationInput, bounded, certifications};
use crate::{Invalid, Principal, ServiceError, Services};

/// What the awarded supplier committed to, as typed.
#[derive(Debug, Clone, Default)]
pub struct CommitmentInput {
    pub support_end: String,
    pub patch_delay_days: String,
    pub remote_access: String,
    /// Empty: the supplier's certifications from the register.
    pub certifications: Vec<CertificationInput>,
}

impl Services {
    /// Awards the contract to an eligible bid and records what its
    /// supplier committed to, for the management phase.
    pub async fn award(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        version: i64,
        input: &CommitmentInput,
        now: Timestamp,
    ) -> Result<CommitmentRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let record_ = bids::find_bid(&mut tx, principal.organisation_id, bid)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let view = self
            .evaluation_in(&mut tx, principal, catalog, record_.project_id)
            .await?;
        if !view.can_award {
            return Err(ServiceError::Forbidden);
        }
        if record_.version != version {
            return Err(ServiceError::Conflict);
        }
        let scored = view.bid(bid).ok_or(ServiceError::NotFound)?;
        check_award(&AwardCandidate {
            contract_awarded: view.awarded(),
            status: record_.status,
            answered_through_portal: record_.source == Some(BidSource::Portal),
            eligible: scored.score.eligible,
            outdated: scored.outdated,
            unverified_exemptions: scored.score.to_verify.len(),
            ungraded: scored.score.to_grade.len(),
        })?;
        bounded(&input.remote_access, 2_000)?;
        let support_end = match input.support_end.trim() {
            "" => None,
            text => Some(Day::parse(text).ok_or(Invalid::Date)?),
        };
        let patch_delay_days = match input.patch_delay_days.trim() {
            "" => None,
            text => Some(
                text.parse::<u32>()
                    .ok()
                    .filter(|days| *days <= 3650)
                    .ok_or(Invalid::PatchDelay)?,
            ),
        };
        let mut listed = certifications(&input.certifications)?;
        if listed.is_empty() {
            listed =
                suppliers::find_supplier(&mut tx, principal.organisation_id, record_.supplier_id)
                    .await?
                    .map(|s| s.certifications)
                    .unwrap_or_default();
        }
        let commitments = CommitmentRecord {
            project_id: record_.project_id,
            bid_id: bid,
            support_end,
            patch_delay_days,
            remote_access: input.remote_access.trim().to_owned(),
            certifications: listed,
            recorded_by: principal.user_id,
            recorded_at: now,
        };
        let awarded = BidRecord {
            status: BidStatus::Awarded,
            updated_at: now,
            ..record_.clone()
        };
        // Two awards at once: the database's unique index lets one through.
        let second = |error: procura_store::StoreError| match ServiceError::from(error) {
            ServiceError::Duplicate(_) => ServiceError::Invalid(Invalid::AlreadyAwarded),
            other => other,
        };
        if !bids::update_bid(&mut tx, &awarded).await.map_err(second)? {
            return Err(ServiceError::Conflict);
        }
        bids::put_commitments(&mut tx, &commitments)
            .await
            .map_err(second)?;
        crate::timeline::log(
            &mut tx,
            principal,
            record_.project_id,
            now,
            AuditAction::BidAward,
            json!({
                "bid": bid.to_string(),
                "supplier": record_.supplier_name,
                "score": scored.score.score_text(),
                "support_end": commitments.support_end.map(|d| d.to_string()),
                "patch_delay_days": commitments.patch_delay_days,
                "remote_access": commitments.remote_access,
                "certifications": commitments.certifications.iter().map(|c| json!({
                    "name": c.name, "scope": c.scope,
                    "expires_on": c.expires_on.map(|d| d.to_string()),
                })).collect::<Vec<_>>(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(commitments)
    }
}
