//! What a cell of the grid comes to: met, partly met, not met or not
//! counted, shown as a word in the report and the spreadsheet.

use procura_domain::{Answer, Lang, RequirementKind};
use procura_i18n::text;

use super::EvaluationCell;

/// What a cell comes to, shown as a word and a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Met,
    Partial,
    NotMet,
    NotCounted,
}

impl Outcome {
    pub(super) fn of(kind: RequirementKind, cell: &EvaluationCell) -> Outcome {
        match kind {
            RequirementKind::Award => match (cell.answer, cell.credit) {
                (_, Some(credit)) if credit >= 100 => Outcome::Met,
                (_, Some(0)) => Outcome::NotMet,
                (_, Some(_)) => Outcome::Partial,
                (None, None) => Outcome::NotMet,
                (Some(_), None) => Outcome::NotCounted,
            },
            RequirementKind::Selection | RequirementKind::Minimum | RequirementKind::Clause => {
                if !cell.met {
                    Outcome::NotMet
                } else if cell.answer == Some(Answer::Partial)
                    && cell.override_justification.is_none()
                {
                    Outcome::Partial
                } else {
                    Outcome::Met
                }
            }
        }
    }

    pub(super) fn word(self, lang: Lang) -> String {
        text(
            lang,
            match self {
                Outcome::Met => "eval-outcome-met",
                Outcome::Partial => "eval-outcome-partial",
                Outcome::NotMet => "eval-outcome-not-met",
                Outcome::NotCounted => "eval-outcome-not-counted",
            },
        )
    }
}
