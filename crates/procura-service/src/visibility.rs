//! Which projects a caller sees, and what they may do on each: the
//! service's side of the domain's project rights table.

use procura_domain::{
    Permission, ProjectId, ProjectRecord, ProjectRights, ProjectRole, ProjectStanding,
    StakeholderRecord, project_rights,
};
use procura_store::{Connection, projects};

use crate::{Principal, ServiceError, Services};

/// What `principal` may do on `project`, holding `project_roles` on it:
/// the domain's table asked with where they stand.
fn rights(
    principal: &Principal,
    project: &ProjectRecord,
    project_roles: &[ProjectRole],
) -> ProjectRights {
    project_rights(ProjectStanding {
        grants: principal.grants(),
        created_project: project.created_by == principal.user_id,
        project_roles,
    })
}

/// The roles `principal` holds among a project's stakeholders.
fn own_roles(principal: &Principal, stakeholders: &[StakeholderRecord]) -> Vec<ProjectRole> {
    stakeholders
        .iter()
        .filter(|s| s.user_id == principal.user_id)
        .map(|s| s.role)
        .collect()
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
        let rights = rights(principal, &project, &own_roles(principal, &stakeholders));
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
        let decided =
            project.created_by == principal.user_id || principal.can(Permission::SeeAllProjects);
        let project_roles = if decided {
            Vec::new()
        } else {
            projects::roles_of(conn, id, principal.user_id).await?
        };
        if !rights(principal, &project, &project_roles).view {
            return Err(ServiceError::NotFound);
        }
        Ok(project)
    }
}
