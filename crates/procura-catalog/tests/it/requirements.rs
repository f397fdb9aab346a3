//! The tender requirement library: its ids, coverage of the practices,
//! translations and references, and the checks that guard them.

use std::collections::BTreeSet;

use procura_catalog::{CatalogError, LIBRARY, LibrarySources, load_library, requirement_library};
use procura_domain::{PracticeNumber, ProcurementType, RequirementKind};

use crate::catalog;

fn library() -> &'static procura_catalog::RequirementLibrary {
    match requirement_library() {
        Ok(library) => library,
        Err(error) => panic!("the requirement library does not load:\n{error}"),
    }
}

#[test]
fn ids_are_unique_and_well_formed() {
    let mut seen = BTreeSet::new();
    for requirement in &library().requirements {
        let code = requirement.code.as_str();
        assert!(seen.insert(code), "{code} is used twice");
        assert_ne!(
            requirement.code.theme(),
            "ORG",
            "{code}: the ORG theme is reserved for organisations' own requirements"
        );
    }
    assert!(seen.len() >= 50, "only {} requirements", seen.len());
}

#[test]
fn every_practice_with_a_bidder_facing_side_has_a_requirement() {
    let library = library();
    for practice in &catalog().practices {
        let internal = library.internal_practices.contains(&practice.number);
        let covered = library
            .requirements
            .iter()
            .any(|requirement| requirement.practices.contains(&practice.number));
        assert!(
            internal ^ covered,
            "{}: internal = {internal}, covered = {covered}",
            practice.id()
        );
    }
    // The practices the hospital carries out itself.
    let internal: Vec<u8> = library.internal_practices.iter().map(|n| n.get()).collect();
    for number in [11, 13, 27] {
        assert!(
            internal.contains(&number),
            "BP-{number:02} should be internal"
        );
    }
}

#[test]
fn every_text_exists_in_both_languages() {
    let library = library();
    for requirement in &library.requirements {
        for (field, text) in [
            ("text", &requirement.text),
            ("evidence", &requirement.evidence),
        ] {
            assert!(
                !text.fr.trim().is_empty() && !text.en.trim().is_empty(),
                "{} {field}",
                requirement.code
            );
            assert_ne!(
                text.fr, text.en,
                "{} {field} is not translated",
                requirement.code
            );
        }
    }
    for term in &library.glossary {
        assert!(!term.term.fr.is_empty() && !term.term.en.is_empty());
        assert!(!term.definition.fr.is_empty() && !term.definition.en.is_empty());
    }
    for standard in &library.standards {
        assert!(!standard.title.fr.is_empty() && !standard.title.en.is_empty());
    }
}

#[test]
fn every_reference_is_valid_and_every_type_is_mapped_to_a_practice() {
    let catalog = catalog();
    let library = library();
    for requirement in &library.requirements {
        assert!(!requirement.practices.is_empty(), "{}", requirement.code);
        assert!(!requirement.types.is_empty(), "{}", requirement.code);
        for number in &requirement.practices {
            assert!(catalog.practice(*number).is_some(), "{}", requirement.code);
        }
        for kind in &requirement.types {
            assert!(
                requirement.practices.iter().any(|number| catalog
                    .practice(*number)
                    .is_some_and(|practice| practice.applies_to(*kind))),
                "{} offers {} without a practice for it",
                requirement.code,
                kind.id()
            );
        }
        for standard in &requirement.standards {
            assert!(
                library.standard(standard).is_some(),
                "{} cites {standard}",
                requirement.code
            );
        }
        match requirement.kind {
            RequirementKind::Award => assert!((1..=5).contains(&requirement.importance)),
            _ => assert_eq!(requirement.importance, 0),
        }
    }
}

#[test]
fn the_library_covers_the_topics_buyers_need() {
    let library = library();
    let text_of = |code: &str| {
        library
            .requirement(code)
            .map(|r| format!("{} {}", r.text.en, r.evidence.en))
    };
    let all: String = library
        .requirements
        .iter()
        .map(|r| format!("{} {} ", r.text.en, r.evidence.en))
        .collect();
    for needle in [
        "CycloneDX",
        "SPDX",
        "CSAF",
        "MDS2",
        "HDS",
        "SecNumCloud",
        "27001",
        "62443",
        "81001-5-1",
        "or equivalent",
        "penetration test",
        "sub-processor",
        "revers",
        "gateway",
    ] {
        assert!(all.contains(needle), "no requirement mentions {needle:?}");
    }
    assert!(text_of("REQ-NOPE-01").is_none());
    // Each kind is represented.
    for kind in RequirementKind::ALL {
        assert!(
            library.requirements.iter().any(|r| r.kind == kind),
            "{kind:?}"
        );
    }
}

#[test]
fn proposals_follow_the_types_and_the_practices_that_apply_to_them() {
    let catalog = catalog();
    let library = library();
    let cloud = library.proposed(catalog, &[ProcurementType::CloudServices]);
    assert!(cloud.iter().any(|r| r.code.theme() == "CLD"));
    let devices = library.proposed(catalog, &[ProcurementType::MedicalDevices]);
    assert!(devices.iter().all(|r| r.code.theme() != "CLD"));
    assert!(
        devices
            .iter()
            .all(|r| r.types.contains(&ProcurementType::MedicalDevices))
    );
    // Professional services map only to practices 1, 11, 13, 19, 21 and 27.
    let services = library.proposed(catalog, &[ProcurementType::ProfessionalServices]);
    let allowed: Vec<PracticeNumber> = [19u8, 21]
        .into_iter()
        .filter_map(PracticeNumber::new)
        .collect();
    for requirement in services {
        assert!(
            requirement.practices.iter().any(|n| allowed.contains(n)),
            "{} proposed for professional services",
            requirement.code
        );
    }
    let everything = library.proposed(catalog, ProcurementType::ALL);
    assert_eq!(everything.len(), library.requirements.len());
}

fn problems(sources: LibrarySources) -> Vec<String> {
    match load_library(catalog(), &sources) {
        Err(CatalogError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected invalid data, got {other:?}"),
    }
}

fn replaced(text: &'static str, from: &str, to: &str) -> &'static str {
    assert!(text.contains(from), "fixture text {from:?} not found");
    Box::leak(text.replacen(from, to, 1).into_boxed_str())
}

fn with_first_file(text: &'static str) -> LibrarySources {
    let mut files = LIBRARY.requirements.to_vec();
    files[0].1 = text;
    LibrarySources {
        requirements: Box::leak(files.into_boxed_slice()),
        ..LIBRARY
    }
}

#[test]
fn a_duplicate_id_is_reported() {
    let first = LIBRARY.requirements[0].1;
    let ids: Vec<&str> = first
        .lines()
        .filter_map(|line| line.strip_prefix("id = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .collect();
    assert!(ids.len() >= 2, "the first file needs two requirements");
    let text = replaced(
        first,
        &format!("id = \"{}\"", ids[1]),
        &format!("id = \"{}\"", ids[0]),
    );
    let found = problems(with_first_file(text));
    assert!(
        found
            .iter()
            .any(|p| p.contains(ids[0]) && p.contains("used twice")),
        "{found:?}"
    );
}

#[test]
fn a_missing_translation_and_a_bad_standard_are_reported() {
    let first = LIBRARY.requirements[0].1;
    let text = replaced(first, "text.en = ", "# text.en = ");
    let text = replaced(text, "standards = [", "standards = [\"no-such-standard\", ");
    let found = problems(with_first_file(text));
    assert!(
        found.iter().any(|p| p.contains("text.en is missing")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains("no-such-standard")),
        "{found:?}"
    );
}

#[test]
fn a_type_without_a_practice_for_it_is_reported() {
    let sources = LibrarySources {
        requirements: &[(
            "requirements/test.toml",
            "[[requirement]]\nid = \"REQ-TST-99\"\npractices = [17]\ntypes = [\"medical-devices\"]\n\
             kind = \"award\"\nweight = 9\ntext.fr = \"a\"\ntext.en = \"b\"\nevidence.fr = \"c\"\nevidence.en = \"d\"\n",
        )],
        ..LIBRARY
    };
    let found = problems(sources);
    assert!(
        found
            .iter()
            .any(|p| p.contains("type medical-devices is not mapped")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains("weight from 1 to 5")),
        "{found:?}"
    );
    // With one file only, most practices lose their requirements.
    assert!(
        found.iter().any(|p| p.contains("has no requirement")),
        "{found:?}"
    );
}
