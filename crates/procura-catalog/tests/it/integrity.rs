//! Referential integrity of the embedded catalogue.

use std::collections::BTreeSet;

use procura_domain::{Lang, Phase, ProcurementType, ThreatGroup};

use crate::catalog;

#[test]
fn taxonomies_are_complete_and_in_order() {
    let catalog = catalog();
    let phases: Vec<Phase> = catalog.phases.iter().map(|entry| entry.phase).collect();
    assert_eq!(phases, Phase::ALL);
    let types: Vec<ProcurementType> = catalog
        .procurement_types
        .iter()
        .map(|entry| entry.procurement_type)
        .collect();
    assert_eq!(types, ProcurementType::ALL);
    let threats: Vec<ThreatGroup> = catalog.threats.iter().map(|entry| entry.group).collect();
    assert_eq!(threats, ThreatGroup::ALL);
}

#[test]
fn practices_are_numbered_one_to_thirty_with_matching_ids() {
    let catalog = catalog();
    let ids: Vec<String> = catalog
        .practices
        .iter()
        .map(|practice| practice.id())
        .collect();
    let expected: Vec<String> = (1..=30).map(|n| format!("BP-{n:02}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn every_practice_maps_to_at_least_one_of_each_facet() {
    for practice in &catalog().practices {
        assert!(
            !practice.phases.is_empty(),
            "{} has no phase",
            practice.id()
        );
        assert!(
            !practice.procurement_types.is_empty(),
            "{} has no type",
            practice.id()
        );
        assert!(
            !practice.threats.is_empty(),
            "{} has no threat",
            practice.id()
        );
    }
}

#[test]
fn every_text_exists_in_french_and_english() {
    let catalog = catalog();
    let mut texts = vec![
        ("edition title", &catalog.edition.title),
        ("edition variant", &catalog.edition.variant),
    ];
    for entry in &catalog.phases {
        texts.push(("phase name", &entry.name));
        texts.push(("phase description", &entry.description));
    }
    for entry in &catalog.procurement_types {
        texts.push(("type name", &entry.name));
        texts.push(("type description", &entry.description));
    }
    for entry in &catalog.threats {
        texts.push(("threat name", &entry.name));
        texts.push(("threat description", &entry.description));
        for example in &entry.examples {
            texts.push(("threat example", &example.name));
        }
    }
    for practice in &catalog.practices {
        texts.push(("practice title", &practice.title));
        texts.push(("practice statement", &practice.statement));
        texts.push(("practice objective", &practice.objective));
    }
    for (what, text) in texts {
        for lang in Lang::ALL {
            assert!(
                !text.get(lang).trim().is_empty(),
                "{what} lacks {lang}: {text:?}"
            );
        }
        assert_ne!(text.fr, text.en, "{what} is not translated: {text:?}");
    }
}

#[test]
fn threat_examples_have_unique_ids_and_every_group_has_some() {
    let mut seen = BTreeSet::new();
    for entry in &catalog().threats {
        assert!(!entry.examples.is_empty(), "{} has no example", entry.group);
        for example in &entry.examples {
            assert!(
                seen.insert(example.id.clone()),
                "example id {} repeated",
                example.id
            );
        }
    }
}

#[test]
fn edition_names_its_source() {
    let edition = &catalog().edition;
    assert_eq!(edition.id, "enisa-2020");
    assert_eq!(edition.publisher, "ENISA");
    assert_eq!(edition.published, "2020-02");
    assert_eq!(
        edition.title.en,
        "Procurement Guidelines for Cybersecurity in Hospitals"
    );
    assert!(edition.url.starts_with("https://www.enisa.europa.eu/"));
}

#[test]
fn titles_are_short_enough_for_a_table() {
    for practice in &catalog().practices {
        for lang in Lang::ALL {
            let title = practice.title.get(lang);
            assert!(
                title.chars().count() <= 90,
                "{} title too long: {title}",
                practice.id()
            );
        }
    }
}
