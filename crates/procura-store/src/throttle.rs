//! Failed sign-in counters per account and per address, shared by every
//! server instance through the database.

use procura_domain::Timestamp;

use crate::connection::{Connection, on};
use crate::error::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRecord {
    pub failures: i64,
    pub blocked_until: Timestamp,
}

#[derive(sqlx::FromRow)]
struct Row {
    failures: i64,
    blocked_until: i64,
}

pub async fn find(
    conn: &mut impl Connection,
    key: &str,
) -> Result<Option<ThrottleRecord>, StoreError> {
    const SQL: &str = "SELECT failures, blocked_until FROM sign_in_throttle WHERE key = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(key)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|row| ThrottleRecord {
        failures: row.failures,
        blocked_until: Timestamp(row.blocked_until),
    }))
}

pub async fn save(
    conn: &mut impl Connection,
    key: &str,
    record: ThrottleRecord,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO sign_in_throttle (key, failures, blocked_until, updated_at) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (key) DO UPDATE SET failures = $2, blocked_until = $3, updated_at = $4";
    on!(conn, |c| sqlx::query(SQL)
        .bind(key)
        .bind(record.failures)
        .bind(record.blocked_until.millis())
        .bind(now.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn clear(conn: &mut impl Connection, key: &str) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM sign_in_throttle WHERE key = $1";
    on!(conn, |c| sqlx::query(SQL)
        .bind(key)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
