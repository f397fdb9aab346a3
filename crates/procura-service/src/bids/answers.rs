//! Answers, whatever their source: each row checked against the tender's
//! requirements (every problem collected), then stored in place of the
//! bid's answers with the bid's new status and the log entry.

use procura_domain::AuditAction;
use std::collections::BTreeSet;

use procura_domain::{
    Answer, AnswerRecord, BidRecord, BidSource, BidStatus, RequirementCode, Timestamp, parse_answer,
};
use procura_store::bids;
use serde_json::json;

use super::evaluation::EvaluationView;
use crate::error::{AnswerProblem, MAX_COMMENT_CHARS};
use crate::tender::TenderLine;
use crate::{Invalid, Principal, ServiceError, Services};

/// One answer as typed or sent: the answer word in French or English (or
/// Procura's id), empty for none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerInput {
    pub code: String,
    pub answer: String,
    pub comment: String,
    pub evidence_ref: String,
}

/// Checks typed answers against the tender's requirements. `complete`
/// requires an answer to every requirement (a submission, an import);
/// otherwise blanks are kept as blanks (a draft).
pub(super) fn check_answers(
    criteria: &[TenderLine],
    given: &[(u32, AnswerInput)],
    complete: bool,
) -> Result<Vec<AnswerRecord>, Vec<AnswerProblem>> {
    let wanted: BTreeSet<&str> = criteria.iter().map(|line| line.code.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let mut records = Vec::new();
    for (row, input) in given {
        let (row, code_text) = (*row, input.code.trim().to_owned());
        let Some(code) = RequirementCode::parse(&code_text)
            .ok()
            .filter(|code| wanted.contains(code.as_str()))
        else {
            problems.push(AnswerProblem::UnknownRequirement {
                row,
                code: code_text,
            });
            continue;
        };
        if !seen.insert(code.clone()) {
            problems.push(AnswerProblem::Duplicate {
                row,
                code: code_text,
            });
            continue;
        }
        let word = input.answer.trim();
        let answer = if word.is_empty() {
            if complete {
                problems.push(AnswerProblem::MissingAnswer {
                    row,
                    code: code_text.clone(),
                });
            }
            None
        } else {
            match parse_answer(word) {
                Some(answer) => Some(answer),
                None => {
                    problems.push(AnswerProblem::UnknownAnswer {
                        row,
                        code: code_text.clone(),
                        value: word.to_owned(),
                    });
                    None
                }
            }
        };
        let comment = input.comment.trim().to_owned();
        if comment.chars().count() > MAX_COMMENT_CHARS
            || input.evidence_ref.trim().chars().count() > MAX_COMMENT_CHARS
        {
            problems.push(AnswerProblem::TooLong {
                row,
                code: code_text.clone(),
            });
        }
        if complete && answer.is_some_and(Answer::needs_comment) && comment.is_empty() {
            problems.push(AnswerProblem::MissingComment {
                row,
                code: code_text.clone(),
            });
        }
        records.push(AnswerRecord {
            code,
            answer,
            comment,
            evidence_ref: input.evidence_ref.trim().to_owned(),
        });
    }
    if complete {
        for line in criteria {
            if !seen.contains(&line.code) {
                problems.push(AnswerProblem::MissingRow {
                    code: line.code.to_string(),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

pub(super) fn problems(list: Vec<AnswerProblem>) -> ServiceError {
    ServiceError::Answers(list)
}

impl Services {
    /// Stores answers in place of the bid's, at `version` (`None`: the
    /// bid's current version, for an import of a file).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn store_answers(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        view: &EvaluationView,
        bid: &BidRecord,
        version: Option<i64>,
        answers: &[AnswerRecord],
        source: BidSource,
        detail: serde_json::Value,
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        if bid.status == BidStatus::Awarded {
            return Err(Invalid::BidClosed.into());
        }
        if bid.submitted_through_portal() {
            return Err(Invalid::BidFinal.into());
        }
        if version.is_some_and(|version| version != bid.version) {
            return Err(ServiceError::Conflict);
        }
        bids::replace_answers(tx, bid.id, answers).await?;
        // A questionnaire file is the supplier's answer as sent: the bid is
        // received (an evaluator may still correct it, unlike a portal
        // submission). Typed answers leave the status as it was.
        let (status, submitted_at) = if source == BidSource::Import {
            (BidStatus::Submitted, Some(now))
        } else {
            (bid.status, bid.submitted_at)
        };
        let updated = BidRecord {
            status,
            submitted_at,
            answered_version: Some(view.tender.version),
            source: Some(source),
            updated_at: now,
            ..bid.clone()
        };
        if !bids::update_bid(tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        let action = if source == BidSource::Import {
            AuditAction::BidImport
        } else {
            AuditAction::BidAnswers
        };
        let mut detail = detail;
        detail["bid"] = json!(bid.id.to_string());
        detail["supplier"] = json!(bid.supplier_name);
        detail["answers"] = json!(answers.iter().filter(|a| a.answer.is_some()).count());
        crate::timeline::log(tx, principal, bid.project_id, now, action, detail).await?;
        Ok(BidRecord {
            version: bid.version + 1,
            ..updated
        })
    }
}

#[cfg(test)]
mod tests {
    use procura_domain::{Lang, RequirementKind};

    use super::*;

    fn line(code: &str, kind: RequirementKind) -> TenderLine {
        TenderLine {
            code: RequirementCode::parse(code).expect("code"),
            included: true,
            kind,
            weight: 0,
            default_kind: kind,
            practices: Vec::new(),
            title: procura_domain::Localized::default(),
            text: procura_domain::Localized {
                fr: String::new(),
                en: String::new(),
            },
            evidence: procura_domain::Localized {
                fr: String::new(),
                en: String::new(),
            },
            standards: Vec::new(),
            refs: Vec::new(),
            note: None,
            beyond_enisa: None,
            penalty: None,
            topics: Vec::new(),
            custom: false,
            new: false,
        }
    }

    #[test]
    fn every_row_problem_is_reported_at_once() {
        let criteria = vec![
            line("REQ-A-1", RequirementKind::Award),
            line("REQ-A-2", RequirementKind::Award),
            line("REQ-E-1", RequirementKind::Minimum),
            line("REQ-C-1", RequirementKind::Clause),
        ];
        let row = |code: &str, answer: &str, comment: &str| AnswerInput {
            code: code.into(),
            answer: answer.into(),
            comment: comment.into(),
            evidence_ref: String::new(),
        };
        let given = vec![
            (6, row("REQ-A-1", "Peut-être", "")),
            (7, row("REQ-A-2", "Partiel", "")),
            (8, row("REQ-E-1", "", "")),
            (9, row("REQ-X-9", "Oui", "")),
            (10, row("REQ-A-1", "Oui", "")),
        ];
        let found = check_answers(&criteria, &given, true).expect_err("refused");
        let codes: Vec<&str> = found.iter().map(AnswerProblem::code).collect();
        assert_eq!(
            codes,
            [
                "unknown_answer",
                "missing_comment",
                "missing_answer",
                "unknown_requirement",
                "duplicate",
                "missing_row"
            ]
        );
        for problem in &found {
            assert_ne!(problem.message(Lang::Fr), problem.message(Lang::En));
        }
        // A draft keeps blanks and needs no comments yet.
        let draft = check_answers(&criteria, &given[1..3], false).expect("draft");
        assert_eq!(draft.len(), 2);
        assert_eq!(draft[1].answer, None);
    }
}
