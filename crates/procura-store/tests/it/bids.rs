//! Bids: a bid reads back as it was written, and one project has one award,
//! held by the database itself whatever path the second award takes.

use procura_domain::{
    BidId, BidRecord, BidSource, BidStatus, OrganisationId, ProjectId, Role, SupplierId,
    SupplierRecord, UserId,
};
use procura_store::{Store, StoreError, bids, suppliers};

use crate::{NOW, organisation_with_member, stores, tx, uuid_v4};

/// A project row with only what its bids need, written directly so that
/// this test depends on the bid and supplier functions alone.
async fn project(store: &Store, organisation: OrganisationId, by: UserId) -> ProjectId {
    const SQL: &str = "INSERT INTO projects (id, organisation_id, reference, title, description, \
         procurement_types, cpv_codes, sites, special_category_data, stage, catalog_edition, created_by, \
         created_at, updated_at) \
         VALUES ($1, $2, 'MAR-1', 'Dossier patient', '', 'software', '', '', FALSE, 'supplier-selection', \
         'test', $3, 0, 0)";
    let id = ProjectId::from_uuid(uuid_v4());
    let (id_text, organisation, by) = (id.to_string(), organisation.to_string(), by.to_string());
    match store {
        Store::Sqlite(pool) => sqlx::query(SQL)
            .bind(id_text)
            .bind(organisation)
            .bind(by)
            .execute(pool)
            .await
            .map(|_| ()),
        Store::Postgres(pool) => sqlx::query(SQL)
            .bind(id_text)
            .bind(organisation)
            .bind(by)
            .execute(pool)
            .await
            .map(|_| ()),
    }
    .expect("project row");
    id
}

fn supplier(organisation: OrganisationId, by: UserId) -> SupplierRecord {
    SupplierRecord {
        id: SupplierId::from_uuid(uuid_v4()),
        organisation_id: organisation,
        name: "Alpha Santé".into(),
        company_id: String::new(),
        vat: String::new(),
        contacts: String::new(),
        certifications: Vec::new(),
        created_by: by,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
    }
}

fn bid(project: ProjectId, supplier: &SupplierRecord, offer: &str) -> BidRecord {
    BidRecord {
        id: BidId::from_uuid(uuid_v4()),
        project_id: project,
        supplier_id: supplier.id,
        supplier_name: supplier.name.clone(),
        offer: offer.into(),
        product_version: String::new(),
        status: BidStatus::Pending,
        answered_version: None,
        source: None,
        submitted_at: None,
        created_by: supplier.created_by,
        created_at: NOW,
        updated_at: NOW,
        version: 1,
    }
}

#[tokio::test]
async fn a_project_has_one_award_whatever_the_path() {
    for store in stores().await {
        let (organisation, buyer) =
            organisation_with_member(&store, "CHU", "buyer@chu.example", Role::Buyer).await;
        let project = project(&store, organisation, buyer).await;
        let supplier = supplier(organisation, buyer);
        let alpha = bid(project, &supplier, "DPI");
        let bravo = BidRecord {
            source: Some(BidSource::Portal),
            answered_version: Some(2),
            submitted_at: Some(NOW),
            status: BidStatus::Submitted,
            ..bid(project, &supplier, "DPI cloud")
        };
        let mut tx = tx(&store).await;
        suppliers::insert_supplier(&mut tx, &supplier)
            .await
            .unwrap();
        bids::insert_bid(&mut tx, &alpha).await.unwrap();
        bids::insert_bid(&mut tx, &bravo).await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.connection().await.unwrap();
        let other = bids::bid_by_id(&mut conn, bravo.id).await.unwrap().unwrap();
        assert_eq!(other, bravo, "{:?}", store.backend());
        let awarded = BidRecord {
            status: BidStatus::Awarded,
            ..alpha
        };
        assert!(bids::update_bid(&mut conn, &awarded).await.unwrap());
        // Two awards at once cannot both land: the service checks first,
        // but the database refuses the second whatever the path.
        let second = bids::update_bid(
            &mut conn,
            &BidRecord {
                status: BidStatus::Awarded,
                ..other
            },
        )
        .await;
        assert!(
            matches!(second, Err(StoreError::Duplicate { .. })),
            "{:?}: {second:?}",
            store.backend()
        );
        let kept = bids::bid_by_id(&mut conn, bravo.id).await.unwrap().unwrap();
        assert_eq!(kept.status, BidStatus::Submitted);
    }
}
