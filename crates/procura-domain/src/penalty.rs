//! Penalties (*pénalités*) of the contract's security clauses: a clause
//! with a deadline is only binding if missing it costs something. The
//! library proposes an amount per clause; the buyer edits it per project
//! and chooses the cap, which the CCAP prints with the formula.

/// What a penalty is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PenaltyBasis {
    /// Per calendar day of delay.
    Day,
    /// Per hour of delay, for notification deadlines counted in hours.
    Hour,
    /// Per breach.
    Occurrence,
}

impl PenaltyBasis {
    pub const ALL: [PenaltyBasis; 3] = [Self::Day, Self::Hour, Self::Occurrence];

    pub fn id(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Hour => "hour",
            Self::Occurrence => "occurrence",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|basis| basis.id() == input.trim())
    }
}

/// A clause's penalty: `amount` euros excluding VAT per `basis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Penalty {
    pub basis: PenaltyBasis,
    pub amount_eur: u32,
}

/// The highest amount one penalty may be set to, a guard against typing
/// errors rather than a legal limit.
pub const MAX_PENALTY_EUR: u32 = 1_000_000;

/// A penalty amount or cap the buyer typed that cannot be right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPenalty {
    #[error("a penalty amount must be between 1 and 1 000 000 euros")]
    Amount,
    #[error("the penalty cap must be between 1 and 100 % of the contract's amount")]
    Cap,
}

impl Penalty {
    pub fn new(basis: PenaltyBasis, amount_eur: u32) -> Result<Self, InvalidPenalty> {
        if (1..=MAX_PENALTY_EUR).contains(&amount_eur) {
            Ok(Self { basis, amount_eur })
        } else {
            Err(InvalidPenalty::Amount)
        }
    }
}

/// The cap on the total of the security penalties, in percent of the
/// contract's amount excluding VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PenaltyCap(u32);

impl PenaltyCap {
    /// 10 %, the cap the CCAG-TIC's own penalties have since 2021.
    pub const DEFAULT: PenaltyCap = PenaltyCap(10);

    pub fn new(percent: u32) -> Result<Self, InvalidPenalty> {
        if (1..=100).contains(&percent) {
            Ok(Self(percent))
        } else {
            Err(InvalidPenalty::Cap)
        }
    }

    pub fn percent(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_caps_stay_in_range() {
        let cases = [
            (0, false),
            (1, true),
            (150, true),
            (1_000_000, true),
            (1_000_001, false),
        ];
        for (amount, ok) in cases {
            assert_eq!(
                Penalty::new(PenaltyBasis::Day, amount).is_ok(),
                ok,
                "{amount}"
            );
        }
        let caps = [(0, false), (1, true), (10, true), (100, true), (101, false)];
        for (percent, ok) in caps {
            assert_eq!(PenaltyCap::new(percent).is_ok(), ok, "{percent}");
        }
        for basis in PenaltyBasis::ALL {
            assert_eq!(PenaltyBasis::parse(basis.id()), Some(basis));
        }
    }
}
