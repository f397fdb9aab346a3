//! `procura practices` in every format, with friendly ids and text search.

use crate::{bp, ids, json, procura_with_env, stdout};

#[test]
fn cloud_services_in_supplier_selection_lists_exactly_the_seed_practices() {
    let value = json(&[
        "practices",
        "--type",
        "cloud-services",
        "--phase",
        "supplier-selection",
        "--format",
        "json",
    ]);
    let found = ids(&value);
    assert_eq!(
        found,
        bp(&[
            1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 30
        ])
    );
    assert!(found.contains(&"BP-17".to_owned()) && found.contains(&"BP-18".to_owned()));
    assert!(!found.contains(&"BP-27".to_owned()));
    assert_eq!(value["count"], 21);
    assert_eq!(value["query"]["procurement_types"][0], "cloud-services");
    let bp17 = &value["practices"][11];
    assert_eq!(bp17["id"], "BP-17");
    assert_eq!(
        bp17["matched"]["phases"],
        serde_json::json!(["supplier-selection"])
    );
    assert_eq!(
        bp17["matched"]["procurement_types"],
        serde_json::json!(["cloud-services"])
    );
}

#[test]
fn friendly_ids_give_the_same_result_as_exact_ids() {
    let exact = ids(&json(&[
        "practices",
        "--type",
        "medical-devices",
        "--format",
        "json",
    ]));
    for friendly in [
        "dispositifs-medicaux",
        "medical",
        "Medical Devices",
        "dispositifs-médicaux",
    ] {
        assert_eq!(
            ids(&json(&[
                "practices",
                "--type",
                friendly,
                "--format",
                "json"
            ])),
            exact,
            "--type {friendly}"
        );
    }
    let cloud = ids(&json(&["practices", "--type", "cloud", "--format", "json"]));
    assert_eq!(
        cloud,
        ids(&json(&[
            "practices",
            "--type",
            "services-en-nuage",
            "--format",
            "json"
        ]))
    );
    let planning = ids(&json(&[
        "practices",
        "--phase",
        "planification",
        "--format",
        "json",
    ]));
    assert_eq!(
        planning,
        ids(&json(&[
            "practices",
            "--phase",
            "planning",
            "--format",
            "json"
        ]))
    );
}

#[test]
fn facets_are_or_within_and_and_across() {
    let one = ids(&json(&[
        "practices",
        "--threat",
        "natural-phenomena",
        "--format",
        "json",
    ]));
    let either = ids(&json(&[
        "practices",
        "--threat",
        "natural-phenomena",
        "--threat",
        "human-errors",
        "--format",
        "json",
    ]));
    assert!(either.len() > one.len());
    let both = ids(&json(&[
        "practices",
        "--threat",
        "natural-phenomena",
        "--type",
        "professional-services",
        "--format",
        "json",
    ]));
    assert_eq!(both, bp(&[1, 11, 13, 27]));
}

#[test]
fn search_ignores_accents_and_case() {
    let plain = ids(&json(&[
        "practices",
        "--search",
        "securite",
        "--format",
        "json",
    ]));
    let accented = ids(&json(&[
        "practices",
        "--search",
        "SÉCURITÉ",
        "--format",
        "json",
    ]));
    assert!(!plain.is_empty());
    assert_eq!(plain, accented);
    let english = ids(&json(&[
        "practices",
        "--search",
        "penetration test",
        "--format",
        "json",
    ]));
    assert!(english.contains(&"BP-30".to_owned()), "{english:?}");
    let french = ids(&json(&[
        "practices",
        "--search",
        "test d'intrusion",
        "--format",
        "json",
    ]));
    assert!(french.contains(&"BP-30".to_owned()), "{french:?}");
}

#[test]
fn table_fits_one_hundred_columns_and_explains_matches() {
    let table = stdout(&[
        "practices",
        "--type",
        "cloud",
        "--threat",
        "natural",
        "--lang",
        "en",
    ]);
    for line in table.lines() {
        assert!(line.chars().count() <= 100, "line too wide: {line:?}");
    }
    assert!(table.contains("Why it matched"));
    assert!(table.contains("Cloud services,") && table.contains("Natural phenomena"));
    assert!(table.contains("practices match."));
}

#[test]
fn table_without_filters_lists_all_thirty_without_a_why_column() {
    let table = stdout(&["practices", "--lang", "fr"]);
    assert!(table.contains("30 bonnes pratiques correspondent."));
    assert!(!table.contains("Critères satisfaits"));
    assert!(table.contains("BP-30"));
    assert!(table.contains("G = Gestion"));
}

#[test]
fn csv_has_a_header_and_one_row_per_practice() {
    let text = stdout(&[
        "practices",
        "--phase",
        "management",
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..3], ["id", "number", "title"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("row")).collect();
    let management = ids(&json(&[
        "practices",
        "--phase",
        "management",
        "--format",
        "json",
    ]));
    assert_eq!(rows.len(), management.len());
    assert_eq!(&rows[0][0], "BP-01");
    assert_eq!(&rows[0][8], "management");
    assert!(
        rows.iter()
            .all(|row| !row[2].is_empty() && !row[3].is_empty())
    );
}

#[test]
fn markdown_names_the_source_and_each_practice() {
    let text = stdout(&[
        "practices",
        "--type",
        "medical",
        "--format",
        "markdown",
        "--lang",
        "fr",
    ]);
    assert!(text.starts_with("# Bonnes pratiques — "));
    assert!(text.contains("_Source : ENISA"));
    assert!(text.contains("## BP-29 — "));
    assert!(text.contains("- **Critères satisfaits** : Dispositifs médicaux"));
}

#[test]
fn language_comes_from_flag_then_procura_lang_then_lang() {
    let run = |args: &[&str], env: &[(&str, &str)]| -> String {
        let output = procura_with_env(args, env);
        assert!(output.status.success());
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let args = ["practices", "--phase", "management"];
    let english_marker = "practices match.";
    let french_marker = "bonnes pratiques correspondent.";
    assert!(run(&args, &[]).contains(french_marker), "French by default");
    assert!(run(&args, &[("LANG", "en_GB.UTF-8")]).contains(english_marker));
    assert!(run(&args, &[("LANG", "C.UTF-8")]).contains(french_marker));
    assert!(
        run(&args, &[("PROCURA_LANG", "en"), ("LANG", "fr_FR.UTF-8")]).contains(english_marker)
    );
    let flagged = ["practices", "--phase", "management", "--lang", "fr"];
    assert!(run(&flagged, &[("PROCURA_LANG", "en")]).contains(french_marker));
}
