//! Names and phrases shared by the human-readable formats.

use procura_catalog::{Catalog, PracticeMatch, PracticeQuery};
use procura_domain::{Lang, Phase, ProcurementType, ThreatGroup};
use procura_i18n::text;

pub fn phase_names(catalog: &Catalog, phases: &[Phase], lang: Lang) -> String {
    join(phases.iter().map(|phase| catalog.phase_name(*phase, lang)))
}

/// The names of the types, or « all » when a practice covers the ten.
pub fn type_names(catalog: &Catalog, types: &[ProcurementType], lang: Lang) -> String {
    if types.len() == ProcurementType::ALL.len() {
        return text(lang, "label-all");
    }
    join(
        types
            .iter()
            .map(|kind| catalog.procurement_type_name(*kind, lang)),
    )
}

pub fn threat_names(catalog: &Catalog, threats: &[ThreatGroup], lang: Lang) -> String {
    if threats.len() == ThreatGroup::ALL.len() {
        return text(lang, "label-all");
    }
    join(
        threats
            .iter()
            .map(|threat| catalog.threat_name(*threat, lang)),
    )
}

/// Why a practice matched, as names: the selected phases, types and threat
/// groups it covers, and « text » when the free text was found.
pub fn reasons(catalog: &Catalog, found: &PracticeMatch<'_>, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(
        found
            .phases
            .iter()
            .map(|v| catalog.phase_name(*v, lang).to_owned()),
    );
    parts.extend(
        found
            .procurement_types
            .iter()
            .map(|v| catalog.procurement_type_name(*v, lang).to_owned()),
    );
    parts.extend(
        found
            .threats
            .iter()
            .map(|v| catalog.threat_name(*v, lang).to_owned()),
    );
    if found.text {
        parts.push(text(lang, "label-text-match"));
    }
    parts.join(", ")
}

/// The active filters as (label, values) pairs, in facet order.
pub fn filters(catalog: &Catalog, query: &PracticeQuery, lang: Lang) -> Vec<(String, String)> {
    let mut active = Vec::new();
    if !query.phases.is_empty() {
        active.push((
            text(lang, "label-phases"),
            phase_names(catalog, &query.phases, lang),
        ));
    }
    if !query.procurement_types.is_empty() {
        let names = join(
            query
                .procurement_types
                .iter()
                .map(|kind| catalog.procurement_type_name(*kind, lang)),
        );
        active.push((text(lang, "label-procurement-types"), names));
    }
    if !query.threats.is_empty() {
        let names = join(
            query
                .threats
                .iter()
                .map(|threat| catalog.threat_name(*threat, lang)),
        );
        active.push((text(lang, "label-threats"), names));
    }
    if let Some(search) = query
        .text
        .as_deref()
        .filter(|search| !search.trim().is_empty())
    {
        active.push((text(lang, "label-search"), format!("\"{}\"", search.trim())));
    }
    active
}

fn join<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}
