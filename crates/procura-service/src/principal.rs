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
    pub role: Role,
    pub superadmin: bool,
    pub lang: Option<Lang>,
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

    /// The session's CSRF token; `None` for API tokens, which need none.
    pub fn csrf_token(&self) -> Option<&str> {
        match &self.auth {
            AuthMethod::Session { csrf_token, .. } => Some(csrf_token),
            AuthMethod::Token { .. } => None,
        }
    }
}
