//! What Procura suggests for a risk: the few practices most relevant to its
//! threat group and the project's types, ranked, the requirements
//! implementing them, and the proposed risks a new project starts with,
//! each naming the threat scenario suited to the types.

use procura_catalog::{Catalog, MAX_MEASURES, Measure, RequirementLibrary};
use procura_domain::{
    PracticeNumber, ProcurementType, ProjectId, RiskId, RiskRecord, RiskStatus, Step, ThreatGroup,
    Timestamp,
};

use crate::ServiceError;
use crate::secret::new_uuid;

fn library() -> Option<&'static RequirementLibrary> {
    procura_catalog::requirement_library().ok()
}

/// The practices proposed against a threat group for a purchase of
/// `types`: the most relevant of those the catalogue maps to both, at most
/// five, most relevant first (the rule is `procura_catalog::measures`).
pub fn suggested_practices(
    catalog: &Catalog,
    threat: ThreatGroup,
    types: &[ProcurementType],
) -> Vec<PracticeNumber> {
    match library() {
        Some(library) => library
            .measures(catalog, threat, types)
            .into_iter()
            .map(|measure| measure.practice.number)
            .collect(),
        // The library is checked by the test suite; without it, the
        // catalogue's first practices still make a proposal.
        None => catalog
            .mitigating_practices(threat, types)
            .into_iter()
            .take(MAX_MEASURES)
            .map(|practice| practice.number)
            .collect(),
    }
}

/// The tender requirements that implement those practices and fit the
/// types, practice by practice in the order given, each once.
pub fn suggested_requirements(
    catalog: &Catalog,
    practices: &[PracticeNumber],
    types: &[ProcurementType],
) -> Vec<String> {
    let Some(library) = library() else {
        return Vec::new();
    };
    let mut codes: Vec<String> = Vec::new();
    for practice in practices {
        for requirement in library.implementing(catalog, *practice, types) {
            let code = requirement.code.to_string();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    codes
}

/// The threat groups a purchase of `types` exposes: those some applicable
/// practice addresses. Starter risks are proposed for each.
pub fn relevant_threats(catalog: &Catalog, types: &[ProcurementType]) -> Vec<ThreatGroup> {
    ThreatGroup::ALL
        .iter()
        .copied()
        .filter(|threat| !catalog.mitigating_practices(*threat, types).is_empty())
        .collect()
}

/// The proposed risks a new project starts with: one per relevant threat
/// group, naming the scenario suited to the types, with the suggested
/// mitigations.
pub fn starter_risks(
    catalog: &Catalog,
    project: ProjectId,
    types: &[ProcurementType],
    now: Timestamp,
) -> Result<Vec<RiskRecord>, ServiceError> {
    relevant_threats(catalog, types)
        .into_iter()
        .map(|threat| {
            let example = catalog
                .scenario(threat, types)
                .map(|scenario| scenario.id.clone())
                .or_else(|| {
                    let examples = &catalog.threat(threat).examples;
                    examples.first().map(|example| example.id.clone())
                });
            let practices = suggested_practices(catalog, threat, types);
            Ok(RiskRecord {
                id: RiskId::from_uuid(new_uuid()?),
                project_id: project,
                status: RiskStatus::Proposed,
                threat_group: threat,
                example,
                description: String::new(),
                asset: String::new(),
                likelihood: Step::new(2).unwrap_or(Step::ALL[0]),
                severity: Step::new(3).unwrap_or(Step::ALL[0]),
                treatment: None,
                owner_id: None,
                due_date: None,
                requirements: suggested_requirements(catalog, &practices, types),
                practices,
                residual_likelihood: None,
                residual_severity: None,
                accepted_by: None,
                accepted_at: None,
                created_at: now,
                updated_at: now,
                version: 1,
            })
        })
        .collect()
}

/// A risk's mitigations as its page lists them: its practices ranked for
/// the project's types, each with those of the risk's requirements that
/// implement it, and the risk's other requirement codes (the
/// organisation's own, or ones implementing none of its practices).
#[derive(Debug, Clone, Default)]
pub struct RankedMitigations<'a> {
    pub measures: Vec<Measure<'a>>,
    pub other_requirements: Vec<String>,
}

pub fn ranked_mitigations<'a>(
    catalog: &'a Catalog,
    record: &RiskRecord,
    types: &[ProcurementType],
) -> RankedMitigations<'a> {
    let Some(library) = library() else {
        return RankedMitigations {
            measures: Vec::new(),
            other_requirements: record.requirements.clone(),
        };
    };
    let chosen = |code: &str| record.requirements.iter().any(|kept| kept == code);
    let measures: Vec<Measure<'a>> = library
        .ranked(catalog, &record.practices, types)
        .into_iter()
        .map(|measure| Measure {
            requirements: measure
                .requirements
                .into_iter()
                .filter(|requirement| chosen(requirement.code.as_str()))
                .collect(),
            ..measure
        })
        .collect();
    let shown = |code: &str| {
        measures.iter().any(|measure| {
            measure
                .requirements
                .iter()
                .any(|requirement| requirement.code.as_str() == code)
        })
    };
    let other_requirements = record
        .requirements
        .iter()
        .filter(|code| !shown(code))
        .cloned()
        .collect();
    RankedMitigations {
        measures,
        other_requirements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        procura_catalog::builtin().expect("catalogue")
    }

    fn numbers(list: &[u8]) -> Vec<PracticeNumber> {
        list.iter()
            .filter_map(|n| PracticeNumber::new(*n))
            .collect()
    }

    /// Threat group × types → exactly the practices the catalogue maps to
    /// both, written out by hand from the guidelines' tables: what the
    /// suggestions are chosen from.
    #[test]
    fn suggestions_come_from_the_catalogue_mapping() {
        use ProcurementType::*;
        use ThreatGroup::*;
        let cases: &[(ThreatGroup, &[ProcurementType], &[u8])] = &[
            (
                NaturalPhenomena,
                &[CloudServices],
                &[1, 2, 11, 13, 15, 24, 27],
            ),
            (
                MaliciousActions,
                &[ProfessionalServices],
                &[1, 11, 13, 19, 21, 27],
            ),
            (
                HumanErrors,
                &[BuildingManagementSystems],
                &[1, 5, 8, 11, 13, 21, 24, 27, 29],
            ),
            (
                SupplyChainFailure,
                &[MedicalDevices, NetworkEquipment],
                &[
                    1, 2, 3, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 23, 25, 26, 27, 30,
                ],
            ),
            (
                SystemFailures,
                &[IdentificationSystems],
                &[
                    1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 23, 24, 25, 26,
                    27, 28, 30,
                ],
            ),
        ];
        for (threat, types, expected) in cases {
            let found: Vec<PracticeNumber> = catalog()
                .mitigating_practices(*threat, types)
                .into_iter()
                .map(|practice| practice.number)
                .collect();
            let expected = numbers(expected);
            // Every suggested practice maps to the threat and a type…
            for number in &found {
                let practice = catalog().practice(*number).expect("practice");
                assert!(practice.addresses(*threat));
                assert!(types.iter().any(|t| practice.applies_to(*t)));
            }
            // …and every such practice is suggested.
            for practice in &catalog().practices {
                let maps =
                    practice.addresses(*threat) && types.iter().any(|t| practice.applies_to(*t));
                assert_eq!(maps, found.contains(&practice.number), "{}", practice.id());
            }
            assert_eq!(found, expected, "{threat:?} {types:?}");
            let suggested = suggested_practices(catalog(), *threat, types);
            assert_eq!(suggested.len(), found.len().min(MAX_MEASURES));
            assert!(suggested.iter().all(|number| found.contains(number)));
        }
    }

    #[test]
    fn a_medical_device_purchase_starts_with_the_device_maker_scenario() {
        let risks = starter_risks(
            catalog(),
            ProjectId::from_uuid(new_uuid().expect("uuid")),
            &[ProcurementType::MedicalDevices],
            Timestamp(0),
        )
        .expect("risks");
        let supply = risks
            .iter()
            .find(|risk| risk.threat_group == ThreatGroup::SupplyChainFailure)
            .expect("a supply-chain risk");
        assert_eq!(
            supply.example.as_deref(),
            Some("device-maker-leaves-firmware-unpatched")
        );
        assert_eq!(supply.practices, numbers(&[16, 26, 3, 25, 6]));
        // Every requirement implements one of the five practices.
        let library = procura_catalog::requirement_library().expect("library");
        assert!(!supply.requirements.is_empty());
        for code in &supply.requirements {
            let requirement = library.requirement(code).expect("a library code");
            assert!(
                requirement
                    .practices
                    .iter()
                    .any(|n| supply.practices.contains(n)),
                "{code}"
            );
        }
        for risk in &risks {
            assert!(risk.practices.len() <= MAX_MEASURES);
            let scenario = catalog()
                .scenario(risk.threat_group, &[ProcurementType::MedicalDevices])
                .expect("a scenario");
            assert_eq!(risk.example.as_deref(), Some(scenario.id.as_str()));
        }
    }

    #[test]
    fn mitigations_list_the_risks_requirements_under_their_practices() {
        let mut risk = starter_risks(
            catalog(),
            ProjectId::from_uuid(new_uuid().expect("uuid")),
            &[ProcurementType::MedicalDevices],
            Timestamp(0),
        )
        .expect("risks")
        .into_iter()
        .find(|risk| risk.threat_group == ThreatGroup::SupplyChainFailure)
        .expect("a supply-chain risk");
        // The team keeps two practices in number order, one requirement of
        // the library and one of its own.
        risk.practices = numbers(&[3, 26]);
        risk.requirements = vec!["REQ-PAT-01".into(), "OWN-07".into()];
        let mitigations = ranked_mitigations(catalog(), &risk, &[ProcurementType::MedicalDevices]);
        let lines: Vec<(u8, Vec<&str>)> = mitigations
            .measures
            .iter()
            .map(|measure| {
                (
                    measure.practice.number.get(),
                    measure
                        .requirements
                        .iter()
                        .map(|requirement| requirement.code.as_str())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(lines, [(26, vec!["REQ-PAT-01"]), (3, vec!["REQ-PAT-01"])]);
        assert_eq!(mitigations.other_requirements, ["OWN-07"]);
    }
}
