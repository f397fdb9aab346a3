//! `procura phases`, `types` and `threats`.

use crate::{json, stdout};

#[test]
fn phases_table_and_json() {
    let table = stdout(&["phases", "--lang", "en"]);
    for id in ["planning", "supplier-selection", "management"] {
        assert!(table.contains(id), "{id} missing");
    }
    assert!(table.contains("Supplier selection"));
    let value = json(&["phases", "--format", "json"]);
    let ids: Vec<&str> = value
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["planning", "supplier-selection", "management"]);
    assert_eq!(value[2]["name"]["fr"], "Gestion");
}

#[test]
fn types_table_and_json() {
    let table = stdout(&["types", "--lang", "fr"]);
    assert!(table.contains("building-management-systems"));
    assert!(table.contains("Services en nuage"));
    let value = json(&["types", "--format", "json"]);
    assert_eq!(value.as_array().expect("array").len(), 10);
    assert_eq!(value[1]["id"], "medical-devices");
    assert!(
        value[1]["description"]["en"]
            .as_str()
            .is_some_and(|d| d.len() > 40)
    );
}

#[test]
fn threats_table_and_json() {
    let table = stdout(&["threats", "--lang", "en"]);
    assert!(table.contains("malicious-actions"));
    assert!(table.contains("Ransomware") || table.contains("ransomware"));
    let value = json(&["threats", "--format", "json"]);
    let groups = value.as_array().expect("array");
    assert_eq!(groups.len(), 5);
    assert!(
        groups
            .iter()
            .all(|g| !g["examples"].as_array().expect("examples").is_empty())
    );
}
