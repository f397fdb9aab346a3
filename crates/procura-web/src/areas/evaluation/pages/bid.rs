//! One bid's page: its answers and their scores, the clauses it reserves,
//! the portal links issued for it, the files its supplier sent, and the
//! award; and its forms, whose refusals are shown on the page.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::Response;
use procura_domain::{BidId, BidStatus, RequirementKind};
use procura_i18n::MessageKey;
use procura_service::bids::CommitmentInput;

use crate::areas::evaluation::answers::{answer_choices, answers_of};
use crate::areas::evaluation::grid::{BidRow, Cell, bid_row, cell};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::certifications;
use crate::kit::downloads::attachment;
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::{Id, Segments};
use crate::kit::time::{day_of, day_text};
use crate::kit::uploads::Upload;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct AnswerRow {
    pub code: String,
    pub title: String,
    pub kind: String,
    pub weight: String,
    pub text: String,
    pub evidence: String,
    pub answer: String,
    pub comment: String,
    pub evidence_ref: String,
    pub cell: Cell,
    /// The evaluator's decision as shown: "3 / 4" for a graded award
    /// criterion, "100 %" otherwise.
    pub override_score: String,
    pub override_justification: String,
    /// A modification of the DCE changed this requirement after the
    /// supplier answered.
    pub changed: bool,
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
    /// The award criteria to grade, and the published scale.
    pub grades: Vec<super::grades::GradeRow>,
    pub scale: Vec<(String, String, String)>,
    pub to_grade: usize,
    pub reservations: Vec<String>,
    pub to_verify: Vec<String>,
    pub links: Vec<LinkRow>,
    pub new_link: Option<String>,
    pub files: Vec<FileRow>,
    pub certifications: String,
    pub error: Option<String>,
    pub problems: Vec<String>,
    /// Which publication the answers were given to, once the DCE changed.
    pub modification_note: Option<String>,
}

async fn render_bid(
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
        && !bid.bid.submitted_through_portal();
    let rows = view
        .criteria
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let answer = bid.answers.get(&line.code);
            let held = bid.overrides.get(&line.code);
            AnswerRow {
                code: line.code.to_string(),
                title: line.title.get(lang).to_owned(),
                kind: tr.t(&line.kind.message_key()),
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
                override_score: held
                    .map(|o| {
                        let max = view
                            .tender
                            .terms
                            .grading
                            .iter()
                            .map(|step| step.value)
                            .max()
                            .unwrap_or(0);
                        match procura_domain::score_grade(o.score, max) {
                            Some(grade) if line.kind == RequirementKind::Award => {
                                format!("{grade} / {max}")
                            }
                            _ => format!("{} %", o.score),
                        }
                    })
                    .unwrap_or_default(),
                override_justification: held.map(|o| o.justification.clone()).unwrap_or_default(),
                changed: bid.changed_since.contains(&line.code),
            }
        })
        .collect();
    let supplier = state
        .services
        .supplier(principal, bid.bid.supplier_id, now())
        .await?;
    let certifications =
        certifications::to_lines(supplier.certifications.iter().map(|c| &c.certification));
    let moment = now();
    let status = error.as_ref().map(|e| e.status);
    let modification_note = bid.outdated.then(|| {
        tr.with(
            "bid-modification-note",
            &[
                ("answered", bid.answered_publication.unwrap_or(0).into()),
                (
                    "current",
                    view.tender.published().map_or(0, |p| p.number).into(),
                ),
                ("count", bid.changed_since.len().into()),
            ],
        )
    });
    let template = BidPage {
        modification_note,
        project_id: view.tender.project.id.to_string(),
        reference: view.tender.project.reference.to_string(),
        bid: bid_row(context, bid),
        version: bid.bid.version,
        can_evaluate: view.can_evaluate,
        can_award: view.can_award
            && bid.score.eligible
            && !view.bids.iter().any(|b| b.bid.status == BidStatus::Awarded),
        editable,
        rows,
        answer_choices: answer_choices(context),
        grades: super::grades::rows(&view, id, lang),
        scale: super::grades::scale(&view, lang),
        to_grade: bid.score.to_grade.len(),
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
                created: day_text(lang, day_of(link.created_at)),
                expires: day_text(lang, day_of(link.expires_at)),
                last_used: link
                    .last_used_at
                    .map(|at| day_text(lang, day_of(at)))
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

async fn bid_result(
    state: &AppState,
    context: &RequestContext,
    id: BidId,
    result: Result<(), WebError>,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(redirect(&format!("/bids/{id}?done=saved"))),
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
    context.principal()?;
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
    rule(&state, &context, id, &form, score).await
}

/// Records an evaluator's ruling or grade (`score` `None` removes it) and
/// shows the bid again, with the refusal if any.
async fn rule(
    state: &AppState,
    context: &RequestContext,
    id: BidId,
    form: &Fields,
    score: Option<u32>,
) -> WebResult<Response> {
    let result = state
        .services
        .set_override(
            context.principal()?,
            state.catalog,
            id,
            form.get("code"),
            score,
            form.get("justification"),
            now(),
        )
        .await
        .map_err(WebError::from);
    bid_result(state, context, id, result).await
}

/// Grades one award criterion: a grade on the published scale, with its
/// justification; refused without one, or off the scale.
pub async fn grade(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<BidId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    context.principal()?;
    let Some(score) = super::grades::typed_score(&form) else {
        let error = WebError::invalid("invalid-grade");
        return bid_result(&state, &context, id, Err(error)).await;
    };
    rule(&state, &context, id, &form, Some(score)).await
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
