//! First-run setup, signing in and signing out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use procura_service::{NewSession, SetupRequest};
use serde::Deserialize;

use crate::auth::{CSRF_COOKIE, SESSION_COOKIE, clear_cookie, now, safe_next, set_cookie};
use crate::client::ClientAddress;
use crate::error::{WebError, WebResult};
use crate::kit::forms::Form;
use crate::render::{Page, RequestContext, html, html_with_status, redirect};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    page: Page,
    token: String,
    organisation: String,
    display_name: String,
    email: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
}

pub async fn setup_form(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<SetupQuery>,
) -> WebResult<Response> {
    let token = query.token.unwrap_or_default();
    if token.is_empty() || !state.services.setup_token_is_valid(&token).await? {
        return Err(WebError::not_found());
    }
    let page = Page::new(&state, &context, "", context.tr().t("setup-title")).await;
    html(&SetupPage {
        page,
        token,
        organisation: String::new(),
        display_name: String::new(),
        email: String::new(),
        error: None,
    })
}

#[derive(Deserialize)]
pub struct SetupForm {
    token: String,
    organisation: String,
    display_name: String,
    email: String,
    password: String,
}

pub async fn setup_submit(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<SetupForm>,
) -> WebResult<Response> {
    let request = SetupRequest {
        token: &form.token,
        organisation: &form.organisation,
        email: &form.email,
        display_name: &form.display_name,
        password: &form.password,
    };
    match state.services.complete_setup(request, now()).await {
        Ok(session) => Ok(signed_in(&state, &session, "/")),
        Err(error) => {
            let error = WebError::from(error);
            if error.status == StatusCode::INTERNAL_SERVER_ERROR
                || error.key == "invalid-setup-token"
            {
                return Err(error);
            }
            let page = Page::new(&state, &context, "", context.tr().t("setup-title")).await;
            html_with_status(
                error.status,
                &SetupPage {
                    page,
                    token: form.token,
                    organisation: form.organisation,
                    display_name: form.display_name,
                    email: form.email,
                    error: Some(context.tr().t(error.key)),
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: Page,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

pub async fn sign_in_form(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<SignInQuery>,
) -> WebResult<Response> {
    if context.principal.is_some() {
        return Ok(redirect(&safe_next(query.next.as_deref())));
    }
    let page = Page::new(&state, &context, "", context.tr().t("sign-in-title")).await;
    html(&SignInPage {
        page,
        email: String::new(),
        next: safe_next(query.next.as_deref()),
        error: None,
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn sign_in_submit(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Form(form): Form<SignInForm>,
) -> WebResult<Response> {
    let next = safe_next(form.next.as_deref());
    match state
        .services
        .sign_in(&form.email, &form.password, &client.text(), now())
        .await
    {
        Ok(session) => Ok(signed_in(&state, &session, &next)),
        Err(error) => {
            let error = WebError::from(error);
            if error.status == StatusCode::INTERNAL_SERVER_ERROR {
                return Err(error);
            }
            let args: Vec<(&'static str, procura_i18n::Arg)> = error
                .args
                .iter()
                .map(|(name, value)| (*name, procura_i18n::Arg::from(value.as_str())))
                .collect();
            let message = context.tr().with(error.key, &args);
            let page = Page::new(&state, &context, "", context.tr().t("sign-in-title")).await;
            let mut response = html_with_status(
                error.status,
                &SignInPage {
                    page,
                    email: form.email,
                    next,
                    error: Some(message),
                },
            )?;
            if let Some((_, seconds)) = error.args.iter().find(|(name, _)| *name == "seconds")
                && let Ok(value) = seconds.parse::<axum::http::HeaderValue>()
            {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Ok(response)
        }
    }
}

/// Sets the new session cookie (a fresh id: the old one, if any, is gone)
/// and drops the anonymous CSRF cookie, whose job is done.
pub(super) fn signed_in(state: &AppState, session: &NewSession, to: &str) -> Response {
    let mut response = redirect(to);
    let max_age = state.config.sessions.absolute_seconds;
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(state, SESSION_COOKIE, &session.token, "Lax", Some(max_age)),
    );
    headers.append(header::SET_COOKIE, clear_cookie(state, CSRF_COOKIE));
    response
}

pub async fn sign_out(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Response> {
    let principal = context.principal()?;
    state.services.sign_out(principal, now()).await?;
    let mut response = redirect("/sign-in");
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_cookie(&state, SESSION_COOKIE));
    Ok(response)
}
