//! The audit chain: append, verify, tamper detection, append-only tables.

use procura_domain::{AuditFilter, Role, Timestamp};
use procura_store::audit::{self, NewEntry};
use procura_store::{Backend, Store};

use crate::{NOW, organisation_with_member, stores, tx};

fn entry(organisation: procura_domain::OrganisationId, action: &str, n: i64) -> NewEntry {
    NewEntry {
        at: Timestamp(NOW.millis() + n),
        organisation_id: Some(organisation),
        actor_id: None,
        actor: format!("user{n}@example.org"),
        action: action.to_owned(),
        object: format!("thing:{n}"),
        detail: format!("{{\"n\":{n}}}"),
    }
}

async fn raw_execute(store: &Store, sql: &'static str) -> Result<u64, sqlx::Error> {
    match store {
        Store::Sqlite(pool) => sqlx::query(sql)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()),
        Store::Postgres(pool) => sqlx::query(sql)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()),
    }
}

#[tokio::test]
async fn entries_chain_and_verify() {
    for store in stores().await {
        let (organisation, _) =
            organisation_with_member(&store, "Audit", "a@audit.example", Role::Admin).await;
        for n in 1..=5 {
            let mut tx = tx(&store).await;
            let action = if n % 2 == 0 {
                "user.sign_in"
            } else {
                "user.add"
            };
            assert_eq!(
                audit::append(&mut tx, entry(organisation, action, n))
                    .await
                    .unwrap(),
                n
            );
            tx.commit().await.unwrap();
        }
        let mut conn = store.connection().await.unwrap();
        let report = audit::verify(&mut conn).await.unwrap();
        assert_eq!(report.entries, 5);
        assert_eq!(report.first_broken, None);
        let all = audit::list(&mut conn, organisation, &AuditFilter::default(), 100, 0)
            .await
            .unwrap();
        assert_eq!(
            all.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [5, 4, 3, 2, 1]
        );
        let filter = AuditFilter {
            action: Some("user.sign_in".into()),
            ..AuditFilter::default()
        };
        assert_eq!(
            audit::list(&mut conn, organisation, &filter, 100, 0)
                .await
                .unwrap()
                .len(),
            2
        );
        let filter = AuditFilter {
            actor: Some("USER3@".into()),
            ..AuditFilter::default()
        };
        assert_eq!(
            audit::list(&mut conn, organisation, &filter, 100, 0)
                .await
                .unwrap()
                .len(),
            1
        );
        let other = procura_domain::OrganisationId::from_uuid(crate::uuid_v4());
        assert!(
            audit::list(&mut conn, other, &AuditFilter::default(), 100, 0)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn concurrent_appends_never_fork_the_chain() {
    for store in stores().await {
        let (organisation, _) =
            organisation_with_member(&store, "Busy", "b@busy.example", Role::Admin).await;
        let mut tasks = Vec::new();
        for n in 0..16 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = store.begin().await.unwrap();
                audit::append(&mut tx, entry(organisation, "user.add", n))
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let mut conn = store.connection().await.unwrap();
        let report = audit::verify(&mut conn).await.unwrap();
        assert_eq!((report.entries, report.first_broken), (16, None));
    }
}

#[tokio::test]
async fn the_database_refuses_updates_and_deletes() {
    for store in stores().await {
        let (organisation, _) =
            organisation_with_member(&store, "Locked", "l@locked.example", Role::Admin).await;
        let mut tx = tx(&store).await;
        audit::append(&mut tx, entry(organisation, "user.add", 1))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let update =
            raw_execute(&store, "UPDATE audit_log SET actor = 'mallory@example.org'").await;
        assert!(update.is_err(), "{:?}: UPDATE must fail", store.backend());
        let delete = raw_execute(&store, "DELETE FROM audit_log").await;
        assert!(delete.is_err(), "{:?}: DELETE must fail", store.backend());
    }
}

#[tokio::test]
async fn verify_reports_the_first_edited_entry() {
    for store in stores().await {
        let (organisation, _) =
            organisation_with_member(&store, "Tamper", "t@tamper.example", Role::Admin).await;
        for n in 1..=4 {
            let mut tx = tx(&store).await;
            audit::append(&mut tx, entry(organisation, "user.add", n))
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        // Someone with direct access removes the guard and edits entry 3.
        match store.backend() {
            Backend::Sqlite => {
                raw_execute(&store, "DROP TRIGGER audit_log_no_update")
                    .await
                    .unwrap();
            }
            Backend::Postgres => {
                raw_execute(
                    &store,
                    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
                )
                .await
                .unwrap();
            }
        }
        raw_execute(
            &store,
            "UPDATE audit_log SET actor = 'mallory@example.org' WHERE seq = 3",
        )
        .await
        .unwrap();
        let mut conn = store.connection().await.unwrap();
        let report = audit::verify(&mut conn).await.unwrap();
        assert_eq!(report.first_broken.map(|(seq, _)| seq), Some(3));
    }
}
