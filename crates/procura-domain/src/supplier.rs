//! The organisation's supplier register as plain data: each company once
//! by name, its identifiers, contacts and certifications, and the projects
//! it bid on. The store reads these back; the use cases hand them on.

use crate::{BidStatus, Day, OrganisationId, ProjectId, SupplierId, Timestamp, UserId};

/// A certification a supplier holds (or committed to keep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationRecord {
    pub name: String,
    pub scope: String,
    pub expires_on: Option<Day>,
}

impl CertificationRecord {
    /// Past its expiry date on `today`; one without a date never expires.
    pub fn is_expired(&self, today: Day) -> bool {
        self.expires_on.is_some_and(|day| day < today)
    }
}

/// A company of the register.
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

/// A project a supplier bid on, with where its bid stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierProject {
    pub project_id: ProjectId,
    pub reference: String,
    pub title: String,
    pub bid_status: BidStatus,
}

/// The key a supplier's name is unique by in the register: the same
/// company typed with another case or spacing is the same entry.
pub fn supplier_name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_whatever_the_case_and_spacing() {
        assert_eq!(supplier_name_key("  Acme   Santé "), "acme santé");
    }

    #[test]
    fn a_certification_expires_the_day_after_its_date() {
        let until = |expires_on| CertificationRecord {
            name: "HDS".into(),
            scope: String::new(),
            expires_on,
        };
        let today = Day::new(2027, 6, 30).expect("day");
        assert!(!until(Day::new(2027, 6, 30)).is_expired(today));
        assert!(until(Day::new(2027, 6, 29)).is_expired(today));
        assert!(!until(None).is_expired(today));
    }
}
