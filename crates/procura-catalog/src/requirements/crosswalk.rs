//! The cross-walk: which requirements cover a point of a text ("which cover
//! NIS2 art. 21(2)(d)?"), and what a set of requirements covers of a text
//! ("what does this tender cover of the CRA's Annex I?").

use procura_domain::{ReferenceQuery, RequirementCode};

use super::{ReferencePoint, ReferenceScheme, Requirement, RequirementLibrary};

/// One point of the registry with the requirements that cover it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveredPoint<'a> {
    pub scheme: &'a ReferenceScheme,
    pub point: &'a ReferencePoint,
    /// In library order; empty when nothing covers the point.
    pub requirements: Vec<&'a Requirement>,
}

impl RequirementLibrary {
    /// The requirements with a reference under `query`, in library order,
    /// counting the articles their kind rests on.
    pub fn covering(&self, query: &ReferenceQuery) -> Vec<&Requirement> {
        self.requirements
            .iter()
            .filter(|requirement| requirement.all_refs().any(|id| query.covers(&id)))
            .collect()
    }

    /// Every point of the registry under `query`, each with the
    /// requirements covering it; with `among`, only those requirements
    /// count (a tender's selection).
    pub fn crosswalk(
        &self,
        query: &ReferenceQuery,
        among: Option<&[RequirementCode]>,
    ) -> Vec<CoveredPoint<'_>> {
        let Some(scheme) = self.references.scheme(query.scheme()) else {
            return Vec::new();
        };
        scheme
            .points
            .iter()
            .filter(|point| query.covers(&point.id))
            .map(|point| CoveredPoint {
                scheme,
                point,
                requirements: self
                    .requirements
                    .iter()
                    .filter(|requirement| {
                        among.is_none_or(|codes| codes.contains(&requirement.code))
                            && requirement.all_refs().any(|id| id == point.id)
                    })
                    .collect(),
            })
            .collect()
    }
}
