//! Each uniqueness rule a write can break is named by the store, on both
//! backends: PostgreSQL reports constraint names, SQLite column lists, and
//! the callers only ever see the `Unique` rule.

use procura_domain::{
    CustomRequirementRecord, Email, InvitationId, OrganisationId, RequirementCode, RequirementKind,
    Role, Unique, UserId,
};
use procura_store::invitations::{self, NewInvitation};
use procura_store::{StoreError, Tx, projects, tender, users};

use crate::{NOW, organisation_with_member, project, stores, tx, uuid_v4};

fn assert_breaks<T: std::fmt::Debug>(result: Result<T, StoreError>, rule: Unique) {
    assert!(
        matches!(&result, Err(StoreError::Duplicate(broken)) if *broken == rule),
        "{rule:?}: {result:?}"
    );
}

fn requirement(organisation: OrganisationId, user: UserId) -> CustomRequirementRecord {
    CustomRequirementRecord {
        id: uuid_v4().to_string(),
        organisation_id: organisation,
        code: RequirementCode::parse("REQ-ORG-001").unwrap(),
        kind: RequirementKind::Minimum,
        importance: 3,
        practices: Vec::new(),
        procurement_types: Vec::new(),
        text_fr: "Exigence".to_owned(),
        text_en: "Requirement".to_owned(),
        evidence_fr: String::new(),
        evidence_en: String::new(),
        created_by: user,
        created_at: NOW,
    }
}

/// Runs `write` twice in transactions of their own: the second must break `rule`.
async fn twice<F, Fut>(store: &procura_store::Store, rule: Unique, write: F)
where
    F: Fn(Tx) -> Fut,
    Fut: std::future::Future<Output = Result<Tx, StoreError>>,
{
    let first = write(tx(store).await).await.unwrap();
    first.commit().await.unwrap();
    match write(tx(store).await).await {
        Ok(_) => panic!("{rule:?}: the second write went through"),
        Err(error) => assert_breaks::<()>(Err(error), rule),
    }
}

#[tokio::test]
async fn each_broken_rule_is_named() {
    for store in stores().await {
        let (alpha, admin) =
            organisation_with_member(&store, "CHU Alpha", "a@alpha.example", Role::Admin).await;
        let (_, outsider) =
            organisation_with_member(&store, "CHU Beta", "b@beta.example", Role::It).await;
        let email = Email::parse("a@alpha.example").unwrap();
        let mut conn = tx(&store).await;
        let again = users::insert(
            &mut conn,
            &users::NewUser {
                id: UserId::from_uuid(uuid_v4()),
                email: &email,
                display_name: "Again",
                password_hash: "hash",
                password_change: users::PasswordChange::NotRequired,
                superadmin: false,
                now: NOW,
            },
        )
        .await;
        assert_breaks(again, Unique::Email);
        drop(conn);
        let mut conn = tx(&store).await;
        let member_again = users::add_membership(&mut conn, alpha, admin, Role::It, NOW).await;
        assert_breaks(member_again, Unique::Membership);
        drop(conn);
        twice(&store, Unique::Invitation, |mut tx| async move {
            let invitation = NewInvitation {
                id: InvitationId::from_uuid(uuid_v4()),
                organisation_id: alpha,
                user_id: outsider,
                role: Role::It,
                invited_by: admin,
                created_at: NOW,
            };
            invitations::insert(&mut tx, &invitation).await.map(|()| tx)
        })
        .await;
        twice(&store, Unique::ProjectReference, |mut tx| async move {
            projects::insert(&mut tx, &project(alpha, admin))
                .await
                .map(|()| tx)
        })
        .await;
        twice(&store, Unique::RequirementCode, |mut tx| async move {
            tender::insert_custom(&mut tx, &requirement(alpha, admin))
                .await
                .map(|()| tx)
        })
        .await;
    }
}
