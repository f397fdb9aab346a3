//! The team's attestations on the register: its review in every stage,
//! which the phase gate asks for, and the DPIA screening (good practice 19).

use procura_domain::{
    AuditAction, DpiaCriterion, DpiaRecord, ProjectId, ReviewRecord, RiskStatus, Stage, TextField,
    Timestamp, dpia_required,
};
use procura_store::risks;
use serde_json::json;

use crate::secret::new_uuid;
use crate::timeline::log;
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    /// Records that the register was reviewed in the project's current
    /// stage, with what changed since the previous review.
    pub async fn review_risks(
        &self,
        principal: &Principal,
        project: ProjectId,
        note: &str,
        now: Timestamp,
    ) -> Result<ReviewRecord, ServiceError> {
        TextField::Comment.check(note.trim())?;
        let mut tx = self.store().begin().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_risks {
            return Err(ServiceError::Forbidden);
        }
        if record.stage == Stage::Closed {
            return Err(Invalid::ProjectClosed.into());
        }
        let since = risks::reviews(&mut tx, project)
            .await?
            .last()
            .map_or(Timestamp(i64::MIN), |review| review.reviewed_at);
        let all = risks::for_project(&mut tx, project).await?;
        let added = all.iter().filter(|r| r.created_at > since).count();
        let changed = all
            .iter()
            .filter(|r| r.created_at <= since && r.updated_at > since)
            .count();
        let open = all.iter().filter(|r| r.status == RiskStatus::Open).count();
        // The record is written in the reviewer's language, like a comment.
        let lang = principal.lang.unwrap_or(procura_domain::Lang::Fr);
        let counts = procura_i18n::text_with(
            lang,
            "risks-review-summary",
            &[
                ("open", open.into()),
                ("added", added.into()),
                ("changed", changed.into()),
            ],
        );
        let summary = if note.trim().is_empty() {
            counts
        } else {
            format!("{counts} {}", note.trim())
        };
        let review = ReviewRecord {
            id: new_uuid()?.to_string(),
            project_id: project,
            stage: record.stage,
            reviewed_by: principal.user_id,
            reviewed_at: now,
            summary,
        };
        risks::insert_review(&mut tx, &review).await?;
        log(
            &mut tx,
            principal,
            project,
            now,
            AuditAction::RiskReview,
            json!({ "stage": record.stage.id(), "open": open, "added": added, "changed": changed }),
        )
        .await?;
        tx.commit().await?;
        Ok(review)
    }

    /// Saves the DPIA screening: the criteria met, the result of the rule
    /// and the data protection officer's decision.
    pub async fn screen_dpia(
        &self,
        principal: &Principal,
        project: ProjectId,
        criteria: &[String],
        decision: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<DpiaRecord, ServiceError> {
        TextField::Decision.check(decision.trim())?;
        let mut met = Vec::new();
        for id in criteria {
            let criterion = DpiaCriterion::parse(id).ok_or(Invalid::DpiaCriterion)?;
            if !met.contains(&criterion) {
                met.push(criterion);
            }
        }
        met.sort();
        let mut tx = self.store().begin().await?;
        let (_, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_risks {
            return Err(ServiceError::Forbidden);
        }
        let record = DpiaRecord {
            project_id: project,
            required: dpia_required(&met),
            criteria: met,
            decision: decision.trim().to_owned(),
            decided_by: principal.user_id,
            decided_at: now,
            version: version + 1,
        };
        if !risks::put_dpia(&mut tx, &record, version).await? {
            return Err(ServiceError::Conflict);
        }
        log(
            &mut tx,
            principal,
            project,
            now,
            AuditAction::DpiaScreen,
            json!({
                "criteria": record.criteria.iter().map(|c| c.id()).collect::<Vec<_>>(),
                "required": record.required,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(record)
    }
}
