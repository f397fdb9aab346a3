//! Instance operators' list of organisations, and switching one's own.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use procura_domain::OrganisationId;
use serde::Deserialize;

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::forms::Form;
use crate::kit::ids::Id;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub version: i64,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    page: Page,
    organisations: Vec<OrganisationRow>,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    context: &RequestContext,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let organisations = state
        .services
        .organisations(principal)
        .await?
        .into_iter()
        .map(|organisation| OrganisationRow {
            id: organisation.id.to_string(),
            name: organisation.name,
            version: organisation.version,
        })
        .collect();
    let page = Page::new(
        state,
        context,
        "organisations",
        context.tr().t("organisations-title"),
    )
    .await;
    let status = error.as_ref().map(|error| error.status);
    let template = OrganisationsPage {
        page,
        organisations,
        error: error.map(|error| context.tr().t(error.key)),
    };
    html_for(status, &template)
}

pub async fn list(State(state): State<AppState>, context: RequestContext) -> WebResult<Response> {
    render(&state, &context, None).await
}

#[derive(Deserialize)]
pub struct CreateForm {
    name: String,
}

pub async fn create(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<CreateForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .create_organisation(principal, &form.name, now())
        .await
    {
        Ok(_) => Ok(redirect("/organisations")),
        Err(error) => user_error(&state, &context, error.into()).await,
    }
}

#[derive(Deserialize)]
pub struct RenameForm {
    name: String,
    version: i64,
}

pub async fn rename(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<OrganisationId>,
    Form(form): Form<RenameForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .rename_organisation(principal, id, &form.name, form.version, now())
        .await
    {
        Ok(_) => Ok(redirect("/organisations")),
        Err(error) => user_error(&state, &context, error.into()).await,
    }
}

/// Shows the page again with the problem when the user can fix it.
async fn user_error(
    state: &AppState,
    context: &RequestContext,
    error: WebError,
) -> WebResult<Response> {
    if matches!(error.status.as_u16(), 409 | 422) {
        render(state, context, Some(error)).await
    } else {
        Err(error)
    }
}

#[derive(Deserialize)]
pub struct SwitchForm {
    organisation: String,
}

pub async fn switch(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<SwitchForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = OrganisationId::parse(&form.organisation).ok_or_else(WebError::not_found)?;
    state
        .services
        .switch_organisation(principal, id, now())
        .await?;
    Ok(redirect("/catalogue"))
}
