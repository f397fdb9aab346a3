//! A project's timeline: every change to a project is an event there and
//! an entry in the audit log, written in the same transaction.

use procura_domain::{AuditAction, ProjectId, Timestamp};
use procura_store::Tx;
use procura_store::projects::{self, EventRecord};
use serde_json::Value;

use crate::audit::{Actor, Change, record};
use crate::secret::new_uuid;
use crate::{Principal, ServiceError};

fn event(
    actor: &Principal,
    now: Timestamp,
    action: AuditAction,
    detail: Value,
) -> Result<EventRecord, ServiceError> {
    Ok(EventRecord {
        id: new_uuid()?.to_string(),
        at: now.millis(),
        actor: actor.email.to_string(),
        kind: action.id().to_owned(),
        detail: detail.to_string(),
    })
}

/// Records the change in the project's timeline and in the audit log.
pub(crate) async fn log(
    tx: &mut Tx,
    principal: &Principal,
    project: ProjectId,
    now: Timestamp,
    action: AuditAction,
    detail: Value,
) -> Result<(), ServiceError> {
    projects::insert_event(tx, project, &event(principal, now, action, detail.clone())?).await?;
    record(
        tx,
        now,
        Change {
            organisation: Some(principal.organisation_id),
            action,
            object: format!("project:{project}"),
            detail,
            actor: Actor::User(principal),
        },
    )
    .await
}
