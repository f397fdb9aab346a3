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
mod tests {
    use super::*;

    fn code(text: &str) -> RequirementCode {
        RequirementCode::parse(text).expect("code")
    }

    fn criteria() -> Vec<Criterion> {
        let line = |text: &str, kind, weight| Criterion {
            code: code(text),
            kind,
            weight,
        };
        vec![
            line("REQ-E-1", RequirementKind::Selection, 0),
            line("REQ-E-2", RequirementKind::Minimum, 0),
            line("REQ-A-1", RequirementKind::Award, 50),
            line("REQ-A-2", RequirementKind::Award, 30),
            line("REQ-A-3", RequirementKind::Award, 20),
            line("REQ-C-1", RequirementKind::Clause, 0),
        ]
    }

    fn answers(list: &[(&str, Answer)]) -> BTreeMap<RequirementCode, Answer> {
        list.iter().map(|(c, a)| (code(c), *a)).collect()
    }

    use Answer::{No, NotApplicable as Na, Partial, Yes};

    /// Each case: answers, then whether the candidate is excluded, whether
    /// the offer is irregular, and the bid stays in the ranking.
    #[test]
    fn a_failed_selection_excludes_the_candidate_and_a_failed_minimum_the_offer() {
        let all_yes = [
            ("REQ-E-1", Yes),
            ("REQ-E-2", Yes),
            ("REQ-A-1", Yes),
            ("REQ-A-2", Yes),
            ("REQ-A-3", Yes),
            ("REQ-C-1", Yes),
        ];
        let with = |code: &'static str, answer: Answer| {
            let mut list = all_yes.to_vec();
            list.retain(|(c, _)| *c != code);
            list.push((code, answer));
            list
        };
        type Case = (&'static str, Vec<(&'static str, Answer)>, bool, bool);
        let cases: Vec<Case> = vec![
            ("all met", all_yes.to_vec(), false, false),
            ("selection no", with("REQ-E-1", No), true, false),
            ("selection unanswered", all_yes[1..].to_vec(), true, false),
            ("minimum no", with("REQ-E-2", No), false, true),
            (
                "both",
                {
                    let mut list = with("REQ-E-2", No);
                    list.retain(|(c, _)| *c != "REQ-E-1");
                    list
                },
                true,
                true,
            ),
            ("clause refused only", with("REQ-C-1", No), false, false),
        ];
        for (label, list, excluded, irregular) in cases {
            let score = score_bid(
                &criteria(),
                &answers(&list),
                &BTreeMap::new(),
                &ScoringRules::default(),
            );
            assert_eq!(score.candidate_excluded(), excluded, "{label}: excluded");
            assert_eq!(score.offer_irregular(), irregular, "{label}: irregular");
            assert_eq!(score.eligible, !excluded && !irregular, "{label}: ranked");
            for line in &score.ineligible {
                let expected = if line.code.as_str() == "REQ-E-1" {
                    RequirementKind::Selection
                } else {
                    RequirementKind::Minimum
                };
                assert_eq!(line.kind, expected, "{label}: {}", line.code);
            }
        }
    }

    /// Each case: answers, overrides, rules, expected eligibility, score in
    /// tenths, the failing eligibility codes and the reservations.
    #[test]
    fn scores_follow_the_rules_as_data() {
        let strict = ScoringRules {
            partial_fails_eligibility: true,
            ..ScoringRules::default()
        };
        let generous = ScoringRules::new(false, 100, 75, 10).expect("rules");
        type Case<'a> = (
            &'a [(&'a str, Answer)],
            &'a [(&'a str, u32)],
            ScoringRules,
            bool,
            u32,
            &'a [&'a str],
            &'a [&'a str],
        );
        let cases: &[Case] = &[
            // All yes: 100.
            (
                &[
                    ("REQ-E-1", Yes),
                    ("REQ-E-2", Yes),
                    ("REQ-A-1", Yes),
                    ("REQ-A-2", Yes),
                    ("REQ-A-3", Yes),
                    ("REQ-C-1", Yes),
                ],
                &[],
                ScoringRules::default(),
                true,
                1000,
                &[],
                &[],
            ),
            // 50×100 + 30×50 + 20×0 = 6500 / 100 → 65.0
            (
                &[
                    ("REQ-E-1", Yes),
                    ("REQ-E-2", Partial),
                    ("REQ-A-1", Yes),
                    ("REQ-A-2", Partial),
                    ("REQ-A-3", No),
                    ("REQ-C-1", No),
                ],
                &[],
                ScoringRules::default(),
                true,
                650,
                &[],
                &["REQ-C-1"],
            ),
            // Same answers, partial eligibility excludes.
            (
                &[
                    ("REQ-E-1", Yes),
                    ("REQ-E-2", Partial),
                    ("REQ-A-1", Yes),
                    ("REQ-A-2", Partial),
                    ("REQ-A-3", No),
                    ("REQ-C-1", Yes),
                ],
                &[],
                strict,
                false,
                650,
                &["REQ-E-2"],
                &[],
            ),
            // An award criterion answered "not applicable" is not graded
            // from the answer: it earns nothing until an evaluator grades
            // it, (30×100 + 20×50) / 100 = 40.0
            (
                &[
                    ("REQ-E-1", Yes),
                    ("REQ-E-2", Na),
                    ("REQ-A-1", Na),
                    ("REQ-A-2", Yes),
                    ("REQ-A-3", Partial),
                    ("REQ-C-1", Yes),
                ],
                &[],
                ScoringRules::default(),
                true,
                400,
                &[],
                &[],
            ),
            // Unanswered: eligibility fails, award earns nothing, clause reserved.
            (
                &[("REQ-E-1", No), ("REQ-A-1", Yes)],
                &[],
                ScoringRules::default(),
                false,
                500,
                &["REQ-E-1", "REQ-E-2"],
                &["REQ-C-1"],
            ),
            // Overrides: A-1 cut to 40 %, E-1's "no" accepted by the evaluator.
            // 50×40 + 30×100 + 20×100 = 7000 → 70.0
            (
                &[
                    ("REQ-E-1", No),
                    ("REQ-E-2", Yes),
                    ("REQ-A-1", Yes),
                    ("REQ-A-2", Yes),
                    ("REQ-A-3", Yes),
                    ("REQ-C-1", Yes),
                ],
                &[("REQ-A-1", 40), ("REQ-E-1", 100)],
                ScoringRules::default(),
                true,
                700,
                &[],
                &[],
            ),
            // Configured credits: 50×75 + 30×10 + 20×100 = 6050 → 60.5
            (
                &[
                    ("REQ-E-1", Yes),
                    ("REQ-E-2", Yes),
                    ("REQ-A-1", Partial),
                    ("REQ-A-2", No),
                    ("REQ-A-3", Yes),
                    ("REQ-C-1", Yes),
                ],
                &[],
                generous,
                true,
                605,
                &[],
                &[],
            ),
            // An award criterion answered "not applicable" gets no
            // proposal, so it waits for a grade and earns nothing:
            // 50×0 + 30×50 + 20×0 over 100 → 15.0.
            (
                &[
                    ("REQ-E-1", Yes),
                    ("REQ-E-2", Yes),
                    ("REQ-A-1", Na),
                    ("REQ-A-2", Partial),
                    ("REQ-A-3", No),
                    ("REQ-C-1", Yes),
                ],
                &[],
                ScoringRules::default(),
                true,
                150,
                &[],
                &[],
            ),
        ];
        for (index, (given, held, rules, eligible, tenths, failing, reserved)) in
            cases.iter().enumerate()
        {
            let mut overrides: BTreeMap<RequirementCode, Override> = held
                .iter()
                .map(|(c, s)| {
                    (
                        code(c),
                        Override::new(*s, "checked the evidence").expect("ok"),
                    )
                })
                .collect();
            // The evaluator grades each award criterion as the answer's
            // credit proposes, unless the case overrides it.
            for (c, answer) in given.iter() {
                let credit = rules.credit(*answer);
                if c.starts_with("REQ-A")
                    && !overrides.contains_key(&code(c))
                    && let Some(credit) = credit
                {
                    overrides.insert(code(c), Override::new(credit, "as proposed").expect("ok"));
                }
            }
            let result = score_bid(&criteria(), &answers(given), &overrides, rules);
            assert_eq!(result.eligible, *eligible, "case {index}");
            assert_eq!(result.score_tenths, *tenths, "case {index}");
            let codes: Vec<&str> = result.ineligible.iter().map(|i| i.code.as_str()).collect();
            assert_eq!(codes, *failing, "case {index}");
            let codes: Vec<&str> = result.reservations.iter().map(|c| c.as_str()).collect();
            assert_eq!(codes, *reserved, "case {index}");
        }
    }

    #[test]
    fn not_applicable_eligibility_waits_for_a_ruling() {
        let given = answers(&[("REQ-E-1", Yes), ("REQ-E-2", Na)]);
        let result = score_bid(
            &criteria(),
            &given,
            &BTreeMap::new(),
            &ScoringRules::default(),
        );
        assert!(result.eligible);
        let codes: Vec<&str> = result.to_verify.iter().map(|c| c.as_str()).collect();
        assert_eq!(codes, ["REQ-E-2"]);
        let ruled = [(
            code("REQ-E-2"),
            Override::new(100, "Sans objet : pas de données de santé").expect("ok"),
        )]
        .into_iter()
        .collect();
        let result = score_bid(&criteria(), &given, &ruled, &ScoringRules::default());
        assert!(result.to_verify.is_empty());
    }

    #[test]
    fn a_third_rounds_half_up_to_tenths() {
        let criteria = vec![
            Criterion {
                code: code("REQ-A-1"),
                kind: RequirementKind::Award,
                weight: 34,
            },
            Criterion {
                code: code("REQ-A-2"),
                kind: RequirementKind::Award,
                weight: 33,
            },
            Criterion {
                code: code("REQ-A-3"),
                kind: RequirementKind::Award,
                weight: 33,
            },
        ];
        let grades = [("REQ-A-1", 100), ("REQ-A-2", 0), ("REQ-A-3", 50)]
            .into_iter()
            .map(|(c, score)| (code(c), Override::new(score, "graded").expect("ok")))
            .collect();
        let result = score_bid(
            &criteria,
            &answers(&[("REQ-A-1", Yes), ("REQ-A-2", No), ("REQ-A-3", Partial)]),
            &grades,
            &ScoringRules::default(),
        );
        // (3400 + 1650) / 100 = 50.5
        assert_eq!(result.score_text(), "50.5");
        let everything_na = score_bid(
            &criteria,
            &answers(&[("REQ-A-1", Na), ("REQ-A-2", Na), ("REQ-A-3", Na)]),
            &BTreeMap::new(),
            &ScoringRules::default(),
        );
        assert!(!everything_na.scored);
        assert_eq!(everything_na.score_tenths, 0);
    }

    /// A supplier who answers "yes" everywhere has graded nothing: every
    /// award criterion waits for an evaluator, earns nothing until then,
    /// and carries the answer only as a proposal on the scale.
    #[test]
    fn a_self_assessment_alone_never_sets_a_grade() {
        let all_yes = answers(&[
            ("REQ-E-1", Yes),
            ("REQ-E-2", Yes),
            ("REQ-A-1", Yes),
            ("REQ-A-2", Yes),
            ("REQ-A-3", Yes),
            ("REQ-C-1", Yes),
        ]);
        let rules = ScoringRules::default();
        let result = score_bid(&criteria(), &all_yes, &BTreeMap::new(), &rules);
        assert_eq!(result.score_tenths, 0);
        assert!(!result.scored);
        let waiting: Vec<&str> = result.to_grade.iter().map(|c| c.as_str()).collect();
        assert_eq!(waiting, ["REQ-A-1", "REQ-A-2", "REQ-A-3"]);
        assert!(
            result
                .lines
                .iter()
                .all(|line| line.kind != RequirementKind::Award || line.credit.is_none())
        );
        // Graded on the 0–4 scale: 4, 3 and 2 give 100, 75 and 50 %.
        let grades = [("REQ-A-1", 4), ("REQ-A-2", 3), ("REQ-A-3", 2)]
            .into_iter()
            .map(|(c, grade)| {
                let score = grade_score(grade, 4).expect("on the scale");
                (code(c), Override::new(score, "justified").expect("ok"))
            })
            .collect();
        let graded = score_bid(&criteria(), &all_yes, &grades, &rules);
        // 50×100 + 30×75 + 20×50 = 8250 / 100 → 82.5
        assert_eq!(graded.score_text(), "82.5");
        assert!(graded.to_grade.is_empty() && graded.scored);
    }

    #[test]
    fn grades_are_steps_of_the_scale_and_answers_only_propose_them() {
        let rules = ScoringRules::default();
        let cases = [
            (Some(Yes), Some(4)),
            (Some(Partial), Some(2)),
            (Some(No), Some(0)),
            (Some(Na), None),
            (None, None),
        ];
        for (answer, proposal) in cases {
            assert_eq!(proposed_grade(answer, &rules, 4), proposal, "{answer:?}");
        }
        assert_eq!(
            proposed_grade(
                Some(Partial),
                &ScoringRules::new(false, 100, 70, 0).expect("rules"),
                4
            ),
            Some(3)
        );
        assert_eq!(grade_score(3, 4), Some(75));
        assert_eq!(grade_score(5, 4), None);
        assert_eq!(grade_score(1, 0), None);
        assert_eq!(score_grade(75, 4), Some(3));
        assert_eq!(score_grade(70, 4), None);
        // A grade without a justification is refused.
        assert_eq!(
            Override::new(75, "  ").err(),
            Some(InvalidOverride::Justification)
        );
    }

    #[test]
    fn eligible_bids_are_ranked_with_shared_ranks() {
        let bid = |eligible, score_tenths| BidScore {
            eligible,
            ineligible: Vec::new(),
            reservations: Vec::new(),
            to_verify: Vec::new(),
            to_grade: Vec::new(),
            score_tenths,
            scored: true,
            unanswered: 0,
            lines: Vec::new(),
        };
        let bids = [
            bid(true, 700),
            bid(false, 990),
            bid(true, 850),
            bid(true, 700),
        ];
        let refs: Vec<&BidScore> = bids.iter().collect();
        assert_eq!(rank(&refs), vec![Some(2), None, Some(1), Some(2)]);
    }

    #[test]
    fn answer_words_in_both_languages() {
        for (word, expected) in [
            ("Oui", Some(Yes)),
            (" yes ", Some(Yes)),
            ("PARTIEL", Some(Partial)),
            ("Partial", Some(Partial)),
            ("non", Some(No)),
            ("Sans objet", Some(Na)),
            ("sans  OBJET", Some(Na)),
            ("Not applicable", Some(Na)),
            ("not-applicable", Some(Na)),
            ("N/A", Some(Na)),
            ("peut-être", None),
            ("", None),
        ] {
            assert_eq!(parse_answer(word), expected, "{word:?}");
        }
        for answer in Answer::ALL {
            assert_eq!(parse_answer(answer.id()), Some(answer));
        }
    }

    #[test]
    fn overrides_need_a_justification_and_a_percentage() {
        assert_eq!(
            Override::new(101, "why").err(),
            Some(InvalidOverride::Score)
        );
        assert_eq!(
            Override::new(50, "  ").err(),
            Some(InvalidOverride::Justification)
        );
        assert!(ScoringRules::new(false, 120, 50, 0).is_err());
        for status in BidStatus::ALL {
            assert_eq!(BidStatus::parse(status.id()), Some(status));
        }
    }
}
