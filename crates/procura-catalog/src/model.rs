//! The validated catalogue. Every value here was checked when loaded: texts
//! exist in both languages, every mapping names known ids, nothing is empty.

use procura_domain::{Lang, Localized, Phase, PracticeNumber, ProcurementType, ThreatGroup};

/// Where a catalogue comes from, so that a later edition of the guidelines can
/// live beside this one and a project can say which one it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// A stable id for the edition, such as `enisa-2020`.
    pub id: String,
    pub publisher: String,
    pub title: Localized,
    /// Publication month, `YYYY-MM`.
    pub published: String,
    pub variant: Localized,
    pub url: String,
    /// Revision of Procura's data for this edition; it rises when our wording changes.
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseEntry {
    pub phase: Phase,
    pub name: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcurementTypeEntry {
    pub procurement_type: ProcurementType,
    pub name: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatExample {
    /// A slug unique within the catalogue, such as `ransomware`.
    pub id: String,
    pub name: Localized,
}

/// The concrete form a threat group takes for a kind of purchase, in
/// Procura's words: who fails or attacks, and how, for a medical device, a
/// cloud service or a contractor's mission. A proposed risk names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatScenario {
    /// A slug unique among the catalogue's examples and scenarios.
    pub id: String,
    /// The types it is written for, in the taxonomy's order; empty for the
    /// group's fallback, which serves every other type.
    pub types: Vec<ProcurementType>,
    /// A short name for lists and tables.
    pub name: Localized,
    /// The scenario in two or three sentences.
    pub text: Localized,
}

impl ThreatScenario {
    pub fn is_fallback(&self) -> bool {
        self.types.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatEntry {
    pub group: ThreatGroup,
    pub name: Localized,
    pub description: Localized,
    pub examples: Vec<ThreatExample>,
    /// At most one per procurement type, and exactly one fallback.
    pub scenarios: Vec<ThreatScenario>,
}

impl ThreatEntry {
    /// The scenario written for `kind`, or the group's fallback.
    pub fn scenario_for(&self, kind: ProcurementType) -> Option<&ThreatScenario> {
        self.scenarios
            .iter()
            .find(|scenario| scenario.types.contains(&kind))
            .or_else(|| self.fallback())
    }

    /// The scenario that serves the types nothing more specific is written for.
    pub fn fallback(&self) -> Option<&ThreatScenario> {
        self.scenarios
            .iter()
            .find(|scenario| scenario.is_fallback())
    }

    pub fn scenario(&self, id: &str) -> Option<&ThreatScenario> {
        self.scenarios.iter().find(|scenario| scenario.id == id)
    }

    /// The name of an example or a scenario of this group, by its slug: a
    /// risk records either.
    pub fn threat_name(&self, id: &str) -> Option<&Localized> {
        self.examples
            .iter()
            .find(|example| example.id == id)
            .map(|example| &example.name)
            .or_else(|| self.scenario(id).map(|scenario| &scenario.name))
    }
}

/// A good practice and the contexts it applies to. The three mapping lists are
/// sorted in the guidelines' order and never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    pub number: PracticeNumber,
    pub title: Localized,
    pub statement: Localized,
    pub objective: Localized,
    pub phases: Vec<Phase>,
    pub procurement_types: Vec<ProcurementType>,
    pub threats: Vec<ThreatGroup>,
    /// Titles and statements in both languages, folded once at load time so
    /// that every search does not fold them again.
    pub(crate) search_text: String,
}

impl Practice {
    /// The public id, `BP-NN`.
    pub fn id(&self) -> String {
        self.number.id()
    }

    pub fn applies_in(&self, phase: Phase) -> bool {
        self.phases.contains(&phase)
    }

    pub fn applies_to(&self, procurement_type: ProcurementType) -> bool {
        self.procurement_types.contains(&procurement_type)
    }

    pub fn addresses(&self, threat: ThreatGroup) -> bool {
        self.threats.contains(&threat)
    }
}

/// One edition of the guidelines: taxonomies and practices, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub edition: Edition,
    pub phases: Vec<PhaseEntry>,
    pub procurement_types: Vec<ProcurementTypeEntry>,
    pub threats: Vec<ThreatEntry>,
    pub practices: Vec<Practice>,
}

impl Catalog {
    pub fn practice(&self, number: PracticeNumber) -> Option<&Practice> {
        self.practices
            .iter()
            .find(|practice| practice.number == number)
    }

    // The loader guarantees one entry per member of each taxonomy, in the
    // enums' order, so indexing by the member's position cannot miss.
    pub fn phase(&self, phase: Phase) -> &PhaseEntry {
        &self.phases[phase.index()]
    }

    pub fn procurement_type(&self, procurement_type: ProcurementType) -> &ProcurementTypeEntry {
        &self.procurement_types[procurement_type.index()]
    }

    pub fn threat(&self, threat: ThreatGroup) -> &ThreatEntry {
        &self.threats[threat.index()]
    }

    pub fn phase_name(&self, phase: Phase, lang: Lang) -> &str {
        self.phase(phase).name.get(lang)
    }

    pub fn procurement_type_name(&self, procurement_type: ProcurementType, lang: Lang) -> &str {
        self.procurement_type(procurement_type).name.get(lang)
    }

    pub fn threat_name(&self, threat: ThreatGroup, lang: Lang) -> &str {
        self.threat(threat).name.get(lang)
    }

    /// The scenario a proposed risk of `threat` names for a purchase of
    /// `types`: the one written for the first of them that has its own
    /// (in the order given), else the group's fallback.
    pub fn scenario(
        &self,
        threat: ThreatGroup,
        types: &[ProcurementType],
    ) -> Option<&ThreatScenario> {
        let entry = self.threat(threat);
        types
            .iter()
            .find_map(|kind| {
                entry
                    .scenarios
                    .iter()
                    .find(|scenario| scenario.types.contains(kind))
            })
            .or_else(|| entry.fallback())
    }
}
