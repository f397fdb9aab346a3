//! Why answers to a tender were refused, in terms the reader's language can
//! give: an import lists every problem of the file at once.

use procura_docs::tender::ReadError;
use procura_domain::Lang;
use procura_i18n::{Arg, text, text_with};

/// A supplier's comment on one requirement: room for a real explanation,
/// and far below what a spreadsheet cell of the report can hold. Kept with
/// the problem whose message names it.
pub const MAX_COMMENT_CHARS: usize = 4_000;

/// Why answers were refused. An import lists every problem at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// The file itself: not a questionnaire, too large, formulas…
    File(ReadError),
    /// Not a questionnaire Procura made.
    NotQuestionnaire,
    /// Made for another project.
    OtherProject,
    /// Made from an earlier (or later) version of the requirement list.
    Outdated {
        file: String,
        current: i64,
    },
    /// The stamp does not match the requirement list it names.
    Tampered,
    /// A row's requirement is not in the tender.
    UnknownRequirement {
        row: u32,
        code: String,
    },
    /// The same requirement answered twice.
    Duplicate {
        row: u32,
        code: String,
    },
    /// A requirement of the tender has no row.
    MissingRow {
        code: String,
    },
    MissingAnswer {
        row: u32,
        code: String,
    },
    UnknownAnswer {
        row: u32,
        code: String,
        value: String,
    },
    /// "Partial" and "not applicable" need a comment.
    MissingComment {
        row: u32,
        code: String,
    },
    /// A comment or evidence reference longer than a report can hold.
    TooLong {
        row: u32,
        code: String,
    },
}

impl AnswerProblem {
    /// The problem in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        let row = |row: u32| Arg::from(i64::from(row));
        let code = |code: &str| Arg::from(code.to_owned());
        match self {
            Self::File(error) => error.message(lang),
            Self::NotQuestionnaire => text(lang, "bid-problem-not-questionnaire"),
            Self::OtherProject => text(lang, "bid-problem-other-project"),
            Self::Outdated { file, current } => text_with(
                lang,
                "bid-problem-outdated",
                &[
                    ("file", Arg::from(file.clone())),
                    ("current", Arg::from(*current)),
                ],
            ),
            Self::Tampered => text(lang, "bid-problem-tampered"),
            Self::UnknownRequirement { row: r, code: c } => text_with(
                lang,
                "bid-problem-unknown-requirement",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::Duplicate { row: r, code: c } => text_with(
                lang,
                "bid-problem-duplicate",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::MissingRow { code: c } => {
                text_with(lang, "bid-problem-missing-row", &[("code", code(c))])
            }
            Self::MissingAnswer { row: r, code: c } => text_with(
                lang,
                "bid-problem-missing-answer",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::UnknownAnswer {
                row: r,
                code: c,
                value,
            } => text_with(
                lang,
                "bid-problem-unknown-answer",
                &[
                    ("row", row(*r)),
                    ("code", code(c)),
                    ("value", Arg::from(value.clone())),
                ],
            ),
            Self::MissingComment { row: r, code: c } => text_with(
                lang,
                "bid-problem-missing-comment",
                &[("row", row(*r)), ("code", code(c))],
            ),
            Self::TooLong { row: r, code: c } => text_with(
                lang,
                "bid-problem-too-long",
                &[
                    ("row", row(*r)),
                    ("code", code(c)),
                    ("max", Arg::from(MAX_COMMENT_CHARS)),
                ],
            ),
        }
    }

    /// A stable code for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::File(_) => "file",
            Self::NotQuestionnaire => "not_questionnaire",
            Self::OtherProject => "other_project",
            Self::Outdated { .. } => "outdated",
            Self::Tampered => "tampered",
            Self::UnknownRequirement { .. } => "unknown_requirement",
            Self::Duplicate { .. } => "duplicate",
            Self::MissingRow { .. } => "missing_row",
            Self::MissingAnswer { .. } => "missing_answer",
            Self::UnknownAnswer { .. } => "unknown_answer",
            Self::MissingComment { .. } => "missing_comment",
            Self::TooLong { .. } => "too_long",
        }
    }
}
