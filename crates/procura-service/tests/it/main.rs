//! Use cases against a real store (SQLite always, PostgreSQL when
//! `PROCURA_TEST_DATABASE_URL` is set), with the clock as a parameter so
//! timeouts are tested without waiting.

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use procura_domain::{Role, Timestamp};
use procura_service::{ServiceError, Services, SessionPolicy};

const PASSWORD: &str = "vert-cheval-pile-agrafe";
const T0: Timestamp = Timestamp(1_780_000_000_000);
const POLICY: SessionPolicy = SessionPolicy {
    idle_seconds: 30 * 60,
    absolute_seconds: 8 * 3600,
};

async fn services() -> Vec<Services> {
    let mut services = Vec::new();
    for url in procura_service::testing::fresh_urls().await {
        services.push(Services::open(&url, POLICY).await.unwrap());
    }
    services
}

async fn with_user(services: &Services, email: &str, organisation: &str, role: Role) {
    services
        .operator_add_user(email, organisation, role, Some(PASSWORD), false, T0)
        .await
        .unwrap();
}

#[tokio::test]
async fn sessions_end_when_idle_or_too_old() {
    for services in services().await {
        with_user(&services, "a@chu.example", "CHU", Role::It).await;
        let session = services
            .sign_in("a@chu.example", PASSWORD, "10.0.0.1", T0)
            .await
            .unwrap();
        let token = session.token;
        // Used every 20 minutes, the session lives until the absolute limit.
        let mut now = T0;
        for _ in 0..23 {
            now = now.plus_seconds(20 * 60);
            assert!(
                services
                    .resume_session(&token, now)
                    .await
                    .unwrap()
                    .is_some(),
                "alive at {now:?}"
            );
        }
        let past_absolute = T0.plus_seconds(8 * 3600 + 1);
        assert!(
            services
                .resume_session(&token, past_absolute)
                .await
                .unwrap()
                .is_none()
        );
        // A second session left alone for 31 minutes has ended.
        let idle = services
            .sign_in("a@chu.example", PASSWORD, "10.0.0.1", T0)
            .await
            .unwrap();
        assert!(
            services
                .resume_session(&idle.token, T0.plus_seconds(29 * 60))
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            services
                .resume_session(&idle.token, T0.plus_seconds(29 * 60 + 31 * 60))
                .await
                .unwrap()
                .is_none()
        );
        // Once ended, it stays ended.
        assert!(
            services
                .resume_session(&idle.token, T0.plus_seconds(30 * 60))
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn back_off_expires_and_a_success_resets_the_account_counter() {
    for services in services().await {
        with_user(&services, "b@chu.example", "CHU", Role::Buyer).await;
        for _ in 0..5 {
            let error = services
                .sign_in("b@chu.example", "wrong-wrong-wrong", "10.0.0.2", T0)
                .await
                .unwrap_err();
            assert!(matches!(error, ServiceError::BadCredentials), "{error:?}");
        }
        let blocked = services
            .sign_in("b@chu.example", PASSWORD, "10.0.0.2", T0)
            .await
            .unwrap_err();
        assert!(
            matches!(
                blocked,
                ServiceError::RateLimited {
                    retry_after_seconds: 1
                }
            ),
            "{blocked:?}"
        );
        let later = T0.plus_seconds(2);
        services
            .sign_in("b@chu.example", PASSWORD, "10.0.0.2", later)
            .await
            .unwrap();
        // The counter restarted: one more failure does not block.
        let _ = services
            .sign_in("b@chu.example", "wrong-wrong-wrong", "10.0.0.2", later)
            .await;
        services
            .sign_in("b@chu.example", PASSWORD, "10.0.0.2", later)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn unknown_accounts_are_throttled_like_known_ones() {
    for services in services().await {
        for _ in 0..5 {
            let error = services
                .sign_in("ghost@chu.example", "whatever-whatever", "10.0.0.3", T0)
                .await
                .unwrap_err();
            assert!(matches!(error, ServiceError::BadCredentials));
        }
        let blocked = services
            .sign_in("ghost@chu.example", "whatever-whatever", "10.0.0.3", T0)
            .await
            .unwrap_err();
        assert!(matches!(blocked, ServiceError::RateLimited { .. }));
    }
}

/// Attempts are counted before the password is checked; successes and
/// refusals must give the address its attempt back, or a hospital behind
/// one address would be blocked by its own people.
#[tokio::test]
async fn only_failures_use_up_the_address_allowance() {
    for services in services().await {
        with_user(&services, "c@chu.example", "CHU", Role::It).await;
        with_user(&services, "d@chu.example", "CHU", Role::It).await;
        for _ in 0..25 {
            services
                .sign_in("c@chu.example", PASSWORD, "10.0.0.9", T0)
                .await
                .unwrap();
        }
        for _ in 0..5 {
            let _ = services
                .sign_in("d@chu.example", "wrong-wrong-wrong", "10.0.0.9", T0)
                .await;
        }
        for _ in 0..25 {
            let refused = services
                .sign_in("d@chu.example", PASSWORD, "10.0.0.9", T0)
                .await
                .unwrap_err();
            assert!(matches!(refused, ServiceError::RateLimited { .. }));
        }
        // Five failures from the address so far: far from its twenty.
        services
            .sign_in("c@chu.example", PASSWORD, "10.0.0.9", T0)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn removing_a_member_ends_their_sessions_and_tokens() {
    for services in services().await {
        with_user(&services, "admin@chu.example", "CHU", Role::Admin).await;
        with_user(&services, "leaver@chu.example", "CHU", Role::Viewer).await;
        let admin = services
            .sign_in("admin@chu.example", PASSWORD, "10.0.0.4", T0)
            .await
            .unwrap()
            .principal;
        let leaver = services
            .sign_in("leaver@chu.example", PASSWORD, "10.0.0.4", T0)
            .await
            .unwrap();
        let token = services
            .operator_issue_token("leaver@chu.example", "script", None, None, T0)
            .await
            .unwrap()
            .secret;
        assert!(
            services
                .authenticate_token(&token, T0)
                .await
                .unwrap()
                .is_some()
        );
        services
            .remove_member(&admin, leaver.principal.user_id, T0)
            .await
            .unwrap();
        assert!(
            services
                .resume_session(&leaver.token, T0)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            services
                .authenticate_token(&token, T0)
                .await
                .unwrap()
                .is_none()
        );
        let last_admin = services
            .remove_member(&admin, admin.user_id, T0)
            .await
            .unwrap_err();
        assert!(matches!(
            last_admin,
            ServiceError::Invalid(procura_service::Invalid::LastAdmin)
        ));
    }
}

#[tokio::test]
async fn expired_tokens_stop_working() {
    for services in services().await {
        with_user(&services, "c@chu.example", "CHU", Role::Cio).await;
        let token = services
            .operator_issue_token("c@chu.example", "short-lived", None, Some(1), T0)
            .await
            .unwrap()
            .secret;
        assert!(
            services
                .authenticate_token(&token, T0.plus_seconds(86_399))
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            services
                .authenticate_token(&token, T0.plus_seconds(86_400))
                .await
                .unwrap()
                .is_none()
        );
    }
}
