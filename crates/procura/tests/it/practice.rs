//! `procura practice N` in every format.

use crate::{json, procura, stdout};

#[test]
fn shows_one_practice_by_number_or_id() {
    let by_number = stdout(&["practice", "17", "--lang", "en"]);
    let by_id = stdout(&["practice", "BP-17", "--lang", "en"]);
    assert_eq!(by_number, by_id);
    assert!(by_number.starts_with("BP-17 — "));
    assert!(by_number.contains("Cloud services"));
    assert!(by_number.contains("Objective"));
    for line in by_number.lines() {
        assert!(line.chars().count() <= 100, "line too wide: {line:?}");
    }
}

#[test]
fn the_seed_spelling_gp11_is_practice_eleven() {
    assert!(stdout(&["practice", "GP11"]).starts_with("BP-11 — "));
}

#[test]
fn json_has_both_languages_and_the_mappings() {
    let value = json(&["practice", "bp-29", "--format", "json"]);
    assert_eq!(value["number"], 29);
    assert_eq!(value["id"], "BP-29");
    assert!(value["title"]["fr"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(value["title"]["en"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(value["phases"], serde_json::json!(["management"]));
    assert_eq!(
        value["procurement_types"],
        serde_json::json!([
            "medical-devices",
            "identification-systems",
            "building-management-systems"
        ])
    );
}

#[test]
fn markdown_is_a_titled_section_with_its_source() {
    let text = stdout(&["practice", "1", "--format", "markdown", "--lang", "en"]);
    assert!(text.starts_with("## BP-01 — "));
    assert!(text.contains("- **Procurement types**: all"));
    assert!(text.contains("_Source: ENISA"));
}

#[test]
fn an_unknown_practice_exits_with_status_two() {
    let output = procura(&["practice", "31", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("BP-01 to BP-30"), "{stderr}");
}
