//! Loading the library: every file parsed, every field checked against
//! the catalogue, the standards and the reference registry, and every
//! problem reported at once.

use std::collections::BTreeSet;

use procura_domain::{
    Localized, Penalty, PenaltyBasis, PracticeNumber, ProcurementType, ReferenceId,
    RequirementCode, RequirementKind, Topic,
};

use super::raw::*;
use super::sources::*;
use super::{Extension, References, Requirement, RequirementLibrary, Standard, Term};
use crate::error::{CatalogError, Problem};
use crate::model::Catalog;
use crate::raw::{RawSet, RawText};

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
    let references = checker.references(parse(REFERENCES_FILE, sources.references)?);
    let contract = checker.contract(parse(CONTRACT_FILE, sources.contract)?);
    let grading = checker.grading(parse(GRADING_FILE, sources.grading)?);
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
            if let Some(requirement) = checker.requirement(file, entry, &standards, &references) {
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
        references,
        glossary,
        contract,
        grading,
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

pub(super) struct Checker<'a> {
    catalog: &'a Catalog,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    pub(super) fn report(
        &mut self,
        file: &'static str,
        entry: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            file,
            entry: entry.into(),
            message: message.into(),
        });
    }

    pub(super) fn text(
        &mut self,
        file: &'static str,
        entry: &str,
        field: &str,
        raw: RawText,
    ) -> Localized {
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
        references: &References,
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
        let beyond_enisa = raw
            .beyond_enisa
            .map(|raw| self.extension(file, &entry, raw, &types));
        // A requirement offered for a type implements a practice that
        // applies to that type, or says it goes beyond the guidelines there:
        // the documents must never pass an extension off as ENISA's.
        for kind in &types {
            let covered = practices.iter().any(|number| {
                self.catalog
                    .practice(*number)
                    .is_some_and(|practice| practice.applies_to(*kind))
            });
            let extended = beyond_enisa
                .as_ref()
                .is_some_and(|extension| extension.types.contains(kind));
            if !covered && !extended && !practices.is_empty() {
                self.report(
                    file,
                    &entry,
                    format!(
                        "type {} is not mapped to any of its practices and not listed in beyond_enisa.types",
                        kind.id()
                    ),
                );
            }
            if covered && extended {
                self.report(
                    file,
                    &entry,
                    format!(
                        "type {} is mapped by its practices: it is not beyond the guidelines",
                        kind.id()
                    ),
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
                        "kind must be selection, minimum, award or clause, not {:?}",
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
        let title = self.text(file, &entry, "title", raw.title);
        if title.fr.chars().count() > 70 || title.en.chars().count() > 70 {
            self.report(file, &entry, "title is longer than 70 characters");
        }
        let text = self.text(file, &entry, "text", raw.text);
        let evidence = self.text(file, &entry, "evidence", raw.evidence);
        let note = raw.note.map(|note| self.text(file, &entry, "note", note));
        let topics = self.topics(file, &entry, &raw.topics);
        let refs = self.refs(file, &entry, &raw.refs, references);
        let penalty = raw
            .penalty
            .and_then(|raw| self.penalty(file, &entry, raw, kind));
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
            beyond_enisa,
            kind: kind?,
            importance,
            topics,
            title,
            text,
            evidence,
            standards: raw.standards,
            refs,
            note,
            penalty,
        })
    }

    fn extension(
        &mut self,
        file: &'static str,
        entry: &str,
        raw: RawExtension,
        types: &[ProcurementType],
    ) -> Extension {
        let mut extended = Vec::new();
        for id in raw.types {
            match ProcurementType::from_id(&id) {
                Ok(kind) if types.contains(&kind) => extended.push(kind),
                Ok(_) => self.report(
                    file,
                    entry,
                    format!("beyond_enisa type {id} is not in its types"),
                ),
                Err(error) => self.report(file, entry, format!("beyond_enisa.types: {error}")),
            }
        }
        if extended.is_empty() {
            self.report(file, entry, "beyond_enisa.types is empty");
        }
        extended.sort();
        Extension {
            types: extended,
            reason: self.text(file, entry, "beyond_enisa.reason", raw.reason),
        }
    }

    fn topics(&mut self, file: &'static str, entry: &str, raw: &[String]) -> Vec<Topic> {
        let mut topics = Vec::new();
        for id in raw {
            match Topic::parse(id) {
                Some(topic) if !topics.contains(&topic) => topics.push(topic),
                Some(_) => self.report(file, entry, format!("topics lists {id} twice")),
                None => self.report(file, entry, format!("unknown topic {id:?}")),
            }
        }
        if topics.is_empty() {
            self.report(file, entry, "names no topic");
        }
        topics
    }

    fn refs(
        &mut self,
        file: &'static str,
        entry: &str,
        raw: &[String],
        references: &References,
    ) -> Vec<ReferenceId> {
        let mut refs = Vec::new();
        for text in raw {
            match ReferenceId::parse(text) {
                Ok(id) if references.point(&id).is_none() => self.report(
                    file,
                    entry,
                    format!("reference {id} is not a point of references.toml"),
                ),
                Ok(id) if refs.contains(&id) => {
                    self.report(file, entry, format!("reference {id} is listed twice"));
                }
                Ok(id) => refs.push(id),
                Err(error) => self.report(file, entry, error.to_string()),
            }
        }
        if raw.is_empty() {
            self.report(file, entry, "names no reference");
        }
        refs
    }

    fn penalty(
        &mut self,
        file: &'static str,
        entry: &str,
        raw: RawPenalty,
        kind: Option<RequirementKind>,
    ) -> Option<Penalty> {
        if kind.is_some_and(|kind| kind != RequirementKind::Clause) {
            self.report(file, entry, "only clauses carry a penalty");
        }
        let Some(basis) = PenaltyBasis::parse(&raw.basis) else {
            self.report(
                file,
                entry,
                format!(
                    "penalty.basis must be day, hour or occurrence, not {:?}",
                    raw.basis
                ),
            );
            return None;
        };
        Penalty::new(basis, raw.amount)
            .map_err(|error| self.report(file, entry, error.to_string()))
            .ok()
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
