//! The project form: a new project, or the edits of an existing one, shown
//! again with the person's input when the service refuses it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::{ProcurementType, ProjectId, ProjectRole};
use procura_i18n::MessageKey;
use procura_service::{ProjectInput, ProjectView};

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{Choice, fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::Id;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct RoleChoices {
    pub id: &'static str,
    pub name: String,
    pub people: Vec<Choice>,
    /// The e-mails chosen for the role, as the field shows them.
    pub value: String,
}

#[derive(Template)]
#[template(path = "project_form.html")]
struct ProjectFormPage {
    page: Page,
    action: String,
    version: i64,
    reference: String,
    title: String,
    description: String,
    types: Vec<Choice>,
    estimated_value: String,
    currency: String,
    cpv_codes: String,
    sites: String,
    special_category_data: bool,
    planned: Vec<(String, String, String)>,
    roles: Vec<RoleChoices>,
    error: Option<String>,
    conflict: bool,
    editing: bool,
    /// Each refused field's message, shown next to it.
    field_errors: FieldErrors,
}

/// The messages of the refused fields, by field.
#[derive(Default)]
struct FieldErrors {
    reference: Option<String>,
    title: Option<String>,
    description: Option<String>,
    procurement_types: Option<String>,
    estimated_value: Option<String>,
    currency: Option<String>,
    cpv_codes: Option<String>,
    sites: Option<String>,
    planned: Option<String>,
}

impl FieldErrors {
    fn of(context: &RequestContext, error: Option<&WebError>) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for problem in error.map(|e| e.fields.as_slice()).unwrap_or_default() {
            let message = crate::kit::field_errors::field_message(context.lang, problem);
            let slot = match problem.field {
                "reference" => &mut errors.reference,
                "title" => &mut errors.title,
                "description" => &mut errors.description,
                "procurement_types" => &mut errors.procurement_types,
                "estimated_value" => &mut errors.estimated_value,
                "currency" => &mut errors.currency,
                "cpv_codes" => &mut errors.cpv_codes,
                "sites" => &mut errors.sites,
                _ => &mut errors.planned,
            };
            // Several problems of one field (two CPV codes) read together.
            *slot = Some(match slot.take() {
                Some(before) => format!("{before} {message}"),
                None => message,
            });
        }
        errors
    }
}

fn input_from_form(state: &AppState, form: &Fields) -> WebResult<ProjectInput> {
    let mut procurement_types = Vec::new();
    for value in form.all("type") {
        procurement_types.push(
            state
                .catalog
                .resolve_procurement_type(value)
                .map_err(crate::filters::invalid_filter)?,
        );
    }
    let mut stakeholders = Vec::new();
    for role in ProjectRole::ALL {
        // One field per role: several e-mails separated by commas.
        for field in form.all(&format!("stakeholder-{}", role.id())) {
            for email in field.split([',', ';', '\n']).map(str::trim) {
                if !email.is_empty() {
                    stakeholders.push((email.to_owned(), role.id().to_owned()));
                }
            }
        }
    }
    let planned_names = [
        "planning_start",
        "planning_end",
        "selection_start",
        "selection_end",
        "management_start",
        "management_end",
    ];
    Ok(ProjectInput {
        reference: form.get("reference").to_owned(),
        title: form.get("title").to_owned(),
        description: form.get("description").to_owned(),
        procurement_types,
        estimated_value: Some(form.get("estimated_value").to_owned()),
        currency: Some(form.get("currency").to_owned()),
        cpv_codes: vec![form.get("cpv_codes").to_owned()],
        sites: vec![form.get("sites").to_owned()],
        special_category_data: form.get("special_category_data") == "on",
        planned: planned_names.map(|name| Some(form.get(name).to_owned())),
        stakeholders,
    })
}

async fn project_form(
    state: &AppState,
    context: &RequestContext,
    input: &ProjectInput,
    target: Option<(ProjectId, i64)>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = context.lang;
    let members = state.services.my_colleagues(principal).await?;
    let chosen = |role: ProjectRole, email: &str| {
        input
            .stakeholders
            .iter()
            .any(|(e, r)| e.eq_ignore_ascii_case(email) && r == role.id())
    };
    let labels = [
        "planning-start",
        "planning-end",
        "selection-start",
        "selection-end",
        "management-start",
        "management-end",
    ];
    let names = [
        "planning_start",
        "planning_end",
        "selection_start",
        "selection_end",
        "management_start",
        "management_end",
    ];
    let planned = (0..6)
        .map(|i| {
            (
                names[i].to_owned(),
                context.tr().t(&format!("project-{}", labels[i])),
                input.planned[i].clone().unwrap_or_default(),
            )
        })
        .collect();
    let title = if target.is_some() {
        context.tr().t("project-edit")
    } else {
        context.tr().t("project-new")
    };
    let page = Page::new(state, context, "projects", title).await;
    let status = error.as_ref().map(|e| e.status);
    let template = ProjectFormPage {
        page,
        action: target.map_or_else(
            || "/projects".to_owned(),
            |(id, _)| format!("/projects/{id}/edit"),
        ),
        version: target.map_or(0, |(_, version)| version),
        editing: target.is_some(),
        reference: input.reference.clone(),
        title: input.title.clone(),
        description: input.description.clone(),
        types: ProcurementType::ALL
            .iter()
            .map(|kind| Choice {
                id: kind.id().to_owned(),
                name: state.catalog.procurement_type_name(*kind, lang).to_owned(),
                selected: input.procurement_types.contains(kind),
            })
            .collect(),
        estimated_value: input.estimated_value.clone().unwrap_or_default(),
        currency: input
            .currency
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "EUR".to_owned()),
        cpv_codes: input.cpv_codes.join(" "),
        sites: input.sites.join("\n"),
        special_category_data: input.special_category_data,
        planned,
        roles: ProjectRole::ALL
            .iter()
            .map(|role| {
                let people: Vec<Choice> = members
                    .iter()
                    .map(|(_, email)| Choice {
                        id: email.clone(),
                        name: email.clone(),
                        selected: chosen(*role, email),
                    })
                    .collect();
                RoleChoices {
                    id: role.id(),
                    name: context.tr().t(&role.message_key()),
                    value: people
                        .iter()
                        .filter(|p| p.selected)
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    people,
                }
            })
            .collect(),
        conflict: error
            .as_ref()
            .is_some_and(|e| e.status == StatusCode::CONFLICT),
        error: error.as_ref().map(|e| message(context, e)),
        field_errors: FieldErrors::of(context, error.as_ref()),
    };
    html_for(status, &template)
}

pub async fn new_form(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    context
        .principal()?
        .require(procura_domain::Permission::CreateProjects)?;
    let input = ProjectInput {
        stakeholders: vec![],
        ..ProjectInput::default()
    };
    project_form(&state, &context, &input, None, None).await
}
pub async fn create(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let input = input_from_form(&state, &form)?;
    match state
        .services
        .create_project(principal, state.catalog, &input, now())
        .await
    {
        Ok(project) => Ok(redirect(&format!("/projects/{}", project.id))),
        Err(error) => {
            let error = WebError::from(error);
            if fixable(&error) {
                project_form(&state, &context, &input, None, Some(error)).await
            } else {
                Err(error)
            }
        }
    }
}

fn input_from_view(view: &ProjectView) -> ProjectInput {
    let p = &view.project;
    ProjectInput {
        reference: p.reference.to_string(),
        title: p.title.clone(),
        description: p.description.clone(),
        procurement_types: p.procurement_types.clone(),
        estimated_value: p.estimated_value.map(|v| v.to_string()),
        currency: p.currency.clone(),
        cpv_codes: p.cpv_codes.clone(),
        sites: p.sites.clone(),
        special_category_data: p.special_category_data,
        planned: p.planned.as_texts(),
        stakeholders: view
            .stakeholders
            .iter()
            .map(|s| (s.email.clone(), s.role.id().to_owned()))
            .collect(),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.project(principal, id).await?;
    if !view.can_edit_project {
        return Err(WebError::forbidden());
    }
    let input = input_from_view(&view);
    project_form(
        &state,
        &context,
        &input,
        Some((view.project.id, view.project.version)),
        None,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let input = input_from_form(&state, &form)?;
    match state
        .services
        .update_project(principal, state.catalog, id, &input, version, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}?done=saved"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            // After a conflict the form carries the current version, with the person's own input kept.
            let current = state.services.project(principal, id).await?;
            project_form(
                &state,
                &context,
                &input,
                Some((id, current.project.version)),
                Some(error),
            )
            .await
        }
    }
}
