//! How a bid reads in the evaluation grid and on its own page: its row
//! (status, eligibility, score, rank) and each requirement's cell.

use procura_domain::{Answer, BidStatus, RequirementKind};
use procura_i18n::MessageKey;
use procura_service::bids::{BidView, offer_name};

use super::answers::answer_word;
use crate::render::RequestContext;

/// How a cell of the grid reads: a word, a symbol and a class for the
/// colour, so that colour is never the only cue.
pub struct Cell {
    pub label: String,
    pub symbol: &'static str,
    pub class: &'static str,
    pub title: String,
}

pub struct BidRow {
    pub id: String,
    pub supplier: String,
    pub offer: String,
    pub status: String,
    pub eligible: bool,
    /// Where the bid stands, in the procurement code's words: awaiting
    /// answers, candidate excluded, offer irregular or eligible.
    pub state: String,
    /// `badge-match`, `badge-threat` or `badge-role` (waiting).
    pub state_class: &'static str,
    /// Award criteria no evaluator has graded yet.
    pub to_grade: usize,
    pub score: String,
    pub rank: String,
    pub answered: usize,
    pub outdated: bool,
    pub source: String,
    pub reasons: Vec<String>,
}

fn status_name(context: &RequestContext, status: BidStatus) -> String {
    context.tr().t(&status.message_key())
}

pub fn cell(context: &RequestContext, view: &BidView, index: usize) -> Cell {
    let Some(line) = view.score.lines.get(index) else {
        return Cell {
            label: String::new(),
            symbol: "",
            class: "cell-none",
            title: String::new(),
        };
    };
    let word = answer_word(context, line.answer);
    let overridden = if line.overridden { " *" } else { "" };
    let (symbol, class) = match (line.kind, line.met, line.credit) {
        (RequirementKind::Award, _, None) => ("–", "cell-none"),
        (RequirementKind::Award, _, Some(100)) => ("✓", "cell-met"),
        (RequirementKind::Award, _, Some(0)) => ("✗", "cell-unmet"),
        (RequirementKind::Award, _, Some(_)) => ("~", "cell-partial"),
        (_, true, _) if line.answer == Some(Answer::Partial) => ("~", "cell-partial"),
        (_, true, _) => ("✓", "cell-met"),
        (_, false, _) => ("✗", "cell-unmet"),
    };
    let label = match line.credit {
        Some(credit) => format!("{word} · {credit} %{overridden}"),
        None => format!("{word}{overridden}"),
    };
    let title = view
        .answers
        .get(&line.code)
        .map(|a| a.comment.clone())
        .unwrap_or_default();
    Cell {
        label,
        symbol,
        class,
        title,
    }
}

pub fn bid_row(context: &RequestContext, view: &BidView) -> BidRow {
    let tr = context.tr();
    BidRow {
        id: view.bid.id.to_string(),
        supplier: view.bid.supplier_name.clone(),
        offer: offer_name(&view.bid),
        status: status_name(context, view.bid.status),
        eligible: view.score.eligible,
        state: tr.t(if view.score.awaiting_answers() {
            "bids-awaiting-answers"
        } else if view.score.candidate_excluded() {
            "eval-excluded"
        } else if view.score.offer_irregular() {
            "eval-irregular"
        } else {
            "bids-eligible"
        }),
        state_class: if view.score.awaiting_answers() {
            "badge-role"
        } else if view.score.eligible {
            "badge-match"
        } else {
            "badge-threat"
        },
        to_grade: view.score.to_grade.len(),
        score: if view.score.scored {
            // One decimal always, so the column reads evenly: 93,5 / 93.5.
            match context.lang {
                procura_domain::Lang::Fr => view.score.score_text().replace('.', ","),
                procura_domain::Lang::En => view.score.score_text(),
            }
        } else {
            "—".to_owned()
        },
        rank: view.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
        answered: view
            .answers
            .values()
            .filter(|answer| answer.answer.is_some())
            .count(),
        outdated: view.outdated,
        source: view
            .bid
            .source
            .map(|source| tr.t(&source.message_key()))
            .unwrap_or_default(),
        reasons: view
            .score
            .ineligible
            .iter()
            .filter(|_| !view.score.awaiting_answers())
            .map(|reason| {
                tr.with(
                    if reason.overridden {
                        "bids-reason-overridden"
                    } else {
                        "bids-reason"
                    },
                    &[
                        ("code", reason.code.to_string().into()),
                        ("answer", answer_word(context, reason.answer).into()),
                    ],
                )
            })
            .collect(),
    }
}
