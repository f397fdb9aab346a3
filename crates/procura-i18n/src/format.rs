//! Numbers, amounts, sizes and dates written the way each language's readers
//! write them, so that every document and page follows one convention.
//!
//! French groups thousands with a narrow no-break space (U+202F), writes a
//! decimal comma and sets a no-break space (U+00A0) before `€`, `%` and a
//! unit; English groups with commas, writes a decimal point, puts `€` before
//! the amount and `%` right after the number.

use procura_domain::{Day, Lang, TimeZone, Timestamp};

const NARROW_NO_BREAK_SPACE: char = '\u{202f}';
const NO_BREAK_SPACE: char = '\u{a0}';

/// Beyond this many fraction digits an `f64` holds no more information.
const MAX_FRACTION_DIGITS: u8 = 15;

fn thousands_separator(lang: Lang) -> char {
    match lang {
        Lang::Fr => NARROW_NO_BREAK_SPACE,
        Lang::En => ',',
    }
}

fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    }
}

/// ASCII digits with `separator` between groups of three, from the right.
fn grouped(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Whole euros: `1 200 000 €`, `€1,200,000`.
pub fn amount_eur(lang: Lang, euros: u64) -> String {
    let amount = grouped(&euros.to_string(), thousands_separator(lang));
    match lang {
        Lang::Fr => format!("{amount}{NO_BREAK_SPACE}€"),
        Lang::En => format!("€{amount}"),
    }
}

/// Whole euros excluding VAT, as contract documents state prices:
/// `1 200 000 € HT`, `€1,200,000 excl. VAT`.
pub fn amount_eur_excl_vat(lang: Lang, euros: u64) -> String {
    let amount = amount_eur(lang, euros);
    match lang {
        Lang::Fr => format!("{amount}{NO_BREAK_SPACE}HT"),
        Lang::En => format!("{amount} excl. VAT"),
    }
}

/// A whole number with its thousands grouped: `-12 345`, `-12,345`.
pub fn integer(lang: Lang, n: i64) -> String {
    let digits = grouped(&n.unsigned_abs().to_string(), thousands_separator(lang));
    if n < 0 { format!("-{digits}") } else { digits }
}

/// A number rounded half away from zero to at most `max_fraction_digits`
/// digits (15 at most), without trailing zeros: `1 234,5`, `1,234.5`, and
/// `93` for 93.0. Infinities and NaN come out as Rust prints them.
pub fn decimal(lang: Lang, value: f64, max_fraction_digits: u8) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let digits = usize::from(max_fraction_digits.min(MAX_FRACTION_DIGITS));
    let scale = 10f64.powi(i32::from(max_fraction_digits.min(MAX_FRACTION_DIGITS)));
    // `round` goes half away from zero; `{:.0}` then prints the whole
    // number exactly, however large.
    let scaled = (value.abs() * scale).round();
    let mut text = format!("{scaled:.0}");
    if text.len() <= digits {
        text.insert_str(0, &"0".repeat(digits + 1 - text.len()));
    }
    let (whole, fraction) = text.split_at(text.len() - digits);
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    if value < 0.0 && scaled > 0.0 {
        out.push('-');
    }
    out.push_str(&grouped(whole, thousands_separator(lang)));
    if !fraction.is_empty() {
        out.push(decimal_mark(lang));
        out.push_str(fraction);
    }
    out
}

/// A percentage, to one decimal at most: `12,5 %`, `12.5%`.
pub fn percent(lang: Lang, value: f64) -> String {
    let number = decimal(lang, value, 1);
    match lang {
        Lang::Fr => format!("{number}{NO_BREAK_SPACE}%"),
        Lang::En => format!("{number}%"),
    }
}

/// A file size in 1024-based units under their everyday names: `512 octets`,
/// `1,5 Go`, `40 KB`. One decimal below 10 when the size is not whole, whole
/// numbers above.
pub fn size(lang: Lang, bytes: u64) -> String {
    const UNITS_FR: [&str; 5] = ["Ko", "Mo", "Go", "To", "Po"];
    const UNITS_EN: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        // French puts 0 and 1 in the singular, English only 1.
        let unit = match (lang, bytes) {
            (Lang::Fr, 0 | 1) => "octet",
            (Lang::Fr, _) => "octets",
            (Lang::En, 1) => "byte",
            (Lang::En, _) => "bytes",
        };
        let number = grouped(&bytes.to_string(), thousands_separator(lang));
        return format!("{number}{NO_BREAK_SPACE}{unit}");
    }
    let units = match lang {
        Lang::Fr => UNITS_FR,
        Lang::En => UNITS_EN,
    };
    // Exact up to 2^53 bytes, far beyond any file Procura handles.
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    // 1023.6 KiB would print as 1 024 KB: such a size takes the next unit.
    while value.round() >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    let number = if value < 10.0 {
        decimal(lang, value, 1)
    } else {
        decimal(lang, value, 0)
    };
    format!("{number}{NO_BREAK_SPACE}{}", units[unit])
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day in words: `1er décembre 2026`, `3 December 2026`.
pub fn date(lang: Lang, day: Day) -> String {
    let months = match lang {
        Lang::Fr => MONTHS_FR,
        Lang::En => MONTHS_EN,
    };
    // `Day` only holds months 1 to 12.
    let month = months
        .get(usize::from(day.month()).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    let number = match (lang, day.day()) {
        // French writes the first of the month as an ordinal.
        (Lang::Fr, 1) => "1er".to_owned(),
        (_, number) => number.to_string(),
    };
    format!("{number} {month} {}", day.year())
}

/// The wall-clock time in `zone` at `at`, on 24 hours in both languages: `14:05`.
pub fn time_of_day(at: Timestamp, zone: TimeZone) -> String {
    let minutes = zone.local_millis(at).rem_euclid(86_400_000) / 60_000;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The day and time in `zone` at `at`: `3 décembre 2026 à 14:05`,
/// `3 December 2026, 14:05`.
pub fn date_time(lang: Lang, at: Timestamp, zone: TimeZone) -> String {
    let day = date(lang, zone.day_of(at));
    let time = time_of_day(at, zone);
    match lang {
        Lang::Fr => format!("{day} à {time}"),
        Lang::En => format!("{day}, {time}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected texts write U+202F as `_` and U+00A0 as `~`, so the tables
    /// show where each space goes.
    fn spaces(text: &str) -> String {
        text.replace('_', "\u{202f}").replace('~', "\u{a0}")
    }

    /// Checks one row of a table: `format` in French, then in English.
    fn check<T: Copy + std::fmt::Debug>(
        format: impl Fn(Lang, T) -> String,
        rows: &[(T, &str, &str)],
    ) {
        for &(input, fr, en) in rows {
            assert_eq!(format(Lang::Fr, input), spaces(fr), "{input:?} in French");
            assert_eq!(format(Lang::En, input), spaces(en), "{input:?} in English");
        }
    }

    #[test]
    fn amounts() {
        check(
            amount_eur_excl_vat,
            &[
                (0, "0~€~HT", "€0 excl. VAT"),
                (150, "150~€~HT", "€150 excl. VAT"),
                (1_000, "1_000~€~HT", "€1,000 excl. VAT"),
                (1_200_000, "1_200_000~€~HT", "€1,200,000 excl. VAT"),
            ],
        );
        check(
            amount_eur,
            &[
                (0, "0~€", "€0"),
                (150, "150~€", "€150"),
                (1_000, "1_000~€", "€1,000"),
                (1_200_000, "1_200_000~€", "€1,200,000"),
            ],
        );
    }

    #[test]
    fn integers() {
        check(
            integer,
            &[
                (0, "0", "0"),
                (12, "12", "12"),
                (999, "999", "999"),
                (1_000, "1_000", "1,000"),
                (5_000, "5_000", "5,000"),
                (123_456_789, "123_456_789", "123,456,789"),
                (-1_234, "-1_234", "-1,234"),
                (
                    i64::MIN,
                    "-9_223_372_036_854_775_808",
                    "-9,223,372,036,854,775,808",
                ),
            ],
        );
    }

    #[test]
    fn decimals() {
        check(
            |lang, (value, digits)| decimal(lang, value, digits),
            &[
                ((93.5, 1), "93,5", "93.5"),
                ((93.0, 1), "93", "93"),
                ((0.25, 2), "0,25", "0.25"),
                ((0.25, 1), "0,3", "0.3"),
                ((0.05, 1), "0,1", "0.1"),
                ((-0.25, 1), "-0,3", "-0.3"),
                ((-0.04, 1), "0", "0"),
                ((1234.5, 1), "1_234,5", "1,234.5"),
                ((1234.5, 0), "1_235", "1,235"),
                ((1_234_567.891, 2), "1_234_567,89", "1,234,567.89"),
                ((72.456, 2), "72,46", "72.46"),
                ((0.0, 2), "0", "0"),
                ((2.5, 0), "3", "3"),
                ((-2.5, 0), "-3", "-3"),
                (
                    (1e20, 0),
                    "100_000_000_000_000_000_000",
                    "100,000,000,000,000,000,000",
                ),
                ((f64::NAN, 1), "NaN", "NaN"),
            ],
        );
    }

    #[test]
    fn percents() {
        check(
            percent,
            &[
                (0.0, "0~%", "0%"),
                (9.0, "9~%", "9%"),
                (12.5, "12,5~%", "12.5%"),
                (33.333, "33,3~%", "33.3%"),
                (100.0, "100~%", "100%"),
            ],
        );
    }

    #[test]
    fn sizes() {
        check(
            size,
            &[
                (0, "0~octet", "0~bytes"),
                (1, "1~octet", "1~byte"),
                (2, "2~octets", "2~bytes"),
                (512, "512~octets", "512~bytes"),
                (1023, "1_023~octets", "1,023~bytes"),
                (1024, "1~Ko", "1~KB"),
                (1_500, "1,5~Ko", "1.5~KB"),
                (40 << 10, "40~Ko", "40~KB"),
                ((1 << 20) - 1, "1~Mo", "1~MB"),
                (3 << 19, "1,5~Mo", "1.5~MB"),
                (10 << 20, "10~Mo", "10~MB"),
                ((21 << 19) + 1, "11~Mo", "11~MB"),
                (25 << 20, "25~Mo", "25~MB"),
                (1 << 30, "1~Go", "1~GB"),
                (3 << 39, "1,5~To", "1.5~TB"),
                (u64::MAX, "16_384~Po", "16,384~PB"),
            ],
        );
    }

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn dates() {
        check(
            |lang, text| date(lang, day(text)),
            &[
                ("2026-01-01", "1er janvier 2026", "1 January 2026"),
                ("2026-02-03", "3 février 2026", "3 February 2026"),
                ("2026-03-29", "29 mars 2026", "29 March 2026"),
                ("2026-04-02", "2 avril 2026", "2 April 2026"),
                ("2026-05-21", "21 mai 2026", "21 May 2026"),
                ("2026-06-30", "30 juin 2026", "30 June 2026"),
                ("2026-07-14", "14 juillet 2026", "14 July 2026"),
                ("2026-08-15", "15 août 2026", "15 August 2026"),
                ("2026-09-11", "11 septembre 2026", "11 September 2026"),
                ("2026-10-25", "25 octobre 2026", "25 October 2026"),
                ("2026-11-11", "11 novembre 2026", "11 November 2026"),
                ("2026-12-01", "1er décembre 2026", "1 December 2026"),
                ("2026-12-03", "3 décembre 2026", "3 December 2026"),
                ("2028-02-29", "29 février 2028", "29 February 2028"),
            ],
        );
    }

    /// `YYYY-MM-DD HH:MM`, UTC.
    fn utc(text: &str) -> Timestamp {
        let (date, time) = text.split_once(' ').unwrap();
        let (hour, minute) = time.split_once(':').unwrap();
        let minutes = hour.parse::<i64>().unwrap() * 60 + minute.parse::<i64>().unwrap();
        Timestamp(day(date).unix_millis() + minutes * 60_000)
    }

    #[test]
    fn dates_and_times_in_paris() {
        check(
            |lang, text| date_time(lang, utc(text), TimeZone::EuropeParis),
            &[
                (
                    "2026-12-03 13:05",
                    "3 décembre 2026 à 14:05",
                    "3 December 2026, 14:05",
                ),
                (
                    "2026-03-29 00:59",
                    "29 mars 2026 à 01:59",
                    "29 March 2026, 01:59",
                ),
                (
                    "2026-03-29 01:00",
                    "29 mars 2026 à 03:00",
                    "29 March 2026, 03:00",
                ),
                (
                    "2026-10-25 00:59",
                    "25 octobre 2026 à 02:59",
                    "25 October 2026, 02:59",
                ),
                (
                    "2026-10-25 01:00",
                    "25 octobre 2026 à 02:00",
                    "25 October 2026, 02:00",
                ),
                (
                    "2026-11-30 23:30",
                    "1er décembre 2026 à 00:30",
                    "1 December 2026, 00:30",
                ),
            ],
        );
    }

    #[test]
    fn dates_and_times_overseas() {
        check(
            |lang, (text, zone)| date_time(lang, utc(text), zone),
            &[
                (
                    ("2026-12-03 02:30", TimeZone::AmericaMartinique),
                    "2 décembre 2026 à 22:30",
                    "2 December 2026, 22:30",
                ),
                (
                    ("2026-12-03 21:00", TimeZone::IndianReunion),
                    "4 décembre 2026 à 01:00",
                    "4 December 2026, 01:00",
                ),
                (
                    ("2026-07-14 10:00", TimeZone::PacificNoumea),
                    "14 juillet 2026 à 21:00",
                    "14 July 2026, 21:00",
                ),
                (
                    ("2026-07-14 10:00", TimeZone::AmericaMiquelon),
                    "14 juillet 2026 à 08:00",
                    "14 July 2026, 08:00",
                ),
                (
                    ("2026-07-14 10:00", TimeZone::Utc),
                    "14 juillet 2026 à 10:00",
                    "14 July 2026, 10:00",
                ),
            ],
        );
    }

    #[test]
    fn times_of_day() {
        let cases = [
            ("2026-12-03 13:05", TimeZone::EuropeParis, "14:05"),
            ("2026-07-03 13:05", TimeZone::EuropeParis, "15:05"),
            ("2026-12-03 23:59", TimeZone::Utc, "23:59"),
            ("2026-12-03 09:00", TimeZone::PacificTahiti, "23:00"),
        ];
        for (at, zone, expected) in cases {
            assert_eq!(time_of_day(utc(at), zone), expected, "{at} in {zone}");
        }
    }
}
