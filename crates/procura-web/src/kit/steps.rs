//! A project's stage as a step indicator: the three phases and closure,
//! each done, current or to come.

use procura_domain::Stage;

use crate::i18n::Tr;
use crate::kit::names::stage_name;

/// One step of the indicator.
pub struct Step {
    pub name: String,
    /// `done`, `current` or `todo`: the CSS class and the state read out.
    pub state: &'static str,
}

pub fn steps(tr: &Tr, stage: Stage) -> Vec<Step> {
    let current = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    Stage::ALL
        .iter()
        .enumerate()
        .map(|(index, step)| Step {
            name: stage_name(tr, *step),
            state: match index.cmp(&current) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use procura_domain::Lang;

    use super::*;

    #[test]
    fn the_steps_before_the_stage_are_done_and_after_it_to_come() {
        let states: Vec<&str> = steps(&Tr(Lang::Fr), Stage::SupplierSelection)
            .iter()
            .map(|s| s.state)
            .collect();
        assert_eq!(states, ["done", "current", "todo", "todo"]);
        let names: Vec<String> = steps(&Tr(Lang::En), Stage::Closed)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(
            names,
            ["Planning", "Supplier selection", "Management", "Closed"]
        );
    }
}
