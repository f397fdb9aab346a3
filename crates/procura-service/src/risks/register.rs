//! A project's risk register as people read it: each risk with its levels
//! under the organisation's matrix, the reviews and the DPIA screening.

use procura_domain::{
    DpiaRecord, ProjectId, ProjectRecord, ReviewRecord, RiskId, RiskLevel, RiskRecord,
    RiskSettings, RiskStatus, ThreatGroup, UserId,
};
use procura_store::{Tx, risks, users};

use crate::{Principal, ServiceError, Services};

/// One risk with its levels under the organisation's matrix.
#[derive(Debug, Clone)]
pub struct RiskView {
    pub record: RiskRecord,
    pub inherent: RiskLevel,
    pub residual: Option<RiskLevel>,
    /// The residual (or, untreated, the inherent) level is above the appetite.
    pub above_appetite: bool,
}

impl RiskView {
    pub fn new(record: RiskRecord, settings: &RiskSettings) -> RiskView {
        let inherent = settings.matrix.level(record.likelihood, record.severity);
        let residual = match (record.residual_likelihood, record.residual_severity) {
            (Some(l), Some(s)) => Some(settings.matrix.level(l, s)),
            _ => None,
        };
        RiskView {
            above_appetite: residual.unwrap_or(inherent) > settings.appetite,
            record,
            inherent,
            residual,
        }
    }
}

/// A member of the organisation as a risk's owner field offers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerChoice {
    pub email: String,
    pub name: String,
}

/// A project's register, reviews and DPIA screening.
#[derive(Debug, Clone)]
pub struct RegisterView {
    pub project: ProjectRecord,
    pub risks: Vec<RiskView>,
    pub reviews: Vec<ReviewRecord>,
    pub reviewed_this_stage: bool,
    pub dpia: Option<DpiaRecord>,
    pub settings: RiskSettings,
    /// The organisation's members, then anyone a risk names as owner or
    /// acceptor who has left it since, with their e-mail address.
    pub people: Vec<(UserId, String)>,
    /// Who may own a risk: the organisation's members, by e-mail address.
    pub owners: Vec<OwnerChoice>,
    pub can_edit: bool,
    /// The project's CISO accepts residual risks.
    pub can_accept: bool,
}

impl RegisterView {
    pub fn email_of(&self, user: UserId) -> Option<&str> {
        self.people
            .iter()
            .find(|(id, _)| *id == user)
            .map(|(_, email)| email.as_str())
    }

    /// Open risks only: proposed and dismissed ones are not in the register.
    pub fn open(&self) -> impl Iterator<Item = &RiskView> {
        self.risks
            .iter()
            .filter(|risk| risk.record.status == RiskStatus::Open)
    }
}

impl Services {
    async fn register_view(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        project: ProjectRecord,
        can_edit: bool,
        can_accept: bool,
    ) -> Result<RegisterView, ServiceError> {
        let settings = risks::settings(tx, principal.organisation_id).await?;
        let mut records = risks::for_project(tx, project.id).await?;
        // Starter risks share their creation time: the catalogue's order then.
        records.sort_by_key(|risk| {
            (
                risk.created_at,
                ThreatGroup::ALL
                    .iter()
                    .position(|group| *group == risk.threat_group),
            )
        });
        let reviews = risks::reviews(tx, project.id).await?;
        let dpia = risks::dpia(tx, project.id).await?;
        let members = users::members(tx, principal.organisation_id).await?;
        let owners = members
            .iter()
            .map(|member| OwnerChoice {
                email: member.user.email.to_string(),
                name: member.user.display_name.clone(),
            })
            .collect();
        let mut people: Vec<(UserId, String)> = members
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect();
        let mut named: Vec<UserId> = Vec::new();
        for risk in &records {
            named.extend(risk.owner_id);
            named.extend(risk.accepted_by);
        }
        for user in named {
            if people.iter().any(|(id, _)| *id == user) {
                continue;
            }
            if let Some(former) = users::find(tx, user).await? {
                people.push((user, former.email.to_string()));
            }
        }
        Ok(RegisterView {
            reviewed_this_stage: reviews.iter().any(|review| review.stage == project.stage),
            risks: records
                .into_iter()
                .map(|record| RiskView::new(record, &settings))
                .collect(),
            reviews,
            dpia,
            settings,
            people,
            owners,
            project,
            can_edit,
            can_accept,
        })
    }

    pub async fn register(
        &self,
        principal: &Principal,
        project: ProjectId,
    ) -> Result<RegisterView, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        let view = self
            .register_view(
                &mut tx,
                principal,
                record,
                rights.edit_risks,
                rights.accept_risks,
            )
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// One risk with its project's register.
    pub async fn risk(
        &self,
        principal: &Principal,
        id: RiskId,
    ) -> Result<(RiskView, RegisterView), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let record = risks::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (project, _, rights) = self.visible(&mut tx, principal, record.project_id).await?;
        let view = self
            .register_view(
                &mut tx,
                principal,
                project,
                rights.edit_risks,
                rights.accept_risks,
            )
            .await?;
        tx.commit().await?;
        let risk = view
            .risks
            .iter()
            .find(|risk| risk.record.id == id)
            .cloned()
            .ok_or(ServiceError::NotFound)?;
        Ok((risk, view))
    }
}

#[cfg(test)]
mod tests {
    use procura_catalog::Catalog;
    use procura_domain::{ProcurementType, Step, Timestamp};

    use super::*;
    use crate::risks::starter_risks;
    use crate::secret::new_uuid;

    fn catalog() -> &'static Catalog {
        procura_catalog::builtin().expect("catalogue")
    }

    #[test]
    fn residual_above_appetite_is_flagged() {
        let settings = RiskSettings::default();
        let base = starter_risks(
            catalog(),
            ProjectId::from_uuid(new_uuid().expect("uuid")),
            &[ProcurementType::MedicalDevices],
            Timestamp(0),
        )
        .expect("risks")
        .remove(0);
        let inherent = RiskView::new(base.clone(), &settings);
        assert_eq!(inherent.inherent, RiskLevel::High);
        assert!(inherent.above_appetite);
        let treated = RiskView::new(
            RiskRecord {
                residual_likelihood: Step::new(1),
                residual_severity: Step::new(2),
                ..base
            },
            &settings,
        );
        assert_eq!(treated.residual, Some(RiskLevel::Low));
        assert!(!treated.above_appetite);
    }
}
