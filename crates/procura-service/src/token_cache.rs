//! Who an API token belongs to, remembered for a few seconds.
//!
//! Every API request names its token; reading the token, the membership and
//! the organisation from the database each time cost more than the answer
//! itself for the catalogue. A token seen in the last [`TOKEN_CACHE_TTL`] is
//! answered from memory. Revocation stays bounded: on the instance where a
//! token is revoked (or a member's role changed, a member removed, an
//! organisation renamed) the memory is forgotten at once; other instances
//! over the same database stop accepting the token within the TTL. A
//! token's own expiry is checked on every request, remembered or not.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use procura_domain::Timestamp;

use crate::Principal;

/// How long another instance may go on accepting a revoked token.
pub const TOKEN_CACHE_TTL: Duration = Duration::from_secs(5);

/// Past this many tokens the memory starts again empty: the bound keeps a
/// flood of distinct valid tokens from growing it without limit.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug)]
struct Remembered {
    principal: Principal,
    token_expires_at: Option<Timestamp>,
    loaded: Instant,
}

#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    /// Read by every API request, written on the first request of a token
    /// and on changes: readers do not wait for each other.
    entries: RwLock<HashMap<String, Remembered>>,
}

impl TokenCache {
    /// The principal of a token (by its digest) seen within the TTL and not
    /// expired at `now`.
    pub(crate) fn get(&self, digest: &str, now: Timestamp) -> Option<Principal> {
        let entries = self.entries.read().ok()?;
        let entry = entries.get(digest)?;
        (entry.loaded.elapsed() < TOKEN_CACHE_TTL
            && entry.token_expires_at.is_none_or(|expiry| now < expiry))
        .then(|| entry.principal.clone())
    }

    pub(crate) fn remember(
        &self,
        digest: String,
        principal: &Principal,
        expires_at: Option<Timestamp>,
    ) {
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                digest,
                Remembered {
                    principal: principal.clone(),
                    token_expires_at: expires_at,
                    loaded: Instant::now(),
                },
            );
        }
    }

    /// Forgets every token: called after a change that may alter or end a
    /// token's principal.
    pub(crate) fn forget_all(&self) {
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use procura_domain::{Email, OrganisationId, Role, TokenId, UserId};

    use super::*;
    use crate::AuthMethod;

    fn principal() -> Principal {
        Principal {
            user_id: UserId::parse("67e55044-10b1-426f-9247-bb680e5fe0c8").unwrap(),
            email: Email::parse("a@chu.example").unwrap(),
            display_name: String::new(),
            organisation_id: OrganisationId::parse("77e55044-10b1-426f-9247-bb680e5fe0c8").unwrap(),
            organisation_name: "CHU".to_owned(),
            time_zone: procura_domain::TimeZone::default(),
            role: Role::Viewer,
            superadmin: false,
            lang: None,
            password_change_required: false,
            auth: AuthMethod::Token {
                token_id: TokenId::parse("87e55044-10b1-426f-9247-bb680e5fe0c8").unwrap(),
            },
        }
    }

    #[test]
    fn a_remembered_token_is_answered_until_it_expires() {
        let cache = TokenCache::default();
        cache.remember("d".to_owned(), &principal(), Some(Timestamp(1_000)));
        assert_eq!(cache.get("d", Timestamp(999)), Some(principal()));
        assert_eq!(cache.get("d", Timestamp(1_000)), None);
        assert_eq!(cache.get("other", Timestamp(0)), None);
    }

    #[test]
    fn forgetting_ends_every_remembered_token() {
        let cache = TokenCache::default();
        cache.remember("d".to_owned(), &principal(), Some(Timestamp(1_000)));
        cache.forget_all();
        assert_eq!(cache.get("d", Timestamp(0)), None);
    }
}
