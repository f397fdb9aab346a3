//! The organisation's audit log (administrators and CISOs).

use axum::Json;
use axum::extract::{Query, State};

use crate::areas::admin::audit_log::{AuditQuery, EntryJson};
use crate::areas::admin::wire::AuditPage;
use crate::error::WebResult;
use crate::kit::error_body::ErrorBody;
use crate::render::RequestContext;
use crate::state::AppState;

/// Entries newest first, 50 a page.
#[utoipa::path(get, path = "/api/v1/audit", tag = "administration",
    params(
        ("action" = Option<String>, Query, description = "Exact action, such as user.sign_in"),
        ("actor" = Option<String>, Query, description = "Part of the actor's e-mail"),
        ("page" = Option<u32>, Query, description = "Page number from 1"),
    ),
    responses((status = 200, body = AuditPage), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<AuditQuery>,
) -> WebResult<Json<AuditPage>> {
    let principal = context.principal()?;
    let page = state
        .services
        .audit_page(principal, &query.filter(), query.page.unwrap_or(1))
        .await?;
    Ok(Json(AuditPage {
        entries: page.entries.into_iter().map(EntryJson::from).collect(),
        page: page.page,
        has_more: page.has_more,
    }))
}
