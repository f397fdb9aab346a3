//! The 30 mappings, practice by practice, against a table written by reading
//! the French concise version of the guidelines (« Phases de la procédure »,
//! « Types de marchés connexes », « Menaces connexes » under each BP).
//!
//! Codes — phases: P planning, S supplier selection, M management.
//! Types: CIS clinical information systems, MD medical devices, NE network
//! equipment, RC remote care systems, MC mobile client devices, ID
//! identification systems, BM building management systems, IC industrial
//! control systems, PS professional services, CL cloud services.
//! Threats: NP natural phenomena, SC supply-chain failure, HE human errors,
//! MA malicious actions, SF system failures. `*` is the seed's « Toutes ».

use procura_domain::{Phase, PracticeNumber, ProcurementType, ThreatGroup};

use crate::catalog;

const EIGHT: &str = "CIS MD NE RC MC ID IC CL";

/// (number, phases, types, threats) as the seed states them.
const SEED: [(u8, &str, &str, &str); 30] = [
    (1, "*", "*", "*"),
    (2, "*", EIGHT, "*"),
    (3, "*", EIGHT, "MA SC SF"),
    // « dispositifs clients distants » read as mobile client devices.
    (4, "*", "MD MC ID CL", "MA HE"),
    (5, "*", "CIS MD NE RC MC ID BM IC CL", "MA SF HE"),
    (6, "*", EIGHT, "MA SC SF"),
    (7, "*", "CIS MD RC MC ID IC CL", "SF HE MA"),
    (8, "*", "CIS MD MC ID CL IC RC BM", "MA HE SF SC"),
    (9, "*", "MD RC MC ID IC", "MA SC SF"),
    (10, "*", EIGHT, "MA SC SF"),
    (11, "P", "*", "*"),
    (12, "P", "CIS NE ID IC", "SC SF NP HE"),
    (13, "P M", "*", "*"),
    (14, "P S", EIGHT, "MA SC SF"),
    (15, "P", "CIS NE ID IC CL RC MC", "SC SF NP"),
    (16, "P S", EIGHT, "MA SC SF"),
    (17, "P S", "CL", "MA SC"),
    (18, "S", EIGHT, "MA SC SF"),
    (19, "S", "CIS MD NE RC MC ID PS CL", "MA HE"),
    (20, "S M", "MD RC MC ID IC", "MA SC SF"),
    (21, "S M", "*", "MA HE"),
    (22, "S M", EIGHT, "MA SC SF"),
    (23, "S M", EIGHT, "MA SC SF"),
    (24, "S M", "CIS NE MD BM RC MC ID IC CL", "HE SF NP"),
    (25, "S M", EIGHT, "MA SC SF HE"),
    (26, "S M", EIGHT, "MA SC SF"),
    (27, "M", "*", "*"),
    (28, "M", "CIS MD NE RC MC ID", "MA HE SF"),
    (29, "M", "MD BM ID", "MA HE"),
    (30, "S M", EIGHT, "MA SC SF"),
];

fn codes<T: Copy + Ord>(text: &str, all: &[T], decode: fn(&str) -> T) -> Vec<T> {
    let mut values: Vec<T> = if text == "*" {
        all.to_vec()
    } else {
        text.split_whitespace().map(decode).collect()
    };
    values.sort();
    values
}

fn phase(code: &str) -> Phase {
    match code {
        "P" => Phase::Planning,
        "S" => Phase::SupplierSelection,
        "M" => Phase::Management,
        other => panic!("bad phase code {other}"),
    }
}

fn procurement_type(code: &str) -> ProcurementType {
    use ProcurementType::*;
    match code {
        "CIS" => ClinicalInformationSystems,
        "MD" => MedicalDevices,
        "NE" => NetworkEquipment,
        "RC" => RemoteCareSystems,
        "MC" => MobileClientDevices,
        "ID" => IdentificationSystems,
        "BM" => BuildingManagementSystems,
        "IC" => IndustrialControlSystems,
        "PS" => ProfessionalServices,
        "CL" => CloudServices,
        other => panic!("bad type code {other}"),
    }
}

fn threat(code: &str) -> ThreatGroup {
    use ThreatGroup::*;
    match code {
        "NP" => NaturalPhenomena,
        "SC" => SupplyChainFailure,
        "HE" => HumanErrors,
        "MA" => MaliciousActions,
        "SF" => SystemFailures,
        other => panic!("bad threat code {other}"),
    }
}

#[test]
fn every_practice_maps_exactly_as_the_seed_says() {
    let catalog = catalog();
    assert_eq!(catalog.practices.len(), 30);
    let mut mismatches = Vec::new();
    for (number, phases, types, threats) in SEED {
        let number = PracticeNumber::new(number).expect("valid number");
        let Some(practice) = catalog.practice(number) else {
            mismatches.push(format!("{number}: missing"));
            continue;
        };
        let expected_phases = codes(phases, Phase::ALL, phase);
        let expected_types = codes(types, ProcurementType::ALL, procurement_type);
        let expected_threats = codes(threats, ThreatGroup::ALL, threat);
        if practice.phases != expected_phases {
            mismatches.push(format!(
                "{number} phases: {:?} != {expected_phases:?}",
                practice.phases
            ));
        }
        if practice.procurement_types != expected_types {
            mismatches.push(format!(
                "{number} types: {:?} != {expected_types:?}",
                practice.procurement_types
            ));
        }
        if practice.threats != expected_threats {
            mismatches.push(format!(
                "{number} threats: {:?} != {expected_threats:?}",
                practice.threats
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "mappings differ from the seed:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn practices_one_to_ten_apply_in_every_phase() {
    // The guidelines say so explicitly; the seed's mappings agree.
    for practice in &catalog().practices[..10] {
        assert_eq!(practice.phases, Phase::ALL, "{}", practice.id());
    }
}
