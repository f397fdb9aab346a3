//! The wire types of the evaluation over the API: bids with their lines,
//! the scoring rules, the commitments of the award.

use procura_domain::CommitmentRecord;
use procura_service::bids::{BidView, EvaluationView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::certifications::Certification;

#[derive(Debug, Serialize, ToSchema)]
pub struct Line {
    pub code: String,
    /// selection, minimum, award or clause.
    pub kind: String,
    pub weight: u32,
    /// yes, partial, no, not-applicable, or null.
    pub answer: Option<String>,
    pub comment: String,
    pub evidence_ref: String,
    /// Percent of the weight earned (award requirements that count).
    pub credit: Option<u32>,
    pub met: bool,
    pub overridden: bool,
    pub override_justification: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Bid {
    pub id: String,
    pub supplier: String,
    pub supplier_id: String,
    pub offer: String,
    pub product_version: String,
    /// pending, submitted or awarded.
    pub status: String,
    /// import, portal or manual.
    pub source: Option<String>,
    pub eligible: bool,
    /// Requirement codes that exclude the bid.
    pub ineligible: Vec<String>,
    /// Clauses refused or left unanswered.
    pub reservations: Vec<String>,
    /// Eligibility requirements answered "not applicable" that no evaluator
    /// has ruled on (by an override); the award waits for them.
    pub to_verify: Vec<String>,
    /// Award criteria no evaluator has graded: they earn nothing yet and
    /// the award waits for them.
    pub to_grade: Vec<String>,
    /// A selection condition is not met: the candidate is excluded.
    pub excluded: bool,
    /// A minimum requirement is not met: the offer is irregular.
    pub irregular: bool,
    /// Out of 100, one decimal.
    pub score: f64,
    pub scored: bool,
    pub rank: Option<u32>,
    pub unanswered: usize,
    /// Answered against another version of the requirement list.
    pub outdated: bool,
    /// The publication of the DCE the answers were given to.
    pub answered_publication: Option<i64>,
    /// Requirements a modification of the DCE changed since the answers:
    /// the supplier answers them again.
    pub changed_since: Vec<String>,
    pub version: i64,
    pub lines: Vec<Line>,
}

pub fn bid(view: &BidView) -> Bid {
    let record = &view.bid;
    Bid {
        id: record.id.to_string(),
        supplier: record.supplier_name.clone(),
        supplier_id: record.supplier_id.to_string(),
        offer: record.offer.clone(),
        product_version: record.product_version.clone(),
        status: record.status.id().to_owned(),
        source: record.source.map(|source| source.id().to_owned()),
        eligible: view.score.eligible,
        ineligible: view
            .score
            .ineligible
            .iter()
            .map(|i| i.code.to_string())
            .collect(),
        reservations: view
            .score
            .reservations
            .iter()
            .map(|c| c.to_string())
            .collect(),
        to_verify: view.score.to_verify.iter().map(|c| c.to_string()).collect(),
        to_grade: view.score.to_grade.iter().map(|c| c.to_string()).collect(),
        excluded: view.score.candidate_excluded(),
        irregular: view.score.offer_irregular(),
        score: f64::from(view.score.score_tenths) / 10.0,
        scored: view.score.scored,
        rank: view.rank,
        unanswered: view.score.unanswered,
        outdated: view.outdated,
        answered_publication: view.answered_publication,
        changed_since: view.changed_since.iter().map(ToString::to_string).collect(),
        version: record.version,
        lines: view
            .score
            .lines
            .iter()
            .map(|line| {
                let answer = view.answers.get(&line.code);
                Line {
                    code: line.code.to_string(),
                    kind: line.kind.id().to_owned(),
                    weight: line.weight,
                    answer: line.answer.map(|a| a.id().to_owned()),
                    comment: answer.map(|a| a.comment.clone()).unwrap_or_default(),
                    evidence_ref: answer.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                    credit: line.credit,
                    met: line.met,
                    overridden: line.overridden,
                    override_justification: view
                        .overrides
                        .get(&line.code)
                        .map(|o| o.justification.clone()),
                }
            })
            .collect(),
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Rules {
    pub partial_fails_eligibility: bool,
    pub yes: u32,
    pub partial: u32,
    pub no: u32,
    /// 0 while the defaults apply.
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Commitments {
    pub bid: String,
    pub support_end: Option<String>,
    pub patch_delay_days: Option<u32>,
    pub remote_access: String,
    pub certifications: Vec<Certification>,
}

pub fn commitments(record: &CommitmentRecord) -> Commitments {
    Commitments {
        bid: record.bid_id.to_string(),
        support_end: record.support_end.map(|d| d.to_string()),
        patch_delay_days: record.patch_delay_days,
        remote_access: record.remote_access.clone(),
        certifications: record
            .certifications
            .iter()
            .map(|c| Certification::of(c, false))
            .collect(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Evaluation {
    pub project: String,
    /// The requirement selection's version answers are checked against.
    pub tender_version: i64,
    pub requirements: usize,
    pub rules: Rules,
    /// By rank, then the ineligible bids.
    pub bids: Vec<Bid>,
    pub commitments: Option<Commitments>,
}

pub fn evaluation(view: &EvaluationView) -> Evaluation {
    Evaluation {
        project: view.tender.project.id.to_string(),
        tender_version: view.tender.version,
        requirements: view.criteria.len(),
        rules: Rules {
            partial_fails_eligibility: view.rules.partial_fails_eligibility,
            yes: view.rules.yes,
            partial: view.rules.partial,
            no: view.rules.no,
            version: view.rules_version,
        },
        bids: view.ranked().into_iter().map(bid).collect(),
        commitments: view.commitments.as_ref().map(commitments),
    }
}
