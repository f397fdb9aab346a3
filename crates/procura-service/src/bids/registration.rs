//! Registering a bid on a project for a supplier of the register, and
//! whether a project's contract was awarded, which closes its evaluation.

use procura_domain::AuditAction;
use procura_domain::{BidId, BidRecord, BidStatus, Permission, ProjectId, Timestamp};
use procura_store::bids;
use procura_store::suppliers;
use serde_json::json;

use crate::secret::new_uuid;
use crate::suppliers::{SupplierInput, bounded};
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    /// Registers a bid; the supplier is taken from the register by name,
    /// or added to it.
    pub async fn add_bid(
        &self,
        principal: &Principal,
        project: ProjectId,
        supplier_name: &str,
        offer: &str,
        product_version: &str,
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let bid = self
            .add_bid_in(
                &mut tx,
                principal,
                project,
                supplier_name,
                offer,
                product_version,
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(bid)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) async fn add_bid_in(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        project: ProjectId,
        supplier_name: &str,
        offer: &str,
        product_version: &str,
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let (record_, _, rights) = self.visible(tx, principal, project).await?;
        if !rights.evaluate {
            return Err(ServiceError::Forbidden);
        }
        if awarded(tx, project).await? {
            return Err(Invalid::EvaluationClosed.into());
        }
        bounded(offer, 200)?;
        bounded(product_version, 100)?;
        let supplier = match suppliers::supplier_by_name(
            tx,
            principal.organisation_id,
            supplier_name,
        )
        .await?
        {
            Some(supplier) => supplier,
            // A new company joins the register only through someone who
            // keeps it.
            None if !principal.can(Permission::ManageSuppliers) => {
                return Err(Invalid::UnknownSupplier.into());
            }
            None => {
                let input = SupplierInput {
                    name: supplier_name.to_owned(),
                    ..SupplierInput::default()
                };
                self.new_supplier(tx, principal, &input, now).await?
            }
        };
        let bid = BidRecord {
            id: BidId::from_uuid(new_uuid()?),
            project_id: record_.id,
            supplier_id: supplier.id,
            supplier_name: supplier.name.clone(),
            offer: offer.trim().to_owned(),
            product_version: product_version.trim().to_owned(),
            status: BidStatus::Pending,
            answered_version: None,
            source: None,
            submitted_at: None,
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        bids::insert_bid(tx, &bid).await?;
        crate::timeline::log(
            tx,
            principal,
            project,
            now,
            AuditAction::BidAdd,
            json!({ "bid": bid.id.to_string(), "supplier": supplier.name, "offer": bid.offer }),
        )
        .await?;
        Ok(bid)
    }
}

/// Whether the contract of `project` was awarded.
pub(super) async fn awarded(
    conn: &mut impl procura_store::Connection,
    project: ProjectId,
) -> Result<bool, ServiceError> {
    Ok(bids::bids_for_project(conn, project)
        .await?
        .iter()
        .any(|b| b.status == BidStatus::Awarded))
}
