//! The home page of a signed-in person: what needs them now — their open
//! items, the sign-offs waiting for them as a project's CISO, the bids to
//! grade — and their projects with their stage.

use askama::Template;
use axum::response::Response;
use procura_domain::is_overdue;

use crate::error::WebResult;
use crate::kit::names::item_status_name;
use crate::kit::steps::{Step, steps};
use crate::kit::time::today;
use crate::render::{Page, RequestContext, html};
use crate::state::AppState;

/// How many of one's items the home page lists; the rest are on "my items".
const HOME_ITEMS: usize = 8;

pub struct ItemLine {
    pub href: String,
    pub practice: String,
    pub title: String,
    pub reference: String,
    pub due: String,
    pub status: String,
    pub overdue: bool,
}

pub struct WaitLine {
    pub href: String,
    pub label: String,
    pub detail: String,
}

pub struct ProjectLine {
    pub href: String,
    pub reference: String,
    pub title: String,
    pub steps: Vec<Step>,
    pub progress: String,
    pub overdue: i64,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub page: Page,
    pub greeting: String,
    pub summary: String,
    pub items: Vec<ItemLine>,
    pub more_items: usize,
    pub sign_offs: Vec<WaitLine>,
    pub to_grade: Vec<WaitLine>,
    pub projects: Vec<ProjectLine>,
    pub more_projects: usize,
    pub nothing_to_do: bool,
    pub can_create: bool,
}

/// The signed-in person's home page; the sign-in page for anyone else.
pub async fn show(
    axum::extract::State(state): axum::extract::State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    if context.principal.is_none() {
        return Ok(crate::render::redirect("/sign-in"));
    }
    let (state, context) = (&state, &context);
    let principal = context.principal()?;
    let lang = context.lang;
    let tr = context.tr();
    let today = today();
    let view = state.services.home(principal, state.catalog, today).await?;
    let items = view
        .items
        .iter()
        .take(HOME_ITEMS)
        .map(|(item, reference, _)| ItemLine {
            href: format!("/projects/{}/items/{}", item.project_id, item.id),
            practice: item.practice.id(),
            title: state
                .catalog
                .practice(item.practice)
                .map(|p| p.title.get(lang).to_owned())
                .unwrap_or_default(),
            reference: reference.clone(),
            due: item
                .due_date
                .map(|d| crate::kit::time::day_text(lang, d))
                .unwrap_or_default(),
            status: item_status_name(&tr, item.status),
            overdue: is_overdue(item.due_date, item.status, today),
        })
        .collect();
    let sign_offs = view
        .sign_offs
        .iter()
        .map(|waiting| WaitLine {
            href: format!("/projects/{}", waiting.project),
            label: format!("{} — {}", waiting.reference, waiting.title),
            detail: tr.with(
                "home-sign-off-detail",
                &[
                    (
                        "phase",
                        state
                            .catalog
                            .phase_name(waiting.phase, lang)
                            .to_owned()
                            .into(),
                    ),
                    ("open", waiting.open_items.into()),
                ],
            ),
        })
        .collect();
    let to_grade = view
        .to_grade
        .iter()
        .map(|bid| WaitLine {
            href: format!("/bids/{}", bid.bid),
            label: format!("{} — {}", bid.reference, bid.supplier),
            detail: tr.with("home-grade-detail", &[("count", bid.criteria.into())]),
        })
        .collect();
    let projects = view
        .projects
        .iter()
        .map(|entry| {
            let current = entry.project.stage.phase();
            let progress = entry
                .progress
                .iter()
                .find(|(phase, _, _)| Some(*phase) == current)
                .map(|(phase, settled, total)| {
                    tr.with(
                        "home-project-progress",
                        &[
                            (
                                "phase",
                                state.catalog.phase_name(*phase, lang).to_owned().into(),
                            ),
                            ("settled", (*settled).into()),
                            ("total", (*total).into()),
                        ],
                    )
                })
                .unwrap_or_default();
            ProjectLine {
                href: format!("/projects/{}", entry.project.id),
                reference: entry.project.reference.to_string(),
                title: entry.project.title.clone(),
                steps: steps(&tr, entry.project.stage),
                progress,
                overdue: entry.overdue,
            }
        })
        .collect();
    let summary = tr.with(
        "home-summary",
        &[
            ("items", view.items.len().into()),
            ("overdue", view.overdue.into()),
            ("sign_offs", view.sign_offs.len().into()),
            ("bids", view.to_grade.len().into()),
        ],
    );
    let template = HomePage {
        greeting: tr.with(
            "home-greeting",
            &[("name", principal.display_name.clone().into())],
        ),
        summary,
        more_items: view.items.len().saturating_sub(HOME_ITEMS),
        items,
        sign_offs,
        to_grade,
        projects,
        more_projects: view.more_projects,
        nothing_to_do: view.nothing_to_do(),
        can_create: principal.can(procura_domain::Permission::CreateProjects),
        page: Page::new(state, context, "home", tr.t("home-title")).await,
    };
    html(&template)
}
