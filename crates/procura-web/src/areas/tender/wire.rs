//! The wire types of the tender over the API: requirements of the library
//! and of the organisation, and a project's selection.

use procura_domain::CustomRequirementRecord;
use procura_domain::RequirementKind;
use procura_service::tender::{TenderLine, TenderView};
use serde::Serialize;
use utoipa::ToSchema;

/// Text in both languages.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Texts {
    pub fr: String,
    pub en: String,
}

impl Texts {
    pub fn of(text: &procura_domain::Localized) -> Texts {
        Texts {
            fr: text.fr.clone(),
            en: text.en.clone(),
        }
    }
}

/// A requirement of the built-in library.
#[derive(Debug, Serialize, ToSchema)]
pub struct LibraryRequirement {
    pub id: String,
    pub practices: Vec<String>,
    pub procurement_types: Vec<String>,
    /// selection, minimum, award or clause.
    pub kind: String,
    /// Relative importance (1–5) of an award criterion, 0 otherwise.
    pub importance: u32,
    /// The part of the consultation file it goes in: rc, cctp or ccap.
    pub part: String,
    pub title: Texts,
    pub text: Texts,
    pub evidence: Texts,
    pub standards: Vec<String>,
    /// Structured references, `scheme:point` (`nis2:21.2.d`).
    pub refs: Vec<String>,
    pub topics: Vec<String>,
    /// Types it is offered for beyond the guidelines' mapping, and why.
    pub beyond_enisa: Option<Extension>,
    /// A caution for the buyer.
    pub note: Option<Texts>,
    /// The default penalty of a clause with a deadline.
    pub penalty: Option<PenaltyWire>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Extension {
    pub procurement_types: Vec<String>,
    pub reason: Texts,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PenaltyWire {
    /// day, hour or occurrence.
    pub basis: String,
    /// Euros excluding VAT per unit.
    pub amount: u32,
}

/// One of the organisation's own requirements.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomRequirement {
    pub id: String,
    pub kind: String,
    pub importance: u32,
    pub practices: Vec<String>,
    /// Empty means every type.
    pub procurement_types: Vec<String>,
    pub text: Texts,
    pub evidence: Texts,
}

pub fn custom(record: &CustomRequirementRecord) -> CustomRequirement {
    CustomRequirement {
        id: record.code.to_string(),
        kind: record.kind.id().to_owned(),
        importance: record.importance,
        practices: record.practices.iter().map(|n| n.id()).collect(),
        procurement_types: record
            .procurement_types
            .iter()
            .map(|t| t.id().to_owned())
            .collect(),
        text: Texts {
            fr: record.text_fr.clone(),
            en: record.text_en.clone(),
        },
        evidence: Texts {
            fr: record.evidence_fr.clone(),
            en: record.evidence_en.clone(),
        },
    }
}

/// One line of a project's selection.
#[derive(Debug, Serialize, ToSchema)]
pub struct SelectionLine {
    pub id: String,
    pub included: bool,
    /// selection, minimum, award or clause.
    pub kind: String,
    /// Whole percent, for award criteria.
    pub weight: u32,
    pub default_kind: String,
    pub custom: bool,
    /// Became applicable after the selection was last saved.
    pub new: bool,
    pub practices: Vec<String>,
    pub title: Texts,
    pub text: Texts,
    pub evidence: Texts,
    pub standards: Vec<String>,
    pub refs: Vec<String>,
    /// Why it is asked of this purchase beyond the guidelines' mapping.
    pub beyond_enisa: Option<Texts>,
    /// A caution for the buyer, never printed in the documents.
    pub note: Option<Texts>,
    /// A clause's penalty as the project set it.
    pub penalty: Option<PenaltyWire>,
}

/// A project's requirement selection.
#[derive(Debug, Serialize, ToSchema)]
pub struct Selection {
    pub project: String,
    pub reference: String,
    /// 0 while the selection is the unsaved proposal; send it back to save.
    pub version: i64,
    pub award_total: u32,
    /// Whether the documents can be made (award weights total 100 %).
    pub ready: bool,
    pub can_edit: bool,
    /// The lot the documents belong to; absent for a single lot.
    pub lot: Option<String>,
    /// The cap on the security penalties, percent of the contract's amount.
    pub penalty_cap: u32,
    /// The grading scale the RC publishes.
    pub grading: Vec<GradeWire>,
    pub lines: Vec<SelectionLine>,
    /// The DCE's publications, the first first; empty while a draft.
    pub publications: Vec<PublicationWire>,
    /// The bids registered so far.
    pub bids: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicationWire {
    pub number: i64,
    /// The selection's version published.
    pub version: i64,
    /// Why the DCE was modified; empty for the first publication.
    pub reason: String,
    /// The requirements the modification changed.
    pub changed: Vec<String>,
    /// SHA-256 of the published requirement list.
    pub checksum: String,
    /// Milliseconds since the Unix epoch.
    pub published_at: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GradeWire {
    pub grade: u32,
    pub label: Texts,
    pub descriptor: Texts,
}

fn line(line: &TenderLine) -> SelectionLine {
    SelectionLine {
        id: line.code.to_string(),
        included: line.included,
        kind: line.kind.id().to_owned(),
        weight: if line.kind == RequirementKind::Award {
            line.weight
        } else {
            0
        },
        default_kind: line.default_kind.id().to_owned(),
        custom: line.custom,
        new: line.new,
        practices: line.practices.iter().map(|n| n.id()).collect(),
        title: Texts::of(&line.title),
        text: Texts::of(&line.text),
        evidence: Texts::of(&line.evidence),
        standards: line.standards.clone(),
        refs: line.refs.iter().map(ToString::to_string).collect(),
        beyond_enisa: line.beyond_enisa.as_ref().map(Texts::of),
        note: line.note.as_ref().map(Texts::of),
        penalty: line.penalty.map(|penalty| PenaltyWire {
            basis: penalty.basis.id().to_owned(),
            amount: penalty.amount_eur,
        }),
    }
}

pub fn selection(view: &TenderView) -> Selection {
    Selection {
        project: view.project.id.to_string(),
        reference: view.project.reference.to_string(),
        version: view.version,
        award_total: view.award_weights().iter().sum(),
        ready: view.weight_check().is_ok(),
        can_edit: view.can_edit,
        lot: view.terms.lot.clone(),
        penalty_cap: view.terms.penalty_cap.percent(),
        grading: view
            .terms
            .grading
            .iter()
            .map(|step| GradeWire {
                grade: step.value,
                label: Texts::of(&step.label),
                descriptor: Texts::of(&step.descriptor),
            })
            .collect(),
        lines: view.lines.iter().map(line).collect(),
        publications: view
            .publications
            .iter()
            .map(|p| PublicationWire {
                number: p.number,
                version: p.selection_version,
                reason: p.reason.clone(),
                changed: p.changed.iter().map(ToString::to_string).collect(),
                checksum: p.checksum.clone(),
                published_at: p.published_at.millis(),
            })
            .collect(),
        bids: view.bid_count,
    }
}
