//! The tender requirement library: its ids, coverage of the practices,
//! translations and references, and the checks that guard them.

use std::collections::BTreeSet;

use procura_catalog::{CatalogError, LIBRARY, LibrarySources, load_library, requirement_library};
use procura_domain::{PracticeNumber, ProcurementType, ReferenceQuery, RequirementKind, Topic};

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
            ("title", &requirement.title),
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
            let mapped = requirement.practices.iter().any(|number| {
                catalog
                    .practice(*number)
                    .is_some_and(|practice| practice.applies_to(*kind))
            });
            assert!(
                mapped ^ requirement.extends_to(*kind),
                "{} offers {}: mapped by a practice = {mapped}, declared beyond the guidelines = {}",
                requirement.code,
                kind.id(),
                requirement.extends_to(*kind)
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
            requirement.practices.iter().any(|n| allowed.contains(n))
                || requirement.extends_to(ProcurementType::ProfessionalServices),
            "{} proposed for professional services without a practice or a declared extension",
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
             kind = \"award\"\nweight = 9\ntopics = [\"patching\"]\nrefs = [\"nis2:21.2.e\"]\ntitle.fr = \"t\"\ntitle.en = \"u\"\ntext.fr = \"a\"\ntext.en = \"b\"\nevidence.fr = \"c\"\nevidence.en = \"d\"\n",
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

#[test]
fn every_requirement_is_one_legal_object_with_a_precise_reference() {
    let library = library();
    for requirement in &library.requirements {
        let code = &requirement.code;
        assert!(RequirementKind::ALL.contains(&requirement.kind), "{code}");
        assert!(!requirement.topics.is_empty(), "{code} names no topic");
        // At least one point of a text, beyond the procurement code's own
        // articles that the kind brings.
        assert!(
            requirement
                .refs
                .iter()
                .any(|id| id.scheme() != "dce" && library.references.point(id).is_some()),
            "{code} has no reference with article or clause precision"
        );
        // Each kind speaks of its own party.
        let fr = requirement.text.fr.to_lowercase();
        match requirement.kind {
            RequirementKind::Selection => assert!(fr.contains("candidat"), "{code}: {fr}"),
            RequirementKind::Clause => assert!(fr.contains("titulaire"), "{code}: {fr}"),
            RequirementKind::Minimum | RequirementKind::Award => {
                assert!(!fr.starts_with("le candidat"), "{code}: {fr}");
            }
        }
        assert!(
            !fr.contains("sans pénalité"),
            "{code}: a resignation is « sans indemnité pour le titulaire »"
        );
        if let Some(extension) = &requirement.beyond_enisa {
            assert!(!extension.types.is_empty(), "{code}");
            assert!(!extension.reason.fr.is_empty() && !extension.reason.en.is_empty());
        }
        if requirement.penalty.is_some() {
            assert_eq!(requirement.kind, RequirementKind::Clause, "{code}");
        }
    }
}

/// Award criteria assess the offer, never the firm's past performance
/// (CJEU C-532/06 *Lianakis*): a text about the last months, a track
/// record, references or experience belongs to selection. The forbidden
/// patterns, in both languages, are listed here.
const PAST_PERFORMANCE: [&str; 16] = [
    "derniers mois",
    "dernières années",
    "douze derniers",
    "historique",
    "années d'expérience",
    "références client",
    "constaté",
    "déjà réalisé",
    "last twelve months",
    "last 12 months",
    "past year",
    "track record",
    "years of experience",
    "customer references",
    "actually achieved",
    "history",
];

#[test]
fn no_award_criterion_assesses_the_candidates_past() {
    for requirement in &library().requirements {
        if requirement.kind != RequirementKind::Award {
            continue;
        }
        for text in [&requirement.text.fr, &requirement.text.en] {
            let lower = text.to_lowercase();
            for pattern in PAST_PERFORMANCE {
                assert!(
                    !lower.contains(pattern),
                    "{} is an award criterion about the candidate's past ({pattern:?}): {text}",
                    requirement.code
                );
            }
        }
    }
}

#[test]
fn the_past_performance_check_catches_what_it_forbids() {
    let unlawful = "Sont appréciés les délais constatés sur les douze derniers mois.";
    assert!(
        PAST_PERFORMANCE
            .iter()
            .any(|pattern| unlawful.to_lowercase().contains(pattern))
    );
}

/// Every procurement type gets requirements on the six subjects a
/// hospital's experts ask of every purchase; the table is printed whole
/// when a cell is empty.
#[test]
fn every_type_is_covered_on_the_subjects_every_purchase_needs() {
    let catalog = catalog();
    let library = library();
    let mut table = String::new();
    let mut gaps = Vec::new();
    for kind in ProcurementType::ALL {
        let proposed = library.proposed(catalog, &[*kind]);
        table.push_str(&format!("{:<30}", kind.id()));
        for topic in Topic::REQUIRED {
            let count = proposed
                .iter()
                .filter(|requirement| requirement.topics.contains(&topic))
                .count();
            table.push_str(&format!(" {:>3}", count));
            if count == 0 {
                gaps.push(format!("{} × {}", kind.id(), topic.id()));
            }
        }
        table.push('\n');
    }
    assert!(
        gaps.is_empty(),
        "uncovered: {gaps:?}\n{:<30} {}\n{table}",
        "type",
        Topic::REQUIRED.map(Topic::id).join(" ")
    );
}

/// The CRA leaves medical devices to the MDR and IVDR (CRA art. 2(2)):
/// a requirement offered for medical devices that cites the CRA also
/// gives the device regulations' basis.
#[test]
fn medical_device_requirements_rest_on_the_mdr_not_only_the_cra() {
    let library = library();
    let cra = library
        .references
        .scheme("cra")
        .expect("the CRA is in the registry");
    assert!(
        cra.excludes_types
            .contains(&ProcurementType::MedicalDevices)
    );
    for requirement in &library.requirements {
        let cites = |scheme: &str| requirement.refs.iter().any(|id| id.scheme() == scheme);
        if requirement.types.contains(&ProcurementType::MedicalDevices) && cites("cra") {
            assert!(
                cites("mdr") || cites("mdcg-2019-16") || cites("ivdr") || cites("iec-81001-5-1"),
                "{} cites the CRA for medical devices without the MDR basis",
                requirement.code
            );
        }
    }
}

#[test]
fn the_cross_walk_answers_which_requirements_cover_a_point() {
    let library = library();
    let query = ReferenceQuery::parse("nis2:21.2.d").expect("query");
    let covering = library.covering(&query);
    assert!(!covering.is_empty(), "nothing covers NIS2 art. 21(2)(d)");
    for requirement in &covering {
        assert!(
            requirement
                .refs
                .iter()
                .any(|id| id.to_string() == "nis2:21.2.d")
        );
    }
    let annex = library.crosswalk(&ReferenceQuery::parse("cra:I.1").expect("query"), None);
    assert!(
        annex.len() >= 13,
        "CRA Annex I Part I has 14 points: {}",
        annex.len()
    );
    let selection: Vec<_> = covering.iter().map(|r| r.code.clone()).collect();
    let within = library.crosswalk(&query, Some(&selection));
    assert_eq!(within.len(), 1);
    assert_eq!(within[0].requirements.len(), covering.len());
    // The kind's own articles count: every selection condition rests on R.2142-1.
    let selection_basis = library.covering(&ReferenceQuery::parse("ccp:R.2142-1").expect("query"));
    assert!(selection_basis.iter().all(|requirement| {
        requirement.kind == RequirementKind::Selection
            || requirement
                .refs
                .iter()
                .any(|id| id.to_string() == "ccp:R.2142-1")
    }));
}

#[test]
fn the_contract_terms_and_the_grading_scale_load() {
    let library = library();
    assert!(!library.contract.penalties.article.is_empty());
    assert!((1..=100).contains(&library.contract.penalties.default_cap_percent));
    assert!(!library.contract.derogations.is_empty());
    assert_eq!(library.grading.max(), 4);
    assert_eq!(library.grading.steps.len(), 5);
    assert!(!library.grading.method.fr.is_empty() && !library.grading.method.en.is_empty());
}
