//! `procura bid import|score`: suppliers' filled questionnaires imported
//! from files and the bids ranked, on each backend under test.

use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use procura_domain::Lang;
use procura_i18n::text;
use procura_service::DatabaseUrl;

const PASSWORD: &str = "vert-cheval-pile-agrafe";

fn database_text(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    }
}

fn run(database: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    crate::procura_on(database, args, stdin)
}

fn succeeded(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The questionnaire's requirement rows: code, kind id, weight.
fn rows(path: &Path) -> Vec<(String, &'static str, u32)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range("Questionnaire").unwrap();
    let kinds = ["selection", "minimum", "award", "clause"]
        .map(|id| (text(Lang::En, &format!("tender-kind-{id}")), id));
    range
        .rows()
        .skip(5)
        .filter(|row| !row[0].to_string().is_empty())
        .map(|row| {
            let kind = kinds
                .iter()
                .find(|(name, _)| *name == row[2].to_string())
                .map(|(_, id)| *id)
                .unwrap();
            let weight = row[3].to_string().parse::<f64>().unwrap_or(0.0) as u32;
            (row[0].to_string(), kind, weight)
        })
        .collect()
}

#[test]
fn questionnaires_are_imported_and_bids_ranked() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for url in runtime.block_on(procura_service::testing::fresh_urls()) {
        let database = database_text(&url);
        let dir = procura_service::testing::temp_dir("bid-cli");
        let db = database.as_str();
        succeeded(&run(
            db,
            &[
                "user",
                "add",
                "--email",
                "buyer@chu.example",
                "--org",
                "CHU",
                "--role",
                "buyer",
                "--password-stdin",
            ],
            Some(PASSWORD),
        ));
        succeeded(&run(
            db,
            &[
                "project",
                "new",
                "--as",
                "buyer@chu.example",
                "--reference",
                "AO-7",
                "--title",
                "Cloud",
                "--type",
                "cloud",
            ],
            None,
        ));
        let blank = dir.join("q.xlsx");
        succeeded(&run(
            db,
            &[
                "tender",
                "questionnaire",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "-o",
                blank.to_str().unwrap(),
            ],
            None,
        ));
        let requirements = rows(&blank);
        let eligibility = requirements
            .iter()
            .find(|(_, kind, _)| *kind == "minimum")
            .map(|(code, _, _)| code.clone())
            .expect("a minimum requirement");
        let award: Vec<&(String, &str, u32)> = requirements
            .iter()
            .filter(|(_, kind, _)| *kind == "award")
            .collect();
        assert_eq!(award.iter().map(|(_, _, w)| w).sum::<u32>(), 100);
        let bytes = std::fs::read(&blank).unwrap();

        // Alpha answers Yes everywhere: eligible, 100.0.
        let alpha: Vec<(&str, &str, &str)> = requirements
            .iter()
            .map(|(code, _, _)| (code.as_str(), "Yes", ""))
            .collect();
        // Beta answers No to one eligibility requirement: out, whatever its score.
        let beta: Vec<(&str, &str, &str)> = requirements
            .iter()
            .map(|(code, _, _)| {
                if *code == eligibility {
                    (code.as_str(), "No", "")
                } else {
                    (code.as_str(), "Yes", "")
                }
            })
            .collect();
        // Gamma answers Partial (with a comment) to the first award
        // requirement, which the evaluators grade 2 of 4: 100 − weight × 50 %.
        let first_award = award[0].0.as_str();
        let gamma: Vec<(&str, &str, &str)> = requirements
            .iter()
            .map(|(code, _, _)| {
                if code == first_award {
                    (code.as_str(), "Partial", "Only for the hosted part")
                } else {
                    (code.as_str(), "Yes", "")
                }
            })
            .collect();
        for (name, answers) in [("Alpha", &alpha), ("Beta", &beta), ("Gamma", &gamma)] {
            let file = dir.join(format!("{name}.xlsx"));
            std::fs::write(
                &file,
                procura_docs::testing::fill_questionnaire(&bytes, answers),
            )
            .unwrap();
            let out = succeeded(&run(
                db,
                &[
                    "bid",
                    "import",
                    "--project",
                    "AO-7",
                    "--as",
                    "buyer@chu.example",
                    "--supplier",
                    name,
                    file.to_str().unwrap(),
                ],
                None,
            ));
            assert!(out.contains(name), "{out}");
        }

        // A file with an unknown word and a partial answer without comment:
        // both problems listed, exit 2, nothing stored.
        let mut broken = alpha.clone();
        broken[0].1 = "Perhaps";
        broken[1].1 = "Partial";
        let file = dir.join("broken.xlsx");
        std::fs::write(
            &file,
            procura_docs::testing::fill_questionnaire(&bytes, &broken),
        )
        .unwrap();
        let refused = run(
            db,
            &[
                "bid",
                "import",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "--supplier",
                "Delta",
                file.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(refused.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains("\"Perhaps\""), "{stderr}");
        assert!(stderr.contains("needs a comment"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");

        let score_json = || -> serde_json::Value {
            serde_json::from_str(&succeeded(&run(
                db,
                &[
                    "bid",
                    "score",
                    "--project",
                    "AO-7",
                    "--as",
                    "buyer@chu.example",
                    "--format",
                    "json",
                ],
                None,
            )))
            .unwrap()
        };
        // The answers alone grade nothing: every award criterion waits for
        // an evaluator and the score is 0.
        let ungraded = score_json();
        let alpha_before = ungraded["bids"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["supplier"] == "Alpha")
            .unwrap()
            .clone();
        assert_eq!(alpha_before["score"], 0.0);
        assert_eq!(
            alpha_before["to_grade"].as_array().unwrap().len(),
            award.len()
        );
        // A grade without a justification is refused.
        let refused = run(
            db,
            &[
                "bid",
                "grade",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "--supplier",
                "Alpha",
                "--requirement",
                award[0].0.as_str(),
                "--grade",
                "4",
                "--justification",
                " ",
            ],
            None,
        );
        assert_eq!(refused.status.code(), Some(2));
        // The evaluators grade on the 0–4 scale: Alpha 4 everywhere, Gamma 2
        // on the first criterion it answered "Partial".
        for (name, first) in [("Alpha", "4"), ("Gamma", "2")] {
            for (index, (code, _, _)) in award.iter().enumerate() {
                let grade = if index == 0 { first } else { "4" };
                succeeded(&run(
                    db,
                    &[
                        "bid",
                        "grade",
                        "--project",
                        "AO-7",
                        "--as",
                        "buyer@chu.example",
                        "--supplier",
                        name,
                        "--requirement",
                        code.as_str(),
                        "--grade",
                        grade,
                        "--justification",
                        "Checked against the offer's technical file",
                    ],
                    None,
                ));
            }
        }
        let json = score_json();
        let bids = json["bids"].as_array().unwrap();
        let by = |name: &str| bids.iter().find(|b| b["supplier"] == name).unwrap().clone();
        let expected_gamma = 100.0 - f64::from(award[0].2) * 0.5;
        assert_eq!(by("Alpha")["score"], 100.0);
        assert_eq!(by("Alpha")["rank"], 1);
        assert_eq!(by("Gamma")["score"], expected_gamma);
        assert_eq!(
            by("Gamma")["rank"],
            if expected_gamma < 100.0 { 2 } else { 1 }
        );
        assert_eq!(by("Beta")["eligible"], false);
        assert_eq!(by("Beta")["rank"], serde_json::Value::Null);
        assert_eq!(by("Beta")["ineligible"][0], eligibility.as_str());
        // Delta's refused file registered nothing: bid and file go together.
        assert!(bids.iter().all(|b| b["supplier"] != "Delta"));

        let table = succeeded(&run(
            db,
            &[
                "bid",
                "score",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
            ],
            None,
        ));
        assert!(
            table.contains("Alpha") && table.contains("Not eligible"),
            "{table}"
        );
        // The evaluation report, read back.
        let report = dir.join("report.xlsx");
        succeeded(&run(
            db,
            &[
                "bid",
                "report",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "-o",
                report.to_str().unwrap(),
            ],
            None,
        ));
        let mut workbook: Xlsx<_> = open_workbook(&report).unwrap();
        let summary = workbook.worksheet_range_at(0).unwrap().unwrap();
        let cells: Vec<String> = summary.cells().map(|(_, _, c)| c.to_string()).collect();
        for name in ["Alpha", "Beta", "Gamma"] {
            assert!(cells.iter().any(|c| c.contains(name)), "{name}: {cells:?}");
        }
        let docx = dir.join("report.docx");
        succeeded(&run(
            db,
            &[
                "bid",
                "report",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "-o",
                docx.to_str().unwrap(),
            ],
            None,
        ));
        assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
        let odt = run(
            db,
            &[
                "bid",
                "report",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "--format",
                "odt",
            ],
            None,
        );
        assert_eq!(odt.status.code(), Some(2));

        let missing = run(
            db,
            &[
                "bid",
                "import",
                "--project",
                "AO-7",
                "--as",
                "buyer@chu.example",
                "--supplier",
                "Alpha",
                "/nonexistent/q.xlsx",
            ],
            None,
        );
        assert_eq!(missing.status.code(), Some(2));
    }
}
