//! CSV for spreadsheets and scripts: one row per practice, ids for mappings,
//! texts in the chosen language.

use procura_catalog::PracticeMatch;
use procura_domain::Lang;

use crate::wire::ids;
use crate::{CsvTable, DocError};

const HEADER: [&str; 11] = [
    "id",
    "number",
    "title",
    "statement",
    "objective",
    "phases",
    "procurement_types",
    "threats",
    "matched_phases",
    "matched_procurement_types",
    "matched_threats",
];

/// The practices matching a query. Lists of ids are separated by `; `.
pub fn practices_csv(matches: &[PracticeMatch<'_>], lang: Lang) -> Result<String, DocError> {
    let mut table = CsvTable::new(HEADER)?;
    for found in matches {
        let practice = found.practice;
        let list = |values: Vec<&'static str>| values.join("; ");
        table.row([
            practice.id(),
            practice.number.get().to_string(),
            practice.title.get(lang).to_owned(),
            practice.statement.get(lang).to_owned(),
            practice.objective.get(lang).to_owned(),
            list(ids(&practice.phases, |v| v.id())),
            list(ids(&practice.procurement_types, |v| v.id())),
            list(ids(&practice.threats, |v| v.id())),
            list(ids(&found.phases, |v| v.id())),
            list(ids(&found.procurement_types, |v| v.id())),
            list(ids(&found.threats, |v| v.id())),
        ])?;
    }
    table.finish()
}
