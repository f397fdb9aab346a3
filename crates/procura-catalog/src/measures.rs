//! The measures proposed against a risk: of the practices the guidelines map
//! to its threat group and to the purchase's types, the few most relevant,
//! ranked, each with the library requirements that implement it.
//!
//! The rule, each criterion breaking the ties of the one before:
//! 1. practices aimed at some threat groups before those the guidelines
//!    apply to every threat alike (involving IT, assessing and identifying
//!    risks, raising awareness: the project does them whatever the risk);
//! 2. then those mapped to more of the purchase's types;
//! 3. then those the tender can demand most of: more library requirements
//!    implementing them for these types;
//! 4. then those that act before the contract (planning or supplier
//!    selection) before those of management only;
//! 5. then by practice number.

use std::cmp::Reverse;

use procura_domain::{Phase, PracticeNumber, ProcurementType, ThreatGroup};

use crate::model::{Catalog, Practice};
use crate::requirements::{Requirement, RequirementLibrary};

/// How many measures a proposed risk gets at most.
pub const MAX_MEASURES: usize = 5;

/// What the ranking reads of one practice, for one purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relevance {
    pub number: PracticeNumber,
    /// The practice addresses every threat group.
    pub general: bool,
    /// How many of the purchase's types the practice maps.
    pub types_covered: usize,
    /// How many library requirements implement it for the purchase.
    pub requirements: usize,
    /// It applies in planning or supplier selection.
    pub before_contract: bool,
}

impl Relevance {
    /// Smaller is more relevant.
    fn key(
        &self,
    ) -> (
        bool,
        Reverse<usize>,
        Reverse<usize>,
        Reverse<bool>,
        PracticeNumber,
    ) {
        (
            self.general,
            Reverse(self.types_covered),
            Reverse(self.requirements),
            Reverse(self.before_contract),
            self.number,
        )
    }
}

/// The practices from the most to the least relevant.
pub fn rank(mut practices: Vec<Relevance>) -> Vec<PracticeNumber> {
    practices.sort_by_key(Relevance::key);
    practices.into_iter().map(|facts| facts.number).collect()
}

/// A practice proposed against a risk, with the library requirements that
/// implement it and fit the purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure<'a> {
    pub practice: &'a Practice,
    pub requirements: Vec<&'a Requirement>,
}

impl RequirementLibrary {
    /// The requirements implementing `practice` that a purchase of `types`
    /// is offered, in library order.
    pub fn implementing(
        &self,
        catalog: &Catalog,
        practice: PracticeNumber,
        types: &[ProcurementType],
    ) -> Vec<&Requirement> {
        self.requirements
            .iter()
            .filter(|requirement| {
                requirement.practices.contains(&practice) && requirement.fits(catalog, types)
            })
            .collect()
    }

    /// What the ranking reads of `practice` for a purchase of `types`.
    pub fn relevance(
        &self,
        catalog: &Catalog,
        practice: &Practice,
        types: &[ProcurementType],
    ) -> Relevance {
        Relevance {
            number: practice.number,
            general: ThreatGroup::ALL
                .iter()
                .all(|threat| practice.addresses(*threat)),
            types_covered: types
                .iter()
                .filter(|kind| practice.applies_to(**kind))
                .count(),
            requirements: self.implementing(catalog, practice.number, types).len(),
            before_contract: practice.applies_in(Phase::Planning)
                || practice.applies_in(Phase::SupplierSelection),
        }
    }

    /// `practices` ranked for a purchase of `types`, each with its
    /// requirements; numbers the catalogue does not know are left out.
    pub fn ranked<'a>(
        &'a self,
        catalog: &'a Catalog,
        practices: &[PracticeNumber],
        types: &[ProcurementType],
    ) -> Vec<Measure<'a>> {
        let facts = practices
            .iter()
            .filter_map(|number| catalog.practice(*number))
            .map(|practice| self.relevance(catalog, practice, types))
            .collect();
        rank(facts)
            .into_iter()
            .filter_map(|number| catalog.practice(number))
            .map(|practice| Measure {
                practice,
                requirements: self.implementing(catalog, practice.number, types),
            })
            .collect()
    }

    /// The measures proposed against `threat` for a purchase of `types`:
    /// the most relevant of the practices mapped to both, at most
    /// [`MAX_MEASURES`].
    pub fn measures<'a>(
        &'a self,
        catalog: &'a Catalog,
        threat: ThreatGroup,
        types: &[ProcurementType],
    ) -> Vec<Measure<'a>> {
        let mapped: Vec<PracticeNumber> = catalog
            .mitigating_practices(threat, types)
            .into_iter()
            .map(|practice| practice.number)
            .collect();
        let mut measures = self.ranked(catalog, &mapped, types);
        measures.truncate(MAX_MEASURES);
        measures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (number, general, types covered, requirements, before the contract)
    type Facts = (u8, bool, usize, usize, bool);

    fn check(practices: &[Facts], expected: &[u8]) {
        let facts = practices
            .iter()
            .map(
                |&(number, general, types_covered, requirements, before_contract)| Relevance {
                    number: PracticeNumber::new(number).expect("number"),
                    general,
                    types_covered,
                    requirements,
                    before_contract,
                },
            )
            .collect();
        let found: Vec<u8> = rank(facts).into_iter().map(PracticeNumber::get).collect();
        assert_eq!(found, expected, "{practices:?}");
    }

    #[test]
    fn general_practices_last() {
        check(&[(1, true, 2, 9, true), (2, false, 1, 0, false)], &[2, 1]);
    }

    #[test]
    fn then_more_of_the_types() {
        check(&[(1, false, 1, 9, true), (2, false, 2, 0, false)], &[2, 1]);
    }

    #[test]
    fn then_the_one_the_tender_demands_most_of() {
        check(&[(1, false, 1, 2, true), (2, false, 1, 7, false)], &[2, 1]);
    }

    #[test]
    fn then_before_the_contract() {
        check(&[(1, false, 1, 4, false), (2, false, 1, 4, true)], &[2, 1]);
    }

    #[test]
    fn ties_by_number() {
        check(
            &[
                (9, false, 1, 4, true),
                (3, false, 1, 4, true),
                (6, false, 1, 4, true),
            ],
            &[3, 6, 9],
        );
    }

    #[test]
    fn the_criteria_apply_in_order() {
        check(
            &[
                (27, true, 2, 0, false),
                (11, true, 2, 0, true),
                (26, false, 1, 13, true),
                (16, false, 1, 14, true),
                (8, false, 2, 5, true),
                (21, false, 2, 0, false),
                (29, false, 1, 4, false),
            ],
            &[8, 21, 16, 26, 29, 11, 27],
        );
    }

    #[test]
    fn nothing_to_rank() {
        check(&[], &[]);
    }
}
