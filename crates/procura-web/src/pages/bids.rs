//! The evaluation of a project's bids: the scoring rules, the bids and
//! their ranking, the requirements × bids grid, the evaluation report;
//! and each bid's page, where evaluators import or enter its answers,
//! override a score with a justification, issue portal links and award.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use procura_docs::evaluation::{evaluation_docx, evaluation_pdf, evaluation_xlsx};
use procura_docs::tender::XLSX_CONTENT_TYPE;
use procura_domain::{Answer, BidId, BidStatus, Lang, ProjectId, RequirementKind};
use procura_service::bids::{
    AnswerInput, BidView, CertificationInput, CommitmentInput, EvaluationView, RulesInput,
    evaluation_doc, offer_name,
};
use serde::Deserialize;

use super::projects::{
    attachment, field, fields, fixable, message, pairs, project_id, read_upload,
};
use super::tender::document_lang;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub(crate) fn bid_id(id: &str) -> WebResult<BidId> {
    BidId::parse(id).ok_or_else(WebError::not_found)
}

fn today() -> String {
    procura_domain::Day::from_unix_millis(now().millis()).to_string()
}

/// How a cell of the grid reads: a word, a symbol and a class for the
/// colour, so that colour is never the only cue.
pub struct Cell {
    pub label: String,
    pub symbol: &'static str,
    pub class: &'static str,
    pub title: String,
}

pub struct GridRow {
    pub code: String,
    pub kind: String,
    pub weight: String,
    pub text: String,
    pub cells: Vec<Cell>,
}

pub struct BidRow {
    pub id: String,
    pub supplier: String,
    pub offer: String,
    pub status: String,
    pub eligible: bool,
    pub score: String,
    pub rank: String,
    pub answered: usize,
    pub outdated: bool,
    pub source: String,
    pub reasons: Vec<String>,
}

pub struct Download {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "bids.html")]
pub struct EvaluationPage {
    pub page: Page,
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub can_evaluate: bool,
    pub requirements: usize,
    pub bids: Vec<BidRow>,
    pub columns: Vec<String>,
    pub grid: Vec<GridRow>,
    pub only_eligible: bool,
    pub differences: bool,
    pub suppliers: Vec<String>,
    pub rules_version: i64,
    pub partial_fails: bool,
    pub credit_yes: u32,
    pub credit_partial: u32,
    pub credit_no: u32,
    pub downloads: Vec<Download>,
    pub commitments: Vec<(String, String)>,
    pub error: Option<String>,
    pub problems: Vec<String>,
}

pub(crate) fn answer_word(context: &RequestContext, answer: Option<Answer>) -> String {
    match answer {
        Some(answer) => context.tr().t(&format!("tender-answer-{}", answer.id())),
        None => context.tr().t("bids-no-answer"),
    }
}

/// The four answers as the forms offer them: id and word.
pub(crate) fn answer_choices(context: &RequestContext) -> Vec<(String, String)> {
    Answer::ALL
        .iter()
        .map(|a| (a.id().to_owned(), answer_word(context, Some(*a))))
        .collect()
}

fn status_name(context: &RequestContext, status: BidStatus) -> String {
    context.tr().t(&format!("bids-status-{}", status.id()))
}

fn cell(context: &RequestContext, view: &BidView, index: usize) -> Cell {
    let Some(line) = view.score.lines.get(index) else {
        return Cell {
            label: String::new(),
            symbol: "",
            class: "cell-none",
            title: String::new(),
        };
    };
    let word = answer_word(context, line.answer);
    let overridden = if line.overridden { " *" } else { "" };
    let (symbol, class) = match (line.kind, line.met, line.credit) {
        (RequirementKind::Award, _, None) => ("–", "cell-none"),
        (RequirementKind::Award, _, Some(100)) => ("✓", "cell-met"),
        (RequirementKind::Award, _, Some(0)) => ("✗", "cell-unmet"),
        (RequirementKind::Award, _, Some(_)) => ("~", "cell-partial"),
        (_, true, _) if line.answer == Some(Answer::Partial) => ("~", "cell-partial"),
        (_, true, _) => ("✓", "cell-met"),
        (_, false, _) => ("✗", "cell-unmet"),
    };
    let label = match line.credit {
        Some(credit) => format!("{word} · {credit} %{overridden}"),
        None => format!("{word}{overridden}"),
    };
    let title = view
        .answers
        .get(&line.code)
        .map(|a| a.comment.clone())
        .unwrap_or_default();
    Cell {
        label,
        symbol,
        class,
        title,
    }
}

fn bid_row(context: &RequestContext, view: &BidView) -> BidRow {
    let tr = context.tr();
    BidRow {
        id: view.bid.id.to_string(),
        supplier: view.bid.supplier_name.clone(),
        offer: offer_name(&view.bid),
        status: status_name(context, view.bid.status),
        eligible: view.score.eligible,
        score: if view.score.scored {
            view.score.score_text()
        } else {
            "—".to_owned()
        },
        rank: view.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
        answered: view
            .answers
            .values()
            .filter(|answer| answer.answer.is_some())
            .count(),
        outdated: view.outdated,
        source: view
            .bid
            .source
            .as_deref()
            .map(|source| tr.t(&format!("bids-source-{source}")))
            .unwrap_or_default(),
        reasons: view
            .score
            .ineligible
            .iter()
            .map(|reason| {
                tr.with(
                    if reason.overridden {
                        "bids-reason-overridden"
                    } else {
                        "bids-reason"
                    },
                    &[
                        ("code", reason.code.to_string().into()),
                        ("answer", answer_word(context, reason.answer).into()),
                    ],
                )
            })
            .collect(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct GridQuery {
    eligible: Option<String>,
    differences: Option<String>,
}

async fn render_evaluation(
    state: &AppState,
    context: &RequestContext,
    view: &EvaluationView,
    query: &GridQuery,
    error: Option<WebError>,
) -> WebResult<Response> {
    let lang = context.lang;
    let tr = context.tr();
    let principal = context.principal()?;
    let project = &view.tender.project;
    let title = format!("{} — {}", tr.t("bids-page-title"), project.reference);
    let page = Page::new(state, context, "projects", title).await;
    let only_eligible = query.eligible.as_deref() == Some("1");
    let differences = query.differences.as_deref() == Some("1");
    let shown: Vec<&BidView> = view
        .ranked()
        .into_iter()
        .filter(|bid| !only_eligible || bid.score.eligible)
        .collect();
    let grid = view
        .criteria
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let cells: Vec<Cell> = shown.iter().map(|bid| cell(context, bid, index)).collect();
            let same = cells.windows(2).all(|pair| pair[0].label == pair[1].label);
            if differences && same {
                return None;
            }
            Some(GridRow {
                code: line.code.to_string(),
                kind: tr.t(&format!("tender-kind-{}", line.kind.id())),
                weight: if line.kind == RequirementKind::Award {
                    format!("{} %", line.weight)
                } else {
                    String::new()
                },
                text: line.text.get(lang).to_owned(),
                cells,
            })
        })
        .collect();
    let suppliers = state
        .services
        .suppliers(principal, now())
        .await?
        .into_iter()
        .map(|s| s.supplier.name)
        .collect();
    let id = project.id;
    let mut downloads = Vec::new();
    for doc_lang in [Lang::Fr, Lang::En] {
        for extension in ["docx", "pdf", "xlsx"] {
            downloads.push(Download {
                href: format!(
                    "/projects/{id}/evaluation/report.{extension}?lang={}",
                    doc_lang.code()
                ),
                label: tr.with(
                    "bids-download-report",
                    &[
                        ("format", extension.to_uppercase().into()),
                        ("lang", doc_lang.code().to_uppercase().into()),
                    ],
                ),
            });
        }
    }
    let commitments = view
        .commitments
        .as_ref()
        .and_then(|c| {
            view.bid(c.bid_id)
                .map(|b| commitment_lines(context, &b.bid, c))
        })
        .unwrap_or_default();
    let status = error.as_ref().map(|e| e.status);
    let template = EvaluationPage {
        project_id: id.to_string(),
        reference: project.reference.clone(),
        project_title: project.title.clone(),
        can_evaluate: view.can_evaluate,
        requirements: view.criteria.len(),
        bids: view
            .ranked()
            .into_iter()
            .map(|b| bid_row(context, b))
            .collect(),
        columns: shown
            .iter()
            .map(|bid| bid.bid.supplier_name.clone())
            .collect(),
        grid,
        only_eligible,
        differences,
        suppliers,
        rules_version: view.rules_version,
        partial_fails: view.rules.partial_fails_eligibility,
        credit_yes: view.rules.yes,
        credit_partial: view.rules.partial,
        credit_no: view.rules.no,
        downloads,
        commitments,
        problems: error
            .as_ref()
            .map(|e| e.problems.iter().map(|p| p.message(lang)).collect())
            .unwrap_or_default(),
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(status, &template)
}

/// The awarded supplier's commitments as label and value lines.
pub(crate) fn commitment_lines(
    context: &RequestContext,
    bid: &procura_service::BidRecord,
    c: &procura_service::CommitmentRecord,
) -> Vec<(String, String)> {
    let tr = context.tr();
    let mut lines = vec![
        (
            tr.t("bids-awarded-to"),
            format!("{} — {}", bid.supplier_name, offer_name(bid)),
        ),
        (
            tr.t("bids-support-end"),
            c.support_end.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            tr.t("bids-patch-delay"),
            c.patch_delay_days
                .map(|d| tr.with("bids-days", &[("days", i64::from(d).into())]))
                .unwrap_or_default(),
        ),
        (tr.t("bids-remote-access"), c.remote_access.clone()),
    ];
    for certification in &c.certifications {
        lines.push((
            tr.t("bids-certification"),
            format!(
                "{}{}{}",
                certification.name,
                if certification.scope.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", certification.scope)
                },
                certification
                    .expires_on
                    .map(|d| format!(" — {} {d}", tr.t("bids-until")))
                    .unwrap_or_default()
            ),
        ));
    }
    lines
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    Query(query): Query<GridQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state
        .services
        .evaluation(principal, state.catalog, project_id(&id)?)
        .await?;
    render_evaluation(&state, &context, &view, &query, None).await
}

/// Shows the evaluation again with the error of a refused form.
async fn evaluation_error(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    error: WebError,
) -> WebResult<Response> {
    if !fixable(&error) {
        return Err(error);
    }
    let principal = context.principal()?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    render_evaluation(state, context, &view, &GridQuery::default(), Some(error)).await
}

pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    match state
        .services
        .add_bid(
            principal,
            id,
            field(&form, "supplier"),
            field(&form, "offer"),
            field(&form, "product_version"),
            now(),
        )
        .await
    {
        Ok(bid) => Ok(redirect(&format!("/bids/{}", bid.id))),
        Err(error) => evaluation_error(&state, &context, id, error.into()).await,
    }
}

pub async fn rules(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    let version = super::tender::version(&form)?;
    let input = RulesInput {
        partial_fails_eligibility: field(&form, "partial_fails") == "on",
        yes: field(&form, "yes").to_owned(),
        partial: field(&form, "partial").to_owned(),
        no: field(&form, "no").to_owned(),
    };
    match state
        .services
        .save_scoring_rules(principal, id, version, &input, now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}/bids"))),
        Err(error) => evaluation_error(&state, &context, id, error.into()).await,
    }
}

/// `report.docx`, `report.pdf` or `report.xlsx`.
pub async fn report(
    State(state): State<AppState>,
    context: RequestContext,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<super::tender::LangQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let lang = document_lang(query.lang.as_deref(), context.lang)?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    report_file(&view, lang, &file)
}

/// The report in the format `file` names.
pub(crate) fn report_file(view: &EvaluationView, lang: Lang, file: &str) -> WebResult<Response> {
    let doc = evaluation_doc(view, lang, &today());
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "evaluation report");
        WebError::internal()
    };
    let reference = view.tender.project.reference.replace('/', "-");
    let name = |extension: &str| {
        format!(
            "{reference}-{}-{}.{extension}",
            if lang == Lang::Fr {
                "analyse-securite-offres"
            } else {
                "security-bid-evaluation"
            },
            lang.code()
        )
    };
    match file {
        "report.docx" => attachment(
            evaluation_docx(&doc).map_err(failed)?,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            &name("docx"),
        ),
        "report.pdf" => attachment(
            evaluation_pdf(&doc).map_err(failed)?,
            "application/pdf",
            &name("pdf"),
        ),
        "report.xlsx" => attachment(
            evaluation_xlsx(&doc).map_err(failed)?,
            XLSX_CONTENT_TYPE,
            &name("xlsx"),
        ),
        _ => Err(WebError::not_found()),
    }
}

// ---------------------------------------------------------------- one bid

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

fn date_of(at: procura_domain::Timestamp) -> String {
    procura_domain::Day::from_unix_millis(at.millis()).to_string()
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
    let certifications = supplier
        .supplier
        .certifications
        .iter()
        .map(|c| {
            format!(
                "{} | {} | {}",
                c.name,
                c.scope,
                c.expires_on.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
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
                created: date_of(link.created_at),
                expires: date_of(link.expires_at),
                last_used: link.last_used_at.map(date_of).unwrap_or_default(),
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
    Path(id): Path<String>,
) -> WebResult<Response> {
    render_bid(&state, &context, bid_id(&id)?, None, None).await
}

pub async fn import(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    multipart: Multipart,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = bid_id(&id)?;
    let result = match read_upload(multipart).await {
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

/// More answer lines than any tender has requirements: the form is forged.
const MAX_ANSWER_LINES: usize = 2_000;

/// The answers a bid form carries: one `line` per requirement. The form is
/// indexed once, so a forged form costs time in proportion to its size.
pub(crate) fn answers_of(form: &[(String, String)]) -> WebResult<Vec<AnswerInput>> {
    let lines = fields(form, "line");
    if lines.len() > MAX_ANSWER_LINES {
        return Err(WebError::bad_request("error-malformed-form"));
    }
    let mut by_name: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (name, value) in form {
        by_name.entry(name.as_str()).or_insert(value.as_str());
    }
    let get = |prefix: &str, code: &str| {
        by_name
            .get(format!("{prefix}-{code}").as_str())
            .map_or_else(String::new, |value| (*value).to_owned())
    };
    Ok(lines
        .into_iter()
        .map(|code| AnswerInput {
            code: code.to_owned(),
            answer: get("answer", code),
            comment: get("comment", code),
            evidence_ref: get("ref", code),
        })
        .collect())
}

pub async fn answers(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = bid_id(&id)?;
    let form = pairs(&body);
    let version = super::tender::version(&form)?;
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
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = bid_id(&id)?;
    let form = pairs(&body);
    let score = match (field(&form, "action"), field(&form, "score").trim()) {
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
            field(&form, "code"),
            score,
            field(&form, "justification"),
            now(),
        )
        .await
        .map_err(WebError::from);
    bid_result(&state, &context, id, result).await
}

pub async fn issue_link(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = bid_id(&id)?;
    let form = pairs(&body);
    let days = match field(&form, "days").trim() {
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
    Path((id, link)): Path<(String, String)>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = bid_id(&id)?;
    let result = state
        .services
        .revoke_portal_link(principal, state.catalog, id, &link, now())
        .await
        .map_err(WebError::from);
    bid_result(&state, &context, id, result).await
}

/// Certifications typed one per line: `name | scope | YYYY-MM-DD`.
pub(crate) fn certification_lines(text: &str) -> Vec<CertificationInput> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut parts = line.split('|').map(str::trim);
            CertificationInput {
                name: parts.next().unwrap_or_default().to_owned(),
                scope: parts.next().unwrap_or_default().to_owned(),
                expires_on: parts.next().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

pub async fn award(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = bid_id(&id)?;
    let form = pairs(&body);
    let version = super::tender::version(&form)?;
    let input = CommitmentInput {
        support_end: field(&form, "support_end").to_owned(),
        patch_delay_days: field(&form, "patch_delay_days").to_owned(),
        remote_access: field(&form, "remote_access").to_owned(),
        certifications: certification_lines(field(&form, "certifications")),
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
    Path((id, file)): Path<(String, String)>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let (record, bytes) = state
        .services
        .bid_file(principal, state.catalog, bid_id(&id)?, &file)
        .await?;
    attachment(bytes, &record.content_type, &record.name)
}
