//! An administrator managing the people of their organisation.

use procura_domain::{
    AuditAction, Email, InvitationId, InvitationRecord, MemberRecord, Name, Permission, Role,
    Timestamp, Unique, UserId,
};
use procura_store::invitations::{self, NewInvitation};
use procura_store::users::PasswordChange;
use procura_store::{Tx, sessions, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::invitation_links::IssuedInvitationLink;
use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services, password};

/// A person to add to the organisation. A new address gets an account and
/// the membership, or a one-time link to create them; an existing account
/// (of another organisation) gets an invitation it accepts or declines, and
/// its password is left alone.
#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    /// How a new account gets its first password.
    pub first_password: FirstPassword<'a>,
}

/// How a new account gets its first password.
#[derive(Debug, Clone, Copy)]
pub enum FirstPassword<'a> {
    /// Typed by the administrator, who passes it on: its owner must change
    /// it at their first sign-in.
    Typed(&'a str),
    /// Chosen by its owner through a one-time invitation link.
    ByInvitationLink,
}

/// What adding a person did.
#[derive(Debug, Clone)]
pub enum Added {
    /// A new account, member at once.
    Member(MemberRecord),
    /// An account of another organisation, invited: a member only once they accept.
    Invited(InvitationRecord),
    /// A new address, invited by a one-time link: the account exists once
    /// its owner opens the link and chooses a password.
    Linked(IssuedInvitationLink),
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
    ) -> Result<Added, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let email = Email::parse(new.email).map_err(|_| Invalid::Email)?;
        let existing = {
            let mut conn = self.store().connection().await?;
            users::find_by_email(&mut conn, &email).await?
        };
        if let Some(user) = existing {
            // Nobody joins an organisation without saying yes.
            return self
                .invite(principal, user.id, &email, new.role, now)
                .await
                .map(Added::Invited);
        }
        let display_name = Name::parse(new.display_name).map_err(|_| Invalid::Name)?;
        let typed = match new.first_password {
            FirstPassword::Typed(typed) => typed,
            FirstPassword::ByInvitationLink => {
                return self
                    .issue_invitation_link(principal, &email, &display_name, new.role, now)
                    .await
                    .map(Added::Linked);
            }
        };
        password::check_policy(typed, email.as_str())?;
        let hash = password::hash(typed.to_owned()).await?;
        let mut tx = self.store().begin().await?;
        let user = UserId::from_uuid(new_uuid()?);
        users::insert(
            &mut tx,
            &users::NewUser {
                id: user,
                email: &email,
                display_name: display_name.as_str(),
                password_hash: &hash,
                // The administrator knows it: its owner replaces it first.
                password_change: PasswordChange::Required,
                superadmin: false,
                now,
            },
        )
        .await?;
        users::add_membership(&mut tx, principal.organisation_id, user, new.role, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::UserAdd,
                object: format!("user:{user}"),
                detail: json!({
                    "email": email.as_str(),
                    "role": new.role.id(),
                    "new_account": true,
                    "password_change_required": true,
                }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let member = users::find_member(&mut tx, principal.organisation_id, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(Added::Member(member))
    }

    async fn invite(
        &self,
        principal: &Principal,
        user: UserId,
        email: &Email,
        role: Role,
        now: Timestamp,
    ) -> Result<InvitationRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        if users::find_member(&mut tx, principal.organisation_id, user)
            .await?
            .is_some()
        {
            return Err(ServiceError::Duplicate(Unique::Membership));
        }
        if invitations::find_pending(&mut tx, principal.organisation_id, user)
            .await?
            .is_some()
        {
            return Err(ServiceError::Duplicate(Unique::Invitation));
        }
        let id = InvitationId::from_uuid(new_uuid()?);
        invitations::insert(
            &mut tx,
            &NewInvitation {
                id,
                organisation_id: principal.organisation_id,
                user_id: user,
                role,
                invited_by: principal.user_id,
                created_at: now,
            },
        )
        .await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::UserInvite,
                object: format!("user:{user}"),
                detail: json!({ "email": email.as_str(), "role": role.id(), "invitation": id.to_string() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let invitation = invitations::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(invitation)
    }

    /// The invitations the caller's organisation sent that wait for an answer.
    pub async fn invitations(
        &self,
        principal: &Principal,
    ) -> Result<Vec<InvitationRecord>, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut conn = self.store().connection().await?;
        Ok(invitations::for_organisation(&mut conn, principal.organisation_id).await?)
    }

    /// An administrator withdraws an invitation of their organisation.
    pub async fn cancel_invitation(
        &self,
        principal: &Principal,
        id: InvitationId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut tx = self.store().begin().await?;
        let invitation = invitations::find(&mut tx, id)
            .await?
            .filter(|found| found.organisation_id == principal.organisation_id)
            .ok_or(ServiceError::NotFound)?;
        // Answered or withdrawn meanwhile by someone else: nothing to do.
        if !invitations::delete(&mut tx, id).await? {
            return Err(ServiceError::NotFound);
        }
        record_answer(
            &mut tx,
            principal,
            &invitation,
            AuditAction::UserInvitationCancel,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The invitations addressed to the caller, from any organisation.
    pub async fn my_invitations(
        &self,
        principal: &Principal,
    ) -> Result<Vec<InvitationRecord>, ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let mut conn = self.store().connection().await?;
        Ok(invitations::for_user(&mut conn, principal.user_id).await?)
    }

    /// The caller joins the inviting organisation with the role offered.
    pub async fn accept_invitation(
        &self,
        principal: &Principal,
        id: InvitationId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let mut tx = self.store().begin().await?;
        let invitation = own_invitation(&mut tx, principal, id).await?;
        // Answered or withdrawn meanwhile by someone else: nothing to do.
        if !invitations::delete(&mut tx, id).await? {
            return Err(ServiceError::NotFound);
        }
        // An operator may have added them meanwhile: the membership stands as it is.
        if users::find_member(&mut tx, invitation.organisation_id, principal.user_id)
            .await?
            .is_none()
        {
            users::add_membership(
                &mut tx,
                invitation.organisation_id,
                principal.user_id,
                invitation.role,
                now,
            )
            .await?;
        }
        record_answer(
            &mut tx,
            principal,
            &invitation,
            AuditAction::UserInvitationAccept,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn decline_invitation(
        &self,
        principal: &Principal,
        id: InvitationId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let mut tx = self.store().begin().await?;
        let invitation = own_invitation(&mut tx, principal, id).await?;
        // Answered or withdrawn meanwhile by someone else: nothing to do.
        if !invitations::delete(&mut tx, id).await? {
            return Err(ServiceError::NotFound);
        }
        record_answer(
            &mut tx,
            principal,
            &invitation,
            AuditAction::UserInvitationDecline,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
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
                action: AuditAction::UserChangeRole,
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
        self.token_cache().forget_all();
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
                action: AuditAction::UserRemove,
                object: format!("user:{user}"),
                detail: json!({ "email": member.user.email.as_str(), "role": member.role.id() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        self.token_cache().forget_all();
        Ok(())
    }
}

/// An invitation addressed to the caller; anyone else's is `NotFound`.
async fn own_invitation(
    tx: &mut Tx,
    principal: &Principal,
    id: InvitationId,
) -> Result<InvitationRecord, ServiceError> {
    invitations::find(tx, id)
        .await?
        .filter(|found| found.user_id == principal.user_id)
        .ok_or(ServiceError::NotFound)
}

/// Logs what became of an invitation in the inviting organisation's trail.
async fn record_answer(
    tx: &mut Tx,
    principal: &Principal,
    invitation: &InvitationRecord,
    action: AuditAction,
    now: Timestamp,
) -> Result<(), ServiceError> {
    record(
        tx,
        now,
        Change {
            organisation: Some(invitation.organisation_id),
            action,
            object: format!("user:{}", invitation.user_id),
            detail: json!({
                "email": invitation.email.as_str(),
                "role": invitation.role.id(),
                "invitation": invitation.id.to_string(),
            }),
            actor: Actor::User(principal),
        },
    )
    .await
}

async fn ensure_another_admin(tx: &mut Tx, principal: &Principal) -> Result<(), ServiceError> {
    if users::count_with_role(tx, principal.organisation_id, Role::Admin).await? <= 1 {
        return Err(ServiceError::Invalid(Invalid::LastAdmin));
    }
    Ok(())
}
