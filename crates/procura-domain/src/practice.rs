//! The number that identifies a good practice, and its public id `BP-NN`.

use std::fmt;

/// The number of a good practice in the guidelines (1 to 99). Its public id is
/// `BP-` followed by two digits, a contract with scripts and other instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PracticeNumber(u8);

/// The input is not a practice number or id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid practice {input:?}: expected a number such as 7 or an id such as BP-07")]
pub struct InvalidPracticeNumber {
    pub input: String,
}

impl PracticeNumber {
    pub const MAX: u8 = 99;

    pub fn new(number: u8) -> Option<PracticeNumber> {
        (1..=Self::MAX)
            .contains(&number)
            .then_some(PracticeNumber(number))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// The public id, e.g. `BP-07`.
    pub fn id(self) -> String {
        format!("BP-{:02}", self.0)
    }

    /// Accepts `7`, `07`, `BP-07`, `bp7`, `BP 7` and the seed's `GP11` spelling.
    pub fn parse(input: &str) -> Result<PracticeNumber, InvalidPracticeNumber> {
        let invalid = || InvalidPracticeNumber {
            input: input.to_owned(),
        };
        let trimmed = input.trim().to_ascii_uppercase();
        let digits = match ["BP", "GP"]
            .iter()
            .find_map(|prefix| trimmed.strip_prefix(prefix))
        {
            Some(rest) => rest.trim_start_matches(['-', ' ', '_']),
            None => trimmed.as_str(),
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        digits
            .parse::<u8>()
            .ok()
            .and_then(PracticeNumber::new)
            .ok_or_else(invalid)
    }
}

impl fmt::Display for PracticeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BP-{:02}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<u8>) {
        assert_eq!(
            PracticeNumber::parse(input).ok().map(PracticeNumber::get),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn parses_numbers_and_ids() {
        check("7", Some(7));
        check("07", Some(7));
        check("BP-07", Some(7));
        check("bp-30", Some(30));
        check("BP7", Some(7));
        check("GP11", Some(11));
        check(" BP 12 ", Some(12));
        check("0", None);
        check("BP-", None);
        check("100", None);
        check("BP-1a", None);
        check("-3", None);
        check("", None);
    }

    #[test]
    fn id_is_zero_padded() {
        assert_eq!(
            PracticeNumber::parse("3")
                .map(PracticeNumber::id)
                .ok()
                .as_deref(),
            Some("BP-03")
        );
    }
}
