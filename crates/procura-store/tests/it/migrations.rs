//! Data written by an earlier release is brought up to date by the
//! migrations, on both databases.

use procura_domain::{OrganisationId, RequirementKind, UserId};
use procura_store::{projects, tender, testing};

use crate::{NOW, project, uuid_v4};

/// Stored "eligibility" lines become selection conditions where the
/// library now classes the requirement as one, and minimum requirements
/// otherwise; an organisation's own eligibility requirements become
/// minimum requirements; award criteria and clauses are left alone.
#[tokio::test]
async fn eligibility_lines_become_selection_conditions_or_minimum_requirements() {
    for store in testing::stores_migrated_until(7).await.unwrap() {
        let (organisation, user) = member_at_seven(&store).await;
        let record = project(organisation, user);
        let id = record.id.to_string();
        let mut tx = store.begin().await.unwrap();
        projects::insert(&mut tx, &record).await.unwrap();
        tx.commit().await.unwrap();
        testing::execute(
            &store,
            "INSERT INTO tender_selections (project_id, updated_by, updated_at, version) \
             SELECT $2, id, $1, 1 FROM users LIMIT 1",
            NOW.0,
            &id,
        )
        .await
        .unwrap();
        for (position, code, kind) in [
            (1, "REQ-VUL-01", "eligibility"),
            (2, "REQ-CRT-01", "eligibility"),
            (3, "REQ-LOG-01", "eligibility"),
            (4, "REQ-VUL-02", "eligibility"),
            (5, "REQ-PAT-02", "award"),
            (6, "REQ-VUL-03", "clause"),
            (7, "REQ-ORG-001", "eligibility"),
        ] {
            let sql: &'static str = Box::leak(
                format!(
                    "INSERT INTO tender_lines (project_id, code, position, included, kind, weight) \
                     VALUES ($2, '{code}', $1, TRUE, '{kind}', 0)"
                )
                .into_boxed_str(),
            );
            testing::execute(&store, sql, position, &id).await.unwrap();
        }
        testing::execute(
            &store,
            "INSERT INTO custom_requirements (id, organisation_id, code, kind, importance, practices, \
             procurement_types, text_fr, text_en, evidence_fr, evidence_en, created_by, created_at) \
             SELECT 'own-1', $2, 'REQ-ORG-001', 'eligibility', 0, '2', 'medical-devices', 'x', 'x', 'y', 'y', id, $1 \
             FROM users LIMIT 1",
            NOW.0,
            &organisation.to_string(),
        )
        .await
        .unwrap();

        store.migrate().await.unwrap();

        let kinds = testing::texts(
            &store,
            "SELECT kind FROM tender_lines WHERE position >= $1 AND project_id = $2 ORDER BY position",
            0,
            &id,
        )
        .await
        .unwrap();
        assert_eq!(
            kinds,
            [
                "selection",
                "selection",
                "minimum",
                "minimum",
                "award",
                "clause",
                "minimum"
            ],
            "{:?}",
            store.backend()
        );
        let own = testing::texts(
            &store,
            "SELECT kind FROM custom_requirements WHERE importance >= $1 AND organisation_id = $2",
            0,
            &organisation.to_string(),
        )
        .await
        .unwrap();
        assert_eq!(own, ["minimum"], "{:?}", store.backend());
        // The store reads every migrated line back as a known kind.
        let mut conn = store.connection().await.unwrap();
        let (_, _, lines) = tender::selection(&mut conn, record.id)
            .await
            .unwrap()
            .expect("selection");
        assert_eq!(lines[0].kind, RequirementKind::Selection);
        assert_eq!(lines[2].kind, RequirementKind::Minimum);
    }
}

/// An organisation and its administrator written as a database at
/// migration 7 holds them: later columns do not exist yet, so the store's
/// own inserts, which write them, cannot be used.
async fn member_at_seven(store: &procura_store::Store) -> (OrganisationId, UserId) {
    let organisation = OrganisationId::from_uuid(uuid_v4());
    let user = UserId::from_uuid(uuid_v4());
    testing::execute(
        store,
        "INSERT INTO organisations (id, name, created_at) VALUES ($2, 'CHU Test', $1)",
        NOW.0,
        &organisation.to_string(),
    )
    .await
    .unwrap();
    testing::execute(
        store,
        "INSERT INTO users (id, email, display_name, password_hash, superadmin, created_at) \
         VALUES ($2, 'dsi@chu.test', 'Test', 'hash', FALSE, $1)",
        NOW.0,
        &user.to_string(),
    )
    .await
    .unwrap();
    testing::execute(
        store,
        "INSERT INTO memberships (organisation_id, user_id, role, created_at) \
         SELECT o.id, $2, 'admin', $1 FROM organisations o WHERE o.name = 'CHU Test'",
        NOW.0,
        &user.to_string(),
    )
    .await
    .unwrap();
    (organisation, user)
}
