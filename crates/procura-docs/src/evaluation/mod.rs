//! The security part of the bid evaluation report (the « rapport d'analyse
//! des offres »): context, method, the ranking, why bids are not eligible,
//! the award criteria grid, the evaluators' overrides, the reservations on
//! clauses, the bids that answered an earlier requirement list and the
//! award. The report is built as the tender annex's block model, so it
//! renders with the same DOCX and PDF code; the spreadsheet holds the
//! summary, the full grid and the overrides.
//!
//! The input comes already scored (see `procura_domain::score_bid`) and in
//! the reader's language; nothing here reads a clock, so the same input
//! gives the same bytes.

mod grid;
mod labels;
mod outcome;
mod report;
mod xlsx;

use procura_domain::{Answer, BidStatus, Lang, RequirementKind, ScoringRules};

pub use grid::BIDS_PER_TABLE;
pub use report::{evaluation_annex, evaluation_docx, evaluation_pdf};
pub use xlsx::evaluation_xlsx;

/// Everything the evaluation report shows, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationDoc {
    pub lang: Lang,
    pub organisation: String,
    pub reference: String,
    pub title: String,
    /// The date the report is drawn up, as text. An ISO date (`2026-11-29`)
    /// or a UTC moment (`2026-11-29 10:00:00`) is written out in words, and
    /// its day becomes the spreadsheet's creation date.
    pub generated: String,
    /// The project's scoring rules, spelled out in the method section.
    pub rules: ScoringRules,
    pub requirements: Vec<EvaluationRequirement>,
    /// In the order to show: by rank, then the bids that are not eligible.
    pub bids: Vec<EvaluationBid>,
    /// "Supplier — offer" when a bid was awarded.
    pub awarded: Option<String>,
}

/// One requirement of the tender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationRequirement {
    pub code: String,
    pub kind: RequirementKind,
    /// Whole percent, for award requirements.
    pub weight: u32,
    /// Short title, the name the report gives it.
    pub title: String,
    pub text: String,
}

/// One bid and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationBid {
    pub supplier: String,
    pub offer: String,
    pub status: BidStatus,
    /// Neither excluded nor irregular: the bid is ranked.
    pub eligible: bool,
    /// A selection condition is not met: the candidate is excluded.
    pub excluded: bool,
    /// A minimum requirement is not met: the offer is irregular.
    pub irregular: bool,
    /// The score out of 100, `72.5`; the documents write it in the
    /// reader's conventions (`72,5` in French).
    pub score: String,
    /// Some award requirement counted; otherwise the score means nothing.
    pub scored: bool,
    pub rank: Option<u32>,
    /// The bid answered an older version of the requirement list.
    pub selection_outdated: bool,
    /// One per requirement, in the requirements' order.
    pub cells: Vec<EvaluationCell>,
}

/// One requirement of one bid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationCell {
    /// `None` when the bidder did not answer.
    pub answer: Option<Answer>,
    /// Percent of the weight earned, for award requirements that count.
    pub credit: Option<u32>,
    /// Eligibility met, clause accepted; for award lines, earned anything.
    pub met: bool,
    pub comment: String,
    pub evidence_ref: String,
    /// Set when an evaluator overrode the answer's score.
    pub override_justification: Option<String>,
}

/// The requirements paired with a bid's cells; a bid with fewer cells
/// than requirements stops at its last cell.
fn lines<'a>(
    doc: &'a EvaluationDoc,
    bid: &'a EvaluationBid,
) -> impl Iterator<Item = (&'a EvaluationRequirement, &'a EvaluationCell)> {
    doc.requirements.iter().zip(&bid.cells)
}

/// Every overridden cell: requirement, bid, cell.
fn overrides(
    doc: &EvaluationDoc,
) -> impl Iterator<Item = (&EvaluationRequirement, &EvaluationBid, &EvaluationCell)> {
    doc.bids.iter().flat_map(move |bid| {
        lines(doc, bid)
            .filter(|(_, cell)| cell.override_justification.is_some())
            .map(move |(requirement, cell)| (requirement, bid, cell))
    })
}
