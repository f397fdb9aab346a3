//! The organisation's audit log: filter, page through, export.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use procura_domain::{AuditEntry, AuditFilter};
use serde::{Deserialize, Serialize};

use crate::error::{WebError, WebResult};
use crate::render::{Page, RequestContext, html};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub page: Option<u32>,
    pub format: Option<String>,
}

impl AuditQuery {
    pub fn filter(&self) -> AuditFilter {
        let clean = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        AuditFilter {
            action: clean(&self.action),
            actor: clean(&self.actor),
            from: None,
            until: None,
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS` in UTC.
pub fn format_time(millis: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .and_then(|moment| moment.format(&format).ok())
        .unwrap_or_default()
}

pub struct EntryRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Page,
    entries: Vec<EntryRow>,
    action: String,
    actor: String,
    page_number: u32,
    previous: Option<String>,
    next: Option<String>,
    export_query: String,
}

fn query_string(action: &str, actor: &str, page: Option<u32>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    if !action.is_empty() {
        serializer.append_pair("action", action);
    }
    if !actor.is_empty() {
        serializer.append_pair("actor", actor);
    }
    if let Some(page) = page {
        serializer.append_pair("page", &page.to_string());
    }
    serializer.finish()
}

pub async fn list(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<AuditQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let filter = query.filter();
    let result = state
        .services
        .audit_page(principal, &filter, query.page.unwrap_or(1))
        .await?;
    let action = filter.action.clone().unwrap_or_default();
    let actor = filter.actor.clone().unwrap_or_default();
    let entries = result
        .entries
        .into_iter()
        .map(|entry| EntryRow {
            seq: entry.seq,
            at: format_time(entry.at),
            actor: entry.actor,
            action: entry.action,
            object: entry.object,
            detail: entry.detail,
        })
        .collect();
    let page = Page::new(&state, &context, "audit", context.tr().t("audit-title")).await;
    html(&AuditPage {
        page,
        entries,
        previous: (result.page > 1).then(|| query_string(&action, &actor, Some(result.page - 1))),
        next: result
            .has_more
            .then(|| query_string(&action, &actor, Some(result.page + 1))),
        export_query: query_string(&action, &actor, None),
        page_number: result.page,
        action,
        actor,
    })
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

impl From<AuditEntry> for EntryJson {
    fn from(entry: AuditEntry) -> Self {
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

pub async fn export(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<AuditQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let entries = state
        .services
        .audit_export(principal, &query.filter())
        .await?;
    let format = query.format.as_deref().unwrap_or("csv");
    let (body, content_type, extension) = match format {
        "csv" => {
            let mut table = procura_docs::CsvTable::new([
                "seq",
                "time_utc",
                "organisation_id",
                "actor_id",
                "actor",
                "action",
                "object",
                "detail",
                "prev_hash",
                "hash",
            ])
            .map_err(|_| WebError::internal())?;
            for entry in &entries {
                table
                    .row([
                        entry.seq.to_string().as_str(),
                        &format_time(entry.at),
                        entry.organisation_id.as_deref().unwrap_or_default(),
                        entry.actor_id.as_deref().unwrap_or_default(),
                        &entry.actor,
                        &entry.action,
                        &entry.object,
                        &entry.detail,
                        &entry.prev_hash,
                        &entry.hash,
                    ])
                    .map_err(|_| WebError::internal())?;
            }
            let bytes = table
                .finish()
                .map_err(|_| WebError::internal())?
                .into_bytes();
            (bytes, "text/csv; charset=utf-8", "csv")
        }
        "json" => {
            let rows: Vec<EntryJson> = entries.into_iter().map(EntryJson::from).collect();
            let bytes = serde_json::to_vec_pretty(&rows).map_err(|_| WebError::internal())?;
            (bytes, "application/json", "json")
        }
        other => return Err(WebError::bad_request("error-unknown-format").with("format", other)),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"procura-audit.{extension}\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
