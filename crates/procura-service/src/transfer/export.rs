//! Exporting a project: the document, with people named by e-mail and a
//! stable order, and the bytes of its evidence files for an archive.

use procura_domain::{Day, EvidenceKind, ProjectId, Timestamp, UserId};

use super::format::{
    EventData, EvidenceData, FORMAT, FORMAT_VERSION, ItemData, ProjectData, ProjectExport,
    SignOffData, SourceData, StakeholderData,
};
use crate::{Principal, ServiceError, Services};

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
                    at: e.at.millis(),
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
}
