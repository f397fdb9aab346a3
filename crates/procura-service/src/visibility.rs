//! Which projects a caller sees, and what they may do on each: the
//! service's side of the domain's project rights table.

use procura_domain::{
    Permission, ProjectId, ProjectRecord, ProjectRights, ProjectRole, ProjectStanding,
    StakeholderRecord, project_rights,
};
use procura_store::{Connection, projects};

use crate::{Principal, ServiceError, Services};

/// What `principal` may do on `project`: where they stand on it, asked of
/// the domain's table.
fn rights(
    principal: &Principal,
    project: &ProjectRecord,
    stakeholders: &[StakeholderRecord],
) -> ProjectRights {
    let project_roles: Vec<ProjectRole> = stakeholders
        .iter()
        .filter(|s| s.user_id == principal.user_id)
        .map(|s| s.role)
        .collect();
    project_rights(ProjectStanding {
        grants: principal.grants(),
        created_project: project.created_by == principal.user_id,
        project_roles: &project_roles,
    })
}

impl Services {
    /// Loads a project the principal may see; others are `NotFound`.
    pub(crate) async fn visible(
        &self,
        conn: &mut impl Connection,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<(ProjectRecord, Vec<StakeholderRecord>, ProjectRights), ServiceError> {
        let project = projects::find(conn, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let stakeholders = projects::stakeholders(conn, id).await?;
        let rights = rights(principal, &project, &stakeholders);
        if !rights.view {
            return Err(ServiceError::NotFound);
        }
        Ok((project, stakeholders, rights))
    }

    /// Loads a project the principal may see, with only what deciding so
    /// takes: the project, and the principal's own roles on it unless their
    /// organisation role or authorship already decides. Others are
    /// `NotFound`. For reads that need neither the stakeholders nor the rights.
    pub(crate) async fn visible_project(
        &self,
        conn: &mut impl Connection,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<ProjectRecord, ServiceError> {
        let project = projects::find(conn, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let created_project = project.created_by == principal.user_id;
        let project_roles = if created_project || principal.can(Permission::SeeAllProjects) {
            Vec::new()
        } else {
            projects::roles_of(conn, id, principal.user_id).await?
        };
        let rights = project_rights(ProjectStanding {
            grants: principal.grants(),
            created_project,
            project_roles: &project_roles,
        });
        if !rights.view {
            return Err(ServiceError::NotFound);
        }
        Ok(project)
    }
}
