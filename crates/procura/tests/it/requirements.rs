//! `procura requirements --ref`: the cross-walk from a text to the tender
//! requirements that cover it.

use crate::{json, procura, stdout};

#[test]
fn lists_the_requirements_that_cover_nis2_article_21_2_d() {
    let value = json(&[
        "requirements",
        "--ref",
        "nis2:21.2.d",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(value["query"], "nis2:21.2.d");
    assert_eq!(value["scheme"], "nis2");
    let requirements = value["requirements"].as_array().expect("requirements");
    assert!(!requirements.is_empty(), "{value}");
    for requirement in requirements {
        assert!(
            requirement["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("REQ-"))
        );
        assert!(
            ["selection", "minimum", "award", "clause"]
                .contains(&requirement["kind"].as_str().unwrap())
        );
        assert!(["rc", "cctp", "ccap"].contains(&requirement["part"].as_str().unwrap()));
        assert_eq!(requirement["refs"], serde_json::json!(["nis2:21.2.d"]));
    }
    let points = value["points"].as_array().expect("points");
    assert_eq!(points.len(), 1);
    assert_eq!(points[0]["ref"], "nis2:21.2.d");
    assert_eq!(points[0]["covered"], true);
    assert_eq!(
        points[0]["requirements"].as_array().unwrap().len(),
        requirements.len()
    );
}

#[test]
fn a_whole_annex_lists_every_point_covered_or_not() {
    let value = json(&["requirements", "--ref", "cra:I.1", "--format", "json"]);
    let points = value["points"].as_array().expect("points");
    assert!(points.len() >= 13, "{}", points.len());
    assert!(
        points
            .iter()
            .all(|point| point["ref"].as_str().unwrap().starts_with("cra:I.1."))
    );
    // The CRA says in its note that it leaves medical devices to the MDR.
    assert!(
        value["scheme_note"]
            .as_str()
            .is_some_and(|note| !note.is_empty())
    );
    let table = stdout(&["requirements", "--ref", "cra:I.1", "--lang", "fr"]);
    assert!(table.starts_with("cra:I.1 — "), "{table}");
    let csv = stdout(&[
        "requirements",
        "--ref",
        "nis2:21.2",
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    assert!(
        csv.starts_with("Reference,Article or point,Requirement,Title"),
        "{csv}"
    );
}

#[test]
fn a_bad_or_unknown_reference_is_a_translated_error() {
    for (args, fr) in [
        (
            ["requirements", "--ref", "NIS2 art 21", "--lang", "fr"],
            "Référence invalide",
        ),
        (
            ["requirements", "--ref", "nope:1", "--lang", "fr"],
            "Texte de référence inconnu",
        ),
    ] {
        let output = procura(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(fr), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}
