//! The query engine: which practices apply to a purchase, and why.
//!
//! Facets combine as buyers expect from a filter panel: any of the selected
//! values within a facet (OR), every facet that has a selection (AND). Free
//! text must find each of its words, ignoring case and accents, in a title or
//! statement in either language.

use procura_domain::{Phase, ProcurementType, ThreatGroup};

use crate::fold::fold;
use crate::model::{Catalog, Practice};

/// A selection of facets and free text. An empty facet does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PracticeQuery {
    pub phases: Vec<Phase>,
    pub procurement_types: Vec<ProcurementType>,
    pub threats: Vec<ThreatGroup>,
    pub text: Option<String>,
}

/// A practice that matched, with the reasons: the selected values it covers.
/// A facet with no selection gives an empty reason list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeMatch<'c> {
    pub practice: &'c Practice,
    pub phases: Vec<Phase>,
    pub procurement_types: Vec<ProcurementType>,
    pub threats: Vec<ThreatGroup>,
    /// The free text was found (always false when no text was given).
    pub text: bool,
}

/// The matches that apply in one phase, for a result list grouped by phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseGroup<'m, 'c> {
    pub phase: Phase,
    pub matches: Vec<&'m PracticeMatch<'c>>,
}

impl PracticeQuery {
    pub fn is_empty(&self) -> bool {
        self.phases.is_empty()
            && self.procurement_types.is_empty()
            && self.threats.is_empty()
            && self.search_terms().is_empty()
    }

    fn search_terms(&self) -> Vec<String> {
        self.text
            .as_deref()
            .map(|text| fold(text).split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default()
    }
}

impl Catalog {
    /// The practices matching `query`, ordered by number.
    pub fn query(&self, query: &PracticeQuery) -> Vec<PracticeMatch<'_>> {
        let terms = query.search_terms();
        self.practices
            .iter()
            .filter_map(|practice| match_practice(practice, query, &terms))
            .collect()
    }
}

fn match_practice<'c>(
    practice: &'c Practice,
    query: &PracticeQuery,
    terms: &[String],
) -> Option<PracticeMatch<'c>> {
    let phases = covered(&query.phases, &practice.phases)?;
    let procurement_types = covered(&query.procurement_types, &practice.procurement_types)?;
    let threats = covered(&query.threats, &practice.threats)?;
    let text = !terms.is_empty();
    if text
        && !terms
            .iter()
            .all(|term| practice.search_text.contains(term.as_str()))
    {
        return None;
    }
    Some(PracticeMatch {
        practice,
        phases,
        procurement_types,
        threats,
        text,
    })
}

/// The selected values the practice covers, or `None` when a selection exists
/// and the practice covers none of it.
fn covered<T: Copy + Ord>(selected: &[T], mapped: &[T]) -> Option<Vec<T>> {
    let mut hits: Vec<T> = selected
        .iter()
        .copied()
        .filter(|value| mapped.contains(value))
        .collect();
    hits.sort();
    hits.dedup();
    (selected.is_empty() || !hits.is_empty()).then_some(hits)
}

/// Groups matches by the phases they apply in: the selected phases, or all
/// three when none is selected. A practice of several phases appears in each.
pub fn group_by_phase<'m, 'c>(
    matches: &'m [PracticeMatch<'c>],
    query: &PracticeQuery,
) -> Vec<PhaseGroup<'m, 'c>> {
    Phase::ALL
        .iter()
        .copied()
        .filter(|phase| query.phases.is_empty() || query.phases.contains(phase))
        .map(|phase| PhaseGroup {
            phase,
            matches: matches
                .iter()
                .filter(|found| found.practice.applies_in(phase))
                .collect(),
        })
        .collect()
}
