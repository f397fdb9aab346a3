//! Users and roles of the administrator's organisation.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use procura_domain::{InvitationId, Role, UserId};
use procura_i18n::MessageKey;
use procura_service::{Added, NewMember};
use serde::Deserialize;

use crate::areas::admin::{first_password, invitation_url};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::forms::Form;
use crate::kit::ids::Id;
use crate::kit::time::format_time;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct MemberRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub is_me: bool,
}

/// An invitation waiting for the person's answer.
pub struct PendingRow {
    pub id: String,
    pub email: String,
    pub role: String,
    pub invited_by: String,
    pub invited_at: String,
}

/// A one-time link nobody used yet.
pub struct LinkRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub invited_by: String,
    pub expires: String,
    pub expired: bool,
}

/// A link just issued, shown on this page once and never again.
pub struct IssuedLink {
    pub url: String,
    /// The sentence saying to whom to pass it on, and until when it works.
    pub notice: String,
}

pub struct RoleOption {
    pub id: &'static str,
    pub name: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    page: Page,
    members: Vec<MemberRow>,
    pending: Vec<PendingRow>,
    links: Vec<LinkRow>,
    issued: Option<IssuedLink>,
    roles: Vec<RoleOption>,
    error: Option<String>,
    form_email: String,
    form_name: String,
    form_role: String,
    /// The zones the organisation may work in, its own selected.
    time_zones: Vec<(&'static str, bool)>,
}

pub fn role_options(context: &RequestContext) -> Vec<RoleOption> {
    Role::ALL
        .iter()
        .map(|role| RoleOption {
            id: role.id(),
            name: context.tr().t(&role.message_key()),
        })
        .collect()
}

async fn render(
    state: &AppState,
    context: &RequestContext,
    error: Option<WebError>,
    form: Option<&AddForm>,
) -> WebResult<Response> {
    render_page(state, context, error, form, None).await
}

async fn render_page(
    state: &AppState,
    context: &RequestContext,
    error: Option<WebError>,
    form: Option<&AddForm>,
    issued: Option<IssuedLink>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let members = state
        .services
        .members(principal)
        .await?
        .into_iter()
        .map(|member| MemberRow {
            id: member.user.id.to_string(),
            name: member.user.display_name,
            email: member.user.email.to_string(),
            role: member.role.id(),
            is_me: member.user.id == principal.user_id,
        })
        .collect();
    let pending = state
        .services
        .invitations(principal)
        .await?
        .into_iter()
        .map(|invitation| PendingRow {
            id: invitation.id.to_string(),
            email: invitation.email.to_string(),
            role: context.tr().t(&invitation.role.message_key()),
            invited_by: invitation.inviter_email.to_string(),
            invited_at: format_time(invitation.created_at.millis()),
        })
        .collect();
    let today = now();
    let links = state
        .services
        .invitation_links(principal)
        .await?
        .into_iter()
        .map(|link| LinkRow {
            id: link.id.to_string(),
            email: link.email.to_string(),
            expired: !link.is_usable(today),
            role: context.tr().t(&link.role.message_key()),
            invited_by: link.inviter_email.to_string(),
            expires: format_time(link.expires_at.millis()),
            name: link.display_name,
        })
        .collect();
    let page = Page::new(state, context, "users", context.tr().t("users-title")).await;
    let status = error.as_ref().map(|error| error.status);
    let template = UsersPage {
        page,
        members,
        pending,
        links,
        issued,
        roles: role_options(context),
        time_zones: procura_domain::TimeZone::all()
            .iter()
            .map(|zone| {
                (
                    zone.id(),
                    Some(*zone) == context.principal.as_ref().map(|p| p.time_zone),
                )
            })
            .collect(),
        error: error.map(|error| {
            let args: Vec<(&'static str, procura_i18n::Arg)> = error
                .args
                .iter()
                .map(|(n, v)| (*n, procura_i18n::Arg::from(v.as_str())))
                .collect();
            context.tr().with(error.key, &args)
        }),
        form_email: form.map(|f| f.email.clone()).unwrap_or_default(),
        form_name: form.map(|f| f.display_name.clone()).unwrap_or_default(),
        form_role: form.map_or_else(|| "viewer".to_owned(), |f| f.role.clone()),
    };
    html_for(status, &template)
}

pub async fn list(State(state): State<AppState>, context: RequestContext) -> WebResult<Response> {
    render(&state, &context, None, None).await
}

#[derive(Deserialize)]
pub struct AddForm {
    email: String,
    display_name: String,
    role: String,
    password: String,
}

pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<AddForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = match Role::parse(&form.role) {
        Ok(role) => state
            .services
            .add_member(
                principal,
                NewMember {
                    email: &form.email,
                    display_name: &form.display_name,
                    role,
                    first_password: first_password(&form.password),
                },
                now(),
            )
            .await
            .map_err(WebError::from),
        Err(_) => Err(WebError::invalid("invalid-role")),
    };
    match result {
        // The secret is shown once, on this response, and never again.
        Ok(Added::Linked(link)) => {
            let notice = context.tr().with(
                "accounts-security-link-once",
                &[
                    ("name", link.record.display_name.clone().into()),
                    ("email", link.record.email.to_string().into()),
                    (
                        "expires",
                        format_time(link.record.expires_at.millis()).into(),
                    ),
                ],
            );
            let issued = IssuedLink {
                url: invitation_url(&state, &link.secret),
                notice,
            };
            render_page(&state, &context, None, None, Some(issued)).await
        }
        Ok(Added::Member(_) | Added::Invited(_)) => Ok(redirect("/users")),
        Err(error)
            if error.status.is_client_error()
                && error.status != axum::http::StatusCode::FORBIDDEN =>
        {
            render(&state, &context, Some(error), Some(&form)).await
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    State(state): State<AppState>,
    context: RequestContext,
    Id(user): Id<UserId>,
    Form(form): Form<RoleForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let role = Role::parse(&form.role).map_err(|_| WebError::invalid("invalid-role"))?;
    match state
        .services
        .change_role(principal, user, role, now())
        .await
    {
        Ok(_) => Ok(redirect("/users")),
        Err(error) => {
            let error = WebError::from(error);
            if error.status == axum::http::StatusCode::UNPROCESSABLE_ENTITY {
                render(&state, &context, Some(error), None).await
            } else {
                Err(error)
            }
        }
    }
}

/// An administrator sets the organisation's time zone.
pub async fn time_zone(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<crate::kit::forms::Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state
        .services
        .set_time_zone(principal, form.get("time_zone"), now())
        .await?;
    Ok(redirect("/users?done=saved"))
}

pub async fn remove(
    State(state): State<AppState>,
    context: RequestContext,
    Id(user): Id<UserId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state.services.remove_member(principal, user, now()).await {
        Ok(()) => Ok(redirect("/users")),
        Err(error) => {
            let error = WebError::from(error);
            if error.status == axum::http::StatusCode::UNPROCESSABLE_ENTITY {
                render(&state, &context, Some(error), None).await
            } else {
                Err(error)
            }
        }
    }
}

/// An administrator withdraws a one-time link: it stops working.
pub async fn cancel_invitation_link(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<InvitationId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state
        .services
        .cancel_invitation_link(principal, id, now())
        .await?;
    Ok(redirect("/users"))
}

/// An administrator withdraws an invitation their organisation sent.
pub async fn cancel_invitation(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<InvitationId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state
        .services
        .cancel_invitation(principal, id, now())
        .await?;
    Ok(redirect("/users"))
}
