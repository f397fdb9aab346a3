//! What an evaluator enters by hand: the answers of a bid that came on paper
//! or by e-mail, and overrides of one requirement's score, each with a
//! written justification.

use procura_catalog::Catalog;
use procura_domain::{AuditAction, RequirementKind, score_grade};
use procura_domain::{BidId, BidRecord, BidSource, BidStatus, Override, OverrideRecord, Timestamp};
use procura_store::bids;
use serde_json::json;

use super::answers::{AnswerInput, check_answers, problems};
use crate::suppliers::bounded;
use crate::{Invalid, Principal, ServiceError, Services};

/// The highest grade of the published scale (4 on the default 0–4).
pub(crate) fn grading_max() -> Result<u32, ServiceError> {
    procura_catalog::requirement_library()
        .map(|library| library.grading.max())
        .map_err(|error| ServiceError::Internal(format!("requirement library: {error}")))
}

impl Services {
    /// An evaluator's entry of the answers (from a paper or e-mailed bid).
    /// Blank answers stay blank; unknown words are refused.
    pub async fn save_answers(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        version: i64,
        answers: &[AnswerInput],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (view, record_) = self
            .bid_for_evaluation(&mut tx, principal, catalog, bid)
            .await?;
        let numbered: Vec<(u32, AnswerInput)> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| (u32::try_from(i + 1).unwrap_or(u32::MAX), a.clone()))
            .collect();
        let mut records = check_answers(&view.criteria, &numbered, false).map_err(problems)?;
        // Answers to requirements not in this form are kept.
        for (code, kept) in &view.bid(bid).map(|b| b.answers.clone()).unwrap_or_default() {
            if !records.iter().any(|r| &r.code == code) {
                records.push(kept.clone());
            }
        }
        let saved = self
            .store_answers(
                &mut tx,
                principal,
                &view,
                &record_,
                Some(version),
                &records,
                BidSource::Manual,
                json!({}),
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Sets (or, with `score` `None`, removes) an evaluator's override.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_override(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        code: &str,
        score: Option<u32>,
        justification: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store().begin().await?;
        let (view, record_) = self
            .bid_for_evaluation(&mut tx, principal, catalog, bid)
            .await?;
        if record_.status == BidStatus::Awarded {
            return Err(Invalid::BidClosed.into());
        }
        let (code, kind) = view
            .criteria
            .iter()
            .find(|line| line.code.as_str() == code.trim())
            .map(|line| (line.code.clone(), line.kind))
            .ok_or(Invalid::UnknownRequirement)?;
        // An award criterion is graded on the published scale: its score
        // is one of the scale's steps.
        if kind == RequirementKind::Award
            && let Some(score) = score
        {
            let max = grading_max()?;
            score_grade(score, max).ok_or(Invalid::Grade)?;
        }
        let detail = match score {
            Some(score) => {
                bounded(justification, 2_000)?;
                let held = Override::new(score, justification).map_err(|error| match error {
                    procura_domain::InvalidOverride::Score => Invalid::Percentage,
                    procura_domain::InvalidOverride::Justification => {
                        Invalid::OverrideJustification
                    }
                })?;
                bids::put_override(
                    &mut tx,
                    bid,
                    &OverrideRecord {
                        code: code.clone(),
                        score: held.score,
                        justification: held.justification.clone(),
                        decided_by: principal.user_id,
                        decided_at: now,
                    },
                )
                .await?;
                let mut detail =
                    json!({ "score": held.score, "justification": held.justification });
                if kind == RequirementKind::Award {
                    let max = grading_max()?;
                    detail["grade"] = json!(score_grade(held.score, max));
                    detail["scale"] = json!(max);
                }
                detail
            }
            None => {
                if !bids::delete_override(&mut tx, bid, &code).await? {
                    return Err(ServiceError::NotFound);
                }
                json!({ "removed": true })
            }
        };
        let mut detail = detail;
        detail["bid"] = json!(bid.to_string());
        detail["supplier"] = json!(record_.supplier_name);
        detail["requirement"] = json!(code.as_str());
        crate::timeline::log(
            &mut tx,
            principal,
            record_.project_id,
            now,
            AuditAction::BidOverride,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
