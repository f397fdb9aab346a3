//! The supplier register and each project's bids: answers, evaluators'
//! overrides, evidence files, portal links, scoring rules and the awarded
//! supplier's commitments. Suppliers belong to an organisation and bids are
//! reached through their project, whose organisation every query checks.

use procura_domain::{
    Answer, BidId, BidStatus, Day, OrganisationId, ProjectId, RequirementCode, ScoringRules,
    SupplierId, Timestamp, UserId,
};

use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

/// A certification a supplier holds (or committed to keep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationRecord {
    pub name: String,
    pub scope: String,
    pub expires_on: Option<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierRecord {
    pub id: SupplierId,
    pub organisation_id: OrganisationId,
    pub name: String,
    /// SIREN or SIRET, as typed (digits only once parsed).
    pub company_id: String,
    pub vat: String,
    /// Names, e-mail addresses and phones, one per line.
    pub contacts: String,
    pub certifications: Vec<CertificationRecord>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidRecord {
    pub id: BidId,
    pub project_id: ProjectId,
    pub supplier_id: SupplierId,
    /// Read with the bid from the register.
    pub supplier_name: String,
    pub offer: String,
    pub product_version: String,
    pub status: BidStatus,
    pub answered_version: Option<i64>,
    /// `import`, `portal` or `manual`: how the answers came in.
    pub source: Option<String>,
    pub submitted_at: Option<Timestamp>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    pub code: RequirementCode,
    /// `None` while a portal draft leaves it blank.
    pub answer: Option<Answer>,
    pub comment: String,
    pub evidence_ref: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideRecord {
    pub code: RequirementCode,
    pub score: u32,
    pub justification: String,
    pub decided_by: UserId,
    pub decided_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidFileRecord {
    pub id: String,
    pub bid_id: BidId,
    /// The requirement it supports, or empty for the whole bid.
    pub code: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalLinkRecord {
    pub id: String,
    pub bid_id: BidId,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
}

impl PortalLinkRecord {
    pub fn is_usable(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesRecord {
    pub rules: ScoringRules,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRecord {
    pub project_id: ProjectId,
    pub bid_id: BidId,
    pub support_end: Option<Day>,
    pub patch_delay_days: Option<u32>,
    pub remote_access: String,
    pub certifications: Vec<CertificationRecord>,
    pub recorded_by: UserId,
    pub recorded_at: Timestamp,
}

fn user(id: &str) -> Result<UserId, StoreError> {
    UserId::parse(id).ok_or_else(|| corrupt("user id", id))
}

fn day(text: Option<String>) -> Result<Option<Day>, StoreError> {
    text.filter(|text| !text.is_empty())
        .map(|text| Day::parse(&text).ok_or_else(|| corrupt("date", &text)))
        .transpose()
}

fn code(text: &str) -> Result<RequirementCode, StoreError> {
    RequirementCode::parse(text).map_err(|_| corrupt("requirement code", text))
}

fn u32_of(value: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt(what, &value.to_string()))
}

/// Certifications as tab-separated lines, for the commitments row.
fn certifications_text(list: &[CertificationRecord]) -> String {
    list.iter()
        .map(|c| {
            let clean = |text: &str| text.replace(['\t', '\n', '\r'], " ");
            format!(
                "{}\t{}\t{}",
                clean(&c.name),
                clean(&c.scope),
                c.expires_on.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn certifications_of(text: &str) -> Result<Vec<CertificationRecord>, StoreError> {
    text.lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split('\t');
            let name = parts.next().unwrap_or_default().to_owned();
            let scope = parts.next().unwrap_or_default().to_owned();
            let expires_on = day(parts.next().map(str::to_owned))?;
            Ok(CertificationRecord {
                name,
                scope,
                expires_on,
            })
        })
        .collect()
}

// ---- suppliers -------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct SupplierRow {
    id: String,
    organisation_id: String,
    name: String,
    company_id: String,
    vat: String,
    contacts: String,
    created_by: String,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl SupplierRow {
    fn into_record(
        self,
        certifications: Vec<CertificationRecord>,
    ) -> Result<SupplierRecord, StoreError> {
        Ok(SupplierRecord {
            id: SupplierId::parse(&self.id).ok_or_else(|| corrupt("supplier id", &self.id))?,
            organisation_id: OrganisationId::parse(&self.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &self.organisation_id))?,
            name: self.name,
            company_id: self.company_id,
            vat: self.vat,
            contacts: self.contacts,
            certifications,
            created_by: user(&self.created_by)?,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            version: self.version,
        })
    }
}

/// The key a supplier's name is unique by.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A supplier query: the columns, then `$tail` (a literal, so the SQL
/// stays a `&'static str`).
macro_rules! supplier_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, organisation_id, name, company_id, vat, contacts, created_by, created_at, updated_at, version ",
            "FROM suppliers ",
            $tail
        )
    };
}

pub async fn insert_supplier(
    conn: &mut impl Connection,
    supplier: &SupplierRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO suppliers (id, organisation_id, name, name_key, company_id, vat, contacts, \
         created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(supplier.id.to_string())
        .bind(supplier.organisation_id.to_string())
        .bind(&supplier.name)
        .bind(name_key(&supplier.name))
        .bind(&supplier.company_id)
        .bind(&supplier.vat)
        .bind(&supplier.contacts)
        .bind(supplier.created_by.to_string())
        .bind(supplier.created_at.millis())
        .bind(supplier.updated_at.millis())
        .bind(supplier.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    put_certifications(conn, supplier.id, &supplier.certifications).await
}

/// Saves a supplier if it is still at `supplier.version`; `false` when
/// someone changed it first.
pub async fn update_supplier(
    conn: &mut impl Connection,
    supplier: &SupplierRecord,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE suppliers SET name = $1, name_key = $2, company_id = $3, vat = $4, contacts = $5, \
         updated_at = $6, version = version + 1 WHERE id = $7 AND organisation_id = $8 AND version = $9";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(&supplier.name)
        .bind(name_key(&supplier.name))
        .bind(&supplier.company_id)
        .bind(&supplier.vat)
        .bind(&supplier.contacts)
        .bind(supplier.updated_at.millis())
        .bind(supplier.id.to_string())
        .bind(supplier.organisation_id.to_string())
        .bind(supplier.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    if done != 1 {
        return Ok(false);
    }
    put_certifications(conn, supplier.id, &supplier.certifications).await?;
    Ok(true)
}

async fn put_certifications(
    conn: &mut impl Connection,
    supplier: SupplierId,
    list: &[CertificationRecord],
) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM supplier_certifications WHERE supplier_id = $1";
    const INSERT: &str = "INSERT INTO supplier_certifications (supplier_id, position, name, scope, expires_on) \
         VALUES ($1, $2, $3, $4, $5)";
    on!(conn, |c| sqlx::query(DELETE)
        .bind(supplier.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    for (position, certification) in list.iter().enumerate() {
        on!(conn, |c| sqlx::query(INSERT)
            .bind(supplier.to_string())
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(&certification.name)
            .bind(&certification.scope)
            .bind(certification.expires_on.map(|d| d.to_string()))
            .execute(c)
            .await
            .map(|done| done.rows_affected()))?;
    }
    Ok(())
}

async fn certifications(
    conn: &mut impl Connection,
    supplier: &str,
) -> Result<Vec<CertificationRecord>, StoreError> {
    const SQL: &str = "SELECT name, scope, expires_on FROM supplier_certifications \
         WHERE supplier_id = $1 ORDER BY position";
    let rows: Vec<(String, String, Option<String>)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(supplier)
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(name, scope, expires_on)| {
            Ok(CertificationRecord {
                name,
                scope,
                expires_on: day(expires_on)?,
            })
        })
        .collect()
}

async fn with_certifications(
    conn: &mut impl Connection,
    rows: Vec<SupplierRow>,
) -> Result<Vec<SupplierRecord>, StoreError> {
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let list = certifications(conn, &row.id).await?;
        records.push(row.into_record(list)?);
    }
    Ok(records)
}

/// The organisation's suppliers by name.
pub async fn suppliers(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<Vec<SupplierRecord>, StoreError> {
    const SQL: &str = supplier_select!("WHERE organisation_id = $1 ORDER BY name_key");
    // Every certification of the organisation in one query, rather than
    // one query per supplier.
    const CERTIFICATIONS: &str = "SELECT c.supplier_id, c.name, c.scope, c.expires_on \
         FROM supplier_certifications c JOIN suppliers s ON s.id = c.supplier_id \
         WHERE s.organisation_id = $1 ORDER BY c.supplier_id, c.position";
    let rows: Vec<SupplierRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .fetch_all(c)
        .await)?;
    let listed: Vec<(String, String, String, Option<String>)> =
        on!(conn, |c| sqlx::query_as(CERTIFICATIONS)
            .bind(organisation.to_string())
            .fetch_all(c)
            .await)?;
    let mut by_supplier: std::collections::HashMap<String, Vec<CertificationRecord>> =
        std::collections::HashMap::new();
    for (supplier, name, scope, expires_on) in listed {
        by_supplier
            .entry(supplier)
            .or_default()
            .push(CertificationRecord {
                name,
                scope,
                expires_on: day(expires_on)?,
            });
    }
    rows.into_iter()
        .map(|row| {
            let list = by_supplier.remove(&row.id).unwrap_or_default();
            row.into_record(list)
        })
        .collect()
}

pub async fn find_supplier(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: SupplierId,
) -> Result<Option<SupplierRecord>, StoreError> {
    const SQL: &str = supplier_select!("WHERE organisation_id = $1 AND id = $2");
    let rows: Vec<SupplierRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_all(c)
        .await)?;
    Ok(with_certifications(conn, rows).await?.into_iter().next())
}

/// The supplier registered under `name` (ignoring case and spacing).
pub async fn supplier_by_name(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    name: &str,
) -> Result<Option<SupplierRecord>, StoreError> {
    const SQL: &str = supplier_select!("WHERE organisation_id = $1 AND name_key = $2");
    let rows: Vec<SupplierRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(name_key(name))
        .fetch_all(c)
        .await)?;
    Ok(with_certifications(conn, rows).await?.into_iter().next())
}

/// The projects a supplier bid on: reference, title and the bid's status.
pub async fn supplier_projects(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    supplier: SupplierId,
) -> Result<Vec<(ProjectId, String, String, BidStatus)>, StoreError> {
    const SQL: &str = "SELECT p.id, p.reference, p.title, b.status FROM bids b JOIN projects p ON p.id = b.project_id \
         WHERE p.organisation_id = $1 AND b.supplier_id = $2 ORDER BY b.created_at DESC";
    let rows: Vec<(String, String, String, String)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(supplier.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(id, reference, title, status)| {
            Ok((
                ProjectId::parse(&id).ok_or_else(|| corrupt("project id", &id))?,
                reference,
                title,
                BidStatus::parse(&status).ok_or_else(|| corrupt("bid status", &status))?,
            ))
        })
        .collect()
}

// ---- bids ------------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct BidRow {
    id: String,
    project_id: String,
    supplier_id: String,
    supplier_name: String,
    offer: String,
    product_version: String,
    status: String,
    answered_version: Option<i64>,
    source: Option<String>,
    submitted_at: Option<i64>,
    created_by: String,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl BidRow {
    fn into_record(self) -> Result<BidRecord, StoreError> {
        Ok(BidRecord {
            id: BidId::parse(&self.id).ok_or_else(|| corrupt("bid id", &self.id))?,
            project_id: ProjectId::parse(&self.project_id)
                .ok_or_else(|| corrupt("project id", &self.project_id))?,
            supplier_id: SupplierId::parse(&self.supplier_id)
                .ok_or_else(|| corrupt("supplier id", &self.supplier_id))?,
            supplier_name: self.supplier_name,
            offer: self.offer,
            product_version: self.product_version,
            status: BidStatus::parse(&self.status)
                .ok_or_else(|| corrupt("bid status", &self.status))?,
            answered_version: self.answered_version,
            source: self.source,
            submitted_at: self.submitted_at.map(Timestamp),
            created_by: user(&self.created_by)?,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            version: self.version,
        })
    }
}

macro_rules! bid_select {
    ($tail:literal) => {
        concat!(
            "SELECT b.id, b.project_id, b.supplier_id, s.name AS supplier_name, b.offer, b.product_version, ",
            "b.status, b.answered_version, b.source, b.submitted_at, b.created_by, b.created_at, b.updated_at, ",
            "b.version FROM bids b JOIN suppliers s ON s.id = b.supplier_id JOIN projects p ON p.id = b.project_id ",
            $tail
        )
    };
}

pub async fn insert_bid(conn: &mut impl Connection, bid: &BidRecord) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bids (id, project_id, supplier_id, offer, product_version, status, \
         answered_version, source, submitted_at, created_by, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(bid.id.to_string())
        .bind(bid.project_id.to_string())
        .bind(bid.supplier_id.to_string())
        .bind(&bid.offer)
        .bind(&bid.product_version)
        .bind(bid.status.id())
        .bind(bid.answered_version)
        .bind(bid.source.as_deref())
        .bind(bid.submitted_at.map(|t| t.millis()))
        .bind(bid.created_by.to_string())
        .bind(bid.created_at.millis())
        .bind(bid.updated_at.millis())
        .bind(bid.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Saves a bid's own fields if it is still at `bid.version`; `false` when
/// someone changed it first. The version rises by one.
pub async fn update_bid(conn: &mut impl Connection, bid: &BidRecord) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE bids SET offer = $1, product_version = $2, status = $3, answered_version = $4, \
         source = $5, submitted_at = $6, updated_at = $7, version = version + 1 \
         WHERE id = $8 AND project_id = $9 AND version = $10";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(&bid.offer)
        .bind(&bid.product_version)
        .bind(bid.status.id())
        .bind(bid.answered_version)
        .bind(bid.source.as_deref())
        .bind(bid.submitted_at.map(|t| t.millis()))
        .bind(bid.updated_at.millis())
        .bind(bid.id.to_string())
        .bind(bid.project_id.to_string())
        .bind(bid.version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// One bid, if its project belongs to `organisation`.
pub async fn find_bid(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: BidId,
) -> Result<Option<BidRecord>, StoreError> {
    const SQL: &str = bid_select!("WHERE p.organisation_id = $1 AND b.id = $2");
    let row: Option<BidRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(BidRow::into_record).transpose()
}

/// A bid by its id alone, for the supplier portal whose link names it.
pub async fn bid_by_id(
    conn: &mut impl Connection,
    id: BidId,
) -> Result<Option<BidRecord>, StoreError> {
    const SQL: &str = bid_select!("WHERE b.id = $1");
    let row: Option<BidRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(BidRow::into_record).transpose()
}

/// A project's bids in the order they were registered.
pub async fn bids_for_project(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Vec<BidRecord>, StoreError> {
    const SQL: &str = bid_select!("WHERE b.project_id = $1 ORDER BY b.created_at, b.id");
    let rows: Vec<BidRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(BidRow::into_record).collect()
}

// ---- answers and overrides -------------------------------------------------

pub async fn answers(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<AnswerRecord>, StoreError> {
    const SQL: &str = "SELECT code, answer, comment, evidence_ref FROM bid_answers WHERE bid_id = $1 ORDER BY code";
    let rows: Vec<(String, Option<String>, String, String)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(text, answer, comment, evidence_ref)| {
            Ok(AnswerRecord {
                code: code(&text)?,
                answer: answer
                    .map(|a| Answer::parse(&a).ok_or_else(|| corrupt("answer", &a)))
                    .transpose()?,
                comment,
                evidence_ref,
            })
        })
        .collect()
}

/// Replaces every answer of a bid.
pub async fn replace_answers(
    conn: &mut impl Connection,
    bid: BidId,
    list: &[AnswerRecord],
) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM bid_answers WHERE bid_id = $1";
    on!(conn, |c| sqlx::query(DELETE)
        .bind(bid.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    for answer in list {
        put_answer(conn, bid, answer).await?;
    }
    Ok(())
}

/// Inserts an answer or replaces the one to the same requirement.
pub async fn put_answer(
    conn: &mut impl Connection,
    bid: BidId,
    answer: &AnswerRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_answers (bid_id, code, answer, comment, evidence_ref) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (bid_id, code) DO UPDATE SET answer = excluded.answer, comment = excluded.comment, \
         evidence_ref = excluded.evidence_ref";
    on!(conn, |c| sqlx::query(SQL)
        .bind(bid.to_string())
        .bind(answer.code.as_str())
        .bind(answer.answer.map(Answer::id))
        .bind(&answer.comment)
        .bind(&answer.evidence_ref)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn overrides(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<OverrideRecord>, StoreError> {
    const SQL: &str = "SELECT code, score, justification, decided_by, decided_at FROM bid_overrides \
         WHERE bid_id = $1 ORDER BY code";
    let rows: Vec<(String, i64, String, String, i64)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(text, score, justification, by, at)| {
            Ok(OverrideRecord {
                code: code(&text)?,
                score: u32_of(score, "override score")?,
                justification,
                decided_by: user(&by)?,
                decided_at: Timestamp(at),
            })
        })
        .collect()
}

pub async fn put_override(
    conn: &mut impl Connection,
    bid: BidId,
    record: &OverrideRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_overrides (bid_id, code, score, justification, decided_by, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (bid_id, code) DO UPDATE SET score = excluded.score, \
         justification = excluded.justification, decided_by = excluded.decided_by, decided_at = excluded.decided_at";
    on!(conn, |c| sqlx::query(SQL)
        .bind(bid.to_string())
        .bind(record.code.as_str())
        .bind(i64::from(record.score))
        .bind(&record.justification)
        .bind(record.decided_by.to_string())
        .bind(record.decided_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Removes an override; `false` when there was none.
pub async fn delete_override(
    conn: &mut impl Connection,
    bid: BidId,
    code: &RequirementCode,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM bid_overrides WHERE bid_id = $1 AND code = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(bid.to_string())
        .bind(code.as_str())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}

// ---- files -----------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct FileRow {
    id: String,
    bid_id: String,
    code: String,
    name: String,
    content_type: String,
    size: i64,
    sha256: String,
    uploaded_at: i64,
}

impl FileRow {
    fn into_record(self) -> Result<BidFileRecord, StoreError> {
        Ok(BidFileRecord {
            bid_id: BidId::parse(&self.bid_id).ok_or_else(|| corrupt("bid id", &self.bid_id))?,
            id: self.id,
            code: self.code,
            name: self.name,
            content_type: self.content_type,
            size: self.size,
            sha256: self.sha256,
            uploaded_at: Timestamp(self.uploaded_at),
        })
    }
}

pub async fn insert_file(
    conn: &mut impl Connection,
    file: &BidFileRecord,
    content: &[u8],
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_files (id, bid_id, code, name, content_type, size, sha256, content, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&file.id)
        .bind(file.bid_id.to_string())
        .bind(&file.code)
        .bind(&file.name)
        .bind(&file.content_type)
        .bind(file.size)
        .bind(&file.sha256)
        .bind(content)
        .bind(file.uploaded_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A bid's files, without their contents.
pub async fn files(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<BidFileRecord>, StoreError> {
    const SQL: &str = "SELECT id, bid_id, code, name, content_type, size, sha256, uploaded_at FROM bid_files \
         WHERE bid_id = $1 ORDER BY uploaded_at, id";
    let rows: Vec<FileRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(FileRow::into_record).collect()
}

/// One file of a bid with its contents.
pub async fn file(
    conn: &mut impl Connection,
    bid: BidId,
    id: &str,
) -> Result<Option<(BidFileRecord, Vec<u8>)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        file: FileRow,
        content: Vec<u8>,
    }
    const SQL: &str = "SELECT id, bid_id, code, name, content_type, size, sha256, uploaded_at, content \
         FROM bid_files WHERE bid_id = $1 AND id = $2";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .bind(id)
        .fetch_optional(c)
        .await)?;
    row.map(|row| Ok((row.file.into_record()?, row.content)))
        .transpose()
}

// ---- portal links ----------------------------------------------------------

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: String,
    bid_id: String,
    created_by: String,
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    last_used_at: Option<i64>,
}

impl LinkRow {
    fn into_record(self) -> Result<PortalLinkRecord, StoreError> {
        Ok(PortalLinkRecord {
            bid_id: BidId::parse(&self.bid_id).ok_or_else(|| corrupt("bid id", &self.bid_id))?,
            id: self.id,
            created_by: user(&self.created_by)?,
            created_at: Timestamp(self.created_at),
            expires_at: Timestamp(self.expires_at),
            revoked_at: self.revoked_at.map(Timestamp),
            last_used_at: self.last_used_at.map(Timestamp),
        })
    }
}

macro_rules! link_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, bid_id, created_by, created_at, expires_at, revoked_at, last_used_at FROM bid_portal_links ",
            $tail
        )
    };
}

pub async fn insert_link(
    conn: &mut impl Connection,
    link: &PortalLinkRecord,
    token_hash: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO bid_portal_links (id, bid_id, token_hash, created_by, created_at, expires_at, \
         revoked_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(&link.id)
        .bind(link.bid_id.to_string())
        .bind(token_hash)
        .bind(link.created_by.to_string())
        .bind(link.created_at.millis())
        .bind(link.expires_at.millis())
        .bind(link.revoked_at.map(|t| t.millis()))
        .bind(link.last_used_at.map(|t| t.millis()))
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The link whose secret hashes to `token_hash`, usable or not.
pub async fn link_by_hash(
    conn: &mut impl Connection,
    token_hash: &str,
) -> Result<Option<PortalLinkRecord>, StoreError> {
    const SQL: &str = link_select!("WHERE token_hash = $1");
    let row: Option<LinkRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(token_hash)
        .fetch_optional(c)
        .await)?;
    row.map(LinkRow::into_record).transpose()
}

pub async fn links(
    conn: &mut impl Connection,
    bid: BidId,
) -> Result<Vec<PortalLinkRecord>, StoreError> {
    const SQL: &str = link_select!("WHERE bid_id = $1 ORDER BY created_at, id");
    let rows: Vec<LinkRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(bid.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(LinkRow::into_record).collect()
}

/// Revokes a link of `bid`; `false` when there is no such live link.
pub async fn revoke_link(
    conn: &mut impl Connection,
    bid: BidId,
    id: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE bid_portal_links SET revoked_at = $1 WHERE bid_id = $2 AND id = $3 AND revoked_at IS NULL";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(bid.to_string())
        .bind(id)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn touch_link(
    conn: &mut impl Connection,
    id: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE bid_portal_links SET last_used_at = $1 WHERE id = $2";
    on!(conn, |c| sqlx::query(SQL)
        .bind(now.millis())
        .bind(id)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

// ---- scoring rules and commitments -----------------------------------------

pub async fn rules(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<RulesRecord>, StoreError> {
    const SQL: &str = "SELECT partial_fails, credit_yes, credit_partial, credit_no, updated_by, updated_at, version \
         FROM scoring_rules WHERE project_id = $1";
    let row: Option<(bool, i64, i64, i64, String, i64, i64)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(|(partial_fails, yes, partial, no, by, at, version)| {
        let rules = ScoringRules::new(
            partial_fails,
            u32_of(yes, "credit")?,
            u32_of(partial, "credit")?,
            u32_of(no, "credit")?,
        )
        .map_err(|_| corrupt("scoring rules", &project.to_string()))?;
        Ok(RulesRecord {
            rules,
            updated_by: user(&by)?,
            updated_at: Timestamp(at),
            version,
        })
    })
    .transpose()
}

/// Saves the rules if they are still at `version` (0: never saved);
/// `false` when someone changed them first.
pub async fn save_rules(
    conn: &mut impl Connection,
    project: ProjectId,
    rules: &ScoringRules,
    by: UserId,
    at: Timestamp,
    version: i64,
) -> Result<bool, StoreError> {
    const INSERT: &str = "INSERT INTO scoring_rules (project_id, partial_fails, credit_yes, credit_partial, credit_no, \
         updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (project_id) DO NOTHING";
    const UPDATE: &str = "UPDATE scoring_rules SET partial_fails = $2, credit_yes = $3, credit_partial = $4, \
         credit_no = $5, updated_by = $6, updated_at = $7, version = version + 1 WHERE project_id = $1 AND version = $8";
    let sql = if version == 0 { INSERT } else { UPDATE };
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(project.to_string())
        .bind(rules.partial_fails_eligibility)
        .bind(i64::from(rules.yes))
        .bind(i64::from(rules.partial))
        .bind(i64::from(rules.no))
        .bind(by.to_string())
        .bind(at.millis())
        .bind(version)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn commitments(
    conn: &mut impl Connection,
    project: ProjectId,
) -> Result<Option<CommitmentRecord>, StoreError> {
    type Row = (
        String,
        Option<String>,
        Option<i64>,
        String,
        String,
        String,
        i64,
    );
    const SQL: &str = "SELECT bid_id, support_end, patch_delay_days, remote_access, certifications, recorded_by, \
         recorded_at FROM supplier_commitments WHERE project_id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(project.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(
        |(bid, support_end, delay, remote_access, certifications, by, at)| {
            Ok(CommitmentRecord {
                project_id: project,
                bid_id: BidId::parse(&bid).ok_or_else(|| corrupt("bid id", &bid))?,
                support_end: day(support_end)?,
                patch_delay_days: delay.map(|d| u32_of(d, "patch delay")).transpose()?,
                remote_access,
                certifications: certifications_of(&certifications)?,
                recorded_by: user(&by)?,
                recorded_at: Timestamp(at),
            })
        },
    )
    .transpose()
}

/// Records the awarded supplier's commitments: once per project (a second
/// award is a duplicate).
pub async fn put_commitments(
    conn: &mut impl Connection,
    record: &CommitmentRecord,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO supplier_commitments (project_id, bid_id, support_end, patch_delay_days, \
         remote_access, certifications, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(record.project_id.to_string())
        .bind(record.bid_id.to_string())
        .bind(record.support_end.map(|d| d.to_string()))
        .bind(record.patch_delay_days.map(i64::from))
        .bind(&record.remote_access)
        .bind(certifications_text(&record.certifications))
        .bind(record.recorded_by.to_string())
        .bind(record.recorded_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certification_lines_round_trip() {
        let list = vec![
            CertificationRecord {
                name: "ISO/IEC 27001".into(),
                scope: "Hosting\tand support".into(),
                expires_on: Day::new(2027, 6, 30),
            },
            CertificationRecord {
                name: "HDS".into(),
                scope: String::new(),
                expires_on: None,
            },
        ];
        let back = certifications_of(&certifications_text(&list)).expect("parses");
        assert_eq!(back[0].scope, "Hosting and support");
        assert_eq!(back[0].expires_on, Day::new(2027, 6, 30));
        assert_eq!(back[1].name, "HDS");
        assert_eq!(back[1].expires_on, None);
    }

    #[test]
    fn names_are_unique_whatever_the_case_and_spacing() {
        assert_eq!(name_key("  Acme   Santé "), "acme santé");
    }
}
