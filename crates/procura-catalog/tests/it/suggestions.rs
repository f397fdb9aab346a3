//! What a proposed risk is made of: the threat scenario suited to the
//! purchase's types, and the few ranked measures with their requirements.

use procura_catalog::{MAX_MEASURES, requirement_library};
use procura_domain::{Lang, ProcurementType, ThreatGroup};

use crate::catalog;

#[test]
fn every_threat_group_and_type_has_a_scenario_in_both_languages() {
    for entry in &catalog().threats {
        for kind in ProcurementType::ALL {
            let scenario = entry.scenario_for(*kind).unwrap_or_else(|| {
                panic!("threats.toml: {} has no scenario for {kind}", entry.group)
            });
            for lang in Lang::ALL {
                for (field, text) in [("name", &scenario.name), ("text", &scenario.text)] {
                    assert!(
                        !text.get(lang).trim().is_empty(),
                        "threats.toml: {}, scenario {}: {field}.{lang} is empty",
                        entry.group,
                        scenario.id
                    );
                }
            }
            assert_ne!(
                scenario.text.fr, scenario.text.en,
                "scenario {} is not translated",
                scenario.id
            );
            assert_eq!(
                catalog().scenario(entry.group, &[*kind]),
                Some(scenario),
                "{} {kind}",
                entry.group
            );
        }
        assert!(
            entry.fallback().is_some(),
            "threats.toml: {} has no fallback scenario",
            entry.group
        );
    }
}

/// (threat group, types, the scenario a proposed risk names)
#[test]
fn the_scenario_fits_the_types() {
    use ProcurementType::*;
    use ThreatGroup::*;
    let cases: &[(ThreatGroup, &[ProcurementType], &str)] = &[
        (
            SupplyChainFailure,
            &[MedicalDevices],
            "device-maker-leaves-firmware-unpatched",
        ),
        (SupplyChainFailure, &[CloudServices], "cloud-provider-fails"),
        (
            SupplyChainFailure,
            &[NetworkEquipment],
            "network-vendor-ends-support",
        ),
        (
            SupplyChainFailure,
            &[ProfessionalServices],
            "contractor-cannot-deliver",
        ),
        // The first type with its own scenario wins.
        (
            SupplyChainFailure,
            &[MedicalDevices, CloudServices],
            "device-maker-leaves-firmware-unpatched",
        ),
        // No scenario of its own: the group's fallback.
        (NaturalPhenomena, &[MedicalDevices], "premises-disaster"),
        (NaturalPhenomena, &[], "premises-disaster"),
        (
            MaliciousActions,
            &[MedicalDevices],
            "connected-device-takeover",
        ),
    ];
    for (group, types, expected) in cases {
        let found = catalog().scenario(*group, types).map(|s| s.id.as_str());
        assert_eq!(found, Some(*expected), "{group} {types:?}");
    }
    let scenario = catalog()
        .scenario(SupplyChainFailure, &[MedicalDevices])
        .unwrap();
    assert!(scenario.text.en.contains("device maker"));
    assert!(scenario.text.en.contains("remote maintenance"));
    assert!(scenario.text.fr.contains("fabricant"));
    assert!(scenario.text.fr.contains("télémaintenance"));
}

#[test]
fn a_risk_records_an_example_or_a_scenario_by_its_slug() {
    let entry = catalog().threat(ThreatGroup::SupplyChainFailure);
    assert_eq!(
        entry
            .threat_name("cloud-provider-failure")
            .map(|n| n.en.as_str()),
        Some("Cloud service provider failure")
    );
    assert_eq!(
        entry
            .threat_name("device-maker-leaves-firmware-unpatched")
            .map(|n| n.en.as_str()),
        Some("The device maker leaves the firmware unpatched")
    );
    assert_eq!(entry.threat_name("malware"), None, "another group's");
}

/// (threat group, types, the measures in their order)
#[test]
fn measures_are_the_most_relevant_practices_ranked() {
    use ProcurementType::*;
    use ThreatGroup::*;
    let library = requirement_library().unwrap();
    let cases: &[(ThreatGroup, &[ProcurementType], &[u8])] = &[
        // Security as eligibility criteria, patching, the update policy,
        // remote access, continuity: what the tender can demand of the maker.
        (SupplyChainFailure, &[MedicalDevices], &[16, 26, 3, 25, 6]),
        (SupplyChainFailure, &[CloudServices], &[16, 26, 17, 25, 22]),
        (MaliciousActions, &[MedicalDevices], &[16, 26, 3, 28, 5]),
        (HumanErrors, &[MedicalDevices], &[24, 28, 5, 19, 25]),
        // A practice mapped to both types comes before one mapped to one,
        // but general practices stay last.
        (
            SupplyChainFailure,
            &[MedicalDevices, BuildingManagementSystems],
            &[8, 16, 26, 3, 6],
        ),
        // Fewer than five practices map: all of them, by phase, then number.
        (SystemFailures, &[ProfessionalServices], &[1, 11, 13, 27]),
    ];
    for (group, types, expected) in cases {
        let found: Vec<u8> = library
            .measures(catalog(), *group, types)
            .iter()
            .map(|measure| measure.practice.number.get())
            .collect();
        assert_eq!(&found, expected, "{group} {types:?}");
    }
}

#[test]
fn every_measure_maps_the_threat_and_a_type_and_lists_its_requirements() {
    let library = requirement_library().unwrap();
    for group in ThreatGroup::ALL {
        for kind in ProcurementType::ALL {
            let types = [*kind];
            let measures = library.measures(catalog(), *group, &types);
            let mapped = catalog().mitigating_practices(*group, &types).len();
            assert_eq!(measures.len(), mapped.min(MAX_MEASURES), "{group} {kind}");
            for measure in &measures {
                assert!(measure.practice.addresses(*group));
                assert!(measure.practice.applies_to(*kind));
                for requirement in &measure.requirements {
                    assert!(requirement.practices.contains(&measure.practice.number));
                    assert!(requirement.fits(catalog(), &types));
                }
            }
            // The ranked list starts with what the rule puts first among
            // every mapped practice.
            let all: Vec<_> = catalog()
                .mitigating_practices(*group, &types)
                .into_iter()
                .map(|practice| practice.number)
                .collect();
            let ranked = library.ranked(catalog(), &all, &types);
            assert_eq!(
                ranked[..measures.len()]
                    .iter()
                    .map(|m| m.practice.number)
                    .collect::<Vec<_>>(),
                measures
                    .iter()
                    .map(|m| m.practice.number)
                    .collect::<Vec<_>>()
            );
        }
    }
}
