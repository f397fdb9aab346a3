//! The wire types of the administration API: members and invitations,
//! organisations, and pages of the audit log.

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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub email: String,
    /// Required for a new account.
    #[serde(default)]
    pub display_name: String,
    /// `admin`, `ciso`, `cio`, `cto`, `it`, `buyer` or `viewer`.
    pub role: String,
    /// The initial password of a new account (at least 12 characters).
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
