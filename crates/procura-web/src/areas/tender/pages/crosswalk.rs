//! The cross-walk page: which requirements of the library, or of one
//! project's selection, cover a text, a part of it or one of its points,
//! with the same answer as a CSV or XLSX download.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use procura_domain::{ProjectId, ReferenceQuery, RequirementCode};
use serde::Deserialize;

use crate::error::{WebError, WebResult};
use crate::kit::downloads::{self, attachment};
use crate::kit::ids::Id;
use crate::render::{Page, RequestContext, html};
use crate::state::AppState;

#[derive(Debug, Deserialize, Default)]
pub struct CrosswalkParams {
    /// The text: `nis2`, `cra`…
    #[serde(default)]
    pub scheme: String,
    /// A part or point of it, optional: `21.2.d`, `I.1`.
    #[serde(default)]
    pub point: String,
    /// `csv` or `xlsx` for a download; the page otherwise.
    pub format: Option<String>,
}

pub struct PointRow {
    pub reference: String,
    pub label: String,
    pub requirements: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "crosswalk.html")]
pub struct CrosswalkPage {
    pub page: Page,
    /// Set on a project's page: the link back and the form's target.
    pub project: Option<(String, String)>,
    pub action: String,
    pub schemes: Vec<(String, String)>,
    pub scheme: String,
    pub point: String,
    pub scheme_name: String,
    pub scheme_note: String,
    pub rows: Vec<PointRow>,
    /// "Points covered: 3 of 10".
    pub covered: String,
    pub downloads: Vec<(String, String)>,
}

fn library() -> WebResult<&'static procura_catalog::RequirementLibrary> {
    procura_catalog::requirement_library().map_err(|error| {
        tracing::error!(%error, "requirement library");
        WebError::internal()
    })
}

/// The library's cross-walk.
pub async fn library_crosswalk(
    State(state): State<AppState>,
    context: RequestContext,
    Query(params): Query<CrosswalkParams>,
) -> WebResult<Response> {
    context.principal()?;
    answer(&state, &context, &params, None, None).await
}

/// What one project's selection covers.
pub async fn tender_crosswalk(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(params): Query<CrosswalkParams>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.tender(principal, state.catalog, id).await?;
    let codes: Vec<RequirementCode> = view.included().map(|line| line.code.clone()).collect();
    let project = (id.to_string(), view.project.reference.to_string());
    answer(&state, &context, &params, Some(project), Some(&codes)).await
}

async fn answer(
    state: &AppState,
    context: &RequestContext,
    params: &CrosswalkParams,
    project: Option<(String, String)>,
    among: Option<&[RequirementCode]>,
) -> WebResult<Response> {
    let lang = context.lang;
    let library = library()?;
    let scheme = params.scheme.trim();
    let point = params.point.trim();
    let query = if scheme.is_empty() {
        None
    } else {
        let text = if point.is_empty() {
            scheme.to_owned()
        } else {
            format!("{scheme}:{point}")
        };
        Some(ReferenceQuery::parse(&text).map_err(|_| WebError::invalid("invalid-reference"))?)
    };
    let crosswalk = match &query {
        Some(query) => Some(
            procura_docs::crosswalk(library, query, among, lang).ok_or_else(WebError::not_found)?,
        ),
        None => None,
    };
    let stem = match &project {
        Some((_, reference)) => format!("{reference}-crosswalk"),
        None => "procura-crosswalk".to_owned(),
    };
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "cross-walk document");
        WebError::internal()
    };
    if let (Some(crosswalk), Some(format)) = (&crosswalk, params.format.as_deref()) {
        let tr = context.tr();
        let name = format!("{stem}-{}-{}", crosswalk.scheme, lang.code());
        return match format {
            "csv" => {
                let headers = [
                    tr.t("crosswalk-col-ref"),
                    tr.t("crosswalk-col-label"),
                    tr.t("crosswalk-col-requirement"),
                    tr.t("crosswalk-col-title"),
                ];
                let csv = procura_docs::crosswalk_csv(
                    crosswalk,
                    [&headers[0], &headers[1], &headers[2], &headers[3]].map(String::as_str),
                )
                .map_err(failed)?;
                attachment(csv.into_bytes(), downloads::CSV, &format!("{name}.csv"))
            }
            "xlsx" => attachment(
                procura_docs::crosswalk_xlsx(crosswalk, lang).map_err(failed)?,
                downloads::XLSX,
                &format!("{name}.xlsx"),
            ),
            _ => Err(WebError::invalid("invalid-crosswalk-format")),
        };
    }
    let tr = context.tr();
    let title = tr.t("crosswalk-page-title");
    let page = Page::new(state, context, "requirements", title).await;
    let action = match &project {
        Some((id, _)) => format!("/projects/{id}/crosswalk"),
        None => "/requirements".to_owned(),
    };
    let rows: Vec<PointRow> = crosswalk
        .as_ref()
        .map(|crosswalk| {
            crosswalk
                .points
                .iter()
                .map(|point| PointRow {
                    reference: point.reference.clone(),
                    label: point.label.to_owned(),
                    requirements: point
                        .requirements
                        .iter()
                        .filter_map(|code| crosswalk.requirements.iter().find(|r| r.code == *code))
                        .map(|requirement| {
                            (
                                requirement.code.to_owned(),
                                requirement.title.to_owned(),
                                tr.t(&format!("tender-kind-{}", requirement.kind)),
                            )
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let query_string = |format: &str| {
        format!(
            "{action}?scheme={}&point={}&format={format}",
            urlencoding(scheme),
            urlencoding(point)
        )
    };
    html(&CrosswalkPage {
        project,
        schemes: library
            .references
            .schemes
            .iter()
            .map(|scheme| (scheme.id.clone(), scheme.name.get(lang).to_owned()))
            .collect(),
        scheme: scheme.to_owned(),
        point: point.to_owned(),
        scheme_name: crosswalk
            .as_ref()
            .map(|c| c.scheme_name.to_owned())
            .unwrap_or_default(),
        scheme_note: crosswalk
            .as_ref()
            .and_then(|c| c.scheme_note)
            .unwrap_or_default()
            .to_owned(),
        covered: tr.with(
            "crosswalk-covered",
            &[
                (
                    "covered",
                    rows.iter()
                        .filter(|row| !row.requirements.is_empty())
                        .count()
                        .into(),
                ),
                ("total", rows.len().into()),
            ],
        ),
        downloads: if crosswalk.is_some() {
            ["csv", "xlsx"]
                .iter()
                .map(|format| {
                    (
                        query_string(format),
                        tr.with(
                            "crosswalk-download",
                            &[("format", format.to_uppercase().into())],
                        ),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        rows,
        action,
        page,
    })
}

/// Percent-encodes a query value: scheme and point ids are ASCII letters,
/// digits, dots and dashes already, anything else is escaped.
fn urlencoding(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
