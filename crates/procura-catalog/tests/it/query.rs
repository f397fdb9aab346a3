//! The query engine, written as data: a query and the practice numbers it must return.

use procura_catalog::{PracticeQuery, group_by_phase};
use procura_domain::{Phase, ProcurementType, ThreatGroup};

use crate::catalog;

fn check(query: PracticeQuery, expected: &[u8]) {
    let found: Vec<u8> = catalog()
        .query(&query)
        .iter()
        .map(|found| found.practice.number.get())
        .collect();
    assert_eq!(found, expected, "query {query:?}");
}

fn text(text: &str) -> PracticeQuery {
    PracticeQuery {
        text: Some(text.to_owned()),
        ..PracticeQuery::default()
    }
}

#[test]
fn empty_query_returns_every_practice_in_order() {
    check(PracticeQuery::default(), &(1..=30).collect::<Vec<_>>());
}

#[test]
fn cloud_services_in_supplier_selection() {
    check(
        PracticeQuery {
            phases: vec![Phase::SupplierSelection],
            procurement_types: vec![ProcurementType::CloudServices],
            ..PracticeQuery::default()
        },
        &[
            1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 30,
        ],
    );
}

#[test]
fn or_within_a_facet_and_across_facets() {
    // Planning only: 1-10 (every phase), 11-17 but not 18+ (which start later).
    check(
        PracticeQuery {
            phases: vec![Phase::Planning],
            ..PracticeQuery::default()
        },
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
    );
    // Natural phenomena OR professional services is wider than either...
    check(
        PracticeQuery {
            threats: vec![ThreatGroup::NaturalPhenomena],
            ..PracticeQuery::default()
        },
        &[1, 2, 11, 12, 13, 15, 24, 27],
    );
    // ...while natural phenomena AND professional services is narrower.
    check(
        PracticeQuery {
            procurement_types: vec![ProcurementType::ProfessionalServices],
            threats: vec![ThreatGroup::NaturalPhenomena],
            ..PracticeQuery::default()
        },
        &[1, 11, 13, 27],
    );
    check(
        PracticeQuery {
            procurement_types: vec![
                ProcurementType::ProfessionalServices,
                ProcurementType::BuildingManagementSystems,
            ],
            phases: vec![Phase::Management],
            ..PracticeQuery::default()
        },
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 21, 24, 27, 29]
            .into_iter()
            .filter(|n| ![2, 3, 4, 6, 7, 9, 10].contains(n))
            .collect::<Vec<_>>(),
    );
}

#[test]
fn each_result_says_which_selected_values_it_covers() {
    let query = PracticeQuery {
        phases: vec![Phase::Planning, Phase::Management],
        procurement_types: vec![
            ProcurementType::CloudServices,
            ProcurementType::MedicalDevices,
        ],
        threats: vec![ThreatGroup::NaturalPhenomena, ThreatGroup::MaliciousActions],
        text: None,
    };
    let found = catalog().query(&query);
    let bp17 = found
        .iter()
        .find(|m| m.practice.number.get() == 17)
        .expect("BP-17");
    assert_eq!(bp17.phases, [Phase::Planning]);
    assert_eq!(bp17.procurement_types, [ProcurementType::CloudServices]);
    assert_eq!(bp17.threats, [ThreatGroup::MaliciousActions]);
    let bp29 = found
        .iter()
        .find(|m| m.practice.number.get() == 29)
        .expect("BP-29");
    assert_eq!(bp29.phases, [Phase::Management]);
    assert_eq!(bp29.procurement_types, [ProcurementType::MedicalDevices]);
    assert!(!bp29.text);
}

#[test]
fn free_text_ignores_case_and_accents_in_both_languages() {
    let accented = catalog().query(&text("sécurité"));
    let plain = catalog().query(&text("SECURITE"));
    assert!(!plain.is_empty());
    assert_eq!(accented, plain);
    assert!(plain.iter().all(|m| m.text));
    // English words find the same practices as the French ones.
    let numbers = |query| -> Vec<u8> {
        catalog()
            .query(&query)
            .iter()
            .map(|m| m.practice.number.get())
            .collect()
    };
    assert!(numbers(text("cloud")).contains(&17));
    assert!(numbers(text("nuage")).contains(&17));
    assert!(numbers(text("penetration")).contains(&30));
}

#[test]
fn every_word_of_the_text_must_be_found() {
    let both = catalog().query(&text("cloud xyzzy"));
    assert!(both.is_empty());
}

#[test]
fn grouping_by_phase_repeats_multi_phase_practices() {
    let query = PracticeQuery {
        procurement_types: vec![ProcurementType::CloudServices],
        threats: vec![ThreatGroup::SupplyChainFailure],
        ..PracticeQuery::default()
    };
    let found = catalog().query(&query);
    let groups = group_by_phase(&found, &query);
    let numbers: Vec<(Phase, Vec<u8>)> = groups
        .iter()
        .map(|group| {
            (
                group.phase,
                group
                    .matches
                    .iter()
                    .map(|m| m.practice.number.get())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(numbers.len(), 3);
    assert!(numbers[0].1.contains(&17) && numbers[1].1.contains(&17));
    assert!(!numbers[2].1.contains(&17));
    assert!(numbers[2].1.contains(&30) && !numbers[0].1.contains(&30));
}

#[test]
fn checklist_pairs_follow_the_mapping() {
    use procura_catalog::Catalog;
    let catalog: &Catalog = catalog();
    let cloud_only = catalog.checklist(&[ProcurementType::CloudServices]);
    // BP-17 is cloud-only, in planning and supplier selection.
    let bp17: Vec<Phase> = cloud_only
        .iter()
        .filter(|(_, n)| n.get() == 17)
        .map(|(p, _)| *p)
        .collect();
    assert_eq!(bp17, [Phase::Planning, Phase::SupplierSelection]);
    // Professional services: only the practices mapped to every type, plus BP-19.
    let services: Vec<u8> = catalog
        .checklist(&[ProcurementType::ProfessionalServices])
        .iter()
        .filter(|(phase, _)| *phase == Phase::SupplierSelection)
        .map(|(_, n)| n.get())
        .collect();
    assert_eq!(services, [1, 19, 21]);
    assert!(catalog.checklist(&[]).is_empty());
}

#[test]
fn mitigating_practices_follow_threat_and_types() {
    let catalog = catalog();
    let numbers = |threat, types: &[ProcurementType]| -> Vec<u8> {
        catalog
            .mitigating_practices(threat, types)
            .iter()
            .map(|p| p.number.get())
            .collect()
    };
    // Natural phenomena for professional services: only the practices mapped to every type.
    assert_eq!(
        numbers(
            ThreatGroup::NaturalPhenomena,
            &[ProcurementType::ProfessionalServices]
        ),
        [1, 11, 13, 27]
    );
    // Natural phenomena for network equipment adds 2, 12, 15 and 24.
    assert_eq!(
        numbers(
            ThreatGroup::NaturalPhenomena,
            &[ProcurementType::NetworkEquipment]
        ),
        [1, 2, 11, 12, 13, 15, 24, 27]
    );
    // Every suggested practice maps to the threat and one of the types; none missing.
    for threat in ThreatGroup::ALL {
        let types = [
            ProcurementType::CloudServices,
            ProcurementType::MedicalDevices,
        ];
        let suggested = numbers(*threat, &types);
        for practice in &catalog.practices {
            let expected = practice.threats.contains(threat)
                && types.iter().any(|t| practice.procurement_types.contains(t));
            assert_eq!(
                suggested.contains(&practice.number.get()),
                expected,
                "{} for {threat}",
                practice.id()
            );
        }
    }
    assert!(numbers(ThreatGroup::HumanErrors, &[]).is_empty());
}
