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

/// Where a browser goes when `next` is missing or refused.
const DEFAULT_NEXT: &str = "/";

/// A path to go back to after signing in or switching language: only a
/// path of this site, so the parameter cannot send anyone elsewhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => DEFAULT_NEXT.to_owned(),
    }
}

/// A relative reference that is an absolute path of this site, however a
/// browser or proxy reads it. Browsers drop tabs and newlines, read `\` as
/// `/` and a leading `//` as another host, so: only the characters of
/// RFC 3986 (no whitespace, control character, backslash or non-ASCII),
/// well-formed percent escapes, and a path that starts with exactly one
/// `/` and has no empty segment, as written and once decoded (again and
/// again, for escapes of escapes): `/%2F/evil.example` is refused too.
fn is_local_path(next: &str) -> bool {
    const PUNCTUATION: &str = "-._~!$&'()*+,;=:@/?#%";
    if !next
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || PUNCTUATION.contains(c))
    {
        return false;
    }
    let path_end = next.find(['?', '#']).unwrap_or(next.len());
    let mut path = next.as_bytes()[..path_end].to_vec();
    // Four rounds reach any escape a person would write; more is refused.
    for _ in 0..4 {
        if !is_plain_local_path(&path) {
            return false;
        }
        let Some(decoded) = percent_decode(&path) else {
            return false;
        };
        if decoded == path {
            return true;
        }
        path = decoded;
    }
    false
}

/// One `/` first, no empty segment, nothing a browser would drop or read
/// as a separator.
fn is_plain_local_path(path: &[u8]) -> bool {
    let text = String::from_utf8_lossy(path);
    path.first() == Some(&b'/')
        && !text.contains("//")
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

/// Decodes `%XX` escapes; `None` when a `%` is not followed by two hex
/// digits (not a valid relative reference).
fn percent_decode(input: &[u8]) -> Option<Vec<u8>> {
    let mut output = Vec::with_capacity(input.len());
    let mut bytes = input.iter();
    while let Some(&byte) = bytes.next() {
        if byte == b'%' {
            let high = char::from(*bytes.next()?).to_digit(16)?;
            let low = char::from(*bytes.next()?).to_digit(16)?;
            output.push(u8::try_from(high * 16 + low).ok()?);
        } else {
            output.push(byte);
        }
    }
    Some(output)
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

    fn check(next: &str, expected: &str) {
        assert_eq!(safe_next(Some(next)), expected, "next = {next:?}");
    }

    #[test]
    fn next_stays_on_this_site() {
        let cases = [
            // Pages of this site.
            ("/users", "/users"),
            ("/", "/"),
            ("/projects/42/tender?lang=en", "/projects/42/tender?lang=en"),
            (
                "/projects?search=pompe%20a%20perfusion&stage=planning",
                "/projects?search=pompe%20a%20perfusion&stage=planning",
            ),
            ("/catalogue#BP-17", "/catalogue#BP-17"),
            ("/s%C3%A9curit%C3%A9", "/s%C3%A9curit%C3%A9"),
            ("/https:/x", "/https:/x"),
            // Another host, as written or as browsers read it.
            ("//evil.example", DEFAULT_NEXT),
            ("///evil.example", DEFAULT_NEXT),
            ("/\\evil.example", DEFAULT_NEXT),
            ("\\\\evil.example", DEFAULT_NEXT),
            ("/\t/evil.example", DEFAULT_NEXT),
            ("/\n/evil.example", DEFAULT_NEXT),
            ("/\r\n/evil.example", DEFAULT_NEXT),
            ("/ /evil.example", DEFAULT_NEXT),
            ("\t//evil.example", DEFAULT_NEXT),
            ("/%09/evil.example", DEFAULT_NEXT),
            ("/%0a/evil.example", DEFAULT_NEXT),
            ("/%0D%0A/evil.example", DEFAULT_NEXT),
            ("/%20/evil.example", DEFAULT_NEXT),
            ("/%2F/evil.example", DEFAULT_NEXT),
            ("/%2f/evil.example", DEFAULT_NEXT),
            ("/%5C/evil.example", DEFAULT_NEXT),
            ("/%5cevil.example", DEFAULT_NEXT),
            ("/%252F/evil.example", DEFAULT_NEXT),
            ("/%25252F/evil.example", DEFAULT_NEXT),
            ("%2F%2Fevil.example", DEFAULT_NEXT),
            ("/x/..//evil.example", DEFAULT_NEXT),
            ("/https://evil.example", DEFAULT_NEXT),
            // Schemes.
            ("https://evil.example", DEFAULT_NEXT),
            ("http:evil.example", DEFAULT_NEXT),
            ("https:/evil.example", DEFAULT_NEXT),
            ("HTTPS://evil.example", DEFAULT_NEXT),
            ("javascript:alert(1)", DEFAULT_NEXT),
            ("JavaScript:alert(1)", DEFAULT_NEXT),
            ("data:text/html,x", DEFAULT_NEXT),
            // Not a relative reference, or not ASCII.
            ("", DEFAULT_NEXT),
            ("users", DEFAULT_NEXT),
            ("/%zz", DEFAULT_NEXT),
            ("/%2", DEFAULT_NEXT),
            ("/sécurité", DEFAULT_NEXT),
            ("/\u{0}x", DEFAULT_NEXT),
            ("/\u{7f}x", DEFAULT_NEXT),
            ("/\u{a0}/evil.example", DEFAULT_NEXT),
            ("/<script>", DEFAULT_NEXT),
        ];
        for (next, expected) in cases {
            check(next, expected);
        }
        assert_eq!(safe_next(None), DEFAULT_NEXT);
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
