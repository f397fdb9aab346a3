//! The wire types of risk registers over the API.

use procura_domain::DpiaRecord;
use procura_domain::{Step, UserId};
use procura_service::risks::{RegisterView, RiskView};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Risk {
    pub id: String,
    pub project: String,
    /// proposed, open or dismissed.
    pub status: String,
    pub threat_group: String,
    pub example: Option<String>,
    pub description: String,
    pub asset: String,
    pub likelihood: u8,
    pub severity: u8,
    /// low, moderate, high or critical, from the organisation's matrix.
    pub inherent: String,
    pub treatment: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub practices: Vec<String>,
    pub requirements: Vec<String>,
    pub residual_likelihood: Option<u8>,
    pub residual_severity: Option<u8>,
    pub residual: Option<String>,
    pub above_appetite: bool,
    pub accepted_by: Option<String>,
    pub version: i64,
}

pub fn risk(view: &RiskView, people: &[(UserId, String)]) -> Risk {
    let record = &view.record;
    let email = |id: procura_domain::UserId| {
        people
            .iter()
            .find(|(user, _)| *user == id)
            .map(|(_, email)| email.clone())
    };
    Risk {
        id: record.id.to_string(),
        project: record.project_id.to_string(),
        status: record.status.id().to_owned(),
        threat_group: record.threat_group.id().to_owned(),
        example: record.example.clone(),
        description: record.description.clone(),
        asset: record.asset.clone(),
        likelihood: record.likelihood.get(),
        severity: record.severity.get(),
        inherent: view.inherent.id().to_owned(),
        treatment: record.treatment.map(|t| t.id().to_owned()),
        owner: record.owner_id.and_then(email),
        due_date: record.due_date.map(|d| d.to_string()),
        practices: record.practices.iter().map(|n| n.id()).collect(),
        requirements: record.requirements.clone(),
        residual_likelihood: record.residual_likelihood.map(Step::get),
        residual_severity: record.residual_severity.map(Step::get),
        residual: view.residual.map(|l| l.id().to_owned()),
        above_appetite: view.above_appetite,
        accepted_by: record.accepted_by.and_then(email),
        version: record.version,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Review {
    pub stage: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: i64,
    pub summary: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Dpia {
    pub criteria: Vec<String>,
    pub required: bool,
    pub decision: String,
    pub decided_by: Option<String>,
    pub decided_at: i64,
    pub version: i64,
}

pub fn dpia(record: &DpiaRecord, view: &RegisterView) -> Dpia {
    Dpia {
        criteria: record.criteria.iter().map(|c| c.id().to_owned()).collect(),
        required: record.required,
        decision: record.decision.clone(),
        decided_by: view.email_of(record.decided_by).map(str::to_owned),
        decided_at: record.decided_at.millis(),
        version: record.version,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Register {
    pub project: String,
    pub stage: String,
    pub reviewed_this_stage: bool,
    pub appetite: String,
    pub can_edit: bool,
    pub can_accept: bool,
    pub risks: Vec<Risk>,
    pub reviews: Vec<Review>,
    pub dpia: Option<Dpia>,
}

pub fn register(view: &RegisterView) -> Register {
    Register {
        project: view.project.id.to_string(),
        stage: view.project.stage.id().to_owned(),
        reviewed_this_stage: view.reviewed_this_stage,
        appetite: view.settings.appetite.id().to_owned(),
        can_edit: view.can_edit,
        can_accept: view.can_accept,
        risks: view.risks.iter().map(|r| risk(r, &view.people)).collect(),
        reviews: view
            .reviews
            .iter()
            .map(|review| Review {
                stage: review.stage.id().to_owned(),
                reviewed_by: view.email_of(review.reviewed_by).map(str::to_owned),
                reviewed_at: review.reviewed_at.millis(),
                summary: review.summary.clone(),
            })
            .collect(),
        dpia: view.dpia.as_ref().map(|record| dpia(record, view)),
    }
}
