//! The two migration trees describe one schema. They differ only where the
//! two databases differ: byte columns (`BLOB` / `BYTEA`) and the triggers
//! that keep the audit log and imported histories unchangeable, which each
//! database writes its own way, and the spelling of the current time. Any
//! other difference — a column added on one side only, a default,
//! an index — fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Statements each database writes in its own dialect, by migration file:
/// they are compared by name only.
const DIALECT_ONLY: &[(&str, &str, &str)] = &[
    ("0001_core.sql", "sqlite", "TRIGGER audit_log_no_update"),
    ("0001_core.sql", "sqlite", "TRIGGER audit_log_no_delete"),
    (
        "0001_core.sql",
        "postgres",
        "FUNCTION audit_log_refuse_change",
    ),
    ("0001_core.sql", "postgres", "TRIGGER audit_log_no_update"),
    ("0001_core.sql", "postgres", "TRIGGER audit_log_no_truncate"),
    (
        "0006_imported_history.sql",
        "sqlite",
        "TRIGGER project_imported_history_no_update",
    ),
    (
        "0006_imported_history.sql",
        "postgres",
        "FUNCTION project_imported_history_refuse_update",
    ),
    (
        "0006_imported_history.sql",
        "postgres",
        "TRIGGER project_imported_history_no_update",
    ),
];

fn tree(backend: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend)
}

fn files(backend: &str) -> BTreeSet<String> {
    std::fs::read_dir(tree(backend))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect()
}

/// The file's statements without comments, with white space folded and
/// the byte type written one way. Trigger and function bodies (between
/// `BEGIN … END;` or `$$ … $$;`) stay inside their statement.
fn statements(text: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut in_dollar_body = false;
    let mut in_begin_body = false;
    for line in text.lines() {
        let line = line.split("--").next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        if line.matches("$$").count() % 2 == 1 {
            in_dollar_body = !in_dollar_body;
        }
        let upper = line.to_uppercase();
        if upper == "BEGIN" || upper.ends_with(" BEGIN") {
            in_begin_body = true;
        }
        if in_begin_body && upper == "END;" {
            in_begin_body = false;
        }
        if line.ends_with(';') && !in_dollar_body && !in_begin_body {
            statements.push(normalise(&current));
            current.clear();
        }
    }
    assert!(
        current.trim().is_empty(),
        "unterminated statement: {current}"
    );
    statements
}

/// The same value written in each dialect, replaced by one spelling before
/// the trees are compared: the current time in milliseconds, and
/// PostgreSQL's casts of whole numbers.
const SAME_VALUE: &[(&str, &str)] = &[
    ("(EXTRACT(EPOCH FROM now()) * 1000)::BIGINT", "NOW_MILLIS"),
    (
        "CAST(strftime('%s', 'now') AS INTEGER) * 1000",
        "NOW_MILLIS",
    ),
    ("::BIGINT", ""),
];

fn normalise(statement: &str) -> String {
    let mut folded = statement
        .split_whitespace()
        .map(|word| match word {
            "BYTEA" | "BYTEA," => word.replace("BYTEA", "BLOB"),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    for (dialect, common) in SAME_VALUE {
        folded = folded.replace(dialect, common);
    }
    folded
}

/// `TRIGGER name` or `FUNCTION name` for a dialect-only statement.
fn dialect_name(statement: &str) -> Option<String> {
    let mut words = statement.split_whitespace();
    let (create, kind, name) = (words.next()?, words.next()?, words.next()?);
    let name = name.split('(').next().unwrap_or(name);
    (create == "CREATE" && (kind == "TRIGGER" || kind == "FUNCTION"))
        .then(|| format!("{kind} {name}"))
}

fn split(file: &str, backend: &str) -> (Vec<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(tree(backend).join(file)).unwrap();
    let mut shared = Vec::new();
    let mut dialect = BTreeSet::new();
    for statement in statements(&text) {
        match dialect_name(&statement) {
            Some(name) => {
                dialect.insert(name);
            }
            None => shared.push(statement),
        }
    }
    (shared, dialect)
}

#[test]
fn both_migration_trees_describe_one_schema() {
    assert_eq!(
        files("sqlite"),
        files("postgres"),
        "the same migration files on both sides"
    );
    for file in files("sqlite") {
        let (sqlite, sqlite_dialect) = split(&file, "sqlite");
        let (postgres, postgres_dialect) = split(&file, "postgres");
        for (index, (left, right)) in sqlite.iter().zip(&postgres).enumerate() {
            assert_eq!(left, right, "{file}: statement {} differs", index + 1);
        }
        assert_eq!(sqlite.len(), postgres.len(), "{file}: statement count");
        for (backend, found) in [("sqlite", sqlite_dialect), ("postgres", postgres_dialect)] {
            let listed: BTreeSet<String> = DIALECT_ONLY
                .iter()
                .filter(|(f, b, _)| *f == file && *b == backend)
                .map(|(_, _, name)| (*name).to_owned())
                .collect();
            assert_eq!(
                found, listed,
                "{file} ({backend}): dialect-only statements must be listed in DIALECT_ONLY"
            );
        }
    }
}

#[test]
fn the_comparison_sees_a_difference() {
    let sqlite = statements("CREATE TABLE t (\n  a TEXT NOT NULL,\n  b BLOB\n);\n");
    let postgres =
        statements("-- comment\nCREATE TABLE t (\n    a TEXT NOT NULL,\n    b BYTEA\n);\n");
    assert_eq!(sqlite, postgres);
    let drifted = statements("CREATE TABLE t (a TEXT, b BLOB);");
    assert_ne!(sqlite, drifted);
    let trigger = statements(
        "CREATE TRIGGER x BEFORE DELETE ON t\nBEGIN\n    SELECT RAISE(ABORT, 'no');\nEND;\nCREATE INDEX i ON t (a);\n",
    );
    assert_eq!(trigger.len(), 2, "{trigger:?}");
    assert_eq!(dialect_name(&trigger[0]).as_deref(), Some("TRIGGER x"));
}
