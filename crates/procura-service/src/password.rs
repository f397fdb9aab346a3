//! Password policy and argon2id hashing.
//!
//! Hashing is slow on purpose, so it runs on the blocking thread pool and
//! never stalls the server's request handling.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::{Invalid, ServiceError};

pub const MINIMUM_LENGTH: usize = 12;

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/security/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

/// Checks a new password: long enough, not common, not a single repeated
/// character or a run such as `123456789012`, not the e-mail itself.
pub fn check_policy(password: &str, email: &str) -> Result<(), Invalid> {
    if password.chars().count() < MINIMUM_LENGTH {
        return Err(Invalid::PasswordTooShort);
    }
    let lower = password.to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default();
    if COMMON.contains(&lower)
        || is_monotonous(&lower)
        || lower == email
        || (!local_part.is_empty() && lower == local_part)
    {
        return Err(Invalid::PasswordTooCommon);
    }
    Ok(())
}

/// One repeated character, or characters each one step from the previous.
fn is_monotonous(password: &str) -> bool {
    let chars: Vec<u32> = password.chars().map(u32::from).collect();
    let steps: HashSet<i64> = chars
        .windows(2)
        .map(|pair| i64::from(pair[1]) - i64::from(pair[0]))
        .collect();
    steps.len() == 1 && steps.iter().all(|step| step.abs() <= 1)
}

fn hasher() -> Argon2<'static> {
    // OWASP's first recommended argon2id setting: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: String) -> Result<String, ServiceError> {
    blocking(move || {
        hasher()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|error| ServiceError::Internal(format!("password hashing failed: {error}")))
    })
    .await
}

/// Verifies a password against a stored hash. A missing hash is verified
/// against a fixed dummy, so unknown and known accounts take the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ServiceError> {
    blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return Ok(false);
        };
        Ok(hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

static DUMMY: LazyLock<String> = LazyLock::new(|| {
    hasher()
        .hash_password(b"procura-dummy-password")
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| ServiceError::Internal(format!("hashing task failed: {error}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str, expected: Result<(), Invalid>) {
        assert_eq!(
            check_policy(password, "alice@chu.example"),
            expected,
            "{password:?}"
        );
    }

    #[test]
    fn policy() {
        check("short", Err(Invalid::PasswordTooShort));
        check("elevenchars", Err(Invalid::PasswordTooShort));
        check("password1234", Err(Invalid::PasswordTooCommon));
        check("PASSWORD1234", Err(Invalid::PasswordTooCommon));
        check("aaaaaaaaaaaaaa", Err(Invalid::PasswordTooCommon));
        check("123456789012", Err(Invalid::PasswordTooCommon));
        check("alice@chu.example", Err(Invalid::PasswordTooCommon));
        check("vert-cheval-pile-agrafe", Ok(()));
        check("correct horse battery", Ok(()));
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let hash = hash("vert-cheval-pile-agrafe".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("vert-cheval-pile-agrafe".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("wrong-password-here".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}
