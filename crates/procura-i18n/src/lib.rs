//! Procura's interface strings in French and English.
//!
//! The strings live in Fluent files under `data/i18n/{fr,en}/`, compiled into
//! the binary. Fluent handles the plural rules that differ between the two
//! languages. A test fails when a key exists in one language and not the other.
//! Numbers, amounts, sizes and dates are written by the functions of `format`,
//! so every page and document follows one convention.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use procura_domain::Lang;

pub mod format;
mod keys;

pub use format::{
    amount_eur, amount_eur_excl_vat, date, date_time, decimal, integer, percent, size, time_of_day,
};
pub use keys::MessageKey;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../data/i18n",
        fallback_language: "fr",
        // Unicode isolation marks would end up in terminals and CSV files.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

fn language(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// A value to put into a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<usize> for Arg {
    fn from(number: usize) -> Self {
        Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl Arg {
    /// A value carried as text that may be a count: numbers become numbers,
    /// so that plural forms select on them.
    pub fn guess(value: &str) -> Arg {
        value
            .parse::<i64>()
            .map_or_else(|_| Arg::from(value), Arg::Number)
    }
}

impl From<i64> for Arg {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

impl From<u8> for Arg {
    fn from(number: u8) -> Self {
        Arg::Number(i64::from(number))
    }
}

/// The message `key` in `lang`. A key neither language defines comes out as
/// "Unknown localization key" and the key: the key-parity test keeps the two
/// files alike, and `keys` names every key made from a domain value.
pub fn text(lang: Lang, key: &str) -> String {
    LOCALES.lookup(language(lang), key)
}

/// Whether `lang` defines `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    LOCALES.try_lookup(language(lang), key).is_some()
}

/// The message `key` in `lang` with its `{ $name }` placeholders filled.
pub fn text_with(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Number(number) => FluentValue::from(*number),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect();
    LOCALES.lookup_with_args(language(lang), key, &args)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The message ids a Fluent file defines: lines that start with an identifier and ` =`.
    fn keys(text: &str) -> BTreeSet<String> {
        text.lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/i18n");
        let files = |lang: &str| -> BTreeSet<String> {
            let mut names: BTreeSet<String> = BTreeSet::new();
            for entry in std::fs::read_dir(root.join(lang)).expect("i18n folder") {
                names.insert(
                    entry
                        .expect("entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
            names
        };
        assert_eq!(
            files("fr"),
            files("en"),
            "the two languages have different files"
        );
        let mut missing = Vec::new();
        for file in files("fr") {
            let read = |lang: &str| {
                std::fs::read_to_string(root.join(lang).join(&file)).expect("ftl file")
            };
            let (fr, en) = (keys(&read("fr")), keys(&read("en")));
            assert!(!fr.is_empty(), "{file} defines no key");
            for key in fr.symmetric_difference(&en) {
                let lang = if fr.contains(key) { "en" } else { "fr" };
                missing.push(format!("{lang}/{file}: {key}"));
            }
        }
        assert!(missing.is_empty(), "keys missing:\n{}", missing.join("\n"));
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = |lang, n: usize| text_with(lang, "practice-count", &[("count", n.into())]);
        assert_eq!(count(Lang::En, 1), "One practice matches.");
        assert_eq!(count(Lang::En, 21), "21 practices match.");
        assert_eq!(count(Lang::Fr, 0), "Aucune bonne pratique ne correspond.");
        assert_eq!(count(Lang::Fr, 2), "2 bonnes pratiques correspondent.");
    }

    #[test]
    fn arguments_are_filled_without_isolation_marks() {
        let message = text_with(
            Lang::Fr,
            "error-unknown-practice",
            &[("input", "99".into()), ("last", Arg::Text("30".into()))],
        );
        assert_eq!(
            message,
            "bonne pratique inconnue « 99 ». Bonnes pratiques valides : BP-01 à BP-30."
        );
    }
}
