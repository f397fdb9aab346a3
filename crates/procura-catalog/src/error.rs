//! What can be wrong with catalogue data, pointing at the file and entry.

use std::fmt;

/// One thing wrong with a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: &'static str,
    /// The entry concerned, such as `practice BP-04` or `threat malicious-actions`.
    pub entry: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.entry, self.message)
    }
}

/// The catalogue data could not be loaded. Every problem found is listed, so
/// one run of the validation test shows all that needs fixing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("catalogue file {file} is not valid TOML: {message}")]
    Syntax { file: &'static str, message: String },
    #[error("invalid catalogue data:\n{}", list(.0))]
    Invalid(Vec<Problem>),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| format!("  - {problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}
