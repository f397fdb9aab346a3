//! Procurement projects, their stakeholders, sign-offs and timeline. Every
//! query takes the organisation, so projects never cross tenants.

use procura_domain::{
    AuditAction, Day, OrganisationId, Phase, PlannedDates, ProcurementType, ProjectEvent,
    ProjectId, ProjectRecord, ProjectReference, ProjectRole, SignOffRecord, Stage,
    StakeholderRecord, Timestamp, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct Row {
    id: String,
    organisation_id: String,
    reference: String,
    title: String,
    description: String,
    procurement_types: String,
    estimated_value: Option<i64>,
    currency: Option<String>,
    cpv_codes: String,
    sites: String,
    special_category_data: bool,
    stage: String,
    planning_start: Option<String>,
    planning_end: Option<String>,
    selection_start: Option<String>,
    selection_end: Option<String>,
    management_start: Option<String>,
    management_end: Option<String>,
    catalog_edition: String,
    created_by: String,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            organisation_id: row.read("organisation_id")?,
            reference: row.read("reference")?,
            title: row.read("title")?,
            description: row.read("description")?,
            procurement_types: row.read("procurement_types")?,
            estimated_value: row.read("estimated_value")?,
            currency: row.read("currency")?,
            cpv_codes: row.read("cpv_codes")?,
            sites: row.read("sites")?,
            special_category_data: row.read("special_category_data")?,
            stage: row.read("stage")?,
            planning_start: row.read("planning_start")?,
            planning_end: row.read("planning_end")?,
            selection_start: row.read("selection_start")?,
            selection_end: row.read("selection_end")?,
            management_start: row.read("management_start")?,
            management_end: row.read("management_end")?,
            catalog_edition: row.read("catalog_edition")?,
            created_by: row.read("created_by")?,
            created_at: row.read("created_at")?,
            updated_at: row.read("updated_at")?,
            version: row.read("version")?,
        })
    }
}

fn day(value: Option<String>) -> Result<Option<Day>, StoreError> {
    value
        .map(|text| Day::parse(&text).ok_or_else(|| corrupt("date", &text)))
        .transpose()
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

impl Row {
    fn into_record(self) -> Result<ProjectRecord, StoreError> {
        let procurement_types = self
            .procurement_types
            .split_whitespace()
            .map(|id| ProcurementType::from_id(id).map_err(|_| corrupt("procurement type", id)))
            .collect::<Result<_, _>>()?;
        Ok(ProjectRecord {
            id: ProjectId::parse(&self.id).ok_or_else(|| corrupt("project id", &self.id))?,
            organisation_id: OrganisationId::parse(&self.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &self.organisation_id))?,
            reference: ProjectReference::parse(&self.reference)
                .ok_or_else(|| corrupt("project reference", &self.reference))?,
            title: self.title,
            description: self.description,
            procurement_types,
            estimated_value: self.estimated_value,
            currency: self.currency,
            cpv_codes: words(&self.cpv_codes),
            sites: self
                .sites
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            special_category_data: self.special_category_data,
            stage: Stage::parse(&self.stage).ok_or_else(|| corrupt("stage", &self.stage))?,
            planned: PlannedDates {
                planning: (day(self.planning_start)?, day(self.planning_end)?),
                supplier_selection: (day(self.selection_start)?, day(self.selection_end)?),
                management: (day(self.management_start)?, day(self.management_end)?),
            },
            catalog_edition: self.catalog_edition,
            created_by: UserId::parse(&self.created_by)
                .ok_or_else(|| corrupt("user id", &self.created_by))?,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            version: self.version,
        })
    }
}

fn type_ids(types: &[ProcurementType]) -> String {
    types
        .iter()
        .map(|kind| kind.id())
        .collect::<Vec<_>>()
        .join(" ")
}

fn day_text(day: Option<Day>) -> Option<String> {
    day.map(|day| day.to_string())
}

pub async fn insert(conn: &mut impl Connection, project: &ProjectRecord) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO projects (id, organisation_id, reference, title, description, procurement_types, \
        estimated_value, currency, cpv_codes, sites, special_category_data, stage, planning_start, planning_end, \
        selection_start, selection_end, management_start, management_end, catalog_edition, created_by, created_at, \
        updated_at, version) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)";
    let p = project;
    on!(conn, |c| sqlx::query(SQL)
        .bind(p.id.to_string())
        .bind(p.organisation_id.to_string())
        .bind(p.reference.as_str())
        .bind(&p.title)
        .bind(&p.description)
        .bind(type_ids(&p.procurement_types))
        .bind(p.estimated_value)
        .bind(&p.currency)
        .bind(p.cpv_codes.join(" "))
        .bind(p.sites.join("\n"))
        .bind(p.special_category_data)
        .bind(p.stage.id())
        .bind(day_text(p.planned.planning.0))
        .bind(day_text(p.planned.planning.1))
        .bind(day_text(p.planned.supplier_selection.0))
        .bind(day_text(p.planned.supplier_selection.1))
        .bind(day_text(p.planned.management.0))
        .bind(day_text(p.planned.management.1))
        .bind(&p.catalog_edition)
        .bind(p.created_by.to_string())
        .bind(p.created_at.millis())
        .bind(p.updated_at.millis())
        .bind(p.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Saves the editable fields if the stored version is still `project.version`;
/// `false` means someone changed it first. The version rises by one.
pub async fn update(
    conn: &mut impl Connection,
    project: &ProjectRecord,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE projects SET reference = $1, title = $2, description = $3, procurement_types = $4, \
        estimated_value = $5, currency = $6, cpv_codes = $7, sites = $8, special_category_data = $9, stage = $10, \
        planning_start = $11, planning_end = $12, selection_start = $13, selection_end = $14, management_start = $15, \
        management_end = $16, updated_at = $17, version = version + 1 \
        WHERE id = $18 AND organisation_id = $19 AND version = $20";
    let p = project;
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(p.reference.as_str())
        .bind(&p.title)
        .bind(&p.description)
        .bind(type_ids(&p.procurement_types))
        .bind(p.estimated_value)
        .bind(&p.currency)
        .bind(p.cpv_codes.join(" "))
        .bind(p.sites.join("\n"))
        .bind(p.special_category_data)
        .bind(p.stage.id())
        .bind(day_text(p.planned.planning.0))
        .bind(day_text(p.planned.planning.1))
        .bind(day_text(p.planned.supplier_selection.0))
        .bind(day_text(p.planned.supplier_selection.1))
        .bind(day_text(p.planned.management.0))
        .bind(day_text(p.planned.management.1))
        .bind(p.updated_at.millis())
        .bind(p.id.to_string())
        .bind(p.organisation_id.to_string())
        .bind(p.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn find(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: ProjectId,
) -> Result<Option<ProjectRecord>, StoreError> {
    const SQL: &str = "SELECT id, organisation_id, reference, title, description, procurement_types, estimated_value, currency, \
         cpv_codes, sites, special_category_data, stage, planning_start, planning_end, selection_start, selection_end, \
         management_start, management_end, catalog_edition, created_by, created_at, updated_at, version \
         FROM projects WHERE organisation_id = $1 AND id = $2";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// A project by id alone, for the supplier portal: the link names the bid,
/// and the bid its project, so no organisation is known beforehand.
pub async fn find_any(
    conn: &mut impl Connection,
    id: ProjectId,
) -> Result<Option<ProjectRecord>, StoreError> {
    const SQL: &str = "SELECT id, organisation_id, reference, title, description, procurement_types, estimated_value, currency, \
         cpv_codes, sites, special_category_data, stage, planning_start, planning_end, selection_start, selection_end, \
         management_start, management_end, catalog_edition, created_by, created_at, updated_at, version \
         FROM projects WHERE id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

pub async fn find_by_reference(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    reference: &str,
) -> Result<Option<ProjectRecord>, StoreError> {
    const SQL: &str = "SELECT id, organisation_id, reference, title, description, procurement_types, estimated_value, currency, \
         cpv_codes, sites, special_category_data, stage, planning_start, planning_end, selection_start, selection_end, \
         management_start, management_end, catalog_edition, created_by, created_at, updated_at, version \
         FROM projects WHERE organisation_id = $1 AND reference = $2";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(reference)
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// The portfolio filters the database applies; `None` does not filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only projects this user created or is a stakeholder of.
    pub member: Option<UserId>,
    pub procurement_type: Option<ProcurementType>,
    pub stage: Option<Stage>,
    /// Only projects with a live item owned by this user.
    pub owner: Option<UserId>,
}

impl Selection {
    fn type_pattern(&self) -> Option<String> {
        self.procurement_type
            .map(|kind| format!("% {} %", kind.id()))
    }
}

/// The `WHERE` clause of a selection; parameters `$1` to `$5`.
macro_rules! selection {
    () => {
        "p.organisation_id = $1 \
         AND ($2 IS NULL OR p.created_by = $2 \
              OR EXISTS (SELECT 1 FROM project_stakeholders s WHERE s.project_id = p.id AND s.user_id = $2)) \
         AND ($3 IS NULL OR (' ' || p.procurement_types || ' ') LIKE $3) \
         AND ($4 IS NULL OR p.stage = $4) \
         AND ($5 IS NULL OR EXISTS (SELECT 1 FROM checklist_items o \
              WHERE o.project_id = p.id AND o.owner_id = $5 AND o.retired = FALSE))"
    };
}

/// How many projects a selection holds.
pub async fn count(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    selection: &Selection,
) -> Result<i64, StoreError> {
    const SQL: &str = concat!("SELECT COUNT(*) FROM projects p WHERE ", selection!());
    let (count,): (i64,) = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(selection.member.map(|user| user.to_string()))
        .bind(selection.type_pattern())
        .bind(selection.stage.map(Stage::id))
        .bind(selection.owner.map(|user| user.to_string()))
        .fetch_one(c)
        .await)?;
    Ok(count)
}

/// One page of a selection, by reference.
pub async fn page(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    selection: &Selection,
    limit: i64,
    offset: i64,
) -> Result<Vec<ProjectRecord>, StoreError> {
    const SQL: &str = concat!(
        "SELECT p.id, p.organisation_id, p.reference, p.title, p.description, p.procurement_types, p.estimated_value, \
         p.currency, p.cpv_codes, p.sites, p.special_category_data, p.stage, p.planning_start, p.planning_end, \
         p.selection_start, p.selection_end, p.management_start, p.management_end, p.catalog_edition, p.created_by, \
         p.created_at, p.updated_at, p.version FROM projects p WHERE ",
        selection!(),
        " ORDER BY p.reference LIMIT $6 OFFSET $7"
    );
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(selection.member.map(|user| user.to_string()))
        .bind(selection.type_pattern())
        .bind(selection.stage.map(Stage::id))
        .bind(selection.owner.map(|user| user.to_string()))
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// The item counts of the projects on one page of a selection, in one query.
pub async fn page_progress(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    selection: &Selection,
    limit: i64,
    offset: i64,
    today: Day,
) -> Result<Vec<ProgressRow>, StoreError> {
    const SQL: &str = concat!(
        "SELECT i.project_id, i.phase, i.status, COUNT(*) AS items, \
         SUM(CASE WHEN i.due_date < $8 AND i.status <> 'done' AND i.status <> 'not-applicable' THEN 1 ELSE 0 END) AS overdue \
         FROM checklist_items i WHERE i.retired = FALSE AND i.project_id IN \
         (SELECT p.id FROM projects p WHERE ",
        selection!(),
        " ORDER BY p.reference LIMIT $6 OFFSET $7) GROUP BY i.project_id, i.phase, i.status"
    );
    let rows = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(selection.member.map(|user| user.to_string()))
        .bind(selection.type_pattern())
        .bind(selection.stage.map(Stage::id))
        .bind(selection.owner.map(|user| user.to_string()))
        .bind(limit)
        .bind(offset)
        .bind(today.to_string())
        .fetch_all(c)
        .await)?;
    Ok(rows)
}

/// Item counts of one project by phase and status (retired items left out),
/// with how many are overdue on `today`. Read per project, for one page of
/// the portfolio at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressRow {
    pub project_id: String,
    pub phase: String,
    pub status: String,
    pub items: i64,
    pub overdue: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for ProgressRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(ProgressRow {
            project_id: row.read("project_id")?,
            phase: row.read("phase")?,
            status: row.read("status")?,
            items: row.read("items")?,
            overdue: row.read("overdue")?,
        })
    }
}

pub async fn progress(
    conn: &mut impl Connection,
    project: ProjectId,
    today: Day,
) -> Result<Vec<ProgressRow>, StoreError> {
    const SQL: &str = "SELECT project_id, phase, status, COUNT(*) AS items, \
         SUM(CASE WHEN due_date < $2 AND status <> 'done' AND status <> 'not-applicable' THEN 1 ELSE 0 END) AS overdue \
         FROM checklist_items WHERE project_id = $1 AND retired = FALSE \
         GROUP BY project_id, phase, status";
    let rows = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .bind(today.to_string())
        .fetch_all(c)
        .await)?;
    Ok(rows)
}

pub async fn set_stakeholders(
    conn: &mut impl Connection,
    project: ProjectId,
    stakeholders: &[(UserId, ProjectRole)],
) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM project_stakeholders WHERE project_id = $1";
    on!(conn, |c| sqlx::query(DELETE)
        .bind(project.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    const INSERT: &str =
        "INSERT INTO project_stakeholders (project_id, user_id, role) VALUES ($1, $2, $3)";
    for (user, role) in stakeholders {
        on!(conn, |c| sqlx::query(INSERT)
            .bind(project.to_string())
            .bind(user.to_string())
            .bind(role.id())
            .execute(c)
            .await
            .map(|done| done.rows_affected()))?;
    }
    Ok(())
}

pub async fn stakeholders(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<StakeholderRecord>, StoreError> {
    const SQL: &str = "SELECT s.user_id, u.email, u.display_name, s.role FROM project_stakeholders s \
         JOIN users u ON u.id = s.user_id WHERE s.project_id = $1 ORDER BY s.role, u.email";
    let rows: Vec<(String, String, String, String)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(user, email, display_name, role)| {
            Ok(StakeholderRecord {
                user_id: UserId::parse(&user).ok_or_else(|| corrupt("user id", &user))?,
                email,
                display_name,
                role: ProjectRole::parse(&role).ok_or_else(|| corrupt("project role", &role))?,
            })
        })
        .collect()
}

/// The roles `user` holds on `project`.
pub async fn roles_of(
    conn: &mut impl Connection,
    project: ProjectId,
    user: UserId,
) -> Result<Vec<ProjectRole>, StoreError> {
    const SQL: &str =
        "SELECT role FROM project_stakeholders WHERE project_id = $1 AND user_id = $2";
    let rows: Vec<(String,)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .bind(user.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(role,)| ProjectRole::parse(&role).ok_or_else(|| corrupt("project role", &role)))
        .collect()
}

pub async fn insert_sign_off(
    conn: &mut impl Connection,
    project: ProjectId,
    sign_off: &SignOffRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO phase_sign_offs (project_id, phase, signed_by, signed_at, comment) VALUES ($1, $2, $3, $4, $5)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(project.to_string())
        .bind(sign_off.phase.id())
        .bind(sign_off.signed_by.to_string())
        .bind(sign_off.signed_at.millis())
        .bind(&sign_off.comment)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Removes the sign-off of `phase`; `false` when there was none.
pub async fn delete_sign_off(
    conn: &mut impl Connection,
    project: ProjectId,
    phase: Phase,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM phase_sign_offs WHERE project_id = $1 AND phase = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(project.to_string())
        .bind(phase.id())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}

pub async fn sign_offs(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<SignOffRecord>, StoreError> {
    const SQL: &str = "SELECT phase, signed_by, signed_at, comment FROM phase_sign_offs WHERE project_id = $1 ORDER BY signed_at";
    let rows: Vec<(String, String, i64, String)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(phase, user, at, comment)| {
            Ok(SignOffRecord {
                phase: Phase::from_id(&phase).map_err(|_| corrupt("phase", &phase))?,
                signed_by: UserId::parse(&user).ok_or_else(|| corrupt("user id", &user))?,
                signed_at: Timestamp(at),
                comment,
            })
        })
        .collect()
}

/// One line of a project's timeline as it is written; it is read back as
/// a [`ProjectEvent`], its kind parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub id: String,
    pub at: i64,
    pub actor: String,
    pub kind: String,
    /// JSON.
    pub detail: String,
}

impl<R: Columns> sqlx::FromRow<'_, R> for EventRecord {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(EventRecord {
            id: row.read("id")?,
            at: row.read("at")?,
            actor: row.read("actor")?,
            kind: row.read("kind")?,
            detail: row.read("detail")?,
        })
    }
}

pub async fn insert_event(
    conn: &mut impl Connection,
    project: ProjectId,
    event: &EventRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO project_events (id, project_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5, $6)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&event.id)
        .bind(project.to_string())
        .bind(event.at)
        .bind(&event.actor)
        .bind(&event.kind)
        .bind(&event.detail)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A project's timeline, newest first.
pub async fn events(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<ProjectEvent>, StoreError> {
    const SQL: &str = "SELECT id, at, actor, kind, detail FROM project_events WHERE project_id = $1 ORDER BY at DESC, id";
    let rows: Vec<EventRecord> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|row| ProjectEvent {
            id: row.id,
            at: Timestamp(row.at),
            actor: row.actor,
            action: AuditAction::parse(&row.kind),
            kind: row.kind,
            detail: row.detail,
        })
        .collect())
}

/// What an imported file claimed about the project's past, kept apart from
/// the project's own sign-offs and timeline. The claims are JSON as the
/// service wrote them; the store does not read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedHistoryRecord {
    pub file_sha256: String,
    pub claimed_stage: String,
    /// JSON.
    pub claimed_source: String,
    /// JSON.
    pub claims: String,
    /// JSON.
    pub earlier: String,
    pub imported_by: String,
    pub imported_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for ImportedHistoryRecord {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(ImportedHistoryRecord {
            file_sha256: row.read("file_sha256")?,
            claimed_stage: row.read("claimed_stage")?,
            claimed_source: row.read("claimed_source")?,
            claims: row.read("claims")?,
            earlier: row.read("earlier")?,
            imported_by: row.read("imported_by")?,
            imported_at: row.read("imported_at")?,
        })
    }
}

pub async fn insert_imported_history(
    conn: &mut impl Connection,
    project: ProjectId,
    history: &ImportedHistoryRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO project_imported_history (project_id, file_sha256, claimed_stage, claimed_source, claims, earlier, imported_by, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(project.to_string())
        .bind(&history.file_sha256)
        .bind(&history.claimed_stage)
        .bind(&history.claimed_source)
        .bind(&history.claims)
        .bind(&history.earlier)
        .bind(&history.imported_by)
        .bind(history.imported_at)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The imported history of a project, if it came from a file.
pub async fn imported_history(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<ImportedHistoryRecord>, StoreError> {
    const SQL: &str = "SELECT file_sha256, claimed_stage, claimed_source, claims, earlier, imported_by, imported_at \
         FROM project_imported_history WHERE project_id = $1";
    let row = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    Ok(row)
}
