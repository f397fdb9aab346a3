//! Which checklist items a project gets: one per practice per phase, when
//! the practice maps to that phase and to at least one of the project's
//! procurement types.

use procura_domain::{Phase, PracticeNumber, ProcurementType};

use crate::model::Catalog;

impl Catalog {
    /// The (phase, practice) pairs of a project buying `types`, in phase
    /// order, then practice order.
    pub fn checklist(&self, types: &[ProcurementType]) -> Vec<(Phase, PracticeNumber)> {
        let mut pairs = Vec::new();
        for phase in Phase::ALL {
            for practice in &self.practices {
                let applies = practice.applies_in(*phase)
                    && types.iter().any(|kind| practice.applies_to(*kind));
                if applies {
                    pairs.push((*phase, practice.number));
                }
            }
        }
        pairs
    }
}
