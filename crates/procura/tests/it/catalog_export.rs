//! `procura catalog export --format json`: the documented schema.

use crate::json;

#[test]
fn export_has_the_documented_top_level_keys_and_counts() {
    let value = json(&["catalog", "export", "--format", "json"]);
    let object = value.as_object().expect("object");
    for key in [
        "edition",
        "phases",
        "procurement_types",
        "threats",
        "practices",
    ] {
        assert!(object.contains_key(key), "missing {key}");
    }
    assert_eq!(value["phases"].as_array().expect("phases").len(), 3);
    assert_eq!(
        value["procurement_types"].as_array().expect("types").len(),
        10
    );
    assert_eq!(value["threats"].as_array().expect("threats").len(), 5);
    assert_eq!(value["practices"].as_array().expect("practices").len(), 30);
    assert_eq!(value["edition"]["publisher"], "ENISA");
    assert_eq!(value["edition"]["published"], "2020-02");
}

#[test]
fn every_entry_has_ids_and_names_in_both_languages() {
    let value = json(&["catalog", "export"]);
    for key in ["phases", "procurement_types", "threats"] {
        for entry in value[key].as_array().expect("list") {
            assert!(entry["id"].is_string(), "{key}: {entry}");
            assert!(
                entry["name"]["fr"].is_string() && entry["name"]["en"].is_string(),
                "{key}: {entry}"
            );
        }
    }
    for practice in value["practices"].as_array().expect("practices") {
        assert!(practice["number"].is_u64());
        assert!(
            practice["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("BP-"))
        );
        assert!(practice["title"]["fr"].is_string() && practice["title"]["en"].is_string());
        for list in ["phases", "procurement_types", "threats"] {
            assert!(!practice[list].as_array().expect("list").is_empty());
        }
    }
}
