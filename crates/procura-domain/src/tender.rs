//! The rules of a tender's security criteria: what kind of criterion a
//! requirement is, how award weights are proposed and checked, and the
//! answers a bidder may give.

use std::fmt;

use crate::{Localized, Penalty, PenaltyCap, PracticeNumber, ProcurementType, ReferenceId};

/// How a requirement works in the call for tenders: four legal objects of
/// French public procurement, each published in its own part of the DCE and
/// each with its own consequence when a bid falls short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequirementKind {
    /// A condition on the candidate (capacities, certifications of the
    /// firm), published in the RC: a candidate who does not meet it is
    /// excluded (CCP L.2142-1, R.2142-1 ff.).
    Selection,
    /// A minimum requirement on the offer, published in the CCTP: an offer
    /// that fails it is irregular (CCP L.2152-2) and may only be
    /// regularised as R.2152-2 allows.
    Minimum,
    /// An award criterion with a weight in the security score, published
    /// in the RC (CCP L.2152-7, R.2152-7): it assesses the offer, never the
    /// firm's past.
    Award,
    /// A contract obligation the contractor must honour, in the CCAP.
    Clause,
}

/// The part of the consultation file (DCE) a requirement is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DcePart {
    /// Règlement de la consultation: selection and award.
    Rc,
    /// Cahier des clauses techniques particulières: the offer's minimum.
    Cctp,
    /// Cahier des clauses administratives particulières: the contract.
    Ccap,
}

impl DcePart {
    pub fn id(self) -> &'static str {
        match self {
            Self::Rc => "rc",
            Self::Cctp => "cctp",
            Self::Ccap => "ccap",
        }
    }
}

impl RequirementKind {
    pub const ALL: [RequirementKind; 4] =
        [Self::Selection, Self::Minimum, Self::Award, Self::Clause];

    pub fn id(self) -> &'static str {
        match self {
            Self::Selection => "selection",
            Self::Minimum => "minimum",
            Self::Award => "award",
            Self::Clause => "clause",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == input.trim())
    }

    /// Met or not met, never scored: selection conditions and minimum
    /// requirements.
    pub fn is_pass_fail(self) -> bool {
        matches!(self, Self::Selection | Self::Minimum)
    }

    pub fn dce_part(self) -> DcePart {
        match self {
            Self::Selection | Self::Award => DcePart::Rc,
            Self::Minimum => DcePart::Cctp,
            Self::Clause => DcePart::Ccap,
        }
    }

    /// The articles of the Code de la commande publique the kind rests on,
    /// as `ccp:` references of the reference registry.
    pub fn legal_basis(self) -> &'static [&'static str] {
        match self {
            Self::Selection => &["ccp:L.2142-1", "ccp:R.2142-1"],
            Self::Minimum => &["ccp:L.2152-2", "ccp:R.2152-2"],
            Self::Award => &["ccp:L.2152-7", "ccp:R.2152-7"],
            Self::Clause => &["ccp:L.2112-2"],
        }
    }
}

/// A requirement's public id: `REQ-` then upper-case letters, digits and
/// dashes, such as `REQ-VUL-01` from the library or `REQ-ORG-003` from an
/// organisation's own library.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequirementCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid requirement id {0:?}: expected REQ- followed by upper-case letters, digits and dashes"
)]
pub struct InvalidRequirementCode(pub String);

impl RequirementCode {
    pub fn parse(input: &str) -> Result<Self, InvalidRequirementCode> {
        let code = input.trim();
        let rest = code.strip_prefix("REQ-").unwrap_or("");
        let valid = !rest.is_empty()
            && code.len() <= 32
            && !rest.starts_with('-')
            && !rest.ends_with('-')
            && !rest.contains("--")
            && rest
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(Self(code.to_owned()))
        } else {
            Err(InvalidRequirementCode(input.to_owned()))
        }
    }

    /// The code an organisation's n-th own requirement gets.
    pub fn custom(sequence: u32) -> Self {
        Self(format!("REQ-ORG-{sequence:03}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The theme, the segment after `REQ-`: `VUL` for `REQ-VUL-01`.
    pub fn theme(&self) -> &str {
        self.0
            .trim_start_matches("REQ-")
            .split('-')
            .next()
            .unwrap_or_default()
    }
}

impl fmt::Display for RequirementCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The weights of the award criteria, in whole percent, must total this.
pub const WEIGHT_TOTAL: u32 = 100;

/// Award weights that do not total 100 %: no tender document may be made
/// from them, since bidders would be scored on an arbitrary scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("award weights total {total} %, not 100 %")]
pub struct WeightsDoNotTotal {
    pub total: u32,
}

/// Checks that the weights of the award criteria total 100 %. A tender
/// without award criteria has nothing to weigh and passes.
pub fn check_weights(weights: &[u32]) -> Result<(), WeightsDoNotTotal> {
    if weights.is_empty() {
        return Ok(());
    }
    let total = weights.iter().sum();
    if total == WEIGHT_TOTAL {
        Ok(())
    } else {
        Err(WeightsDoNotTotal { total })
    }
}

/// Turns relative importances into whole percentages that total exactly
/// 100, by the largest-remainder method, so a proposal is valid as made.
/// Ties on the remainder go to the earlier criterion, which keeps the result
/// deterministic. All-zero input is treated as equal importance.
pub fn distribute(importance: &[u32]) -> Vec<u32> {
    if importance.is_empty() {
        return Vec::new();
    }
    let equal = vec![1; importance.len()];
    let importance = if importance.iter().all(|value| *value == 0) {
        &equal
    } else {
        importance
    };
    let sum: u64 = importance.iter().map(|value| u64::from(*value)).sum();
    let total = u64::from(WEIGHT_TOTAL);
    let mut shares: Vec<(u32, u64, usize)> = importance
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let exact = u64::from(*value) * total;
            // Each share is at most `total`, so it fits in u32.
            let floor = u32::try_from(exact / sum).unwrap_or(WEIGHT_TOTAL);
            (floor, exact % sum, index)
        })
        .collect();
    let given: u64 = shares.iter().map(|(floor, _, _)| u64::from(*floor)).sum();
    let mut left = total.saturating_sub(given);
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| shares[*b].1.cmp(&shares[*a].1).then(a.cmp(b)));
    for index in order {
        if left == 0 {
            break;
        }
        shares[index].0 += 1;
        left -= 1;
    }
    shares.into_iter().map(|(share, _, _)| share).collect()
}

/// What the annex is made from, in both languages: the renderer picks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderInput {
    pub organisation: String,
    /// `None` for a quick draft made from procurement types alone.
    pub project_id: Option<String>,
    pub reference: Option<String>,
    pub title: String,
    pub description: String,
    pub types: Vec<ProcurementType>,
    /// `YYYY-MM-DD`.
    pub generated: String,
    /// The selection's version, stamped into the questionnaire.
    pub version: i64,
    /// The included requirements, in the selection's order.
    pub requirements: Vec<SelectedRequirement>,
    pub terms: TenderTerms,
}

/// What the buyer sets for the documents beyond the requirement list: the
/// lot the annex belongs to and the cap on the security penalties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderTerms {
    /// The lot's number and name; `None` for a single-lot consultation.
    pub lot: Option<String>,
    pub penalty_cap: PenaltyCap,
    /// The grading scale the RC publishes, from 0 up, one step a grade.
    pub grading: Vec<GradeStep>,
}

impl TenderTerms {
    /// The terms a project starts with: a single lot, the library's cap
    /// and scale.
    pub fn new(penalty_cap: PenaltyCap, grading: Vec<GradeStep>) -> Self {
        Self {
            lot: None,
            penalty_cap,
            grading,
        }
    }
}

/// One step of the grading scale: its value, its name and what an answer
/// must show to earn it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeStep {
    pub value: u32,
    pub label: Localized,
    pub descriptor: Localized,
}

/// One included requirement with the kind and weight the buyer chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectedRequirement {
    pub code: RequirementCode,
    pub kind: RequirementKind,
    /// Whole percent; only award criteria count.
    pub weight: u32,
    pub practices: Vec<PracticeNumber>,
    /// Short title, for tables and cross-references.
    pub title: Localized,
    pub text: Localized,
    pub evidence: Localized,
    /// Standard ids of the library.
    pub standards: Vec<String>,
    /// Structured references (`nis2:21.2.d`), the kind's own articles left out.
    pub refs: Vec<ReferenceId>,
    /// A caution for the buyer.
    pub note: Option<Localized>,
    /// Why it is asked of this purchase although the guidelines do not map
    /// it to the purchase's types; `None` when they do.
    pub beyond_enisa: Option<Localized>,
    /// The penalty of a clause with a deadline, as the project set it.
    pub penalty: Option<Penalty>,
}

/// A bidder's answer to one requirement of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Yes,
    Partial,
    No,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Self::Yes, Self::Partial, Self::No, Self::NotApplicable];

    pub fn id(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partial => "partial",
            Self::No => "no",
            Self::NotApplicable => "not-applicable",
        }
    }

    /// A partial answer says what is missing and "not applicable" says
    /// why: neither means anything to an evaluator without a comment.
    pub fn needs_comment(self) -> bool {
        matches!(self, Self::Partial | Self::NotApplicable)
    }

    pub fn parse(input: &str) -> Option<Answer> {
        Self::ALL
            .into_iter()
            .find(|answer| answer.id() == input.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_ids() {
        for kind in RequirementKind::ALL {
            assert_eq!(RequirementKind::parse(kind.id()), Some(kind));
        }
        assert_eq!(RequirementKind::parse("scored"), None);
    }

    #[test]
    fn requirement_codes_are_checked() {
        for good in ["REQ-VUL-01", "REQ-ORG-003", "REQ-X"] {
            assert!(RequirementCode::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "REQ-",
            "req-vul-01",
            "REQ--1",
            "REQ-VUL-",
            "VUL-01",
            "REQ-a",
        ] {
            assert!(RequirementCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(RequirementCode::custom(7).as_str(), "REQ-ORG-007");
        assert_eq!(
            RequirementCode::parse("REQ-CLD-04").map(|c| c.theme().to_owned()),
            Ok("CLD".to_owned())
        );
    }

    #[test]
    fn weights_must_total_one_hundred() {
        let cases: &[(&[u32], Option<u32>)] = &[
            (&[], None),
            (&[100], None),
            (&[40, 35, 25], None),
            (&[40, 35, 20], Some(95)),
            (&[60, 60], Some(120)),
            (&[0], Some(0)),
        ];
        for (weights, refused_total) in cases {
            assert_eq!(
                check_weights(weights).err().map(|e| e.total),
                *refused_total,
                "{weights:?}"
            );
        }
    }

    #[test]
    fn distribution_totals_one_hundred_and_follows_importance() {
        let cases: &[(&[u32], &[u32])] = &[
            (&[], &[]),
            (&[1], &[100]),
            (&[1, 1, 1], &[34, 33, 33]),
            (&[3, 1], &[75, 25]),
            (&[5, 3, 2], &[50, 30, 20]),
            (&[0, 0], &[50, 50]),
            (&[2, 0, 2], &[50, 0, 50]),
            (&[1, 1, 1, 1, 1, 1, 1], &[15, 15, 14, 14, 14, 14, 14]),
        ];
        for (importance, expected) in cases {
            assert_eq!(distribute(importance), *expected, "{importance:?}");
        }
        let many: Vec<u32> = (0..37).map(|i| 1 + i % 5).collect();
        let shares = distribute(&many);
        assert_eq!(shares.iter().sum::<u32>(), 100);
        assert!(check_weights(&shares).is_ok());
    }
}
