//! What a person finds on their home page: what needs them now — their open
//! items, by due date; the phases waiting for their sign-off as the
//! project's CISO; the bids with award criteria to grade where they
//! evaluate — and their projects with their stage.

use procura_catalog::Catalog;
use procura_domain::{
    BidStatus, Day, ItemRecord, Phase, ProjectId, ProjectRole, Stage, is_overdue,
};

use crate::projects::{PageRequest, PortfolioEntry, PortfolioFilter};
use crate::{Principal, ServiceError, Services};

/// How many projects the home page looks into: the rest are on the
/// projects page.
const HOME_PROJECTS: u32 = 30;

/// A phase a CISO has to sign off, and how far it is from ready.
#[derive(Debug, Clone)]
pub struct SignOffWaiting {
    pub project: ProjectId,
    pub reference: String,
    pub title: String,
    pub phase: Phase,
    /// Items of the phase not yet done or justified as not applicable.
    pub open_items: usize,
}

/// A bid whose award criteria wait for the evaluator's grades.
#[derive(Debug, Clone)]
pub struct BidToGrade {
    pub project: ProjectId,
    pub reference: String,
    pub bid: procura_domain::BidId,
    pub supplier: String,
    pub criteria: usize,
}

#[derive(Debug, Clone)]
pub struct HomeView {
    /// The person's open items, the overdue and the soonest due first.
    pub items: Vec<(ItemRecord, String, String)>,
    pub overdue: usize,
    pub sign_offs: Vec<SignOffWaiting>,
    pub to_grade: Vec<BidToGrade>,
    pub projects: Vec<PortfolioEntry>,
    /// Projects beyond those shown.
    pub more_projects: usize,
}

impl HomeView {
    /// Nothing waits for the person.
    pub fn nothing_to_do(&self) -> bool {
        self.items.is_empty() && self.sign_offs.is_empty() && self.to_grade.is_empty()
    }
}

impl Services {
    /// The home page of the signed-in person.
    pub async fn home(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        today: Day,
    ) -> Result<HomeView, ServiceError> {
        let items: Vec<(ItemRecord, String, String)> = self
            .my_items(principal)
            .await?
            .into_iter()
            .filter(|(item, _, _)| !item.status.is_settled())
            .collect();
        let overdue = items
            .iter()
            .filter(|(item, _, _)| is_overdue(item.due_date, item.status, today))
            .count();
        let portfolio = self
            .portfolio(
                principal,
                &PortfolioFilter::default(),
                today,
                PageRequest {
                    number: 1,
                    per_page: HOME_PROJECTS,
                },
            )
            .await?;
        let mut sign_offs = Vec::new();
        let mut to_grade = Vec::new();
        for entry in &portfolio.entries {
            let project = &entry.project;
            if project.stage == Stage::Closed {
                continue;
            }
            let view = self.project(principal, project.id).await?;
            let ciso = view
                .stakeholders
                .iter()
                .any(|s| s.user_id == principal.user_id && s.role == ProjectRole::Ciso);
            if let Some(phase) = project.stage.phase()
                && ciso
                && view.can_sign_off
                && !view.sign_offs.iter().any(|s| s.phase == phase)
            {
                sign_offs.push(SignOffWaiting {
                    project: project.id,
                    reference: project.reference.to_string(),
                    title: project.title.clone(),
                    phase,
                    open_items: view
                        .items
                        .iter()
                        .filter(|item| item.phase == phase && !item.status.is_settled())
                        .count(),
                });
            }
            if project.stage != Stage::SupplierSelection {
                continue;
            }
            let evaluation = self.evaluation(principal, catalog, project.id).await?;
            if !evaluation.can_evaluate || evaluation.awarded() {
                continue;
            }
            for bid in &evaluation.bids {
                if bid.bid.status == BidStatus::Submitted && !bid.score.to_grade.is_empty() {
                    to_grade.push(BidToGrade {
                        project: project.id,
                        reference: project.reference.to_string(),
                        bid: bid.bid.id,
                        supplier: bid.bid.supplier_name.clone(),
                        criteria: bid.score.to_grade.len(),
                    });
                }
            }
        }
        Ok(HomeView {
            items,
            overdue,
            sign_offs,
            to_grade,
            more_projects: portfolio.total.saturating_sub(portfolio.entries.len()),
            projects: portfolio.entries,
        })
    }
}
