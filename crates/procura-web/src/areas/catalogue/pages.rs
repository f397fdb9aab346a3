//! The catalogue explorer: facets, free text, results grouped by phase with
//! the reasons each practice matched, practice pages and exports.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use procura_catalog::{PracticeMatch, PracticeQuery, group_by_phase};
use procura_domain::{Lang, Phase, ProcurementType, ThreatGroup};

use crate::error::{WebError, WebResult};
use crate::filters::{invalid_filter, parse, to_query_string};
use crate::kit::downloads::{self, attachment};
use crate::render::{Page, RequestContext, html};
use crate::state::AppState;

pub struct FacetOption {
    pub id: &'static str,
    pub name: String,
    pub checked: bool,
    /// How many of the current results map to this value.
    pub count: usize,
}

pub struct Facet {
    pub name: &'static str,
    pub legend: String,
    pub options: Vec<FacetOption>,
}

pub struct Badge {
    pub class: &'static str,
    pub text: String,
    /// The badge marks a value the user selected (a reason for the match).
    pub matched: bool,
}

pub struct ResultItem {
    pub id: String,
    pub title: String,
    pub statement: String,
    pub badges: Vec<Badge>,
    pub reasons: String,
}

pub struct ResultGroup {
    pub phase: String,
    pub anchor: &'static str,
    pub items: Vec<ResultItem>,
}

#[derive(Template)]
#[template(path = "catalogue.html")]
struct ExplorerPage {
    page: Page,
    facets: Vec<Facet>,
    text: String,
    count: String,
    groups: Vec<ResultGroup>,
    export_query: String,
    filtered: bool,
}

pub async fn explorer(
    State(state): State<AppState>,
    context: RequestContext,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    let catalog = state.catalog;
    let query = parse(catalog, raw.as_deref()).map_err(invalid_filter)?;
    let lang = context.lang;
    let tr = context.tr();
    let matches = catalog.query(&query);
    let facets = facets(&state, &query, &matches, lang);
    let groups = group_by_phase(&matches, &query)
        .into_iter()
        .map(|group| ResultGroup {
            phase: catalog.phase_name(group.phase, lang).to_owned(),
            anchor: group.phase.id(),
            items: group
                .matches
                .iter()
                .map(|found| item(&state, &query, found, lang))
                .collect(),
        })
        .collect();
    let page = Page::new(&state, &context, "catalogue", tr.t("catalogue-title")).await;
    html(&ExplorerPage {
        page,
        facets,
        text: query.text.clone().unwrap_or_default(),
        count: tr.with("practice-count", &[("count", matches.len().into())]),
        groups,
        export_query: to_query_string(&query),
        filtered: !query.is_empty(),
    })
}

fn facets(
    state: &AppState,
    query: &PracticeQuery,
    matches: &[PracticeMatch<'_>],
    lang: Lang,
) -> Vec<Facet> {
    let catalog = state.catalog;
    let tr = crate::i18n::Tr(lang);
    let phases = Phase::ALL
        .iter()
        .map(|phase| FacetOption {
            id: phase.id(),
            name: catalog.phase_name(*phase, lang).to_owned(),
            checked: query.phases.contains(phase),
            count: matches
                .iter()
                .filter(|found| found.practice.applies_in(*phase))
                .count(),
        })
        .collect();
    let types = ProcurementType::ALL
        .iter()
        .map(|kind| FacetOption {
            id: kind.id(),
            name: catalog.procurement_type_name(*kind, lang).to_owned(),
            checked: query.procurement_types.contains(kind),
            count: matches
                .iter()
                .filter(|found| found.practice.applies_to(*kind))
                .count(),
        })
        .collect();
    let threats = ThreatGroup::ALL
        .iter()
        .map(|threat| FacetOption {
            id: threat.id(),
            name: catalog.threat_name(*threat, lang).to_owned(),
            checked: query.threats.contains(threat),
            count: matches
                .iter()
                .filter(|found| found.practice.addresses(*threat))
                .count(),
        })
        .collect();
    vec![
        Facet {
            name: "phase",
            legend: tr.t("label-phases"),
            options: phases,
        },
        Facet {
            name: "type",
            legend: tr.t("label-procurement-types"),
            options: types,
        },
        Facet {
            name: "threat",
            legend: tr.t("label-threats"),
            options: threats,
        },
    ]
}

fn item(
    state: &AppState,
    query: &PracticeQuery,
    found: &PracticeMatch<'_>,
    lang: Lang,
) -> ResultItem {
    let catalog = state.catalog;
    let practice = found.practice;
    let mut badges = Vec::new();
    for phase in &practice.phases {
        badges.push(Badge {
            class: "badge-phase",
            text: catalog.phase_name(*phase, lang).to_owned(),
            matched: found.phases.contains(phase),
        });
    }
    // Ten types on every card would drown the page: show the selected ones,
    // or « all » / the count when nothing is selected.
    if query.procurement_types.is_empty() {
        let text = if practice.procurement_types.len() == ProcurementType::ALL.len() {
            crate::i18n::Tr(lang).t("catalogue-all-types")
        } else {
            crate::i18n::Tr(lang).with(
                "catalogue-type-count",
                &[("count", practice.procurement_types.len().into())],
            )
        };
        badges.push(Badge {
            class: "badge-type",
            text,
            matched: false,
        });
    } else {
        for kind in &found.procurement_types {
            badges.push(Badge {
                class: "badge-type",
                text: catalog.procurement_type_name(*kind, lang).to_owned(),
                matched: true,
            });
        }
    }
    for threat in &practice.threats {
        badges.push(Badge {
            class: "badge-threat",
            text: catalog.threat_name(*threat, lang).to_owned(),
            matched: found.threats.contains(threat),
        });
    }
    ResultItem {
        id: practice.id(),
        title: practice.title.get(lang).to_owned(),
        statement: practice.statement.get(lang).to_owned(),
        badges,
        reasons: crate::i18n::Tr(lang).with(
            "catalogue-why",
            &[(
                "reasons",
                procura_docs::reasons(catalog, found, lang).into(),
            )],
        ),
    }
}

#[derive(Template)]
#[template(path = "practice.html")]
struct PracticePage {
    page: Page,
    id: String,
    title: String,
    statement: String,
    objective: String,
    phases: Vec<String>,
    types: Vec<String>,
    threats: Vec<String>,
    source_title: String,
    source_url: String,
    previous: Option<String>,
    next: Option<String>,
}

pub async fn practice(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let catalog = state.catalog;
    let practice = catalog
        .resolve_practice(&id)
        .map_err(|_| WebError::not_found())?;
    let lang = context.lang;
    let names = |values: Vec<&str>| values.into_iter().map(str::to_owned).collect::<Vec<_>>();
    let number = practice.number.get();
    let neighbour = |n: u8| {
        procura_domain::PracticeNumber::new(n)
            .and_then(|n| catalog.practice(n))
            .map(|p| p.id())
    };
    let page = Page::new(
        &state,
        &context,
        "catalogue",
        format!("{} — {}", practice.id(), practice.title.get(lang)),
    )
    .await;
    html(&PracticePage {
        page,
        id: practice.id(),
        title: practice.title.get(lang).to_owned(),
        statement: practice.statement.get(lang).to_owned(),
        objective: practice.objective.get(lang).to_owned(),
        phases: names(
            practice
                .phases
                .iter()
                .map(|v| catalog.phase_name(*v, lang))
                .collect(),
        ),
        types: names(
            practice
                .procurement_types
                .iter()
                .map(|v| catalog.procurement_type_name(*v, lang))
                .collect(),
        ),
        threats: names(
            practice
                .threats
                .iter()
                .map(|v| catalog.threat_name(*v, lang))
                .collect(),
        ),
        source_title: format!(
            "{}, {} ({})",
            catalog.edition.publisher,
            catalog.edition.title.get(lang),
            catalog.edition.published
        ),
        source_url: catalog.edition.url.clone(),
        previous: number.checked_sub(1).and_then(neighbour),
        next: number.checked_add(1).and_then(neighbour),
    })
}

/// The current list as Markdown, CSV or JSON, as a file download.
pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    let catalog = state.catalog;
    let query = parse(catalog, raw.as_deref()).map_err(invalid_filter)?;
    let format = form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "format")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_else(|| "markdown".to_owned());
    let matches = catalog.query(&query);
    let (body, content_type, extension) = match format.as_str() {
        "markdown" | "md" => (
            procura_docs::practices_markdown(catalog, &query, &matches, context.lang),
            downloads::MARKDOWN,
            "md",
        ),
        "csv" => (
            procura_docs::practices_csv(&matches, context.lang)
                .map_err(|_| WebError::internal())?,
            downloads::CSV,
            "csv",
        ),
        "json" => (
            procura_docs::practices_json(catalog, &query, &matches)
                .map_err(|_| WebError::internal())?,
            downloads::JSON,
            "json",
        ),
        _ => return Err(WebError::bad_request("error-unknown-format").with("format", format)),
    };
    attachment(
        body.into_bytes(),
        content_type,
        &format!("procura-practices-{}.{extension}", context.lang.code()),
    )
}
