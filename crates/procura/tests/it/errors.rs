//! Bad input: a clear, translated message and exit status 2, nothing on stdout.

use crate::procura;

fn failure(args: &[&str]) -> String {
    let output = procura(args);
    assert_eq!(output.status.code(), Some(2), "procura {args:?}");
    assert!(output.stdout.is_empty(), "no output on failure");
    String::from_utf8(output.stderr).expect("UTF-8")
}

#[test]
fn unknown_type_lists_every_valid_id() {
    let message = failure(&["practices", "--type", "toaster", "--lang", "en"]);
    assert!(
        message.contains("unknown procurement type \"toaster\""),
        "{message}"
    );
    for id in [
        "clinical-information-systems",
        "cloud-services",
        "professional-services",
    ] {
        assert!(message.contains(id), "{id} not listed: {message}");
    }
}

#[test]
fn unknown_values_are_reported_in_french_too() {
    let message = failure(&["practices", "--phase", "execution", "--lang", "fr"]);
    assert!(
        message.contains("valeur inconnue « execution »"),
        "{message}"
    );
    assert!(message.contains("supplier-selection"), "{message}");
    let message = failure(&["practices", "--threat", "zombies"]);
    assert!(message.contains("groupe de menaces"), "{message}");
}

#[test]
fn ambiguous_prefix_lists_the_candidates_only() {
    let message = failure(&["practices", "--type", "systemes", "--lang", "en"]);
    assert!(message.contains("ambiguous procurement type"), "{message}");
    assert!(message.contains("industrial-control-systems"), "{message}");
    assert!(!message.contains("medical-devices"), "{message}");
}

#[test]
fn invalid_format_or_language_is_a_usage_error() {
    let _ = failure(&["practices", "--format", "pdf"]);
    let _ = failure(&["practices", "--lang", "de"]);
}
