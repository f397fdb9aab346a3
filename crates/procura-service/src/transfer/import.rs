//! Importing a project document: every value checked before anything is
//! written, then one transaction that creates the project anew and keeps
//! the file's claims as imported history.

use std::collections::BTreeSet;

use procura_catalog::Catalog;
use procura_domain::{
    AuditAction, Day, EvidenceId, EvidenceKind, EvidenceRecord, ItemId, ItemRecord, ItemStatus,
    Permission, Phase, PracticeNumber, ProcurementType, ProjectId, ProjectRecord, ProjectRole,
    Stage, TextField, Timestamp, UserId,
};
use procura_store::projects::{self, ImportedHistoryRecord};
use procura_store::{items, users};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::format::{Claims, EvidenceClaims, FORMAT, ItemClaims, ProjectExport, READABLE_VERSIONS};
use crate::packaging::ImportFile;
use crate::projects::{
    ProjectInput, check_ciso_change, evidence_link, sanitise_filename, sniff_content_type,
    sync_checklist,
};
use crate::secret::new_uuid;
use crate::timeline::log;
use crate::{Invalid, Principal, ServiceError, Services};

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
        .parse()
        .map_err(ServiceError::Fields)?;
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
            reference: parsed.reference.clone(),
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
        check_ciso_change(principal, &[], &cisos)?;
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
            AuditAction::ProjectImport,
            json!({
                "reference": project.reference.as_str(),
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
}
