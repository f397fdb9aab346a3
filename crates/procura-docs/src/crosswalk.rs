//! The cross-walk as documents: which requirements cover a point of a text
//! and what the library (or a tender's selection) covers of a text, as JSON
//! for the API and the CLI, and as CSV for a spreadsheet. One model, so
//! the page, the API and the CLI give the same answer.

use procura_catalog::{CoveredPoint, Requirement, RequirementLibrary};
use procura_domain::{Lang, ReferenceQuery, RequirementCode};
use serde::Serialize;

use crate::{CsvTable, DocError};

#[derive(Debug, Serialize)]
pub struct CrosswalkJson<'a> {
    pub query: String,
    pub scheme: &'a str,
    pub scheme_name: &'a str,
    /// Scope, application dates or an uncertainty about the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_note: Option<&'a str>,
    /// The requirements with a reference under the query, in library order.
    pub requirements: Vec<RequirementJson<'a>>,
    /// Every point of the text under the query, covered or not.
    pub points: Vec<PointJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RequirementJson<'a> {
    pub code: &'a str,
    pub kind: &'static str,
    /// The part of the consultation file it goes in: rc, cctp or ccap.
    pub part: &'static str,
    pub title: &'a str,
    /// Its references under the query.
    pub refs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PointJson<'a> {
    #[serde(rename = "ref")]
    pub reference: String,
    pub label: &'a str,
    pub covered: bool,
    pub requirements: Vec<&'a str>,
}

/// The cross-walk of `query` in `lang`; `among` limits it to a tender's
/// selection. `None` when the registry has no such text.
pub fn crosswalk<'a>(
    library: &'a RequirementLibrary,
    query: &ReferenceQuery,
    among: Option<&[RequirementCode]>,
    lang: Lang,
) -> Option<CrosswalkJson<'a>> {
    let scheme = library.references.scheme(query.scheme())?;
    let requirements = library
        .covering(query)
        .into_iter()
        .filter(|requirement| among.is_none_or(|codes| codes.contains(&requirement.code)))
        .map(|requirement| requirement_json(requirement, query, lang))
        .collect();
    let points = library
        .crosswalk(query, among)
        .into_iter()
        .map(|covered: CoveredPoint<'a>| PointJson {
            reference: covered.point.id.to_string(),
            label: covered.point.label.get(lang),
            covered: !covered.requirements.is_empty(),
            requirements: covered
                .requirements
                .iter()
                .map(|requirement| requirement.code.as_str())
                .collect(),
        })
        .collect();
    Some(CrosswalkJson {
        query: query.to_string(),
        scheme: &scheme.id,
        scheme_name: scheme.name.get(lang),
        scheme_note: scheme.note.as_ref().map(|note| note.get(lang)),
        requirements,
        points,
    })
}

fn requirement_json<'a>(
    requirement: &'a Requirement,
    query: &ReferenceQuery,
    lang: Lang,
) -> RequirementJson<'a> {
    RequirementJson {
        code: requirement.code.as_str(),
        kind: requirement.kind.id(),
        part: requirement.kind.dce_part().id(),
        title: requirement.title.get(lang),
        refs: requirement
            .all_refs()
            .filter(|id| query.covers(id))
            .map(|id| id.to_string())
            .collect(),
    }
}

pub fn crosswalk_json(crosswalk: &CrosswalkJson<'_>) -> Result<String, DocError> {
    let mut text = serde_json::to_string_pretty(crosswalk)?;
    text.push('\n');
    Ok(text)
}

/// One row per point and covering requirement; a point nothing covers
/// gets one row with an empty requirement, so gaps show in the sheet.
pub fn crosswalk_csv(
    crosswalk: &CrosswalkJson<'_>,
    headers: [&str; 4],
) -> Result<String, DocError> {
    let mut table = CsvTable::new(headers)?;
    for point in &crosswalk.points {
        if point.requirements.is_empty() {
            table.row([point.reference.as_str(), point.label, "", ""])?;
        }
        for code in &point.requirements {
            let title = crosswalk
                .requirements
                .iter()
                .find(|requirement| requirement.code == *code)
                .map_or("", |requirement| requirement.title);
            table.row([point.reference.as_str(), point.label, code, title])?;
        }
    }
    table.finish()
}
