//! The time zones French hospitals live in, and their offset from UTC at a
//! given moment.
//!
//! A closed list rather than the tz database: metropolitan France and the
//! overseas territories are few, and their rules fit in a few lines. The
//! summer-time rules in force today are applied to every year; Procura only
//! shows recent and coming dates.

use std::fmt;

use crate::{Day, Timestamp};

/// A time zone where a French hospital may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum TimeZone {
    /// Metropolitan France and Corsica: CET, CEST in summer.
    #[default]
    EuropeParis,
    Utc,
    AmericaGuadeloupe,
    AmericaMartinique,
    /// French Guiana.
    AmericaCayenne,
    IndianReunion,
    IndianMayotte,
    /// New Caledonia.
    PacificNoumea,
    /// French Polynesia (Tahiti and the Society Islands).
    PacificTahiti,
    /// Saint-Pierre-et-Miquelon, the only overseas zone with summer time.
    AmericaMiquelon,
}

const MILLIS_PER_MINUTE: i64 = 60_000;
const MILLIS_PER_HOUR: i64 = 60 * MILLIS_PER_MINUTE;

impl TimeZone {
    const ALL: [TimeZone; 10] = [
        TimeZone::EuropeParis,
        TimeZone::Utc,
        TimeZone::AmericaGuadeloupe,
        TimeZone::AmericaMartinique,
        TimeZone::AmericaCayenne,
        TimeZone::IndianReunion,
        TimeZone::IndianMayotte,
        TimeZone::PacificNoumea,
        TimeZone::PacificTahiti,
        TimeZone::AmericaMiquelon,
    ];

    /// Every zone, Paris first.
    pub fn all() -> &'static [TimeZone] {
        &Self::ALL
    }

    /// The zone's IANA name, `Europe/Paris`.
    pub fn id(self) -> &'static str {
        match self {
            TimeZone::EuropeParis => "Europe/Paris",
            TimeZone::Utc => "UTC",
            TimeZone::AmericaGuadeloupe => "America/Guadeloupe",
            TimeZone::AmericaMartinique => "America/Martinique",
            TimeZone::AmericaCayenne => "America/Cayenne",
            TimeZone::IndianReunion => "Indian/Reunion",
            TimeZone::IndianMayotte => "Indian/Mayotte",
            TimeZone::PacificNoumea => "Pacific/Noumea",
            TimeZone::PacificTahiti => "Pacific/Tahiti",
            TimeZone::AmericaMiquelon => "America/Miquelon",
        }
    }

    /// The zone an IANA name names, exactly as `id` spells it.
    pub fn parse(input: &str) -> Option<TimeZone> {
        let input = input.trim();
        Self::ALL.into_iter().find(|zone| zone.id() == input)
    }

    /// Minutes to add to UTC to get the zone's local time at `at`.
    pub fn offset_minutes(self, at: Timestamp) -> i32 {
        let millis = at.millis();
        let year = Day::from_unix_millis(millis).year();
        match self {
            TimeZone::Utc => 0,
            TimeZone::EuropeParis => {
                // EU rule: from the last Sunday of March to the last Sunday of
                // October, both at 01:00 UTC.
                let start = last_sunday(year, 3).unix_millis() + MILLIS_PER_HOUR;
                let end = last_sunday(year, 10).unix_millis() + MILLIS_PER_HOUR;
                if (start..end).contains(&millis) {
                    120
                } else {
                    60
                }
            }
            TimeZone::AmericaGuadeloupe | TimeZone::AmericaMartinique => -240,
            TimeZone::AmericaCayenne => -180,
            TimeZone::IndianReunion => 240,
            TimeZone::IndianMayotte => 180,
            TimeZone::PacificNoumea => 660,
            TimeZone::PacificTahiti => -600,
            TimeZone::AmericaMiquelon => {
                // North American rule: from the second Sunday of March at 02:00
                // local standard time (05:00 UTC) to the first Sunday of
                // November at 02:00 local summer time (04:00 UTC).
                let start = nth_sunday(year, 3, 2).unix_millis() + 5 * MILLIS_PER_HOUR;
                let end = nth_sunday(year, 11, 1).unix_millis() + 4 * MILLIS_PER_HOUR;
                if (start..end).contains(&millis) {
                    -120
                } else {
                    -180
                }
            }
        }
    }

    /// The moment `at` shifted to the zone's wall clock, still counted in
    /// milliseconds from the epoch: what a calendar and a clock read there.
    pub fn local_millis(self, at: Timestamp) -> i64 {
        at.millis() + i64::from(self.offset_minutes(at)) * MILLIS_PER_MINUTE
    }

    /// The calendar day in the zone at `at`.
    pub fn day_of(self, at: Timestamp) -> Day {
        Day::from_unix_millis(self.local_millis(at))
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The first day of `month`, which every year has.
fn first_of(year: u16, month: u8) -> Day {
    Day::new(year, month, 1).unwrap_or_else(|| Day::from_days_since_epoch(0))
}

/// The `nth` Sunday (from 1) of `month`.
fn nth_sunday(year: u16, month: u8, nth: i64) -> Day {
    let first = first_of(year, month);
    let to_sunday = i64::from(7 - first.iso_weekday()) % 7;
    Day::from_days_since_epoch(first.days_since_epoch() + to_sunday + 7 * (nth - 1))
}

/// The last Sunday of `month`, for a month of 31 days.
fn last_sunday(year: u16, month: u8) -> Day {
    let last = Day::from_days_since_epoch(first_of(year, month).days_since_epoch() + 30);
    Day::from_days_since_epoch(last.days_since_epoch() - i64::from(last.iso_weekday() % 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Milliseconds of `YYYY-MM-DD HH:MM`, UTC.
    fn utc(text: &str) -> Timestamp {
        let (day, time) = text.split_once(' ').unwrap();
        let (hour, minute) = time.split_once(':').unwrap();
        let minutes = hour.parse::<i64>().unwrap() * 60 + minute.parse::<i64>().unwrap();
        Timestamp(Day::parse(day).unwrap().unix_millis() + minutes * MILLIS_PER_MINUTE)
    }

    /// The wall clock in `zone` at the UTC moment `at`, as `YYYY-MM-DD HH:MM`.
    fn wall_clock(zone: TimeZone, at: &str) -> String {
        let local = zone.local_millis(utc(at));
        let minutes = local.rem_euclid(86_400_000) / MILLIS_PER_MINUTE;
        format!(
            "{} {:02}:{:02}",
            Day::from_unix_millis(local),
            minutes / 60,
            minutes % 60
        )
    }

    fn check(zone: TimeZone, at: &str, offset: i32, expected: &str) {
        assert_eq!(zone.offset_minutes(utc(at)), offset, "{zone} at {at} UTC");
        assert_eq!(wall_clock(zone, at), expected, "{zone} at {at} UTC");
    }

    #[test]
    fn paris_changes_clocks_on_the_last_sundays_of_march_and_october() {
        use TimeZone::EuropeParis as Paris;
        let cases = [
            ("2026-01-15 12:00", 60, "2026-01-15 13:00"),
            ("2026-03-29 00:59", 60, "2026-03-29 01:59"),
            ("2026-03-29 01:00", 120, "2026-03-29 03:00"),
            ("2026-07-14 10:00", 120, "2026-07-14 12:00"),
            ("2026-10-25 00:59", 120, "2026-10-25 02:59"),
            ("2026-10-25 01:00", 60, "2026-10-25 02:00"),
            ("2026-12-31 23:30", 60, "2027-01-01 00:30"),
            ("2027-03-28 00:59", 60, "2027-03-28 01:59"),
            ("2027-03-28 01:00", 120, "2027-03-28 03:00"),
            ("2027-10-31 00:59", 120, "2027-10-31 02:59"),
            ("2027-10-31 01:00", 60, "2027-10-31 02:00"),
            // The last Sunday of March 2024 was also its last day.
            ("2024-03-31 01:00", 120, "2024-03-31 03:00"),
        ];
        for (at, offset, expected) in cases {
            check(Paris, at, offset, expected);
        }
    }

    #[test]
    fn miquelon_follows_the_north_american_rule() {
        use TimeZone::AmericaMiquelon as Miquelon;
        let cases = [
            ("2026-01-15 12:00", -180, "2026-01-15 09:00"),
            ("2026-03-08 04:59", -180, "2026-03-08 01:59"),
            ("2026-03-08 05:00", -120, "2026-03-08 03:00"),
            ("2026-11-01 03:59", -120, "2026-11-01 01:59"),
            ("2026-11-01 04:00", -180, "2026-11-01 01:00"),
            ("2027-03-14 05:00", -120, "2027-03-14 03:00"),
            ("2027-11-07 04:00", -180, "2027-11-07 01:00"),
        ];
        for (at, offset, expected) in cases {
            check(Miquelon, at, offset, expected);
        }
    }

    #[test]
    fn overseas_zones_keep_one_offset_all_year() {
        let cases = [
            (TimeZone::Utc, 0, "2026-07-14 10:00"),
            (TimeZone::AmericaGuadeloupe, -240, "2026-07-14 06:00"),
            (TimeZone::AmericaMartinique, -240, "2026-07-14 06:00"),
            (TimeZone::AmericaCayenne, -180, "2026-07-14 07:00"),
            (TimeZone::IndianReunion, 240, "2026-07-14 14:00"),
            (TimeZone::IndianMayotte, 180, "2026-07-14 13:00"),
            (TimeZone::PacificNoumea, 660, "2026-07-14 21:00"),
            (TimeZone::PacificTahiti, -600, "2026-07-14 00:00"),
        ];
        for (zone, offset, summer) in cases {
            check(zone, "2026-07-14 10:00", offset, summer);
            assert_eq!(
                zone.offset_minutes(utc("2026-01-14 10:00")),
                offset,
                "{zone}"
            );
        }
    }

    #[test]
    fn the_day_is_the_zone_s_day() {
        let at = utc("2026-12-03 22:30");
        assert_eq!(TimeZone::Utc.day_of(at).to_string(), "2026-12-03");
        assert_eq!(TimeZone::EuropeParis.day_of(at).to_string(), "2026-12-03");
        assert_eq!(TimeZone::IndianReunion.day_of(at).to_string(), "2026-12-04");
        assert_eq!(
            TimeZone::PacificTahiti
                .day_of(utc("2026-12-03 09:00"))
                .to_string(),
            "2026-12-02"
        );
    }

    #[test]
    fn zones_parse_from_their_iana_names() {
        assert_eq!(TimeZone::default(), TimeZone::EuropeParis);
        assert_eq!(TimeZone::all().len(), 10);
        for zone in TimeZone::all() {
            assert_eq!(TimeZone::parse(zone.id()), Some(*zone));
        }
        assert_eq!(
            TimeZone::parse(" Indian/Reunion "),
            Some(TimeZone::IndianReunion)
        );
        assert_eq!(TimeZone::parse("europe/paris"), None);
        assert_eq!(TimeZone::parse("Europe/Berlin"), None);
        assert_eq!(TimeZone::parse(""), None);
    }
}
