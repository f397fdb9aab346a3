//! The organisation's side of risks: its matrix and appetite, which an
//! administrator sets, and the open risks of every project measured
//! against them.

use procura_domain::{
    AuditAction, Permission, RiskLevel, RiskMatrix, RiskSettings, Timestamp, UserId,
};
use procura_store::{risks, users};
use serde_json::json;

use super::register::RiskView;
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    pub async fn risk_settings(&self, principal: &Principal) -> Result<RiskSettings, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(risks::settings(&mut conn, principal.organisation_id).await?)
    }

    /// An administrator sets the organisation's matrix and appetite.
    pub async fn save_risk_settings(
        &self,
        principal: &Principal,
        matrix: &[String],
        appetite: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<RiskSettings, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let cells: Vec<&str> = matrix.iter().map(|cell| cell.trim()).collect();
        if cells.len() != 16 || cells.iter().any(|cell| RiskLevel::parse(cell).is_none()) {
            return Err(Invalid::RiskMatrix.into());
        }
        let matrix = RiskMatrix::from_ids(&cells.join(" ")).ok_or(Invalid::RiskMatrix)?;
        let appetite = RiskLevel::parse(appetite).ok_or(Invalid::RiskLevel)?;
        let settings = RiskSettings {
            matrix,
            appetite,
            version,
        };
        let mut tx = self.store().begin().await?;
        if !risks::put_settings(&mut tx, principal.organisation_id, &settings, now).await? {
            return Err(ServiceError::Conflict);
        }
        crate::audit::record(
            &mut tx,
            now,
            crate::audit::Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::RiskSettings,
                object: format!("organisation:{}", principal.organisation_id),
                detail: json!({ "matrix": settings.matrix.to_ids(), "appetite": appetite.id() }),
                actor: crate::audit::Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RiskSettings {
            version: version + 1,
            ..settings
        })
    }

    /// The open risks of every project the principal may see, with the
    /// organisation's settings.
    #[allow(clippy::type_complexity)]
    pub async fn risk_portfolio(
        &self,
        principal: &Principal,
    ) -> Result<
        (
            Vec<(RiskView, String, String)>,
            RiskSettings,
            Vec<(UserId, String)>,
        ),
        ServiceError,
    > {
        let mut conn = self.store().connection().await?;
        let people = users::members(&mut conn, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect();
        let settings = risks::settings(&mut conn, principal.organisation_id).await?;
        let viewer = (!principal.can(Permission::SeeAllProjects)).then_some(principal.user_id);
        let rows = risks::for_organisation(&mut conn, principal.organisation_id, viewer).await?;
        let mut views: Vec<(RiskView, String, String)> = rows
            .into_iter()
            .map(|(record, reference, title)| (RiskView::new(record, &settings), reference, title))
            .collect();
        views.sort_by(|a, b| {
            b.0.inherent
                .cmp(&a.0.inherent)
                .then(a.1.cmp(&b.1))
                .then(a.0.record.created_at.cmp(&b.0.record.created_at))
        });
        Ok((views, settings, people))
    }
}
