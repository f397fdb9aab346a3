//! Use cases for the server's command line (`procura user …`), run by whoever
//! operates the instance; they are audit-logged with the actor `cli`.

use procura_domain::{
    AuditAction, Email, Name, OrganisationId, Role, Timestamp, TokenId, TokenRecord, UserId,
};
use procura_store::users::PasswordChange;
use procura_store::{organisations, sessions, tokens, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::auth::new_api_token;
use crate::secret::{digest, new_uuid, random_hex};
use crate::{Invalid, ServiceError, Services, password};

/// What `procura user add` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAdded {
    pub user: UserId,
    pub created_account: bool,
    pub created_organisation: bool,
    /// Set when no password was given: shown once to the operator.
    pub generated_password: Option<String>,
}

#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub secret: String,
    pub organisation: String,
}

/// A random password that passes the policy, for the operator to hand over.
fn generate_password() -> Result<String, ServiceError> {
    random_hex(12)
}

impl Services {
    pub async fn operator_add_user(
        &self,
        email: &str,
        organisation: &str,
        role: Role,
        password: Option<&str>,
        superadmin: bool,
        now: Timestamp,
    ) -> Result<UserAdded, ServiceError> {
        let email = Email::parse(email).map_err(|_| Invalid::Email)?;
        let organisation_name = Name::parse(organisation).map_err(|_| Invalid::OrganisationName)?;
        let generated_password = match password {
            Some(_) => None,
            None => Some(generate_password()?),
        };
        let chosen = password
            .or(generated_password.as_deref())
            .unwrap_or_default();
        password::check_policy(chosen, email.as_str())?;
        let hash = password::hash(chosen.to_owned()).await?;

        let mut tx = self.store().begin().await?;
        let (organisation_id, created_organisation) =
            match organisations::find_by_name(&mut tx, &organisation_name).await? {
                Some(found) => (found.id, false),
                None => {
                    let id = OrganisationId::from_uuid(new_uuid()?);
                    organisations::insert(&mut tx, id, &organisation_name, now).await?;
                    record(
                        &mut tx,
                        now,
                        Change {
                            organisation: Some(id),
                            action: AuditAction::OrganisationCreate,
                            object: format!("organisation:{id}"),
                            detail: json!({ "name": organisation_name.as_str() }),
                            actor: Actor::Cli,
                        },
                    )
                    .await?;
                    (id, true)
                }
            };
        let existing = users::find_by_email(&mut tx, &email).await?;
        let created_account = existing.is_none();
        let user = match existing {
            Some(user) => user.id,
            None => {
                let id = UserId::from_uuid(new_uuid()?);
                let display_name = email
                    .as_str()
                    .split('@')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                users::insert(
                    &mut tx,
                    &users::NewUser {
                        id,
                        email: &email,
                        display_name: &display_name,
                        password_hash: &hash,
                        // The operator provisions accounts (for scripts,
                        // for themselves); a reset is what forces a change.
                        password_change: PasswordChange::NotRequired,
                        superadmin,
                        now,
                    },
                )
                .await?;
                id
            }
        };
        users::add_membership(&mut tx, organisation_id, user, role, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(organisation_id),
                action: AuditAction::UserAdd,
                object: format!("user:{user}"),
                detail: json!({ "email": email.as_str(), "role": role.id(), "new_account": created_account, "superadmin": superadmin }),
                actor: Actor::Cli,
            },
        )
        .await?;
        tx.commit().await?;
        self.token_cache().forget_all();
        Ok(UserAdded {
            user,
            created_account,
            created_organisation,
            generated_password: if created_account {
                generated_password
            } else {
                None
            },
        })
    }

    /// Sets a new password (given, or generated and returned), which its
    /// owner must change at their next sign-in, and ends their sessions.
    pub async fn operator_reset_password(
        &self,
        email: &str,
        password: Option<&str>,
        now: Timestamp,
    ) -> Result<Option<String>, ServiceError> {
        let email = Email::parse(email).map_err(|_| Invalid::Email)?;
        let generated = match password {
            Some(_) => None,
            None => Some(generate_password()?),
        };
        let chosen = password.or(generated.as_deref()).unwrap_or_default();
        password::check_policy(chosen, email.as_str())?;
        let hash = password::hash(chosen.to_owned()).await?;
        let mut tx = self.store().begin().await?;
        let user = users::find_by_email(&mut tx, &email)
            .await?
            .ok_or(ServiceError::NotFound)?;
        // Someone other than its owner knows this password now: its owner
        // replaces it at their next sign-in.
        users::set_password(&mut tx, user.id, &hash, PasswordChange::Required).await?;
        sessions::delete_for_user(&mut tx, user.id).await?;
        let organisation = users::memberships_of(&mut tx, user.id)
            .await?
            .first()
            .map(|(org, _)| org.id);
        record(
            &mut tx,
            now,
            Change {
                organisation,
                action: AuditAction::UserResetPassword,
                object: format!("user:{}", user.id),
                detail: json!({ "email": email.as_str(), "password_change_required": true }),
                actor: Actor::Cli,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(generated)
    }

    /// Issues an API token for a user in one of their organisations (the
    /// first by name when none is given).
    pub async fn operator_issue_token(
        &self,
        email: &str,
        name: &str,
        organisation: Option<&str>,
        expires_in_days: Option<u32>,
        now: Timestamp,
    ) -> Result<IssuedToken, ServiceError> {
        let email = Email::parse(email).map_err(|_| Invalid::Email)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(ServiceError::Invalid(Invalid::TokenName));
        }
        let expires_at = crate::account::token_expiry(expires_in_days, now)?;
        let mut tx = self.store().begin().await?;
        let user = users::find_by_email(&mut tx, &email)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let memberships = users::memberships_of(&mut tx, user.id).await?;
        let (organisation, _) = match organisation {
            Some(wanted) => memberships
                .into_iter()
                .find(|(org, _)| org.name == wanted.trim()),
            None => memberships.into_iter().next(),
        }
        .ok_or(ServiceError::Invalid(Invalid::NoOrganisation))?;
        let secret = new_api_token()?;
        let token = TokenRecord {
            id: TokenId::from_uuid(new_uuid()?),
            user_id: user.id,
            organisation_id: organisation.id,
            name: name.to_owned(),
            prefix: secret.chars().take(12).collect(),
            created_at: now,
            expires_at: Some(expires_at),
            revoked_at: None,
            last_used_at: None,
        };
        tokens::insert(&mut tx, &token, &digest(&secret)).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(organisation.id),
                action: AuditAction::TokenIssue,
                object: format!("token:{}", token.id),
                detail: json!({ "name": name, "prefix": token.prefix, "user": email.as_str(), "expires_at": expires_at.millis() }),
                actor: Actor::Cli,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(IssuedToken {
            secret,
            organisation: organisation.name,
        })
    }
}
