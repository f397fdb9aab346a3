//! Personal API tokens. The secret is shown once; only its hash is stored.

use procura_domain::{OrganisationId, Timestamp, TokenId, TokenRecord, UserId};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct Row {
    id: String,
    user_id: String,
    organisation_id: String,
    name: String,
    prefix: String,
    created_at: i64,
    expires_at: Option<i64>,
    revoked_at: Option<i64>,
    last_used_at: Option<i64>,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            user_id: row.read("user_id")?,
            organisation_id: row.read("organisation_id")?,
            name: row.read("name")?,
            prefix: row.read("prefix")?,
            created_at: row.read("created_at")?,
            expires_at: row.read("expires_at")?,
            revoked_at: row.read("revoked_at")?,
            last_used_at: row.read("last_used_at")?,
        })
    }
}

impl Row {
    fn into_record(self) -> Result<TokenRecord, StoreError> {
        Ok(TokenRecord {
            id: TokenId::parse(&self.id).ok_or_else(|| corrupt("token id", &self.id))?,
            user_id: UserId::parse(&self.user_id)
                .ok_or_else(|| corrupt("user id", &self.user_id))?,
            organisation_id: OrganisationId::parse(&self.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &self.organisation_id))?,
            name: self.name,
            prefix: self.prefix,
            created_at: Timestamp(self.created_at),
            expires_at: self.expires_at.map(Timestamp),
            revoked_at: self.revoked_at.map(Timestamp),
            last_used_at: self.last_used_at.map(Timestamp),
        })
    }
}

pub async fn insert(
    conn: &mut impl Connection,
    token: &TokenRecord,
    token_hash: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO api_tokens (id, user_id, organisation_id, name, token_hash, prefix, created_at, expires_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(token.id.to_string())
        .bind(token.user_id.to_string())
        .bind(token.organisation_id.to_string())
        .bind(&token.name)
        .bind(token_hash)
        .bind(&token.prefix)
        .bind(token.created_at.millis())
        .bind(token.expires_at.map(Timestamp::millis))
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn find_by_hash(
    conn: &mut impl Connection,
    token_hash: &str,
) -> Result<Option<TokenRecord>, StoreError> {
    const SQL: &str = "SELECT id, user_id, organisation_id, name, prefix, created_at, expires_at, revoked_at, last_used_at \
                       FROM api_tokens WHERE token_hash = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(token_hash)
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

pub async fn list_for_user(
    conn: &mut impl Connection,
    user: UserId,
) -> Result<Vec<TokenRecord>, StoreError> {
    const SQL: &str = "SELECT id, user_id, organisation_id, name, prefix, created_at, expires_at, revoked_at, last_used_at \
                       FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(user.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// Revokes one of the user's own tokens; `false` when it is not theirs or already revoked.
pub async fn revoke(
    conn: &mut impl Connection,
    id: TokenId,
    user: UserId,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(id.to_string())
        .bind(user.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn touch(
    conn: &mut impl Connection,
    id: TokenId,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
    on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
