//! The scale evaluators grade award criteria on, published in the RC as
//! the *méthode de notation*: a bidder must know before answering how its
//! offer will be marked, and each grade is then justified against a
//! descriptor.

use procura_domain::{GradeStep, Localized};

/// The default scale, from 0 to its highest step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GradingScale {
    pub steps: Vec<GradeStep>,
    /// The method as the RC states it.
    pub method: Localized,
}

impl GradingScale {
    pub fn max(&self) -> u32 {
        self.steps.iter().map(|step| step.value).max().unwrap_or(0)
    }
}
