//! The receipts suppliers get when they submit through the portal.

use procura_domain::{BidId, ProjectId, Timestamp};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

/// A submission's receipt: its number, its moment and the SHA-256 of the
/// exact text submitted, which is kept beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub id: String,
    pub bid_id: BidId,
    pub project_id: ProjectId,
    pub number: String,
    pub submitted_at: Timestamp,
    pub sha256: String,
    pub content: String,
}

struct ReceiptRow {
    id: String,
    bid_id: String,
    project_id: String,
    number: String,
    submitted_at: i64,
    sha256: String,
    content: String,
}

impl<R: Columns> sqlx::FromRow<'_, R> for ReceiptRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(ReceiptRow {
            id: row.read("id")?,
            bid_id: row.read("bid_id")?,
            project_id: row.read("project_id")?,
            number: row.read("number")?,
            submitted_at: row.read("submitted_at")?,
            sha256: row.read("sha256")?,
            content: row.read("content")?,
        })
    }
}

impl ReceiptRow {
    fn into_record(self) -> Result<ReceiptRecord, StoreError> {
        Ok(ReceiptRecord {
            bid_id: BidId::parse(&self.bid_id).ok_or_else(|| corrupt("bid id", &self.bid_id))?,
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            id: self.id,
            number: self.number,
            submitted_at: Timestamp(self.submitted_at),
            sha256: self.sha256,
            content: self.content,
        })
    }
}

/// A bid's receipts, the latest last (a bid answers again after a
/// modification of the DCE).
pub async fn receipts(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<ReceiptRecord>, StoreError> {
    const SQL: &str = "SELECT id, bid_id, project_id, number, submitted_at, sha256, content \
         FROM bid_receipts WHERE bid_id = $1 ORDER BY submitted_at, number";
    let rows: Vec<ReceiptRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(ReceiptRow::into_record).collect()
}

/// How many receipts a project gave: the next one's number follows.
pub async fn receipt_count(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM bid_receipts WHERE project_id = $1";
    let count: i64 = on!(conn, |c| sqlx::query_scalar(SQL)
        .bind(project.to_string())
        .fetch_one(c)
        .await)?;
    Ok(count)
}

pub async fn insert_receipt(
    conn: &mut impl Connection,
    record: &ReceiptRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_receipts (id, bid_id, project_id, number, submitted_at, \
         sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&record.id)
        .bind(record.bid_id.to_string())
        .bind(record.project_id.to_string())
        .bind(&record.number)
        .bind(record.submitted_at.millis())
        .bind(&record.sha256)
        .bind(&record.content)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
