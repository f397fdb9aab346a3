//! What the risk forms offer (threat groups with their examples and the
//! scenarios suited to the project's types, the two scales with their
//! guidance, the treatments, the members who may own a risk) and what they
//! send back.

use procura_domain::{ProcurementType, ThreatGroup, Treatment};
use procura_i18n::MessageKey;
use procura_service::risks::{OwnerChoice, RiskInput};

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

/// What the risk forms offer: threat groups with their example threats and
/// scenarios, the two scales with their guidance, and the treatments.
pub struct RiskChoices {
    pub groups: Vec<Choice>,
    /// (slug, group name, example or scenario name).
    pub examples: Vec<(String, String, String)>,
    pub steps: Vec<(u8, String, String)>,
    pub severities: Vec<(u8, String, String)>,
    pub treatments: Vec<Choice>,
}

/// What a risk form currently holds, so the lists keep it selectable.
pub struct Current<'a> {
    pub group: &'a str,
    pub example: &'a str,
    pub treatment: &'a str,
}

pub fn risk_choices(
    state: &AppState,
    tr: &Tr,
    types: &[ProcurementType],
    current: &Current<'_>,
) -> RiskChoices {
    let lang = tr.0;
    RiskChoices {
        groups: ThreatGroup::ALL
            .iter()
            .map(|g| Choice {
                id: g.id().to_owned(),
                name: state.catalog.threat_name(*g, lang).to_owned(),
                selected: g.id() == current.group,
            })
            .collect(),
        examples: ThreatGroup::ALL
            .iter()
            .flat_map(|g| {
                let name = state.catalog.threat_name(*g, lang).to_owned();
                let entry = state.catalog.threat(*g);
                // Only the scenarios written for the project's types (and
                // the fallbacks): the others describe other purchases.
                let scenarios = entry.scenarios.iter().filter(|scenario| {
                    scenario.is_fallback()
                        || scenario.types.iter().any(|kind| types.contains(kind))
                        || scenario.id == current.example
                });
                entry
                    .examples
                    .iter()
                    .map(|example| (example.id.clone(), &example.name))
                    .chain(scenarios.map(|scenario| (scenario.id.clone(), &scenario.name)))
                    .map(move |(id, text)| (id, name.clone(), text.get(lang).to_owned()))
            })
            .collect(),
        steps: scale(tr, "likelihood"),
        severities: scale(tr, "severity"),
        treatments: Treatment::ALL
            .iter()
            .map(|t| Choice {
                id: t.id().to_owned(),
                name: tr.t(&t.message_key()),
                selected: t.id() == current.treatment,
            })
            .collect(),
    }
}

/// The owner list: the organisation's members by e-mail address, and the
/// owner already recorded (`recorded`) if they have left it since.
pub fn owner_choices(
    tr: &Tr,
    members: &[OwnerChoice],
    recorded: Option<&str>,
    selected: &str,
) -> Vec<Choice> {
    let selected = selected.trim();
    let mut choices: Vec<Choice> = members
        .iter()
        .map(|member| Choice {
            id: member.email.clone(),
            name: if member.name.trim().is_empty() {
                member.email.clone()
            } else {
                format!("{} — {}", member.name, member.email)
            },
            selected: member.email.eq_ignore_ascii_case(selected),
        })
        .collect();
    if let Some(email) = recorded
        && !members.iter().any(|m| m.email.eq_ignore_ascii_case(email))
    {
        choices.push(Choice {
            id: email.to_owned(),
            name: tr.with("risk-owner-former", &[("email", email.into())]),
            selected: email.eq_ignore_ascii_case(selected),
        });
    }
    choices
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
