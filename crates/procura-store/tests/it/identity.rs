//! Organisations, users, memberships, sessions, tokens, throttling, setup.

use procura_domain::{
    Email, Lang, Name, OrganisationId, Role, Timestamp, TokenId, TokenRecord, Unique,
};
use procura_store::sessions::SessionRecord;
use procura_store::throttle::ThrottleRecord;
use procura_store::{StoreError, organisations, sessions, setup, throttle, tokens, users};

use crate::{NOW, organisation_with_member, stores, tx, uuid_v4};

#[tokio::test]
async fn organisations_are_unique_by_name_and_versioned() {
    for store in stores().await {
        let (id, _) =
            organisation_with_member(&store, "CHU Alpha", "a@alpha.example", Role::Admin).await;
        let mut tx = tx(&store).await;
        let duplicate = organisations::insert(
            &mut tx,
            OrganisationId::from_uuid(uuid_v4()),
            &Name::parse("CHU Alpha").unwrap(),
            NOW,
        )
        .await;
        assert!(
            matches!(
                duplicate,
                Err(StoreError::Duplicate(Unique::OrganisationName))
            ),
            "{duplicate:?}"
        );
        drop(tx);
        let mut tx = self::tx(&store).await;
        let record = organisations::find(&mut tx, id).await.unwrap().unwrap();
        assert_eq!(record.version, 1);
        let renamed = Name::parse("CHU Alpha Nord").unwrap();
        assert!(
            organisations::rename(&mut tx, id, &renamed, 1)
                .await
                .unwrap()
        );
        assert!(
            !organisations::rename(&mut tx, id, &renamed, 1)
                .await
                .unwrap(),
            "stale version refused"
        );
        tx.commit().await.unwrap();
        let mut conn = store.connection().await.unwrap();
        let record = organisations::find(&mut conn, id).await.unwrap().unwrap();
        assert_eq!(
            (record.name.as_str(), record.version),
            ("CHU Alpha Nord", 2)
        );
    }
}

#[tokio::test]
async fn members_are_scoped_to_their_organisation() {
    for store in stores().await {
        let (alpha, alice) =
            organisation_with_member(&store, "Alpha", "alice@alpha.example", Role::Admin).await;
        let (beta, bob) =
            organisation_with_member(&store, "Beta", "bob@beta.example", Role::Buyer).await;
        let mut conn = store.connection().await.unwrap();
        assert!(
            users::find_member(&mut conn, alpha, alice)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            users::find_member(&mut conn, alpha, bob)
                .await
                .unwrap()
                .is_none()
        );
        let alpha_members = users::members(&mut conn, alpha).await.unwrap();
        assert_eq!(alpha_members.len(), 1);
        assert_eq!(alpha_members[0].user.email.as_str(), "alice@alpha.example");
        drop(conn);
        let mut tx = tx(&store).await;
        assert!(
            !users::set_role(&mut tx, alpha, bob, Role::Admin)
                .await
                .unwrap(),
            "cannot touch Beta's user from Alpha"
        );
        assert!(!users::remove_membership(&mut tx, alpha, bob).await.unwrap());
        assert!(
            users::set_role(&mut tx, beta, bob, Role::Ciso)
                .await
                .unwrap()
        );
        users::set_lang(&mut tx, bob, Some(Lang::En)).await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.connection().await.unwrap();
        let bob_record = users::find_member(&mut conn, beta, bob)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(bob_record.role, Role::Ciso);
        assert_eq!(bob_record.user.lang, Some(Lang::En));
        let memberships = users::memberships_of(&mut conn, bob).await.unwrap();
        assert_eq!(memberships.len(), 1);
        assert_eq!(memberships[0].0.id, beta);
        let by_email = users::find_by_email(&mut conn, &Email::parse("BOB@beta.example").unwrap())
            .await
            .unwrap();
        assert_eq!(by_email.map(|u| u.id), Some(bob));
        assert_eq!(users::count(&mut conn).await.unwrap(), 2);
    }
}

#[tokio::test]
async fn a_failed_transaction_leaves_nothing_behind() {
    for store in stores().await {
        let (organisation, user) =
            organisation_with_member(&store, "Gamma", "g@gamma.example", Role::Admin).await;
        {
            let mut tx = tx(&store).await;
            users::set_role(&mut tx, organisation, user, Role::Viewer)
                .await
                .unwrap();
            let again = users::add_membership(&mut tx, organisation, user, Role::It, NOW).await;
            assert!(again.is_err());
            // Dropped without commit.
        }
        let mut conn = store.connection().await.unwrap();
        let member = users::find_member(&mut conn, organisation, user)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(member.role, Role::Admin);
    }
}

#[tokio::test]
async fn sessions_tokens_throttle_and_setup() {
    for store in stores().await {
        let (organisation, user) =
            organisation_with_member(&store, "Delta", "d@delta.example", Role::It).await;
        let mut tx = tx(&store).await;
        let session = SessionRecord {
            user_id: user,
            organisation_id: organisation,
            csrf_token: "csrf".into(),
            created_at: NOW,
            last_seen_at: NOW,
        };
        sessions::insert(&mut tx, "h1", &session).await.unwrap();
        sessions::touch(&mut tx, "h1", NOW.plus_seconds(60))
            .await
            .unwrap();
        let found = sessions::find(&mut tx, "h1").await.unwrap().unwrap();
        assert_eq!(found.last_seen_at, NOW.plus_seconds(60));
        assert_eq!(
            sessions::delete_expired(&mut tx, NOW.plus_seconds(30), NOW)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            sessions::delete_expired(&mut tx, NOW.plus_seconds(61), NOW)
                .await
                .unwrap(),
            1
        );
        assert!(sessions::find(&mut tx, "h1").await.unwrap().is_none());

        let token = TokenRecord {
            id: TokenId::from_uuid(uuid_v4()),
            user_id: user,
            organisation_id: organisation,
            name: "ci".into(),
            prefix: "pcr_abcd".into(),
            created_at: NOW,
            expires_at: Some(NOW.plus_seconds(3600)),
            revoked_at: None,
            last_used_at: None,
        };
        tokens::insert(&mut tx, &token, "th1").await.unwrap();
        let found = tokens::find_by_hash(&mut tx, "th1").await.unwrap().unwrap();
        assert!(found.is_usable(NOW));
        assert!(!found.is_usable(NOW.plus_seconds(3600)));
        assert!(tokens::revoke(&mut tx, token.id, user, NOW).await.unwrap());
        assert!(!tokens::revoke(&mut tx, token.id, user, NOW).await.unwrap());
        assert!(
            !tokens::find_by_hash(&mut tx, "th1")
                .await
                .unwrap()
                .unwrap()
                .is_usable(NOW)
        );
        assert_eq!(tokens::list_for_user(&mut tx, user).await.unwrap().len(), 1);

        let record = ThrottleRecord {
            failures: 3,
            blocked_until: NOW.plus_seconds(8),
        };
        throttle::save(&mut tx, "ip:127.0.0.1", record, NOW)
            .await
            .unwrap();
        throttle::save(
            &mut tx,
            "ip:127.0.0.1",
            ThrottleRecord {
                failures: 4,
                ..record
            },
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(
            throttle::find(&mut tx, "ip:127.0.0.1")
                .await
                .unwrap()
                .unwrap()
                .failures,
            4
        );
        throttle::clear(&mut tx, "ip:127.0.0.1").await.unwrap();
        assert!(
            throttle::find(&mut tx, "ip:127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );

        setup::replace(&mut tx, "s1", NOW).await.unwrap();
        setup::replace(&mut tx, "s2", NOW).await.unwrap();
        assert!(!setup::exists(&mut tx, "s1").await.unwrap());
        assert!(setup::take(&mut tx, "s2").await.unwrap());
        assert!(!setup::take(&mut tx, "s2").await.unwrap());
        tx.commit().await.unwrap();
        let _ = Timestamp(0);
    }
}
