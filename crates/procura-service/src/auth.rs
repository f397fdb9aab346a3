//! Signing in and out, recognising sessions and API tokens.

use procura_domain::{AuditAction, Email, OrganisationId, Timestamp, UserId};
use procura_store::sessions::{self, SessionRecord};
use procura_store::throttle::{self, Backoff};
use procura_store::{Connection, organisations, tokens, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::secret::{digest, random_hex};
use crate::{AuthMethod, Invalid, Principal, ServiceError, Services, password};

/// How long sessions live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused for this long ends.
    pub idle_seconds: i64,
    /// A session ends this long after sign-in, however active.
    pub absolute_seconds: i64,
}

/// A session just opened: `token` goes into the cookie and nowhere else.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub principal: Principal,
}

/// Failed attempts allowed before the back-off starts.
const ACCOUNT_FREE_FAILURES: i64 = 5;
/// Many people share a hospital's address, so an address gets more.
const ADDRESS_FREE_FAILURES: i64 = 20;
const MAX_BLOCK_SECONDS: i64 = 15 * 60;

pub(crate) const ACCOUNT_BACKOFF: Backoff = Backoff {
    free: ACCOUNT_FREE_FAILURES,
    max_block_seconds: MAX_BLOCK_SECONDS,
};
const ADDRESS_BACKOFF: Backoff = Backoff {
    free: ADDRESS_FREE_FAILURES,
    max_block_seconds: MAX_BLOCK_SECONDS,
};

/// The refusal of a blocked attempt, with the seconds left to wait.
pub(crate) async fn rate_limited(
    conn: &mut impl Connection,
    key: &str,
    now: Timestamp,
) -> Result<ServiceError, ServiceError> {
    let blocked_until = throttle::find(conn, key)
        .await?
        .map_or(now, |state| state.blocked_until);
    let wait = (blocked_until.millis() - now.millis() + 999) / 1000;
    Ok(ServiceError::RateLimited {
        retry_after_seconds: wait.max(1),
    })
}

/// Only re-stamp a session's last use after this long, to spare the database.
const TOUCH_AFTER_MS: i64 = 60_000;
const TOKEN_PREFIX: &str = "pcr_";

impl Services {
    /// Signs in with an e-mail address and password.
    ///
    /// The attempt is taken from the address's and the account's allowance
    /// (`throttle::reserve`) before the password is checked, so attempts
    /// made at the same moment cannot all be checked: past the free ones,
    /// each must wait for the back-off its predecessor set.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<NewSession, ServiceError> {
        let account_key = format!("account:{}", email.trim().to_lowercase());
        let address_key = format!("address:{address}");
        {
            let mut conn = self.store().connection().await?;
            if throttle::reserve(&mut conn, &address_key, ADDRESS_BACKOFF, now)
                .await?
                .is_none()
            {
                return Err(rate_limited(&mut conn, &address_key, now).await?);
            }
            if throttle::reserve(&mut conn, &account_key, ACCOUNT_BACKOFF, now)
                .await?
                .is_none()
            {
                // Refused attempts are not failures: the address gets its
                // attempt back.
                throttle::release(&mut conn, &address_key).await?;
                return Err(rate_limited(&mut conn, &account_key, now).await?);
            }
        }
        let parsed = Email::parse(email).ok();
        let user = match &parsed {
            Some(email) => {
                let mut conn = self.store().connection().await?;
                users::find_by_email(&mut conn, email).await?
            }
            None => None,
        };
        let checked = password::verify(
            password.to_owned(),
            user.as_ref().map(|user| user.password_hash.clone()),
        )
        .await;
        let matches = match checked {
            Ok(matches) => matches,
            Err(error) => {
                // The password was never checked (too many at once): the
                // attempt does not count.
                let mut conn = self.store().connection().await?;
                throttle::release(&mut conn, &address_key).await?;
                throttle::release(&mut conn, &account_key).await?;
                return Err(error);
            }
        };
        let mut tx = self.store().begin().await?;
        let user = match user {
            Some(user) if matches => user,
            _ => {
                // The failure was counted when the attempt was taken.
                let organisation = match &user {
                    Some(user) => users::memberships_of(&mut tx, user.id)
                        .await?
                        .first()
                        .map(|(org, _)| org.id),
                    None => None,
                };
                record(
                    &mut tx,
                    now,
                    Change {
                        organisation,
                        action: AuditAction::UserSignInFailed,
                        object: user.as_ref().map_or_else(
                            || "user:unknown".to_owned(),
                            |user| format!("user:{}", user.id),
                        ),
                        detail: json!({ "email": email.trim(), "address": address }),
                        actor: Actor::Anonymous(email.trim()),
                    },
                )
                .await?;
                tx.commit().await?;
                return Err(ServiceError::BadCredentials);
            }
        };
        throttle::release(&mut tx, &address_key).await?;
        throttle::clear(&mut tx, &account_key).await?;
        let organisation = users::memberships_of(&mut tx, user.id)
            .await?
            .first()
            .map(|(organisation, _)| organisation.id)
            .ok_or(ServiceError::Invalid(Invalid::NoOrganisation))?;
        let session = open_session(&mut tx, user.id, organisation, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(organisation),
                action: AuditAction::UserSignIn,
                object: format!("user:{}", user.id),
                detail: json!({ "address": address }),
                actor: Actor::User(&session.principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The principal behind a session cookie, or `None` when the session is
    /// unknown, idle too long or too old (it is then removed).
    pub async fn resume_session(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<Principal>, ServiceError> {
        let id_hash = digest(token);
        let mut conn = self.store().connection().await?;
        let Some(session) = sessions::find(&mut conn, &id_hash).await? else {
            return Ok(None);
        };
        let policy = self.session_policy();
        let idle = now.millis() - session.last_seen_at.millis() > policy.idle_seconds * 1000;
        let too_old = now.millis() - session.created_at.millis() > policy.absolute_seconds * 1000;
        if idle || too_old {
            sessions::delete(&mut conn, &id_hash).await?;
            return Ok(None);
        }
        let auth = AuthMethod::Session {
            id_hash: id_hash.clone(),
            csrf_token: session.csrf_token.clone(),
            created_at: session.created_at,
        };
        let Some(principal) =
            load_principal(&mut conn, session.user_id, session.organisation_id, auth).await?
        else {
            sessions::delete(&mut conn, &id_hash).await?;
            return Ok(None);
        };
        if now.millis() - session.last_seen_at.millis() > TOUCH_AFTER_MS {
            sessions::touch(&mut conn, &id_hash, now).await?;
        }
        Ok(Some(principal))
    }

    pub async fn sign_out(
        &self,
        principal: &Principal,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let AuthMethod::Session { id_hash, .. } = &principal.auth else {
            return Ok(());
        };
        let mut tx = self.store().begin().await?;
        sessions::delete(&mut tx, id_hash).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::UserSignOut,
                object: format!("user:{}", principal.user_id),
                detail: json!({}),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The principal behind an API token, or `None` when it is unknown,
    /// revoked, expired, or its owner left the token's organisation.
    pub async fn authenticate_token(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<Principal>, ServiceError> {
        if !token.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let hash = digest(token);
        if let Some(principal) = self.token_cache().get(&hash, now) {
            return Ok(Some(principal));
        }
        let mut conn = self.store().connection().await?;
        let Some(record) = tokens::find_by_hash(&mut conn, &hash).await? else {
            return Ok(None);
        };
        if !record.is_usable(now) {
            return Ok(None);
        }
        let auth = AuthMethod::Token {
            token_id: record.id,
        };
        let principal =
            load_principal(&mut conn, record.user_id, record.organisation_id, auth).await?;
        if principal.is_some()
            && record
                .last_used_at
                .is_none_or(|used| now.millis() - used.millis() > TOUCH_AFTER_MS)
        {
            tokens::touch(&mut conn, record.id, now).await?;
        }
        if let Some(principal) = &principal {
            self.token_cache()
                .remember(hash, principal, record.expires_at);
        }
        Ok(principal)
    }

    /// A principal for command-line work on projects, as a named member.
    pub async fn act_as(
        &self,
        email: &str,
        organisation: Option<&str>,
    ) -> Result<Principal, ServiceError> {
        let email = procura_domain::Email::parse(email).map_err(|_| Invalid::Email)?;
        let mut conn = self.store().connection().await?;
        let user = users::find_by_email(&mut conn, &email)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let memberships = users::memberships_of(&mut conn, user.id).await?;
        let (organisation, _) = match organisation {
            Some(name) => memberships
                .into_iter()
                .find(|(org, _)| org.name == name.trim()),
            None => memberships.into_iter().next(),
        }
        .ok_or(ServiceError::Invalid(Invalid::NoOrganisation))?;
        crate::auth::load_principal(
            &mut conn,
            user.id,
            organisation.id,
            crate::AuthMethod::Token {
                token_id: procura_domain::TokenId::from_uuid(uuid::Uuid::nil()),
            },
        )
        .await?
        .ok_or(ServiceError::NotFound)
    }

    /// Moves a browser session to another organisation the user belongs to.
    pub async fn switch_organisation(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let AuthMethod::Session { id_hash, .. } = &principal.auth else {
            return Err(ServiceError::Forbidden);
        };
        let mut tx = self.store().begin().await?;
        if users::find_member(&mut tx, organisation, principal.user_id)
            .await?
            .is_none()
        {
            return Err(ServiceError::NotFound);
        }
        sessions::switch_organisation(&mut tx, id_hash, organisation).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(organisation),
                action: AuditAction::UserSwitchOrganisation,
                object: format!("organisation:{organisation}"),
                detail: json!({ "from": principal.organisation_id.to_string() }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Creates a session with a fresh id and CSRF token. A new id at every
/// sign-in is what defeats session fixation.
pub(crate) async fn open_session(
    conn: &mut impl Connection,
    user: UserId,
    organisation: OrganisationId,
    now: Timestamp,
) -> Result<NewSession, ServiceError> {
    let token = random_hex(32)?;
    let id_hash = digest(&token);
    let csrf_token = random_hex(32)?;
    let record = SessionRecord {
        user_id: user,
        organisation_id: organisation,
        csrf_token: csrf_token.clone(),
        created_at: now,
        last_seen_at: now,
    };
    sessions::insert(conn, &id_hash, &record).await?;
    let auth = AuthMethod::Session {
        id_hash,
        csrf_token,
        created_at: now,
    };
    let principal = load_principal(conn, user, organisation, auth)
        .await?
        .ok_or(ServiceError::Invalid(Invalid::NoOrganisation))?;
    Ok(NewSession { token, principal })
}

pub(crate) async fn load_principal(
    conn: &mut impl Connection,
    user: UserId,
    organisation: OrganisationId,
    auth: AuthMethod,
) -> Result<Option<Principal>, ServiceError> {
    let Some(member) = users::find_member(conn, organisation, user).await? else {
        return Ok(None);
    };
    let Some(organisation) = organisations::find(conn, organisation).await? else {
        return Ok(None);
    };
    Ok(Some(Principal {
        user_id: member.user.id,
        email: member.user.email,
        display_name: member.user.display_name,
        organisation_id: organisation.id,
        organisation_name: organisation.name,
        time_zone: organisation.time_zone,
        role: member.role,
        superadmin: member.user.superadmin,
        lang: member.user.lang,
        password_change_required: member.user.password_change_required,
        auth,
    }))
}

pub(crate) fn new_api_token() -> Result<String, ServiceError> {
    Ok(format!("{TOKEN_PREFIX}{}", random_hex(32)?))
}
