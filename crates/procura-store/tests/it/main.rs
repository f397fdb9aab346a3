//! The store conformance suite: every test runs on SQLite, and on PostgreSQL
//! too when `PROCURA_TEST_DATABASE_URL` is set (CI always sets it).

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod audit;
mod bids;
mod identity;
mod migrations;
mod schema;
mod throttle;
mod timeline;
mod unique;

use procura_domain::{
    Email, Name, OrganisationId, ProjectId, ProjectRecord, Role, Stage, Timestamp, UserId,
};
use procura_store::{Store, Tx, organisations, users};

pub const NOW: Timestamp = Timestamp(1_780_000_000_000);

pub async fn stores() -> Vec<Store> {
    procura_store::testing::fresh_stores()
        .await
        .expect("fresh stores")
}

pub async fn tx(store: &Store) -> Tx {
    store.begin().await.expect("begin")
}

/// Creates an organisation with one member and returns their ids.
pub async fn organisation_with_member(
    store: &Store,
    name: &str,
    email: &str,
    role: Role,
) -> (OrganisationId, UserId) {
    let mut tx = tx(store).await;
    let organisation = OrganisationId::from_uuid(uuid_v4());
    organisations::insert(&mut tx, organisation, &Name::parse(name).unwrap(), NOW)
        .await
        .unwrap();
    let user = UserId::from_uuid(uuid_v4());
    let email = Email::parse(email).unwrap();
    users::insert(
        &mut tx,
        &users::NewUser {
            id: user,
            email: &email,
            display_name: "Test",
            password_hash: "hash",
            password_change: users::PasswordChange::NotRequired,
            superadmin: false,
            now: NOW,
        },
    )
    .await
    .unwrap();
    users::add_membership(&mut tx, organisation, user, role, NOW)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (organisation, user)
}

pub fn uuid_v4() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}

/// A project at planning with reference `MAR-2026-01`, made by `user`.
pub fn project(organisation: OrganisationId, user: UserId) -> ProjectRecord {
    ProjectRecord {
        id: ProjectId::from_uuid(uuid_v4()),
        organisation_id: organisation,
        reference: procura_domain::ProjectReference::parse("MAR-2026-01").unwrap(),
        title: "PACS".to_owned(),
        description: String::new(),
        procurement_types: Vec::new(),
        estimated_value: None,
        currency: None,
        cpv_codes: Vec::new(),
        sites: Vec::new(),
        special_category_data: false,
        stage: Stage::Planning,
        planned: Default::default(),
        catalog_edition: "2024".to_owned(),
        created_by: user,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
    }
}
