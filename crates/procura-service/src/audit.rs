//! Recording changes in the audit log, and reading it back.

use procura_domain::{
    AuditAction, AuditEntry, AuditFilter, AuditVerification, OrganisationId, Permission, Timestamp,
};
use procura_store::Tx;
use procura_store::audit::{self, NewEntry};
use serde_json::Value;

use crate::{Principal, ServiceError, Services};

/// Who did something.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    User(&'a Principal),
    /// Someone at the server's command line.
    Cli,
    /// Someone not signed in, named by what they typed (a failed sign-in).
    Anonymous(&'a str),
    /// A supplier through a portal link, named by the link's id.
    Portal(&'a str),
}

pub(crate) struct Change<'a> {
    pub organisation: Option<OrganisationId>,
    pub action: AuditAction,
    pub object: String,
    pub detail: Value,
    pub actor: Actor<'a>,
}

/// Appends the change to the log inside the caller's transaction.
pub(crate) async fn record(
    tx: &mut Tx,
    now: Timestamp,
    change: Change<'_>,
) -> Result<(), ServiceError> {
    let (actor_id, actor) = match change.actor {
        Actor::User(principal) => (Some(principal.user_id), principal.email.to_string()),
        Actor::Cli => (None, "cli".to_owned()),
        Actor::Anonymous(name) => (None, format!("anonymous:{name}")),
        Actor::Portal(link) => (None, format!("portal:{link}")),
    };
    audit::append(
        tx,
        NewEntry {
            at: now,
            organisation_id: change.organisation,
            actor_id,
            actor,
            action: change.action.id().to_owned(),
            object: change.object,
            detail: change.detail.to_string(),
        },
    )
    .await?;
    Ok(())
}

/// One page of the log, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub has_more: bool,
}

impl Services {
    pub const AUDIT_PAGE_SIZE: u32 = 50;

    /// The caller's organisation's log. `page` counts from 1.
    pub async fn audit_page(
        &self,
        principal: &Principal,
        filter: &AuditFilter,
        page: u32,
    ) -> Result<AuditPage, ServiceError> {
        principal.require(Permission::ViewAudit)?;
        let page = page.max(1);
        let size = i64::from(Self::AUDIT_PAGE_SIZE);
        let mut conn = self.store().connection().await?;
        let mut entries = audit::list(
            &mut conn,
            principal.organisation_id,
            filter,
            size + 1,
            (i64::from(page) - 1) * size,
        )
        .await?;
        let has_more = entries.len() as i64 > size;
        entries.truncate(Self::AUDIT_PAGE_SIZE as usize);
        Ok(AuditPage {
            entries,
            page,
            has_more,
        })
    }

    /// Every entry of the caller's organisation matching `filter`, for export.
    pub async fn audit_export(
        &self,
        principal: &Principal,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditEntry>, ServiceError> {
        principal.require(Permission::ViewAudit)?;
        let mut conn = self.store().connection().await?;
        Ok(audit::list(&mut conn, principal.organisation_id, filter, i64::MAX, 0).await?)
    }

    /// Walks the whole chain (all organisations): an operator's check.
    pub async fn audit_verify(&self) -> Result<AuditVerification, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(audit::verify(&mut conn).await?)
    }
}
