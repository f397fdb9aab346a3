//! The tender requirement library: the concrete security requirements a
//! hospital puts into a call for tenders, each tied to the practices it
//! implements and the procurement types it fits. Loaded from the embedded
//! data files and checked against the catalogue, so every practice number,
//! type and standard it names exists.

use std::collections::BTreeSet;

use procura_domain::{
    Localized, PracticeNumber, ProcurementType, RequirementCode, RequirementKind,
};
use serde::Deserialize;

use crate::error::{CatalogError, Problem};
use crate::model::Catalog;
use crate::raw::{RawSet, RawText};

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

/// One requirement of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub code: RequirementCode,
    /// The practices it implements, in order, never empty.
    pub practices: Vec<PracticeNumber>,
    /// The procurement types it fits, in the taxonomy's order, never empty.
    pub types: Vec<ProcurementType>,
    pub kind: RequirementKind,
    /// Relative importance (1–5) for award criteria; proposals turn these
    /// into percentages.
    pub importance: u32,
    pub text: Localized,
    pub evidence: Localized,
    /// Ids of [`Standard`]s.
    pub standards: Vec<String>,
}

impl Requirement {
    /// Whether a purchase of `types` should be offered this requirement: it
    /// fits one of them and one of its practices applies to one of them.
    pub fn fits(&self, catalog: &Catalog, types: &[ProcurementType]) -> bool {
        types.iter().any(|kind| {
            self.types.contains(kind)
                && self.practices.iter().any(|number| {
                    catalog
                        .practice(*number)
                        .is_some_and(|practice| practice.applies_to(*kind))
                })
        })
    }
}

/// The whole library, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementLibrary {
    pub requirements: Vec<Requirement>,
    pub standards: Vec<Standard>,
    pub glossary: Vec<Term>,
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
                        practices: requirement.practices.clone(),
                        text: requirement.text.clone(),
                        evidence: requirement.evidence.clone(),
                        standards: requirement.standards.clone(),
                    },
                )
                .collect(),
        }
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirements {
    #[serde(default)]
    requirement: Vec<RawRequirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: String,
    practices: Vec<u8>,
    types: RawSet,
    kind: String,
    weight: Option<u32>,
    #[serde(default)]
    text: RawText,
    #[serde(default)]
    evidence: RawText,
    #[serde(default)]
    standards: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandards {
    standard: Vec<RawStandard>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandard {
    id: String,
    name: String,
    #[serde(default)]
    title: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    term: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    #[serde(default)]
    term: RawText,
    #[serde(default)]
    definition: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInternal {
    internal_practices: Vec<u8>,
}

/// The library's files: the requirement files by theme, then the standards,
/// the glossary and the list of internal practices.
#[derive(Debug, Clone, Copy)]
pub struct LibrarySources {
    pub requirements: &'static [(&'static str, &'static str)],
    pub standards: &'static str,
    pub glossary: &'static str,
    pub internal: &'static str,
}

macro_rules! library_file {
    ($name:literal) => {
        (
            concat!("requirements/", $name),
            include_str!(concat!("../../../data/requirements/", $name)),
        )
    };
}

pub const LIBRARY: LibrarySources = LibrarySources {
    requirements: &[
        library_file!("vulnerabilities.toml"),
        library_file!("patching.toml"),
        library_file!("network-and-testing.toml"),
        library_file!("data-protection.toml"),
        library_file!("certifications.toml"),
        library_file!("cloud.toml"),
        library_file!("incidents-and-continuity.toml"),
        library_file!("maintenance-and-remote-access.toml"),
        library_file!("people-and-assets.toml"),
    ],
    standards: library_file!("standards.toml").1,
    glossary: library_file!("glossary.toml").1,
    internal: library_file!("internal.toml").1,
};

const STANDARDS_FILE: &str = "requirements/standards.toml";
const GLOSSARY_FILE: &str = "requirements/glossary.toml";
const INTERNAL_FILE: &str = "requirements/internal.toml";

/// Loads and checks a library against a catalogue.
pub fn load_library(
    catalog: &Catalog,
    sources: &LibrarySources,
) -> Result<RequirementLibrary, CatalogError> {
    let mut checker = Checker {
        catalog,
        problems: Vec::new(),
    };
    let standards = checker.standards(parse(STANDARDS_FILE, sources.standards)?);
    let glossary = checker.glossary(parse(GLOSSARY_FILE, sources.glossary)?);
    let internal: RawInternal = parse(INTERNAL_FILE, sources.internal)?;
    let internal_practices = checker.internal(internal);
    let mut requirements = Vec::new();
    let mut codes = BTreeSet::new();
    for (file, text) in sources.requirements {
        let raw: RawRequirements = parse(file, text)?;
        if raw.requirement.is_empty() {
            checker.report(file, "(file)", "lists no requirement");
        }
        for entry in raw.requirement {
            if let Some(requirement) = checker.requirement(file, entry, &standards) {
                if !codes.insert(requirement.code.clone()) {
                    checker.report(file, requirement.code.as_str(), "id is used twice");
                }
                requirements.push(requirement);
            }
        }
    }
    checker.coverage(&requirements, &internal_practices);
    if !checker.problems.is_empty() {
        return Err(CatalogError::Invalid(checker.problems));
    }
    Ok(RequirementLibrary {
        requirements,
        standards,
        glossary,
        internal_practices,
    })
}

fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|error| CatalogError::Syntax {
        file,
        message: error.to_string(),
    })
}

struct Checker<'a> {
    catalog: &'a Catalog,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, file: &'static str, entry: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file,
            entry: entry.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, file: &'static str, entry: &str, field: &str, raw: RawText) -> Localized {
        crate::load::localized(raw, |lang| {
            self.report(file, entry, format!("{field}.{lang} is missing or empty"));
        })
    }

    fn practice(&mut self, file: &'static str, entry: &str, number: u8) -> Option<PracticeNumber> {
        let found = PracticeNumber::new(number).filter(|n| self.catalog.practice(*n).is_some());
        if found.is_none() {
            self.report(
                file,
                entry,
                format!("practice {number} is not in the catalogue"),
            );
        }
        found
    }

    fn standards(&mut self, raw: RawStandards) -> Vec<Standard> {
        let mut ids = BTreeSet::new();
        let mut standards = Vec::new();
        for entry in raw.standard {
            let label = format!("standard {}", entry.id);
            if !ids.insert(entry.id.clone()) {
                self.report(STANDARDS_FILE, &label, "id is used twice");
            }
            if entry.name.trim().is_empty() {
                self.report(STANDARDS_FILE, &label, "name is empty");
            }
            let title = self.text(STANDARDS_FILE, &label, "title", entry.title);
            standards.push(Standard {
                id: entry.id,
                name: entry.name.trim().to_owned(),
                title,
            });
        }
        standards
    }

    fn glossary(&mut self, raw: RawGlossary) -> Vec<Term> {
        raw.term
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                let label = format!("term {}", index + 1);
                Term {
                    term: self.text(GLOSSARY_FILE, &label, "term", entry.term),
                    definition: self.text(GLOSSARY_FILE, &label, "definition", entry.definition),
                }
            })
            .collect()
    }

    fn internal(&mut self, raw: RawInternal) -> Vec<PracticeNumber> {
        let mut numbers: Vec<PracticeNumber> = raw
            .internal_practices
            .into_iter()
            .filter_map(|number| self.practice(INTERNAL_FILE, "internal_practices", number))
            .collect();
        numbers.sort();
        numbers.dedup();
        numbers
    }

    fn requirement(
        &mut self,
        file: &'static str,
        raw: RawRequirement,
        standards: &[Standard],
    ) -> Option<Requirement> {
        let entry = raw.id.clone();
        let code = RequirementCode::parse(&raw.id)
            .map_err(|error| self.report(file, &entry, error.to_string()))
            .ok();
        let practices: Vec<PracticeNumber> = raw
            .practices
            .iter()
            .filter_map(|number| self.practice(file, &entry, *number))
            .collect();
        if raw.practices.is_empty() {
            self.report(file, &entry, "names no practice");
        }
        let types = self.types(file, &entry, raw.types);
        // A requirement offered for a type must implement a practice that
        // applies to that type, or proposals would contradict the catalogue.
        for kind in &types {
            let covered = practices.iter().any(|number| {
                self.catalog
                    .practice(*number)
                    .is_some_and(|practice| practice.applies_to(*kind))
            });
            if !covered && !practices.is_empty() {
                self.report(
                    file,
                    &entry,
                    format!("type {} is not mapped to any of its practices", kind.id()),
                );
            }
        }
        let kind = RequirementKind::parse(&raw.kind);
        let importance = match (kind, raw.weight) {
            (None, _) => {
                self.report(
                    file,
                    &entry,
                    format!(
                        "kind must be eligibility, award or clause, not {:?}",
                        raw.kind
                    ),
                );
                0
            }
            (Some(RequirementKind::Award), Some(weight @ 1..=5)) => weight,
            (Some(RequirementKind::Award), _) => {
                self.report(
                    file,
                    &entry,
                    "an award criterion needs a weight from 1 to 5",
                );
                0
            }
            (Some(_), Some(_)) => {
                self.report(file, &entry, "only award criteria have a weight");
                0
            }
            (Some(_), None) => 0,
        };
        let text = self.text(file, &entry, "text", raw.text);
        let evidence = self.text(file, &entry, "evidence", raw.evidence);
        for standard in &raw.standards {
            if !standards.iter().any(|known| &known.id == standard) {
                self.report(
                    file,
                    &entry,
                    format!("standard {standard:?} is not in standards.toml"),
                );
            }
        }
        Some(Requirement {
            code: code?,
            practices,
            types,
            kind: kind?,
            importance,
            text,
            evidence,
            standards: raw.standards,
        })
    }

    fn types(&mut self, file: &'static str, entry: &str, raw: RawSet) -> Vec<ProcurementType> {
        let ids = match raw {
            RawSet::Word(word) if word == "all" => return ProcurementType::ALL.to_vec(),
            RawSet::Word(word) => {
                self.report(
                    file,
                    entry,
                    format!("types must be \"all\" or a list, not {word:?}"),
                );
                return Vec::new();
            }
            RawSet::List(ids) => ids,
        };
        let mut types = BTreeSet::new();
        for id in ids {
            match ProcurementType::from_id(&id) {
                Ok(kind) => {
                    if !types.insert(kind) {
                        self.report(file, entry, format!("types lists {id} twice"));
                    }
                }
                Err(error) => self.report(file, entry, format!("types: {error}")),
            }
        }
        if types.is_empty() {
            self.report(file, entry, "types is empty");
        }
        types.into_iter().collect()
    }

    /// Every practice either has a bidder-facing requirement or is declared
    /// internal to the hospital, never both.
    fn coverage(&mut self, requirements: &[Requirement], internal: &[PracticeNumber]) {
        for practice in &self.catalog.practices {
            let required = requirements
                .iter()
                .any(|requirement| requirement.practices.contains(&practice.number));
            let is_internal = internal.contains(&practice.number);
            if !required && !is_internal {
                self.report(
                    INTERNAL_FILE,
                    practice.id(),
                    "has no requirement and is not declared internal",
                );
            }
            if required && is_internal {
                self.report(
                    INTERNAL_FILE,
                    practice.id(),
                    "is declared internal but requirements name it",
                );
            }
        }
    }
}
