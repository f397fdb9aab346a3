//! A project as its page shows it: the record, its people, checklist,
//! evidence, sign-offs, timeline and imported history, with what the
//! reader may do.

use procura_domain::{
    EvidenceRecord, ItemRecord, ProjectEvent, ProjectId, ProjectRecord, SignOffRecord,
    StakeholderRecord, UserId,
};
use procura_store::{items, projects, users};

use crate::{Principal, ServiceError, Services};

/// Everything the project page shows.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub project: ProjectRecord,
    pub stakeholders: Vec<StakeholderRecord>,
    pub items: Vec<ItemRecord>,
    pub evidence: Vec<EvidenceRecord>,
    pub sign_offs: Vec<SignOffRecord>,
    /// Newest first.
    pub events: Vec<ProjectEvent>,
    /// What the file the project was imported from claimed, apart from the
    /// project's own history; `None` for a project made here.
    pub imported: Option<crate::transfer::ImportedHistory>,
    /// E-mail addresses of the organisation's members, by user id.
    pub people: Vec<(UserId, String)>,
    pub can_edit_project: bool,
    pub can_edit_items: bool,
    pub can_sign_off: bool,
    pub can_force: bool,
}

impl ProjectView {
    pub fn email_of(&self, user: UserId) -> Option<&str> {
        self.people
            .iter()
            .find(|(id, _)| *id == user)
            .map(|(_, email)| email.as_str())
    }
}

impl Services {
    pub async fn project(
        &self,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<ProjectView, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let (project, stakeholders, rights) = self.visible(&mut tx, principal, id).await?;
        let items = items::for_project(&mut tx, id).await?;
        let evidence = items::evidence_for_project(&mut tx, id).await?;
        let sign_offs = projects::sign_offs(&mut tx, id).await?;
        let events = projects::events(&mut tx, id).await?;
        let imported = projects::imported_history(&mut tx, id)
            .await?
            .map(crate::transfer::ImportedHistory::from_record)
            .transpose()?;
        let people = users::members(&mut tx, principal.organisation_id)
            .await?
            .into_iter()
            .map(|member| (member.user.id, member.user.email.to_string()))
            .collect();
        Ok(ProjectView {
            project,
            stakeholders,
            items,
            evidence,
            sign_offs,
            events,
            imported,
            people,
            can_edit_project: rights.edit_project,
            can_edit_items: rights.edit_items,
            can_sign_off: rights.sign_off,
            can_force: rights.force,
        })
    }

    pub async fn project_by_reference(
        &self,
        principal: &Principal,
        reference: &str,
    ) -> Result<ProjectView, ServiceError> {
        let mut conn = self.store().connection().await?;
        let project =
            projects::find_by_reference(&mut conn, principal.organisation_id, reference.trim())
                .await?
                .ok_or(ServiceError::NotFound)?;
        drop(conn);
        self.project(principal, project.id).await
    }
}
