//! Bids over the API: registering one, its answers (imported questionnaire
//! or entered), overrides, portal links and the award.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use procura_domain::{BidId, ProjectId};
use procura_service::bids::{AnswerInput, CommitmentInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::areas::evaluation::wire::{Bid, Commitments, bid, commitments};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::certifications::{self, Certification};
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::{Id, Segments};
use crate::kit::json_body::JsonBody;
use crate::kit::uploads::BodyFile;
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewBid {
    /// Taken from the register by name, or added to it.
    pub supplier: String,
    #[serde(default)]
    pub offer: String,
    #[serde(default)]
    pub product_version: String,
}

/// Registers a bid (buyers and the CISO of the project).
#[utoipa::path(post, path = "/api/v1/projects/{id}/bids", tag = "evaluation", request_body = NewBid,
    params(("id" = String, Path, description = "Project id")),
    responses((status = 201, body = Bid), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<NewBid>,
) -> WebResult<(StatusCode, Json<Bid>)> {
    let principal = context.principal()?;
    let created = state
        .services
        .add_bid(
            principal,
            id,
            &body.supplier,
            &body.offer,
            &body.product_version,
            now(),
        )
        .await?;
    one(&state, &context, created.id)
        .await
        .map(|b| (StatusCode::CREATED, b))
}

async fn one(state: &AppState, context: &RequestContext, id: BidId) -> WebResult<Json<Bid>> {
    let (view, _) = state
        .services
        .evaluation_of_bid(context.principal()?, state.catalog, id)
        .await?;
    view.bid(id)
        .map(|b| Json(bid(b)))
        .ok_or_else(WebError::not_found)
}

#[utoipa::path(get, path = "/api/v1/bids/{id}", tag = "evaluation",
    params(("id" = String, Path, description = "Bid id")),
    responses((status = 200, body = Bid), (status = 404, body = ErrorBody)))]
pub async fn show_bid(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
) -> WebResult<Json<Bid>> {
    one(&state, &context, id).await
}

/// A supplier's submission receipt: `sha256` is the SHA-256 of `content`,
/// the exact text submitted (tab-separated `answer` and `file` lines).
#[derive(Debug, Serialize, ToSchema)]
pub struct Receipt {
    pub number: String,
    /// Milliseconds since the Unix epoch.
    pub submitted_at: i64,
    pub sha256: String,
    pub content: String,
}

/// The receipts of a bid's portal submissions, the latest last.
#[utoipa::path(get, path = "/api/v1/bids/{id}/receipts", tag = "evaluation",
    params(("id" = String, Path, description = "Bid id")),
    responses((status = 200, body = Vec<Receipt>), (status = 404, body = ErrorBody)))]
pub async fn receipts(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
) -> WebResult<Json<Vec<Receipt>>> {
    let principal = context.principal()?;
    let list = state.services.bid_receipts(principal, id).await?;
    Ok(Json(
        list.into_iter()
            .map(|r| Receipt {
                number: r.number,
                submitted_at: r.submitted_at.millis(),
                sha256: r.sha256,
                content: r.content,
            })
            .collect(),
    ))
}

/// Imports the filled questionnaire sent as the request body (the XLSX
/// bytes). Every problem is listed in `error.problems` and nothing is
/// stored while any remains.
#[utoipa::path(post, path = "/api/v1/bids/{id}/import", tag = "evaluation",
    params(("id" = String, Path, description = "Bid id")),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses((status = 200, body = Bid), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    BodyFile(body): BodyFile,
) -> WebResult<Json<Bid>> {
    state
        .services
        .import_answers(context.principal()?, state.catalog, id, &body, now())
        .await?;
    one(&state, &context, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    pub code: String,
    /// yes, partial, no, not-applicable (or the French and English words); empty for none.
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub evidence_ref: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswersBody {
    pub version: i64,
    pub answers: Vec<AnswerBody>,
}

/// An evaluator enters answers (those not listed are kept).
#[utoipa::path(put, path = "/api/v1/bids/{id}/answers", tag = "evaluation", request_body = AnswersBody,
    params(("id" = String, Path, description = "Bid id")),
    responses((status = 200, body = Bid), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn answers(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    JsonBody(body): JsonBody<AnswersBody>,
) -> WebResult<Json<Bid>> {
    let inputs: Vec<AnswerInput> = body
        .answers
        .iter()
        .map(|a| AnswerInput {
            code: a.code.clone(),
            answer: a.answer.clone(),
            comment: a.comment.clone(),
            evidence_ref: a.evidence_ref.clone(),
        })
        .collect();
    state
        .services
        .save_answers(
            context.principal()?,
            state.catalog,
            id,
            body.version,
            &inputs,
            now(),
        )
        .await?;
    one(&state, &context, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OverrideBody {
    /// Percent of the requirement's weight, 0 to 100. For an award
    /// criterion, a step of the published scale (0, 25, 50, 75 or 100 on
    /// the default 0–4 scale); or give `grade` instead.
    pub score: Option<u32>,
    /// An award criterion's grade on the published scale (0 to 4 by
    /// default).
    pub grade: Option<u32>,
    /// Required: a grade or an override without one is refused.
    pub justification: String,
}

/// Overrides one requirement's score, with a justification (audit-logged).
#[utoipa::path(put, path = "/api/v1/bids/{id}/overrides/{code}", tag = "evaluation", request_body = OverrideBody,
    params(("id" = String, Path, description = "Bid id"), ("code" = String, Path, description = "Requirement code")),
    responses((status = 200, body = Bid), (status = 422, body = ErrorBody)))]
pub async fn set_override(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), code): Segments<Id<BidId>, String>,
    JsonBody(body): JsonBody<OverrideBody>,
) -> WebResult<Json<Bid>> {
    let max = procura_catalog::requirement_library().map_or(0, |library| library.grading.max());
    let score = match (body.grade, body.score) {
        (Some(grade), _) => procura_domain::grade_score(grade, max)
            .ok_or_else(|| WebError::invalid("invalid-grade"))?,
        (None, Some(score)) => score,
        (None, None) => return Err(WebError::invalid("invalid-grade")),
    };
    state
        .services
        .set_override(
            context.principal()?,
            state.catalog,
            id,
            &code,
            Some(score),
            &body.justification,
            now(),
        )
        .await?;
    one(&state, &context, id).await
}

#[utoipa::path(delete, path = "/api/v1/bids/{id}/overrides/{code}", tag = "evaluation",
    params(("id" = String, Path, description = "Bid id"), ("code" = String, Path, description = "Requirement code")),
    responses((status = 200, body = Bid), (status = 404, body = ErrorBody)))]
pub async fn remove_override(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), code): Segments<Id<BidId>, String>,
) -> WebResult<Json<Bid>> {
    state
        .services
        .set_override(
            context.principal()?,
            state.catalog,
            id,
            &code,
            None,
            "",
            now(),
        )
        .await?;
    one(&state, &context, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PortalLinkBody {
    /// 1 to 120 days; 30 when absent.
    pub days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewLink {
    pub id: String,
    /// The portal address to send the supplier; shown this once.
    pub url: String,
    /// Milliseconds since the Unix epoch.
    pub expires_at: i64,
}

/// Issues a supplier portal link for the bid.
#[utoipa::path(post, path = "/api/v1/bids/{id}/links", tag = "evaluation", request_body = PortalLinkBody,
    params(("id" = String, Path, description = "Bid id")),
    responses((status = 201, body = NewLink), (status = 422, body = ErrorBody)))]
pub async fn issue_link(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    JsonBody(body): JsonBody<PortalLinkBody>,
) -> WebResult<(StatusCode, Json<NewLink>)> {
    let (link, secret) = state
        .services
        .issue_portal_link(context.principal()?, state.catalog, id, body.days, now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewLink {
            id: link.id,
            url: format!("{}/portal/{secret}", state.config.public_url.origin()),
            expires_at: link.expires_at.millis(),
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/bids/{id}/links/{link}", tag = "evaluation",
    params(("id" = String, Path, description = "Bid id"), ("link" = String, Path, description = "Link id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_link(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), link): Segments<Id<BidId>, String>,
) -> WebResult<StatusCode> {
    state
        .services
        .revoke_portal_link(context.principal()?, state.catalog, id, &link, now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AwardBody {
    pub version: i64,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub support_end: String,
    #[serde(default)]
    pub patch_delay_days: Option<u32>,
    #[serde(default)]
    pub remote_access: String,
    /// Empty: the supplier's certifications from the register.
    #[serde(default)]
    pub certifications: Vec<Certification>,
}

/// Awards the contract to an eligible bid and records the supplier's
/// commitments for the management phase.
#[utoipa::path(post, path = "/api/v1/bids/{id}/award", tag = "evaluation", request_body = AwardBody,
    params(("id" = String, Path, description = "Bid id")),
    responses((status = 200, body = Commitments), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn award(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    JsonBody(body): JsonBody<AwardBody>,
) -> WebResult<Json<Commitments>> {
    let input = CommitmentInput {
        support_end: body.support_end.clone(),
        patch_delay_days: body
            .patch_delay_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        remote_access: body.remote_access.clone(),
        certifications: certifications::inputs(&body.certifications),
    };
    let record = state
        .services
        .award(
            context.principal()?,
            state.catalog,
            id,
            body.version,
            &input,
            now(),
        )
        .await?;
    Ok(Json(commitments(&record)))
}
