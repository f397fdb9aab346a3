//! A project's checklist as its documents (XLSX, CSV, JSON, Markdown) show
//! it: less than the project page reads, in as few queries as it takes, since
//! scripts and spreadsheets fetch it often.

use procura_domain::ProjectId;
use procura_store::items::{self, ChecklistLine};
use procura_store::projects::ProjectRecord;

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
        let mut tx = self.store().begin_read().await?;
        let (project, _, _) = self.visible(&mut tx, principal, id).await?;
        let lines = items::checklist_lines(&mut tx, id).await?;
        tx.commit().await?;
        Ok(ChecklistView { project, lines })
    }
}
