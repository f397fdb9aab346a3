//! Times and dates as pages, documents and exports write them: always UTC,
//! from the clock the web edge reads.

use procura_domain::{Day, Timestamp};

use crate::auth::now;

/// `YYYY-MM-DD HH:MM:SS` in UTC.
pub fn format_time(millis: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .and_then(|moment| moment.format(&format).ok())
        .unwrap_or_default()
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
    fn a_moment_falls_on_its_utc_day() {
        assert_eq!(day_of(Timestamp(86_400_000 - 1)).to_string(), "1970-01-01");
        assert_eq!(day_of(Timestamp(86_400_000)).to_string(), "1970-01-02");
    }
}
