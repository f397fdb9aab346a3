//! A project's timeline: lines are written with their action's id and read
//! back with the action parsed, an id this version does not write kept as
//! it is.

use procura_domain::{AuditAction, ProjectId, Role, Timestamp};
use procura_store::projects::{self, EventRecord};

use crate::{NOW, organisation_with_member, project, stores, tx, uuid_v4};

fn event(kind: &str, at: i64) -> EventRecord {
    EventRecord {
        id: uuid_v4().to_string(),
        at,
        actor: "a@alpha.example".to_owned(),
        kind: kind.to_owned(),
        detail: "{}".to_owned(),
    }
}

#[tokio::test]
async fn events_come_back_newest_first_with_their_action() {
    for store in stores().await {
        let (organisation, user) =
            organisation_with_member(&store, "CHU Alpha", "a@alpha.example", Role::Admin).await;
        let project = project(organisation, user);
        let id: ProjectId = project.id;
        let mut tx = tx(&store).await;
        projects::insert(&mut tx, &project).await.unwrap();
        let early = NOW.millis();
        projects::insert_event(&mut tx, id, &event("item.update", early))
            .await
            .unwrap();
        projects::insert_event(&mut tx, id, &event("legacy.kind", early + 1))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.connection().await.unwrap();
        let events = projects::events(&mut conn, id).await.unwrap();
        let read: Vec<_> = events
            .iter()
            .map(|e| (e.at, e.action, e.kind.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                (Timestamp(early + 1), None, "legacy.kind"),
                (
                    Timestamp(early),
                    Some(AuditAction::ItemUpdate),
                    "item.update"
                ),
            ]
        );
    }
}
