//! Reading the practice filters from a query string, where facets repeat
//! (`?type=medical-devices&type=cloud-services`), for the explorer, its
//! exports and the API alike.

use procura_catalog::{Catalog, PracticeQuery, ResolveError};

use crate::error::WebError;

pub fn parse(catalog: &Catalog, raw: Option<&str>) -> Result<PracticeQuery, ResolveError> {
    let mut query = PracticeQuery::default();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match name.as_ref() {
            "phase" => push_unique(&mut query.phases, catalog.resolve_phase(value)?),
            "type" => push_unique(
                &mut query.procurement_types,
                catalog.resolve_procurement_type(value)?,
            ),
            "threat" => push_unique(&mut query.threats, catalog.resolve_threat(value)?),
            "q" => query.text = Some(value.to_owned()),
            _ => {}
        }
    }
    // Canonical order, so that one selection always has one shareable URL.
    query.phases.sort();
    query.procurement_types.sort();
    query.threats.sort();
    Ok(query)
}

fn push_unique<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

/// The query string that reproduces `query`, for shareable links and exports.
pub fn to_query_string(query: &PracticeQuery) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for phase in &query.phases {
        serializer.append_pair("phase", phase.id());
    }
    for kind in &query.procurement_types {
        serializer.append_pair("type", kind.id());
    }
    for threat in &query.threats {
        serializer.append_pair("threat", threat.id());
    }
    if let Some(text) = &query.text {
        serializer.append_pair("q", text);
    }
    serializer.finish()
}

/// A filter value that names nothing: 400 with the valid ids or candidates.
pub fn invalid_filter(error: ResolveError) -> WebError {
    let (key, input, values) = match &error {
        ResolveError::Unknown { input, valid, .. } => {
            ("error-unknown-filter", input.clone(), valid.join(", "))
        }
        ResolveError::Ambiguous {
            input, candidates, ..
        } => (
            "error-ambiguous-filter",
            input.clone(),
            candidates.join(", "),
        ),
        ResolveError::UnknownPractice { input, .. } => {
            ("error-not-found", input.clone(), String::new())
        }
    };
    WebError::bad_request(key)
        .with("input", input)
        .with("values", values)
}
