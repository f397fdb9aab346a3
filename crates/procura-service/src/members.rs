//! An administrator managing the people of their organisation.

use procura_domain::{Email, Name, Permission, Role, Timestamp, UserId};
use procura_store::users::{self, MemberRecord};
use procura_store::{Tx, sessions};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services, password};

/// A person to add to the organisation. An existing account (from another
/// organisation) only gains a membership; its password is left alone.
#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    /// The initial password for a new account.
    pub password: &'a str,
}

impl Services {
    pub async fn members(&self, principal: &Principal) -> Result<Vec<MemberRecord>, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut conn = self.store().connection().await?;
        Ok(users::members(&mut conn, principal.organisation_id).await?)
    }

    /// One member of the caller's organisation; users of other organisations are `NotFound`.
    pub async fn member(
        &self,
        principal: &Principal,
        user: UserId,
    ) -> Result<MemberRecord, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut conn = self.store().connection().await?;
        users::find_member(&mut conn, principal.organisation_id, user)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    pub async fn add_member(
        &self,
        principal: &Principal,
        new: NewMember<'_>,
        now: Timestamp,
    ) -> Result<MemberRecord, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let email = Email::parse(new.email).map_err(|_| Invalid::Email)?;
        let existing = {
            let mut conn = self.store().connection().await?;
            users::find_by_email(&mut conn, &email).await?
        };
        let created = existing.is_none();
        let password_hash = if created {
            Name::parse(new.display_name).map_err(|_| Invalid::Name)?;
            password::check_policy(new.password, email.as_str())?;
            Some(password::hash(new.password.to_owned()).await?)
        } else {
            None
        };
        let mut tx = self.store().begin().await?;
        let user = match (&existing, &password_hash) {
            (Some(user), _) => user.id,
            (None, Some(hash)) => {
                let id = UserId::from_uuid(new_uuid()?);
                let display_name = Name::parse(new.display_name).map_err(|_| Invalid::Name)?;
                users::insert(
                    &mut tx,
                    &users::NewUser {
                        id,
                        email: &email,
                        display_name: display_name.as_str(),
                        password_hash: hash,
                        superadmin: false,
                        now,
                    },
                )
                .await?;
                id
            }
            (None, None) => {
                return Err(ServiceError::Internal(
                    "new account without a password".into(),
                ));
            }
        };
        users::add_membership(&mut tx, principal.organisation_id, user, new.role, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: "user.add",
                object: format!("user:{user}"),
                detail: json!({ "email": email.as_str(), "role": new.role.id(), "new_account": created }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let member = users::find_member(&mut tx, principal.organisation_id, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(member)
    }

    pub async fn change_role(
        &self,
        principal: &Principal,
        user: UserId,
        role: Role,
        now: Timestamp,
    ) -> Result<MemberRecord, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut tx = self.store().begin().await?;
        let member = users::find_member(&mut tx, principal.organisation_id, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if member.role == Role::Admin && role != Role::Admin {
            ensure_another_admin(&mut tx, principal).await?;
        }
        users::set_role(&mut tx, principal.organisation_id, user, role).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: "user.change_role",
                object: format!("user:{user}"),
                detail: json!({ "email": member.user.email.as_str(), "from": member.role.id(), "to": role.id() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let updated = users::find_member(&mut tx, principal.organisation_id, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Removes the user from the organisation (their account stays for their
    /// other organisations) and ends their sessions.
    pub async fn remove_member(
        &self,
        principal: &Principal,
        user: UserId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut tx = self.store().begin().await?;
        let member = users::find_member(&mut tx, principal.organisation_id, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if member.role == Role::Admin {
            ensure_another_admin(&mut tx, principal).await?;
        }
        users::remove_membership(&mut tx, principal.organisation_id, user).await?;
        sessions::delete_for_user(&mut tx, user).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: "user.remove",
                object: format!("user:{user}"),
                detail: json!({ "email": member.user.email.as_str(), "role": member.role.id() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn ensure_another_admin(tx: &mut Tx, principal: &Principal) -> Result<(), ServiceError> {
    if users::count_with_role(tx, principal.organisation_id, Role::Admin).await? <= 1 {
        return Err(ServiceError::Invalid(Invalid::LastAdmin));
    }
    Ok(())
}
