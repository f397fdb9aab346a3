//! Friendly ids, written as data.

use procura_catalog::ResolveError;
use procura_domain::{Phase, ProcurementType, ThreatGroup};

use crate::catalog;

fn check_type(input: &str, expected: Option<ProcurementType>) {
    assert_eq!(
        catalog().resolve_procurement_type(input).ok(),
        expected,
        "input {input:?}"
    );
}

#[test]
fn procurement_types_by_id_name_or_prefix() {
    use ProcurementType::*;
    check_type("medical-devices", Some(MedicalDevices));
    check_type("dispositifs-medicaux", Some(MedicalDevices));
    check_type("Dispositifs médicaux", Some(MedicalDevices));
    check_type("medical", Some(MedicalDevices));
    check_type("cloud", Some(CloudServices));
    check_type("services-en-nuage", Some(CloudServices));
    check_type("Cloud Services", Some(CloudServices));
    check_type("network", Some(NetworkEquipment));
    check_type("toaster", None);
    check_type("", None);
}

#[test]
fn phases_and_threats_by_friendly_names() {
    let catalog = catalog();
    assert_eq!(
        catalog.resolve_phase("planification").ok(),
        Some(Phase::Planning)
    );
    assert_eq!(
        catalog.resolve_phase("supplier").ok(),
        Some(Phase::SupplierSelection)
    );
    assert_eq!(
        catalog.resolve_phase("gestion").ok(),
        Some(Phase::Management)
    );
    assert_eq!(
        catalog.resolve_threat("malicious").ok(),
        Some(ThreatGroup::MaliciousActions)
    );
    assert_eq!(
        catalog.resolve_threat("erreurs-humaines").ok(),
        Some(ThreatGroup::HumanErrors)
    );
}

#[test]
fn unknown_value_lists_every_valid_id() {
    let error = catalog().resolve_threat("zombies").unwrap_err();
    let ResolveError::Unknown { valid, .. } = &error else {
        panic!("expected unknown, got {error:?}");
    };
    assert_eq!(valid.len(), 5);
    assert!(error.to_string().contains("natural-phenomena"));
}

#[test]
fn ambiguous_prefix_lists_the_candidates() {
    // « systèmes … » starts five French names.
    let error = catalog().resolve_procurement_type("systemes").unwrap_err();
    let ResolveError::Ambiguous { candidates, .. } = &error else {
        panic!("expected ambiguous, got {error:?}");
    };
    assert!(candidates.contains(&"clinical-information-systems"));
    assert!(candidates.contains(&"industrial-control-systems"));
    assert!(!candidates.contains(&"medical-devices"));
    let error = catalog().resolve_threat("s").unwrap_err();
    assert!(matches!(error, ResolveError::Ambiguous { .. }), "{error:?}");
}

#[test]
fn practices_by_number_or_id() {
    let catalog = catalog();
    assert_eq!(
        catalog
            .resolve_practice("17")
            .map(|p| p.id())
            .ok()
            .as_deref(),
        Some("BP-17")
    );
    assert_eq!(
        catalog
            .resolve_practice("bp-03")
            .map(|p| p.id())
            .ok()
            .as_deref(),
        Some("BP-03")
    );
    let error = catalog.resolve_practice("31").unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown practice \"31\"; valid practices are BP-01 to BP-30"
    );
}
