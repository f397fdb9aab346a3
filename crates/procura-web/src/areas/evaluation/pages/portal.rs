//! The supplier portal: a bidder answers the security questionnaire in the
//! browser through the link the buyer sent, without an account. The link's
//! secret is the only key: it reaches one bid and nothing else, wrong
//! secrets are throttled per address, and every use is in the audit log.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use procura_domain::{Answer, RequirementKind};
use procura_i18n::MessageKey;
use procura_service::bids::{AnswerInput, PortalRefusal, PortalView, offer_name};

use crate::areas::evaluation::answers::{answer_choices, answers_of};
use crate::auth::now;
use crate::client::ClientAddress;
use crate::error::{WebError, WebResult};
use crate::kit::downloads::attachment;
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::lang::LangQuery;
use crate::kit::time::{day_of, day_text, moment};
use crate::kit::uploads::Upload;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct PortalRow {
    pub code: String,
    pub title: String,
    /// A modification of the DCE changed it since the supplier answered.
    pub changed: bool,
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
    /// Each modification of the DCE since the supplier answered, in words.
    pub modifications: Vec<String>,
    /// The latest receipt: number, moment, SHA-256.
    pub receipt: Option<(String, String, String)>,
}

/// The summary a supplier confirms before its answers become final.
#[derive(Template)]
#[template(path = "portal_review.html")]
pub struct ReviewPage {
    pub page: Page,
    pub token: String,
    pub organisation: String,
    pub reference: String,
    pub project_title: String,
    pub supplier: String,
    pub version: i64,
    /// The answers grouped by kind: the kind's name and its rows.
    pub groups: Vec<(String, Vec<PortalRow>)>,
    pub files: Vec<(String, String)>,
    pub unanswered: Vec<String>,
    pub summary: String,
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
    let day = |at| day_text(lang, day_of(at));
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
                title: line.title.get(lang).to_owned(),
                changed: view.changed.contains(&line.code),
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
        modifications: view
            .modifications
            .iter()
            .map(|m| {
                tr.with(
                    "portal-modification",
                    &[
                        ("number", m.number.into()),
                        ("date", day(m.published_at).into()),
                        ("reason", m.reason.clone().into()),
                    ],
                )
            })
            .collect(),
        receipt: view.receipts.last().map(|r| {
            (
                r.number.clone(),
                moment(lang, context.time_zone(), r.submitted_at),
                r.sha256.clone(),
            )
        }),
        page,
    };
    html_for(status, &template)
}

#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
    submitted: Option<String>,
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
        query.saved.is_some() || query.submitted.is_some(),
        None,
    )
    .await
}

/// After a refused form: the portal page again, with what was typed.
async fn refused(
    state: &AppState,
    context: &RequestContext,
    token: &str,
    address: &str,
    answers: Option<&[AnswerInput]>,
    error: WebError,
) -> WebResult<Response> {
    if !fixable(&error) && error.problems.is_empty() {
        return Err(error);
    }
    let view = state
        .services
        .portal(token, address, now())
        .await?
        .map_err(WebError::from)?;
    render(state, context, token, &view, answers, false, Some(error)).await
}

/// Where a saved form goes next: the summary to confirm, or the page.
fn after_save(token: &str, review: bool) -> Response {
    if review {
        redirect(&format!("/portal/{token}/review"))
    } else {
        redirect(&format!("/portal/{token}?saved=1"))
    }
}

/// The answer form without files: saves a draft, or checks the answers and
/// shows the summary to confirm (`review`; `submit` is read the same way).
pub async fn save(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let answers = answers_of(&form)?;
    let review = matches!(form.get("action"), "review" | "submit");
    let address = client.text();
    let result = keep(&state, &token, &address, &answers, review).await;
    answered(&state, &context, &token, &address, &answers, review, result).await
}

/// Saves the answers as a draft, or checks them as a submission needs and
/// keeps them for the summary.
async fn keep(
    state: &AppState,
    token: &str,
    address: &str,
    answers: &[AnswerInput],
    review: bool,
) -> Result<Result<PortalView, PortalRefusal>, procura_service::ServiceError> {
    if review {
        state
            .services
            .portal_review(token, address, answers, now())
            .await
    } else {
        state
            .services
            .portal_save(token, address, answers, now())
            .await
    }
}

/// Where a form goes once its answers are kept: the summary or the page;
/// refused, the page again with what was typed.
async fn answered(
    state: &AppState,
    context: &RequestContext,
    token: &str,
    address: &str,
    answers: &[AnswerInput],
    review: bool,
    result: Result<Result<PortalView, PortalRefusal>, procura_service::ServiceError>,
) -> WebResult<Response> {
    match result {
        Ok(Ok(_)) => Ok(after_save(token, review)),
        Ok(Err(refusal)) => Err(refusal.into()),
        Err(error) => refused(state, context, token, address, Some(answers), error.into()).await,
    }
}

/// The answer form with its file field: the answers typed are saved as a
/// draft with the file in one go, so choosing a file never loses them.
pub async fn answers(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    multipart: Multipart,
) -> WebResult<Response> {
    let address = client.text();
    let mut upload = Upload::read(multipart).await?;
    let form = upload.fields();
    let answers = answers_of(&form)?;
    let review = matches!(form.get("action"), "review" | "submit");
    let file = upload.take_file();
    if form.get("action") == "attach" && file.is_none() {
        let error = WebError::invalid("invalid-evidence-file");
        return refused(&state, &context, &token, &address, Some(&answers), error).await;
    }
    let result = match file {
        Some((name, bytes)) => {
            let code = form.get("code");
            match state
                .services
                .portal_attach(&token, &address, &answers, code, &name, bytes, now())
                .await
            {
                Ok(Ok(_)) if review => keep(&state, &token, &address, &answers, true).await,
                other => other,
            }
        }
        None => keep(&state, &token, &address, &answers, review).await,
    };
    answered(&state, &context, &token, &address, &answers, review, result).await
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
        Err(error) => refused(&state, &context, &token, &address, None, error.into()).await,
    }
}

/// The summary of the draft, by kind, with the files and what is still
/// unanswered, and the button that makes it final.
pub async fn review(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
) -> WebResult<Response> {
    let view = state
        .services
        .portal(&token, &client.text(), now())
        .await?
        .map_err(WebError::from)?;
    if view.submitted() {
        return Ok(redirect(&format!("/portal/{token}")));
    }
    let lang = context.lang;
    let tr = context.tr();
    let title = format!(
        "{} — {}",
        tr.t("portal-review-title"),
        view.project_reference
    );
    let page = Page::new(&state, &context, "", title).await;
    let mut groups: Vec<(String, Vec<PortalRow>)> = Vec::new();
    let mut unanswered = Vec::new();
    for kind in RequirementKind::ALL {
        let rows: Vec<PortalRow> = view
            .criteria
            .iter()
            .filter(|line| line.kind == kind)
            .map(|line| {
                let stored = view.answers.get(&line.code);
                let answer = stored.and_then(|a| a.answer);
                if answer.is_none() {
                    unanswered.push(line.code.to_string());
                }
                PortalRow {
                    code: line.code.to_string(),
                    title: line.title.get(lang).to_owned(),
                    changed: view.changed.contains(&line.code),
                    kind: tr.t(&line.kind.message_key()),
                    weight: String::new(),
                    text: String::new(),
                    evidence: String::new(),
                    answer: answer.map(|a| a.id().to_owned()).unwrap_or_default(),
                    answer_word: answer.map(|a| tr.t(&a.message_key())).unwrap_or_default(),
                    comment: stored.map(|a| a.comment.clone()).unwrap_or_default(),
                    evidence_ref: stored.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                }
            })
            .collect();
        if !rows.is_empty() {
            groups.push((tr.t(&kind.message_key()), rows));
        }
    }
    let answered = view.criteria.len() - unanswered.len();
    let template = ReviewPage {
        token: token.clone(),
        organisation: view.organisation.clone(),
        reference: view.project_reference.clone(),
        project_title: view.project_title.clone(),
        supplier: view.bid.supplier_name.clone(),
        version: view.bid.version,
        summary: tr.with(
            "portal-review-summary",
            &[
                ("answered", answered.into()),
                ("total", view.criteria.len().into()),
                ("files", view.files.len().into()),
            ],
        ),
        groups,
        files: view
            .files
            .iter()
            .map(|f| (f.name.clone(), f.code.clone()))
            .collect(),
        unanswered,
        page,
    };
    html_for(None, &template)
}

/// Makes the reviewed draft final and shows the receipt.
pub async fn submit(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let address = client.text();
    let version = form.version()?;
    match state
        .services
        .portal_submit(&token, &address, version, now())
        .await
    {
        Ok(Ok(_)) => Ok(redirect(&format!("/portal/{token}?submitted=1"))),
        Ok(Err(refusal)) => Err(refusal.into()),
        Err(error) => refused(&state, &context, &token, &address, None, error.into()).await,
    }
}

/// The latest receipt as PDF, in the language asked for.
pub async fn receipt_pdf(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    let lang = query.or(context.lang)?;
    let view = state
        .services
        .portal(&token, &client.text(), now())
        .await?
        .map_err(WebError::from)?;
    let receipt = view.receipts.last().ok_or_else(WebError::not_found)?;
    let doc = receipt_doc(&view, receipt, lang);
    let pdf = procura_docs::receipt_pdf(&doc).map_err(|_| WebError::internal())?;
    let name = procura_i18n::text(lang, "receipt-file-name");
    attachment(
        pdf,
        "application/pdf",
        &format!("{name}-{}.pdf", receipt.number),
    )
}

/// What the receipt PDF states, from the portal's view of the bid.
fn receipt_doc(
    view: &PortalView,
    receipt: &procura_service::bids::ReceiptRecord,
    lang: procura_domain::Lang,
) -> procura_docs::ReceiptDoc {
    let tr = crate::i18n::Tr(lang);
    procura_docs::ReceiptDoc {
        lang,
        organisation: view.organisation.clone(),
        reference: view.project_reference.clone(),
        project_title: view.project_title.clone(),
        supplier: view.bid.supplier_name.clone(),
        number: receipt.number.clone(),
        submitted_at: moment(
            lang,
            procura_domain::TimeZone::default(),
            receipt.submitted_at,
        ),
        publication: view.publication,
        sha256: receipt.sha256.clone(),
        answers: view
            .criteria
            .iter()
            .map(|line| {
                let word = view
                    .answers
                    .get(&line.code)
                    .and_then(|a| a.answer)
                    .map(|a| tr.t(&a.message_key()))
                    .unwrap_or_default();
                (line.code.to_string(), line.title.get(lang).to_owned(), word)
            })
            .collect(),
        files: view
            .files
            .iter()
            .map(|f| (f.name.clone(), f.sha256.clone()))
            .collect(),
    }
}
