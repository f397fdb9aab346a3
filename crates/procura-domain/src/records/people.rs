//! People, the organisations they belong to, invitations to join one, and
//! their personal API tokens.

use crate::{Email, InvitationId, Lang, OrganisationId, Role, Timestamp, TokenId, UserId};

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub email: Email,
    pub display_name: String,
    pub password_hash: String,
    pub superadmin: bool,
    pub lang: Option<Lang>,
    /// The password was typed or reset by an administrator: its owner must
    /// replace it at their next sign-in before doing anything else.
    pub password_change_required: bool,
    pub created_at: Timestamp,
    pub version: i64,
}

/// A user as seen from one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRecord {
    pub user: UserRecord,
    pub role: Role,
}

/// A tenant: every project, supplier and setting belongs to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRecord {
    pub id: OrganisationId,
    pub name: String,
    /// Where its people work: pages and documents show times there.
    pub time_zone: crate::TimeZone,
    pub created_at: Timestamp,
    pub version: i64,
}

/// A pending invitation, with the names a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    pub id: InvitationId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub user_id: UserId,
    pub email: Email,
    pub role: Role,
    pub invited_by: UserId,
    pub inviter_email: Email,
    pub created_at: Timestamp,
}

/// An invitation to create an account, sent as a one-time link to an
/// address that has none yet. Only the SHA-256 of the link's secret is
/// stored, beside this record; accepting creates the account with the
/// password its owner chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationLinkRecord {
    pub id: InvitationId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub email: Email,
    /// The name the administrator gave; the account starts with it.
    pub display_name: String,
    pub role: Role,
    pub invited_by: UserId,
    pub inviter_email: Email,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

impl InvitationLinkRecord {
    pub fn is_usable(&self, now: Timestamp) -> bool {
        now < self.expires_at
    }
}

/// A personal API token. The secret is shown once and never kept; only its
/// hash is stored, beside this record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub id: TokenId,
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub name: String,
    /// The first characters of the secret, to recognise a token in a list.
    pub prefix: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
}

impl TokenRecord {
    pub fn is_usable(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|expiry| now < expiry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(expires_at: Option<i64>, revoked_at: Option<i64>) -> TokenRecord {
        TokenRecord {
            id: TokenId::from_uuid(uuid::Uuid::nil()),
            user_id: UserId::from_uuid(uuid::Uuid::nil()),
            organisation_id: OrganisationId::from_uuid(uuid::Uuid::nil()),
            name: "ci".to_owned(),
            prefix: "abcd".to_owned(),
            created_at: Timestamp(0),
            expires_at: expires_at.map(Timestamp),
            revoked_at: revoked_at.map(Timestamp),
            last_used_at: None,
        }
    }

    #[test]
    fn a_token_is_usable_until_it_expires_or_is_revoked() {
        let check = |expires, revoked, now, expected| {
            assert_eq!(
                token(expires, revoked).is_usable(Timestamp(now)),
                expected,
                "expires {expires:?}, revoked {revoked:?}, at {now}"
            );
        };
        check(None, None, 1_000, true);
        check(Some(2_000), None, 1_999, true);
        check(Some(2_000), None, 2_000, false);
        check(None, Some(500), 1_000, false);
    }
}
