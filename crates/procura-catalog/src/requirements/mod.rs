//! The tender requirement library: the concrete security requirements a
//! hospital puts into a call for tenders, each tied to the practices it
//! implements and the procurement types it fits. Loaded from the embedded
//! data files and checked against the catalogue, so every practice number,
//! type and standard it names exists.

mod check;
mod check_terms;
mod contract;
mod crosswalk;
mod grading;
mod raw;
mod references;
mod sources;

use procura_domain::{
    Localized, Penalty, PracticeNumber, ProcurementType, ReferenceId, RequirementCode,
    RequirementKind, Topic,
};

use crate::model::Catalog;

pub use check::load_library;
pub use contract::{ContractTerms, Derogation, DerogationTrigger, PenaltyTerms};
pub use crosswalk::CoveredPoint;
pub use grading::GradingScale;
pub use references::{ReferencePoint, ReferenceScheme, References};
pub use sources::{LIBRARY, LibrarySources};

/// A standard or framework a requirement refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    pub id: String,
    /// How it is cited, such as `ISO/IEC 27001`.
    pub name: String,
    pub title: Localized,
}

/// A term of the annex's glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub term: Localized,
    pub definition: Localized,
}

/// Types a requirement is offered for although none of its practices maps
/// them in the guidelines: the hospital's experts expect it there, and the
/// documents say so rather than pass it off as ENISA's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub types: Vec<ProcurementType>,
    pub reason: Localized,
}

/// One requirement of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub code: RequirementCode,
    /// The practices it implements, in order, never empty.
    pub practices: Vec<PracticeNumber>,
    /// The procurement types it fits, in the taxonomy's order, never empty:
    /// those its practices map, and those of `beyond_enisa`.
    pub types: Vec<ProcurementType>,
    pub beyond_enisa: Option<Extension>,
    pub kind: RequirementKind,
    /// Relative importance (1–5) for award criteria; proposals turn these
    /// into percentages.
    pub importance: u32,
    /// What it is about, never empty.
    pub topics: Vec<Topic>,
    /// Short title for tables and cross-references: the full text appears
    /// once, where the requirement legally belongs.
    pub title: Localized,
    pub text: Localized,
    pub evidence: Localized,
    /// Ids of [`Standard`]s.
    pub standards: Vec<String>,
    /// Structured references, each a point of the registry, never empty.
    pub refs: Vec<ReferenceId>,
    /// A caution for the buyer: a legal uncertainty, how to adapt.
    pub note: Option<Localized>,
    /// The default penalty of a clause with a deadline.
    pub penalty: Option<Penalty>,
}

impl Requirement {
    /// Whether a purchase of `types` should be offered this requirement: it
    /// fits one of them, either through one of its practices or as a
    /// declared extension beyond the guidelines.
    pub fn fits(&self, catalog: &Catalog, types: &[ProcurementType]) -> bool {
        types.iter().any(|kind| {
            self.types.contains(kind)
                && (self.extends_to(*kind)
                    || self.practices.iter().any(|number| {
                        catalog
                            .practice(*number)
                            .is_some_and(|practice| practice.applies_to(*kind))
                    }))
        })
    }

    /// Why it is asked of a purchase of `types` although none of them is
    /// mapped to its practices: `None` when the guidelines map one.
    pub fn beyond_enisa_for(
        &self,
        catalog: &Catalog,
        types: &[ProcurementType],
    ) -> Option<&Localized> {
        let mapped = types.iter().any(|kind| {
            self.types.contains(kind)
                && self.practices.iter().any(|number| {
                    catalog
                        .practice(*number)
                        .is_some_and(|practice| practice.applies_to(*kind))
                })
        });
        let extension = self.beyond_enisa.as_ref()?;
        (!mapped && types.iter().any(|kind| extension.types.contains(kind)))
            .then_some(&extension.reason)
    }

    /// Whether it is offered for `kind` beyond the guidelines' mapping.
    pub fn extends_to(&self, kind: ProcurementType) -> bool {
        self.beyond_enisa
            .as_ref()
            .is_some_and(|extension| extension.types.contains(&kind))
    }

    /// Its references, then the articles its kind rests on.
    pub fn all_refs(&self) -> impl Iterator<Item = ReferenceId> + '_ {
        self.refs.iter().cloned().chain(
            self.kind
                .legal_basis()
                .iter()
                .filter_map(|text| ReferenceId::parse(text).ok()),
        )
    }
}

/// The whole library, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementLibrary {
    pub requirements: Vec<Requirement>,
    pub standards: Vec<Standard>,
    pub references: References,
    pub glossary: Vec<Term>,
    pub contract: ContractTerms,
    pub grading: GradingScale,
    /// Practices the hospital carries out itself: no bidder requirement.
    pub internal_practices: Vec<PracticeNumber>,
}

impl RequirementLibrary {
    /// The requirements proposed for a purchase of `types`, in library order.
    pub fn proposed(&self, catalog: &Catalog, types: &[ProcurementType]) -> Vec<&Requirement> {
        self.requirements
            .iter()
            .filter(|requirement| requirement.fits(catalog, types))
            .collect()
    }

    /// The proposal for a purchase of `types`: every applicable requirement
    /// with its weight, the award criteria's importances spread over 100 %.
    pub fn proposal(
        &self,
        catalog: &Catalog,
        types: &[ProcurementType],
    ) -> Vec<(&Requirement, u32)> {
        let proposed = self.proposed(catalog, types);
        let importance: Vec<u32> = proposed
            .iter()
            .filter(|requirement| requirement.kind == RequirementKind::Award)
            .map(|requirement| requirement.importance)
            .collect();
        let mut weights = procura_domain::distribute(&importance).into_iter();
        proposed
            .into_iter()
            .map(|requirement| {
                let weight = if requirement.kind == RequirementKind::Award {
                    weights.next().unwrap_or(0)
                } else {
                    0
                };
                (requirement, weight)
            })
            .collect()
    }

    /// A tender input straight from the proposal, for a quick draft
    /// without a project.
    pub fn draft(
        &self,
        catalog: &Catalog,
        types: &[ProcurementType],
        organisation: &str,
        generated: &str,
    ) -> procura_domain::TenderInput {
        procura_domain::TenderInput {
            organisation: organisation.to_owned(),
            project_id: None,
            reference: None,
            title: String::new(),
            description: String::new(),
            types: types.to_vec(),
            generated: generated.to_owned(),
            version: 0,
            requirements: self
                .proposal(catalog, types)
                .into_iter()
                .map(
                    |(requirement, weight)| procura_domain::SelectedRequirement {
                        code: requirement.code.clone(),
                        kind: requirement.kind,
                        weight,
                        title: requirement.title.clone(),
                        practices: requirement.practices.clone(),
                        text: requirement.text.clone(),
                        evidence: requirement.evidence.clone(),
                        standards: requirement.standards.clone(),
                        refs: requirement.refs.clone(),
                        note: requirement.note.clone(),
                        beyond_enisa: requirement.beyond_enisa_for(catalog, types).cloned(),
                        penalty: requirement.penalty,
                    },
                )
                .collect(),
            terms: procura_domain::TenderTerms::new(
                self.default_penalty_cap(),
                self.grading.steps.clone(),
            ),
        }
    }

    /// The cap on security penalties a project starts with.
    pub fn default_penalty_cap(&self) -> procura_domain::PenaltyCap {
        procura_domain::PenaltyCap::new(self.contract.penalties.default_cap_percent)
            .unwrap_or(procura_domain::PenaltyCap::DEFAULT)
    }

    pub fn requirement(&self, code: &str) -> Option<&Requirement> {
        self.requirements
            .iter()
            .find(|requirement| requirement.code.as_str() == code)
    }

    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|standard| standard.id == id)
    }
}
