//! The audit log as both its page and its API read it: the filter of the
//! query string, and the wire form of an entry (also the JSON export's).

use procura_domain::{AuditEntry as Entry, AuditFilter as Filter};
use serde::{Deserialize, Serialize};

use crate::kit::time::format_time;

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub page: Option<u32>,
    pub format: Option<String>,
}

impl AuditQuery {
    pub fn filter(&self) -> Filter {
        let clean = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Filter {
            action: clean(&self.action),
            actor: clean(&self.actor),
            from: None,
            until: None,
        }
    }
}

/// The wire form of an entry in exports and the API.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntryJson {
    pub seq: i64,
    /// Milliseconds since the Unix epoch, UTC.
    pub at: i64,
    pub time: String,
    pub organisation_id: Option<String>,
    pub actor_id: Option<String>,
    pub actor: String,
    pub action: String,
    pub object: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

impl From<Entry> for EntryJson {
    fn from(entry: Entry) -> Self {
        EntryJson {
            seq: entry.seq,
            time: format_time(entry.at),
            at: entry.at,
            organisation_id: entry.organisation_id,
            actor_id: entry.actor_id,
            actor: entry.actor,
            action: entry.action,
            object: entry.object,
            detail: serde_json::from_str(&entry.detail)
                .unwrap_or(serde_json::Value::String(entry.detail)),
            prev_hash: entry.prev_hash,
            hash: entry.hash,
        }
    }
}
