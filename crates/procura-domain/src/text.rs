//! The longest text each free-text field accepts. People paste whole
//! documents into notes and descriptions; a bound keeps pages, exports and
//! the audit log readable and stops a client from filling the database one
//! request at a time. The limits are generous for real use and are stated in
//! the API document.

use std::fmt;

/// A field that takes text typed by people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    ProjectDescription,
    Site,
    ItemNotes,
    Justification,
    Comment,
    Reason,
    RiskDescription,
    RiskAsset,
    Decision,
    RequirementText,
    RequirementEvidence,
    EvidenceName,
}

impl TextField {
    /// The field's name in the API, used in messages.
    pub fn id(self) -> &'static str {
        match self {
            TextField::ProjectDescription => "description",
            TextField::Site => "sites",
            TextField::ItemNotes => "notes",
            TextField::Justification => "justification",
            TextField::Comment => "comment",
            TextField::Reason => "reason",
            TextField::RiskDescription => "description",
            TextField::RiskAsset => "asset",
            TextField::Decision => "decision",
            TextField::RequirementText => "text",
            TextField::RequirementEvidence => "evidence",
            TextField::EvidenceName => "label",
        }
    }

    /// The most characters (Unicode scalar values) the field holds.
    pub const fn max_chars(self) -> usize {
        match self {
            TextField::ProjectDescription | TextField::ItemNotes | TextField::RiskDescription => {
                LONG_TEXT
            }
            TextField::Justification
            | TextField::Comment
            | TextField::Reason
            | TextField::Decision
            | TextField::RequirementText => MEDIUM_TEXT,
            TextField::RequirementEvidence => 2_000,
            TextField::Site | TextField::RiskAsset | TextField::EvidenceName => SHORT_TEXT,
        }
    }

    /// `text` if it fits the field.
    pub fn check(self, text: &str) -> Result<&str, TextTooLong> {
        if text.chars().count() > self.max_chars() {
            Err(TextTooLong { field: self })
        } else {
            Ok(text)
        }
    }
}

/// Descriptions and notes.
pub const LONG_TEXT: usize = 10_000;
/// Justifications, comments, reasons and requirement texts.
pub const MEDIUM_TEXT: usize = 4_000;
/// Names, sites and labels.
pub const SHORT_TEXT: usize = 200;
/// How many sites a project lists at most.
pub const MAX_SITES: usize = 100;

/// A text longer than its field allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextTooLong {
    pub field: TextField,
}

impl fmt::Display for TextTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is longer than {} characters",
            self.field.id(),
            self.field.max_chars()
        )
    }
}

impl std::error::Error for TextTooLong {}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(field: TextField, length: usize, fits: bool) {
        let text = "é".repeat(length);
        assert_eq!(field.check(&text).is_ok(), fits, "{field:?} with {length}");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        check(TextField::ItemNotes, 10_000, true);
        check(TextField::ItemNotes, 10_001, false);
        check(TextField::Comment, 4_000, true);
        check(TextField::Comment, 4_001, false);
        check(TextField::Site, 200, true);
        check(TextField::Site, 201, false);
        check(TextField::RequirementEvidence, 2_001, false);
        check(TextField::Reason, 0, true);
    }

    #[test]
    fn the_error_names_the_field_and_its_limit() {
        let error = TextField::ItemNotes.check(&"x".repeat(10_001)).unwrap_err();
        assert_eq!(error.to_string(), "notes is longer than 10000 characters");
    }
}
