//! The sign-in throttle under concurrency: attempts taken at the same
//! moment each get their own number, and the back-off holds between them.

use procura_domain::Timestamp;
use procura_store::throttle::{self, Backoff};

use crate::{NOW, stores};

const BACKOFF: Backoff = Backoff {
    free: 5,
    max_block_seconds: 900,
};

fn later(millis: i64) -> Timestamp {
    Timestamp(NOW.millis() + millis)
}

#[tokio::test]
async fn simultaneous_attempts_never_share_a_count() {
    for store in stores().await {
        let mut attempts = tokio::task::JoinSet::new();
        for _ in 0..16 {
            let store = store.clone();
            attempts.spawn(async move {
                let mut conn = store.connection().await.unwrap();
                throttle::reserve(&mut conn, "account:a@chu.example", BACKOFF, NOW)
                    .await
                    .unwrap()
            });
        }
        let mut taken: Vec<i64> = attempts.join_all().await.into_iter().flatten().collect();
        taken.sort_unstable();
        assert_eq!(taken, [1, 2, 3, 4, 5], "{:?}", store.backend());
        let state = throttle::find(
            &mut store.connection().await.unwrap(),
            "account:a@chu.example",
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(state.failures, 5);
        assert_eq!(state.blocked_until, later(1000));
    }
}

#[tokio::test]
async fn the_back_off_doubles_up_to_its_ceiling_and_a_release_gives_back_one() {
    for store in stores().await {
        let mut conn = store.connection().await.unwrap();
        let key = "address:192.0.2.1";
        let mut now = NOW;
        // (attempt, block it sets in seconds)
        let expected = [
            (1, 0),
            (2, 0),
            (3, 0),
            (4, 0),
            (5, 1),
            (6, 2),
            (7, 4),
            (8, 8),
            (9, 16),
            (10, 32),
            (11, 64),
            (12, 128),
            (13, 256),
            (14, 512),
            (15, 900),
            (16, 900),
            (40, 900),
        ];
        let mut attempt = 0;
        for (number, block) in expected {
            while attempt < number {
                let taken = throttle::reserve(&mut conn, key, BACKOFF, now)
                    .await
                    .unwrap();
                attempt += 1;
                assert_eq!(taken, Some(attempt), "{:?}", store.backend());
                let state = throttle::find(&mut conn, key).await.unwrap().unwrap();
                if attempt == number {
                    assert_eq!(
                        state.blocked_until.millis() - now.millis(),
                        block * 1000,
                        "attempt {number} on {:?}",
                        store.backend()
                    );
                }
                // Blocked until then: nothing is counted.
                if state.blocked_until > now {
                    assert_eq!(
                        throttle::reserve(&mut conn, key, BACKOFF, now)
                            .await
                            .unwrap(),
                        None
                    );
                }
                now = state.blocked_until.max(now);
            }
        }
        throttle::release(&mut conn, key).await.unwrap();
        let state = throttle::find(&mut conn, key).await.unwrap().unwrap();
        assert_eq!(state.failures, 39);
    }
}
