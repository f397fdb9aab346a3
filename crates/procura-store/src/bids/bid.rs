//! The bid rows: which supplier offered what to a project, how and when its
//! answers came in, and where it stands. The supplier's name is read with
//! the bid from the register.

use procura_domain::{
    BidId, BidRecord, BidSource, BidStatus, OrganisationId, ProjectId, SupplierId, Timestamp,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::decode::user;
use crate::error::{StoreError, corrupt};

struct BidRow {
    id: String,
    project_id: String,
    supplier_id: String,
    supplier_name: String,
    offer: String,
    product_version: String,
    status: String,
    answered_version: Option<i64>,
    source: Option<String>,
    submitted_at: Option<i64>,
    created_by: String,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for BidRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(BidRow {
            id: row.read("id")?,
            project_id: row.read("project_id")?,
            supplier_id: row.read("supplier_id")?,
            supplier_name: row.read("supplier_name")?,
            offer: row.read("offer")?,
            product_version: row.read("product_version")?,
            status: row.read("status")?,
            answered_version: row.read("answered_version")?,
            source: row.read("source")?,
            submitted_at: row.read("submitted_at")?,
            created_by: row.read("created_by")?,
            created_at: row.read("created_at")?,
            updated_at: row.read("updated_at")?,
            version: row.read("version")?,
        })
    }
}

impl BidRow {
    fn into_record(self) -> Result<BidRecord, StoreError> {
        Ok(BidRecord {
            id: BidId::parse(&self.id).ok_or_else(|| corrupt("bid id", &self.id))?,
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            supplier_id: SupplierId::parse(&self.supplier_id)
                .ok_or_else(|| corrupt("supplier id", &self.supplier_id))?,
            supplier_name: self.supplier_name,
            offer: self.offer,
            product_version: self.product_version,
            status: BidStatus::parse(&self.status)
                .ok_or_else(|| corrupt("bid status", &self.status))?,
            answered_version: self.answered_version,
            source: self
                .source
                .map(|text| BidSource::parse(&text).ok_or_else(|| corrupt("bid source", &text)))
                .transpose()?,
            submitted_at: self.submitted_at.map(Timestamp),
            created_by: user(&self.created_by)?,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            version: self.version,
        })
    }
}

macro_rules! bid_select {
    ($tail:literal) => {
        concat!(
            "SELECT b.id, b.project_id, b.supplier_id, s.name AS supplier_name, b.offer, b.product_version, ",
            "b.status, b.answered_version, b.source, b.submitted_at, b.created_by, b.created_at, b.updated_at, ",
            "b.version FROM bids b JOIN suppliers s ON s.id = b.supplier_id JOIN projects p ON p.id = b.project_id ",
            $tail
        )
    };
}

pub async fn insert_bid(conn: &mut impl Connection, bid: &BidRecord) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bids (id, project_id, supplier_id, offer, product_version, status, \
         answered_version, source, submitted_at, created_by, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(bid.id.to_string())
        .bind(bid.project_id.to_string())
        .bind(bid.supplier_id.to_string())
        .bind(&bid.offer)
        .bind(&bid.product_version)
        .bind(bid.status.id())
        .bind(bid.answered_version)
        .bind(bid.source.map(BidSource::id))
        .bind(bid.submitted_at.map(|t| t.millis()))
        .bind(bid.created_by.to_string())
        .bind(bid.created_at.millis())
        .bind(bid.updated_at.millis())
        .bind(bid.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Saves a bid's own fields if it is still at `bid.version`; `false` when
/// someone changed it first. The version rises by one.
pub async fn update_bid(conn: &mut impl Connection, bid: &BidRecord) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE bids SET offer = $1, product_version = $2, status = $3, answered_version = $4, \
         source = $5, submitted_at = $6, updated_at = $7, version = version + 1 \
         WHERE id = $8 AND project_id = $9 AND version = $10";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(&bid.offer)
        .bind(&bid.product_version)
        .bind(bid.status.id())
        .bind(bid.answered_version)
        .bind(bid.source.map(BidSource::id))
        .bind(bid.submitted_at.map(|t| t.millis()))
        .bind(bid.updated_at.millis())
        .bind(bid.id.to_string())
        .bind(bid.project_id.to_string())
        .bind(bid.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// One bid, if its project belongs to `organisation`.
pub async fn find_bid(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: BidId,
) -> Result<Option<BidRecord>, StoreError> {
    const SQL: &str = bid_select!("WHERE p.organisation_id = $1 AND b.id = $2");
    let row: Option<BidRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(BidRow::into_record).transpose()
}

/// A bid by its id alone, for the supplier portal whose link names it.
pub async fn bid_by_id(
    conn: &mut impl Connection,
    id: BidId,
) -> Result<Option<BidRecord>, StoreError> {
    const SQL: &str = bid_select!("WHERE b.id = $1");
    let row: Option<BidRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(BidRow::into_record).transpose()
}

/// A project's bids in the order they were registered.
pub async fn bids_for_project(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<BidRecord>, StoreError> {
    const SQL: &str = bid_select!("WHERE b.project_id = $1 ORDER BY b.created_at, b.id");
    let rows: Vec<BidRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(BidRow::into_record).collect()
}
