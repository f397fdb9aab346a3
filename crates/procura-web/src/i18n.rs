//! The language of a response: the explicit choice (cookie set by the
//! language switch), then the user's saved preference, then the browser's
//! `Accept-Language`, then French.

use axum::http::HeaderMap;
use procura_domain::Lang;
use procura_i18n::{Arg, text, text_with};
use procura_service::Principal;

use crate::auth::cookie;

pub const LANG_COOKIE: &str = "procura_lang";

pub fn negotiate(headers: &HeaderMap, principal: Option<&Principal>) -> Lang {
    if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(|value| Lang::parse(&value).ok()) {
        return lang;
    }
    if let Some(lang) = principal.and_then(|principal| principal.lang) {
        return lang;
    }
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(from_accept_language)
        .unwrap_or_default()
}

/// The first language of the header Procura speaks, in the order given
/// (browsers list by preference; weights are honoured when present).
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut candidates: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, part)| {
            let mut pieces = part.split(';');
            let lang = Lang::parse(pieces.next()?.trim()).ok()?;
            let weight = pieces
                .find_map(|piece| piece.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (weight > 0.0).then_some((weight, position, lang))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates.first().map(|(_, _, lang)| *lang)
}

/// Translates for one language; templates call it through their page context.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn t(&self, key: &str) -> String {
        text(self.0, key)
    }

    pub fn with(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        text_with(self.0, key, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(header: &str, expected: Option<Lang>) {
        assert_eq!(from_accept_language(header), expected, "{header:?}");
    }

    #[test]
    fn accept_language() {
        check("fr-FR,fr;q=0.9,en;q=0.8", Some(Lang::Fr));
        check("en-GB,en;q=0.9", Some(Lang::En));
        check("de-DE,en;q=0.5,fr;q=0.7", Some(Lang::Fr));
        check("de-DE", None);
        check("en;q=0", None);
        check("", None);
    }
}
