//! The organisation's supplier register: each company once by name
//! (ignoring case and spacing), its identifiers, contacts and
//! certifications, and the projects it bid on. Every query has the
//! organisation in its `WHERE` clause. The records are procura-domain's;
//! how they are laid out in rows stays here.

use procura_domain::{
    BidStatus, CertificationRecord, OrganisationId, ProjectId, SupplierId, SupplierProject,
    SupplierRecord, Timestamp, supplier_name_key,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::decode::{day, user};
use crate::error::{StoreError, corrupt};

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

impl<R: Columns> sqlx::FromRow<'_, R> for SupplierRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(SupplierRow {
            id: row.read("id")?,
            organisation_id: row.read("organisation_id")?,
            name: row.read("name")?,
            company_id: row.read("company_id")?,
            vat: row.read("vat")?,
            contacts: row.read("contacts")?,
            created_by: row.read("created_by")?,
            created_at: row.read("created_at")?,
            updated_at: row.read("updated_at")?,
            version: row.read("version")?,
        })
    }
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
        .bind(supplier_name_key(&supplier.name))
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
        .bind(supplier_name_key(&supplier.name))
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
        .bind(supplier_name_key(name))
        .fetch_all(c)
        .await)?;
    Ok(with_certifications(conn, rows).await?.into_iter().next())
}

/// The projects a supplier bid on, with its bid's status, latest first.
pub async fn supplier_projects(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    supplier: SupplierId,
) -> Result<Vec<SupplierProject>, StoreError> {
    const SQL: &str = "SELECT p.id, p.reference, p.title, b.status FROM bids b JOIN projects p ON p.id = b.project_id \
         WHERE p.organisation_id = $1 AND b.supplier_id = $2 ORDER BY b.created_at DESC";
    let rows: Vec<(String, String, String, String)> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(supplier.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|(id, reference, title, status)| {
            Ok(SupplierProject {
                project_id: ProjectId::parse(&id).ok_or_else(|| corrupt("project id", &id))?,
                reference,
                title,
                bid_status: BidStatus::parse(&status)
                    .ok_or_else(|| corrupt("bid status", &status))?,
            })
        })
        .collect()
}
