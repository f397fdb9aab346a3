//! Risk registers, their reviews, DPIA screenings and each organisation's
//! risk settings. Risks are reached through their project, whose
//! organisation every query checks.

use procura_domain::{
    Day, DpiaCriterion, DpiaRecord, OrganisationId, PracticeNumber, ProjectId, ReviewRecord,
    RiskId, RiskLevel, RiskMatrix, RiskRecord, RiskSettings, RiskStatus, Stage, Step, ThreatGroup,
    Timestamp, Treatment, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct RiskRow {
    id: String,
    project_id: String,
    status: String,
    threat_group: String,
    example: Option<String>,
    description: String,
    asset: String,
    likelihood: i64,
    severity: i64,
    treatment: Option<String>,
    owner_id: Option<String>,
    due_date: Option<String>,
    practices: String,
    requirements: String,
    residual_likelihood: Option<i64>,
    residual_severity: Option<i64>,
    accepted_by: Option<String>,
    accepted_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for RiskRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(RiskRow {
            id: row.read("id")?,
            project_id: row.read("project_id")?,
            status: row.read("status")?,
            threat_group: row.read("threat_group")?,
            example: row.read("example")?,
            description: row.read("description")?,
            asset: row.read("asset")?,
            likelihood: row.read("likelihood")?,
            severity: row.read("severity")?,
            treatment: row.read("treatment")?,
            owner_id: row.read("owner_id")?,
            due_date: row.read("due_date")?,
            practices: row.read("practices")?,
            requirements: row.read("requirements")?,
            residual_likelihood: row.read("residual_likelihood")?,
            residual_severity: row.read("residual_severity")?,
            accepted_by: row.read("accepted_by")?,
            accepted_at: row.read("accepted_at")?,
            created_at: row.read("created_at")?,
            updated_at: row.read("updated_at")?,
            version: row.read("version")?,
        })
    }
}

fn step(value: i64) -> Result<Step, StoreError> {
    u8::try_from(value)
        .ok()
        .and_then(Step::new)
        .ok_or_else(|| corrupt("risk step", &value.to_string()))
}

fn user(id: Option<String>) -> Result<Option<UserId>, StoreError> {
    id.map(|id| UserId::parse(&id).ok_or_else(|| corrupt("user id", &id)))
        .transpose()
}

impl RiskRow {
    fn into_record(self) -> Result<RiskRecord, StoreError> {
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
        Ok(RiskRecord {
            id: RiskId::parse(&self.id).ok_or_else(|| corrupt("risk id", &self.id))?,
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            status: RiskStatus::parse(&self.status)
                .ok_or_else(|| corrupt("risk status", &self.status))?,
            threat_group: ThreatGroup::from_id(&self.threat_group)
                .map_err(|_| corrupt("threat group", &self.threat_group))?,
            example: self.example,
            description: self.description,
            asset: self.asset,
            likelihood: step(self.likelihood)?,
            severity: step(self.severity)?,
            treatment: self
                .treatment
                .map(|t| Treatment::parse(&t).ok_or_else(|| corrupt("treatment", &t)))
                .transpose()?,
            owner_id: user(self.owner_id)?,
            due_date: self
                .due_date
                .map(|text| Day::parse(&text).ok_or_else(|| corrupt("date", &text)))
                .transpose()?,
            practices,
            requirements: self
                .requirements
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            residual_likelihood: self.residual_likelihood.map(step).transpose()?,
            residual_severity: self.residual_severity.map(step).transpose()?,
            accepted_by: user(self.accepted_by)?,
            accepted_at: self.accepted_at.map(Timestamp),
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            version: self.version,
        })
    }
}

fn practices_text(practices: &[PracticeNumber]) -> String {
    practices
        .iter()
        .map(|n| n.get().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn insert(conn: &mut impl Connection, risk: &RiskRecord) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO risks (id, project_id, status, threat_group, example, description, asset, likelihood, \
         severity, treatment, owner_id, due_date, practices, requirements, residual_likelihood, residual_severity, \
         accepted_by, accepted_at, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(risk.id.to_string())
        .bind(risk.project_id.to_string())
        .bind(risk.status.id())
        .bind(risk.threat_group.id())
        .bind(risk.example.as_deref())
        .bind(&risk.description)
        .bind(&risk.asset)
        .bind(i64::from(risk.likelihood.get()))
        .bind(i64::from(risk.severity.get()))
        .bind(risk.treatment.map(Treatment::id))
        .bind(risk.owner_id.map(|id| id.to_string()))
        .bind(risk.due_date.map(|day| day.to_string()))
        .bind(practices_text(&risk.practices))
        .bind(risk.requirements.join(" "))
        .bind(risk.residual_likelihood.map(|s| i64::from(s.get())))
        .bind(risk.residual_severity.map(|s| i64::from(s.get())))
        .bind(risk.accepted_by.map(|id| id.to_string()))
        .bind(risk.accepted_at.map(|t| t.millis()))
        .bind(risk.created_at.millis())
        .bind(risk.updated_at.millis())
        .bind(risk.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Saves a risk if it is still at `risk.version`; `false` when someone
/// changed it first. The version rises by one.
pub async fn update(conn: &mut impl Connection, risk: &RiskRecord) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE risks SET status = $1, threat_group = $2, example = $3, description = $4, asset = $5, \
         likelihood = $6, severity = $7, treatment = $8, owner_id = $9, due_date = $10, practices = $11, \
         requirements = $12, residual_likelihood = $13, residual_severity = $14, accepted_by = $15, accepted_at = $16, \
         updated_at = $17, version = version + 1 WHERE id = $18 AND project_id = $19 AND version = $20";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(risk.status.id())
        .bind(risk.threat_group.id())
        .bind(risk.example.as_deref())
        .bind(&risk.description)
        .bind(&risk.asset)
        .bind(i64::from(risk.likelihood.get()))
        .bind(i64::from(risk.severity.get()))
        .bind(risk.treatment.map(Treatment::id))
        .bind(risk.owner_id.map(|id| id.to_string()))
        .bind(risk.due_date.map(|day| day.to_string()))
        .bind(practices_text(&risk.practices))
        .bind(risk.requirements.join(" "))
        .bind(risk.residual_likelihood.map(|s| i64::from(s.get())))
        .bind(risk.residual_severity.map(|s| i64::from(s.get())))
        .bind(risk.accepted_by.map(|id| id.to_string()))
        .bind(risk.accepted_at.map(|t| t.millis()))
        .bind(risk.updated_at.millis())
        .bind(risk.id.to_string())
        .bind(risk.project_id.to_string())
        .bind(risk.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// A project's risks, oldest first.
pub async fn for_project(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<RiskRecord>, StoreError> {
    const SQL: &str = "SELECT r.id, r.project_id, r.status, r.threat_group, r.example, r.description, r.asset, r.likelihood, \
         r.severity, r.treatment, r.owner_id, r.due_date, r.practices, r.requirements, r.residual_likelihood, \
         r.residual_severity, r.accepted_by, r.accepted_at, r.created_at, r.updated_at, r.version \
         FROM risks r WHERE r.project_id = $1 ORDER BY r.created_at, r.id";
    let rows: Vec<RiskRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(RiskRow::into_record).collect()
}

/// One risk, if its project belongs to `organisation`.
pub async fn find(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: RiskId,
) -> Result<Option<RiskRecord>, StoreError> {
    const SQL: &str = "SELECT r.id, r.project_id, r.status, r.threat_group, r.example, r.description, r.asset, r.likelihood, \
         r.severity, r.treatment, r.owner_id, r.due_date, r.practices, r.requirements, r.residual_likelihood, \
         r.residual_severity, r.accepted_by, r.accepted_at, r.created_at, r.updated_at, r.version \
         FROM risks r JOIN projects p ON p.id = r.project_id WHERE p.organisation_id = $1 AND r.id = $2";
    let row: Option<RiskRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(RiskRow::into_record).transpose()
}

/// The open risks of the organisation's projects that `viewer` may see
/// (every project when `viewer` is `None`), with each project's reference
/// and title.
pub async fn for_organisation(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    viewer: Option<UserId>,
) -> Result<Vec<(RiskRecord, String, String)>, StoreError> {
    struct Row {
        risk: RiskRow,
        reference: String,
        title: String,
    }

    impl<R: Columns> sqlx::FromRow<'_, R> for Row {
        fn from_row(row: &R) -> sqlx::Result<Self> {
            Ok(Row {
                risk: sqlx::FromRow::from_row(row)?,
                reference: row.read("reference")?,
                title: row.read("title")?,
            })
        }
    }
    const SQL: &str = "SELECT r.id, r.project_id, r.status, r.threat_group, r.example, r.description, r.asset, r.likelihood, \
         r.severity, r.treatment, r.owner_id, r.due_date, r.practices, r.requirements, r.residual_likelihood, \
         r.residual_severity, r.accepted_by, r.accepted_at, r.created_at, r.updated_at, r.version, p.reference, p.title \
         FROM risks r JOIN projects p ON p.id = r.project_id \
         WHERE p.organisation_id = $1 AND r.status = 'open' AND ($2 = '' OR p.created_by = $2 OR EXISTS \
         (SELECT 1 FROM project_stakeholders s WHERE s.project_id = p.id AND s.user_id = $2)) \
         ORDER BY p.reference, r.created_at";
    let viewer = viewer.map(|id| id.to_string()).unwrap_or_default();
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(&viewer)
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|row| Ok((row.risk.into_record()?, row.reference, row.title)))
        .collect()
}

/// Records a review of a project's register.
pub async fn insert_review(
    conn: &mut impl Connection,
    review: &ReviewRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO risk_reviews (id, project_id, stage, reviewed_by, reviewed_at, summary) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&review.id)
        .bind(review.project_id.to_string())
        .bind(review.stage.id())
        .bind(review.reviewed_by.to_string())
        .bind(review.reviewed_at.millis())
        .bind(&review.summary)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A project's reviews, oldest first.
pub async fn reviews(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<ReviewRecord>, StoreError> {
    struct Row {
        id: String,
        project_id: String,
        stage: String,
        reviewed_by: String,
        reviewed_at: i64,
        summary: String,
    }

    impl<R: Columns> sqlx::FromRow<'_, R> for Row {
        fn from_row(row: &R) -> sqlx::Result<Self> {
            Ok(Row {
                id: row.read("id")?,
                project_id: row.read("project_id")?,
                stage: row.read("stage")?,
                reviewed_by: row.read("reviewed_by")?,
                reviewed_at: row.read("reviewed_at")?,
                summary: row.read("summary")?,
            })
        }
    }
    const SQL: &str = "SELECT id, project_id, stage, reviewed_by, reviewed_at, summary FROM risk_reviews \
         WHERE project_id = $1 ORDER BY reviewed_at, id";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|row| {
            Ok(ReviewRecord {
                project_id: ProjectId::parse(&row.project_id)
                    .ok_or_else(|| corrupt("project id", &row.project_id))?,
                stage: Stage::parse(&row.stage).ok_or_else(|| corrupt("stage", &row.stage))?,
                reviewed_by: UserId::parse(&row.reviewed_by)
                    .ok_or_else(|| corrupt("user id", &row.reviewed_by))?,
                reviewed_at: Timestamp(row.reviewed_at),
                summary: row.summary,
                id: row.id,
            })
        })
        .collect()
}

/// A project's DPIA screening, if one was made.
pub async fn dpia(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<DpiaRecord>, StoreError> {
    struct Row {
        project_id: String,
        criteria: String,
        required: bool,
        decision: String,
        decided_by: String,
        decided_at: i64,
        version: i64,
    }

    impl<R: Columns> sqlx::FromRow<'_, R> for Row {
        fn from_row(row: &R) -> sqlx::Result<Self> {
            Ok(Row {
                project_id: row.read("project_id")?,
                criteria: row.read("criteria")?,
                required: row.read("required")?,
                decision: row.read("decision")?,
                decided_by: row.read("decided_by")?,
                decided_at: row.read("decided_at")?,
                version: row.read("version")?,
            })
        }
    }
    const SQL: &str = "SELECT project_id, criteria, required, decision, decided_by, decided_at, version \
         FROM dpia_screenings WHERE project_id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(|row| {
        Ok(DpiaRecord {
            project_id: ProjectId::parse(&row.project_id)
                .ok_or_else(|| corrupt("project id", &row.project_id))?,
            criteria: row
                .criteria
                .split_whitespace()
                .map(|id| DpiaCriterion::parse(id).ok_or_else(|| corrupt("DPIA criterion", id)))
                .collect::<Result<_, _>>()?,
            required: row.required,
            decision: row.decision,
            decided_by: UserId::parse(&row.decided_by)
                .ok_or_else(|| corrupt("user id", &row.decided_by))?,
            decided_at: Timestamp(row.decided_at),
            version: row.version,
        })
    })
    .transpose()
}

/// Writes the screening: inserts it at version 1 when `expected` is 0,
/// otherwise updates it if still at `expected`. `false` on a conflict.
pub async fn put_dpia(
    conn: &mut impl Connection,
    record: &DpiaRecord,
    expected: i64,
) -> Result<bool, StoreError> {
    let criteria = record
        .criteria
        .iter()
        .map(|c| c.id())
        .collect::<Vec<_>>()
        .join(" ");
    if expected == 0 {
        const SQL: &str = "INSERT INTO dpia_screenings (project_id, criteria, required, decision, decided_by, decided_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (project_id) DO NOTHING";
        let done = on!(conn, |c| sqlx::query(SQL)
            .bind(record.project_id.to_string())
            .bind(&criteria)
            .bind(record.required)
            .bind(&record.decision)
            .bind(record.decided_by.to_string())
            .bind(record.decided_at.millis())
            .execute(c)
            .await
            .map(|done| done.rows_affected()))?;
        return Ok(done == 1);
    }
    const SQL: &str = "UPDATE dpia_screenings SET criteria = $1, required = $2, decision = $3, decided_by = $4, \
         decided_at = $5, version = version + 1 WHERE project_id = $6 AND version = $7";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(&criteria)
        .bind(record.required)
        .bind(&record.decision)
        .bind(record.decided_by.to_string())
        .bind(record.decided_at.millis())
        .bind(record.project_id.to_string())
        .bind(expected)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// The organisation's risk settings; the defaults until an administrator
/// first saves them.
pub async fn settings(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<RiskSettings, StoreError> {
    struct Row {
        matrix: String,
        appetite: String,
        version: i64,
    }

    impl<R: Columns> sqlx::FromRow<'_, R> for Row {
        fn from_row(row: &R) -> sqlx::Result<Self> {
            Ok(Row {
                matrix: row.read("matrix")?,
                appetite: row.read("appetite")?,
                version: row.read("version")?,
            })
        }
    }
    const SQL: &str =
        "SELECT matrix, appetite, version FROM risk_settings WHERE organisation_id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .fetch_optional(c)
        .await)?;
    match row {
        None => Ok(RiskSettings::default()),
        Some(row) => Ok(RiskSettings {
            matrix: RiskMatrix::from_ids(&row.matrix)
                .ok_or_else(|| corrupt("risk matrix", &row.matrix))?,
            appetite: RiskLevel::parse(&row.appetite)
                .ok_or_else(|| corrupt("risk appetite", &row.appetite))?,
            version: row.version,
        }),
    }
}

/// Saves the settings if still at `settings.version` (0: never saved).
pub async fn put_settings(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    settings: &RiskSettings,
    at: Timestamp,
) -> Result<bool, StoreError> {
    if settings.version == 0 {
        const SQL: &str = "INSERT INTO risk_settings (organisation_id, matrix, appetite, updated_at, version) \
             VALUES ($1, $2, $3, $4, 1) ON CONFLICT (organisation_id) DO NOTHING";
        let done = on!(conn, |c| sqlx::query(SQL)
            .bind(organisation.to_string())
            .bind(settings.matrix.to_ids())
            .bind(settings.appetite.id())
            .bind(at.millis())
            .execute(c)
            .await
            .map(|done| done.rows_affected()))?;
        return Ok(done == 1);
    }
    const SQL: &str = "UPDATE risk_settings SET matrix = $1, appetite = $2, updated_at = $3, version = version + 1 \
         WHERE organisation_id = $4 AND version = $5";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(settings.matrix.to_ids())
        .bind(settings.appetite.id())
        .bind(at.millis())
        .bind(organisation.to_string())
        .bind(settings.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
