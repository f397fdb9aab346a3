//! "My items": the checklist items one owns, across projects.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use procura_domain::is_overdue;

use crate::error::WebResult;
use crate::kit::names::item_status_name;
use crate::kit::time::today;
use crate::render::{Page, RequestContext, html};
use crate::state::AppState;

pub struct MyItemRow {
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub item_id: String,
    pub practice: String,
    pub title: String,
    pub phase: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "my_items.html")]
struct MyItemsPage {
    page: Page,
    rows: Vec<MyItemRow>,
}

pub async fn my_items(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = context.lang;
    let today = today();
    let rows = state
        .services
        .my_items(principal)
        .await?
        .into_iter()
        .map(|(item, reference, project_title)| MyItemRow {
            project_id: item.project_id.to_string(),
            reference,
            project_title,
            item_id: item.id.to_string(),
            practice: item.practice.id(),
            title: state
                .catalog
                .practice(item.practice)
                .map(|p| p.title.get(lang).to_owned())
                .unwrap_or_default(),
            phase: state.catalog.phase_name(item.phase, lang).to_owned(),
            status: item_status_name(&context.tr(), item.status),
            due: item
                .due_date
                .map(|d| crate::kit::time::day_text(lang, d))
                .unwrap_or_default(),
            overdue: is_overdue(item.due_date, item.status, today),
        })
        .collect();
    let page = Page::new(
        &state,
        &context,
        "my-items",
        context.tr().t("my-items-title"),
    )
    .await;
    html(&MyItemsPage { page, rows })
}
