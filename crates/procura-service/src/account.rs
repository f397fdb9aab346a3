//! A signed-in person managing their own account: password, language, tokens.

use procura_domain::{Lang, Permission, Timestamp, TokenId};
use procura_store::tokens::{self, TokenRecord};
use procura_store::users;
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::auth::new_api_token;
use crate::secret::{digest, new_uuid};
use crate::{Invalid, Principal, ServiceError, Services, password};

/// A token just issued: `secret` is shown once and never again.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub secret: String,
    pub record: TokenRecord,
}

const MAX_TOKEN_DAYS: u32 = 3650;

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
        if !password::verify(current.to_owned(), Some(stored)).await? {
            return Err(ServiceError::Invalid(Invalid::CurrentPassword));
        }
        password::check_policy(new, principal.email.as_str())?;
        let hash = password::hash(new.to_owned()).await?;
        let mut tx = self.store().begin().await?;
        users::set_password(&mut tx, principal.user_id, &hash).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: "user.change_password",
                object: format!("user:{}", principal.user_id),
                detail: json!({}),
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
                action: "user.set_language",
                object: format!("user:{}", principal.user_id),
                detail: json!({ "lang": lang.map(Lang::code) }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
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
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(ServiceError::Invalid(Invalid::TokenName));
        }
        if expires_in_days.is_some_and(|days| days == 0 || days > MAX_TOKEN_DAYS) {
            return Err(ServiceError::Invalid(Invalid::TokenExpiry));
        }
        let secret = new_api_token()?;
        let record = TokenRecord {
            id: TokenId::from_uuid(new_uuid()?),
            user_id: principal.user_id,
            organisation_id: principal.organisation_id,
            name: name.to_owned(),
            prefix: secret.chars().take(12).collect(),
            created_at: now,
            expires_at: expires_in_days.map(|days| now.plus_seconds(i64::from(days) * 86_400)),
            revoked_at: None,
            last_used_at: None,
        };
        let mut tx = self.store().begin().await?;
        tokens::insert(&mut tx, &record, &digest(&secret)).await?;
        record_token_change(&mut tx, principal, "token.issue", &record, now).await?;
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
        record_token_change(&mut tx, principal, "token.revoke", &record, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn record_token_change(
    tx: &mut procura_store::Tx,
    principal: &Principal,
    action: &'static str,
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
