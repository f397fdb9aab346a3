//! A procurement project, its stakeholders, its phase sign-offs and its
//! timeline.

use crate::{
    AuditAction, Day, OrganisationId, Phase, ProcurementType, ProjectId, ProjectReference,
    ProjectRole, Stage, Timestamp, UserId,
};

/// Planned start and end of each phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlannedDates {
    pub planning: (Option<Day>, Option<Day>),
    pub supplier_selection: (Option<Day>, Option<Day>),
    pub management: (Option<Day>, Option<Day>),
}

impl PlannedDates {
    /// Start and end of each phase in order, as `YYYY-MM-DD`.
    pub fn as_texts(&self) -> [Option<String>; 6] {
        [
            self.planning.0,
            self.planning.1,
            self.supplier_selection.0,
            self.supplier_selection.1,
            self.management.0,
            self.management.1,
        ]
        .map(|day| day.map(|day| day.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRecord {
    pub id: ProjectId,
    pub organisation_id: OrganisationId,
    /// The organisation's own reference, unique within it. Checked with
    /// `ProjectReference::parse` when written.
    pub reference: ProjectReference,
    pub title: String,
    pub description: String,
    pub procurement_types: Vec<ProcurementType>,
    /// Whole units of `currency`.
    pub estimated_value: Option<i64>,
    pub currency: Option<String>,
    pub cpv_codes: Vec<String>,
    pub sites: Vec<String>,
    /// Health or other GDPR article 9 data is processed.
    pub special_category_data: bool,
    pub stage: Stage,
    pub planned: PlannedDates,
    pub catalog_edition: String,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

/// A member with a role in one project, with the names a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderRecord {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: ProjectRole,
}

/// A phase signed off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffRecord {
    pub phase: Phase,
    pub signed_by: UserId,
    pub signed_at: Timestamp,
    pub comment: String,
}

/// One line of a project's timeline, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectEvent {
    pub id: String,
    pub at: Timestamp,
    /// Who acted: an e-mail address, or `portal:<link>` for a supplier.
    pub actor: String,
    /// What happened; `None` for a kind this version does not write, which
    /// is then shown as `kind`.
    pub action: Option<AuditAction>,
    /// The stored id of the action (`item.update`).
    pub kind: String,
    /// JSON.
    pub detail: String,
}
