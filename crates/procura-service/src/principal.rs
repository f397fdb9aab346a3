//! Who is making a request, in which organisation, with which role.

use procura_domain::{
    Email, Grants, Lang, OrganisationId, Permission, Role, Timestamp, TokenId, UserId, allows,
};

use crate::ServiceError;

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthMethod {
    /// A browser session; forms must carry `csrf_token`.
    Session {
        id_hash: String,
        csrf_token: String,
        created_at: Timestamp,
    },
    /// A personal API token sent as `Authorization: Bearer`.
    Token { token_id: TokenId },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub email: Email,
    pub display_name: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// Where the organisation's people work: times are shown there.
    pub time_zone: procura_domain::TimeZone,
    pub role: Role,
    pub superadmin: bool,
    pub lang: Option<Lang>,
    /// An administrator typed or reset the password: it must be replaced
    /// before anything else (see [`Principal::must_change_password`]).
    pub password_change_required: bool,
    pub auth: AuthMethod,
}

impl Principal {
    pub fn grants(&self) -> Grants {
        Grants {
            role: self.role,
            superadmin: self.superadmin,
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        allows(self.grants(), permission)
    }

    pub fn require(&self, permission: Permission) -> Result<(), ServiceError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }

    /// A browser session of someone who must first replace the password an
    /// administrator typed or reset: until they do, it may only show the
    /// account page, change the password and sign out. API tokens are not
    /// held back: only a signed-in session could have created them.
    pub fn must_change_password(&self) -> bool {
        self.password_change_required && matches!(self.auth, AuthMethod::Session { .. })
    }

    /// The session's CSRF token; `None` for API tokens, which need none.
    pub fn csrf_token(&self) -> Option<&str> {
        match &self.auth {
            AuthMethod::Session { csrf_token, .. } => Some(csrf_token),
            AuthMethod::Token { .. } => None,
        }
    }
}
