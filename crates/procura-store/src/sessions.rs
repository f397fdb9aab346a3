//! Browser sessions, kept in the database so that every server instance
//! recognises them. Only a hash of the session id is stored.

use procura_domain::{OrganisationId, Timestamp, UserId};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

struct Row {
    user_id: String,
    organisation_id: String,
    csrf_token: String,
    created_at: i64,
    last_seen_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            user_id: row.read("user_id")?,
            organisation_id: row.read("organisation_id")?,
            csrf_token: row.read("csrf_token")?,
            created_at: row.read("created_at")?,
            last_seen_at: row.read("last_seen_at")?,
        })
    }
}

pub async fn insert(
    conn: &mut impl Connection,
    id_hash: &str,
    session: &SessionRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO sessions (id_hash, user_id, organisation_id, csrf_token, created_at, last_seen_at) \
                       VALUES ($1, $2, $3, $4, $5, $6)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(id_hash)
        .bind(session.user_id.to_string())
        .bind(session.organisation_id.to_string())
        .bind(&session.csrf_token)
        .bind(session.created_at.millis())
        .bind(session.last_seen_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn find(
    conn: &mut impl Connection,
    id_hash: &str,
) -> Result<Option<SessionRecord>, StoreError> {
    const SQL: &str = "SELECT user_id, organisation_id, csrf_token, created_at, last_seen_at \
                       FROM sessions WHERE id_hash = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id_hash)
        .fetch_optional(c)
        .await)?;
    row.map(|row| {
        Ok(SessionRecord {
            user_id: UserId::parse(&row.user_id).ok_or_else(|| corrupt("user id", &row.user_id))?,
            organisation_id: OrganisationId::parse(&row.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &row.organisation_id))?,
            csrf_token: row.csrf_token,
            created_at: Timestamp(row.created_at),
            last_seen_at: Timestamp(row.last_seen_at),
        })
    })
    .transpose()
}

pub async fn touch(
    conn: &mut impl Connection,
    id_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2";
    on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(id_hash)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn switch_organisation(
    conn: &mut impl Connection,
    id_hash: &str,
    organisation: OrganisationId,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE sessions SET organisation_id = $1 WHERE id_hash = $2";
    on!(conn, |c| sqlx::query(SQL)
        .bind(organisation.to_string())
        .bind(id_hash)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn delete(conn: &mut impl Connection, id_hash: &str) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE id_hash = $1";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(id_hash)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Ends every session of a user, e.g. after a password reset.
pub async fn delete_for_user(conn: &mut impl Connection, user: UserId) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE user_id = $1";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(user.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done)
}

/// Ends every session of a user but one (the one that made the change).
pub async fn delete_others_for_user(
    conn: &mut impl Connection,
    user: UserId,
    keep_id_hash: &str,
) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(user.to_string())
        .bind(keep_id_hash)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done)
}

/// Removes sessions idle since `idle_before` or created before `created_before`.
pub async fn delete_expired(
    conn: &mut impl Connection,
    idle_before: Timestamp,
    created_before: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(idle_before.millis())
        .bind(created_before.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done)
}
