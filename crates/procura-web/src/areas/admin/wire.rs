//! The wire types of the administration API: members and invitations,
//! organisations, and pages of the audit log.

use procura_domain::InvitationLinkRecord;
use procura_domain::InvitationRecord;
use procura_domain::MemberRecord;
use procura_domain::OrganisationRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::areas::admin::audit_log::EntryJson;

#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
}

impl From<MemberRecord> for Member {
    fn from(member: MemberRecord) -> Self {
        Member {
            id: member.user.id.to_string(),
            email: member.user.email.to_string(),
            display_name: member.user.display_name,
            role: member.role.id().to_owned(),
        }
    }
}

/// An invitation sent to an account of another organisation: the person
/// becomes a member only when they accept it on their account page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invitation {
    pub id: String,
    pub user_id: String,
    pub email: String,
    pub role: String,
    pub invited_by: String,
    pub created_at: i64,
}

impl From<InvitationRecord> for Invitation {
    fn from(invitation: InvitationRecord) -> Self {
        Invitation {
            id: invitation.id.to_string(),
            user_id: invitation.user_id.to_string(),
            email: invitation.email.to_string(),
            role: invitation.role.id().to_owned(),
            invited_by: invitation.inviter_email.to_string(),
            created_at: invitation.created_at.millis(),
        }
    }
}

/// A one-time link inviting an address that has no account: its owner opens
/// it, chooses their own password and joins. Procura sends no e-mail yet:
/// pass `url` on yourself; it is in this response only.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationLink {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub invited_by: String,
    pub created_at: i64,
    /// When the link stops working (Unix milliseconds).
    pub expires_at: i64,
    /// The link to pass on; it works once. Only its hash is stored.
    pub url: String,
}

impl InvitationLink {
    pub fn new(record: InvitationLinkRecord, url: String) -> InvitationLink {
        InvitationLink {
            id: record.id.to_string(),
            email: record.email.to_string(),
            display_name: record.display_name,
            role: record.role.id().to_owned(),
            invited_by: record.inviter_email.to_string(),
            created_at: record.created_at.millis(),
            expires_at: record.expires_at.millis(),
            url,
        }
    }
}

/// An invitation waiting for its answer: to an account of another
/// organisation, or a one-time link for a new address.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum PendingInvitation {
    Account(Invitation),
    Link(InvitationLink),
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub email: String,
    /// Required for a new account.
    #[serde(default)]
    pub display_name: String,
    /// `admin`, `ciso`, `cio`, `cto`, `it`, `buyer` or `viewer`.
    pub role: String,
    /// The initial password of a new account (at least 12 characters), which
    /// its owner must change at their first sign-in. Without one, a new
    /// address gets a one-time invitation link instead (202), through which
    /// its owner chooses their own password.
    #[serde(default)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    /// Send it back when renaming; a stale version gets 409.
    pub version: i64,
    pub created_at: i64,
}

impl From<OrganisationRecord> for Organisation {
    fn from(record: OrganisationRecord) -> Self {
        Organisation {
            id: record.id.to_string(),
            name: record.name,
            version: record.version,
            created_at: record.created_at.millis(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRename {
    pub name: String,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<EntryJson>,
    pub page: u32,
    pub has_more: bool,
}
