//! Password policy and argon2id hashing.
//!
//! Hashing is slow on purpose, so it runs on the blocking thread pool and
//! never stalls the server's request handling. Each hash also takes 19 MiB,
//! so only a few run at once, whatever the number of sign-ins arriving:
//! the others wait their turn for a few seconds, then are told to retry.
//! Their working memory is allocated once per concurrent hash and reused.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

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

/// Memory one hash takes, in KiB: OWASP's first recommended argon2id
/// setting is 19 MiB, 2 passes, 1 lane.
const MEMORY_PER_HASH_KIB: u32 = 19 * 1024;

/// Memory all hashes running at once may take: 128 MiB, i.e. six hashes.
/// Sixty-four sign-ins at once then cost at most 114 MiB of hashing instead
/// of 1.2 GiB.
const HASHING_BUDGET_KIB: u32 = 128 * 1024;

/// How many hashes may run at once.
pub const CONCURRENT_HASHES: usize = (HASHING_BUDGET_KIB / MEMORY_PER_HASH_KIB) as usize;

/// How long a hash may wait for its turn before the request is refused.
const HASH_WAIT: Duration = Duration::from_secs(5);

/// What a refused request is told to wait before retrying.
const BUSY_RETRY_SECONDS: i64 = 5;

static HASHING: Semaphore = Semaphore::const_new(CONCURRENT_HASHES);

/// Working memory of the hashes, kept for the next one. Allocating and
/// freeing 19 MiB at every hash lets the system allocator keep dozens of
/// such blocks around (about 800 MB after sixty-four sign-ins, measured);
/// reused, there are never more than [`CONCURRENT_HASHES`] of them, since
/// one is taken only under a permit of [`HASHING`].
static WORKSPACES: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

fn params() -> Params {
    Params::new(MEMORY_PER_HASH_KIB, 2, 1, None).unwrap_or_default()
}

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
}

pub async fn hash(password: String) -> Result<String, ServiceError> {
    with_workspace(move |memory| hash_in(memory, password.as_bytes())).await
}

/// Verifies a password against a stored hash. A missing hash is verified
/// against a fixed dummy, so unknown and known accounts take the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ServiceError> {
    with_workspace(move |memory| {
        let stored = match stored {
            Some(stored) => stored,
            None => dummy(memory)?,
        };
        Ok(verify_in(memory, password.as_bytes(), &stored))
    })
    .await
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) for `password`
/// with a new random salt, as `PasswordHasher::hash_password` makes it.
fn hash_in(memory: &mut [Block], password: &[u8]) -> Result<String, ServiceError> {
    let failed = |error: &dyn std::fmt::Display| {
        ServiceError::Internal(format!("password hashing failed: {error}"))
    };
    let mut salt = [0_u8; 16];
    getrandom::fill(&mut salt).map_err(|error| failed(&error))?;
    let mut output = [0_u8; Params::DEFAULT_OUTPUT_LEN];
    hasher()
        .hash_password_into_with_memory(password, &salt, &mut output, memory)
        .map_err(|error| failed(&error))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params()).map_err(|error| failed(&error))?,
        salt: Some(Salt::new(&salt).map_err(|error| failed(&error))?),
        hash: Some(Output::new(&output).map_err(|error| failed(&error))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` gives `stored`, with the algorithm, version and
/// parameters `stored` names; the outputs are compared in constant time.
fn verify_in(memory: &mut [Block], password: &[u8], stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let Ok(version) = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from)
    else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut output = vec![0_u8; expected.len()];
    let computed = if blocks <= memory.len() {
        argon2.hash_password_into_with_memory(password, salt, &mut output, memory)
    } else {
        // A hash made with more memory than today's setting.
        argon2.hash_password_into(password, salt, &mut output)
    };
    computed.is_ok() && Output::new(&output).is_ok_and(|output| output == *expected)
}

static DUMMY: OnceLock<String> = OnceLock::new();

fn dummy(memory: &mut [Block]) -> Result<String, ServiceError> {
    if let Some(dummy) = DUMMY.get() {
        return Ok(dummy.clone());
    }
    let made = hash_in(memory, b"procura-dummy-password")?;
    Ok(DUMMY.get_or_init(|| made).clone())
}

/// Runs `work` with a hash's working memory, once a permit allows it.
async fn with_workspace<T: Send + 'static>(
    work: impl FnOnce(&mut [Block]) -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    limited(&HASHING, HASH_WAIT, move || {
        let mut memory = take_workspace();
        let result = work(&mut memory);
        WORKSPACES
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(memory);
        result
    })
    .await
}

fn take_workspace() -> Vec<Block> {
    let kept = WORKSPACES
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .pop();
    kept.unwrap_or_else(|| vec![Block::new(); params().block_count()])
}

/// Runs `work` on the blocking pool once `gate` lets it, waiting at most
/// `wait` for a permit; `ServiceError::Busy` after that. The permit travels
/// with the work: a request dropped mid-hash (the client went away, the
/// request timed out) leaves its hash running, and the hash keeps its place
/// until it ends.
async fn limited<T: Send + 'static>(
    gate: &'static Semaphore,
    wait: Duration,
    work: impl FnOnce() -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    let busy = ServiceError::Busy {
        retry_after_seconds: BUSY_RETRY_SECONDS,
    };
    let permit = match tokio::time::timeout(wait, gate.acquire()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) | Err(_) => return Err(busy),
    };
    tokio::task::spawn_blocking(move || {
        let _held = permit;
        work()
    })
    .await
    .map_err(|error| ServiceError::Internal(format!("hashing task failed: {error}")))?
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

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

    #[test]
    fn six_hashes_fit_the_memory_budget() {
        assert_eq!(CONCURRENT_HASHES, 6);
        assert!(CONCURRENT_HASHES as u32 * MEMORY_PER_HASH_KIB <= HASHING_BUDGET_KIB);
    }

    /// Work that notes how many run at the same time.
    fn counted(
        running: &Arc<AtomicUsize>,
        most: &Arc<AtomicUsize>,
    ) -> impl FnOnce() -> Result<(), ServiceError> + Send + 'static {
        let (running, most) = (Arc::clone(running), Arc::clone(most));
        move || {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(20));
            running.fetch_sub(1, Ordering::SeqCst);
            Ok(())
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn never_more_hashes_at_once_than_the_gate_allows() {
        let gate: &'static Semaphore = Box::leak(Box::new(Semaphore::new(3)));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..64 {
            let work = counted(&running, &most);
            tasks.spawn(async move { limited(gate, Duration::from_secs(30), work).await });
        }
        for result in tasks.join_all().await {
            result.unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_dropped_request_keeps_its_place_until_its_hash_ends() {
        let gate: &'static Semaphore = Box::leak(Box::new(Semaphore::new(1)));
        let running = tokio::spawn(limited(gate, Duration::from_secs(1), || {
            std::thread::sleep(Duration::from_millis(300));
            Ok(())
        }));
        tokio::time::sleep(Duration::from_millis(50)).await;
        running.abort();
        let refused = limited(gate, Duration::from_millis(50), || Ok(())).await;
        assert!(
            matches!(refused, Err(ServiceError::Busy { .. })),
            "{refused:?}"
        );
        let later = limited(gate, Duration::from_secs(2), || Ok(())).await;
        assert!(later.is_ok(), "{later:?}");
    }

    #[tokio::test]
    async fn a_hash_that_waits_too_long_is_refused_as_busy() {
        let gate: &'static Semaphore = Box::leak(Box::new(Semaphore::new(1)));
        let _taken = gate.acquire().await.unwrap();
        let refused = limited(gate, Duration::from_millis(50), || Ok(())).await;
        assert!(
            matches!(
                refused,
                Err(ServiceError::Busy {
                    retry_after_seconds: BUSY_RETRY_SECONDS
                })
            ),
            "{refused:?}"
        );
    }

    /// Hashes made here and by the argon2 crate's own hasher check out
    /// either way: stored hashes stay valid.
    #[test]
    fn hashes_match_the_crates_own() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let mut memory = vec![Block::new(); params().block_count()];
        let ours = hash_in(&mut memory, b"vert-cheval-pile-agrafe").unwrap();
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            hasher()
                .verify_password(b"vert-cheval-pile-agrafe", &parsed)
                .is_ok()
        );
        assert!(hasher().verify_password(b"wrong", &parsed).is_err());
        let theirs = hasher()
            .hash_password(b"vert-cheval-pile-agrafe")
            .unwrap()
            .to_string();
        assert!(verify_in(&mut memory, b"vert-cheval-pile-agrafe", &theirs));
        assert!(!verify_in(&mut memory, b"vert-cheval-pile-agrafz", &theirs));
        // Other parameters, with more memory than the workspace holds.
        let bigger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(MEMORY_PER_HASH_KIB * 2, 1, 1, None).unwrap(),
        )
        .hash_password(b"vert-cheval-pile-agrafe")
        .unwrap()
        .to_string();
        assert!(verify_in(&mut memory, b"vert-cheval-pile-agrafe", &bigger));
        assert!(!verify_in(&mut memory, b"x", "not a hash"));
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
