//! Organisations: the tenants every other record belongs to.

use procura_domain::{Name, OrganisationId, OrganisationRecord, Timestamp};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct Row {
    id: String,
    name: String,
    time_zone: String,
    created_at: i64,
    version: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            name: row.read("name")?,
            time_zone: row.read("time_zone")?,
            created_at: row.read("created_at")?,
            version: row.read("version")?,
        })
    }
}

impl Row {
    fn into_record(self) -> Result<OrganisationRecord, StoreError> {
        Ok(OrganisationRecord {
            id: OrganisationId::parse(&self.id)
                .ok_or_else(|| corrupt("organisation id", &self.id))?,
            name: self.name,
            time_zone: procura_domain::TimeZone::parse(&self.time_zone)
                .ok_or_else(|| corrupt("time zone", &self.time_zone))?,
            created_at: Timestamp(self.created_at),
            version: self.version,
        })
    }
}

pub async fn insert(
    conn: &mut impl Connection,
    id: OrganisationId,
    name: &Name,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(name.as_str())
        .bind(now.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Sets where the organisation's people work.
pub async fn set_time_zone(
    conn: &mut impl Connection,
    id: OrganisationId,
    zone: procura_domain::TimeZone,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE organisations SET time_zone = $1 WHERE id = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(zone.id())
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn find(
    conn: &mut impl Connection,
    id: OrganisationId,
) -> Result<Option<OrganisationRecord>, StoreError> {
    const SQL: &str =
        "SELECT id, name, time_zone, created_at, version FROM organisations WHERE id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

pub async fn find_by_name(
    conn: &mut impl Connection,
    name: &Name,
) -> Result<Option<OrganisationRecord>, StoreError> {
    const SQL: &str =
        "SELECT id, name, time_zone, created_at, version FROM organisations WHERE name = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(name.as_str())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

pub async fn list(conn: &mut impl Connection) -> Result<Vec<OrganisationRecord>, StoreError> {
    const SQL: &str =
        "SELECT id, name, time_zone, created_at, version FROM organisations ORDER BY name";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL).fetch_all(c).await)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// Renames an organisation if it is still at `version`; `false` means someone
/// changed it first (or it does not exist).
pub async fn rename(
    conn: &mut impl Connection,
    id: OrganisationId,
    name: &Name,
    version: i64,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE organisations SET name = $1, version = version + 1 WHERE id = $2 AND version = $3";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(name.as_str())
        .bind(id.to_string())
        .bind(version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
