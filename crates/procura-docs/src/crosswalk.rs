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

impl CrosswalkJson<'_> {
    /// The short title of one of the listed requirements.
    pub fn title_of(&self, code: &str) -> &str {
        self.requirements
            .iter()
            .find(|requirement| requirement.code == code)
            .map_or("", |requirement| requirement.title)
    }
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
            table.row([
                point.reference.as_str(),
                point.label,
                code,
                crosswalk.title_of(code),
            ])?;
        }
    }
    table.finish()
}

/// The cross-walk as a spreadsheet: the text and the query on top, then
/// one row per point and covering requirement, a gap as an empty cell.
pub fn crosswalk_xlsx(crosswalk: &CrosswalkJson<'_>, lang: Lang) -> Result<Vec<u8>, DocError> {
    let xlsx = |error: rust_xlsxwriter::XlsxError| DocError::Xlsx(error.to_string());
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(procura_i18n::text(lang, "crosswalk-sheet"))
        .map_err(xlsx)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap();
    sheet
        .write_string_with_format(
            0,
            0,
            format!("{} — {}", crosswalk.query, crosswalk.scheme_name),
            &bold,
        )
        .map_err(xlsx)?;
    if let Some(note) = crosswalk.scheme_note {
        sheet.write_string(1, 0, note).map_err(xlsx)?;
    }
    let header_row = 3;
    for (column, key) in [
        "crosswalk-col-ref",
        "crosswalk-col-label",
        "crosswalk-col-requirement",
        "crosswalk-col-title",
        "crosswalk-col-kind",
    ]
    .iter()
    .enumerate()
    {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(header_row, column, procura_i18n::text(lang, key), &bold)
            .map_err(xlsx)?;
    }
    for (column, width) in [(0, 18.0), (1, 60.0), (2, 14.0), (3, 50.0), (4, 26.0)] {
        sheet.set_column_width(column, width).map_err(xlsx)?;
    }
    let mut row = header_row + 1;
    for point in &crosswalk.points {
        let covering: Vec<Option<&RequirementJson<'_>>> = if point.requirements.is_empty() {
            vec![None]
        } else {
            point
                .requirements
                .iter()
                .map(|code| crosswalk.requirements.iter().find(|r| r.code == *code))
                .collect()
        };
        for requirement in covering {
            sheet.write_string(row, 0, &point.reference).map_err(xlsx)?;
            sheet
                .write_string_with_format(row, 1, point.label, &wrap)
                .map_err(xlsx)?;
            if let Some(requirement) = requirement {
                sheet.write_string(row, 2, requirement.code).map_err(xlsx)?;
                sheet
                    .write_string_with_format(row, 3, requirement.title, &wrap)
                    .map_err(xlsx)?;
                sheet
                    .write_string(
                        row,
                        4,
                        procura_i18n::text(lang, &format!("tender-kind-{}", requirement.kind)),
                    )
                    .map_err(xlsx)?;
            }
            row += 1;
        }
    }
    sheet.set_freeze_panes(header_row + 1, 0).map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}
