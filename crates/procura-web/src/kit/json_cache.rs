//! JSON answers that cannot change while the server runs (the catalogue,
//! the requirement library), serialised once and served from memory with an
//! `ETag`, so a client that already has one gets `304 Not Modified`.
//!
//! The key names everything the answer depends on (the route and its
//! canonical filters); the answers are the same in every language. The
//! number of answers kept is bounded, because free-text searches make keys
//! without limit: past the bound the memory starts again empty.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{WebError, WebResult};

/// At most this many distinct answers are kept.
const MAX_ENTRIES: usize = 512;

/// Clients keep the answer but ask again each time, with `If-None-Match`.
const CACHE_CONTROL: &str = "private, no-cache";

#[derive(Debug)]
struct Cached {
    body: Bytes,
    etag: HeaderValue,
}

#[derive(Debug, Default)]
pub struct JsonCache {
    entries: Mutex<HashMap<String, Arc<Cached>>>,
}

impl JsonCache {
    /// The answer for `key`, made by `make` the first time only.
    pub fn answer<T: Serialize>(
        &self,
        key: &str,
        request: &HeaderMap,
        make: impl FnOnce() -> WebResult<T>,
    ) -> WebResult<Response> {
        let cached = match self.lookup(key) {
            Some(cached) => cached,
            None => {
                let body = serde_json::to_vec(&make()?).map_err(|error| {
                    tracing::error!(%error, "serialising a cached answer");
                    WebError::internal()
                })?;
                let cached = Arc::new(Cached {
                    etag: etag_of(&body),
                    body: Bytes::from(body),
                });
                self.keep(key, &cached);
                cached
            }
        };
        Ok(respond(&cached, request))
    }

    fn lookup(&self, key: &str) -> Option<Arc<Cached>> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    fn keep(&self, key: &str, cached: &Arc<Cached>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key.to_owned(), Arc::clone(cached));
        }
    }
}

/// A strong validator: the first 128 bits of the body's SHA-256, the same
/// on every instance running the same catalogue.
fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let value = format!("\"{}\"", hex::encode(&digest[..16]));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

fn respond(cached: &Cached, request: &HeaderMap) -> Response {
    let headers = [
        (header::ETAG, cached.etag.clone()),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ),
    ];
    if matches(request, &cached.etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (
        headers,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        Body::from(cached.body.clone()),
    )
        .into_response()
}

/// `If-None-Match` lists the client's validators (weak ones compare too,
/// as RFC 9110 asks for this header), or `*`.
fn matches(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.as_bytes();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .flat_map(|value| value.as_bytes().split(|byte| *byte == b','))
        .map(|tag| tag.trim_ascii())
        .map(|tag| tag.strip_prefix(b"W/").unwrap_or(tag))
        .any(|tag| tag == b"*" || tag == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(if_none_match: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(if_none_match).unwrap(),
        );
        headers
    }

    #[test]
    fn the_answer_is_made_once_and_revalidated_by_its_etag() {
        let cache = JsonCache::default();
        let mut made = 0;
        let first = cache
            .answer("k", &HeaderMap::new(), || {
                made += 1;
                Ok(vec![1, 2, 3])
            })
            .unwrap();
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
        let second = cache
            .answer("k", &request(&format!("\"x\", W/{etag}")), || {
                made += 1;
                Ok(vec![9])
            })
            .unwrap();
        assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(made, 1);
        let other = cache
            .answer("k", &request("\"x\""), || Ok(vec![9]))
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK);
    }

    #[test]
    fn distinct_bodies_have_distinct_etags() {
        assert_ne!(etag_of(b"[1]"), etag_of(b"[2]"));
        assert_eq!(etag_of(b"[1]"), etag_of(b"[1]"));
    }
}
