//! Grading the award criteria of one bid on the published scale: each
//! criterion is graded by an evaluator with a written justification; the
//! supplier's own answer is shown as a proposal, never counted.

use procura_domain::{BidId, Lang, RequirementKind, grade_score, proposed_grade, score_grade};
use procura_service::bids::EvaluationView;

use crate::kit::forms::Fields;

/// One award criterion of the bid, as the grading form shows it.
pub struct GradeRow {
    pub code: String,
    pub title: String,
    pub weight: u32,
    /// The grade the supplier's answer proposes, as `4 — label`.
    pub proposal: String,
    /// The grade given, as its value, or empty.
    pub grade: String,
    pub justification: String,
}

/// The project's scale as `(value, "value — label", descriptor)`.
pub fn scale(view: &EvaluationView, lang: Lang) -> Vec<(String, String, String)> {
    view.tender
        .terms
        .grading
        .iter()
        .map(|step| {
            (
                step.value.to_string(),
                format!("{} — {}", step.value, step.label.get(lang)),
                step.descriptor.get(lang).to_owned(),
            )
        })
        .collect()
}

fn max() -> u32 {
    procura_catalog::requirement_library().map_or(0, |library| library.grading.max())
}

/// The award criteria of `bid` with their proposals and grades.
pub fn rows(view: &EvaluationView, bid: BidId, lang: Lang) -> Vec<GradeRow> {
    let Some(scored) = view.bid(bid) else {
        return Vec::new();
    };
    let max = max();
    let steps = scale(view, lang);
    let label = |grade: u32| {
        steps
            .iter()
            .find(|(value, _, _)| *value == grade.to_string())
            .map_or_else(|| grade.to_string(), |(_, label, _)| label.clone())
    };
    view.criteria
        .iter()
        .filter(|line| line.kind == RequirementKind::Award)
        .map(|line| {
            let answer = scored.answers.get(&line.code).and_then(|a| a.answer);
            let held = scored.overrides.get(&line.code);
            GradeRow {
                code: line.code.to_string(),
                title: line.title.get(lang).to_owned(),
                weight: line.weight,
                proposal: proposed_grade(answer, &view.rules, max)
                    .map(label)
                    .unwrap_or_default(),
                grade: held
                    .and_then(|held| score_grade(held.score, max))
                    .map(|grade| grade.to_string())
                    .unwrap_or_default(),
                justification: held
                    .map(|held| held.justification.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The share of the weight the grade typed in a form earns, when it is a
/// step of the published scale.
pub fn typed_score(form: &Fields) -> Option<u32> {
    form.get("grade")
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|grade| grade_score(grade, max()))
}
