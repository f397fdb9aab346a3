//! The organisation's audit log: filter, page through, export.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use crate::areas::admin::audit_log::{AuditQuery, EntryJson};
use crate::error::{WebError, WebResult};
use crate::kit::downloads::{self, attachment};
use crate::kit::time::format_time;
use crate::render::{Page, RequestContext, html};
use crate::state::AppState;

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
            (bytes, downloads::CSV, "csv")
        }
        "json" => {
            let rows: Vec<EntryJson> = entries.into_iter().map(EntryJson::from).collect();
            let bytes = serde_json::to_vec_pretty(&rows).map_err(|_| WebError::internal())?;
            (bytes, downloads::JSON, "json")
        }
        other => return Err(WebError::bad_request("error-unknown-format").with("format", other)),
    };
    attachment(body, content_type, &format!("procura-audit.{extension}"))
}
