//! Invitations by one-time link: an administrator invites an address that
//! has no account yet, and its owner opens the link, chooses a password and
//! joins. The secret (256 bits) leaves the server once, in the answer to
//! the administrator — Procura sends no e-mail yet, so they pass it on —
//! and only its SHA-256 is stored. A link works once, before it expires;
//! wrong links are throttled per address like portal links.

use procura_domain::{
    AuditAction, Email, InvitationId, InvitationLinkRecord, Name, Permission, Role, Timestamp,
    UserId,
};
use procura_store::invitation_links::{self, NewInvitationLink};
use procura_store::users::PasswordChange;
use procura_store::{Connection, throttle, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::auth::open_session;
use crate::secret::{digest, new_uuid, random_hex};
use crate::{NewSession, Principal, ServiceError, Services, password};

/// How long an invitation link works.
pub const INVITATION_LINK_DAYS: i64 = 7;
/// Wrong links tried from one address before the back-off starts.
const LINK_FREE_FAILURES: i64 = 10;
const LINK_BACKOFF: throttle::Backoff = throttle::Backoff {
    free: LINK_FREE_FAILURES,
    max_block_seconds: 15 * 60,
};

/// A link just issued: `secret` is shown once, to the administrator, and
/// never again.
#[derive(Debug, Clone)]
pub struct IssuedInvitationLink {
    pub secret: String,
    pub record: InvitationLinkRecord,
}

/// Why an invitation link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationLinkRefusal {
    /// Never issued, already used, replaced or cancelled: they look the same.
    Unknown,
    Expired,
}

impl Services {
    /// Issues a link inviting `email`, which has no account, to join the
    /// caller's organisation. A link already sent to that address is
    /// replaced and stops working: an administrator who lost a link (it is
    /// shown once) simply invites again.
    pub(crate) async fn issue_invitation_link(
        &self,
        principal: &Principal,
        email: &Email,
        display_name: &Name,
        role: Role,
        now: Timestamp,
    ) -> Result<IssuedInvitationLink, ServiceError> {
        let secret = random_hex(32)?;
        let id = InvitationId::from_uuid(new_uuid()?);
        let organisation = principal.organisation_id;
        let mut tx = self.store().begin().await?;
        let replaced = invitation_links::find_for_address(&mut tx, organisation, email).await?;
        if let Some(previous) = &replaced {
            invitation_links::delete(&mut tx, organisation, previous.id).await?;
        }
        let expires_at = now.plus_seconds(INVITATION_LINK_DAYS * 86_400);
        invitation_links::insert(
            &mut tx,
            &NewInvitationLink {
                id,
                organisation_id: organisation,
                email,
                display_name: display_name.as_str(),
                role,
                invited_by: principal.user_id,
                created_at: now,
                expires_at,
            },
            &digest(&secret),
        )
        .await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(organisation),
                action: AuditAction::UserInvite,
                object: format!("invitation:{id}"),
                detail: json!({
                    "email": email.as_str(),
                    "role": role.id(),
                    "invitation": id.to_string(),
                    "link": true,
                    "expires_at": expires_at.millis(),
                    "replaced": replaced.map(|previous| previous.id.to_string()),
                }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        let record_ = invitation_links::find(&mut tx, organisation, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok(IssuedInvitationLink {
            secret,
            record: record_,
        })
    }

    /// The links the caller's organisation sent that nobody used yet.
    pub async fn invitation_links(
        &self,
        principal: &Principal,
    ) -> Result<Vec<InvitationLinkRecord>, ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut conn = self.store().connection().await?;
        Ok(invitation_links::for_organisation(&mut conn, principal.organisation_id).await?)
    }

    /// An administrator withdraws a link of their organisation: it stops working.
    pub async fn cancel_invitation_link(
        &self,
        principal: &Principal,
        id: InvitationId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageUsers)?;
        let mut tx = self.store().begin().await?;
        let link = invitation_links::find(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        // Used or withdrawn meanwhile: nothing to do.
        if !invitation_links::delete(&mut tx, principal.organisation_id, id).await? {
            return Err(ServiceError::NotFound);
        }
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::UserInvitationCancel,
                object: format!("invitation:{id}"),
                detail: json!({
                    "email": link.email.as_str(),
                    "role": link.role.id(),
                    "invitation": id.to_string(),
                    "link": true,
                }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What a link offers, for the page its owner opens: who invites them,
    /// where, as what.
    pub async fn open_invitation_link(
        &self,
        secret: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<Result<InvitationLinkRecord, InvitationLinkRefusal>, ServiceError> {
        let mut conn = self.store().connection().await?;
        usable_link(&mut conn, secret, address, now).await
    }

    /// The link's owner chooses their password: the account is created with
    /// it (nothing more to change), joins the inviting organisation with the
    /// role offered, and is signed in. The link is used up.
    pub async fn accept_invitation_link(
        &self,
        secret: &str,
        new_password: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<Result<NewSession, InvitationLinkRefusal>, ServiceError> {
        let link = {
            let mut conn = self.store().connection().await?;
            match usable_link(&mut conn, secret, address, now).await? {
                Ok(link) => link,
                Err(refusal) => return Ok(Err(refusal)),
            }
        };
        password::check_policy(new_password, link.email.as_str())?;
        let hash = password::hash(new_password.to_owned()).await?;
        let mut tx = self.store().begin().await?;
        // Of two uses at the same moment, only one deletes the link.
        if !invitation_links::delete(&mut tx, link.organisation_id, link.id).await? {
            return Ok(Err(InvitationLinkRefusal::Unknown));
        }
        let user = UserId::from_uuid(new_uuid()?);
        // An account made for this address since the link was sent is
        // refused here as a duplicate e-mail, and the link stays unused.
        users::insert(
            &mut tx,
            &users::NewUser {
                id: user,
                email: &link.email,
                display_name: &link.display_name,
                password_hash: &hash,
                password_change: PasswordChange::NotRequired,
                superadmin: false,
                now,
            },
        )
        .await?;
        users::add_membership(&mut tx, link.organisation_id, user, link.role, now).await?;
        let session = open_session(&mut tx, user, link.organisation_id, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(link.organisation_id),
                action: AuditAction::UserInvitationAccept,
                object: format!("user:{user}"),
                detail: json!({
                    "email": link.email.as_str(),
                    "role": link.role.id(),
                    "invitation": link.id.to_string(),
                    "link": true,
                    "new_account": true,
                    "address": address,
                }),
                actor: Actor::User(&session.principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(session))
    }
}

/// The usable link a secret opens. The attempt is counted per address
/// before the secret is looked up, so guesses sent at the same moment
/// cannot all be tried; a usable link gives its attempt back.
async fn usable_link(
    conn: &mut impl Connection,
    secret: &str,
    address: &str,
    now: Timestamp,
) -> Result<Result<InvitationLinkRecord, InvitationLinkRefusal>, ServiceError> {
    let key = format!("invitation-link:{address}");
    if throttle::reserve(conn, &key, LINK_BACKOFF, now)
        .await?
        .is_none()
    {
        return Err(crate::auth::rate_limited(conn, &key, now).await?);
    }
    let well_formed = secret.len() == 64 && secret.chars().all(|c| c.is_ascii_hexdigit());
    let link = if well_formed {
        invitation_links::find_by_hash(conn, &digest(&secret.to_ascii_lowercase())).await?
    } else {
        None
    };
    Ok(match link {
        None => Err(InvitationLinkRefusal::Unknown),
        Some(link) if !link.is_usable(now) => Err(InvitationLinkRefusal::Expired),
        Some(link) => {
            throttle::release(conn, &key).await?;
            Ok(link)
        }
    })
}
