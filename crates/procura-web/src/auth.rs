//! Who is calling: a session cookie or an `Authorization: Bearer` token; the
//! cookies Procura sets; and the CSRF tokens browser forms carry.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderValue, header};
use procura_domain::Timestamp;
use procura_service::{Principal, ServiceError};

use crate::state::AppState;

pub const SESSION_COOKIE: &str = "procura_session";
/// The CSRF token of a browser that is not signed in (double-submit cookie).
pub const CSRF_COOKIE: &str = "procura_csrf";
/// The form field and header that carry the CSRF token.
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The web edge reads the clock; everything inward takes `now` as a value.
pub fn now() -> Timestamp {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        });
    Timestamp(millis)
}

/// The value of a cookie sent by the browser.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// How a request identified itself, before any check.
#[derive(Debug, Clone)]
pub enum Caller {
    Anonymous,
    /// A bearer token was sent but is not valid: never fall back to cookies.
    BadToken,
    Principal(Principal),
}

pub async fn identify(state: &AppState, headers: &HeaderMap) -> Result<Caller, ServiceError> {
    let now = now();
    if let Some(token) = bearer_token(headers) {
        return Ok(match state.services.authenticate_token(token, now).await? {
            Some(principal) => Caller::Principal(principal),
            None => Caller::BadToken,
        });
    }
    if let Some(session) = cookie(headers, SESSION_COOKIE)
        && let Some(principal) = state.services.resume_session(&session, now).await?
    {
        return Ok(Caller::Principal(principal));
    }
    Ok(Caller::Anonymous)
}

/// A `Set-Cookie` value with Procura's attributes: never readable by
/// scripts, `Secure` whenever the public URL is https.
pub fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    same_site: &str,
    max_age_seconds: Option<i64>,
) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if state.config.public_url.is_https() {
        cookie.push_str("; Secure");
    }
    if let Some(seconds) = max_age_seconds {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    HeaderValue::from_str(&cookie)
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

pub fn clear_cookie(state: &AppState, name: &str) -> HeaderValue {
    set_cookie(state, name, "", "Lax", Some(0))
}

/// A path to go back to after signing in: only local absolute paths, so the
/// parameter cannot send anyone to another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.contains("://") =>
        {
            path.to_owned()
        }
        _ => "/catalogue".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; procura_session=abc; b=2"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/users")), "/users");
        assert_eq!(safe_next(Some("//evil.example")), "/catalogue");
        assert_eq!(safe_next(Some("https://evil.example")), "/catalogue");
        assert_eq!(safe_next(Some("/\\evil")), "/catalogue");
        assert_eq!(safe_next(None), "/catalogue");
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer pcr_x"),
        );
        assert_eq!(bearer_token(&headers), Some("pcr_x"));
    }
}
