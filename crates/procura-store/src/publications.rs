//! A tender's publications: the first is the DCE going out, each later one
//! a modification of the DCE with its reason. Reached through the project.

use procura_domain::{ProjectId, RequirementCode, Timestamp, UserId};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

/// One published version of a project's tender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationRecord {
    pub project_id: ProjectId,
    /// 1 for the first publication, then one per modification.
    pub number: i64,
    /// The selection's version that was published.
    pub selection_version: i64,
    /// Why the DCE was modified; empty for the first publication.
    pub reason: String,
    /// The requirements the modification added, removed or changed.
    pub changed: Vec<RequirementCode>,
    /// SHA-256 of the published requirement list.
    pub checksum: String,
    pub published_by: UserId,
    pub published_at: Timestamp,
}

struct PublicationRow {
    project_id: String,
    number: i64,
    selection_version: i64,
    reason: String,
    changed: String,
    checksum: String,
    published_by: String,
    published_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for PublicationRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(PublicationRow {
            project_id: row.read("project_id")?,
            number: row.read("number")?,
            selection_version: row.read("selection_version")?,
            reason: row.read("reason")?,
            changed: row.read("changed")?,
            checksum: row.read("checksum")?,
            published_by: row.read("published_by")?,
            published_at: row.read("published_at")?,
        })
    }
}

impl PublicationRow {
    fn into_record(self) -> Result<PublicationRecord, StoreError> {
        Ok(PublicationRecord {
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            number: self.number,
            selection_version: self.selection_version,
            reason: self.reason,
            changed: self
                .changed
                .split_whitespace()
                .map(|code| RequirementCode::parse(code).map_err(|_| corrupt("code", code)))
                .collect::<Result<_, _>>()?,
            checksum: self.checksum,
            published_by: UserId::parse(&self.published_by)
                .ok_or_else(|| corrupt("user id", &self.published_by))?,
            published_at: Timestamp(self.published_at),
        })
    }
}

/// A project's publications, the first first.
pub async fn publications(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<PublicationRecord>, StoreError> {
    const SQL: &str = "SELECT project_id, number, selection_version, reason, changed, checksum, \
         published_by, published_at FROM tender_publications WHERE project_id = $1 ORDER BY number";
    let rows: Vec<PublicationRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(PublicationRow::into_record).collect()
}

/// Records a publication; a second one with the same number (two people
/// publishing at once) breaks the primary key and is refused.
pub async fn insert_publication(
    conn: &mut impl Connection,
    record: &PublicationRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO tender_publications (project_id, number, selection_version, reason, \
         changed, checksum, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    let changed = record
        .changed
        .iter()
        .map(RequirementCode::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    on!(conn, |c| sqlx::query(SQL)
        .bind(record.project_id.to_string())
        .bind(record.number)
        .bind(record.selection_version)
        .bind(&record.reason)
        .bind(&changed)
        .bind(&record.checksum)
        .bind(record.published_by.to_string())
        .bind(record.published_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}
