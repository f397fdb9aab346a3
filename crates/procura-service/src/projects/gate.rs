//! Moving a project through its stages: the project CISO's sign-off, the
//! phase gate, and an administrator's forced, reasoned transition.

use procura_domain::{
    AuditAction, ItemStatus, PracticeNumber, ProjectId, ProjectRecord, SignOffRecord, Stage,
    TextField, Timestamp, check_gate, check_sign_off,
};
use procura_store::{Tx, items, projects};
use serde_json::json;

use crate::timeline::log;
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    /// A CISO stakeholder signs off the project's current phase.
    pub async fn sign_off(
        &self,
        principal: &Principal,
        id: ProjectId,
        comment: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        TextField::Comment.check(comment.trim())?;
        let mut tx = self.store().begin().await?;
        let (project, _, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.sign_off {
            return Err(ServiceError::Forbidden);
        }
        let phase = project.stage.phase().ok_or(Invalid::ProjectClosed)?;
        // A sign-off vouches for a finished phase: its items settled and the
        // risk register reviewed during it.
        let items: Vec<(PracticeNumber, ItemStatus)> = items::for_project(&mut tx, id)
            .await?
            .into_iter()
            .filter(|item| !item.retired && item.phase == phase)
            .map(|item| (item.practice, item.status))
            .collect();
        let reviewed = procura_store::risks::reviews(&mut tx, id)
            .await?
            .iter()
            .any(|review| review.stage == project.stage);
        check_sign_off(&items, reviewed).map_err(ServiceError::SignOffRefused)?;
        if projects::sign_offs(&mut tx, id)
            .await?
            .iter()
            .any(|s| s.phase == phase)
        {
            return Err(ServiceError::Invalid(Invalid::AlreadySignedOff));
        }
        projects::insert_sign_off(
            &mut tx,
            id,
            &SignOffRecord {
                phase,
                signed_by: principal.user_id,
                signed_at: now,
                comment: comment.trim().to_owned(),
            },
        )
        .await?;
        log(
            &mut tx,
            principal,
            id,
            now,
            AuditAction::ProjectSignOff,
            json!({ "phase": phase.id(), "comment": comment.trim() }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Withdraws the sign-off of `item`'s phase after a change to the item,
    /// on the timeline, so the CISO signs again for what the phase is now.
    pub(crate) async fn withdraw_sign_off(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        item: &procura_domain::ItemRecord,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let signed = projects::sign_offs(tx, item.project_id)
            .await?
            .into_iter()
            .find(|sign_off| sign_off.phase == item.phase);
        let Some(signed) = signed else {
            return Ok(());
        };
        if projects::delete_sign_off(tx, item.project_id, item.phase).await? {
            log(
                tx,
                principal,
                item.project_id,
                now,
                AuditAction::ProjectSignOffWithdrawn,
                json!({
                    "phase": item.phase.id(),
                    "practice": item.practice.id(),
                    "item": item.id.to_string(),
                    "signed_by": signed.signed_by.to_string(),
                }),
            )
            .await?;
        }
        Ok(())
    }

    /// Moves the project to its next stage when the gate allows it.
    pub async fn advance(
        &self,
        principal: &Principal,
        id: ProjectId,
        now: Timestamp,
    ) -> Result<Stage, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (project, _, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.advance {
            return Err(ServiceError::Forbidden);
        }
        let phase = project.stage.phase();
        let items: Vec<(PracticeNumber, ItemStatus)> = items::for_project(&mut tx, id)
            .await?
            .into_iter()
            .filter(|item| !item.retired && Some(item.phase) == phase)
            .map(|item| (item.practice, item.status))
            .collect();
        let signed = projects::sign_offs(&mut tx, id)
            .await?
            .iter()
            .any(|s| Some(s.phase) == phase);
        let reviewed = procura_store::risks::reviews(&mut tx, id)
            .await?
            .iter()
            .any(|review| review.stage == project.stage);
        let next =
            check_gate(project.stage, &items, signed, reviewed).map_err(ServiceError::Gate)?;
        self.move_to(&mut tx, principal, project, next, None, now)
            .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// An administrator moves the project on whatever the gate says, with a reason.
    pub async fn force_advance(
        &self,
        principal: &Principal,
        id: ProjectId,
        reason: &str,
        now: Timestamp,
    ) -> Result<Stage, ServiceError> {
        let reason = TextField::Reason.check(reason.trim())?;
        if reason.is_empty() {
            return Err(ServiceError::Invalid(Invalid::ForceReason));
        }
        let mut tx = self.store().begin().await?;
        let (project, _, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.force {
            return Err(ServiceError::Forbidden);
        }
        let next = project.stage.next().ok_or(Invalid::ProjectClosed)?;
        self.move_to(&mut tx, principal, project, next, Some(reason), now)
            .await?;
        tx.commit().await?;
        Ok(next)
    }

    async fn move_to(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        project: ProjectRecord,
        next: Stage,
        forced: Option<&str>,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let from = project.stage;
        let moved = ProjectRecord {
            stage: next,
            updated_at: now,
            ..project
        };
        if !projects::update(tx, &moved).await? {
            return Err(ServiceError::Conflict);
        }
        let (action, detail) = match forced {
            Some(reason) => (
                AuditAction::ProjectForceAdvance,
                json!({ "from": from.id(), "to": next.id(), "reason": reason }),
            ),
            None => (
                AuditAction::ProjectAdvance,
                json!({ "from": from.id(), "to": next.id() }),
            ),
        };
        log(tx, principal, moved.id, now, action, detail).await
    }
}
