//! Creating a project and editing its fields and people. Stakeholders are
//! named by e-mail among the organisation's members; naming or removing a
//! project CISO is refused to those who may not.

use procura_catalog::Catalog;
use procura_domain::{
    AuditAction, OrganisationId, Permission, ProjectId, ProjectRecord, ProjectRole, Stage,
    Timestamp, UserId, may_change_project_cisos,
};
use procura_store::{Tx, projects, users};
use serde_json::json;

use super::checklist::sync_checklist;
use super::input::ProjectInput;
use crate::secret::new_uuid;
use crate::timeline::log;
use crate::{Denial, Invalid, Principal, ServiceError, Services};

async fn resolve_stakeholders(
    tx: &mut Tx,
    organisation: OrganisationId,
    wanted: &[(String, String)],
) -> Result<Vec<(UserId, ProjectRole)>, ServiceError> {
    let members = users::members(tx, organisation).await?;
    let mut resolved = Vec::new();
    for (email, role) in wanted {
        if email.trim().is_empty() {
            continue;
        }
        let role = ProjectRole::parse(role).ok_or(Invalid::ProjectRole)?;
        let member = members
            .iter()
            .find(|m| m.user.email.as_str() == email.trim().to_lowercase())
            .ok_or(Invalid::UnknownMember)?;
        if !resolved.contains(&(member.user.id, role)) {
            resolved.push((member.user.id, role));
        }
    }
    Ok(resolved)
}

/// The holders of the project `ciso` role among stakeholders.
fn ciso_holders(stakeholders: impl IntoIterator<Item = (UserId, ProjectRole)>) -> Vec<UserId> {
    stakeholders
        .into_iter()
        .filter(|(_, role)| *role == ProjectRole::Ciso)
        .map(|(user, _)| user)
        .collect()
}

/// Refuses a change of the project's CISOs by someone who may not make it.
pub(crate) fn check_ciso_change(
    principal: &Principal,
    before: &[UserId],
    after: &[UserId],
) -> Result<(), ServiceError> {
    if may_change_project_cisos(principal.grants(), before, after) {
        Ok(())
    } else {
        Err(ServiceError::Denied(Denial::ProjectCiso))
    }
}

impl Services {
    pub async fn create_project(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        input: &ProjectInput,
        now: Timestamp,
    ) -> Result<ProjectRecord, ServiceError> {
        principal.require(Permission::CreateProjects)?;
        let parsed = input.parse().map_err(ServiceError::Fields)?;
        let id = ProjectId::from_uuid(new_uuid()?);
        let project = ProjectRecord {
            id,
            organisation_id: principal.organisation_id,
            reference: parsed.reference.clone(),
            title: parsed.title,
            description: parsed.description,
            procurement_types: parsed.procurement_types,
            estimated_value: parsed.estimated_value,
            currency: parsed.currency,
            cpv_codes: parsed.cpv_codes,
            sites: parsed.sites,
            special_category_data: parsed.special_category_data,
            stage: Stage::Planning,
            planned: parsed.planned,
            catalog_edition: catalog.edition.id.clone(),
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let mut tx = self.store().begin().await?;
        let stakeholders =
            resolve_stakeholders(&mut tx, principal.organisation_id, &input.stakeholders).await?;
        check_ciso_change(principal, &[], &ciso_holders(stakeholders.iter().copied()))?;
        projects::insert(&mut tx, &project).await?;
        projects::set_stakeholders(&mut tx, id, &stakeholders).await?;
        let (added, _) =
            sync_checklist(&mut tx, catalog, id, &project.procurement_types, now).await?;
        let starters = crate::risks::starter_risks(catalog, id, &project.procurement_types, now)?;
        for risk in &starters {
            procura_store::risks::insert(&mut tx, risk).await?;
        }
        log(
            &mut tx,
            principal,
            id,
            now,
            AuditAction::ProjectCreate,
            json!({
                "reference": project.reference.as_str(),
                "title": project.title,
                "items": added,
                "proposed_risks": starters.len(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(project)
    }

    /// Saves project fields if nobody changed the project since `version`.
    pub async fn update_project(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        id: ProjectId,
        input: &ProjectInput,
        version: i64,
        now: Timestamp,
    ) -> Result<ProjectRecord, ServiceError> {
        let parsed = input.parse().map_err(ServiceError::Fields)?;
        let mut tx = self.store().begin().await?;
        let (current, current_stakeholders, rights) = self.visible(&mut tx, principal, id).await?;
        if !rights.edit_project {
            return Err(ServiceError::Forbidden);
        }
        if current.version != version {
            return Err(ServiceError::Conflict);
        }
        let stakeholders =
            resolve_stakeholders(&mut tx, principal.organisation_id, &input.stakeholders).await?;
        check_ciso_change(
            principal,
            &ciso_holders(current_stakeholders.iter().map(|s| (s.user_id, s.role))),
            &ciso_holders(stakeholders.iter().copied()),
        )?;
        let types_changed = current.procurement_types != parsed.procurement_types;
        let updated = ProjectRecord {
            reference: parsed.reference.clone(),
            title: parsed.title,
            description: parsed.description,
            procurement_types: parsed.procurement_types,
            estimated_value: parsed.estimated_value,
            currency: parsed.currency,
            cpv_codes: parsed.cpv_codes,
            sites: parsed.sites,
            special_category_data: parsed.special_category_data,
            planned: parsed.planned,
            updated_at: now,
            ..current.clone()
        };
        if !projects::update(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        projects::set_stakeholders(&mut tx, id, &stakeholders).await?;
        let mut detail = json!({ "reference": updated.reference.as_str(), "title": updated.title });
        if types_changed {
            let (added, retired) =
                sync_checklist(&mut tx, catalog, id, &updated.procurement_types, now).await?;
            detail = json!({
                "reference": updated.reference.as_str(),
                "procurement_types": updated.procurement_types.iter().map(|t| t.id()).collect::<Vec<_>>(),
                "items_added": added,
                "items_retired": retired,
            });
        }
        log(
            &mut tx,
            principal,
            id,
            now,
            AuditAction::ProjectUpdate,
            detail,
        )
        .await?;
        let saved = projects::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }
}
