//! A signed-in person managing their own account: password, language, tokens.

use procura_domain::{AuditAction, Lang, Permission, Timestamp, TokenId, TokenRecord};
use procura_store::users::PasswordChange;
use procura_store::{sessions, throttle, tokens, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::auth::new_api_token;
use crate::secret::{digest, new_uuid};
use crate::{AuthMethod, Denial, Invalid, Principal, ServiceError, Services, password};

/// A token just issued: `secret` is shown once and never again.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub secret: String,
    pub record: TokenRecord,
}

/// A token lives this many days unless its creator chooses otherwise.
pub const DEFAULT_TOKEN_DAYS: u32 = 90;
/// The longest a token may live: a forgotten token stops working within a year.
pub const MAX_TOKEN_DAYS: u32 = 365;

/// When a token issued at `now` expires: after `days` (1 to
/// [`MAX_TOKEN_DAYS`]), or after [`DEFAULT_TOKEN_DAYS`] when none is given.
pub(crate) fn token_expiry(days: Option<u32>, now: Timestamp) -> Result<Timestamp, ServiceError> {
    let days = days.unwrap_or(DEFAULT_TOKEN_DAYS);
    if days == 0 || days > MAX_TOKEN_DAYS {
        return Err(ServiceError::Invalid(Invalid::TokenExpiry));
    }
    Ok(now.plus_seconds(i64::from(days) * 86_400))
}

impl Services {
    pub async fn change_password(
        &self,
        principal: &Principal,
        current: &str,
        new: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let stored = {
            let mut conn = self.store().connection().await?;
            users::find(&mut conn, principal.user_id)
                .await?
                .ok_or(ServiceError::NotFound)?
                .password_hash
        };
        // Guessing the current password from a stolen session is throttled
        // like signing in: the attempt is taken before the hash is checked.
        let key = format!("password-change:{}", principal.user_id);
        {
            let mut conn = self.store().connection().await?;
            if throttle::reserve(&mut conn, &key, crate::auth::ACCOUNT_BACKOFF, now)
                .await?
                .is_none()
            {
                return Err(crate::auth::rate_limited(&mut conn, &key, now).await?);
            }
        }
        let matches = password::verify(current.to_owned(), Some(stored)).await;
        let mut conn = self.store().connection().await?;
        match matches {
            Ok(true) => throttle::clear(&mut conn, &key).await?,
            Ok(false) => return Err(ServiceError::Invalid(Invalid::CurrentPassword)),
            Err(error) => {
                throttle::release(&mut conn, &key).await?;
                return Err(error);
            }
        }
        drop(conn);
        password::check_policy(new, principal.email.as_str())?;
        let hash = password::hash(new.to_owned()).await?;
        let mut tx = self.store().begin().await?;
        // A password its owner chose: nothing more is required of them.
        users::set_password(
            &mut tx,
            principal.user_id,
            &hash,
            PasswordChange::NotRequired,
        )
        .await?;
        // Whoever knew the old password is signed out everywhere else; the
        // session that made the change goes on. API tokens are not affected.
        let ended = match &principal.auth {
            AuthMethod::Session { id_hash, .. } => {
                sessions::delete_others_for_user(&mut tx, principal.user_id, id_hash).await?
            }
            AuthMethod::Token { .. } => {
                sessions::delete_for_user(&mut tx, principal.user_id).await?
            }
        };
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::UserChangePassword,
                object: format!("user:{}", principal.user_id),
                detail: json!({
                    "sessions_ended": ended,
                    "was_required": principal.password_change_required,
                }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// `None` goes back to the browser's preference.
    pub async fn set_language(
        &self,
        principal: &Principal,
        lang: Option<Lang>,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let mut tx = self.store().begin().await?;
        users::set_lang(&mut tx, principal.user_id, lang).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::UserSetLanguage,
                object: format!("user:{}", principal.user_id),
                detail: json!({ "lang": lang.map(Lang::code) }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        self.token_cache().forget_all();
        Ok(())
    }

    pub async fn create_token(
        &self,
        principal: &Principal,
        name: &str,
        expires_in_days: Option<u32>,
        now: Timestamp,
    ) -> Result<NewToken, ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        // A leaked token must not be able to outlive its revocation by
        // minting others: new tokens come from a signed-in person.
        if !matches!(principal.auth, AuthMethod::Session { .. }) {
            return Err(ServiceError::Denied(Denial::TokenNeedsSession));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(ServiceError::Invalid(Invalid::TokenName));
        }
        let expires_at = token_expiry(expires_in_days, now)?;
        let secret = new_api_token()?;
        let record = TokenRecord {
            id: TokenId::from_uuid(new_uuid()?),
            user_id: principal.user_id,
            organisation_id: principal.organisation_id,
            name: name.to_owned(),
            prefix: secret.chars().take(12).collect(),
            created_at: now,
            expires_at: Some(expires_at),
            revoked_at: None,
            last_used_at: None,
        };
        let mut tx = self.store().begin().await?;
        tokens::insert(&mut tx, &record, &digest(&secret)).await?;
        record_token_change(&mut tx, principal, AuditAction::TokenIssue, &record, now).await?;
        tx.commit().await?;
        Ok(NewToken { secret, record })
    }

    pub async fn tokens(&self, principal: &Principal) -> Result<Vec<TokenRecord>, ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let mut conn = self.store().connection().await?;
        Ok(tokens::list_for_user(&mut conn, principal.user_id).await?)
    }

    pub async fn revoke_token(
        &self,
        principal: &Principal,
        token: TokenId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        principal.require(Permission::ManageOwnAccount)?;
        let mut tx = self.store().begin().await?;
        if !tokens::revoke(&mut tx, token, principal.user_id, now).await? {
            return Err(ServiceError::NotFound);
        }
        let record = tokens::list_for_user(&mut tx, principal.user_id)
            .await?
            .into_iter()
            .find(|record| record.id == token)
            .ok_or(ServiceError::NotFound)?;
        record_token_change(&mut tx, principal, AuditAction::TokenRevoke, &record, now).await?;
        tx.commit().await?;
        self.token_cache().forget_all();
        Ok(())
    }
}

async fn record_token_change(
    tx: &mut procura_store::Tx,
    principal: &Principal,
    action: AuditAction,
    token: &TokenRecord,
    now: Timestamp,
) -> Result<(), ServiceError> {
    record(
        tx,
        now,
        Change {
            organisation: Some(token.organisation_id),
            action,
            object: format!("token:{}", token.id),
            detail: json!({ "name": token.name, "prefix": token.prefix, "expires_at": token.expires_at.map(Timestamp::millis) }),
            actor: Actor::User(principal),
        },
    )
    .await
}
