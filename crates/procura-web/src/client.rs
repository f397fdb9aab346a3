//! Who is at the other end: the peer's address, or, when the peer is a
//! trusted reverse proxy, the address it says it received the request from.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use procura_service::IpNetwork;

use crate::error::WebError;
use crate::state::AppState;

/// The client's address, as throttling and the logs use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    pub fn text(&self) -> String {
        self.0.to_string()
    }
}

/// Works out the client's address once per request, for the handlers and
/// the request log.
pub async fn identify_client(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let forwarded_for = forwarded_for(request.headers());
    let address = choose(peer, &forwarded_for, &state.config.trusted_proxies);
    request.extensions_mut().insert(ClientAddress(address));
    next.run(request).await
}

/// Every `X-Forwarded-For` entry in order, as one list. Entries are split
/// from the raw bytes: a proxy appends the real address to whatever the
/// client sent on the same line, so one byte the client made non-ASCII
/// must not take the proxy's entry down with it (it only spoils its own).
fn forwarded_for(headers: &HeaderMap) -> Vec<&str> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| value.as_bytes().split(|byte| *byte == b','))
        .map(|entry| std::str::from_utf8(entry).unwrap_or("invalid"))
        .collect()
}

/// The peer, unless it is a trusted proxy: then the right-most address of
/// `X-Forwarded-For` that is not a trusted proxy (each proxy appends the
/// address it received the request from; what is left of the first
/// untrusted one may be written by anyone). An entry that is not an
/// address stops the walk at the last proxy that vouched for it.
fn choose(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNetwork]) -> IpAddr {
    let is_trusted = |address: IpAddr| trusted.iter().any(|network| network.contains(address));
    let mut client = peer.to_canonical();
    if !is_trusted(client) {
        return client;
    }
    for entry in forwarded_for.iter().rev() {
        let Some(address) = parse_entry(entry) else {
            break;
        };
        client = address;
        if !is_trusted(address) {
            break;
        }
    }
    client
}

/// `203.0.113.7`, `2001:db8::7`, and the forms with a port some proxies
/// write: `203.0.113.7:4711`, `[2001:db8::7]:4711`.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|socket| socket.ip()))
        .ok()
        .map(|address| address.to_canonical())
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<ClientAddress>()
            .copied()
            .ok_or_else(WebError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(peer: &str, forwarded_for: &[&str], trusted: &[&str], expected: &str) {
        let trusted: Vec<IpNetwork> = trusted
            .iter()
            .map(|entry| IpNetwork::parse(entry).unwrap())
            .collect();
        let entries: Vec<&str> = forwarded_for
            .iter()
            .flat_map(|value| value.split(','))
            .collect();
        assert_eq!(
            choose(peer.parse().unwrap(), &entries, &trusted),
            expected.parse::<IpAddr>().unwrap(),
            "peer {peer}, X-Forwarded-For {forwarded_for:?}, trusted {trusted:?}"
        );
    }

    #[test]
    fn a_byte_the_client_spoils_does_not_hide_the_proxys_entry() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            axum::http::HeaderValue::from_bytes(b"1.2.3.4\xff, 198.51.100.9").unwrap(),
        );
        let entries = forwarded_for(&headers);
        let trusted = [IpNetwork::parse("10.0.0.0/8").unwrap()];
        assert_eq!(
            choose("10.0.0.2".parse().unwrap(), &entries, &trusted),
            "198.51.100.9".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn forwarded_for_is_believed_from_trusted_proxies_only() {
        const PROXY: &[&str] = &["10.0.0.0/8"];
        // (peer, X-Forwarded-For values, trusted proxies, client)
        let cases: &[(&str, &[&str], &[&str], &str)] = &[
            // No proxy configured: the header is anyone's to write.
            ("203.0.113.7", &["198.51.100.1"], &[], "203.0.113.7"),
            ("10.0.0.2", &["198.51.100.1"], &[], "10.0.0.2"),
            // An untrusted peer sending the header.
            ("203.0.113.7", &["198.51.100.1"], PROXY, "203.0.113.7"),
            // Behind the proxy.
            ("10.0.0.2", &["198.51.100.1"], PROXY, "198.51.100.1"),
            ("10.0.0.2", &[" 198.51.100.1 "], PROXY, "198.51.100.1"),
            // A forged entry left of the real one is ignored.
            (
                "10.0.0.2",
                &["1.2.3.4, 198.51.100.1"],
                PROXY,
                "198.51.100.1",
            ),
            (
                "10.0.0.2",
                &["1.2.3.4", "198.51.100.1"],
                PROXY,
                "198.51.100.1",
            ),
            // Two proxies: the right-most untrusted address.
            (
                "10.0.0.2",
                &["198.51.100.1, 10.0.0.9"],
                PROXY,
                "198.51.100.1",
            ),
            // Nothing but proxies: the first of them.
            ("10.0.0.2", &["10.0.0.7, 10.0.0.9"], PROXY, "10.0.0.7"),
            // No header, or garbage: the proxy itself, or the last address
            // a trusted proxy vouched for.
            ("10.0.0.2", &[], PROXY, "10.0.0.2"),
            ("10.0.0.2", &["unknown"], PROXY, "10.0.0.2"),
            (
                "10.0.0.2",
                &["198.51.100.1, unknown, 10.0.0.9"],
                PROXY,
                "10.0.0.9",
            ),
            (
                "10.0.0.2",
                &["unknown, 198.51.100.1"],
                PROXY,
                "198.51.100.1",
            ),
            // Ports and IPv6.
            ("10.0.0.2", &["198.51.100.1:4711"], PROXY, "198.51.100.1"),
            ("10.0.0.2", &["[2001:db8::7]:4711"], PROXY, "2001:db8::7"),
            ("::1", &["2001:db8::7"], &["::1"], "2001:db8::7"),
            // An IPv4 peer seen through an IPv6 socket.
            ("::ffff:10.0.0.2", &["198.51.100.1"], PROXY, "198.51.100.1"),
            (
                "::ffff:203.0.113.7",
                &["198.51.100.1"],
                PROXY,
                "203.0.113.7",
            ),
        ];
        for (peer, forwarded_for, trusted, expected) in cases {
            check(peer, forwarded_for, trusted, expected);
        }
    }
}
