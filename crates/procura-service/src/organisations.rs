//! Organisations: the ones a user belongs to, and instance operators
//! creating and renaming them.

use procura_domain::{
    AuditAction, Name, OrganisationId, OrganisationRecord, Permission, Role, Timestamp,
};
use procura_store::{organisations, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    /// The organisations the caller belongs to, with their role in each.
    pub async fn my_organisations(
        &self,
        principal: &Principal,
    ) -> Result<Vec<(OrganisationRecord, Role)>, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(users::memberships_of(&mut conn, principal.user_id).await?)
    }

    /// The members of the caller's organisation (id and e-mail), for choosing
    /// owners and stakeholders; any member may see who their colleagues are.
    pub async fn my_colleagues(
        &self,
        principal: &Principal,
    ) -> Result<Vec<(procura_domain::UserId, String)>, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(users::members(&mut conn, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect())
    }

    /// Every organisation of the instance (operators only).
    pub async fn organisations(
        &self,
        principal: &Principal,
    ) -> Result<Vec<OrganisationRecord>, ServiceError> {
        principal.require(Permission::ManageOrganisations)?;
        let mut conn = self.store().connection().await?;
        Ok(organisations::list(&mut conn).await?)
    }

    pub async fn organisation(
        &self,
        principal: &Principal,
        id: OrganisationId,
    ) -> Result<OrganisationRecord, ServiceError> {
        principal.require(Permission::ManageOrganisations)?;
        let mut conn = self.store().connection().await?;
        organisations::find(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Creates an organisation; the operator becomes its administrator so
    /// that someone can add its first users.
    pub async fn create_organisation(
        &self,
        principal: &Principal,
        name: &str,
        now: Timestamp,
    ) -> Result<OrganisationRecord, ServiceError> {
        principal.require(Permission::ManageOrganisations)?;
        let name = Name::parse(name).map_err(|_| Invalid::OrganisationName)?;
        let id = OrganisationId::from_uuid(new_uuid()?);
        let mut tx = self.store().begin().await?;
        organisations::insert(&mut tx, id, &name, now).await?;
        users::add_membership(&mut tx, id, principal.user_id, Role::Admin, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(id),
                action: AuditAction::OrganisationCreate,
                object: format!("organisation:{id}"),
                detail: json!({ "name": name.as_str() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let created = organisations::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(created)
    }

    /// Renames an organisation if nobody changed it since `version`.
    /// Sets the time zone of the caller's organisation, in which its pages
    /// and documents show times; an administrator's choice, logged.
    pub async fn set_time_zone(
        &self,
        principal: &Principal,
        zone: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let zone = procura_domain::TimeZone::parse(zone).ok_or(Invalid::TimeZone)?;
        let mut tx = self.store().begin().await?;
        if !organisations::set_time_zone(&mut tx, principal.organisation_id, zone).await? {
            return Err(ServiceError::NotFound);
        }
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::OrganisationTimeZone,
                object: format!("organisation:{}", principal.organisation_id),
                detail: json!({ "from": principal.time_zone.id(), "to": zone.id() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        self.token_cache().forget_all();
        Ok(())
    }

    pub async fn rename_organisation(
        &self,
        principal: &Principal,
        id: OrganisationId,
        name: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<OrganisationRecord, ServiceError> {
        principal.require(Permission::ManageOrganisations)?;
        let name = Name::parse(name).map_err(|_| Invalid::OrganisationName)?;
        let mut tx = self.store().begin().await?;
        let before = organisations::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !organisations::rename(&mut tx, id, &name, version).await? {
            return Err(ServiceError::Conflict);
        }
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(id),
                action: AuditAction::OrganisationRename,
                object: format!("organisation:{id}"),
                detail: json!({ "from": before.name, "to": name.as_str() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let updated = organisations::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        self.token_cache().forget_all();
        Ok(updated)
    }
}
