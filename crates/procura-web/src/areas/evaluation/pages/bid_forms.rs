//! The forms of a bid's page: importing or entering its answers,
//! overriding a score, issuing and revoking portal links, the award, and
//! the files its supplier sent.

use axum::extract::{Multipart, State};
use axum::response::Response;
use procura_domain::BidId;
use procura_service::bids::CommitmentInput;

use super::answers::answers_of;
use super::bid::{bid_result, render_bid};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::certifications;
use crate::kit::downloads::attachment;
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::{Id, Segments};
use crate::kit::uploads::Upload;
use crate::render::{RequestContext, redirect};
use crate::state::AppState;

pub async fn import(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    multipart: Multipart,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = match Upload::read(multipart).await.and_then(Upload::into_file) {
        Ok((_, bytes)) => state
            .services
            .import_answers(principal, state.catalog, id, &bytes, now())
            .await
            .map(|_| ())
            .map_err(WebError::from),
        Err(error) => Err(error),
    };
    bid_result(&state, &context, id, result).await
}

pub async fn answers(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let result = state
        .services
        .save_answers(
            principal,
            state.catalog,
            id,
            version,
            &answers_of(&form)?,
            now(),
        )
        .await
        .map(|_| ())
        .map_err(WebError::from);
    bid_result(&state, &context, id, result).await
}

pub async fn override_score(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let score = match (form.get("action"), form.get("score").trim()) {
        ("remove", _) => None,
        (_, text) => match text.trim_end_matches('%').trim().parse::<u32>() {
            Ok(score) => Some(score),
            Err(_) => {
                let error = WebError::invalid("invalid-percentage");
                return bid_result(&state, &context, id, Err(error)).await;
            }
        },
    };
    let result = state
        .services
        .set_override(
            principal,
            state.catalog,
            id,
            form.get("code"),
            score,
            form.get("justification"),
            now(),
        )
        .await
        .map_err(WebError::from);
    bid_result(&state, &context, id, result).await
}

pub async fn issue_link(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let days = match form.get("days").trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(days) => Some(days),
            Err(_) => {
                let error = WebError::invalid("invalid-link-expiry");
                return bid_result(&state, &context, id, Err(error)).await;
            }
        },
    };
    match state
        .services
        .issue_portal_link(principal, state.catalog, id, days, now())
        .await
    {
        // The secret is shown once, on this response, and never again.
        Ok((_, secret)) => {
            let url = format!("{}/portal/{secret}", state.config.public_url.origin());
            render_bid(&state, &context, id, Some(url), None).await
        }
        Err(error) => bid_result(&state, &context, id, Err(error.into())).await,
    }
}

pub async fn revoke_link(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), link): Segments<Id<BidId>, String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let result = state
        .services
        .revoke_portal_link(principal, state.catalog, id, &link, now())
        .await
        .map_err(WebError::from);
    bid_result(&state, &context, id, result).await
}

pub async fn award(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let input = CommitmentInput {
        support_end: form.get("support_end").to_owned(),
        patch_delay_days: form.get("patch_delay_days").to_owned(),
        remote_access: form.get("remote_access").to_owned(),
        certifications: certifications::from_lines(form.get("certifications")),
    };
    let result = state
        .services
        .award(principal, state.catalog, id, version, &input, now())
        .await;
    match result {
        Ok(commitments) => Ok(redirect(&format!(
            "/projects/{}/bids",
            commitments.project_id
        ))),
        Err(error) => bid_result(&state, &context, id, Err(error.into())).await,
    }
}

pub async fn file(
    State(state): State<AppState>,
    context: RequestContext,
    Segments(Id(id), file): Segments<Id<BidId>, String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (record, bytes) = state
        .services
        .bid_file(principal, state.catalog, id, &file)
        .await?;
    attachment(bytes, &record.content_type, &record.name)
}
