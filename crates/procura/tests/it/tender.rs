//! `procura tender annex|questionnaire`: a quick draft from types alone, and
//! the documents of a project's selection acting as a member.

use std::io::Read;

use crate::procura_with_env;

const PASSWORD: &str = "vert-cheval-pile-agrafe";

fn zip_text(path: &std::path::Path, entry: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(entry)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn succeeded(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_quick_draft_needs_no_project_and_no_database() {
    let dir = procura_service::testing::temp_dir("tender-draft");
    let docx = dir.join("annex.docx");
    let output = procura_with_env(
        &[
            "tender",
            "annex",
            "--type",
            "medical-devices",
            "--type",
            "network-equipment",
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
            "--buyer",
            "CHU de Nulle-Part",
        ],
        &[("PROCURA_DATA_DIR", dir.to_str().unwrap())],
    );
    succeeded(&output);
    let xml = zip_text(&docx, "word/document.xml");
    assert!(
        xml.contains("REQ-CRT-"),
        "certifications for medical devices"
    );
    assert!(xml.contains("CHU de Nulle-Part"));
    assert!(
        !xml.contains("REQ-CLD-"),
        "no cloud pack without cloud services"
    );
    assert!(
        !dir.join("procura.db").exists(),
        "a draft opens no database"
    );

    // The format follows the file's extension when not given.
    let pdf = dir.join("annex.pdf");
    succeeded(&procura_with_env(
        &[
            "tender",
            "annex",
            "--type",
            "cloud",
            "-o",
            pdf.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &[],
    ));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let markdown = procura_with_env(
        &["tender", "annex", "--type", "cloud", "--format", "md"],
        &[],
    );
    succeeded(&markdown);
    assert!(
        String::from_utf8(markdown.stdout)
            .unwrap()
            .contains("REQ-CLD-")
    );

    let xlsx = dir.join("questionnaire.xlsx");
    succeeded(&procura_with_env(
        &[
            "tender",
            "questionnaire",
            "--type",
            "cloud",
            "-o",
            xlsx.to_str().unwrap(),
        ],
        &[],
    ));
    assert!(zip_text(&xlsx, "xl/workbook.xml").contains("procura"));
}

#[test]
fn bad_input_exits_with_status_2_and_a_translated_message() {
    for (args, needle) in [
        (
            vec!["tender", "annex", "--type", "cloud", "--format", "odt"],
            "Unknown format",
        ),
        (vec!["tender", "annex", "--type", "toasters"], "toasters"),
        (
            vec![
                "tender",
                "annex",
                "--project",
                "AO-1",
                "--database",
                "/nonexistent/dir/x.db",
            ],
            "",
        ),
    ] {
        let mut full = args.clone();
        full.extend(["--lang", "en"]);
        let output = procura_with_env(&full, &[]);
        assert_ne!(output.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let output = procura_with_env(
        &[
            "tender", "annex", "--type", "cloud", "--format", "odt", "--lang", "en",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_project_selection_is_used_when_acting_as_a_member() {
    let dir = procura_service::testing::temp_dir("tender-project");
    let database = dir.join("procura.db").display().to_string();
    let env = [("PROCURA_DATABASE", database.as_str())];
    let run = |args: &[&str], stdin: Option<&str>| crate::procura_on(&database, args, stdin);
    succeeded(&run(
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
        &[
            "project",
            "new",
            "--as",
            "buyer@chu.example",
            "--reference",
            "AO-42",
            "--title",
            "Cloud",
            "--type",
            "cloud",
        ],
        None,
    ));
    let xlsx = dir.join("q.xlsx");
    succeeded(&run(
        &[
            "tender",
            "questionnaire",
            "--project",
            "AO-42",
            "--as",
            "buyer@chu.example",
            "-o",
            xlsx.to_str().unwrap(),
        ],
        None,
    ));
    let sheet = zip_text(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("Yes,Partial,No,Not applicable"));
    let without_actor = procura_with_env(
        &["tender", "annex", "--project", "AO-42", "--lang", "en"],
        &env,
    );
    assert_eq!(without_actor.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&without_actor.stderr).contains("--as"));
    let unknown = run(
        &[
            "tender",
            "annex",
            "--project",
            "AO-404",
            "--as",
            "buyer@chu.example",
        ],
        None,
    );
    assert_eq!(unknown.status.code(), Some(2));
}
