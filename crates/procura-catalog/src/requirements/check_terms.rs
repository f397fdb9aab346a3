//! Loading the registry, the CCAG-TIC terms and the grading scale.

use std::collections::BTreeSet;

use procura_domain::{ProcurementType, ReferenceId, Topic};

use super::check::Checker;
use super::raw::*;
use super::sources::*;
use procura_domain::GradeStep;

use super::{
    ContractTerms, Derogation, DerogationTrigger, GradingScale, PenaltyTerms, ReferencePoint,
    ReferenceScheme, References,
};

impl Checker<'_> {
    pub(super) fn references(&mut self, raw: RawReferences) -> References {
        let mut ids = BTreeSet::new();
        let mut schemes = Vec::new();
        for scheme in raw.scheme {
            let label = format!("scheme {}", scheme.id);
            if !ids.insert(scheme.id.clone()) {
                self.report(REFERENCES_FILE, &label, "id is used twice");
            }
            let name = self.text(REFERENCES_FILE, &label, "name", scheme.name);
            let note = scheme
                .note
                .map(|note| self.text(REFERENCES_FILE, &label, "note", note));
            let mut excludes_types = Vec::new();
            for id in &scheme.excludes_types {
                match ProcurementType::from_id(id) {
                    Ok(kind) => excludes_types.push(kind),
                    Err(error) => {
                        self.report(REFERENCES_FILE, &label, format!("excludes_types: {error}"));
                    }
                }
            }
            let mut points: Vec<ReferencePoint> = Vec::new();
            for point in scheme.point {
                let text = format!("{}:{}", scheme.id, point.id);
                let Ok(id) = ReferenceId::parse(&text) else {
                    self.report(
                        REFERENCES_FILE,
                        &label,
                        format!("point {text:?} is not scheme:point"),
                    );
                    continue;
                };
                if points.iter().any(|known| known.id == id) {
                    self.report(REFERENCES_FILE, &text, "point is listed twice");
                }
                let label_text = self.text(REFERENCES_FILE, &text, "label", point.label);
                let note = point
                    .note
                    .map(|note| self.text(REFERENCES_FILE, &text, "note", note));
                points.push(ReferencePoint {
                    id,
                    label: label_text,
                    note,
                });
            }
            if points.is_empty() {
                self.report(REFERENCES_FILE, &label, "has no point");
            }
            schemes.push(ReferenceScheme {
                id: scheme.id,
                name,
                note,
                excludes_types,
                points,
            });
        }
        References { schemes }
    }

    pub(super) fn contract(&mut self, raw: RawContract) -> ContractTerms {
        let penalties = PenaltyTerms {
            article: raw.penalties.article.trim().to_owned(),
            default_cap_percent: raw.penalties.default_cap_percent,
            exemption_threshold: raw.penalties.exemption_threshold,
            note: raw
                .penalties
                .note
                .map(|note| self.text(CONTRACT_FILE, "penalties", "note", note)),
        };
        if !(1..=100).contains(&penalties.default_cap_percent) {
            self.report(
                CONTRACT_FILE,
                "penalties",
                "default_cap_percent must be 1 to 100",
            );
        }
        let mut ids = BTreeSet::new();
        let mut derogations = Vec::new();
        for entry in raw.derogation {
            let label = format!("derogation {}", entry.id);
            if !ids.insert(entry.id.clone()) {
                self.report(CONTRACT_FILE, &label, "id is used twice");
            }
            let applies = match entry.applies.as_str() {
                "always" => Some(DerogationTrigger::Always),
                "penalties" => Some(DerogationTrigger::Penalties),
                other => Topic::parse(other).map(DerogationTrigger::Topic),
            };
            if applies.is_none() {
                self.report(
                    CONTRACT_FILE,
                    &label,
                    format!(
                        "applies must be always, penalties or a topic, not {:?}",
                        entry.applies
                    ),
                );
            }
            if entry.article.trim().is_empty() {
                self.report(CONTRACT_FILE, &label, "article is empty");
            }
            let title = self.text(CONTRACT_FILE, &label, "title", entry.title);
            let text = self.text(CONTRACT_FILE, &label, "text", entry.text);
            let note = entry
                .note
                .map(|note| self.text(CONTRACT_FILE, &label, "note", note));
            derogations.push(Derogation {
                id: entry.id,
                article: entry.article.trim().to_owned(),
                applies: applies.unwrap_or(DerogationTrigger::Always),
                title,
                text,
                note,
            });
        }
        ContractTerms {
            penalties,
            derogations,
        }
    }

    pub(super) fn grading(&mut self, raw: RawGrading) -> GradingScale {
        let steps: Vec<GradeStep> = raw
            .grade
            .into_iter()
            .map(|step| {
                let label = format!("step {}", step.value);
                GradeStep {
                    value: step.value,
                    label: self.text(GRADING_FILE, &label, "label", step.label),
                    descriptor: self.text(GRADING_FILE, &label, "descriptor", step.descriptor),
                }
            })
            .collect();
        let expected: Vec<u32> = (raw.scale.min..=raw.scale.max).collect();
        let values: Vec<u32> = steps.iter().map(|step| step.value).collect();
        if raw.scale.min != 0 || raw.scale.max == 0 || values != expected {
            self.report(
                GRADING_FILE,
                "scale",
                "steps must run from 0 to max, one per value, in order",
            );
        }
        GradingScale {
            steps,
            method: self.text(GRADING_FILE, "scale", "method", raw.scale.method),
        }
    }
}
