//! JSON documents: the whole catalogue, one practice, and query results.

use procura_catalog::{Catalog, Practice, PracticeMatch, PracticeQuery};

use crate::DocError;
use crate::wire::{CatalogJson, MatchJson, PracticeJson, PracticeListJson, QueryJson, ids};

fn pretty(value: &impl serde::Serialize) -> Result<String, DocError> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// The whole catalogue: edition, the three taxonomies and every practice.
pub fn catalog_json(catalog: &Catalog) -> Result<String, DocError> {
    pretty(&CatalogJson::from(catalog))
}

/// One practice in both languages.
pub fn practice_json(practice: &Practice) -> Result<String, DocError> {
    pretty(&PracticeJson::from(practice))
}

/// Query results with the query itself and, per practice, why it matched.
pub fn practices_json(
    catalog: &Catalog,
    query: &PracticeQuery,
    matches: &[PracticeMatch<'_>],
) -> Result<String, DocError> {
    pretty(&PracticeListJson {
        edition: &catalog.edition.id,
        query: QueryJson {
            phases: ids(&query.phases, |v| v.id()),
            procurement_types: ids(&query.procurement_types, |v| v.id()),
            threats: ids(&query.threats, |v| v.id()),
            text: query.text.as_deref(),
        },
        count: matches.len(),
        practices: matches.iter().map(MatchJson::from).collect(),
    })
}

/// The three phases, for `procura phases --format json`.
pub fn phases_json(catalog: &Catalog) -> Result<String, DocError> {
    pretty(&CatalogJson::from(catalog).phases)
}

/// The ten procurement types, for `procura types --format json`.
pub fn procurement_types_json(catalog: &Catalog) -> Result<String, DocError> {
    pretty(&CatalogJson::from(catalog).procurement_types)
}

/// The five threat groups with their examples, for `procura threats --format json`.
pub fn threats_json(catalog: &Catalog) -> Result<String, DocError> {
    pretty(&CatalogJson::from(catalog).threats)
}
