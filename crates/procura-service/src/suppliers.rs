//! The organisation's supplier register: each company once, with its
//! SIREN or SIRET, VAT number, contacts and certifications (flagged once
//! past their expiry), and the projects it bid on that the reader may see.

use procura_domain::AuditAction;
use procura_domain::Unique;
use procura_domain::{
    CertificationRecord, Day, Permission, SupplierId, SupplierProject, SupplierRecord, Timestamp,
};
use procura_store::suppliers;
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services};

/// A certification as typed: name, scope, expiry date (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificationInput {
    pub name: String,
    pub scope: String,
    pub expires_on: String,
}

#[derive(Debug, Clone, Default)]
pub struct SupplierInput {
    pub name: String,
    /// SIREN (9 digits) or SIRET (14), spaces allowed.
    pub company_id: String,
    pub vat: String,
    pub contacts: String,
    pub certifications: Vec<CertificationInput>,
}

/// A certification as the register shows it on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationView {
    pub certification: CertificationRecord,
    /// Past its expiry date on the day of the reading.
    pub expired: bool,
}

/// A supplier as the register shows it: its certifications flagged once
/// expired, and the projects it bid on that the reader may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierView {
    pub id: SupplierId,
    pub name: String,
    /// SIREN or SIRET, digits only.
    pub company_id: String,
    pub vat: String,
    /// Names, e-mail addresses and phones, one per line.
    pub contacts: String,
    pub certifications: Vec<CertificationView>,
    /// The version read, for an update.
    pub version: i64,
    /// Latest first; empty in the list of the whole register.
    pub projects: Vec<SupplierProject>,
}

impl SupplierView {
    fn new(supplier: SupplierRecord, today: Day, projects: Vec<SupplierProject>) -> SupplierView {
        SupplierView {
            id: supplier.id,
            name: supplier.name,
            company_id: supplier.company_id,
            vat: supplier.vat,
            contacts: supplier.contacts,
            certifications: supplier
                .certifications
                .into_iter()
                .map(|certification| CertificationView {
                    expired: certification.is_expired(today),
                    certification,
                })
                .collect(),
            version: supplier.version,
            projects,
        }
    }
}

/// SIREN (9 digits) or SIRET (14 digits) with its Luhn key, or nothing.
fn company_id(input: &str) -> Result<String, Invalid> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    if !(digits.len() == 9 || digits.len() == 14) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::CompanyId);
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap_or(0);
            if i % 2 == 1 {
                let double = d * 2;
                if double > 9 { double - 9 } else { double }
            } else {
                d
            }
        })
        .sum();
    // La Poste's establishments do not follow the Luhn key.
    if !sum.is_multiple_of(10) && !digits.starts_with("356000000") {
        return Err(Invalid::CompanyId);
    }
    Ok(digits)
}

/// An intra-EU VAT number: two letters then 2 to 13 letters or digits.
fn vat_number(input: &str) -> Result<String, Invalid> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect::<String>()
        .to_uppercase();
    if compact.is_empty() {
        return Ok(compact);
    }
    let valid = compact.len() >= 4
        && compact.len() <= 15
        && compact.chars().take(2).all(|c| c.is_ascii_uppercase())
        && compact.chars().skip(2).all(|c| c.is_ascii_alphanumeric());
    if valid {
        Ok(compact)
    } else {
        Err(Invalid::Vat)
    }
}

/// The certifications as typed, rows left blank dropped.
pub(crate) fn certifications(
    list: &[CertificationInput],
) -> Result<Vec<CertificationRecord>, Invalid> {
    list.iter()
        .filter(|c| !(c.name.trim().is_empty() && c.scope.trim().is_empty()))
        .map(|c| {
            if c.name.trim().is_empty() {
                return Err(Invalid::Certification);
            }
            bounded(&c.name, 200)?;
            bounded(&c.scope, 500)?;
            let expiry = c.expires_on.trim();
            Ok(CertificationRecord {
                name: c.name.trim().to_owned(),
                scope: c.scope.trim().to_owned(),
                expires_on: if expiry.is_empty() {
                    None
                } else {
                    Some(Day::parse(expiry).ok_or(Invalid::Date)?)
                },
            })
        })
        .collect()
}

impl SupplierInput {
    /// `record` with the typed fields parsed into it.
    fn parse(&self, record: SupplierRecord) -> Result<SupplierRecord, Invalid> {
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Invalid::SupplierName);
        }
        bounded(&self.contacts, 2_000)?;
        if self.certifications.len() > 50 {
            return Err(Invalid::TextTooLong);
        }
        Ok(SupplierRecord {
            name,
            company_id: company_id(&self.company_id)?,
            vat: vat_number(&self.vat)?,
            contacts: self.contacts.trim().to_owned(),
            certifications: certifications(&self.certifications)?,
            ..record
        })
    }
}

impl Services {
    pub async fn suppliers(
        &self,
        principal: &Principal,
        now: Timestamp,
    ) -> Result<Vec<SupplierView>, ServiceError> {
        principal.require(Permission::ReadCatalog)?;
        let mut conn = self.store().connection().await?;
        let today = Day::from_unix_millis(now.millis());
        let list = suppliers::suppliers(&mut conn, principal.organisation_id).await?;
        Ok(list
            .into_iter()
            .map(|supplier| SupplierView::new(supplier, today, Vec::new()))
            .collect())
    }

    pub async fn supplier(
        &self,
        principal: &Principal,
        id: SupplierId,
        now: Timestamp,
    ) -> Result<SupplierView, ServiceError> {
        principal.require(Permission::ReadCatalog)?;
        let mut tx = self.store().begin_read().await?;
        let supplier = suppliers::find_supplier(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let all = suppliers::supplier_projects(&mut tx, principal.organisation_id, id).await?;
        // Only the projects this person may see.
        let mut projects = Vec::new();
        for entry in all {
            match self.visible(&mut tx, principal, entry.project_id).await {
                Ok(_) => projects.push(entry),
                Err(ServiceError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        tx.commit().await?;
        let today = Day::from_unix_millis(now.millis());
        Ok(SupplierView::new(supplier, today, projects))
    }

    pub async fn create_supplier(
        &self,
        principal: &Principal,
        input: &SupplierInput,
        now: Timestamp,
    ) -> Result<SupplierRecord, ServiceError> {
        principal.require(Permission::ManageSuppliers)?;
        let mut tx = self.store().begin().await?;
        let supplier = self.new_supplier(&mut tx, principal, input, now).await?;
        tx.commit().await?;
        Ok(supplier)
    }

    pub(crate) async fn new_supplier(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        input: &SupplierInput,
        now: Timestamp,
    ) -> Result<SupplierRecord, ServiceError> {
        let supplier = input.parse(SupplierRecord {
            id: SupplierId::from_uuid(new_uuid()?),
            organisation_id: principal.organisation_id,
            name: String::new(),
            company_id: String::new(),
            vat: String::new(),
            contacts: String::new(),
            certifications: Vec::new(),
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        })?;
        suppliers::insert_supplier(tx, &supplier).await.map_err(
            |error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Duplicate(Unique::SupplierName),
                other => other,
            },
        )?;
        record(
            tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::SupplierCreate,
                object: format!("supplier:{}", supplier.id),
                detail: json!({ "name": supplier.name, "company_id": supplier.company_id }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        Ok(supplier)
    }

    pub async fn update_supplier(
        &self,
        principal: &Principal,
        id: SupplierId,
        version: i64,
        input: &SupplierInput,
        now: Timestamp,
    ) -> Result<SupplierRecord, ServiceError> {
        principal.require(Permission::ManageSuppliers)?;
        let mut tx = self.store().begin().await?;
        let current = suppliers::find_supplier(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let updated = input.parse(SupplierRecord {
            updated_at: now,
            version,
            ..current
        })?;
        let saved = suppliers::update_supplier(&mut tx, &updated)
            .await
            .map_err(|error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Duplicate(Unique::SupplierName),
                other => other,
            })?;
        if !saved {
            return Err(ServiceError::Conflict);
        }
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: AuditAction::SupplierUpdate,
                object: format!("supplier:{id}"),
                detail: json!({
                    "name": updated.name,
                    "company_id": updated.company_id,
                    "vat": updated.vat,
                    "certifications": updated.certifications.len(),
                    "version": version + 1,
                }),
                actor: Actor::User(principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(SupplierRecord {
            version: version + 1,
            ..updated
        })
    }
}

/// Refuses a text longer than `max` characters.
pub(crate) fn bounded(text: &str, max: usize) -> Result<(), Invalid> {
    if text.chars().count() > max {
        Err(Invalid::TextTooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_ids_are_siren_or_siret_with_their_key() {
        assert_eq!(company_id("732 829 320"), Ok("732829320".to_owned()));
        assert_eq!(
            company_id("732 829 320 00074"),
            Ok("73282932000074".to_owned())
        );
        assert_eq!(company_id(""), Ok(String::new()));
        assert_eq!(company_id("732829321"), Err(Invalid::CompanyId));
        assert_eq!(company_id("12345"), Err(Invalid::CompanyId));
        assert_eq!(
            vat_number("fr 40 303 265 045"),
            Ok("FR40303265045".to_owned())
        );
        assert_eq!(vat_number("12"), Err(Invalid::Vat));
    }
}
