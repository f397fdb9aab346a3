//! The wire types of projects over the API, converted explicitly from the
//! service's views.

use procura_domain::{Day, is_overdue};
use procura_domain::{EvidenceRecord, ItemRecord};
use procura_service::ProjectView;
use serde::Serialize;
use utoipa::ToSchema;

use crate::kit::time::today;

#[derive(Debug, Serialize, ToSchema)]
pub struct PhaseProgress {
    pub phase: String,
    pub settled: i64,
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectSummary {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub stage: String,
    pub procurement_types: Vec<String>,
    pub progress: Vec<PhaseProgress>,
    pub overdue: i64,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Stakeholder {
    pub user_id: String,
    pub email: String,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Evidence {
    pub id: String,
    /// `file`, `link`, or `missing`: a file an imported project listed but
    /// did not bring (no hash, no size, nothing to download).
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub content_type: Option<String>,
    pub uploaded_by: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Item {
    pub id: String,
    pub phase: String,
    pub practice: String,
    pub status: String,
    pub justification: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub overdue: bool,
    pub notes: String,
    pub retired: bool,
    pub version: i64,
    pub updated_at: i64,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignOff {
    pub phase: String,
    pub signed_by: Option<String>,
    pub signed_at: i64,
    pub comment: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Project {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub procurement_types: Vec<String>,
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub cpv_codes: Vec<String>,
    pub sites: Vec<String>,
    pub special_category_data: bool,
    pub stage: String,
    /// Planned start and end per phase, `YYYY-MM-DD` or null.
    pub planned: Vec<Option<String>>,
    pub catalog_edition: String,
    pub version: i64,
    pub stakeholders: Vec<Stakeholder>,
    /// Sign-offs made in this instance: the only ones the gate counts.
    pub sign_offs: Vec<SignOff>,
    pub items: Vec<Item>,
    /// For a project imported from a file: what the file claimed, kept
    /// apart and not verified.
    pub imported_history: Option<ImportedHistory>,
}

/// What the file a project was imported from claimed about its past.
/// None of it is verified and none of it counts: the project's own stage,
/// sign-offs and timeline are those made in this instance.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedHistory {
    /// Always false: the claims are shown as the file stated them.
    pub verified: bool,
    /// SHA-256 of the imported file, computed when it was received.
    pub file_sha256: String,
    pub imported_by: Option<String>,
    pub imported_at: i64,
    /// The file's own claims first, then those it carried from earlier imports.
    #[schema(value_type = Vec<Object>)]
    pub claimed: Vec<procura_service::ImportedHistoryData>,
}

pub fn evidence(view: &ProjectView, record: &EvidenceRecord) -> Evidence {
    Evidence {
        id: record.id.to_string(),
        kind: record.kind.id().to_owned(),
        name: record.name.clone(),
        url: record.url.clone(),
        sha256: record.sha256.clone(),
        size: record.size,
        content_type: record.content_type.clone(),
        uploaded_by: view.email_of(record.uploaded_by).map(str::to_owned),
        created_at: record.created_at.millis(),
    }
}

pub fn item(view: &ProjectView, record: &ItemRecord, today: Day) -> Item {
    Item {
        id: record.id.to_string(),
        phase: record.phase.id().to_owned(),
        practice: record.practice.id(),
        status: record.status.id().to_owned(),
        justification: record.justification.clone(),
        owner: record
            .owner_id
            .and_then(|o| view.email_of(o))
            .map(str::to_owned),
        due_date: record.due_date.map(|d| d.to_string()),
        overdue: is_overdue(record.due_date, record.status, today),
        notes: record.notes.clone(),
        retired: record.retired,
        version: record.version,
        updated_at: record.updated_at.millis(),
        evidence: view
            .evidence
            .iter()
            .filter(|e| e.item_id == record.id)
            .map(|e| evidence(view, e))
            .collect(),
    }
}

pub fn project(view: &ProjectView) -> Project {
    let p = &view.project;
    let today = today();
    Project {
        id: p.id.to_string(),
        reference: p.reference.to_string(),
        title: p.title.clone(),
        description: p.description.clone(),
        procurement_types: p
            .procurement_types
            .iter()
            .map(|t| t.id().to_owned())
            .collect(),
        estimated_value: p.estimated_value,
        currency: p.currency.clone(),
        cpv_codes: p.cpv_codes.clone(),
        sites: p.sites.clone(),
        special_category_data: p.special_category_data,
        stage: p.stage.id().to_owned(),
        planned: p.planned.as_texts().to_vec(),
        catalog_edition: p.catalog_edition.clone(),
        version: p.version,
        stakeholders: view
            .stakeholders
            .iter()
            .map(|s| Stakeholder {
                user_id: s.user_id.to_string(),
                email: s.email.clone(),
                role: s.role.id().to_owned(),
            })
            .collect(),
        sign_offs: view
            .sign_offs
            .iter()
            .map(|s| SignOff {
                phase: s.phase.id().to_owned(),
                signed_by: view.email_of(s.signed_by).map(str::to_owned),
                signed_at: s.signed_at.millis(),
                comment: s.comment.clone(),
            })
            .collect(),
        items: view
            .items
            .iter()
            .map(|record| item(view, record, today))
            .collect(),
        imported_history: view.imported.as_ref().map(|history| {
            let imported_by = view.email_of(history.imported_by).map(str::to_owned);
            let mut claimed = history.claimed.clone();
            if let Some(own) = claimed.first_mut() {
                own.imported_by.clone_from(&imported_by);
            }
            ImportedHistory {
                verified: false,
                file_sha256: history.file_sha256.clone(),
                imported_by,
                imported_at: history.imported_at.millis(),
                claimed,
            }
        }),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyItem {
    pub project_id: String,
    pub reference: String,
    pub item: Item,
}
