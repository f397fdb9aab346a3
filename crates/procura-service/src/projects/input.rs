//! A project's fields as typed or sent, and their validation into the
//! values the store keeps.

use procura_domain::{
    CpvCode, Currency, Day, PlannedDates, ProcurementType, ProjectReference, TextField,
};

use crate::Invalid;

/// Project fields as typed by a person or sent by a script.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    pub reference: String,
    pub title: String,
    pub description: String,
    pub procurement_types: Vec<ProcurementType>,
    pub estimated_value: Option<String>,
    pub currency: Option<String>,
    pub cpv_codes: Vec<String>,
    pub sites: Vec<String>,
    pub special_category_data: bool,
    /// Start and end of planning, supplier selection and management, `YYYY-MM-DD`.
    pub planned: [Option<String>; 6],
    /// E-mail addresses of organisation members and their project role.
    pub stakeholders: Vec<(String, String)>,
}

/// Validated project fields.
pub(crate) struct ParsedProject {
    pub(crate) reference: ProjectReference,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) procurement_types: Vec<ProcurementType>,
    pub(crate) estimated_value: Option<i64>,
    pub(crate) currency: Option<String>,
    pub(crate) cpv_codes: Vec<String>,
    pub(crate) sites: Vec<String>,
    pub(crate) special_category_data: bool,
    pub(crate) planned: PlannedDates,
}

fn optional_text(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

pub(super) fn parse_day(value: &Option<String>) -> Result<Option<Day>, Invalid> {
    optional_text(value)
        .map(|text| Day::parse(text).ok_or(Invalid::Date))
        .transpose()
}

impl ProjectInput {
    pub(crate) fn parse(&self) -> Result<ParsedProject, Invalid> {
        let reference =
            ProjectReference::parse(&self.reference).ok_or(Invalid::ProjectReference)?;
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(Invalid::ProjectTitle);
        }
        let mut procurement_types = self.procurement_types.clone();
        procurement_types.sort();
        procurement_types.dedup();
        if procurement_types.is_empty() {
            return Err(Invalid::ProcurementTypes);
        }
        let estimated_value = optional_text(&self.estimated_value)
            .map(|text| {
                text.replace([' ', '\u{a0}', '\u{202f}'], "")
                    .parse::<i64>()
                    .ok()
                    .filter(|value| *value >= 0)
                    .ok_or(Invalid::EstimatedValue)
            })
            .transpose()?;
        let currency = optional_text(&self.currency)
            .map(|text| {
                Currency::parse(text)
                    .map(|c| c.as_str().to_owned())
                    .ok_or(Invalid::Currency)
            })
            .transpose()?;
        let currency = match (estimated_value, currency) {
            (Some(_), None) => Some("EUR".to_owned()),
            (_, currency) => currency,
        };
        let mut cpv_codes = Vec::new();
        for code in self
            .cpv_codes
            .iter()
            .flat_map(|text| text.split([',', ' ', '\n']))
        {
            if code.trim().is_empty() {
                continue;
            }
            let parsed = CpvCode::parse(code).map_err(|error| match error {
                procura_domain::InvalidCpv::CheckDigit { expected } => Invalid::CpvCheckDigit {
                    digits: code
                        .trim()
                        .get(..8)
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(0),
                    expected,
                },
                procura_domain::InvalidCpv::Format => Invalid::Cpv,
            })?;
            if !cpv_codes.contains(&parsed.as_str().to_owned()) {
                cpv_codes.push(parsed.as_str().to_owned());
            }
        }
        let sites: Vec<String> = self
            .sites
            .iter()
            .flat_map(|text| text.lines())
            .map(str::trim)
            .filter(|site| !site.is_empty())
            .map(|site| TextField::Site.check(site).map(str::to_owned))
            .collect::<Result<_, _>>()?;
        if sites.len() > procura_domain::MAX_SITES {
            return Err(Invalid::TooManySites);
        }
        let description = TextField::ProjectDescription.check(self.description.trim())?;
        let [a, b, c, d, e, f] = &self.planned;
        Ok(ParsedProject {
            reference,
            title: title.to_owned(),
            description: description.to_owned(),
            procurement_types,
            estimated_value,
            currency,
            cpv_codes,
            sites,
            special_category_data: self.special_category_data,
            planned: PlannedDates {
                planning: (parse_day(a)?, parse_day(b)?),
                supplier_selection: (parse_day(c)?, parse_day(d)?),
                management: (parse_day(e)?, parse_day(f)?),
            },
        })
    }
}
