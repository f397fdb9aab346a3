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
