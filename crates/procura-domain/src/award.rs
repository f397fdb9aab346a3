//! The award rule: which bid a contract may go to. The evaluation that
//! justifies an award must be complete and current, so the rule refuses a
//! bid the scoring left out, answers the supplier has not sent yet, answers
//! given to another requirement list, and eligibility claims nobody checked.

use crate::BidStatus;

/// What the award rule looks at: the bid, its score and its project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwardCandidate {
    /// Some bid of the project won the contract already.
    pub contract_awarded: bool,
    pub status: BidStatus,
    /// The answers came through the supplier portal: while the bid is
    /// pending they are the supplier's draft, not its answer.
    pub answered_through_portal: bool,
    /// The scoring found the bid eligible.
    pub eligible: bool,
    /// The answers were given to another version of the requirement list.
    pub outdated: bool,
    /// Pass/fail requirements declared not applicable that no evaluator
    /// has ruled on.
    pub unverified_exemptions: usize,
    /// Award criteria no evaluator has graded.
    pub ungraded: usize,
}

/// Why a bid may not be awarded, in the order the rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwardRefusal {
    /// A contract is awarded once.
    AlreadyAwarded,
    Ineligible,
    /// A portal draft the supplier has not submitted.
    Draft,
    Outdated,
    /// "Not applicable" answers to eligibility requirements nobody ruled on.
    UnverifiedExemptions,
    /// An award criterion without an evaluator's grade.
    Ungraded,
}

/// The award rule: the first refusal that applies, or none.
pub fn check_award(candidate: &AwardCandidate) -> Result<(), AwardRefusal> {
    if candidate.contract_awarded {
        return Err(AwardRefusal::AlreadyAwarded);
    }
    if !candidate.eligible {
        return Err(AwardRefusal::Ineligible);
    }
    if candidate.status == BidStatus::Pending && candidate.answered_through_portal {
        return Err(AwardRefusal::Draft);
    }
    if candidate.outdated {
        return Err(AwardRefusal::Outdated);
    }
    if candidate.unverified_exemptions > 0 {
        return Err(AwardRefusal::UnverifiedExemptions);
    }
    if candidate.ungraded > 0 {
        return Err(AwardRefusal::Ungraded);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A submitted, eligible, current bid with nothing left to rule on.
    const AWARDABLE: AwardCandidate = AwardCandidate {
        contract_awarded: false,
        status: BidStatus::Submitted,
        answered_through_portal: false,
        eligible: true,
        outdated: false,
        unverified_exemptions: 0,
        ungraded: 0,
    };

    fn check(label: &str, candidate: AwardCandidate, expected: Result<(), AwardRefusal>) {
        assert_eq!(check_award(&candidate), expected, "{label}");
    }

    #[test]
    fn award_rule() {
        use AwardRefusal::*;
        let cases = [
            ("awardable", AWARDABLE, Ok(())),
            (
                "answers typed by an evaluator, still pending",
                AwardCandidate {
                    status: BidStatus::Pending,
                    ..AWARDABLE
                },
                Ok(()),
            ),
            (
                "submitted through the portal",
                AwardCandidate {
                    answered_through_portal: true,
                    ..AWARDABLE
                },
                Ok(()),
            ),
            (
                "second award",
                AwardCandidate {
                    contract_awarded: true,
                    ..AWARDABLE
                },
                Err(AlreadyAwarded),
            ),
            (
                "ineligible",
                AwardCandidate {
                    eligible: false,
                    ..AWARDABLE
                },
                Err(Ineligible),
            ),
            (
                "portal draft",
                AwardCandidate {
                    status: BidStatus::Pending,
                    answered_through_portal: true,
                    ..AWARDABLE
                },
                Err(Draft),
            ),
            (
                "outdated",
                AwardCandidate {
                    outdated: true,
                    ..AWARDABLE
                },
                Err(Outdated),
            ),
            (
                "an award criterion not graded",
                AwardCandidate {
                    ungraded: 1,
                    ..AWARDABLE
                },
                Err(Ungraded),
            ),
            (
                "unruled exemptions",
                AwardCandidate {
                    unverified_exemptions: 2,
                    ..AWARDABLE
                },
                Err(UnverifiedExemptions),
            ),
            // Several at once: the first in the rule's order is reported.
            (
                "second award of an ineligible bid",
                AwardCandidate {
                    contract_awarded: true,
                    eligible: false,
                    ..AWARDABLE
                },
                Err(AlreadyAwarded),
            ),
            (
                "ineligible portal draft",
                AwardCandidate {
                    eligible: false,
                    status: BidStatus::Pending,
                    answered_through_portal: true,
                    ..AWARDABLE
                },
                Err(Ineligible),
            ),
            (
                "outdated portal draft",
                AwardCandidate {
                    status: BidStatus::Pending,
                    answered_through_portal: true,
                    outdated: true,
                    ..AWARDABLE
                },
                Err(Draft),
            ),
            (
                "outdated with unruled exemptions",
                AwardCandidate {
                    outdated: true,
                    unverified_exemptions: 1,
                    ..AWARDABLE
                },
                Err(Outdated),
            ),
        ];
        for (label, candidate, expected) in cases {
            check(label, candidate, expected);
        }
    }
}
