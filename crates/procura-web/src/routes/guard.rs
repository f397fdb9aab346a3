//! The guard in front of every route: it identifies the caller, enforces
//! the route's access and CSRF on unsafe methods, and hands the handler a
//! [`RequestContext`].

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use procura_domain::Permission;
use procura_service::{AuthMethod, Denial, ServiceError};

use super::access::{Access, RouteKind};
use crate::auth::{CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, Caller, cookie, identify, set_cookie};
use crate::error::WebError;
use crate::i18n::negotiate;
use crate::render::{RequestContext, redirect};
use crate::state::AppState;

/// What the guard of one route knows: the app, and the route's access and kind.
#[derive(Debug, Clone)]
pub struct Guard {
    pub state: AppState,
    pub access: Access,
    pub kind: RouteKind,
}

/// Where a session that must change its password is sent.
const PASSWORD_FORM: &str = "/account";

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Identifies the caller, enforces the route's access and CSRF, and hands
/// the handler a [`RequestContext`].
pub async fn enforce(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let state = &guard.state;
    let (mut parts, body) = request.into_parts();
    let caller = match identify(state, &parts.headers).await {
        Ok(caller) => caller,
        Err(error) => return WebError::from(error).into_response(),
    };
    let bearer =
        matches!(caller, Caller::BadToken) || crate::auth::bearer_token(&parts.headers).is_some();
    let principal = match caller {
        Caller::Principal(principal) => Some(principal),
        Caller::BadToken => {
            return with_lang(
                WebError::unauthorized().into_response(),
                negotiate(&parts.headers, None),
            );
        }
        Caller::Anonymous => None,
    };
    let lang = negotiate(&parts.headers, principal.as_ref());
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());

    let allowed = match (guard.access, &principal) {
        (Access::Public, _) => Ok(()),
        (Access::Catalogue, Some(_)) => Ok(()),
        (Access::Catalogue, None) if state.config.public_catalogue => Ok(()),
        (Access::Permission(permission), Some(principal)) if principal.can(permission) => Ok(()),
        (Access::Permission(_), Some(_)) => Err(WebError::forbidden().into_response()),
        (Access::Session(permission), Some(principal)) if principal.can(permission) => {
            match principal.auth {
                AuthMethod::Session { .. } => Ok(()),
                AuthMethod::Token { .. } => Err(WebError::from(ServiceError::Denied(
                    Denial::TokenNeedsSession,
                ))
                .into_response()),
            }
        }
        (Access::Session(_), Some(_)) => Err(WebError::forbidden().into_response()),
        (Access::PasswordChange, Some(principal))
            if principal.can(Permission::ManageOwnAccount) =>
        {
            Ok(())
        }
        (Access::PasswordChange, Some(_)) => Err(WebError::forbidden().into_response()),
        (_, None) => Err(sign_in_required(guard.kind, &parts.method, &path_and_query)),
    };
    if let Err(response) = allowed {
        return with_lang(response, lang);
    }
    // The one place where a password an administrator set holds a session
    // back: public routes stay open, the password change is allowed, and
    // everything else goes to the account page.
    if principal
        .as_ref()
        .is_some_and(|principal| principal.must_change_password())
        && !matches!(guard.access, Access::Public | Access::PasswordChange)
    {
        return with_lang(password_change_required(guard.kind), lang);
    }

    // Anonymous browsers get a CSRF token of their own in a cookie.
    let session_csrf = principal
        .as_ref()
        .and_then(|principal| principal.csrf_token().map(str::to_owned));
    let cookie_csrf = cookie(&parts.headers, CSRF_COOKIE).filter(|value| value.len() == 64);
    let mut new_cookie = None;
    let csrf = match (&session_csrf, &cookie_csrf) {
        (Some(token), _) => token.clone(),
        (None, Some(token)) => token.clone(),
        (None, None) if guard.kind == RouteKind::Api => String::new(),
        (None, None) => match procura_service::random_hex(32) {
            Ok(token) => {
                new_cookie = Some(token.clone());
                token
            }
            Err(error) => return WebError::from(error).into_response(),
        },
    };

    let mut body = Body::new(body);
    if is_unsafe(&parts.method) && !bearer {
        if !origin_allowed(state, &parts.headers) {
            return with_lang(WebError::csrf().into_response(), lang);
        }
        let expected = session_csrf.clone().or(cookie_csrf.clone());
        let (provided, rebuilt) = match csrf_from_request(
            &parts.headers,
            parts.uri.query(),
            body,
            state.config.max_body_bytes,
        )
        .await
        {
            Ok(found) => found,
            Err(response) => return with_lang(response, lang),
        };
        body = rebuilt;
        let valid = matches!((&expected, &provided), (Some(expected), Some(provided)) if procura_service::constant_time_eq(expected, provided));
        if !valid {
            return with_lang(WebError::csrf().into_response(), lang);
        }
    }

    parts.extensions.insert(RequestContext {
        principal,
        lang,
        csrf,
        path: path_and_query,
    });
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(token) = new_cookie {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(state, CSRF_COOKIE, &token, "Strict", None),
        );
    }
    with_lang(response, lang)
}

fn with_lang(mut response: Response, lang: procura_domain::Lang) -> Response {
    response.extensions_mut().insert(lang);
    response
}

/// Pages send the person to the password form; the API answers 403 with
/// its own code, so a script knows what to tell.
fn password_change_required(kind: RouteKind) -> Response {
    match kind {
        RouteKind::Page => redirect(PASSWORD_FORM),
        RouteKind::Api => WebError::new(
            StatusCode::FORBIDDEN,
            "password_change_required",
            "error-password-change-required",
        )
        .into_response(),
    }
}

fn sign_in_required(kind: RouteKind, method: &Method, path: &str) -> Response {
    match (kind, method) {
        (RouteKind::Page, &Method::GET) => {
            let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
            redirect(&format!("/sign-in?next={next}"))
        }
        _ => WebError::unauthorized().into_response(),
    }
}

/// Browsers say where a request comes from; refuse other sites outright.
fn origin_allowed(state: &AppState, headers: &axum::http::HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|site| site == "cross-site")
    {
        return false;
    }
    match headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
    {
        None | Some("null") => headers.get(header::ORIGIN).is_none(),
        Some(origin) => origin.eq_ignore_ascii_case(state.config.public_url.origin()),
    }
}

/// The CSRF token from the header, or from the `csrf` field of a URL-encoded
/// form (the body is read and handed on unchanged).
async fn csrf_from_request(
    headers: &axum::http::HeaderMap,
    query: Option<&str>,
    body: Body,
    limit: usize,
) -> Result<(Option<String>, Body), Response> {
    if let Some(token) = headers
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
    {
        return Ok((Some(token.to_owned()), body));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        // A browser upload cannot be read twice, so its form carries the
        // token in the action's query string instead.
        let token = query
            .and_then(|query| {
                form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == CSRF_FIELD)
            })
            .map(|(_, value)| value.into_owned());
        return Ok((token, body));
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Ok((None, body));
    }
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        WebError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "error-too-large",
        )
        .into_response()
    })?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value.into_owned());
    Ok((token, Body::from(bytes)))
}
