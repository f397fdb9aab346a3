//! The words and phrases the report and its spreadsheet share: answers,
//! kinds, statuses, bid and project labels, scores and weights, section
//! headings.

use procura_domain::{Answer, BidStatus, Lang, RequirementKind};
use procura_i18n::MessageKey;
use procura_i18n::{Arg, decimal, text};

use super::outcome::Outcome;
use super::{EvaluationBid, EvaluationCell, EvaluationDoc, EvaluationRequirement};
use crate::tender::Block;

pub(super) const DASH: &str = "—";

/// French sets a space before the colon and the semicolon.
pub(super) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

pub(super) fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " ; ",
        Lang::En => "; ",
    }
}

pub(super) fn answer_word(lang: Lang, answer: Option<Answer>) -> String {
    match answer {
        Some(answer) => text(lang, &answer.message_key()),
        None => text(lang, "eval-no-answer"),
    }
}

pub(super) fn kind_name(lang: Lang, kind: RequirementKind) -> String {
    text(lang, &kind.message_key())
}

pub(super) fn status_name(lang: Lang, status: BidStatus) -> String {
    text(lang, &format!("eval-status-{}", status.id()))
}

/// Where a bid stands against the pass/fail requirements, in the words of
/// the procurement code: ranked, candidate excluded, or offer irregular.
pub(super) fn eligibility_word(lang: Lang, bid: &super::EvaluationBid) -> String {
    text(
        lang,
        if bid.excluded {
            "eval-excluded"
        } else if bid.irregular {
            "eval-irregular"
        } else if bid.eligible {
            "eval-eligible"
        } else {
            "eval-not-eligible"
        },
    )
}

/// A whole percentage in the reader's conventions: `50 %`, `50%`.
pub(super) fn percent(lang: Lang, value: u32) -> String {
    procura_i18n::percent(lang, f64::from(value))
}

pub(super) fn number(value: usize) -> Arg {
    Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
}

/// "Supplier — offer", or the supplier alone when the offer has no name.
pub(super) fn bid_label(bid: &EvaluationBid) -> String {
    if bid.offer.trim().is_empty() {
        bid.supplier.clone()
    } else {
        format!("{} — {}", bid.supplier, bid.offer)
    }
}

pub(super) fn project_line(doc: &EvaluationDoc) -> String {
    match (doc.reference.trim().is_empty(), doc.title.trim().is_empty()) {
        (true, _) => doc.title.clone(),
        (false, true) => doc.reference.clone(),
        (false, false) => format!("{} — {}", doc.reference, doc.title),
    }
}

/// A score as a number when it reads as one (`72.5` or `72,5`).
pub(super) fn score_number(bid: &EvaluationBid) -> Option<f64> {
    if !bid.scored {
        return None;
    }
    bid.score.trim().replace(',', ".").parse::<f64>().ok()
}

/// A score to one decimal in the reader's conventions (`72,5`, `72.5`,
/// `80` for 80.0); a score that does not read as a number is shown as given.
pub(super) fn score_text(lang: Lang, bid: &EvaluationBid) -> String {
    match score_number(bid) {
        Some(score) => decimal(lang, score, 1),
        None if bid.scored => bid.score.clone(),
        None => DASH.to_owned(),
    }
}

pub(super) fn weight_text(lang: Lang, requirement: &EvaluationRequirement) -> String {
    if requirement.kind == RequirementKind::Award {
        percent(lang, requirement.weight)
    } else {
        DASH.to_owned()
    }
}

/// How the score an evaluator retained reads: the credit for an award
/// requirement, met or not for the others.
pub(super) fn retained(
    lang: Lang,
    requirement: &EvaluationRequirement,
    cell: &EvaluationCell,
) -> String {
    match (requirement.kind, cell.credit) {
        (RequirementKind::Award, Some(credit)) => percent(lang, credit),
        (RequirementKind::Award, None) => Outcome::NotCounted.word(lang),
        _ => Outcome::of(requirement.kind, cell).word(lang),
    }
}

pub(super) const SUMMARY_HEADERS: [&str; 6] = [
    "eval-col-rank",
    "eval-col-supplier",
    "eval-col-offer",
    "eval-col-eligibility",
    "eval-col-score",
    "eval-col-status",
];

pub(super) fn summary_row(lang: Lang, bid: &EvaluationBid) -> [String; 6] {
    [
        bid.rank
            .map_or_else(|| DASH.to_owned(), |rank| rank.to_string()),
        bid.supplier.clone(),
        bid.offer.clone(),
        eligibility_word(lang, bid),
        score_text(lang, bid),
        status_name(lang, bid.status),
    ]
}

/// A section heading of the report.
pub(super) fn heading(lang: Lang, key: &str) -> Block {
    Block::Heading {
        level: 1,
        text: text(lang, key),
    }
}
