//! A project's checklist: the items the catalogue calls for, kept in step
//! with the project's types, and the changes people make to each item.

use procura_catalog::Catalog;
use procura_domain::{
    AuditAction, ItemId, ItemRecord, ItemStatus, ProcurementType, ProjectId, TextField, Timestamp,
};
use procura_store::{Tx, items, users};
use serde_json::json;

use super::input::parse_day;
use crate::secret::new_uuid;
use crate::timeline::log;
use crate::{Invalid, Principal, ServiceError, Services};

/// One change for several items: each field left `None` keeps every
/// item's own value (`due_date: Some(None)` removes the due dates).
#[derive(Debug, Clone, Default)]
pub struct BulkChange {
    pub status: Option<String>,
    /// E-mail of the owner, empty for none.
    pub owner: Option<String>,
    pub due_date: Option<Option<String>>,
}

/// A change to one checklist item.
#[derive(Debug, Clone, Default)]
pub struct ItemChange {
    pub status: String,
    pub justification: String,
    /// E-mail of the owner, empty for none.
    pub owner: String,
    pub due_date: Option<String>,
    pub notes: String,
    /// The version the person edited.
    pub version: i64,
}

/// Adds the items the types call for, retires those they no longer call
/// for, and brings back retired ones that apply again — keeping every
/// item's status, notes and evidence.
pub(crate) async fn sync_checklist(
    tx: &mut Tx,
    catalog: &Catalog,
    project: ProjectId,
    types: &[ProcurementType],
    now: Timestamp,
) -> Result<(usize, usize), ServiceError> {
    let wanted = catalog.checklist(types);
    let existing = items::for_project(tx, project).await?;
    let mut added = 0;
    let mut retired = 0;
    for (phase, practice) in &wanted {
        match existing
            .iter()
            .find(|item| item.phase == *phase && item.practice == *practice)
        {
            Some(item) if item.retired => {
                let revived = ItemRecord {
                    retired: false,
                    updated_at: now,
                    ..item.clone()
                };
                items::update(tx, &revived).await?;
                added += 1;
            }
            Some(_) => {}
            None => {
                items::insert(
                    tx,
                    &ItemRecord {
                        id: ItemId::from_uuid(new_uuid()?),
                        project_id: project,
                        phase: *phase,
                        practice: *practice,
                        status: ItemStatus::Todo,
                        justification: String::new(),
                        owner_id: None,
                        due_date: None,
                        notes: String::new(),
                        retired: false,
                        created_at: now,
                        updated_at: now,
                        version: 1,
                    },
                )
                .await?;
                added += 1;
            }
        }
    }
    for item in existing.iter().filter(|item| !item.retired) {
        if !wanted.contains(&(item.phase, item.practice)) {
            let gone = ItemRecord {
                retired: true,
                updated_at: now,
                ..item.clone()
            };
            items::update(tx, &gone).await?;
            retired += 1;
        }
    }
    Ok((added, retired))
}

impl Services {
    pub async fn update_item(
        &self,
        principal: &Principal,
        id: ItemId,
        change: &ItemChange,
        now: Timestamp,
    ) -> Result<ItemRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let saved = self
            .update_item_in(&mut tx, principal, id, change, now)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Applies one change to several items of a project at once — each
    /// checked, logged and versioned as if changed alone — or to none when
    /// any is refused.
    pub async fn update_items(
        &self,
        principal: &Principal,
        selected: &[(ItemId, i64)],
        bulk: &BulkChange,
        now: Timestamp,
    ) -> Result<usize, ServiceError> {
        if selected.is_empty() {
            return Err(Invalid::NothingSelected.into());
        }
        if bulk.status.is_none() && bulk.owner.is_none() && bulk.due_date.is_none() {
            return Err(Invalid::NothingToChange.into());
        }
        let mut tx = self.store().begin().await?;
        let members = users::members(&mut tx, principal.organisation_id).await?;
        for (id, version) in selected {
            let current = items::find(&mut tx, principal.organisation_id, *id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let owner = current
                .owner_id
                .and_then(|owner| members.iter().find(|m| m.user.id == owner))
                .map(|m| m.user.email.to_string())
                .unwrap_or_default();
            let change = ItemChange {
                status: bulk
                    .status
                    .clone()
                    .unwrap_or_else(|| current.status.id().to_owned()),
                justification: current.justification.clone(),
                owner: bulk.owner.clone().unwrap_or(owner),
                due_date: bulk
                    .due_date
                    .clone()
                    .unwrap_or_else(|| current.due_date.map(|d| d.to_string())),
                notes: current.notes.clone(),
                version: *version,
            };
            self.update_item_in(&mut tx, principal, *id, &change, now)
                .await?;
        }
        tx.commit().await?;
        Ok(selected.len())
    }

    async fn update_item_in(
        &self,
        tx: &mut Tx,
        principal: &Principal,
        id: ItemId,
        change: &ItemChange,
        now: Timestamp,
    ) -> Result<ItemRecord, ServiceError> {
        let status = ItemStatus::parse(&change.status).ok_or(Invalid::ItemStatus)?;
        let justification = TextField::Justification
            .check(change.justification.trim())?
            .to_owned();
        let notes = TextField::ItemNotes.check(change.notes.trim())?.to_owned();
        if status == ItemStatus::NotApplicable && justification.is_empty() {
            return Err(ServiceError::Invalid(Invalid::Justification));
        }
        let due_date = parse_day(&change.due_date)?;
        let current = items::find(tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (project, _, rights) = self.visible(tx, principal, current.project_id).await?;
        if !rights.edit_items {
            return Err(ServiceError::Forbidden);
        }
        if current.version != change.version {
            return Err(ServiceError::Conflict);
        }
        let owner = if change.owner.trim().is_empty() {
            None
        } else {
            let members = users::members(tx, principal.organisation_id).await?;
            let wanted = change.owner.trim().to_lowercase();
            Some(
                members
                    .iter()
                    .find(|m| m.user.email.as_str() == wanted || m.user.id.to_string() == wanted)
                    .ok_or(Invalid::UnknownMember)?
                    .user
                    .id,
            )
        };
        let updated = ItemRecord {
            status,
            justification,
            owner_id: owner,
            due_date,
            notes,
            updated_at: now,
            ..current.clone()
        };
        if !items::update(tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        if (updated.status, &updated.justification) != (current.status, &current.justification) {
            self.withdraw_sign_off(tx, principal, &updated, now).await?;
        }
        log(
            tx,
            principal,
            project.id,
            now,
            AuditAction::ItemUpdate,
            json!({
                "item": id.to_string(),
                "practice": current.practice.id(),
                "phase": current.phase.id(),
                "status": { "from": current.status.id(), "to": status.id() },
            }),
        )
        .await?;
        items::find(tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// The item as it is now, for a form shown again after a conflict.
    pub async fn item(
        &self,
        principal: &Principal,
        id: ItemId,
    ) -> Result<ItemRecord, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let item = items::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, item.project_id).await?;
        Ok(item)
    }
}
