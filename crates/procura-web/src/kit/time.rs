//! Times and dates as pages, documents and exports write them: always UTC,
//! from the clock the web edge reads.

use procura_domain::{Day, Lang, TimeZone, Timestamp};

use crate::auth::now;

/// `YYYY-MM-DD HH:MM:SS` in UTC.
pub fn format_time(millis: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .and_then(|moment| moment.format(&format).ok())
        .unwrap_or_default()
}

/// A moment as pages show it: « 3 décembre 2026 à 14:05 » in the
/// organisation's time zone.
pub fn moment(lang: Lang, zone: TimeZone, at: Timestamp) -> String {
    procura_i18n::date_time(lang, at, zone)
}

/// A day as pages show it: « 3 décembre 2026 », "3 December 2026".
pub fn day_text(lang: Lang, day: Day) -> String {
    procura_i18n::date(lang, day)
}

/// The day of a moment, in UTC.
pub fn day_of(at: Timestamp) -> Day {
    Day::from_unix_millis(at.millis())
}

/// Today, in UTC: what due dates and document dates are compared with.
pub fn today() -> Day {
    day_of(now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(millis: i64, expected: &str) {
        assert_eq!(format_time(millis), expected, "{millis}");
    }

    #[test]
    fn times_are_written_in_utc() {
        check(0, "1970-01-01 00:00:00");
        check(1_700_000_000_123, "2023-11-14 22:13:20");
    }

    #[test]
    fn pages_write_moments_and_days_in_words_in_paris_time() {
        // 2026-12-03 13:05 UTC is 14:05 in Paris (winter time).
        let at = Timestamp(1_796_303_100_000);
        assert_eq!(
            moment(Lang::Fr, TimeZone::default(), at),
            "3 décembre 2026 à 14:05"
        );
        assert_eq!(
            moment(Lang::En, TimeZone::default(), at),
            "3 December 2026, 14:05"
        );
        // 09:05 in Guadeloupe.
        let guadeloupe = TimeZone::parse("America/Guadeloupe").expect("a zone");
        assert_eq!(moment(Lang::Fr, guadeloupe, at), "3 décembre 2026 à 09:05");
        let day = Day::new(2026, 12, 1).expect("a day");
        assert_eq!(day_text(Lang::Fr, day), "1er décembre 2026");
        assert_eq!(day_text(Lang::En, day), "1 December 2026");
    }

    #[test]
    fn a_moment_falls_on_its_utc_day() {
        assert_eq!(day_of(Timestamp(86_400_000 - 1)).to_string(), "1970-01-01");
        assert_eq!(day_of(Timestamp(86_400_000)).to_string(), "1970-01-02");
    }
}
