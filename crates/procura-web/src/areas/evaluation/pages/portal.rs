//! The supplier portal: a bidder answers the security questionnaire in the
//! browser through the link the buyer sent, without an account. The link's
//! secret is the only key: it reaches one bid and nothing else, wrong
//! secrets are throttled per address, and every use is in the audit log.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use procura_domain::{Answer, RequirementKind};
use procura_i18n::MessageKey;
use procura_service::bids::{AnswerInput, PortalView, offer_name};

use crate::areas::evaluation::answers::{answer_choices, answers_of};
use crate::auth::now;
use crate::client::ClientAddress;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::time::day_of;
use crate::kit::uploads::Upload;
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
    typed: Option<&[AnswerInput]>,
    saved: bool,
    error: Option<WebError>,
) -> WebResult<Response> {
    let lang = context.lang;
    let tr = context.tr();
    let title = format!("{} — {}", tr.t("portal-title"), view.project_reference);
    let page = Page::new(state, context, "", title).await;
    let day = |at| day_of(at).to_string();
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
                kind: tr.t(&line.kind.message_key()),
                weight: if line.kind == RequirementKind::Award {
                    format!("{} %", line.weight)
                } else {
                    String::new()
                },
                text: line.text.get(lang).to_owned(),
                evidence: line.evidence.get(lang).to_owned(),
                answer_word: Answer::parse(&answer)
                    .map(|a| tr.t(&a.message_key()))
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
        offer: offer_name(&view.bid),
        expires: day(view.expires_at),
        submitted: view.submitted(),
        submitted_on: view.bid.submitted_at.map(day).unwrap_or_default(),
        rows,
        answer_choices: answer_choices(context),
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
    Query(query): Query<SavedQuery>,
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
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let answers = answers_of(&form)?;
    let submit = form.get("action") == "submit";
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
    let upload = Upload::read(multipart).await?;
    let code = upload.field("code").to_owned();
    let (name, bytes) = upload.into_file()?;
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
