//! A project's checklist as its documents (XLSX, CSV, JSON, Markdown) show
//! it: less than the project page reads, in as few queries as it takes, since
//! scripts and spreadsheets fetch it often.

use procura_domain::{ProjectId, ProjectRecord};
use procura_store::items::{self, ChecklistLine};

use crate::{Principal, ServiceError, Services};

/// The project and its checklist lines, by phase then practice.
#[derive(Debug, Clone)]
pub struct ChecklistView {
    pub project: ProjectRecord,
    pub lines: Vec<ChecklistLine>,
}

impl Services {
    /// The checklist of a project the principal may see; others are
    /// `NotFound`.
    pub async fn checklist(
        &self,
        principal: &Principal,
        id: ProjectId,
    ) -> Result<ChecklistView, ServiceError> {
        // No transaction: the lines are one query, and a download may show a
        // stage a moment older than its lines, as two page loads would.
        let mut conn = self.store().connection().await?;
        let project = self.visible_project(&mut conn, principal, id).await?;
        let lines = items::checklist_lines(&mut conn, id).await?;
        Ok(ChecklistView { project, lines })
    }
}
