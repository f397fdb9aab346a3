//! Dates that reach the documents as text (`2026-11-29`, or a UTC moment
//! `2026-11-28 10:00:00`), written out the way the reader's language does.

use procura_domain::{Day, Lang, TimeZone, Timestamp};
use procura_i18n::{date, date_time};

/// The calendar day an ISO date starts with, whatever follows it.
pub(crate) fn leading_day(text: &str) -> Option<Day> {
    Day::parse(text.trim().get(..10)?)
}

/// A UTC moment written `YYYY-MM-DD HH:MM[:SS]`, with a `T` or a space
/// between the day and the time.
fn moment(text: &str) -> Option<Timestamp> {
    let text = text.trim().trim_end_matches('Z');
    let day = leading_day(text)?;
    let time = text.get(10..)?.strip_prefix([' ', 'T'])?;
    let mut parts = time.split(':');
    let mut field = |limit: i64| {
        parts
            .next()
            .filter(|part| part.len() == 2)
            .and_then(|part| part.parse::<i64>().ok())
            .filter(|value| (0..limit).contains(value))
    };
    let hour = field(24)?;
    let minute = field(60)?;
    let second = match parts.next() {
        None => 0,
        Some(part) if part.len() == 2 => part.parse::<i64>().ok().filter(|s| *s < 60)?,
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    let seconds = hour * 3600 + minute * 60 + second;
    Some(Timestamp(day.unix_millis() + seconds * 1000))
}

/// A date given as text, in words: `29 novembre 2026` for an ISO day,
/// `28 novembre 2026 à 11:00` for a UTC moment, shown in Paris time (the
/// documents do not know the organisation's zone yet). Any other text is
/// shown as given.
pub(crate) fn date_text(lang: Lang, text: &str) -> String {
    if let Some(at) = moment(text) {
        return date_time(lang, at, TimeZone::default());
    }
    match Day::parse(text) {
        Some(day) => date(lang, day),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, fr: &str, en: &str) {
        assert_eq!(date_text(Lang::Fr, input), fr, "{input:?} in French");
        assert_eq!(date_text(Lang::En, input), en, "{input:?} in English");
    }

    #[test]
    fn dates_given_as_text() {
        let cases = [
            ("2026-11-29", "29 novembre 2026", "29 November 2026"),
            (" 2026-12-01 ", "1er décembre 2026", "1 December 2026"),
            (
                "2026-11-28 10:00:00",
                "28 novembre 2026 à 11:00",
                "28 November 2026, 11:00",
            ),
            (
                "2026-07-14T08:30Z",
                "14 juillet 2026 à 10:30",
                "14 July 2026, 10:30",
            ),
            (
                "2026-12-31 23:15:59",
                "1er janvier 2027 à 00:15",
                "1 January 2027, 00:15",
            ),
            ("2026-13-01", "2026-13-01", "2026-13-01"),
            ("2026-11-28 25:00", "2026-11-28 25:00", "2026-11-28 25:00"),
            (
                "2026-11-28 10:00:00:00",
                "2026-11-28 10:00:00:00",
                "2026-11-28 10:00:00:00",
            ),
            ("hier", "hier", "hier"),
            ("", "", ""),
        ];
        for (input, fr, en) in cases {
            check(input, fr, en);
        }
    }

    #[test]
    fn a_leading_iso_day_is_found() {
        let cases = [
            ("2026-11-29", Some("2026-11-29")),
            (" 2026-11-29T10:00:00Z", Some("2026-11-29")),
            ("2026-11-29 10:00:00", Some("2026-11-29")),
            ("29/11/2026", None),
            ("29 November 2026", None),
            ("2026", None),
            ("", None),
        ];
        for (input, expected) in cases {
            let found = leading_day(input).map(|day| day.to_string());
            assert_eq!(found.as_deref(), expected, "{input:?}");
        }
    }
}
