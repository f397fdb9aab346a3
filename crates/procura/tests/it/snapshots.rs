//! Snapshots of a representative query: medical devices bought in planning,
//! plus the whole catalogue export, so any change to output is reviewed.

use crate::stdout;

const QUERY: [&str; 5] = [
    "practices",
    "--type",
    "medical-devices",
    "--phase",
    "planning",
];

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    QUERY.iter().chain(extra).copied().collect()
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!("practices_table_en", stdout(&with(&["--lang", "en"])));
    insta::assert_snapshot!("practices_table_fr", stdout(&with(&["--lang", "fr"])));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(
        "practices_markdown_fr",
        stdout(&with(&["--format", "markdown", "--lang", "fr"]))
    );
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("practices_json", stdout(&with(&["--format", "json"])));
}
