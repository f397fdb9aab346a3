//! The caller and their API tokens over the API.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use procura_domain::TokenRecord;
use procura_domain::{Lang, Permission, TokenId};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::auth::now;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(me, tokens, create_token, revoke_token))]
pub struct Doc;

#[derive(Debug, Serialize, ToSchema)]
pub struct Token {
    pub id: String,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub organisation_id: String,
    pub created_at: i64,
    /// When the token stops working (Unix milliseconds); every token expires.
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

impl From<TokenRecord> for Token {
    fn from(record: TokenRecord) -> Self {
        Token {
            id: record.id.to_string(),
            name: record.name,
            prefix: record.prefix,
            organisation_id: record.organisation_id.to_string(),
            created_at: record.created_at.millis(),
            expires_at: record.expires_at.map(|at| at.millis()),
            revoked_at: record.revoked_at.map(|at| at.millis()),
            last_used_at: record.last_used_at.map(|at| at.millis()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
    /// Days until the token expires, from 1 to 365; 90 when absent.
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    /// The secret: shown this once, stored only as a hash.
    pub token: String,
    pub details: Token,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Membership {
    pub organisation_id: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub superadmin: bool,
    pub lang: Option<String>,
    pub organisation_id: String,
    pub organisation: String,
    pub role: String,
    /// What the caller may do in the current organisation.
    pub permissions: Vec<String>,
    pub memberships: Vec<Membership>,
}

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
    Id(id): Id<TokenId>,
) -> WebResult<StatusCode> {
    let principal = context.principal()?;
    state.services.revoke_token(principal, id, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
