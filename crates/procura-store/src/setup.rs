//! The one-time token that lets the first person set an instance up.

use procura_domain::Timestamp;

use crate::connection::{Connection, on};
use crate::error::StoreError;

/// Replaces any earlier setup token with this one.
pub async fn replace(
    conn: &mut impl Connection,
    token_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on!(conn, |c| sqlx::query("DELETE FROM setup_tokens")
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    const SQL: &str = "INSERT INTO setup_tokens (token_hash, created_at) VALUES ($1, $2)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(token_hash)
        .bind(now.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn exists(conn: &mut impl Connection, token_hash: &str) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1";
    let (count,): (i64,) = on!(conn, |c| sqlx::query_as(SQL)
        .bind(token_hash)
        .fetch_one(c)
        .await)?;
    Ok(count == 1)
}

/// Consumes the token; `false` when it was not (or no longer) valid.
pub async fn take(conn: &mut impl Connection, token_hash: &str) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM setup_tokens WHERE token_hash = $1";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(token_hash)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
