//! Folding text for search: case- and accent-insensitive, so that a user typing
//! `securite` on an English keyboard finds `sécurité`.

/// Lower-cases `text`, strips the diacritics of Latin letters, expands the
/// ligatures `œ` and `æ`, and turns typographic apostrophes into `'`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => folded.push('a'),
            'ç' | 'ć' | 'č' => folded.push('c'),
            'ď' => folded.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => folded.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => folded.push('i'),
            'ł' => folded.push('l'),
            'ñ' | 'ń' | 'ň' => folded.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => folded.push('o'),
            'ř' => folded.push('r'),
            'ś' | 'š' => folded.push('s'),
            'ß' => folded.push_str("ss"),
            'ť' => folded.push('t'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => folded.push('u'),
            'ý' | 'ÿ' => folded.push('y'),
            'ź' | 'ż' | 'ž' => folded.push('z'),
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => folded.push('\''),
            // Combining marks left by decomposed input carry no letter of their own.
            '\u{0300}'..='\u{036F}' => {}
            other => folded.push(other),
        }
    }
    folded
}

/// Folds `text` into a slug: words joined by single dashes, so that a name like
/// « Systèmes d'information clinique » compares equal to
/// `systemes-d-information-clinique`.
pub(crate) fn slug(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "input {input:?}");
    }

    #[test]
    fn folds_case_and_accents() {
        check("Sécurité", "securite");
        check("ÉLABORER", "elaborer");
        check("mise en œuvre", "mise en oeuvre");
        check("l’hôpital", "l'hopital");
        check("Naïve façade", "naive facade");
        check("e\u{0301}te\u{0301}", "ete");
        check("plain ascii 42", "plain ascii 42");
    }

    #[test]
    fn slugs_join_words_with_dashes() {
        assert_eq!(
            slug("Systèmes d'information clinique"),
            "systemes-d-information-clinique"
        );
        assert_eq!(slug("  Cloud   services "), "cloud-services");
        assert_eq!(slug("medical-devices"), "medical-devices");
    }
}
