//! Evaluators' overrides: one requirement's score set by hand, with who
//! decided it, when, and why.

use procura_domain::{BidId, OverrideRecord, RequirementCode, Timestamp};

use crate::connection::{Connection, on};
use crate::decode::{code, u32_of, user};
use crate::error::StoreError;

pub async fn overrides(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<OverrideRecord>, StoreError> {
    const SQL: &str = "SELECT code, score, justification, decided_by, decided_at FROM bid_overrides \
         WHERE bid_id = $1 ORDER BY code";
    let rows: Vec<(String, i64, String, String, i64)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(text, score, justification, by, at)| {
            Ok(OverrideRecord {
                code: code(&text)?,
                score: u32_of(score, "override score")?,
                justification,
                decided_by: user(&by)?,
                decided_at: Timestamp(at),
            })
        })
        .collect()
}

pub async fn put_override(
    conn: &mut impl Connection,
    bid: BidId,
    record: &OverrideRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_overrides (bid_id, code, score, justification, decided_by, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (bid_id, code) DO UPDATE SET score = excluded.score, \
         justification = excluded.justification, decided_by = excluded.decided_by, decided_at = excluded.decided_at";
    on!(conn, |c| sqlx::query(SQL)
        .bind(bid.to_string())
        .bind(record.code.as_str())
        .bind(i64::from(record.score))
        .bind(&record.justification)
        .bind(record.decided_by.to_string())
        .bind(record.decided_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Removes an override; `false` when there was none.
pub async fn delete_override(
    conn: &mut impl Connection,
    bid: BidId,
    code: &RequirementCode,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM bid_overrides WHERE bid_id = $1 AND code = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(bid.to_string())
        .bind(code.as_str())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}
