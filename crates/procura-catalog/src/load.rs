//! Turns the embedded TOML files into a validated [`Catalog`], collecting every
//! problem with the file and entry it concerns.

use std::collections::BTreeSet;

use procura_domain::{Localized, Phase, PracticeNumber, ProcurementType, ThreatGroup, UnknownId};
use serde::de::DeserializeOwned;

use crate::error::{CatalogError, Problem};
use crate::fold::fold;
use crate::model::{
    Catalog, Edition, PhaseEntry, Practice, ProcurementTypeEntry, ThreatEntry, ThreatExample,
    ThreatScenario,
};
use crate::raw::{
    RawEdition, RawNamed, RawPhases, RawPractice, RawPractices, RawProcurementTypes, RawScenario,
    RawSet, RawText, RawThreats,
};

/// The text of each file of one catalogue edition.
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    pub edition: &'static str,
    pub phases: &'static str,
    pub procurement_types: &'static str,
    pub threats: &'static str,
    pub practices: &'static str,
}

macro_rules! edition_file {
    ($name:literal) => {
        include_str!(concat!("../../../data/catalog/enisa-2020/", $name))
    };
}

pub const ENISA_2020: Sources = Sources {
    edition: edition_file!("edition.toml"),
    phases: edition_file!("phases.toml"),
    procurement_types: edition_file!("procurement-types.toml"),
    threats: edition_file!("threats.toml"),
    practices: edition_file!("practices.toml"),
};

const EDITION_FILE: &str = "enisa-2020/edition.toml";
const PHASES_FILE: &str = "enisa-2020/phases.toml";
const TYPES_FILE: &str = "enisa-2020/procurement-types.toml";
const THREATS_FILE: &str = "enisa-2020/threats.toml";
const PRACTICES_FILE: &str = "enisa-2020/practices.toml";

pub fn enisa_2020() -> Result<Catalog, CatalogError> {
    load(&ENISA_2020)
}

pub fn load(sources: &Sources) -> Result<Catalog, CatalogError> {
    let raw_edition: RawEdition = parse(EDITION_FILE, sources.edition)?;
    let raw_phases: RawPhases = parse(PHASES_FILE, sources.phases)?;
    let raw_types: RawProcurementTypes = parse(TYPES_FILE, sources.procurement_types)?;
    let raw_threats: RawThreats = parse(THREATS_FILE, sources.threats)?;
    let raw_practices: RawPractices = parse(PRACTICES_FILE, sources.practices)?;

    let mut problems = Problems::default();
    let edition = problems.edition(raw_edition);
    let phases = problems.taxonomy(PHASES_FILE, raw_phases.phase, Phase::from_id, Phase::ALL);
    let procurement_types = problems.taxonomy(
        TYPES_FILE,
        raw_types.procurement_type,
        ProcurementType::from_id,
        ProcurementType::ALL,
    );
    let threats = problems.threats(raw_threats);
    let practices = problems.practices(raw_practices.practice);

    if !problems.0.is_empty() {
        return Err(CatalogError::Invalid(problems.0));
    }
    Ok(Catalog {
        edition,
        phases: phases
            .into_iter()
            .map(|(phase, name, description)| PhaseEntry {
                phase,
                name,
                description,
            })
            .collect(),
        procurement_types: procurement_types
            .into_iter()
            .map(
                |(procurement_type, name, description)| ProcurementTypeEntry {
                    procurement_type,
                    name,
                    description,
                },
            )
            .collect(),
        threats,
        practices,
    })
}

fn parse<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|error| CatalogError::Syntax {
        file,
        message: error.to_string(),
    })
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn report(&mut self, file: &'static str, entry: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            file,
            entry: entry.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, file: &'static str, entry: &str, field: &str, raw: RawText) -> Localized {
        localized(raw, |lang| {
            self.report(file, entry, format!("{field}.{lang} is missing or empty"));
        })
    }

    fn edition(&mut self, raw: RawEdition) -> Edition {
        let entry = "edition";
        let title = self.text(EDITION_FILE, entry, "title", raw.title);
        let variant = self.text(EDITION_FILE, entry, "variant", raw.variant);
        let published_ok = raw.published.len() == 7
            && raw.published.as_bytes()[4] == b'-'
            && raw
                .published
                .bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || b.is_ascii_digit());
        if !published_ok {
            self.report(EDITION_FILE, entry, "published must be YYYY-MM");
        }
        if !raw.url.starts_with("https://") {
            self.report(EDITION_FILE, entry, "url must be an https link");
        }
        for (field, value) in [("id", &raw.id), ("publisher", &raw.publisher)] {
            if value.trim().is_empty() {
                self.report(EDITION_FILE, entry, format!("{field} is empty"));
            }
        }
        Edition {
            id: raw.id,
            publisher: raw.publisher,
            title,
            published: raw.published,
            variant,
            url: raw.url,
            version: raw.version,
        }
    }

    /// Checks that a taxonomy file lists every member exactly once, in the
    /// enum's order, with both names and descriptions.
    fn taxonomy<T: Copy + PartialEq>(
        &mut self,
        file: &'static str,
        entries: Vec<RawNamed>,
        from_id: fn(&str) -> Result<T, UnknownId>,
        all: &[T],
    ) -> Vec<(T, Localized, Localized)> {
        let mut members = Vec::new();
        for raw in entries {
            let entry = raw.id.clone();
            let name = self.text(file, &entry, "name", raw.name);
            let description = self.text(file, &entry, "description", raw.description);
            match from_id(&raw.id) {
                Ok(member) => members.push((member, name, description)),
                Err(error) => self.report(file, entry, error.to_string()),
            }
        }
        let listed: Vec<T> = members.iter().map(|(member, _, _)| *member).collect();
        if listed != all {
            self.report(
                file,
                "(file)",
                "must list every member exactly once, in the guidelines' order",
            );
        }
        members
    }

    fn threats(&mut self, raw: RawThreats) -> Vec<ThreatEntry> {
        let mut example_ids = BTreeSet::new();
        let mut threats = Vec::new();
        for raw_threat in raw.threat {
            let entry = format!("threat {}", raw_threat.id);
            let name = self.text(THREATS_FILE, &entry, "name", raw_threat.name);
            let description =
                self.text(THREATS_FILE, &entry, "description", raw_threat.description);
            if raw_threat.example.is_empty() {
                self.report(THREATS_FILE, &entry, "has no example threat");
            }
            let mut examples = Vec::new();
            for example in raw_threat.example {
                let example_entry = format!("{entry}, example {}", example.id);
                if !is_slug(&example.id) {
                    self.report(THREATS_FILE, &example_entry, "id must be a lowercase slug");
                }
                if !example_ids.insert(example.id.clone()) {
                    self.report(THREATS_FILE, &example_entry, "id is used twice");
                }
                let name = self.text(THREATS_FILE, &example_entry, "name", example.name);
                examples.push(ThreatExample {
                    id: example.id,
                    name,
                });
            }
            let scenarios = self.scenarios(&entry, raw_threat.scenario, &mut example_ids);
            match ThreatGroup::from_id(&raw_threat.id) {
                Ok(group) => threats.push(ThreatEntry {
                    group,
                    name,
                    description,
                    examples,
                    scenarios,
                }),
                Err(error) => self.report(THREATS_FILE, entry, error.to_string()),
            }
        }
        let listed: Vec<ThreatGroup> = threats.iter().map(|threat| threat.group).collect();
        if listed != ThreatGroup::ALL {
            self.report(
                THREATS_FILE,
                "(file)",
                "must list every threat group exactly once, in the guidelines' order",
            );
        }
        threats
    }

    /// Checks a group's scenarios: slugs unique among examples and
    /// scenarios (`ids`), known types, at most one scenario per type, and
    /// exactly one fallback (a scenario without types).
    fn scenarios(
        &mut self,
        entry: &str,
        raw: Vec<RawScenario>,
        ids: &mut BTreeSet<String>,
    ) -> Vec<ThreatScenario> {
        let mut scenarios: Vec<ThreatScenario> = Vec::new();
        for scenario in raw {
            let scenario_entry = format!("{entry}, scenario {}", scenario.id);
            if !is_slug(&scenario.id) {
                self.report(THREATS_FILE, &scenario_entry, "id must be a lowercase slug");
            }
            if !ids.insert(scenario.id.clone()) {
                self.report(THREATS_FILE, &scenario_entry, "id is used twice");
            }
            let mut types = BTreeSet::new();
            for id in &scenario.types {
                match ProcurementType::from_id(id) {
                    Ok(kind) => {
                        let taken = scenarios.iter().any(|s| s.types.contains(&kind));
                        // Kept even when refused, so the scenario does not
                        // pass for a fallback as well.
                        if !types.insert(kind) || taken {
                            self.report(
                                THREATS_FILE,
                                &scenario_entry,
                                format!("{id} has another scenario in this group"),
                            );
                        }
                    }
                    Err(error) => {
                        self.report(THREATS_FILE, &scenario_entry, format!("types: {error}"));
                    }
                }
            }
            let name = self.text(THREATS_FILE, &scenario_entry, "name", scenario.name);
            let text = self.text(THREATS_FILE, &scenario_entry, "text", scenario.text);
            scenarios.push(ThreatScenario {
                id: scenario.id,
                types: types.into_iter().collect(),
                name,
                text,
            });
        }
        let fallbacks = scenarios.iter().filter(|s| s.is_fallback()).count();
        if fallbacks != 1 {
            self.report(
                THREATS_FILE,
                entry,
                format!("needs exactly one fallback scenario (without types), has {fallbacks}"),
            );
        }
        scenarios
    }

    fn practices(&mut self, raw: Vec<RawPractice>) -> Vec<Practice> {
        let mut practices = Vec::new();
        for (position, raw_practice) in raw.into_iter().enumerate() {
            if let Some(practice) = self.practice(raw_practice) {
                let expected = position + 1;
                if usize::from(practice.number.get()) != expected {
                    self.report(
                        PRACTICES_FILE,
                        format!("practice {}", practice.id()),
                        format!("is in position {expected}: practices must be numbered 1, 2, 3… in order"),
                    );
                }
                practices.push(practice);
            }
        }
        if practices.is_empty() {
            self.report(PRACTICES_FILE, "(file)", "lists no practice");
        }
        practices
    }

    fn practice(&mut self, raw: RawPractice) -> Option<Practice> {
        let entry = format!("practice {}", raw.id);
        let number = PracticeNumber::new(raw.number);
        match number {
            Some(number) if number.id() == raw.id => {}
            Some(number) => self.report(
                PRACTICES_FILE,
                &entry,
                format!("id must be {} for number {}", number.id(), raw.number),
            ),
            None => self.report(PRACTICES_FILE, &entry, "number must be between 1 and 99"),
        }
        let title = self.text(PRACTICES_FILE, &entry, "title", raw.title);
        let statement = self.text(PRACTICES_FILE, &entry, "statement", raw.statement);
        let objective = self.text(PRACTICES_FILE, &entry, "objective", raw.objective);
        let phases = self.set(&entry, "phases", raw.phases, Phase::from_id, Phase::ALL);
        let procurement_types = self.set(
            &entry,
            "procurement_types",
            raw.procurement_types,
            ProcurementType::from_id,
            ProcurementType::ALL,
        );
        let threats = self.set(
            &entry,
            "threats",
            raw.threats,
            ThreatGroup::from_id,
            ThreatGroup::ALL,
        );
        let search_text = fold(
            &[&title.fr, &title.en, &statement.fr, &statement.en]
                .map(|s| s.as_str())
                .join("\n"),
        );
        Some(Practice {
            number: number?,
            title,
            statement,
            objective,
            phases,
            procurement_types,
            threats,
            search_text,
        })
    }

    /// Parses a mapping list into the taxonomy's order; `"all"` means every member.
    fn set<T: Copy + Ord>(
        &mut self,
        entry: &str,
        field: &str,
        raw: RawSet,
        from_id: fn(&str) -> Result<T, UnknownId>,
        all: &[T],
    ) -> Vec<T> {
        let ids = match raw {
            RawSet::Word(word) if word == "all" => return all.to_vec(),
            RawSet::Word(word) => {
                self.report(
                    PRACTICES_FILE,
                    entry,
                    format!("{field} must be \"all\" or a list of ids, not {word:?}"),
                );
                return Vec::new();
            }
            RawSet::List(ids) => ids,
        };
        let mut members = BTreeSet::new();
        for id in ids {
            match from_id(&id) {
                Ok(member) => {
                    if !members.insert(member) {
                        self.report(PRACTICES_FILE, entry, format!("{field} lists {id} twice"));
                    }
                }
                Err(error) => self.report(PRACTICES_FILE, entry, format!("{field}: {error}")),
            }
        }
        if members.is_empty() {
            self.report(PRACTICES_FILE, entry, format!("{field} is empty"));
        }
        members.into_iter().collect()
    }
}

/// Both sides of a text, trimmed; `missing` hears of each empty side.
pub(crate) fn localized(raw: RawText, mut missing: impl FnMut(&str)) -> Localized {
    let mut side = |value: Option<String>, lang: &str| match value {
        Some(text) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => {
            missing(lang);
            String::new()
        }
    };
    let fr = side(raw.fr, "fr");
    let en = side(raw.en, "en");
    Localized { fr, en }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replace(text: &'static str, from: &str, to: &str) -> &'static str {
        assert!(text.contains(from), "fixture text {from:?} not found");
        Box::leak(text.replacen(from, to, 1).into_boxed_str())
    }

    fn problems(sources: Sources) -> Vec<String> {
        match load(&sources) {
            Err(CatalogError::Invalid(problems)) => {
                problems.iter().map(Problem::to_string).collect()
            }
            other => panic!("expected invalid data, got {other:?}"),
        }
    }

    #[test]
    fn the_embedded_data_loads() {
        let catalog = enisa_2020().expect("embedded catalogue is valid");
        assert_eq!(catalog.practices.len(), 30);
    }

    #[test]
    fn an_unknown_mapping_id_points_at_file_and_practice() {
        let sources = Sources {
            practices: replace(ENISA_2020.practices, "\"medical-devices\"", "\"toasters\""),
            ..ENISA_2020
        };
        let found = problems(sources);
        assert_eq!(
            found,
            [
                "enisa-2020/practices.toml: practice BP-02: procurement_types: unknown procurement type id \"toasters\""
            ]
        );
    }

    #[test]
    fn a_missing_translation_is_reported() {
        let sources = Sources {
            practices: replace(ENISA_2020.practices, "title.en = ", "# title.en = "),
            ..ENISA_2020
        };
        assert_eq!(
            problems(sources),
            ["enisa-2020/practices.toml: practice BP-01: title.en is missing or empty"]
        );
    }

    #[test]
    fn a_wrong_id_and_a_missing_member_are_both_reported() {
        let sources = Sources {
            practices: replace(ENISA_2020.practices, "id = \"BP-02\"", "id = \"BP-20\""),
            threats: replace(
                ENISA_2020.threats,
                "id = \"natural-phenomena\"",
                "id = \"weather\"",
            ),
            ..ENISA_2020
        };
        let found = problems(sources);
        assert!(
            found.contains(
                &"enisa-2020/practices.toml: practice BP-20: id must be BP-02 for number 2"
                    .to_owned()
            ),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p
                .starts_with("enisa-2020/threats.toml: threat weather: unknown threat group id")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p
                    .starts_with("enisa-2020/threats.toml: (file): must list every threat group")),
            "{found:?}"
        );
    }

    #[test]
    fn a_type_with_two_scenarios_and_a_group_without_fallback_are_reported() {
        let sources = Sources {
            threats: replace(
                replace(
                    ENISA_2020.threats,
                    "types = [\"clinical-information-systems\"]",
                    "types = [\"medical-devices\"]",
                ),
                "id = \"premises-disaster\"",
                "id = \"premises-disaster\"\ntypes = [\"professional-services\"]",
            ),
            ..ENISA_2020
        };
        assert_eq!(
            problems(sources),
            [
                "enisa-2020/threats.toml: threat natural-phenomena: needs exactly one fallback scenario (without types), has 0",
                "enisa-2020/threats.toml: threat supply-chain-failure, scenario device-maker-leaves-firmware-unpatched: medical-devices has another scenario in this group",
            ]
        );
    }

    #[test]
    fn a_scenario_id_may_not_repeat_an_example_id() {
        let sources = Sources {
            threats: replace(
                ENISA_2020.threats,
                "id = \"cloud-provider-fails\"",
                "id = \"cloud-provider-failure\"",
            ),
            ..ENISA_2020
        };
        assert_eq!(
            problems(sources),
            [
                "enisa-2020/threats.toml: threat supply-chain-failure, scenario cloud-provider-failure: id is used twice"
            ]
        );
    }

    #[test]
    fn syntax_errors_name_the_file() {
        let sources = Sources {
            phases: "[[phase]\n",
            ..ENISA_2020
        };
        assert!(matches!(
            load(&sources),
            Err(CatalogError::Syntax {
                file: PHASES_FILE,
                ..
            })
        ));
    }
}
