use super::*;

fn catalog() -> &'static Catalog {
    procura_catalog::builtin().expect("catalogue")
}

#[test]
fn the_proposal_includes_what_the_types_call_for_with_weights_totalling_100() {
    let types = [ProcurementType::CloudServices];
    let lines = resolve_lines(catalog(), library().expect("library"), &types, None, &[]);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|line| line.included));
    let award: u32 = lines
        .iter()
        .filter(|line| line.kind == RequirementKind::Award)
        .map(|line| line.weight)
        .sum();
    assert_eq!(award, 100);
    assert!(lines.iter().any(|line| line.code.theme() == "CLD"));
}

#[test]
fn changes_are_parsed_and_unknown_codes_refused() {
    let types = [ProcurementType::MedicalDevices];
    let lines = resolve_lines(catalog(), library().expect("library"), &types, None, &[]);
    let first = lines[0].code.to_string();
    let changed = apply(
        &lines,
        &[LineChange {
            code: first.clone(),
            included: false,
            kind: "clause".into(),
            weight: "".into(),
            penalty: String::new(),
        }],
    )
    .expect("valid change");
    assert!(!changed[0].included);
    assert_eq!(changed[0].kind, RequirementKind::Clause);
    for (code, kind, weight, expected) in [
        ("REQ-NOPE-01", "clause", "", Invalid::UnknownRequirement),
        (first.as_str(), "scored", "", Invalid::RequirementKind),
        (first.as_str(), "award", "101", Invalid::Weight),
        (first.as_str(), "award", "ten", Invalid::Weight),
    ] {
        let change = LineChange {
            code: code.into(),
            included: true,
            kind: kind.into(),
            weight: weight.into(),
            penalty: String::new(),
        };
        match apply(&lines, &[change]) {
            Err(ServiceError::Invalid(found)) => {
                assert_eq!(found, expected, "{code} {kind} {weight}")
            }
            other => panic!("expected {expected:?}, got {other:?}"),
        }
    }
}

#[test]
fn custom_texts_fall_back_to_the_other_language() {
    assert_eq!(
        both(" Exigence ", ""),
        Localized {
            fr: "Exigence".into(),
            en: "Exigence".into()
        }
    );
}
