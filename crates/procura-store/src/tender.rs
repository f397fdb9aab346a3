//! Tender requirement selections and organisations' own requirements.
//! A selection is reached through its project, and custom requirements
//! through their organisation, so every query is scoped to one tenant.

use procura_domain::{
    CustomRequirementRecord, OrganisationId, PracticeNumber, ProcurementType, ProjectId,
    RequirementCode, RequirementKind, Timestamp, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct CustomRow {
    id: String,
    organisation_id: String,
    code: String,
    kind: String,
    importance: i64,
    practices: String,
    procurement_types: String,
    text_fr: String,
    text_en: String,
    evidence_fr: String,
    evidence_en: String,
    created_by: String,
    created_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for CustomRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(CustomRow {
            id: row.read("id")?,
            organisation_id: row.read("organisation_id")?,
            code: row.read("code")?,
            kind: row.read("kind")?,
            importance: row.read("importance")?,
            practices: row.read("practices")?,
            procurement_types: row.read("procurement_types")?,
            text_fr: row.read("text_fr")?,
            text_en: row.read("text_en")?,
            evidence_fr: row.read("evidence_fr")?,
            evidence_en: row.read("evidence_en")?,
            created_by: row.read("created_by")?,
            created_at: row.read("created_at")?,
        })
    }
}

impl CustomRow {
    fn into_record(self) -> Result<CustomRequirementRecord, StoreError> {
        let practices = self
            .practices
            .split_whitespace()
            .map(|n| {
                n.parse::<u8>()
                    .ok()
                    .and_then(PracticeNumber::new)
                    .ok_or_else(|| corrupt("practice", n))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let procurement_types = self
            .procurement_types
            .split_whitespace()
            .map(|id| ProcurementType::from_id(id).map_err(|_| corrupt("procurement type", id)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CustomRequirementRecord {
            id: self.id,
            organisation_id: OrganisationId::parse(&self.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &self.organisation_id))?,
            code: RequirementCode::parse(&self.code).map_err(|_| corrupt("code", &self.code))?,
            kind: RequirementKind::parse(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
            importance: u32::try_from(self.importance)
                .map_err(|_| corrupt("importance", &self.importance.to_string()))?,
            practices,
            procurement_types,
            text_fr: self.text_fr,
            text_en: self.text_en,
            evidence_fr: self.evidence_fr,
            evidence_en: self.evidence_en,
            created_by: UserId::parse(&self.created_by)
                .ok_or_else(|| corrupt("user id", &self.created_by))?,
            created_at: Timestamp(self.created_at),
        })
    }
}

fn join<T>(items: &[T], id: impl Fn(&T) -> String) -> String {
    items.iter().map(id).collect::<Vec<_>>().join(" ")
}

pub async fn insert_custom(
    conn: &mut impl Connection,
    record: &CustomRequirementRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO custom_requirements (id, organisation_id, code, kind, importance, practices, \
         procurement_types, text_fr, text_en, evidence_fr, evidence_en, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&record.id)
        .bind(record.organisation_id.to_string())
        .bind(record.code.as_str())
        .bind(record.kind.id())
        .bind(i64::from(record.importance))
        .bind(join(&record.practices, |n| n.get().to_string()))
        .bind(join(&record.procurement_types, |t| t.id().to_owned()))
        .bind(&record.text_fr)
        .bind(&record.text_en)
        .bind(&record.evidence_fr)
        .bind(&record.evidence_en)
        .bind(record.created_by.to_string())
        .bind(record.created_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The organisation's own requirements, oldest first.
pub async fn custom_requirements(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<Vec<CustomRequirementRecord>, StoreError> {
    const SQL: &str = "SELECT id, organisation_id, code, kind, importance, practices, procurement_types, \
         text_fr, text_en, evidence_fr, evidence_en, created_by, created_at FROM custom_requirements \
         WHERE organisation_id = $1 ORDER BY code";
    let rows: Vec<CustomRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(CustomRow::into_record).collect()
}

/// How many own requirements the organisation has: the next one's number
/// is this plus one.
pub async fn custom_count(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM custom_requirements WHERE organisation_id = $1";
    let count: i64 = on!(conn, |c| sqlx::query_scalar(SQL)
        .bind(organisation.to_string())
        .fetch_one(c)
        .await)?;
    Ok(count)
}

/// A project's selection: who changed it last, and its version for
/// optimistic concurrency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionRecord {
    pub project_id: ProjectId,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: i64,
}

/// What the buyer set for the documents: the lot, and the cap on the
/// security penalties in percent (`None`: the library's default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsRecord {
    pub lot: Option<String>,
    pub penalty_cap: Option<u32>,
}

/// One requirement in a project's selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRecord {
    pub code: RequirementCode,
    pub position: i64,
    pub included: bool,
    pub kind: RequirementKind,
    /// Whole percent; meaningful for award criteria only.
    pub weight: u32,
    /// The penalty amount the buyer set for a clause, in euros excluding
    /// VAT; `None` keeps the library's.
    pub penalty_amount: Option<u32>,
}

struct SelectionRow {
    project_id: String,
    updated_by: String,
    updated_at: i64,
    version: i64,
    lot: Option<String>,
    penalty_cap: Option<i64>,
}

impl<R: Columns> sqlx::FromRow<'_, R> for SelectionRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(SelectionRow {
            project_id: row.read("project_id")?,
            updated_by: row.read("updated_by")?,
            updated_at: row.read("updated_at")?,
            version: row.read("version")?,
            lot: row.read("lot")?,
            penalty_cap: row.read("penalty_cap")?,
        })
    }
}

struct LineRow {
    code: String,
    position: i64,
    included: bool,
    kind: String,
    weight: i64,
    penalty_amount: Option<i64>,
}

impl<R: Columns> sqlx::FromRow<'_, R> for LineRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(LineRow {
            code: row.read("code")?,
            position: row.read("position")?,
            included: row.read("included")?,
            penalty_amount: row.read("penalty_amount")?,
            kind: row.read("kind")?,
            weight: row.read("weight")?,
        })
    }
}

pub async fn selection(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<(SelectionRecord, TermsRecord, Vec<LineRecord>)>, StoreError> {
    const SQL: &str = "SELECT project_id, updated_by, updated_at, version, lot, penalty_cap FROM tender_selections WHERE project_id = $1";
    const LINES: &str = "SELECT code, position, included, kind, weight, penalty_amount FROM tender_lines WHERE project_id = $1 \
         ORDER BY position, code";
    let row: Option<SelectionRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let record = SelectionRecord {
        project_id: ProjectId::parse(&row.project_id)
            .ok_or_else(|| corrupt("project id", &row.project_id))?,
        updated_by: UserId::parse(&row.updated_by)
            .ok_or_else(|| corrupt("user id", &row.updated_by))?,
        updated_at: Timestamp(row.updated_at),
        version: row.version,
    };
    let terms = TermsRecord {
        lot: row.lot.clone(),
        penalty_cap: row
            .penalty_cap
            .map(|cap| u32::try_from(cap).map_err(|_| corrupt("penalty cap", &cap.to_string())))
            .transpose()?,
    };
    let rows: Vec<LineRow> = on!(conn, |c| sqlx::query_as(LINES)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    let lines = rows
        .into_iter()
        .map(|row| {
            Ok(LineRecord {
                code: RequirementCode::parse(&row.code).map_err(|_| corrupt("code", &row.code))?,
                position: row.position,
                included: row.included,
                kind: RequirementKind::parse(&row.kind)
                    .ok_or_else(|| corrupt("kind", &row.kind))?,
                weight: u32::try_from(row.weight)
                    .map_err(|_| corrupt("weight", &row.weight.to_string()))?,
                penalty_amount: row
                    .penalty_amount
                    .map(|amount| {
                        u32::try_from(amount)
                            .map_err(|_| corrupt("penalty amount", &amount.to_string()))
                    })
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some((record, terms, lines)))
}

pub async fn create_selection(
    conn: &mut impl Connection,
    record: &SelectionRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO tender_selections (project_id, updated_by, updated_at, version) VALUES ($1, $2, $3, $4)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(record.project_id.to_string())
        .bind(record.updated_by.to_string())
        .bind(record.updated_at.millis())
        .bind(record.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Moves the selection to the next version if it is still at `version`;
/// `false` when someone changed it first.
pub async fn bump_selection(
    conn: &mut impl Connection,
    project: ProjectId,
    version: i64,
    by: UserId,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE tender_selections SET version = version + 1, updated_by = $1, updated_at = $2 \
         WHERE project_id = $3 AND version = $4";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(by.to_string())
        .bind(at.millis())
        .bind(project.to_string())
        .bind(version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Records the lot and the penalty cap of a selection.
pub async fn set_terms(
    conn: &mut impl Connection,
    project: ProjectId,
    terms: &TermsRecord,
) -> Result<(), StoreError> {
    const SQL: &str =
        "UPDATE tender_selections SET lot = $1, penalty_cap = $2 WHERE project_id = $3";
    on!(conn, |c| sqlx::query(SQL)
        .bind(terms.lot.as_deref())
        .bind(terms.penalty_cap.map(i64::from))
        .bind(project.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Inserts a line, or replaces the one with the same code.
pub async fn put_line(
    conn: &mut impl Connection,
    project: ProjectId,
    line: &LineRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO tender_lines (project_id, code, position, included, kind, weight, penalty_amount) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (project_id, code) DO UPDATE SET \
         position = excluded.position, included = excluded.included, kind = excluded.kind, weight = excluded.weight, \
         penalty_amount = excluded.penalty_amount";
    on!(conn, |c| sqlx::query(SQL)
        .bind(project.to_string())
        .bind(line.code.as_str())
        .bind(line.position)
        .bind(line.included)
        .bind(line.kind.id())
        .bind(i64::from(line.weight))
        .bind(line.penalty_amount.map(i64::from))
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// One step of a project's grading scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRecord {
    pub grade: u32,
    pub label_fr: String,
    pub label_en: String,
    pub descriptor_fr: String,
    pub descriptor_en: String,
}

struct GradeRow {
    grade: i64,
    label_fr: String,
    label_en: String,
    descriptor_fr: String,
    descriptor_en: String,
}

impl<R: Columns> sqlx::FromRow<'_, R> for GradeRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(GradeRow {
            grade: row.read("grade")?,
            label_fr: row.read("label_fr")?,
            label_en: row.read("label_en")?,
            descriptor_fr: row.read("descriptor_fr")?,
            descriptor_en: row.read("descriptor_en")?,
        })
    }
}

/// The project's own grading scale, by grade; empty when it uses the
/// library's.
pub async fn grading(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<GradeRecord>, StoreError> {
    const SQL: &str = "SELECT grade, label_fr, label_en, descriptor_fr, descriptor_en \
         FROM tender_grading WHERE project_id = $1 ORDER BY grade";
    let rows: Vec<GradeRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|row| {
            Ok(GradeRecord {
                grade: u32::try_from(row.grade)
                    .map_err(|_| corrupt("grade", &row.grade.to_string()))?,
                label_fr: row.label_fr,
                label_en: row.label_en,
                descriptor_fr: row.descriptor_fr,
                descriptor_en: row.descriptor_en,
            })
        })
        .collect()
}

/// Replaces the project's grading scale.
pub async fn put_grading(
    conn: &mut impl Connection,
    project: ProjectId,
    steps: &[GradeRecord],
) -> Result<(), StoreError> {
    const CLEAR: &str = "DELETE FROM tender_grading WHERE project_id = $1";
    const INSERT: &str = "INSERT INTO tender_grading \
         (project_id, grade, label_fr, label_en, descriptor_fr, descriptor_en) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    on!(conn, |c| sqlx::query(CLEAR)
        .bind(project.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    for step in steps {
        on!(conn, |c| sqlx::query(INSERT)
            .bind(project.to_string())
            .bind(i64::from(step.grade))
            .bind(step.label_fr.as_str())
            .bind(step.label_en.as_str())
            .bind(step.descriptor_fr.as_str())
            .bind(step.descriptor_en.as_str())
            .execute(c)
            .await
            .map(|done| done.rows_affected()))?;
    }
    Ok(())
}
