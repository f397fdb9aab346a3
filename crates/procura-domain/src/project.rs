//! A procurement project ("marché"): its values, the states of its
//! lifecycle and checklist, and the rules of its phase gates.

use std::fmt;

use crate::{Phase, PracticeNumber};

/// Where a project stands: one of the three phases, or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Planning,
    SupplierSelection,
    Management,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Planning,
        Stage::SupplierSelection,
        Stage::Management,
        Stage::Closed,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Stage::Planning => "planning",
            Stage::SupplierSelection => "supplier-selection",
            Stage::Management => "management",
            Stage::Closed => "closed",
        }
    }

    pub fn parse(input: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .find(|stage| stage.id() == input.trim())
    }

    /// The phase whose checklist is open, `None` once closed.
    pub fn phase(self) -> Option<Phase> {
        match self {
            Stage::Planning => Some(Phase::Planning),
            Stage::SupplierSelection => Some(Phase::SupplierSelection),
            Stage::Management => Some(Phase::Management),
            Stage::Closed => None,
        }
    }

    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Planning => Some(Stage::SupplierSelection),
            Stage::SupplierSelection => Some(Stage::Management),
            Stage::Management => Some(Stage::Closed),
            Stage::Closed => None,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The state of one checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    Todo,
    InProgress,
    Done,
    /// Needs a written justification.
    NotApplicable,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Todo,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::NotApplicable,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ItemStatus::Todo => "todo",
            ItemStatus::InProgress => "in-progress",
            ItemStatus::Done => "done",
            ItemStatus::NotApplicable => "not-applicable",
        }
    }

    pub fn parse(input: &str) -> Option<ItemStatus> {
        ItemStatus::ALL
            .into_iter()
            .find(|status| status.id() == input.trim())
    }

    /// Done or not applicable: nothing left to do for the gate.
    pub fn is_settled(self) -> bool {
        matches!(self, ItemStatus::Done | ItemStatus::NotApplicable)
    }
}

/// What someone does in one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectRole {
    Buyer,
    Ciso,
    Cio,
    Cto,
    It,
    ClinicalReferent,
    Viewer,
}

impl ProjectRole {
    pub const ALL: [ProjectRole; 7] = [
        ProjectRole::Buyer,
        ProjectRole::Ciso,
        ProjectRole::Cio,
        ProjectRole::Cto,
        ProjectRole::It,
        ProjectRole::ClinicalReferent,
        ProjectRole::Viewer,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ProjectRole::Buyer => "buyer",
            ProjectRole::Ciso => "ciso",
            ProjectRole::Cio => "cio",
            ProjectRole::Cto => "cto",
            ProjectRole::It => "it",
            ProjectRole::ClinicalReferent => "clinical-referent",
            ProjectRole::Viewer => "viewer",
        }
    }

    pub fn parse(input: &str) -> Option<ProjectRole> {
        ProjectRole::ALL
            .into_iter()
            .find(|role| role.id() == input.trim())
    }

    /// Everyone but viewers works on the checklist.
    pub fn edits_items(self) -> bool {
        self != ProjectRole::Viewer
    }
}

/// The organisation's own reference for a project, unique within it:
/// 1 to 40 letters, digits and `-_./`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProjectReference(String);

impl ProjectReference {
    pub fn parse(input: &str) -> Option<ProjectReference> {
        let trimmed = input.trim();
        let valid = (1..=40).contains(&trimmed.chars().count())
            && trimmed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
        valid.then(|| ProjectReference(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProjectReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Common Procurement Vocabulary code, `NNNNNNNN-N`, whose last digit
/// checks the eight before it: the digits weighted 3, 7, 1, 3, 7, 1, 3, 7,
/// summed, modulo 10.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CpvCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidCpv {
    Format,
    CheckDigit { expected: u8 },
}

impl CpvCode {
    const WEIGHTS: [u32; 8] = [3, 7, 1, 3, 7, 1, 3, 7];

    pub fn parse(input: &str) -> Result<CpvCode, InvalidCpv> {
        let trimmed = input.trim();
        let (digits, check) = trimmed.split_once('-').ok_or(InvalidCpv::Format)?;
        let well_formed = digits.len() == 8
            && check.len() == 1
            && digits
                .bytes()
                .chain(check.bytes())
                .all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(InvalidCpv::Format);
        }
        let sum: u32 = digits
            .bytes()
            .zip(Self::WEIGHTS)
            .map(|(digit, weight)| u32::from(digit - b'0') * weight)
            .sum();
        let expected = u8::try_from(sum % 10).unwrap_or_default();
        if check.as_bytes()[0] - b'0' != expected {
            return Err(InvalidCpv::CheckDigit { expected });
        }
        Ok(CpvCode(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An ISO 4217 currency code such as `EUR`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Currency(String);

impl Currency {
    pub fn parse(input: &str) -> Option<Currency> {
        let code = input.trim().to_ascii_uppercase();
        (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())).then_some(Currency(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar day, `YYYY-MM-DD`, for due dates and planned dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

impl Day {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1900..=9999).contains(&year)).then_some(Day {
            year,
            month,
            day,
        })
    }

    pub fn parse(input: &str) -> Option<Day> {
        let mut parts = input.trim().splitn(3, '-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Day::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 for January to 12 for December.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The day of a Unix time in milliseconds, UTC.
    pub fn from_unix_millis(millis: i64) -> Day {
        Day::from_days_since_epoch(millis.div_euclid(MILLIS_PER_DAY))
    }

    /// The day that is `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Day {
        // Civil-from-days (H. Hinnant), valid for the whole range Procura uses.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day {
            year: u16::try_from(year).unwrap_or(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// How many days the day is after 1970-01-01, negative before it.
    pub fn days_since_epoch(self) -> i64 {
        // Days-from-civil (H. Hinnant), the inverse of `from_days_since_epoch`.
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The Unix time in milliseconds of the day's midnight, UTC.
    pub fn unix_millis(self) -> i64 {
        self.days_since_epoch() * MILLIS_PER_DAY
    }

    /// The day of the week as ISO 8601 numbers it: 1 for Monday to 7 for Sunday.
    pub fn iso_weekday(self) -> u8 {
        // 1970-01-01 was a Thursday, weekday 4.
        let weekday = (self.days_since_epoch() + 3).rem_euclid(7) + 1;
        u8::try_from(weekday).unwrap_or(1)
    }
}

const MILLIS_PER_DAY: i64 = 86_400_000;

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Past its due date and not settled.
pub fn is_overdue(due: Option<Day>, status: ItemStatus, today: Day) -> bool {
    due.is_some_and(|due| due < today) && !status.is_settled()
}

/// Why a project may not move to its next stage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GateRefusal {
    /// Practices whose item in the current phase is neither done nor not applicable.
    pub open_items: Vec<PracticeNumber>,
    /// No stakeholder with the CISO role has signed the phase off.
    pub missing_sign_off: bool,
    /// The project is closed already.
    pub closed: bool,
    /// The risk register was not reviewed during the current phase.
    pub missing_review: bool,
}

/// The practices whose item is neither done nor not applicable, in order.
fn open_items(items: &[(PracticeNumber, ItemStatus)]) -> Vec<PracticeNumber> {
    let mut open: Vec<PracticeNumber> = items
        .iter()
        .filter(|(_, status)| !status.is_settled())
        .map(|(practice, _)| *practice)
        .collect();
    open.sort();
    open
}

/// Whether the CISO may sign a phase off: every item of the phase settled
/// and the risk register reviewed during it, so a sign-off always vouches
/// for a finished phase. The refusal names what is missing, its
/// `missing_sign_off` unset.
pub fn check_sign_off(
    items: &[(PracticeNumber, ItemStatus)],
    risks_reviewed: bool,
) -> Result<(), GateRefusal> {
    let open_items = open_items(items);
    if open_items.is_empty() && risks_reviewed {
        Ok(())
    } else {
        Err(GateRefusal {
            open_items,
            missing_sign_off: false,
            closed: false,
            missing_review: !risks_reviewed,
        })
    }
}

/// The gate rule: every item of the current phase settled, the risk
/// register reviewed during the phase (practice 13: threats are identified
/// throughout), and the phase signed off by a CISO.
pub fn check_gate(
    stage: Stage,
    items: &[(PracticeNumber, ItemStatus)],
    signed_off: bool,
    risks_reviewed: bool,
) -> Result<Stage, GateRefusal> {
    let Some(next) = stage.next() else {
        return Err(GateRefusal {
            closed: true,
            ..GateRefusal::default()
        });
    };
    let open_items = open_items(items);
    if open_items.is_empty() && signed_off && risks_reviewed {
        Ok(next)
    } else {
        Err(GateRefusal {
            open_items,
            missing_sign_off: !signed_off,
            closed: false,
            missing_review: !risks_reviewed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_cpv(input: &str, expected: Result<(), InvalidCpv>) {
        assert_eq!(CpvCode::parse(input).map(|_| ()), expected, "{input:?}");
    }

    #[test]
    fn cpv_codes() {
        // Codes of the vocabulary itself.
        for valid in [
            "33100000-1",
            "45000000-7",
            "72000000-5",
            "48000000-8",
            "30200000-1",
            "33141110-4",
            "79342000-3",
            " 85000000-9 ",
        ] {
            check_cpv(valid, Ok(()));
        }
        check_cpv("33100000-2", Err(InvalidCpv::CheckDigit { expected: 1 }));
        check_cpv("3310000-1", Err(InvalidCpv::Format));
        check_cpv("33100000", Err(InvalidCpv::Format));
        check_cpv("3310000A-1", Err(InvalidCpv::Format));
        check_cpv("33100000-12", Err(InvalidCpv::Format));
    }

    #[test]
    fn references_and_currencies() {
        assert_eq!(
            ProjectReference::parse(" MAR-2026/014 ").map(|r| r.to_string()),
            Some("MAR-2026/014".into())
        );
        assert!(ProjectReference::parse("").is_none());
        assert!(ProjectReference::parse("with space").is_none());
        assert!(ProjectReference::parse(&"x".repeat(41)).is_none());
        assert_eq!(
            Currency::parse("eur").map(|c| c.as_str().to_owned()),
            Some("EUR".into())
        );
        assert!(Currency::parse("EURO").is_none());
    }

    #[test]
    fn days() {
        assert_eq!(
            Day::parse("2026-02-28").map(|d| d.to_string()),
            Some("2026-02-28".into())
        );
        assert!(Day::parse("2026-02-29").is_none());
        assert!(Day::parse("2028-02-29").is_some());
        assert!(Day::parse("2026-13-01").is_none());
        assert!(Day::parse("26-01-01").is_none());
        assert_eq!(Day::from_unix_millis(0).to_string(), "1970-01-01");
        assert_eq!(
            Day::from_unix_millis(1_780_000_000_000).to_string(),
            "2026-05-28"
        );
        assert_eq!(
            Day::from_unix_millis(951_782_400_000).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn days_count_from_the_epoch_and_know_their_weekday() {
        // (day, days since 1970-01-01, ISO weekday)
        let cases = [
            ("1970-01-01", 0, 4),
            ("1969-12-31", -1, 3),
            ("1900-03-01", -25_508, 4),
            ("2000-02-29", 11_016, 2),
            ("2026-03-29", 20_541, 7),
            ("2026-10-25", 20_751, 7),
            ("2026-12-03", 20_790, 4),
            ("2028-12-31", 21_549, 7),
        ];
        for (text, days, weekday) in cases {
            let day = Day::parse(text).unwrap();
            assert_eq!(day.days_since_epoch(), days, "{text}");
            assert_eq!(Day::from_days_since_epoch(days), day, "{text}");
            assert_eq!(day.iso_weekday(), weekday, "{text}");
            assert_eq!(Day::from_unix_millis(day.unix_millis()), day, "{text}");
        }
    }

    #[test]
    fn overdue() {
        let today = Day::new(2026, 11, 28).unwrap();
        let yesterday = Day::new(2026, 11, 27);
        assert!(is_overdue(yesterday, ItemStatus::Todo, today));
        assert!(is_overdue(yesterday, ItemStatus::InProgress, today));
        assert!(!is_overdue(yesterday, ItemStatus::Done, today));
        assert!(!is_overdue(yesterday, ItemStatus::NotApplicable, today));
        assert!(!is_overdue(Some(today), ItemStatus::Todo, today));
        assert!(!is_overdue(None, ItemStatus::Todo, today));
    }

    fn practice(n: u8) -> PracticeNumber {
        PracticeNumber::new(n).unwrap()
    }

    #[test]
    fn gate() {
        use ItemStatus::*;
        let items = [
            (practice(3), Todo),
            (practice(1), Done),
            (practice(2), InProgress),
            (practice(4), NotApplicable),
        ];
        let refusal = check_gate(Stage::Planning, &items, false, true).unwrap_err();
        assert_eq!(refusal.open_items, [practice(2), practice(3)]);
        assert!(refusal.missing_sign_off);
        assert!(!refusal.missing_review);
        let settled = [(practice(1), Done), (practice(4), NotApplicable)];
        assert!(
            check_gate(Stage::Planning, &settled, false, true)
                .unwrap_err()
                .missing_sign_off
        );
        let unreviewed = check_gate(Stage::Planning, &settled, true, false).unwrap_err();
        assert!(unreviewed.missing_review);
        assert!(!unreviewed.missing_sign_off);
        assert!(unreviewed.open_items.is_empty());
        assert_eq!(
            check_gate(Stage::Planning, &settled, true, true),
            Ok(Stage::SupplierSelection)
        );
        assert_eq!(
            check_gate(Stage::Management, &[], true, true),
            Ok(Stage::Closed)
        );
        assert!(
            check_gate(Stage::Closed, &[], true, true)
                .unwrap_err()
                .closed
        );
    }

    #[test]
    fn a_phase_is_signed_off_only_once_settled_and_reviewed() {
        let n = |number| PracticeNumber::new(number).expect("practice");
        let settled = [(n(1), ItemStatus::Done), (n(2), ItemStatus::NotApplicable)];
        let open = [(n(1), ItemStatus::Done), (n(3), ItemStatus::InProgress)];
        type Case<'a> = (
            &'a [(PracticeNumber, ItemStatus)],
            bool,
            Result<(), (Vec<u8>, bool)>,
        );
        let cases: [Case; 4] = [
            (&settled, true, Ok(())),
            (&settled, false, Err((vec![], true))),
            (&open, true, Err((vec![3], false))),
            (&open, false, Err((vec![3], true))),
        ];
        for (items, reviewed, expected) in cases {
            let result = check_sign_off(items, reviewed).map_err(|refusal| {
                assert!(!refusal.missing_sign_off && !refusal.closed);
                (
                    refusal
                        .open_items
                        .iter()
                        .map(|p| p.get())
                        .collect::<Vec<_>>(),
                    refusal.missing_review,
                )
            });
            assert_eq!(result, expected, "{items:?} reviewed {reviewed}");
        }
    }
}
