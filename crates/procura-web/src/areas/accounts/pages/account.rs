//! My account: password, language, personal API tokens and the invitations
//! other organisations sent.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::Response;
use procura_domain::{InvitationId, Lang, TokenId};
use procura_i18n::MessageKey;
use serde::Deserialize;

use crate::auth::{clear_cookie, now};
use crate::error::{WebError, WebResult};
use crate::i18n::LANG_COOKIE;
use crate::kit::forms::Form;
use crate::kit::ids::Id;
use crate::kit::time::format_time;
use crate::render::{Page, RequestContext, html_with_status, redirect};
use crate::state::AppState;

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    pub revoked: bool,
}

/// An organisation's invitation, waiting for the person's answer.
pub struct InvitationRow {
    pub id: String,
    pub organisation: String,
    pub role: String,
    pub invited_by: String,
    pub invited_at: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    email: String,
    role: String,
    /// An administrator set the password: the page asks for a new one,
    /// and nothing else, until it is changed.
    password_change_required: bool,
    preference: &'static str,
    tokens: Vec<TokenRow>,
    invitations: Vec<InvitationRow>,
    max_token_days: u32,
    new_token: Option<String>,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Default)]
struct Outcome {
    status: Option<StatusCode>,
    new_token: Option<String>,
    error: Option<String>,
    notice: Option<String>,
}

async fn render(
    state: &AppState,
    context: &RequestContext,
    outcome: Outcome,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let tr = context.tr();
    let tokens = state
        .services
        .tokens(principal)
        .await?
        .into_iter()
        .map(|token| TokenRow {
            id: token.id.to_string(),
            name: token.name,
            prefix: token.prefix,
            created: format_time(token.created_at.millis()),
            expires: token
                .expires_at
                .map_or_else(|| tr.t("account-never"), |at| format_time(at.millis())),
            last_used: token
                .last_used_at
                .map_or_else(|| tr.t("account-never"), |at| format_time(at.millis())),
            revoked: token.revoked_at.is_some(),
        })
        .collect();
    let invitations = state
        .services
        .my_invitations(principal)
        .await?
        .into_iter()
        .map(|invitation| InvitationRow {
            id: invitation.id.to_string(),
            organisation: invitation.organisation_name,
            role: tr.t(&invitation.role.message_key()),
            invited_by: invitation.inviter_email.to_string(),
            invited_at: format_time(invitation.created_at.millis()),
        })
        .collect();
    let page = Page::new(state, context, "account", tr.t("account-title")).await;
    let template = AccountPage {
        page,
        email: principal.email.to_string(),
        role: tr.t(&principal.role.message_key()),
        password_change_required: principal.must_change_password(),
        preference: principal.lang.map_or("", Lang::code),
        tokens,
        invitations,
        max_token_days: procura_service::MAX_TOKEN_DAYS,
        new_token: outcome.new_token,
        error: outcome.error,
        notice: outcome.notice,
    };
    html_with_status(outcome.status.unwrap_or(StatusCode::OK), &template)
}

pub async fn show(State(state): State<AppState>, context: RequestContext) -> WebResult<Response> {
    render(&state, &context, Outcome::default()).await
}

/// A problem the user can fix is shown on the page; others become error pages.
async fn shown(state: &AppState, context: &RequestContext, error: WebError) -> WebResult<Response> {
    if matches!(error.status.as_u16(), 409 | 422) {
        let message = context.tr().t(error.key);
        render(
            state,
            context,
            Outcome {
                status: Some(error.status),
                error: Some(message),
                ..Outcome::default()
            },
        )
        .await
    } else {
        Err(error)
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<PasswordForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    match state
        .services
        .change_password(principal, &form.current, &form.new, now())
        .await
    {
        Ok(()) => {
            let notice = Some(context.tr().t("account-password-changed"));
            // The request was let through before the change: the page now
            // shows the account as it is after it.
            let mut context = context.clone();
            if let Some(principal) = context.principal.as_mut() {
                principal.password_change_required = false;
            }
            render(
                &state,
                &context,
                Outcome {
                    notice,
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(error) => shown(&state, &context, error.into()).await,
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
}

pub async fn set_language(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<LanguageForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = match form.lang.as_str() {
        "" | "browser" => None,
        code => Some(Lang::parse(code).map_err(|_| WebError::invalid("invalid-language"))?),
    };
    state.services.set_language(principal, lang, now()).await?;
    // The saved preference now speaks; a switch made earlier must not hide it.
    let mut response = redirect("/account");
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_cookie(&state, LANG_COOKIE));
    Ok(response)
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
    expires_in_days: Option<String>,
}

pub async fn create_token(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<TokenForm>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let days = match form.expires_in_days.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match text.parse::<u32>() {
            Ok(days) => Some(days),
            Err(_) => {
                return shown(&state, &context, WebError::invalid("invalid-token-expiry")).await;
            }
        },
    };
    match state
        .services
        .create_token(principal, &form.name, days, now())
        .await
    {
        Ok(token) => {
            render(
                &state,
                &context,
                Outcome {
                    new_token: Some(token.secret),
                    ..Outcome::default()
                },
            )
            .await
        }
        Err(error) => shown(&state, &context, error.into()).await,
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<TokenId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state.services.revoke_token(principal, id, now()).await?;
    Ok(redirect("/account"))
}

/// The person joins the organisation that invited them.
pub async fn accept_invitation(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<InvitationId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state
        .services
        .accept_invitation(principal, id, now())
        .await?;
    Ok(redirect("/account"))
}

pub async fn decline_invitation(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<InvitationId>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state
        .services
        .decline_invitation(principal, id, now())
        .await?;
    Ok(redirect("/account"))
}
