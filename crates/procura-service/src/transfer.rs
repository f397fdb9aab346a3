//! Moving a whole project between Procura instances, or keeping a backup:
//! every field, item, sign-off, timeline entry and evidence record, with
//! people named by e-mail (ids mean nothing elsewhere).

use procura_catalog::Catalog;
use procura_domain::{
    Day, EvidenceId, ItemId, ItemStatus, Phase, PracticeNumber, ProcurementType, ProjectId,
    ProjectReference, ProjectRole, Stage, Timestamp, UserId,
};
use procura_store::items::{self, EvidenceKind, EvidenceRecord, ItemRecord};
use procura_store::projects::{self, EventRecord, PlannedDates, ProjectRecord, SignOffRecord};
use procura_store::users;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::secret::new_uuid;
use crate::{Invalid, Principal, ServiceError, Services};

pub const FORMAT: &str = "procura-project";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectExport {
    pub format: String,
    pub format_version: u32,
    pub project: ProjectData,
    pub stakeholders: Vec<StakeholderData>,
    pub items: Vec<ItemData>,
    pub sign_offs: Vec<SignOffData>,
    pub timeline: Vec<EventData>,
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

impl Services {
    /// The project as a transferable document.
    pub async fn export_project(
        &self,
        principal: &Principal,
        id: ProjectId,
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
        Ok(ProjectExport {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
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
                            kind: match e.kind {
                                EvidenceKind::File => "file",
                                EvidenceKind::Link => "link",
                            }
                            .to_owned(),
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

    /// Creates the project of an export in the caller's organisation, with
    /// new ids. People are matched by e-mail among the members; anyone
    /// unknown here is left out (the importer stands in for uploaders).
    /// `files` gives evidence bytes by (item, evidence) position.
    pub async fn import_project(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        export: &ProjectExport,
        files: &[(usize, usize, Vec<u8>)],
        now: Timestamp,
    ) -> Result<ProjectRecord, ServiceError> {
        principal.require(procura_domain::Permission::CreateProjects)?;
        if export.format != FORMAT || export.format_version != FORMAT_VERSION {
            return Err(ServiceError::Invalid(Invalid::ImportFile));
        }
        let data = &export.project;
        let bad = |_| ServiceError::Invalid(Invalid::ImportFile);
        let reference =
            ProjectReference::parse(&data.reference).ok_or(Invalid::ProjectReference)?;
        let procurement_types = data
            .procurement_types
            .iter()
            .map(|id| ProcurementType::from_id(id).map_err(bad))
            .collect::<Result<Vec<_>, _>>()?;
        let day = |value: &Option<String>| -> Result<Option<Day>, ServiceError> {
            value
                .as_deref()
                .map(|text| Day::parse(text).ok_or(ServiceError::Invalid(Invalid::Date)))
                .transpose()
        };
        let mut tx = self.store().begin().await?;
        let members = users::members(&mut tx, principal.organisation_id).await?;
        let person = |email: &Option<String>| -> Option<UserId> {
            let email = email.as_deref()?.to_lowercase();
            members
                .iter()
                .find(|m| m.user.email.as_str() == email)
                .map(|m| m.user.id)
        };
        let id = ProjectId::from_uuid(new_uuid()?);
        let project = ProjectRecord {
            id,
            organisation_id: principal.organisation_id,
            reference: reference.to_string(),
            title: data.title.clone(),
            description: data.description.clone(),
            procurement_types,
            estimated_value: data.estimated_value,
            currency: data.currency.clone(),
            cpv_codes: data.cpv_codes.clone(),
            sites: data.sites.clone(),
            special_category_data: data.special_category_data,
            stage: Stage::parse(&data.stage).ok_or(Invalid::ImportFile)?,
            planned: PlannedDates {
                planning: (day(&data.planned[0])?, day(&data.planned[1])?),
                supplier_selection: (day(&data.planned[2])?, day(&data.planned[3])?),
                management: (day(&data.planned[4])?, day(&data.planned[5])?),
            },
            catalog_edition: data.catalog_edition.clone(),
            created_by: person(&data.created_by).unwrap_or(principal.user_id),
            created_at: Timestamp(data.created_at),
            updated_at: Timestamp(data.updated_at),
            version: 1,
        };
        projects::insert(&mut tx, &project).await?;
        let stakeholders: Vec<(UserId, ProjectRole)> = export
            .stakeholders
            .iter()
            .filter_map(|s| {
                Some((
                    person(&Some(s.email.clone()))?,
                    ProjectRole::parse(&s.role)?,
                ))
            })
            .collect();
        let cisos: Vec<UserId> = stakeholders
            .iter()
            .filter(|(_, role)| *role == ProjectRole::Ciso)
            .map(|(user, _)| *user)
            .collect();
        crate::projects::check_ciso_change(principal, &[], &cisos)?;
        projects::set_stakeholders(&mut tx, id, &stakeholders).await?;
        for (item_index, item) in export.items.iter().enumerate() {
            let practice =
                PracticeNumber::parse(&item.practice).map_err(|_| Invalid::ImportFile)?;
            if catalog.practice(practice).is_none() {
                return Err(ServiceError::Invalid(Invalid::ImportFile));
            }
            let record = ItemRecord {
                id: ItemId::from_uuid(new_uuid()?),
                project_id: id,
                phase: Phase::from_id(&item.phase).map_err(bad)?,
                practice,
                status: ItemStatus::parse(&item.status).ok_or(Invalid::ImportFile)?,
                justification: item.justification.clone(),
                owner_id: person(&item.owner),
                due_date: day(&item.due_date)?,
                notes: item.notes.clone(),
                retired: item.retired,
                created_at: Timestamp(item.created_at),
                updated_at: Timestamp(item.updated_at),
                version: 1,
            };
            items::insert(&mut tx, &record).await?;
            for (evidence_index, evidence) in item.evidence.iter().enumerate() {
                let kind = match evidence.kind.as_str() {
                    "file" => EvidenceKind::File,
                    "link" => EvidenceKind::Link,
                    _ => return Err(ServiceError::Invalid(Invalid::ImportFile)),
                };
                let content = files
                    .iter()
                    .find(|(i, e, _)| *i == item_index && *e == evidence_index)
                    .map(|(_, _, bytes)| bytes.as_slice());
                items::insert_evidence(
                    &mut tx,
                    &EvidenceRecord {
                        id: EvidenceId::from_uuid(new_uuid()?),
                        item_id: record.id,
                        project_id: id,
                        kind,
                        name: evidence.name.clone(),
                        url: evidence.url.clone(),
                        sha256: evidence.sha256.clone(),
                        size: evidence.size,
                        content_type: evidence.content_type.clone(),
                        uploaded_by: person(&evidence.uploaded_by).unwrap_or(principal.user_id),
                        created_at: Timestamp(evidence.created_at),
                    },
                    content,
                )
                .await?;
            }
        }
        for sign_off in &export.sign_offs {
            let Some(signed_by) = person(&sign_off.signed_by) else {
                continue;
            };
            projects::insert_sign_off(
                &mut tx,
                id,
                &SignOffRecord {
                    phase: Phase::from_id(&sign_off.phase).map_err(bad)?,
                    signed_by,
                    signed_at: Timestamp(sign_off.signed_at),
                    comment: sign_off.comment.clone(),
                },
            )
            .await?;
        }
        for event in &export.timeline {
            projects::insert_event(
                &mut tx,
                id,
                &EventRecord {
                    id: new_uuid()?.to_string(),
                    at: event.at,
                    actor: event.actor.clone(),
                    kind: event.kind.clone(),
                    detail: event.detail.to_string(),
                },
            )
            .await?;
        }
        // The import itself goes to the audit log; the timeline stays the
        // project's own history, so an export of the import matches the original.
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(principal.organisation_id),
                action: "project.import",
                object: format!("project:{id}"),
                detail: json!({ "reference": project.reference, "items": export.items.len() }),
                actor: Actor::User(principal),
            },
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
