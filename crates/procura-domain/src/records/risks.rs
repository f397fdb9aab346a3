//! A project's risk register, its reviews, the DPIA screening, and an
//! organisation's risk settings.

use crate::{
    Day, DpiaCriterion, PracticeNumber, ProjectId, RiskId, RiskLevel, RiskMatrix, RiskStatus,
    Stage, Step, ThreatGroup, Timestamp, Treatment, UserId,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRecord {
    pub id: RiskId,
    pub project_id: ProjectId,
    pub status: RiskStatus,
    pub threat_group: ThreatGroup,
    /// An example threat of the catalogue or one of its scenarios, by slug.
    pub example: Option<String>,
    /// Free text: the scenario in the team's words.
    pub description: String,
    /// The asset or service concerned.
    pub asset: String,
    pub likelihood: Step,
    pub severity: Step,
    pub treatment: Option<Treatment>,
    pub owner_id: Option<UserId>,
    pub due_date: Option<Day>,
    /// Practices that mitigate it.
    pub practices: Vec<PracticeNumber>,
    /// Tender requirement codes that mitigate it.
    pub requirements: Vec<String>,
    pub residual_likelihood: Option<Step>,
    pub residual_severity: Option<Step>,
    /// The CISO who accepted the residual risk, and when.
    pub accepted_by: Option<UserId>,
    pub accepted_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

/// One review of a project's register, during one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRecord {
    pub id: String,
    pub project_id: ProjectId,
    pub stage: Stage,
    pub reviewed_by: UserId,
    pub reviewed_at: Timestamp,
    /// What changed since the previous review, and the reviewer's note.
    pub summary: String,
}

/// A project's DPIA screening and the decision taken on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpiaRecord {
    pub project_id: ProjectId,
    pub criteria: Vec<DpiaCriterion>,
    pub required: bool,
    /// The data protection officer's decision, in their words.
    pub decision: String,
    pub decided_by: UserId,
    pub decided_at: Timestamp,
    pub version: i64,
}

/// An organisation's risk matrix and appetite (the highest residual level
/// it accepts without escalation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskSettings {
    pub matrix: RiskMatrix,
    pub appetite: RiskLevel,
    /// 0 until an administrator first saves them.
    pub version: i64,
}

impl Default for RiskSettings {
    /// The default matrix and a moderate appetite, never saved.
    fn default() -> Self {
        RiskSettings {
            matrix: RiskMatrix::default(),
            appetite: RiskLevel::Moderate,
            version: 0,
        }
    }
}
