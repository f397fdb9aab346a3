//! The two languages of Procura and text that exists in both.

use std::fmt;

/// A language Procura speaks. French comes first: it is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// The input named no language Procura speaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {input:?}: expected fr or en")]
pub struct UnknownLang {
    pub input: String,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a language code, accepting locale forms such as `fr_FR.UTF-8` or
    /// `en-GB`, because `LANG` and `Accept-Language` carry them.
    pub fn parse(input: &str) -> Result<Lang, UnknownLang> {
        let primary = input
            .trim()
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang {
                input: input.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in French and English. Both are always present: the catalogue loader
/// refuses an entry that lacks either.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

impl Localized {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            fr: fr.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<Lang>) {
        assert_eq!(Lang::parse(input).ok(), expected, "input {input:?}");
    }

    #[test]
    fn parses_codes_and_locales() {
        check("fr", Some(Lang::Fr));
        check("EN", Some(Lang::En));
        check("fr_FR.UTF-8", Some(Lang::Fr));
        check("en-GB", Some(Lang::En));
        check("en_US@euro", Some(Lang::En));
        check("de_DE.UTF-8", None);
        check("C", None);
        check("", None);
    }

    #[test]
    fn localized_picks_the_language() {
        let text = Localized::new("bonjour", "hello");
        assert_eq!(text.get(Lang::Fr), "bonjour");
        assert_eq!(text.get(Lang::En), "hello");
    }
}
