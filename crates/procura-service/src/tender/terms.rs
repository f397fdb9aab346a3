//! The document terms as typed on the tender page or sent to the API: the
//! lot, the penalty cap and the grading scale, checked before they are
//! stored.

use procura_domain::{GradeStep, Localized, PenaltyCap, TenderTerms};
use procura_store::tender::{GradeRecord, TermsRecord};

use super::{GradeChange, TermsChange, both, library};
use crate::{Invalid, ServiceError};

/// The lot and cap as typed: an empty lot is a single-lot consultation,
/// an empty cap the library's default.
pub(super) fn parse_terms(
    change: &TermsChange,
    saved: &TenderTerms,
) -> Result<TermsRecord, ServiceError> {
    let lot = match &change.lot {
        Some(typed) => {
            let lot = typed.trim();
            if lot.chars().count() > 200 {
                return Err(Invalid::Lot.into());
            }
            (!lot.is_empty()).then(|| lot.to_owned())
        }
        None => saved.lot.clone(),
    };
    let penalty_cap = match &change.penalty_cap {
        Some(typed) => {
            let cap = typed.trim().trim_end_matches('%').trim();
            if cap.is_empty() {
                None
            } else {
                let percent = cap.parse::<u32>().map_err(|_| Invalid::PenaltyCap)?;
                Some(
                    PenaltyCap::new(percent)
                        .map_err(|_| Invalid::PenaltyCap)?
                        .percent(),
                )
            }
        }
        None => Some(saved.penalty_cap.percent()),
    };
    Ok(TermsRecord { lot, penalty_cap })
}

/// A stored step as the documents show it.
pub(super) fn grade_step(record: &GradeRecord) -> GradeStep {
    GradeStep {
        value: record.grade,
        label: Localized::new(&record.label_fr, &record.label_en),
        descriptor: Localized::new(&record.descriptor_fr, &record.descriptor_en),
    }
}

/// The scale as typed: one step for each grade of the library's scale,
/// each with a label and a descriptor in at least one language.
pub(super) fn parse_grading(typed: &[GradeChange]) -> Result<Vec<GradeRecord>, ServiceError> {
    let max = library()?.grading.max();
    let mut steps = Vec::new();
    for grade in 0..=max {
        let step = typed
            .iter()
            .find(|step| step.grade == grade)
            .ok_or(Invalid::GradeScale)?;
        let label = both(&step.label_fr, &step.label_en);
        let descriptor = both(&step.descriptor_fr, &step.descriptor_en);
        let fits = |text: &str, limit: usize| !text.is_empty() && text.chars().count() <= limit;
        if !(fits(&label.fr, 80)
            && fits(&descriptor.fr, 600)
            && fits(&label.en, 80)
            && fits(&descriptor.en, 600))
        {
            return Err(Invalid::GradeScale.into());
        }
        steps.push(GradeRecord {
            grade,
            label_fr: label.fr,
            label_en: label.en,
            descriptor_fr: descriptor.fr,
            descriptor_en: descriptor.en,
        });
    }
    if typed.iter().any(|step| step.grade > max) {
        return Err(Invalid::GradeScale.into());
    }
    Ok(steps)
}
