//! A supplier's certifications at the edge: as people type them in a
//! form, one per line, and as the API carries them. The supplier register
//! keeps them and an award copies them into the commitments.

use procura_domain::CertificationRecord;
use procura_service::suppliers::CertificationInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, Deserialize, ToSchema, Default, Clone)]
pub struct Certification {
    pub name: String,
    #[serde(default)]
    pub scope: String,
    /// `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub expires_on: String,
    /// Past its expiry date (ignored on input).
    #[serde(default)]
    pub expired: bool,
}

impl Certification {
    pub fn of(record: &CertificationRecord, expired: bool) -> Certification {
        Certification {
            name: record.name.clone(),
            scope: record.scope.clone(),
            expires_on: record.expires_on.map(|d| d.to_string()).unwrap_or_default(),
            expired,
        }
    }
}

/// What the service reads from certifications sent to the API.
pub fn inputs(list: &[Certification]) -> Vec<CertificationInput> {
    list.iter()
        .map(|c| CertificationInput {
            name: c.name.clone(),
            scope: c.scope.clone(),
            expires_on: c.expires_on.clone(),
        })
        .collect()
}

/// Certifications typed one per line: `name | scope | YYYY-MM-DD`.
pub fn from_lines(text: &str) -> Vec<CertificationInput> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut parts = line.split('|').map(str::trim);
            CertificationInput {
                name: parts.next().unwrap_or_default().to_owned(),
                scope: parts.next().unwrap_or_default().to_owned(),
                expires_on: parts.next().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

/// The certifications as a form shows them for editing, one per line.
pub fn to_lines<'a>(records: impl IntoIterator<Item = &'a CertificationRecord>) -> String {
    records
        .into_iter()
        .map(|c| {
            format!(
                "{} | {} | {}",
                c.name,
                c.scope,
                c.expires_on.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[(&str, &str, &str)]) {
        let read: Vec<(String, String, String)> = from_lines(text)
            .into_iter()
            .map(|c| (c.name, c.scope, c.expires_on))
            .collect();
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(n, s, e)| ((*n).to_owned(), (*s).to_owned(), (*e).to_owned()))
            .collect();
        assert_eq!(read, expected, "{text:?}");
    }

    #[test]
    fn one_certification_per_line() {
        check(
            "ISO 27001 | hosting | 2027-01-31\n\n HDS ",
            &[("ISO 27001", "hosting", "2027-01-31"), ("HDS", "", "")],
        );
        check("", &[]);
    }
}
