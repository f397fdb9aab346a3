//! A risk register as its page, its documents and the portfolio read it:
//! one line per risk in the reader's language, and the heat maps.

use procura_docs::risk::HeatMap;
use procura_domain::RiskRecord;
use procura_domain::{Lang, RiskLevel, Step, UserId};
use procura_i18n::MessageKey;
use procura_service::risks::{RegisterView, RiskView};

use crate::i18n::Tr;
use crate::state::AppState;

pub fn level_name(tr: &Tr, level: RiskLevel) -> String {
    tr.t(&level.message_key())
}

/// How a threat reads: the name of the catalogue's example or scenario,
/// and the team's text.
pub fn threat_text(state: &AppState, record: &RiskRecord, lang: Lang) -> String {
    let entry = state.catalog.threat(record.threat_group);
    let example = record
        .example
        .as_deref()
        .and_then(|id| entry.threat_name(id))
        .map(|name| name.get(lang).to_owned());
    match (example, record.description.is_empty()) {
        (Some(name), true) => name,
        (Some(name), false) => format!("{name} — {}", record.description),
        (None, _) => record.description.clone(),
    }
}

pub struct RiskLine {
    pub id: String,
    pub version: i64,
    pub group: String,
    pub threat: String,
    pub asset: String,
    pub inherent: String,
    pub inherent_id: &'static str,
    pub steps: String,
    pub treatment: String,
    pub owner: String,
    pub due: String,
    pub residual: String,
    pub residual_id: &'static str,
    pub above_appetite: bool,
    pub mitigations: String,
    pub accepted: String,
    pub can_accept: bool,
}

fn email(people: &[(UserId, String)], id: UserId) -> Option<&str> {
    people
        .iter()
        .find(|(user, _)| *user == id)
        .map(|(_, email)| email.as_str())
}

pub fn line(
    state: &AppState,
    tr: &Tr,
    people: &[(UserId, String)],
    can_accept: bool,
    risk: &RiskView,
) -> RiskLine {
    let lang = tr.0;
    let record = &risk.record;
    let practices: Vec<String> = record.practices.iter().map(|n| n.id()).collect();
    let mut mitigations = practices.join(", ");
    if !record.requirements.is_empty() {
        mitigations.push_str(" · ");
        mitigations.push_str(&record.requirements.join(", "));
    }
    RiskLine {
        id: record.id.to_string(),
        version: record.version,
        group: state
            .catalog
            .threat_name(record.threat_group, lang)
            .to_owned(),
        threat: threat_text(state, record, lang),
        asset: record.asset.clone(),
        inherent: level_name(tr, risk.inherent),
        inherent_id: risk.inherent.id(),
        steps: format!("{} × {}", record.likelihood, record.severity),
        treatment: record
            .treatment
            .map(|t| tr.t(&t.message_key()))
            .unwrap_or_default(),
        owner: record
            .owner_id
            .and_then(|id| email(people, id))
            .unwrap_or("")
            .to_owned(),
        due: record.due_date.map(|d| d.to_string()).unwrap_or_default(),
        residual: risk.residual.map(|l| level_name(tr, l)).unwrap_or_default(),
        residual_id: risk.residual.map_or("none", RiskLevel::id),
        above_appetite: risk.above_appetite,
        mitigations,
        accepted: record
            .accepted_by
            .and_then(|id| email(people, id))
            .map(|who| tr.with("risks-accepted-by", &[("who", who.into())]))
            .unwrap_or_default(),
        can_accept: can_accept && risk.residual.is_some() && record.accepted_by.is_none(),
    }
}

/// Counts of open risks per cell, inherent or residual.
pub fn heat_map(view: &RegisterView, residual: bool) -> HeatMap {
    let mut counts = [[0u32; 4]; 4];
    for risk in view.open() {
        let record = &risk.record;
        let cell = if residual {
            record.residual_likelihood.zip(record.residual_severity)
        } else {
            Some((record.likelihood, record.severity))
        };
        if let Some((l, s)) = cell {
            counts[usize::from(l.get() - 1)][usize::from(s.get() - 1)] += 1;
        }
    }
    let mut levels = [[RiskLevel::Low; 4]; 4];
    for l in Step::ALL {
        for s in Step::ALL {
            levels[usize::from(l.get() - 1)][usize::from(s.get() - 1)] =
                view.settings.matrix.level(l, s);
        }
    }
    HeatMap { counts, levels }
}
