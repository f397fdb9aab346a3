//! The portfolio: the projects one may see, filtered and paged, with their
//! progress per phase; and the import of an exported project, whose
//! refusals are explained on the portfolio's import form.

use askama::Template;
use axum::extract::{Multipart, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{ProcurementType, Stage, UserId};
use procura_service::PortfolioFilter;

use crate::areas::projects::exports;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{Choice, message};
use crate::kit::forms::Fields;
use crate::kit::names::stage_name;
use crate::kit::time::today;
use crate::kit::uploads::Upload;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct PhaseProgress {
    pub name: String,
    pub settled: i64,
    pub total: i64,
    pub percent: i64,
}

pub struct PortfolioRow {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub stage: String,
    pub progress: Vec<PhaseProgress>,
    pub overdue: i64,
}

#[derive(Template)]
#[template(path = "projects.html")]
struct PortfolioPage {
    page: Page,
    rows: Vec<PortfolioRow>,
    types: Vec<Choice>,
    stages: Vec<Choice>,
    owners: Vec<Choice>,
    text: String,
    can_create: bool,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    /// Why the file just submitted to the import form was refused.
    import_error: Option<String>,
}

pub async fn portfolio(
    State(state): State<AppState>,
    context: RequestContext,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    portfolio_page(&state, &context, raw.as_deref().unwrap_or_default(), None).await
}

/// The portfolio, with the reason an import was refused shown on the
/// import form when there is one.
async fn portfolio_page(
    state: &AppState,
    context: &RequestContext,
    raw: &str,
    import_error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let query = Fields::from_query(raw);
    let catalog = state.catalog;
    let type_filter = match query.get("type") {
        "" => None,
        value => Some(
            catalog
                .resolve_procurement_type(value)
                .map_err(crate::filters::invalid_filter)?,
        ),
    };
    let stage_filter = match query.get("stage") {
        "" => None,
        value => {
            Some(Stage::parse(value).ok_or_else(|| WebError::bad_request("error-unknown-stage"))?)
        }
    };
    let owner_filter = match query.get("owner") {
        "" => None,
        value => Some(UserId::parse(value).ok_or_else(WebError::not_found)?),
    };
    let text = query.get("q").trim().to_owned();
    let filter = PortfolioFilter {
        procurement_type: type_filter,
        stage: stage_filter,
        owner: owner_filter,
        text: (!text.is_empty()).then(|| text.clone()),
    };
    let number: u32 = query.get("page").parse().unwrap_or(1);
    let page_request = procura_service::PageRequest {
        number,
        per_page: 50,
    };
    let result = state
        .services
        .portfolio(principal, &filter, today(), page_request)
        .await?;
    let link = |page: u32| {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in query.iter().filter(|(name, _)| *name != "page") {
            serializer.append_pair(name, value);
        }
        serializer.append_pair("page", &page.to_string());
        serializer.finish()
    };
    let previous = (result.page > 1).then(|| link(result.page - 1));
    let next = result.has_more().then(|| link(result.page + 1));
    let total = result.total;
    let entries = result.entries;
    let lang = context.lang;
    let rows = entries
        .into_iter()
        .map(|entry| PortfolioRow {
            id: entry.project.id.to_string(),
            reference: entry.project.reference.to_string(),
            title: entry.project.title.clone(),
            stage: stage_name(&context.tr(), entry.project.stage),
            progress: entry
                .progress
                .iter()
                .map(|(phase, settled, total)| PhaseProgress {
                    name: catalog.phase_name(*phase, lang).to_owned(),
                    settled: *settled,
                    total: *total,
                    percent: if *total == 0 {
                        0
                    } else {
                        settled * 100 / total
                    },
                })
                .collect(),
            overdue: entry.overdue,
        })
        .collect();
    let members = state.services.my_colleagues(principal).await?;
    let page = Page::new(state, context, "projects", context.tr().t("projects-title")).await;
    html_for(
        import_error.as_ref().map(|error| error.status),
        &PortfolioPage {
            page,
            rows,
            types: ProcurementType::ALL
                .iter()
                .map(|kind| Choice {
                    id: kind.id().to_owned(),
                    name: catalog.procurement_type_name(*kind, lang).to_owned(),
                    selected: type_filter == Some(*kind),
                })
                .collect(),
            stages: Stage::ALL
                .iter()
                .map(|stage| Choice {
                    id: stage.id().to_owned(),
                    name: stage_name(&context.tr(), *stage),
                    selected: stage_filter == Some(*stage),
                })
                .collect(),
            owners: members
                .into_iter()
                .map(|(id, email)| Choice {
                    selected: owner_filter == Some(id),
                    id: id.to_string(),
                    name: email,
                })
                .collect(),
            text,
            can_create: principal.can(procura_domain::Permission::CreateProjects),
            total,
            previous,
            next,
            import_error: import_error.as_ref().map(|error| message(context, error)),
        },
    )
}

/// Imports an uploaded export (JSON or zip) as a new project; a refused
/// file is explained on the import form.
pub async fn import(
    State(state): State<AppState>,
    context: RequestContext,
    multipart: Multipart,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = async {
        let (_, bytes) = Upload::read(multipart).await?.into_file()?;
        let file = exports::read_import(&state, bytes.into()).await?;
        state
            .services
            .import_project(principal, state.catalog, file, now())
            .await
            .map_err(WebError::from)
    }
    .await;
    match result {
        Ok(project) => Ok(redirect(&format!("/projects/{}", project.id))),
        Err(error) if error.status.is_client_error() && error.status != StatusCode::FORBIDDEN => {
            portfolio_page(&state, &context, "", Some(error)).await
        }
        Err(error) => Err(error),
    }
}
