//! Listing projects: the portfolio, filtered and paged by the database with
//! each project's progress per phase, and a person's own items across
//! projects.

use procura_domain::{
    Day, ItemRecord, ItemStatus, Permission, Phase, ProcurementType, ProjectRecord, Stage, UserId,
};
use procura_store::{items, projects};

use crate::{Principal, ServiceError, Services};

/// A portfolio line: the project and its progress per phase.
#[derive(Debug, Clone)]
pub struct PortfolioEntry {
    pub project: ProjectRecord,
    /// (phase, settled items, live items) in phase order.
    pub progress: Vec<(Phase, i64, i64)>,
    pub overdue: i64,
}

/// Which page of a long list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// From 1.
    pub number: u32,
    pub per_page: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            number: 1,
            per_page: 50,
        }
    }
}

/// One page of the portfolio and how many projects match in all.
#[derive(Debug, Clone)]
pub struct PortfolioPage {
    pub entries: Vec<PortfolioEntry>,
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
}

impl PortfolioPage {
    pub fn has_more(&self) -> bool {
        (self.page as usize) * (self.per_page as usize) < self.total
    }
}

/// Filters of the portfolio; empty ones do not filter.
#[derive(Debug, Clone, Default)]
pub struct PortfolioFilter {
    pub procurement_type: Option<ProcurementType>,
    pub stage: Option<Stage>,
    pub owner: Option<UserId>,
    pub text: Option<String>,
}

impl Services {
    /// One page of the projects the caller may see, filtered, by reference,
    /// with their progress per phase. The database filters and pages;
    /// free text, which folds accents, is matched here.
    pub async fn portfolio(
        &self,
        principal: &Principal,
        filter: &PortfolioFilter,
        today: Day,
        page: PageRequest,
    ) -> Result<PortfolioPage, ServiceError> {
        let mut conn = self.store().connection().await?;
        let selection = projects::Selection {
            member: (!principal.can(Permission::SeeAllProjects)).then_some(principal.user_id),
            procurement_type: filter.procurement_type,
            stage: filter.stage,
            owner: filter.owner,
        };
        let per_page = i64::from(page.per_page.clamp(1, 500));
        let number = page.number.max(1);
        let offset = (i64::from(number) - 1).saturating_mul(per_page);
        let text = filter
            .text
            .as_deref()
            .map(procura_catalog::fold)
            .filter(|text| !text.trim().is_empty());
        let (listed, total, progress) = match text {
            None => {
                let total =
                    projects::count(&mut conn, principal.organisation_id, &selection).await?;
                let listed = projects::page(
                    &mut conn,
                    principal.organisation_id,
                    &selection,
                    per_page,
                    offset,
                )
                .await?;
                let progress = projects::page_progress(
                    &mut conn,
                    principal.organisation_id,
                    &selection,
                    per_page,
                    offset,
                    today,
                )
                .await?;
                (listed, usize::try_from(total).unwrap_or(0), progress)
            }
            Some(text) => {
                let all = projects::page(
                    &mut conn,
                    principal.organisation_id,
                    &selection,
                    i64::MAX,
                    0,
                )
                .await?;
                let matching: Vec<ProjectRecord> = all
                    .into_iter()
                    .filter(|project| {
                        procura_catalog::fold(&format!(
                            "{} {} {}",
                            project.reference, project.title, project.description
                        ))
                        .contains(text.trim())
                    })
                    .collect();
                let total = matching.len();
                let listed: Vec<ProjectRecord> = matching
                    .into_iter()
                    .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                    .take(usize::try_from(per_page).unwrap_or(usize::MAX))
                    .collect();
                let mut progress = Vec::new();
                for project in &listed {
                    progress.extend(projects::progress(&mut conn, project.id, today).await?);
                }
                (listed, total, progress)
            }
        };
        let entries = listed
            .into_iter()
            .map(|project| {
                let id = project.id.to_string();
                let rows: Vec<_> = progress.iter().filter(|row| row.project_id == id).collect();
                let per_phase = Phase::ALL
                    .iter()
                    .map(|phase| {
                        let (settled, total) = rows
                            .iter()
                            .filter(|row| row.phase == phase.id())
                            .fold((0, 0), |(settled, total), row| {
                                let done = ItemStatus::parse(&row.status)
                                    .is_some_and(ItemStatus::is_settled);
                                (
                                    settled + if done { row.items } else { 0 },
                                    total + row.items,
                                )
                            });
                        (*phase, settled, total)
                    })
                    .collect();
                let overdue = rows.iter().map(|row| row.overdue).sum();
                PortfolioEntry {
                    project,
                    progress: per_phase,
                    overdue,
                }
            })
            .collect();
        Ok(PortfolioPage {
            entries,
            total,
            page: number,
            per_page: u32::try_from(per_page).unwrap_or(u32::MAX),
        })
    }

    /// The caller's own live items across projects, by due date (undated last).
    pub async fn my_items(
        &self,
        principal: &Principal,
    ) -> Result<Vec<(ItemRecord, String, String)>, ServiceError> {
        let mut conn = self.store().connection().await?;
        let mut owned =
            items::owned_by(&mut conn, principal.organisation_id, principal.user_id).await?;
        owned.sort_by(|(a, ref_a, _), (b, ref_b, _)| {
            (a.due_date.is_none(), a.due_date, ref_a, a.phase, a.practice).cmp(&(
                b.due_date.is_none(),
                b.due_date,
                ref_b,
                b.phase,
                b.practice,
            ))
        });
        Ok(owned)
    }
}
