//! Users of the caller's organisation (administrators).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use procura_domain::{Role, UserId};
use procura_service::Added;

use crate::areas::admin::wire::{InvitationLink, Member, NewMember, PendingInvitation, RoleChange};
use crate::areas::admin::{first_password, invitation_url};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::render::RequestContext;
use crate::state::AppState;

fn role(id: &str) -> WebResult<Role> {
    Role::parse(id).map_err(|_| WebError::invalid("invalid-role"))
}

#[utoipa::path(get, path = "/api/v1/users", tag = "administration",
    responses((status = 200, body = Vec<Member>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<Member>>> {
    let principal = context.principal()?;
    Ok(Json(
        state
            .services
            .members(principal)
            .await?
            .into_iter()
            .map(Member::from)
            .collect(),
    ))
}

/// Adds a person. A new address with a password gets an account and joins at
/// once (201, the member), and must change that password at its first
/// sign-in; without a password it gets a one-time invitation link (202, the
/// link, whose `url` is in this response only). An account of another
/// organisation is invited instead (202, the invitation) and joins only when
/// they accept it on their account page.
#[utoipa::path(post, path = "/api/v1/users", tag = "administration", request_body = NewMember,
    responses((status = 201, body = Member), (status = 202, body = PendingInvitation), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<NewMember>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let new = procura_service::NewMember {
        email: &body.email,
        display_name: &body.display_name,
        role: role(&body.role)?,
        first_password: first_password(&body.password),
    };
    Ok(
        match state.services.add_member(principal, new, now()).await? {
            Added::Member(member) => {
                (StatusCode::CREATED, Json(Member::from(member))).into_response()
            }
            Added::Invited(invitation) => (
                StatusCode::ACCEPTED,
                Json(PendingInvitation::Account(invitation.into())),
            )
                .into_response(),
            Added::Linked(link) => {
                let url = invitation_url(&state, &link.secret);
                (
                    StatusCode::ACCEPTED,
                    Json(PendingInvitation::Link(InvitationLink::new(
                        link.record,
                        url,
                    ))),
                )
                    .into_response()
            }
        },
    )
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "administration",
    params(("id" = String, Path, description = "User id")),
    responses((status = 200, body = Member), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<UserId>,
) -> WebResult<Json<Member>> {
    let principal = context.principal()?;
    Ok(Json(state.services.member(principal, id).await?.into()))
}

#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "administration", request_body = RoleChange,
    params(("id" = String, Path, description = "User id")),
    responses((status = 200, body = Member), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_role(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<UserId>,
    JsonBody(body): JsonBody<RoleChange>,
) -> WebResult<Json<Member>> {
    let principal = context.principal()?;
    let member = state
        .services
        .change_role(principal, id, role(&body.role)?, now())
        .await?;
    Ok(Json(member.into()))
}

/// Removes the user from this organisation and ends their sessions.
#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "administration",
    params(("id" = String, Path, description = "User id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<UserId>,
) -> WebResult<StatusCode> {
    let principal = context.principal()?;
    state.services.remove_member(principal, id, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
