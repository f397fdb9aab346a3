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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatEntry {
    pub group: ThreatGroup,
    pub name: Localized,
    pub description: Localized,
    pub examples: Vec<ThreatExample>,
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
}
