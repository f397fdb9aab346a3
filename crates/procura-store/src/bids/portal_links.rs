//! Links to the supplier portal, one bid each. Only the SHA-256 of a link's
//! secret is stored, and a link is found by that hash alone.

use procura_domain::{BidId, PortalLinkRecord, Timestamp};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::decode::user;
use crate::error::{StoreError, corrupt};

struct LinkRow {
    id: String,
    bid_id: String,
    created_by: String,
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    last_used_at: Option<i64>,
}

impl<R: Columns> sqlx::FromRow<'_, R> for LinkRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(LinkRow {
            id: row.read("id")?,
            bid_id: row.read("bid_id")?,
            created_by: row.read("created_by")?,
            created_at: row.read("created_at")?,
            expires_at: row.read("expires_at")?,
            revoked_at: row.read("revoked_at")?,
            last_used_at: row.read("last_used_at")?,
        })
    }
}

impl LinkRow {
    fn into_record(self) -> Result<PortalLinkRecord, StoreError> {
        Ok(PortalLinkRecord {
            bid_id: BidId::parse(&self.bid_id).ok_or_else(|| corrupt("bid id", &self.bid_id))?,
            id: self.id,
            created_by: user(&self.created_by)?,
            created_at: Timestamp(self.created_at),
            expires_at: Timestamp(self.expires_at),
            revoked_at: self.revoked_at.map(Timestamp),
            last_used_at: self.last_used_at.map(Timestamp),
        })
    }
}

macro_rules! link_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, bid_id, created_by, created_at, expires_at, revoked_at, last_used_at FROM bid_portal_links ",
            $tail
        )
    };
}

pub async fn insert_link(
    conn: &mut impl Connection,
    link: &PortalLinkRecord,
    token_hash: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_portal_links (id, bid_id, token_hash, created_by, created_at, expires_at, \
         revoked_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&link.id)
        .bind(link.bid_id.to_string())
        .bind(token_hash)
        .bind(link.created_by.to_string())
        .bind(link.created_at.millis())
        .bind(link.expires_at.millis())
        .bind(link.revoked_at.map(|t| t.millis()))
        .bind(link.last_used_at.map(|t| t.millis()))
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The link whose secret hashes to `token_hash`, usable or not.
pub async fn link_by_hash(
    conn: &mut impl Connection,
    token_hash: &str,
) -> Result<Option<PortalLinkRecord>, StoreError> {
    const SQL: &str = link_select!("WHERE token_hash = $1");
    let row: Option<LinkRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(token_hash)
        .fetch_optional(c)
        .await)?;
    row.map(LinkRow::into_record).transpose()
}

pub async fn links(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<PortalLinkRecord>, StoreError> {
    const SQL: &str = link_select!("WHERE bid_id = $1 ORDER BY created_at, id");
    let rows: Vec<LinkRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(LinkRow::into_record).collect()
}

/// Revokes a link of `bid`; `false` when there is no such live link.
pub async fn revoke_link(
    conn: &mut impl Connection,
    bid: BidId,
    id: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE bid_portal_links SET revoked_at = $1 WHERE bid_id = $2 AND id = $3 AND revoked_at IS NULL";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(bid.to_string())
        .bind(id)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn touch_link(
    conn: &mut impl Connection,
    id: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE bid_portal_links SET last_used_at = $1 WHERE id = $2";
    on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(id)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
