//! The caller and their API tokens.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use procura_domain::{Lang, Permission, TokenId};

use super::JsonBody;
use super::types::{ErrorBody, IssuedToken, Me, Membership, NewToken, Token};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::render::RequestContext;
use crate::state::AppState;

fn permission_id(permission: Permission) -> &'static str {
    match permission {
        Permission::ReadCatalog => "read_catalog",
        Permission::ManageOwnAccount => "manage_own_account",
        Permission::ManageUsers => "manage_users",
        Permission::ViewAudit => "view_audit",
        Permission::ManageOrganisations => "manage_organisations",
        Permission::CreateProjects => "create_projects",
        Permission::SeeAllProjects => "see_all_projects",
        Permission::ManageSuppliers => "manage_suppliers",
        Permission::AssignProjectCiso => "assign_project_ciso",
    }
}

/// Who the caller is, in which organisation, with which permissions.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(State(state): State<AppState>, context: RequestContext) -> WebResult<Json<Me>> {
    let principal = context.principal()?;
    let memberships = state
        .services
        .my_organisations(principal)
        .await?
        .into_iter()
        .map(|(organisation, role)| Membership {
            organisation_id: organisation.id.to_string(),
            organisation: organisation.name,
            role: role.id().to_owned(),
        })
        .collect();
    Ok(Json(Me {
        id: principal.user_id.to_string(),
        email: principal.email.to_string(),
        display_name: principal.display_name.clone(),
        superadmin: principal.superadmin,
        lang: principal.lang.map(|lang| Lang::code(lang).to_owned()),
        organisation_id: principal.organisation_id.to_string(),
        organisation: principal.organisation_name.clone(),
        role: principal.role.id().to_owned(),
        permissions: Permission::ALL
            .into_iter()
            .filter(|permission| principal.can(*permission))
            .map(|permission| permission_id(permission).to_owned())
            .collect(),
        memberships,
    }))
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "account",
    responses((status = 200, body = Vec<Token>), (status = 401, body = ErrorBody)))]
pub async fn tokens(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<Token>>> {
    let principal = context.principal()?;
    Ok(Json(
        state
            .services
            .tokens(principal)
            .await?
            .into_iter()
            .map(Token::from)
            .collect(),
    ))
}

/// Issues a personal token with the caller's role; the secret is in this response only.
/// Only a signed-in browser session may issue one (a token gets 403). It expires after
/// `expires_in_days` (1 to 365, default 90); an expired token gets 401.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "account", request_body = NewToken,
    responses((status = 201, body = IssuedToken), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<NewToken>,
) -> WebResult<(StatusCode, Json<IssuedToken>)> {
    let principal = context.principal()?;
    let token = state
        .services
        .create_token(principal, &body.name, body.expires_in_days, now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedToken {
            token: token.secret,
            details: token.record.into(),
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account",
    params(("id" = String, Path, description = "Token id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<StatusCode> {
    let principal = context.principal()?;
    let id = TokenId::parse(&id).ok_or_else(WebError::not_found)?;
    state.services.revoke_token(principal, id, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
