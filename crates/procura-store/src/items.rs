//! Checklist items and their evidence. Items are reached through their
//! project, whose organisation every query checks.

use procura_domain::{
    Day, EvidenceId, EvidenceKind, EvidenceRecord, ItemId, ItemRecord, ItemStatus, OrganisationId,
    Phase, PracticeNumber, ProjectId, Timestamp, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct Row {
    id: String,
    project_id: String,
    phase: String,
    practice: i64,
    status: String,
    justification: String,
    owner_id: Option<String>,
    due_date: Option<String>,
    notes: String,
    retired: bool,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            project_id: row.read("project_id")?,
            phase: row.read("phase")?,
            practice: row.read("practice")?,
            status: row.read("status")?,
            justification: row.read("justification")?,
            owner_id: row.read("owner_id")?,
            due_date: row.read("due_date")?,
            notes: row.read("notes")?,
            retired: row.read("retired")?,
            created_at: row.read("created_at")?,
            updated_at: row.read("updated_at")?,
            version: row.read("version")?,
        })
    }
}

impl Row {
    fn into_record(self) -> Result<ItemRecord, StoreError> {
        let practice = u8::try_from(self.practice)
            .ok()
            .and_then(PracticeNumber::new)
            .ok_or_else(|| corrupt("practice", &self.practice.to_string()))?;
        Ok(ItemRecord {
            id: ItemId::parse(&self.id).ok_or_else(|| corrupt("item id", &self.id))?,
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            phase: Phase::from_id(&self.phase).map_err(|_| corrupt("phase", &self.phase))?,
            practice,
            status: ItemStatus::parse(&self.status)
                .ok_or_else(|| corrupt("status", &self.status))?,
            justification: self.justification,
            owner_id: self
                .owner_id
                .map(|id| UserId::parse(&id).ok_or_else(|| corrupt("user id", &id)))
                .transpose()?,
            due_date: self
                .due_date
                .map(|text| Day::parse(&text).ok_or_else(|| corrupt("date", &text)))
                .transpose()?,
            notes: self.notes,
            retired: self.retired,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            version: self.version,
        })
    }
}

pub async fn insert(conn: &mut impl Connection, item: &ItemRecord) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO checklist_items (id, project_id, phase, practice, status, justification, owner_id, due_date, \
         notes, retired, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(item.id.to_string())
        .bind(item.project_id.to_string())
        .bind(item.phase.id())
        .bind(i64::from(item.practice.get()))
        .bind(item.status.id())
        .bind(&item.justification)
        .bind(item.owner_id.map(|id| id.to_string()))
        .bind(item.due_date.map(|day| day.to_string()))
        .bind(&item.notes)
        .bind(item.retired)
        .bind(item.created_at.millis())
        .bind(item.updated_at.millis())
        .bind(item.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Saves an item if it is still at `item.version`; `false` when someone
/// changed it first. The version rises by one.
pub async fn update(conn: &mut impl Connection, item: &ItemRecord) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE checklist_items SET status = $1, justification = $2, owner_id = $3, due_date = $4, notes = $5, \
         retired = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND project_id = $9 AND version = $10";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(item.status.id())
        .bind(&item.justification)
        .bind(item.owner_id.map(|id| id.to_string()))
        .bind(item.due_date.map(|day| day.to_string()))
        .bind(&item.notes)
        .bind(item.retired)
        .bind(item.updated_at.millis())
        .bind(item.id.to_string())
        .bind(item.project_id.to_string())
        .bind(item.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Every item of a project, retired ones included, by phase then practice.
pub async fn for_project(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<ItemRecord>, StoreError> {
    const SQL: &str = "SELECT id, project_id, phase, practice, status, justification, owner_id, due_date, notes, retired, \
         created_at, updated_at, version FROM checklist_items WHERE project_id = $1";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    let mut items = rows
        .into_iter()
        .map(Row::into_record)
        .collect::<Result<Vec<_>, _>>()?;
    items.sort_by_key(|item| (item.phase, item.practice));
    Ok(items)
}

/// One item, if its project belongs to `organisation`.
pub async fn find(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: ItemId,
) -> Result<Option<ItemRecord>, StoreError> {
    const SQL: &str = "SELECT i.id, i.project_id, i.phase, i.practice, i.status, i.justification, i.owner_id, i.due_date, \
         i.notes, i.retired, i.created_at, i.updated_at, i.version \
         FROM checklist_items i JOIN projects p ON p.id = i.project_id WHERE p.organisation_id = $1 AND i.id = $2";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// Live items owned by `owner` across the organisation's projects, with
/// their project's id, reference and title.
pub async fn owned_by(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    owner: UserId,
) -> Result<Vec<(ItemRecord, String, String)>, StoreError> {
    struct Owned {
        item: Row,
        reference: String,
        title: String,
    }

    impl<R: Columns> sqlx::FromRow<'_, R> for Owned {
        fn from_row(row: &R) -> sqlx::Result<Self> {
            Ok(Owned {
                item: sqlx::FromRow::from_row(row)?,
                reference: row.read("reference")?,
                title: row.read("title")?,
            })
        }
    }
    const SQL: &str = "SELECT i.id, i.project_id, i.phase, i.practice, i.status, i.justification, i.owner_id, i.due_date, \
         i.notes, i.retired, i.created_at, i.updated_at, i.version, p.reference, p.title \
         FROM checklist_items i JOIN projects p ON p.id = i.project_id \
         WHERE p.organisation_id = $1 AND i.owner_id = $2 AND i.retired = FALSE";
    let rows: Vec<Owned> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(owner.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|row| Ok((row.item.into_record()?, row.reference, row.title)))
        .collect()
}

struct EvidenceRow {
    id: String,
    item_id: String,
    project_id: String,
    kind: String,
    name: String,
    url: Option<String>,
    sha256: Option<String>,
    size: Option<i64>,
    content_type: Option<String>,
    uploaded_by: String,
    created_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for EvidenceRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(EvidenceRow {
            id: row.read("id")?,
            item_id: row.read("item_id")?,
            project_id: row.read("project_id")?,
            kind: row.read("kind")?,
            name: row.read("name")?,
            url: row.read("url")?,
            sha256: row.read("sha256")?,
            size: row.read("size")?,
            content_type: row.read("content_type")?,
            uploaded_by: row.read("uploaded_by")?,
            created_at: row.read("created_at")?,
        })
    }
}

impl EvidenceRow {
    fn into_record(self) -> Result<EvidenceRecord, StoreError> {
        Ok(EvidenceRecord {
            id: EvidenceId::parse(&self.id).ok_or_else(|| corrupt("evidence id", &self.id))?,
            item_id: ItemId::parse(&self.item_id)
                .ok_or_else(|| corrupt("item id", &self.item_id))?,
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            kind: EvidenceKind::parse(&self.kind)
                .ok_or_else(|| corrupt("evidence kind", &self.kind))?,
            name: self.name,
            url: self.url,
            sha256: self.sha256,
            size: self.size,
            content_type: self.content_type,
            uploaded_by: UserId::parse(&self.uploaded_by)
                .ok_or_else(|| corrupt("user id", &self.uploaded_by))?,
            created_at: Timestamp(self.created_at),
        })
    }
}

/// Records evidence; a file's bytes go in the same transaction.
pub async fn insert_evidence(
    conn: &mut impl Connection,
    evidence: &EvidenceRecord,
    content: Option<&[u8]>,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO evidence (id, item_id, project_id, kind, name, url, sha256, size, content_type, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    let kind = evidence.kind.id();
    on!(conn, |c| sqlx::query(SQL)
        .bind(evidence.id.to_string())
        .bind(evidence.item_id.to_string())
        .bind(evidence.project_id.to_string())
        .bind(kind)
        .bind(&evidence.name)
        .bind(&evidence.url)
        .bind(&evidence.sha256)
        .bind(evidence.size)
        .bind(&evidence.content_type)
        .bind(evidence.uploaded_by.to_string())
        .bind(evidence.created_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    if let Some(bytes) = content {
        const FILE: &str = "INSERT INTO evidence_files (evidence_id, content) VALUES ($1, $2)";
        on!(conn, |c| sqlx::query(FILE)
            .bind(evidence.id.to_string())
            .bind(bytes)
            .execute(c)
            .await
            .map(|done| done.rows_affected()))?;
    }
    Ok(())
}

pub async fn evidence_for_project(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<EvidenceRecord>, StoreError> {
    const SQL: &str = "SELECT id, item_id, project_id, kind, name, url, sha256, size, content_type, uploaded_by, created_at \
         FROM evidence WHERE project_id = $1 ORDER BY created_at, id";
    let rows: Vec<EvidenceRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(EvidenceRow::into_record).collect()
}

/// One piece of evidence, if its project belongs to `organisation`.
pub async fn find_evidence(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: EvidenceId,
) -> Result<Option<EvidenceRecord>, StoreError> {
    const SQL: &str = "SELECT e.id, e.item_id, e.project_id, e.kind, e.name, e.url, e.sha256, e.size, e.content_type, \
         e.uploaded_by, e.created_at FROM evidence e JOIN projects p ON p.id = e.project_id \
         WHERE p.organisation_id = $1 AND e.id = $2";
    let row: Option<EvidenceRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(EvidenceRow::into_record).transpose()
}

/// Deletes a piece of evidence and, with it, its file's bytes; `false`
/// when it was already gone.
pub async fn delete_evidence(
    conn: &mut impl Connection,
    id: EvidenceId,
) -> Result<bool, StoreError> {
    const FILE: &str = "DELETE FROM evidence_files WHERE evidence_id = $1";
    const SQL: &str = "DELETE FROM evidence WHERE id = $1";
    on!(conn, |c| sqlx::query(FILE)
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn evidence_content(
    conn: &mut impl Connection,
    id: EvidenceId,
) -> Result<Option<Vec<u8>>, StoreError> {
    const SQL: &str = "SELECT content FROM evidence_files WHERE evidence_id = $1";
    let row: Option<(Vec<u8>,)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|(content,)| content))
}

/// One line of a project's checklist as a document shows it: the item, its
/// owner's e-mail address (while a member of the project's organisation), and how many pieces of evidence it holds (not
/// counting files an import listed but did not carry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLine {
    pub item: ItemRecord,
    pub owner_email: Option<String>,
    pub evidence: u32,
}

struct LineRow {
    item: Row,
    owner_email: Option<String>,
    evidence: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for LineRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(LineRow {
            item: sqlx::FromRow::from_row(row)?,
            owner_email: row.read("owner_email")?,
            evidence: row.read("evidence")?,
        })
    }
}

/// The checklist of a project in one query (a download asks for it often,
/// and each query costs a round trip to the database).
pub async fn checklist_lines(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<ChecklistLine>, StoreError> {
    const SQL: &str = "SELECT i.id, i.project_id, i.phase, i.practice, i.status, i.justification, i.owner_id, \
         i.due_date, i.notes, i.retired, i.created_at, i.updated_at, i.version, u.email AS owner_email, \
         (SELECT COUNT(*) FROM evidence e WHERE e.item_id = i.id AND e.kind <> 'missing') AS evidence \
         FROM checklist_items i JOIN projects p ON p.id = i.project_id \
         LEFT JOIN memberships m ON m.user_id = i.owner_id AND m.organisation_id = p.organisation_id \
         LEFT JOIN users u ON u.id = m.user_id WHERE i.project_id = $1";
    let rows: Vec<LineRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    let mut lines = rows
        .into_iter()
        .map(|row| {
            Ok(ChecklistLine {
                item: row.item.into_record()?,
                owner_email: row.owner_email,
                evidence: u32::try_from(row.evidence).unwrap_or(u32::MAX),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    lines.sort_by_key(|line| (line.item.phase, line.item.practice));
    Ok(lines)
}
