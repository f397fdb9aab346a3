//! Changing the register: adding risks, editing them, taking proposals in
//! or setting them aside, and the project CISO's acceptance of a residual
//! risk. Every change goes through one path that checks the right and the
//! version and logs it.

use procura_catalog::Catalog;
use procura_domain::{
    AuditAction, ProjectId, ProjectRecord, ProjectRights, RiskId, RiskRecord, RiskStatus, Step,
    TextField, ThreatGroup, Timestamp, UserId,
};
use procura_store::{Tx, risks, users};
use serde_json::json;

use super::input::{RiskInput, apply};
use crate::secret::new_uuid;
use crate::timeline::log;
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    /// Adds an open risk to the register.
    pub async fn add_risk(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        input: &RiskInput,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_risks {
            return Err(ServiceError::Forbidden);
        }
        let people = self.people(&mut tx, principal).await?;
        let base = RiskRecord {
            id: RiskId::from_uuid(new_uuid()?),
            project_id: project,
            status: RiskStatus::Open,
            threat_group: ThreatGroup::ALL[0],
            example: None,
            description: String::new(),
            asset: String::new(),
            likelihood: Step::ALL[0],
            severity: Step::ALL[0],
            treatment: None,
            owner_id: None,
            due_date: None,
            practices: Vec::new(),
            requirements: Vec::new(),
            residual_likelihood: None,
            residual_severity: None,
            accepted_by: None,
            accepted_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let risk = apply(
            catalog,
            input,
            &people,
            &record.procurement_types,
            base,
            true,
        )?;
        risks::insert(&mut tx, &risk).await?;
        log(
            &mut tx,
            principal,
            project,
            now,
            AuditAction::RiskAdd,
            json!({ "risk": risk.id.to_string(), "threat_group": risk.threat_group.id() }),
        )
        .await?;
        tx.commit().await?;
        Ok(risk)
    }

    async fn people(
        &self,
        tx: &mut Tx,
        principal: &Principal,
    ) -> Result<Vec<(UserId, String)>, ServiceError> {
        Ok(users::members(tx, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect())
    }

    async fn editable_risk(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        id: RiskId,
    ) -> Result<(RiskRecord, ProjectRecord, ProjectRights), ServiceError> {
        let risk = risks::find(tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (project, _, rights) = self.visible(tx, principal, risk.project_id).await?;
        Ok((risk, project, rights))
    }

    /// The one path every change of a risk takes: load it within the
    /// organisation, check the right and the version, let `change` build
    /// the new record, save it (a concurrent change makes this touch no
    /// row), and log `action` on the project's timeline and audit log.
    #[allow(clippy::too_many_arguments)]
    async fn change_risk(
        &self,
        principal: &Principal,
        id: RiskId,
        version: i64,
        may: fn(&ProjectRights) -> bool,
        action: AuditAction,
        reason: Option<&str>,
        now: Timestamp,
        change: impl FnOnce(
            RiskRecord,
            &ProjectRecord,
            &[(UserId, String)],
        ) -> Result<RiskRecord, ServiceError>,
    ) -> Result<RiskRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (current, project, rights) = self.editable_risk(&mut tx, principal, id).await?;
        if !may(&rights) {
            return Err(ServiceError::Forbidden);
        }
        if current.version != version {
            return Err(ServiceError::Conflict);
        }
        let mut people = self.people(&mut tx, principal).await?;
        // An owner who has left the organisation stays on the risk until
        // someone names another: saving the form unchanged keeps them.
        if let Some(owner) = current.owner_id
            && !people.iter().any(|(id, _)| *id == owner)
            && let Some(user) = users::find(&mut tx, owner).await?
        {
            people.push((owner, user.email.to_string()));
        }
        let updated = RiskRecord {
            updated_at: now,
            ..change(current, &project, &people)?
        };
        if !risks::update(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        log(
            &mut tx,
            principal,
            project.id,
            now,
            action,
            match reason {
                Some(reason) => {
                    json!({ "risk": id.to_string(), "status": updated.status.id(), "reason": reason })
                }
                None => json!({ "risk": id.to_string(), "status": updated.status.id() }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RiskRecord {
            version: version + 1,
            ..updated
        })
    }

    /// Saves a risk's fields if nobody changed it since `version`. An
    /// acceptance holds for the assessment accepted: any change of levels
    /// or treatment withdraws it.
    pub async fn update_risk(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        id: RiskId,
        input: &RiskInput,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let edit = |rights: &ProjectRights| rights.edit_risks;
        self.change_risk(
            principal,
            id,
            version,
            edit,
            AuditAction::RiskUpdate,
            None,
            now,
            |current, project, people| {
                let mut updated = apply(
                    catalog,
                    input,
                    people,
                    &project.procurement_types,
                    current.clone(),
                    false,
                )?;
                let assessment = |r: &RiskRecord| {
                    (
                        r.likelihood,
                        r.severity,
                        r.treatment,
                        r.residual_likelihood,
                        r.residual_severity,
                    )
                };
                if assessment(&updated) != assessment(&current) {
                    updated.accepted_by = None;
                    updated.accepted_at = None;
                }
                Ok(updated)
            },
        )
        .await
    }

    /// Takes a proposed risk into the register (`open`) or sets it aside
    /// (`dismissed`, with the reason, kept on the timeline); a change of
    /// status withdraws an acceptance.
    pub async fn set_risk_status(
        &self,
        principal: &Principal,
        id: RiskId,
        status: &str,
        version: i64,
        reason: &str,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let status = RiskStatus::parse(status)
            .filter(|status| *status != RiskStatus::Proposed)
            .ok_or(Invalid::RiskStatus)?;
        let reason = reason.trim();
        if status == RiskStatus::Dismissed && reason.is_empty() {
            return Err(Invalid::DismissReason.into());
        }
        TextField::Reason.check(reason)?;
        let reason = (!reason.is_empty()).then_some(reason);
        let edit = |rights: &ProjectRights| rights.edit_risks;
        self.change_risk(
            principal,
            id,
            version,
            edit,
            AuditAction::RiskStatus,
            reason,
            now,
            |current, _, _| {
                let withdrawn = status != current.status;
                Ok(RiskRecord {
                    status,
                    accepted_by: if withdrawn { None } else { current.accepted_by },
                    accepted_at: if withdrawn { None } else { current.accepted_at },
                    ..current
                })
            },
        )
        .await
    }

    /// The project's CISO accepts the residual risk.
    pub async fn accept_residual(
        &self,
        principal: &Principal,
        id: RiskId,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskRecord, ServiceError> {
        let accept = |rights: &ProjectRights| rights.accept_risks;
        self.change_risk(
            principal,
            id,
            version,
            accept,
            AuditAction::RiskAccept,
            None,
            now,
            |current, _, _| {
                if current.residual_likelihood.is_none() || current.status != RiskStatus::Open {
                    return Err(Invalid::ResidualMissing.into());
                }
                Ok(RiskRecord {
                    accepted_by: Some(principal.user_id),
                    accepted_at: Some(now),
                    ..current
                })
            },
        )
        .await
    }
}
