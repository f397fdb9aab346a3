//! The evaluation report's input: the one evaluation the pages, the API
//! and the CLI show, in the reader's language, for `procura-docs` to render.

use procura_docs::evaluation::{
    EvaluationBid, EvaluationCell, EvaluationDoc, EvaluationRequirement,
};
use procura_domain::{BidRecord, BidStatus, Lang};

use super::evaluation::EvaluationView;

/// The evaluation report's input in `lang`: bids by rank, then the
/// ineligible ones.
pub fn evaluation_doc(view: &EvaluationView, lang: Lang, generated: &str) -> EvaluationDoc {
    let requirements = view
        .criteria
        .iter()
        .map(|line| EvaluationRequirement {
            code: line.code.to_string(),
            kind: line.kind,
            weight: line.weight,
            title: line.title.get(lang).to_owned(),
            text: line.text.get(lang).to_owned(),
        })
        .collect();
    let bids = view
        .ranked()
        .into_iter()
        .map(|bid| EvaluationBid {
            supplier: bid.bid.supplier_name.clone(),
            offer: offer_name(&bid.bid),
            status: bid.bid.status,
            eligible: bid.score.eligible,
            excluded: bid.score.candidate_excluded(),
            irregular: bid.score.offer_irregular(),
            score: bid.score.score_text(),
            scored: bid.score.scored,
            rank: bid.rank,
            selection_outdated: bid.outdated,
            cells: bid
                .score
                .lines
                .iter()
                .map(|line| {
                    let answer = bid.answers.get(&line.code);
                    EvaluationCell {
                        answer: line.answer,
                        credit: line.credit,
                        met: line.met,
                        comment: answer.map(|a| a.comment.clone()).unwrap_or_default(),
                        evidence_ref: answer.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                        override_justification: bid
                            .overrides
                            .get(&line.code)
                            .map(|o| o.justification.clone()),
                    }
                })
                .collect(),
        })
        .collect();
    EvaluationDoc {
        lang,
        organisation: view.tender.organisation.clone(),
        reference: view.tender.project.reference.to_string(),
        title: view.tender.project.title.clone(),
        generated: generated.to_owned(),
        rules: view.rules,
        requirements,
        bids,
        awarded: view
            .bids
            .iter()
            .find(|b| b.bid.status == BidStatus::Awarded)
            .map(|b| format!("{} — {}", b.bid.supplier_name, offer_name(&b.bid))),
    }
}

/// The offer's name with its version, as lists show it.
pub fn offer_name(bid: &BidRecord) -> String {
    match (bid.offer.is_empty(), bid.product_version.is_empty()) {
        (false, false) => format!("{} {}", bid.offer, bid.product_version),
        (false, true) => bid.offer.clone(),
        (true, false) => bid.product_version.clone(),
        (true, true) => String::new(),
    }
}
