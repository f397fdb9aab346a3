//! What wraps every response: security headers, limits, request ids, the
//! client's address and one log line per request.

use std::borrow::Cow;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::Response;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::client::{ClientAddress, identify_client};
use crate::state::AppState;

/// No inline script or style, nothing from elsewhere, never in a frame.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Browsers that reached Procura over https once keep to https for a year.
/// Not `includeSubDomains`: other sites of the hospital's domain are not
/// Procura's to decide.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

const REQUEST_ID: &str = "x-request-id";

pub fn wrap(router: Router, state: &AppState) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID);
    let router = router
        .layer(from_fn(log_request))
        .layer(from_fn_with_state(state.clone(), identify_client))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(from_fn(drop_unsafe_request_id))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.config.request_timeout,
        ))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    if state.config.public_url.is_https() {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        ))
    } else {
        router
    }
}

/// A request id from the client (or a proxy) is kept only when it is one
/// short token of safe characters; otherwise it is dropped and Procura makes
/// its own, so nothing a client writes reaches the logs verbatim.
async fn drop_unsafe_request_id(mut request: Request, next: Next) -> Response {
    let given = request.headers().get_all(REQUEST_ID);
    let mut values = given.iter();
    let acceptable = match (values.next(), values.next()) {
        (Some(value), None) => is_safe_request_id(value.as_bytes()),
        (None, _) => true,
        (Some(_), Some(_)) => false,
    };
    if !acceptable {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

/// 1 to 64 characters among `A-Z a-z 0-9 . _ -`.
fn is_safe_request_id(id: &[u8]) -> bool {
    (1..=64).contains(&id.len())
        && id
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || b"._-".contains(byte))
}

/// The path as logs may keep it: a supplier portal link's secret is a
/// credential, so it is replaced by `…`.
fn loggable_path(path: &str) -> Cow<'_, str> {
    match path.strip_prefix("/portal/") {
        Some(rest) => match rest.split_once('/') {
            Some((_, tail)) => Cow::Owned(format!("/portal/…/{tail}")),
            None => Cow::Borrowed("/portal/…"),
        },
        None => Cow::Borrowed(path),
    }
}

/// One line per request: method, path, status, latency, request id and
/// the client's address. What the line needs is kept as it came (cheap
/// clones of shared bytes) and written only when the line is, so a server
/// logging at `warn` pays nothing for it.
async fn log_request(request: Request, next: Next) -> Response {
    if !tracing::enabled!(target: "procura::request", tracing::Level::INFO) {
        return next.run(request).await;
    }
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let client = request.extensions().get::<ClientAddress>().map(|c| c.0);
    let request_id = request.headers().get(REQUEST_ID).cloned();
    let response = next.run(request).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "procura::request",
        %method,
        path = %loggable_path(uri.path()),
        status = response.status().as_u16(),
        latency_ms = format_args!("{latency_ms:.2}"),
        request_id = %request_id
            .as_ref()
            .and_then(|value| value.to_str().ok())
            .unwrap_or("-"),
        client = %Client(client),
        "request"
    );
    response
}

/// The client's address in the log, `-` when unknown.
struct Client(Option<std::net::IpAddr>);

impl std::fmt::Display for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(address) => address.fmt(f),
            None => f.write_str("-"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_short_safe_tokens() {
        let cases: &[(&str, bool)] = &[
            ("0b6f6a36-1c1e-4a4e-9a0e-2f0d3b1c9e77", true),
            ("proxy.42_b-X", true),
            ("a", true),
            (&"a".repeat(64), true),
            ("", false),
            (&"a".repeat(65), false),
            ("a b", false),
            ("a\tb", false),
            ("line\" injected=\"yes", false),
            ("<script>", false),
            ("a/b", false),
            ("é", false),
        ];
        for (id, expected) in cases {
            assert_eq!(is_safe_request_id(id.as_bytes()), *expected, "{id:?}");
        }
    }

    #[test]
    fn portal_secrets_stay_out_of_the_logs() {
        let secret = "ab".repeat(32);
        assert_eq!(loggable_path(&format!("/portal/{secret}")), "/portal/…");
        assert_eq!(
            loggable_path(&format!("/portal/{secret}/files")),
            "/portal/…/files"
        );
        assert_eq!(loggable_path("/projects/1/bids"), "/projects/1/bids");
    }
}
