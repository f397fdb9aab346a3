//! What the risk forms offer (threat groups and their examples, the two
//! scales with their guidance, the treatments) and what they send back.

use procura_domain::{ThreatGroup, Treatment};
use procura_i18n::MessageKey;
use procura_service::risks::RiskInput;

use crate::i18n::Tr;
use crate::kit::form_page::Choice;
use crate::kit::forms::{Fields, practice_numbers};
use crate::state::AppState;

fn scale(tr: &Tr, name: &str) -> Vec<(u8, String, String)> {
    (1..=4u8)
        .map(|n| {
            (
                n,
                tr.t(&format!("risk-{name}-{n}")),
                tr.t(&format!("risk-{name}-{n}-guidance")),
            )
        })
        .collect()
}

/// What the risk forms offer: threat groups and their example threats,
/// the two scales with their guidance, and the treatments.
pub struct RiskChoices {
    pub groups: Vec<Choice>,
    pub examples: Vec<(String, String, String)>,
    pub steps: Vec<(u8, String, String)>,
    pub severities: Vec<(u8, String, String)>,
    pub treatments: Vec<Choice>,
}

pub fn risk_choices(state: &AppState, tr: &Tr, group: &str, treatment: &str) -> RiskChoices {
    let lang = tr.0;
    RiskChoices {
        groups: ThreatGroup::ALL
            .iter()
            .map(|g| Choice {
                id: g.id().to_owned(),
                name: state.catalog.threat_name(*g, lang).to_owned(),
                selected: g.id() == group,
            })
            .collect(),
        examples: ThreatGroup::ALL
            .iter()
            .flat_map(|g| {
                let name = state.catalog.threat_name(*g, lang).to_owned();
                state
                    .catalog
                    .threat(*g)
                    .examples
                    .iter()
                    .map(move |example| {
                        (
                            example.id.clone(),
                            name.clone(),
                            example.name.get(lang).to_owned(),
                        )
                    })
            })
            .collect(),
        steps: scale(tr, "likelihood"),
        severities: scale(tr, "severity"),
        treatments: Treatment::ALL
            .iter()
            .map(|t| Choice {
                id: t.id().to_owned(),
                name: tr.t(&t.message_key()),
                selected: t.id() == treatment,
            })
            .collect(),
    }
}

/// Reads the risk fields of a form.
pub fn risk_input(form: &Fields) -> RiskInput {
    RiskInput {
        threat_group: form.get("threat_group").to_owned(),
        example: form.get("example").to_owned(),
        description: form.get("description").to_owned(),
        asset: form.get("asset").to_owned(),
        likelihood: form.get("likelihood").to_owned(),
        severity: form.get("severity").to_owned(),
        treatment: form.get("treatment").to_owned(),
        owner: form.get("owner").to_owned(),
        due_date: form.get("due_date").to_owned(),
        practices: practice_numbers(form.get("practices")),
        requirements: form
            .get("requirements")
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
        residual_likelihood: form.get("residual_likelihood").to_owned(),
        residual_severity: form.get("residual_severity").to_owned(),
    }
}
