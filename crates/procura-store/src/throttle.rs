//! Failed sign-in counters per account and per address, shared by every
//! server instance through the database.
//!
//! A sign-in takes its attempt with [`reserve`] *before* the password is
//! checked: counting the attempt and setting the block it earns are one
//! `UPDATE`, so concurrent attempts each see the previous one's count and
//! none can slip past the back-off. A success gives the attempt back.

use procura_domain::Timestamp;

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRecord {
    pub failures: i64,
    pub blocked_until: Timestamp,
}

struct Row {
    failures: i64,
    blocked_until: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            failures: row.read("failures")?,
            blocked_until: row.read("blocked_until")?,
        })
    }
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

/// Attempts allowed before the back-off starts, and its ceiling. After
/// `free` attempts, each further attempt blocks the key for 1 s, 2 s, 4 s…
/// up to `max_block_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub free: i64,
    pub max_block_seconds: i64,
}

/// Takes one attempt for `key` unless it is blocked at `now`: the count goes
/// up by one and the block the new count earns is set, in one statement.
/// Returns the attempt's number, or `None` when the key is blocked (nothing
/// is counted then).
pub async fn reserve(
    conn: &mut impl Connection,
    key: &str,
    backoff: Backoff,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    const CREATE: &str = "INSERT INTO sign_in_throttle (key, failures, blocked_until, updated_at) \
                          VALUES ($1, 0, 0, $2) ON CONFLICT (key) DO NOTHING";
    // The row is locked by the UPDATE (PostgreSQL re-reads it, and re-checks
    // the WHERE clause, after a concurrent attempt commits; SQLite runs one
    // writer at a time), so two attempts never both read the same count.
    // The shift stays below 20, whatever the count: 1000 << 20 ms is past
    // any sensible ceiling.
    const TAKE: &str = "UPDATE sign_in_throttle SET failures = failures + 1, updated_at = $2, \
                        blocked_until = $2 + CASE \
                            WHEN failures + 1 < $3 THEN 0 \
                            WHEN failures + 1 - $3 >= 20 THEN $4 \
                            WHEN (CAST(1000 AS BIGINT) << CAST(failures + 1 - $3 AS INTEGER)) > $4 THEN $4 \
                            ELSE CAST(1000 AS BIGINT) << CAST(failures + 1 - $3 AS INTEGER) END \
                        WHERE key = $1 AND blocked_until <= $2 RETURNING failures";
    on!(conn, |c| sqlx::query(CREATE)
        .bind(key)
        .bind(now.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    let taken: Option<(i64,)> = on!(conn, |c| sqlx::query_as(TAKE)
        .bind(key)
        .bind(now.millis())
        .bind(backoff.free)
        .bind(backoff.max_block_seconds.saturating_mul(1000))
        .fetch_optional(c)
        .await)?;
    Ok(taken.map(|(attempt,)| attempt))
}

/// Gives back an attempt taken with [`reserve`] that was not a failure (the
/// password was right, or it was never checked). A block the attempt set
/// stays: it only exists when the key already had `free` failures.
pub async fn release(conn: &mut impl Connection, key: &str) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE sign_in_throttle SET failures = failures - 1 \
                       WHERE key = $1 AND failures > 0";
    on!(conn, |c| sqlx::query(SQL)
        .bind(key)
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
