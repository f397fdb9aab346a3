//! The transferable project document: what an export writes and an import
//! reads, as JSON, and the imported history kept from the claims it makes.

use procura_domain::{Timestamp, UserId};
use procura_store::projects::ImportedHistoryRecord;
use serde::{Deserialize, Serialize};

use crate::ServiceError;

pub const FORMAT: &str = "procura-project";
/// 2 added the source and the imported history, and missing evidence.
pub const FORMAT_VERSION: u32 = 2;
/// Versions an import reads: files written before the source and the
/// imported history still import.
pub(super) const READABLE_VERSIONS: [u32; 2] = [1, 2];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectExport {
    pub format: String,
    pub format_version: u32,
    /// Where the file says it was made. Nothing checks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceData>,
    pub project: ProjectData,
    pub stakeholders: Vec<StakeholderData>,
    pub items: Vec<ItemData>,
    /// Sign-offs made in the exporting instance.
    pub sign_offs: Vec<SignOffData>,
    /// The exporting instance's timeline of the project.
    pub timeline: Vec<EventData>,
    /// What earlier imports of the project claimed, still only claims: an
    /// import keeps them as imported history, never as sign-offs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported_history: Vec<ImportedHistoryData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceData {
    pub organisation: String,
    /// The exporting instance's public address.
    pub instance: Option<String>,
    pub exported_by: Option<String>,
    pub exported_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectData {
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
    pub planned: [Option<String>; 6],
    pub catalog_edition: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderData {
    pub email: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemData {
    pub phase: String,
    pub practice: String,
    pub status: String,
    pub justification: String,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub notes: String,
    pub retired: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub evidence: Vec<EvidenceData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceData {
    /// `file`, `link`, or `missing` for a file listed but never received.
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub content_type: Option<String>,
    pub uploaded_by: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOffData {
    pub phase: String,
    pub signed_by: Option<String>,
    pub signed_at: i64,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventData {
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub detail: serde_json::Value,
}

/// What one imported file claimed about the project's past, as it stated
/// it. Shown, carried along on export, never believed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedHistoryData {
    /// SHA-256 of the file the claims came in, as the importing instance
    /// computed it.
    pub file_sha256: String,
    pub imported_by: Option<String>,
    pub imported_at: i64,
    pub source: Option<SourceData>,
    pub stage: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub sign_offs: Vec<SignOffData>,
    pub timeline: Vec<EventData>,
    pub items: Vec<ItemClaims>,
}

/// The file's claims about who made the project, its items and evidence,
/// and when, its sign-offs and its timeline, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Claims {
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub sign_offs: Vec<SignOffData>,
    pub timeline: Vec<EventData>,
    pub items: Vec<ItemClaims>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemClaims {
    pub phase: String,
    pub practice: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub evidence: Vec<EvidenceClaims>,
}

/// What the file said about one piece of evidence, including the hash and
/// size it claimed (the evidence itself carries those of the bytes received).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceClaims {
    pub kind: String,
    pub name: String,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub content_type: Option<String>,
    pub uploaded_by: Option<String>,
    pub created_at: i64,
}

/// A project's imported history: who imported which file when, and the
/// claims, the file's own first, then those it carried from earlier imports.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedHistory {
    pub file_sha256: String,
    pub imported_by: UserId,
    pub imported_at: Timestamp,
    pub claimed: Vec<ImportedHistoryData>,
}

fn unreadable(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("imported history unreadable: {error}"))
}

impl ImportedHistory {
    pub(crate) fn from_record(record: ImportedHistoryRecord) -> Result<Self, ServiceError> {
        let imported_by = UserId::parse(&record.imported_by).ok_or_else(|| unreadable("user"))?;
        let claims: Claims = serde_json::from_str(&record.claims).map_err(unreadable)?;
        let own = ImportedHistoryData {
            file_sha256: record.file_sha256.clone(),
            // The importer's e-mail is filled in where people are known.
            imported_by: None,
            imported_at: record.imported_at,
            source: serde_json::from_str(&record.claimed_source).map_err(unreadable)?,
            stage: record.claimed_stage,
            created_by: claims.created_by,
            created_at: claims.created_at,
            updated_at: claims.updated_at,
            sign_offs: claims.sign_offs,
            timeline: claims.timeline,
            items: claims.items,
        };
        let earlier: Vec<ImportedHistoryData> =
            serde_json::from_str(&record.earlier).map_err(unreadable)?;
        Ok(ImportedHistory {
            file_sha256: record.file_sha256,
            imported_by,
            imported_at: Timestamp(record.imported_at),
            claimed: std::iter::once(own).chain(earlier).collect(),
        })
    }
}
