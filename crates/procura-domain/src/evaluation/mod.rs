//! Scoring the security part of a bid: the selection conditions decide
//! whether the candidate stays in the competition, the minimum requirements
//! whether the offer is regular, the award requirements give
//! it a score out of 100 by their weights, and the clauses a bidder refuses
//! are listed for the buyer to weigh. Evaluators may override one
//! requirement's score, always with a written justification, because the
//! answer a supplier ticks is a claim the evidence may not bear out.

use std::collections::BTreeMap;

use crate::{Answer, RequirementCode, RequirementKind};

/// Where a bid stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BidStatus {
    /// Registered; answers may still come in or change.
    Pending,
    /// The supplier submitted through the portal: its answers are final.
    Submitted,
    /// The contract went to this bid.
    Awarded,
}

impl BidStatus {
    pub const ALL: [BidStatus; 3] = [Self::Pending, Self::Submitted, Self::Awarded];

    pub fn id(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Submitted => "submitted",
            Self::Awarded => "awarded",
        }
    }

    pub fn parse(input: &str) -> Option<BidStatus> {
        Self::ALL
            .into_iter()
            .find(|status| status.id() == input.trim())
    }
}

/// How answers turn into credit, set per project. Percentages of a
/// requirement's weight; "not applicable" is always left out of the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoringRules {
    /// A "partial" answer to an eligibility requirement excludes the bid.
    pub partial_fails_eligibility: bool,
    pub yes: u32,
    pub partial: u32,
    pub no: u32,
}

impl Default for ScoringRules {
    fn default() -> Self {
        ScoringRules {
            partial_fails_eligibility: false,
            yes: 100,
            partial: 50,
            no: 0,
        }
    }
}

/// Scoring rules outside 0–100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an answer's credit must be between 0 and 100 %")]
pub struct InvalidRules;

impl ScoringRules {
    pub fn new(
        partial_fails_eligibility: bool,
        yes: u32,
        partial: u32,
        no: u32,
    ) -> Result<ScoringRules, InvalidRules> {
        if [yes, partial, no].iter().any(|value| *value > 100) {
            return Err(InvalidRules);
        }
        Ok(ScoringRules {
            partial_fails_eligibility,
            yes,
            partial,
            no,
        })
    }

    /// The share of the weight an answer earns; `None` leaves the
    /// requirement out of the denominator.
    pub fn credit(&self, answer: Answer) -> Option<u32> {
        match answer {
            Answer::Yes => Some(self.yes),
            Answer::Partial => Some(self.partial),
            Answer::No => Some(self.no),
            Answer::NotApplicable => None,
        }
    }
}

/// One requirement of the tender as scoring sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub code: RequirementCode,
    pub kind: RequirementKind,
    /// Whole percent, for award requirements.
    pub weight: u32,
}

/// An evaluator's score for one requirement in place of the answer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Percent of the requirement's weight; on an eligibility requirement
    /// 100 means met, 0 not met, anything between counts as partial.
    pub score: u32,
    pub justification: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidOverride {
    #[error("an overridden score must be between 0 and 100")]
    Score,
    #[error("an overridden score needs a justification")]
    Justification,
}

impl Override {
    pub fn new(score: u32, justification: &str) -> Result<Override, InvalidOverride> {
        if score > 100 {
            return Err(InvalidOverride::Score);
        }
        let justification = justification.trim();
        if justification.is_empty() {
            return Err(InvalidOverride::Justification);
        }
        Ok(Override {
            score,
            justification: justification.to_owned(),
        })
    }
}

/// Why a bid is out: one unmet pass/fail requirement. A selection
/// condition excludes the candidate; a minimum requirement makes the offer
/// irregular. Both keep the bid out of the ranking, and the report words
/// each in its own terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ineligibility {
    pub code: RequirementCode,
    /// [`RequirementKind::Selection`] or [`RequirementKind::Minimum`].
    pub kind: RequirementKind,
    /// `None` when the bidder did not answer.
    pub answer: Option<Answer>,
    /// The evaluator's override decided it.
    pub overridden: bool,
}

/// One requirement of one bid, scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineScore {
    pub code: RequirementCode,
    pub kind: RequirementKind,
    pub weight: u32,
    pub answer: Option<Answer>,
    /// Percent of the weight earned, for award requirements that count;
    /// `None` for the others and for "not applicable".
    pub credit: Option<u32>,
    pub overridden: bool,
    /// Selection condition or minimum requirement met, clause accepted; for award lines, earned anything.
    pub met: bool,
}

/// A bid's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidScore {
    pub eligible: bool,
    pub ineligible: Vec<Ineligibility>,
    /// Clauses answered "no" (or left unanswered): reservations to weigh.
    pub reservations: Vec<RequirementCode>,
    /// Pass/fail requirements the bidder declared not applicable and no
    /// evaluator has ruled on yet: a claim that would otherwise let any
    /// bidder pass, so the award waits for a ruling on each.
    pub to_verify: Vec<RequirementCode>,
    /// Award criteria no evaluator has graded yet: they earn nothing, and
    /// the award waits until each is graded.
    pub to_grade: Vec<RequirementCode>,
    /// The security score in tenths of a point, 0 to 1000.
    pub score_tenths: u32,
    /// Some award requirement counted (otherwise the score means nothing).
    pub scored: bool,
    pub unanswered: usize,
    pub lines: Vec<LineScore>,
}

impl BidScore {
    /// No answer came in yet: the bid is waiting, not failing.
    pub fn awaiting_answers(&self) -> bool {
        !self.lines.is_empty() && self.unanswered == self.lines.len()
    }

    /// A selection condition is not met: the candidate is excluded.
    pub fn candidate_excluded(&self) -> bool {
        self.ineligible
            .iter()
            .any(|line| line.kind == RequirementKind::Selection)
    }

    /// A minimum requirement is not met: the offer is irregular.
    pub fn offer_irregular(&self) -> bool {
        self.ineligible
            .iter()
            .any(|line| line.kind == RequirementKind::Minimum)
    }

    /// The score out of 100 with one decimal, `72.5`.
    pub fn score_text(&self) -> String {
        format!("{}.{}", self.score_tenths / 10, self.score_tenths % 10)
    }
}

/// The grade an evaluator is offered for an award criterion from the
/// supplier's self-assessment, on a scale of `0..=max`: the answer's
/// credit under the project's rules, rounded to the nearest step. A
/// proposal only; it never counts until an evaluator grades.
pub fn proposed_grade(answer: Option<Answer>, rules: &ScoringRules, max: u32) -> Option<u32> {
    let credit = rules.credit(answer?)?;
    Some((credit * max * 2 + 100) / 200)
}

/// The share of an award criterion's weight a grade earns, in percent,
/// and whether the grade is a step of the `0..=max` scale.
pub fn grade_score(grade: u32, max: u32) -> Option<u32> {
    (max > 0 && grade <= max).then(|| grade * 100 / max)
}

/// The grade a stored score stands for on a `0..=max` scale, when it is
/// one of its steps.
pub fn score_grade(score: u32, max: u32) -> Option<u32> {
    (0..=max).find(|grade| grade_score(*grade, max) == Some(score))
}

/// Parses a supplier's answer word in French or English, with or without
/// accents and capitals, or Procura's own ids.
pub fn parse_answer(word: &str) -> Option<Answer> {
    let folded: String = word
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '_' | '-' => ' ',
            other => other,
        })
        .collect();
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.as_str() {
        "yes" | "oui" | "y" | "o" => Some(Answer::Yes),
        "partial" | "partially" | "partiel" | "partielle" | "partiellement" => {
            Some(Answer::Partial)
        }
        "no" | "non" | "n" => Some(Answer::No),
        "not applicable" | "n/a" | "na" | "sans objet" | "s/o" | "so" | "non applicable" => {
            Some(Answer::NotApplicable)
        }
        _ => None,
    }
}

/// What an eligibility line comes to: met or not.
fn eligibility_met(answer: Option<Answer>, held: Option<&Override>, rules: &ScoringRules) -> bool {
    match (held, answer) {
        (Some(held), _) if held.score >= 100 => true,
        (Some(held), _) if held.score == 0 => false,
        (Some(_), _) => !rules.partial_fails_eligibility,
        (None, Some(Answer::Yes | Answer::NotApplicable)) => true,
        (None, Some(Answer::Partial)) => !rules.partial_fails_eligibility,
        (None, Some(Answer::No) | None) => false,
    }
}

/// Scores one bid: unanswered eligibility requirements exclude it, and
/// unanswered award requirements earn nothing but still count.
pub fn score_bid(
    criteria: &[Criterion],
    answers: &BTreeMap<RequirementCode, Answer>,
    overrides: &BTreeMap<RequirementCode, Override>,
    rules: &ScoringRules,
) -> BidScore {
    let mut ineligible = Vec::new();
    let mut reservations = Vec::new();
    let mut to_verify = Vec::new();
    let mut to_grade = Vec::new();
    let mut graded = false;
    let mut lines = Vec::with_capacity(criteria.len());
    let (mut earned, mut counted) = (0_u64, 0_u64);
    let mut unanswered = 0;
    for criterion in criteria {
        let answer = answers.get(&criterion.code).copied();
        let held = overrides.get(&criterion.code);
        if answer.is_none() {
            unanswered += 1;
        }
        let (credit, met) = match criterion.kind {
            RequirementKind::Selection | RequirementKind::Minimum => {
                if held.is_none() && answer == Some(Answer::NotApplicable) {
                    to_verify.push(criterion.code.clone());
                }
                let met = eligibility_met(answer, held, rules);
                if !met {
                    ineligible.push(Ineligibility {
                        code: criterion.code.clone(),
                        kind: criterion.kind,
                        answer,
                        overridden: held.is_some(),
                    });
                }
                (None, met)
            }
            RequirementKind::Clause => {
                let met = match held {
                    Some(held) => held.score > 0,
                    None => matches!(
                        answer,
                        Some(Answer::Yes | Answer::Partial | Answer::NotApplicable)
                    ),
                };
                if !met {
                    reservations.push(criterion.code.clone());
                }
                (None, met)
            }
            RequirementKind::Award => {
                // Only an evaluator's grade scores an award criterion: the
                // supplier's own answer is a claim, offered as a proposal.
                let credit = held.map(|held| held.score);
                graded |= credit.is_some();
                if credit.is_none() {
                    to_grade.push(criterion.code.clone());
                }
                earned += u64::from(criterion.weight) * u64::from(credit.unwrap_or(0));
                counted += u64::from(criterion.weight);
                (credit, credit.is_some_and(|credit| credit > 0))
            }
        };
        lines.push(LineScore {
            code: criterion.code.clone(),
            kind: criterion.kind,
            weight: criterion.weight,
            answer,
            credit,
            overridden: held.is_some(),
            met,
        });
    }
    // earned / counted is a percentage; ten times it, rounded half up.
    let score_tenths = if counted == 0 {
        0
    } else {
        u32::try_from((earned * 10 * 2 + counted) / (counted * 2)).unwrap_or(1000)
    };
    BidScore {
        eligible: ineligible.is_empty(),
        ineligible,
        reservations,
        to_verify,
        to_grade,
        score_tenths,
        scored: graded,
        unanswered,
        lines,
    }
}

/// Ranks of the bids in order: eligible bids by score, ties sharing a rank
/// (1, 1, 3); ineligible bids get none.
pub fn rank(scores: &[&BidScore]) -> Vec<Option<u32>> {
    scores
        .iter()
        .map(|score| {
            score.eligible.then(|| {
                let better = scores
                    .iter()
                    .filter(|other| other.eligible && other.score_tenths > score.score_tenths)
                    .count();
                u32::try_from(better + 1).unwrap_or(u32::MAX)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
