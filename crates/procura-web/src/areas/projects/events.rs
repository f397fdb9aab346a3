//! A timeline event as people read it: one sentence in the reader's
//! language, made from the event's recorded details, and those details —
//! ids, fingerprints, raw values — kept for a "details" disclosure.
//!
//! Each action has a `timeline-…` message whose variables are the detail's
//! fields: names of phases, statuses and threat groups are translated,
//! lists are joined and counted (`changed_count`), and `{from, to}` pairs
//! become `status_from` / `status_to`. An event this version does not know
//! shows its action's title only.

use procura_catalog::Catalog;
use procura_domain::{AuditAction, ItemStatus, RiskStatus, Stage, ThreatGroup};
use procura_i18n::Arg;
use serde_json::Value;

use crate::i18n::Tr;
use crate::kit::names::{item_status_name, stage_name};

/// One event's sentence and its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventText {
    pub sentence: String,
    /// Field and value, for the disclosure.
    pub details: Vec<(String, String)>,
}

/// The message of an action's sentence.
fn sentence_key(action: AuditAction) -> String {
    action.message_key().replacen("event-", "timeline-", 1)
}

/// A detail's value in words, where the value names something.
fn named(tr: &Tr, catalog: &Catalog, field: &str, value: &str) -> String {
    match field {
        "phase" | "from" | "to" | "stage" | "claimed_stage" => {
            Stage::parse(value).map_or_else(|| value.to_owned(), |stage| stage_name(tr, stage))
        }
        "threat_group" => ThreatGroup::from_id(value).map_or_else(
            |_| value.to_owned(),
            |threat| catalog.threat_name(threat, tr.0).to_owned(),
        ),
        _ => value.to_owned(),
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// The message arguments a detail gives.
fn arguments(
    tr: &Tr,
    catalog: &Catalog,
    action: AuditAction,
    detail: &Value,
) -> Vec<(&'static str, Arg)> {
    let mut args: Vec<(&'static str, Arg)> = Vec::new();
    let Some(fields) = detail.as_object() else {
        return args;
    };
    // Fluent takes `&'static str` names: only the fields messages use.
    const NAMES: [&str; 26] = [
        "reference",
        "title",
        "items",
        "proposed_risks",
        "phase",
        "practice",
        "comment",
        "from",
        "to",
        "reason",
        "name",
        "supplier",
        "offer",
        "answers",
        "requirement",
        "grade",
        "scale",
        "score",
        "number",
        "included",
        "bids",
        "version",
        "award_total",
        "stage",
        "threat_group",
        "claimed_stage",
    ];
    for (field, value) in fields {
        let Some(name) = NAMES.iter().find(|n| **n == field.as_str()).copied() else {
            continue;
        };
        match value {
            Value::Number(number) => {
                if let Some(whole) = number.as_i64() {
                    args.push((name, Arg::Number(whole)));
                }
            }
            Value::String(text) => {
                args.push((name, Arg::Text(named(tr, catalog, field, text))));
            }
            _ => {}
        }
    }
    let count = |field: &str| {
        fields
            .get(field)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    };
    args.push(("changed_count", Arg::from(count("changed"))));
    args.push(("criteria_count", Arg::from(count("criteria"))));
    let status = fields.get("status");
    match (action, status) {
        (AuditAction::ItemUpdate, Some(Value::Object(change))) => {
            for (end, name) in [("from", "status_from"), ("to", "status_to")] {
                let word = change
                    .get(end)
                    .and_then(Value::as_str)
                    .and_then(ItemStatus::parse)
                    .map_or_else(String::new, |status| item_status_name(tr, status));
                args.push((name, Arg::Text(word)));
            }
        }
        (_, Some(Value::String(id))) => {
            let word = RiskStatus::parse(id).map_or_else(
                || id.clone(),
                |status| tr.t(&format!("risk-status-{}", status.id())),
            );
            args.push(("status", Arg::Text(word)));
        }
        _ => {}
    }
    let required = fields.get("required").and_then(Value::as_bool);
    args.push((
        "required",
        Arg::Text(if required == Some(true) { "yes" } else { "no" }.to_owned()),
    ));
    let removed = fields.get("removed").and_then(Value::as_bool) == Some(true);
    args.push((
        "removed",
        Arg::Text(if removed { "yes" } else { "no" }.to_owned()),
    ));
    args
}

/// The details behind the disclosure: every field, lists joined, objects
/// written `from → to`.
fn details(detail: &Value) -> Vec<(String, String)> {
    let Some(fields) = detail.as_object() else {
        return Vec::new();
    };
    fields
        .iter()
        .filter_map(|(field, value)| {
            let text = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|item| scalar(item).unwrap_or_else(|| item.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
                Value::Object(change) if change.contains_key("from") => format!(
                    "{} → {}",
                    change.get("from").and_then(scalar).unwrap_or_default(),
                    change.get("to").and_then(scalar).unwrap_or_default()
                ),
                Value::Null => return None,
                other => scalar(other).unwrap_or_else(|| other.to_string()),
            };
            (!text.is_empty()).then(|| (field.clone(), text))
        })
        .collect()
}

/// The event in words: its action's sentence, or for an action this
/// version does not record, the stored kind as its title.
pub fn describe(
    tr: &Tr,
    catalog: &Catalog,
    action: Option<AuditAction>,
    kind: &str,
    detail: &str,
) -> EventText {
    let detail: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
    let Some(action) = action else {
        return EventText {
            sentence: kind.to_owned(),
            details: details(&detail),
        };
    };
    // An event recorded before its sentence's fields existed (or imported
    // from elsewhere) still reads: its action's title.
    let sentence =
        sentence_of(tr, catalog, action, &detail).unwrap_or_else(|| tr.t(action.message_key()));
    EventText {
        sentence,
        details: details(&detail),
    }
}

/// The action's sentence from the detail, `None` when a field it names is
/// missing.
fn sentence_of(tr: &Tr, catalog: &Catalog, action: AuditAction, detail: &Value) -> Option<String> {
    let args = arguments(tr, catalog, action, detail);
    let sentence = tr.with(&sentence_key(action), &args);
    (!sentence.contains("Unknown localization key")).then_some(sentence)
}

#[cfg(test)]
mod tests {
    use procura_domain::Lang;
    use serde_json::json;

    use super::*;

    /// What the service records for each action, as the timeline gets it.
    fn sample(action: AuditAction) -> Value {
        let bid = json!({"bid": "7f1c7a52-3c1e-4d55-9a43-0d0f6b1f2a11", "supplier": "Alpha Santé"});
        let mut detail = match action {
            AuditAction::ProjectCreate => {
                json!({"reference": "AO-2026-PACS", "title": "PACS", "items": 24, "proposed_risks": 3})
            }
            AuditAction::ProjectUpdate => json!({"reference": "AO-2026-PACS", "title": "PACS"}),
            AuditAction::ProjectSignOff => json!({"phase": "planning", "comment": "Revue faite"}),
            AuditAction::ProjectSignOffWithdrawn => {
                json!({"phase": "planning", "practice": "BP-03", "item": "4c1b", "signed_by": "9a2e"})
            }
            AuditAction::ProjectAdvance => json!({"from": "planning", "to": "supplier-selection"}),
            AuditAction::ProjectForceAdvance => {
                json!({"from": "planning", "to": "supplier-selection", "reason": "Urgence"})
            }
            AuditAction::ProjectImport => {
                json!({"reference": "AO-2026-PACS", "claimed_stage": "management", "items": 30})
            }
            AuditAction::EvidenceAdd | AuditAction::EvidenceRemove => {
                json!({"item": "4c1b", "practice": "BP-03", "name": "rapport.pdf", "size": 1200, "sha256": "ab".repeat(32)})
            }
            AuditAction::ItemUpdate => {
                json!({"item": "4c1b", "practice": "BP-03", "phase": "planning", "status": {"from": "todo", "to": "done"}})
            }
            AuditAction::RiskAdd => json!({"risk": "5d1e", "threat_group": "malicious-actions"}),
            AuditAction::RiskUpdate | AuditAction::RiskStatus | AuditAction::RiskAccept => {
                json!({"risk": "5d1e", "status": "open"})
            }
            AuditAction::RiskReview => {
                json!({"stage": "planning", "open": 2, "added": 1, "changed": ["5d1e"]})
            }
            AuditAction::DpiaScreen => {
                json!({"criteria": ["sensitive-data", "large-scale"], "required": true})
            }
            AuditAction::BidAdd => json!({"offer": "PACS"}),
            AuditAction::BidAnswers | AuditAction::BidImport => json!({"answers": 6}),
            AuditAction::BidOverride => {
                json!({"requirement": "REQ-PAT-02", "grade": 3, "scale": 4})
            }
            AuditAction::BidLinkIssue => json!({"link": "l1", "expires_at": 1_700_000_000_000_i64}),
            AuditAction::BidLinkRevoke => json!({"link": "l1"}),
            AuditAction::BidAward => json!({"score": "82.5"}),
            AuditAction::BidSubmit => json!({"receipt": "AO-2026-PACS-AR-001"}),
            AuditAction::BidRules => json!({"version": 2, "yes": 100, "partial": 50, "no": 0}),
            AuditAction::TenderUpdate => {
                json!({"version": 3, "included": 12, "award_total": 100, "changed": ["REQ-PAT-02"]})
            }
            AuditAction::TenderPublish => json!({"number": 1, "included": 12, "bids": 0}),
            AuditAction::TenderModify => {
                json!({"number": 2, "reason": "Question d'un candidat", "changed": ["REQ-PAT-02", "REQ-VUL-01"], "bids": 2})
            }
            _ => json!({}),
        };
        if action.id().starts_with("bid.")
            && let (Some(fields), Some(extra)) = (detail.as_object_mut(), bid.as_object())
        {
            for (key, value) in extra {
                fields.insert(key.clone(), value.clone());
            }
        }
        detail
    }

    #[test]
    fn every_event_kind_reads_as_a_sentence_in_both_languages() {
        let catalog = procura_catalog::builtin().expect("catalogue");
        for lang in [Lang::Fr, Lang::En] {
            let tr = Tr(lang);
            for action in AuditAction::ALL {
                let sentence = &sentence_of(&tr, catalog, action, &sample(action))
                    .unwrap_or_else(|| panic!("{lang:?} {action:?}: a field is missing"));
                assert!(
                    !sentence.contains("Unknown localization key"),
                    "{lang:?} {action:?}: {sentence}"
                );
                assert!(
                    !sentence.contains('{') && !sentence.contains('}'),
                    "{lang:?} {action:?}: {sentence}"
                );
                assert!(
                    !sentence.contains("7f1c7a52"),
                    "{lang:?} {action:?}: a UUID in {sentence}"
                );
                assert!(
                    !sentence.contains(&"ab".repeat(32)),
                    "{lang:?} {action:?}: a hash in {sentence}"
                );
                assert!(
                    !sentence.contains(action.id()),
                    "{lang:?} {action:?}: the raw key in {sentence}"
                );
                assert!(sentence.len() > 8, "{lang:?} {action:?}: {sentence}");
            }
        }
    }

    #[test]
    fn sentences_name_what_happened_and_details_keep_the_rest() {
        let catalog = procura_catalog::builtin().expect("catalogue");
        let modify = sample(AuditAction::TenderModify).to_string();
        let text = describe(
            &Tr(Lang::Fr),
            catalog,
            Some(AuditAction::TenderModify),
            "",
            &modify,
        );
        assert_eq!(
            text.sentence,
            "DCE modifié — version n° 2 : Question d'un candidat (2 exigences modifiées)"
        );
        let item = sample(AuditAction::ItemUpdate).to_string();
        let text = describe(
            &Tr(Lang::En),
            catalog,
            Some(AuditAction::ItemUpdate),
            "",
            &item,
        );
        assert_eq!(text.sentence, "BP-03 (Planning): To do → Done");
        assert!(
            text.details
                .contains(&("item".to_owned(), "4c1b".to_owned()))
        );
        assert!(
            text.details
                .contains(&("status".to_owned(), "todo → done".to_owned()))
        );
        let unknown = describe(&Tr(Lang::Fr), catalog, None, "legacy.kind", "{}");
        assert_eq!(unknown.sentence, "legacy.kind");
    }
}
