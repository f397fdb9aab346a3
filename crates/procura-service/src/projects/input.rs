//! A project's fields as typed or sent, and their validation into the
//! values the store keeps.

use procura_domain::{
    CpvCode, Currency, Day, PlannedDates, ProcurementType, ProjectReference, TextField,
};

use crate::Invalid;
use crate::error::FieldProblem;

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

/// Keeps a field's value, or notes its problem and carries on, so every
/// problem of a form is reported at once.
fn checked<T>(
    problems: &mut Vec<FieldProblem>,
    field: &'static str,
    result: Result<T, Invalid>,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(invalid) => {
            problems.push(FieldProblem { field, invalid });
            None
        }
    }
}

impl ProjectInput {
    /// The validated fields, or every field's problem at once.
    pub(crate) fn parse(&self) -> Result<ParsedProject, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let reference = checked(
            &mut problems,
            "reference",
            ProjectReference::parse(&self.reference).ok_or(Invalid::ProjectReference),
        );
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            problems.push(FieldProblem {
                field: "title",
                invalid: Invalid::ProjectTitle,
            });
        }
        let mut procurement_types = self.procurement_types.clone();
        procurement_types.sort();
        procurement_types.dedup();
        if procurement_types.is_empty() {
            problems.push(FieldProblem {
                field: "procurement_types",
                invalid: Invalid::ProcurementTypes,
            });
        }
        let estimated_value = checked(
            &mut problems,
            "estimated_value",
            optional_text(&self.estimated_value)
                .map(|text| {
                    text.replace([' ', '\u{a0}', '\u{202f}'], "")
                        .parse::<i64>()
                        .ok()
                        .filter(|value| *value >= 0)
                        .ok_or(Invalid::EstimatedValue)
                })
                .transpose(),
        )
        .flatten();
        let currency = checked(
            &mut problems,
            "currency",
            optional_text(&self.currency)
                .map(|text| {
                    Currency::parse(text)
                        .map(|c| c.as_str().to_owned())
                        .ok_or(Invalid::Currency)
                })
                .transpose(),
        )
        .flatten();
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
            });
            if let Some(parsed) = checked(&mut problems, "cpv_codes", parsed)
                && !cpv_codes.contains(&parsed.as_str().to_owned())
            {
                cpv_codes.push(parsed.as_str().to_owned());
            }
        }
        let sites: Vec<String> = checked(
            &mut problems,
            "sites",
            self.sites
                .iter()
                .flat_map(|text| text.lines())
                .map(str::trim)
                .filter(|site| !site.is_empty())
                .map(|site| {
                    TextField::Site
                        .check(site)
                        .map(str::to_owned)
                        .map_err(Invalid::from)
                })
                .collect::<Result<_, _>>(),
        )
        .unwrap_or_default();
        if sites.len() > procura_domain::MAX_SITES {
            problems.push(FieldProblem {
                field: "sites",
                invalid: Invalid::TooManySites,
            });
        }
        let description = checked(
            &mut problems,
            "description",
            TextField::ProjectDescription
                .check(self.description.trim())
                .map_err(Invalid::from),
        )
        .unwrap_or_default();
        let [a, b, c, d, e, f] = &self.planned;
        let mut day =
            |value: &Option<String>| checked(&mut problems, "planned", parse_day(value)).flatten();
        let planned = PlannedDates {
            planning: (day(a), day(b)),
            supplier_selection: (day(c), day(d)),
            management: (day(e), day(f)),
        };
        let Some(reference) = reference else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
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
            planned,
        })
    }
}
