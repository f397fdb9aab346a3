//! Moving a whole project between Procura instances, or keeping a backup:
//! every field, item, sign-off, timeline entry and evidence record, with
//! people named by e-mail (ids mean nothing elsewhere).
//!
//! An import never creates an attestation. The file is a claim: the new
//! project starts at planning, made by the importer now; what the file says
//! about its stage, sign-offs, timeline and who made what when is kept
//! apart as *imported history*, labelled with the file's SHA-256 and never
//! counted by the gate; evidence hashes come from the bytes received.

use std::collections::BTreeSet;

use procura_catalog::Catalog;
use procura_domain::{
    Day, EvidenceId, ItemId, ItemStatus, Permission, Phase, PracticeNumber, ProcurementType,
    ProjectId, ProjectRole, Stage, TextField, Timestamp, UserId,
};
use procura_store::items::{self, EvidenceKind, EvidenceRecord, ItemRecord};
use procura_store::projects::{self, ImportedHistoryRecord, ProjectRecord};
use procura_store::users;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::packaging::ImportFile;
use crate::projects::{ProjectInput, evidence_link, log, sync_checklist};
use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services, sanitise_filename, sniff_content_type};

pub const FORMAT: &str = "procura-project";
/// 2 added the source and the imported history, and missing evidence.
pub const FORMAT_VERSION: u32 = 2;
/// Versions an import reads: files written before the source and the
/// imported history still import.
const READABLE_VERSIONS: [u32; 2] = [1, 2];

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
struct Claims {
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

/// One piece of evidence as it will be recorded.
struct PlannedEvidence {
    kind: EvidenceKind,
    name: String,
    url: Option<String>,
    content: Option<Vec<u8>>,
}

/// One item as it will be recorded.
struct PlannedItem {
    phase: Phase,
    practice: PracticeNumber,
    status: ItemStatus,
    justification: String,
    owner: Option<String>,
    due_date: Option<Day>,
    notes: String,
    retired: bool,
    evidence: Vec<PlannedEvidence>,
}

/// Checks every item of the file and decides what to record, before
/// anything is written: a bad value refuses the whole file.
fn plan_items(
    catalog: &Catalog,
    export: &ProjectExport,
    files: &mut [(usize, usize, Vec<u8>)],
) -> Result<Vec<PlannedItem>, ServiceError> {
    let bad = || ServiceError::Invalid(Invalid::ImportFile);
    let mut seen = BTreeSet::new();
    let mut planned = Vec::with_capacity(export.items.len());
    for (item_index, item) in export.items.iter().enumerate() {
        let phase = Phase::from_id(&item.phase).map_err(|_| bad())?;
        let practice = PracticeNumber::parse(&item.practice).map_err(|_| bad())?;
        if catalog.practice(practice).is_none() || !seen.insert((phase, practice)) {
            return Err(bad());
        }
        let status = ItemStatus::parse(&item.status).ok_or_else(bad)?;
        // The limits of the item form hold for a file too.
        let justification = TextField::Justification
            .check(item.justification.trim())?
            .to_owned();
        TextField::ItemNotes.check(item.notes.trim())?;
        if status == ItemStatus::NotApplicable && justification.is_empty() {
            return Err(ServiceError::Invalid(Invalid::Justification));
        }
        let due_date = item
            .due_date
            .as_deref()
            .map(|text| Day::parse(text).ok_or(Invalid::Date))
            .transpose()?;
        let mut evidence = Vec::with_capacity(item.evidence.len());
        for (evidence_index, claimed) in item.evidence.iter().enumerate() {
            evidence.push(match claimed.kind.as_str() {
                "link" => {
                    let url = claimed.url.as_deref().unwrap_or_default();
                    let url = evidence_link(url).map_err(|_| ServiceError::ImportLink {
                        phase: phase.id().to_owned(),
                        practice: practice.id(),
                        url: url.to_owned(),
                    })?;
                    let label = TextField::EvidenceName.check(claimed.name.trim())?;
                    PlannedEvidence {
                        kind: EvidenceKind::Link,
                        name: if label.is_empty() { url } else { label }.to_owned(),
                        url: Some(url.to_owned()),
                        content: None,
                    }
                }
                "file" | "missing" => {
                    let content = files
                        .iter_mut()
                        .find(|(i, e, _)| *i == item_index && *e == evidence_index)
                        .map(|(_, _, bytes)| std::mem::take(bytes));
                    PlannedEvidence {
                        kind: if content.is_some() {
                            EvidenceKind::File
                        } else {
                            EvidenceKind::Missing
                        },
                        name: sanitise_filename(&claimed.name),
                        url: None,
                        content,
                    }
                }
                _ => return Err(bad()),
            });
        }
        planned.push(PlannedItem {
            phase,
            practice,
            status,
            justification,
            owner: item.owner.clone(),
            due_date,
            notes: item.notes.trim().to_owned(),
            retired: item.retired,
            evidence,
        });
    }
    Ok(planned)
}

/// The file's own claims, as imported history.
fn claims_of(export: &ProjectExport) -> Claims {
    Claims {
        created_by: export.project.created_by.clone(),
        created_at: export.project.created_at,
        updated_at: export.project.updated_at,
        sign_offs: export.sign_offs.clone(),
        timeline: export.timeline.clone(),
        items: export
            .items
            .iter()
            .map(|item| ItemClaims {
                phase: item.phase.clone(),
                practice: item.practice.clone(),
                created_at: item.created_at,
                updated_at: item.updated_at,
                evidence: item
                    .evidence
                    .iter()
                    .map(|e| EvidenceClaims {
                        kind: e.kind.clone(),
                        name: e.name.clone(),
                        sha256: e.sha256.clone(),
                        size: e.size,
                        content_type: e.content_type.clone(),
                        uploaded_by: e.uploaded_by.clone(),
                        created_at: e.created_at,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn to_json(value: &impl Serialize) -> Result<String, ServiceError> {
    serde_json::to_string(value).map_err(|e| ServiceError::Internal(e.to_string()))
}

impl Services {
    /// The project as a transferable document, naming this instance
    /// (`instance`, its public address) and the exporter as its source.
    pub async fn export_project(
        &self,
        principal: &Principal,
        id: ProjectId,
        instance: &str,
        now: Timestamp,
    ) -> Result<ProjectExport, ServiceError> {
        let mut view = self.project(principal, id).await?;
        // A stable order, independent of generated ids, so that exports compare.
        view.evidence
            .sort_by(|a, b| (a.created_at, &a.name).cmp(&(b.created_at, &b.name)));
        view.events
            .sort_by(|a, b| (b.at, &a.kind, &a.detail).cmp(&(a.at, &b.kind, &b.detail)));
        let view = view;
        let email = |user: UserId| view.email_of(user).map(str::to_owned);
        let p = &view.project;
        let day = |d: Option<Day>| d.map(|d| d.to_string());
        let imported_history = match &view.imported {
            Some(history) => {
                let mut claimed = history.claimed.clone();
                if let Some(own) = claimed.first_mut() {
                    own.imported_by = email(history.imported_by);
                }
                claimed
            }
            None => Vec::new(),
        };
        Ok(ProjectExport {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            source: Some(SourceData {
                organisation: principal.organisation_name.clone(),
                instance: Some(instance.to_owned()),
                exported_by: Some(principal.email.to_string()),
                exported_at: now.millis(),
            }),
            project: ProjectData {
                reference: p.reference.clone(),
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
                planned: p.planned.as_texts(),
                catalog_edition: p.catalog_edition.clone(),
                created_by: email(p.created_by),
                created_at: p.created_at.millis(),
                updated_at: p.updated_at.millis(),
            },
            stakeholders: view
                .stakeholders
                .iter()
                .map(|s| StakeholderData {
                    email: s.email.clone(),
                    role: s.role.id().to_owned(),
                })
                .collect(),
            items: view
                .items
                .iter()
                .map(|item| ItemData {
                    phase: item.phase.id().to_owned(),
                    practice: item.practice.id(),
                    status: item.status.id().to_owned(),
                    justification: item.justification.clone(),
                    owner: item.owner_id.and_then(email),
                    due_date: day(item.due_date),
                    notes: item.notes.clone(),
                    retired: item.retired,
                    created_at: item.created_at.millis(),
                    updated_at: item.updated_at.millis(),
                    evidence: view
                        .evidence
                        .iter()
                        .filter(|e| e.item_id == item.id)
                        .map(|e| EvidenceData {
                            kind: e.kind.id().to_owned(),
                            name: e.name.clone(),
                            url: e.url.clone(),
                            sha256: e.sha256.clone(),
                            size: e.size,
                            content_type: e.content_type.clone(),
                            uploaded_by: email(e.uploaded_by),
                            created_at: e.created_at.millis(),
                        })
                        .collect(),
                })
                .collect(),
            sign_offs: view
                .sign_offs
                .iter()
                .map(|s| SignOffData {
                    phase: s.phase.id().to_owned(),
                    signed_by: email(s.signed_by),
                    signed_at: s.signed_at.millis(),
                    comment: s.comment.clone(),
                })
                .collect(),
            timeline: view
                .events
                .iter()
                .map(|e| EventData {
                    at: e.at,
                    actor: e.actor.clone(),
                    kind: e.kind.clone(),
                    detail: serde_json::from_str(&e.detail)
                        .unwrap_or(serde_json::Value::String(e.detail.clone())),
                })
                .collect(),
            imported_history,
        })
    }

    /// The bytes of every evidence file of a project, by the position of its
    /// item and evidence in the export, for a backup archive.
    pub async fn export_evidence_files(
        &self,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<Vec<(usize, usize, String, Vec<u8>)>, ServiceError> {
        let mut view = self.project(principal, id).await?;
        view.evidence
            .sort_by(|a, b| (a.created_at, &a.name).cmp(&(b.created_at, &b.name)));
        let mut files = Vec::new();
        for (item_index, item) in view.items.iter().enumerate() {
            for (evidence_index, evidence) in view
                .evidence
                .iter()
                .filter(|e| e.item_id == item.id)
                .enumerate()
            {
                if evidence.kind == EvidenceKind::File {
                    let (_, bytes) = self.evidence_file(principal, evidence.id).await?;
                    files.push((item_index, evidence_index, evidence.name.clone(), bytes));
                }
            }
        }
        Ok(files)
    }

    /// Creates the project of an imported file in the caller's organisation,
    /// as a new project the caller makes now.
    ///
    /// Taken from the file: the project's fields, stakeholders and item
    /// owners among the members (matched by e-mail; others are left out),
    /// the items' statuses and notes, links (held to the item form's rule)
    /// and the evidence files it holds (hashed, measured and typed here; a
    /// file it lists without holding is recorded as missing). Kept only as
    /// imported history: its stage, sign-offs, timeline and every claim of
    /// who made what when. Any invalid value refuses the whole file.
    pub async fn import_project(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        file: ImportFile,
        now: Timestamp,
    ) -> Result<ProjectRecord, ServiceError> {
        principal.require(Permission::CreateProjects)?;
        let ImportFile {
            export,
            mut files,
            sha256: file_sha256,
        } = file;
        if export.format != FORMAT || !READABLE_VERSIONS.contains(&export.format_version) {
            return Err(ServiceError::Invalid(Invalid::ImportFile));
        }
        let data = &export.project;
        let procurement_types = data
            .procurement_types
            .iter()
            .map(|id| ProcurementType::from_id(id).map_err(|_| Invalid::ImportFile))
            .collect::<Result<Vec<_>, _>>()?;
        // The same rules as a project typed into the form.
        let parsed = ProjectInput {
            reference: data.reference.clone(),
            title: data.title.clone(),
            description: data.description.clone(),
            procurement_types,
            estimated_value: data.estimated_value.map(|value| value.to_string()),
            currency: data.currency.clone(),
            cpv_codes: data.cpv_codes.clone(),
            sites: data.sites.clone(),
            special_category_data: data.special_category_data,
            planned: data.planned.clone(),
            stakeholders: Vec::new(),
        }
        .parse()?;
        let stage = Stage::parse(&data.stage).ok_or(Invalid::ImportFile)?;
        let planned_items = plan_items(catalog, &export, &mut files)?;
        drop(files);
        let claims = claims_of(&export);

        let mut tx = self.store().begin().await?;
        let members = users::members(&mut tx, principal.organisation_id).await?;
        let person = |email: Option<&str>| -> Option<UserId> {
            let email = email?.trim().to_lowercase();
            members
                .iter()
                .find(|m| m.user.email.as_str() == email)
                .map(|m| m.user.id)
        };
        let id = ProjectId::from_uuid(new_uuid()?);
        let project = ProjectRecord {
            id,
            organisation_id: principal.organisation_id,
            reference: parsed.reference.to_string(),
            title: parsed.title,
            description: parsed.description,
            procurement_types: parsed.procurement_types,
            estimated_value: parsed.estimated_value,
            currency: parsed.currency,
            cpv_codes: parsed.cpv_codes,
            sites: parsed.sites,
            special_category_data: parsed.special_category_data,
            stage: Stage::Planning,
            planned: parsed.planned,
            catalog_edition: catalog.edition.id.clone(),
            created_by: principal.user_id,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        projects::insert(&mut tx, &project).await?;
        let mut stakeholders: Vec<(UserId, ProjectRole)> = Vec::new();
        for s in &export.stakeholders {
            if let (Some(user), Some(role)) = (person(Some(&s.email)), ProjectRole::parse(&s.role))
                && !stakeholders.contains(&(user, role))
            {
                stakeholders.push((user, role));
            }
        }
        let cisos: Vec<UserId> = stakeholders
            .iter()
            .filter(|(_, role)| *role == ProjectRole::Ciso)
            .map(|(user, _)| *user)
            .collect();
        crate::projects::check_ciso_change(principal, &[], &cisos)?;
        projects::set_stakeholders(&mut tx, id, &stakeholders).await?;
        let (mut files_received, mut files_missing, mut links) = (0, 0, 0);
        for item in planned_items {
            let record = ItemRecord {
                id: ItemId::from_uuid(new_uuid()?),
                project_id: id,
                phase: item.phase,
                practice: item.practice,
                status: item.status,
                justification: item.justification,
                owner_id: person(item.owner.as_deref()),
                due_date: item.due_date,
                notes: item.notes,
                retired: item.retired,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            items::insert(&mut tx, &record).await?;
            for evidence in item.evidence {
                match evidence.kind {
                    EvidenceKind::File => files_received += 1,
                    EvidenceKind::Missing => files_missing += 1,
                    EvidenceKind::Link => links += 1,
                }
                let content = evidence.content.as_deref();
                items::insert_evidence(
                    &mut tx,
                    &EvidenceRecord {
                        id: EvidenceId::from_uuid(new_uuid()?),
                        item_id: record.id,
                        project_id: id,
                        kind: evidence.kind,
                        name: evidence.name,
                        url: evidence.url,
                        sha256: content.map(|bytes| hex::encode(Sha256::digest(bytes))),
                        size: content.map(|bytes| i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
                        content_type: content.map(|bytes| sniff_content_type(bytes).to_owned()),
                        uploaded_by: principal.user_id,
                        created_at: now,
                    },
                    content,
                )
                .await?;
            }
        }
        // The checklist this instance's catalogue gives the types: items the
        // file lacks are added, those that do not apply are retired.
        let (added, _) =
            sync_checklist(&mut tx, catalog, id, &project.procurement_types, now).await?;
        let starters = crate::risks::starter_risks(catalog, id, &project.procurement_types, now)?;
        for risk in &starters {
            procura_store::risks::insert(&mut tx, risk).await?;
        }
        projects::insert_imported_history(
            &mut tx,
            id,
            &ImportedHistoryRecord {
                file_sha256: file_sha256.clone(),
                claimed_stage: stage.id().to_owned(),
                claimed_source: to_json(&export.source)?,
                claims: to_json(&claims)?,
                earlier: to_json(&export.imported_history)?,
                imported_by: principal.user_id.to_string(),
                imported_at: now.millis(),
            },
        )
        .await?;
        log(
            &mut tx,
            principal,
            id,
            now,
            "project.import",
            json!({
                "reference": project.reference,
                "file_sha256": file_sha256,
                "claimed_stage": stage.id(),
                "claimed_source": export.source,
                "claimed_sign_offs": export.sign_offs.len(),
                "items": export.items.len(),
                "items_added": added,
                "evidence_files": files_received,
                "evidence_missing": files_missing,
                "links": links,
                "proposed_risks": starters.len(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(project)
    }

    /// A principal for command-line work on projects, as a named member.
    pub async fn act_as(
        &self,
        email: &str,
        organisation: Option<&str>,
    ) -> Result<Principal, ServiceError> {
        let email = procura_domain::Email::parse(email).map_err(|_| Invalid::Email)?;
        let mut conn = self.store().connection().await?;
        let user = users::find_by_email(&mut conn, &email)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let memberships = users::memberships_of(&mut conn, user.id).await?;
        let (organisation, _) = match organisation {
            Some(name) => memberships
                .into_iter()
                .find(|(org, _)| org.name == name.trim()),
            None => memberships.into_iter().next(),
        }
        .ok_or(ServiceError::Invalid(Invalid::NoOrganisation))?;
        crate::auth::load_principal(
            &mut conn,
            user.id,
            organisation.id,
            crate::AuthMethod::Token {
                token_id: procura_domain::TokenId::from_uuid(uuid::Uuid::nil()),
            },
        )
        .await?
        .ok_or(ServiceError::NotFound)
    }
}
