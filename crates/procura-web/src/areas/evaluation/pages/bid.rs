//! One bid's page: its answers and their scores, the clauses it reserves,
//! the portal links issued for it, the files its supplier sent, and the
//! award.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use procura_domain::{BidId, BidStatus, RequirementKind};

use super::answers::answer_choices;
use super::rows::{BidRow, Cell, bid_row, cell};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::certifications;
use crate::kit::form_page::{fixable, message};
use crate::kit::ids::Id;
use crate::kit::time::day_of;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct AnswerRow {
    pub code: String,
    pub kind: String,
    pub weight: String,
    pub text: String,
    pub evidence: String,
    pub answer: String,
    pub comment: String,
    pub evidence_ref: String,
    pub cell: Cell,
    pub override_score: String,
    pub override_justification: String,
}

pub struct LinkRow {
    pub id: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    pub state: String,
    pub live: bool,
}

pub struct FileRow {
    pub id: String,
    pub name: String,
    pub code: String,
    pub size: i64,
}

#[derive(Template)]
#[template(path = "bid.html")]
pub struct BidPage {
    pub page: Page,
    pub project_id: String,
    pub reference: String,
    pub bid: BidRow,
    pub version: i64,
    pub can_evaluate: bool,
    pub can_award: bool,
    pub editable: bool,
    pub rows: Vec<AnswerRow>,
    pub answer_choices: Vec<(String, String)>,
    pub reservations: Vec<String>,
    pub to_verify: Vec<String>,
    pub links: Vec<LinkRow>,
    pub new_link: Option<String>,
    pub files: Vec<FileRow>,
    pub certifications: String,
    pub error: Option<String>,
    pub problems: Vec<String>,
}

pub async fn render_bid(
    state: &AppState,
    context: &RequestContext,
    id: BidId,
    new_link: Option<String>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = context.lang;
    let tr = context.tr();
    let (view, _) = state
        .services
        .evaluation_of_bid(principal, state.catalog, id)
        .await?;
    let bid = view.bid(id).ok_or_else(WebError::not_found)?;
    let title = format!("{} — {}", tr.t("bid-page-title"), bid.bid.supplier_name);
    let page = Page::new(state, context, "projects", title).await;
    let editable = view.can_evaluate
        && bid.bid.status != BidStatus::Awarded
        && !(bid.bid.status == BidStatus::Submitted && bid.bid.source.as_deref() == Some("portal"));
    let rows = view
        .criteria
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let answer = bid.answers.get(&line.code);
            let held = bid.overrides.get(&line.code);
            AnswerRow {
                code: line.code.to_string(),
                kind: tr.t(&format!("tender-kind-{}", line.kind.id())),
                weight: if line.kind == RequirementKind::Award {
                    format!("{} %", line.weight)
                } else {
                    String::new()
                },
                text: line.text.get(lang).to_owned(),
                evidence: line.evidence.get(lang).to_owned(),
                answer: answer
                    .and_then(|a| a.answer)
                    .map(|a| a.id().to_owned())
                    .unwrap_or_default(),
                comment: answer.map(|a| a.comment.clone()).unwrap_or_default(),
                evidence_ref: answer.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                cell: cell(context, bid, index),
                override_score: held.map(|o| o.score.to_string()).unwrap_or_default(),
                override_justification: held.map(|o| o.justification.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let supplier = state
        .services
        .supplier(principal, bid.bid.supplier_id, now())
        .await?;
    let certifications = certifications::to_lines(&supplier.supplier.certifications);
    let moment = now();
    let status = error.as_ref().map(|e| e.status);
    let template = BidPage {
        project_id: view.tender.project.id.to_string(),
        reference: view.tender.project.reference.clone(),
        bid: bid_row(context, bid),
        version: bid.bid.version,
        can_evaluate: view.can_evaluate,
        can_award: view.can_award
            && bid.score.eligible
            && !view.bids.iter().any(|b| b.bid.status == BidStatus::Awarded),
        editable,
        rows,
        answer_choices: answer_choices(context),
        reservations: bid
            .score
            .reservations
            .iter()
            .map(|c| c.to_string())
            .collect(),
        to_verify: bid.score.to_verify.iter().map(|c| c.to_string()).collect(),
        links: bid
            .links
            .iter()
            .map(|link| LinkRow {
                id: link.id.clone(),
                created: day_of(link.created_at).to_string(),
                expires: day_of(link.expires_at).to_string(),
                last_used: link
                    .last_used_at
                    .map(|at| day_of(at).to_string())
                    .unwrap_or_default(),
                state: tr.t(if link.revoked_at.is_some() {
                    "bid-link-revoked"
                } else if link.is_usable(moment) {
                    "bid-link-live"
                } else {
                    "bid-link-expired"
                }),
                live: link.is_usable(moment),
            })
            .collect(),
        new_link,
        files: bid
            .files
            .iter()
            .map(|f| FileRow {
                id: f.id.clone(),
                name: f.name.clone(),
                code: f.code.clone(),
                size: f.size,
            })
            .collect(),
        certifications,
        problems: error
            .as_ref()
            .map(|e| e.problems.iter().map(|p| p.message(lang)).collect())
            .unwrap_or_default(),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

pub async fn bid_result(
    state: &AppState,
    context: &RequestContext,
    id: BidId,
    result: Result<(), WebError>,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(redirect(&format!("/bids/{id}"))),
        Err(error) if fixable(&error) || !error.problems.is_empty() => {
            render_bid(state, context, id, None, Some(error)).await
        }
        Err(error) => Err(error),
    }
}

pub async fn bid(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
) -> WebResult<Response> {
    render_bid(&state, &context, id, None, None).await
}
