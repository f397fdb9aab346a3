//! What the generated CCAP says about the general clauses it sits on: the
//! CCAG-TIC 2021's penalty terms and the articles the security clauses
//! depart from. A CCAP must list its derogations from the CCAG it refers
//! to, or the CCAG's article prevails over the clause.

use procura_domain::{Localized, Topic};

/// The CCAG-TIC's penalty article, as the CCAP cites it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PenaltyTerms {
    pub article: String,
    /// The cap the CCAP proposes, in percent of the contract's amount.
    pub default_cap_percent: u32,
    /// Penalties below this total (euros excluding VAT) are not applied.
    pub exemption_threshold: Option<u32>,
    pub note: Option<Localized>,
}

/// When the CCAP carries a derogation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerogationTrigger {
    Always,
    /// The tender has a clause with a penalty.
    Penalties,
    /// The tender has a clause on this topic.
    Topic(Topic),
}

/// One article of the CCAG-TIC the CCAP departs from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derogation {
    pub id: String,
    pub article: String,
    pub applies: DerogationTrigger,
    pub title: Localized,
    /// The sentence the CCAP prints.
    pub text: Localized,
    pub note: Option<Localized>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContractTerms {
    pub penalties: PenaltyTerms,
    pub derogations: Vec<Derogation>,
}

impl ContractTerms {
    /// The derogations a CCAP carries whose clauses have `topics` and,
    /// when `penalties`, at least one penalty, in the file's order.
    pub fn derogations_for(&self, topics: &[Topic], penalties: bool) -> Vec<&Derogation> {
        self.derogations
            .iter()
            .filter(|derogation| match derogation.applies {
                DerogationTrigger::Always => true,
                DerogationTrigger::Penalties => penalties,
                DerogationTrigger::Topic(topic) => topics.contains(&topic),
            })
            .collect()
    }
}
