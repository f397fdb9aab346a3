//! A project's scoring rules: the credit each answer earns and whether a
//! partial answer fails an eligibility requirement. Changing them re-scores
//! every bid, since scores are computed on read.

use procura_domain::AuditAction;
use procura_domain::{ProjectId, ScoringRules, Timestamp};
use procura_store::bids;
use serde_json::json;

use super::registration::awarded;
use crate::{Invalid, Principal, ServiceError, Services};

/// The scoring rules as typed.
#[derive(Debug, Clone, Default)]
pub struct RulesInput {
    pub partial_fails_eligibility: bool,
    pub yes: String,
    pub partial: String,
    pub no: String,
}

fn percent(input: &str) -> Result<u32, Invalid> {
    input
        .trim()
        .trim_end_matches('%')
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|value| *value <= 100)
        .ok_or(Invalid::Percentage)
}

impl RulesInput {
    pub fn parse(&self) -> Result<ScoringRules, Invalid> {
        ScoringRules::new(
            self.partial_fails_eligibility,
            percent(&self.yes)?,
            percent(&self.partial)?,
            percent(&self.no)?,
        )
        .map_err(|_| Invalid::Percentage)
    }
}

impl Services {
    /// Saves the project's scoring rules if nobody changed them since
    /// `version` (0: the defaults).
    pub async fn save_scoring_rules(
        &self,
        principal: &Principal,
        project: ProjectId,
        version: i64,
        input: &RulesInput,
        now: Timestamp,
    ) -> Result<ScoringRules, ServiceError> {
        let rules = input.parse()?;
        let mut tx = self.store().begin().await?;
        let (_, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.evaluate {
            return Err(ServiceError::Forbidden);
        }
        if awarded(&mut tx, project).await? {
            return Err(Invalid::EvaluationClosed.into());
        }
        if !bids::save_rules(&mut tx, project, &rules, principal.user_id, now, version).await? {
            return Err(ServiceError::Conflict);
        }
        crate::timeline::log(
            &mut tx,
            principal,
            project,
            now,
            AuditAction::BidRules,
            json!({
                "partial_fails_eligibility": rules.partial_fails_eligibility,
                "yes": rules.yes, "partial": rules.partial, "no": rules.no,
                "version": version + 1,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(rules)
    }
}
