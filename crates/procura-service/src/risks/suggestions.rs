//! What Procura suggests for a risk: the practices the catalogue maps to its
//! threat group and the project's types, the requirements implementing
//! them, and the proposed risks a new project starts with.

use procura_catalog::Catalog;
use procura_domain::{
    PracticeNumber, ProcurementType, ProjectId, RiskId, RiskRecord, RiskStatus, Step, ThreatGroup,
    Timestamp,
};

use crate::ServiceError;
use crate::secret::new_uuid;

/// The practices that mitigate a threat group for a purchase of `types`,
/// exactly as the catalogue maps them.
pub fn suggested_practices(
    catalog: &Catalog,
    threat: ThreatGroup,
    types: &[ProcurementType],
) -> Vec<PracticeNumber> {
    catalog
        .mitigating_practices(threat, types)
        .into_iter()
        .map(|practice| practice.number)
        .collect()
}

/// The tender requirements that implement those practices and fit the types.
pub fn suggested_requirements(
    catalog: &Catalog,
    practices: &[PracticeNumber],
    types: &[ProcurementType],
) -> Vec<String> {
    let Ok(library) = procura_catalog::requirement_library() else {
        return Vec::new();
    };
    library
        .proposed(catalog, types)
        .into_iter()
        .filter(|requirement| requirement.practices.iter().any(|n| practices.contains(n)))
        .map(|requirement| requirement.code.to_string())
        .collect()
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
/// group, on its first example threat, with the suggested mitigations.
pub fn starter_risks(
    catalog: &Catalog,
    project: ProjectId,
    types: &[ProcurementType],
    now: Timestamp,
) -> Result<Vec<RiskRecord>, ServiceError> {
    relevant_threats(catalog, types)
        .into_iter()
        .map(|threat| {
            let entry = catalog.threat(threat);
            let practices = suggested_practices(catalog, threat, types);
            Ok(RiskRecord {
                id: RiskId::from_uuid(new_uuid()?),
                project_id: project,
                status: RiskStatus::Proposed,
                threat_group: threat,
                example: entry.examples.first().map(|example| example.id.clone()),
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
    /// both, written out by hand from the guidelines' tables.
    #[test]
    fn suggestions_are_the_catalogue_mapping() {
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
            let found = suggested_practices(catalog(), *threat, types);
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
        }
    }
}
