//! The supplier portal: a bidder answers the security questionnaire in the
//! browser through the link the buyer sent, without an account. The link's
//! secret is the only key: it reaches one bid and nothing else, wrong
//! secrets are throttled per address, and every use is in the audit log.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use procura_domain::{Answer, RequirementKind};
use procura_service::bids::PortalView;

use super::bids::answers_of;
use super::projects::{field, fixable, message, pairs};
use crate::auth::now;
use crate::client::ClientAddress;
use crate::error::{WebError, WebResult};
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct PortalRow {
    pub code: String,
    pub kind: String,
    pub weight: String,
    pub text: String,
    pub evidence: String,
    pub answer: String,
    pub answer_word: String,
    pub comment: String,
    pub evidence_ref: String,
}

#[derive(Template)]
#[template(path = "portal.html")]
pub struct PortalPage {
    pub page: Page,
    pub token: String,
    pub organisation: String,
    pub reference: String,
    pub project_title: String,
    pub supplier: String,
    pub offer: String,
    pub expires: String,
    pub submitted: bool,
    pub submitted_on: String,
    pub rows: Vec<PortalRow>,
    pub answer_choices: Vec<(String, String)>,
    pub files: Vec<(String, String)>,
    pub saved: bool,
    pub error: Option<String>,
    pub problems: Vec<String>,
}

async fn render(
    state: &AppState,
    context: &RequestContext,
    token: &str,
    view: &PortalView,
    typed: Option<&[procura_service::bids::AnswerInput]>,
    saved: bool,
    error: Option<WebError>,
) -> WebResult<Response> {
    let lang = context.lang;
    let tr = context.tr();
    let title = format!("{} — {}", tr.t("portal-title"), view.project_reference);
    let page = Page::new(state, context, "", title).await;
    let day = |at: procura_domain::Timestamp| {
        procura_domain::Day::from_unix_millis(at.millis()).to_string()
    };
    let rows = view
        .criteria
        .iter()
        .map(|line| {
            let stored = view.answers.get(&line.code);
            let typed = typed.and_then(|list| list.iter().find(|a| a.code == line.code.as_str()));
            let answer = match typed {
                Some(typed) => procura_domain::parse_answer(&typed.answer)
                    .map(|a| a.id().to_owned())
                    .unwrap_or_default(),
                None => stored
                    .and_then(|a| a.answer)
                    .map(|a| a.id().to_owned())
                    .unwrap_or_default(),
            };
            PortalRow {
                code: line.code.to_string(),
                kind: tr.t(&format!("tender-kind-{}", line.kind.id())),
                weight: if line.kind == RequirementKind::Award {
                    format!("{} %", line.weight)
                } else {
                    String::new()
                },
                text: line.text.get(lang).to_owned(),
                evidence: line.evidence.get(lang).to_owned(),
                answer_word: Answer::parse(&answer)
                    .map(|a| tr.t(&format!("tender-answer-{}", a.id())))
                    .unwrap_or_default(),
                answer,
                comment: typed
                    .map(|t| t.comment.clone())
                    .or_else(|| stored.map(|a| a.comment.clone()))
                    .unwrap_or_default(),
                evidence_ref: typed
                    .map(|t| t.evidence_ref.clone())
                    .or_else(|| stored.map(|a| a.evidence_ref.clone()))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let status = error.as_ref().map(|e| e.status);
    let template = PortalPage {
        token: token.to_owned(),
        organisation: view.organisation.clone(),
        reference: view.project_reference.clone(),
        project_title: view.project_title.clone(),
        supplier: view.bid.supplier_name.clone(),
        offer: procura_service::bids::offer_name(&view.bid),
        expires: day(view.expires_at),
        submitted: view.submitted(),
        submitted_on: view.bid.submitted_at.map(day).unwrap_or_default(),
        rows,
        answer_choices: super::bids::answer_choices(context),
        files: view
            .files
            .iter()
            .map(|f| (f.name.clone(), f.code.clone()))
            .collect(),
        saved,
        problems: error
            .as_ref()
            .map(|e| e.problems.iter().map(|p| p.message(lang)).collect())
            .unwrap_or_default(),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> WebResult<Response> {
    let view = state
        .services
        .portal(&token, &client.text(), now())
        .await?
        .map_err(WebError::from)?;
    render(
        &state,
        &context,
        &token,
        &view,
        None,
        query.saved.is_some(),
        None,
    )
    .await
}

pub async fn save(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let form = pairs(&body);
    let answers = answers_of(&form)?;
    let submit = field(&form, "action") == "submit";
    let address = client.text();
    match state
        .services
        .portal_save(&token, &address, &answers, submit, now())
        .await
    {
        Ok(Ok(_)) => Ok(redirect(&format!("/portal/{token}?saved=1"))),
        Ok(Err(refusal)) => Err(refusal.into()),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) && error.problems.is_empty() {
                return Err(error);
            }
            let view = state
                .services
                .portal(&token, &address, now())
                .await?
                .map_err(WebError::from)?;
            render(
                &state,
                &context,
                &token,
                &view,
                Some(&answers),
                false,
                Some(error),
            )
            .await
        }
    }
}

pub async fn upload(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    multipart: Multipart,
) -> WebResult<Response> {
    let address = client.text();
    let (name, bytes, code) = read_upload_with_code(multipart).await?;
    match state
        .services
        .portal_upload(&token, &address, &code, &name, bytes, now())
        .await
    {
        Ok(Ok(_)) => Ok(redirect(&format!("/portal/{token}?saved=1"))),
        Ok(Err(refusal)) => Err(refusal.into()),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            let view = state
                .services
                .portal(&token, &address, now())
                .await?
                .map_err(WebError::from)?;
            render(&state, &context, &token, &view, None, false, Some(error)).await
        }
    }
}

/// The `file` part and the optional `code` part of the upload form.
async fn read_upload_with_code(mut multipart: Multipart) -> WebResult<(String, Vec<u8>, String)> {
    let mut code = String::new();
    let mut file = None;
    while let Ok(Some(part)) = multipart.next_field().await {
        match part.name() {
            Some("code") => code = part.text().await.unwrap_or_default(),
            Some("file") => {
                let name = part.file_name().unwrap_or("evidence").to_owned();
                let bytes = part.bytes().await.map_err(|_| {
                    WebError::new(
                        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                        "too_large",
                        "error-too-large",
                    )
                })?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| WebError::invalid("invalid-evidence-file"))?;
    Ok((name, bytes, code))
}
