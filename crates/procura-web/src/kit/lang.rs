//! The language a document is asked for with `?lang=`: a French reader may
//! need the English annex for a foreign bidder.

use procura_domain::Lang;
use serde::Deserialize;

use crate::error::{WebError, WebResult};

/// The `?lang=` of a document download.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

impl LangQuery {
    /// The language asked for, or the reader's own.
    pub fn or(&self, fallback: Lang) -> WebResult<Lang> {
        document_lang(self.lang.as_deref(), fallback)
    }
}

/// The language `code` names, or `fallback` when none is given; a code
/// Procura does not speak is refused (422).
pub fn document_lang(code: Option<&str>, fallback: Lang) -> WebResult<Lang> {
    match code {
        None | Some("") => Ok(fallback),
        Some(code) => Lang::parse(code).map_err(|_| WebError::invalid("invalid-language")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: Option<&str>, expected: Option<Lang>) {
        assert_eq!(document_lang(code, Lang::Fr).ok(), expected, "{code:?}");
    }

    #[test]
    fn the_asked_language_or_the_readers() {
        check(None, Some(Lang::Fr));
        check(Some(""), Some(Lang::Fr));
        check(Some("en"), Some(Lang::En));
        check(Some("de"), None);
    }
}
