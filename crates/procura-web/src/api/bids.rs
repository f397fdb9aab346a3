//! Supplier evaluation over the API: the supplier register, bids, their
//! answers (imported questionnaire or entered), overrides, portal links,
//! scoring rules, the award and the evaluation report — the same use cases
//! as the pages.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_domain::SupplierId;
use procura_service::bids::{
    AnswerInput, BidView, CertificationInput, CommitmentInput, EvaluationView, RulesInput,
    SupplierInput, SupplierView,
};
use procura_service::{CertificationRecord, CommitmentRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::JsonBody;
use super::types::ErrorBody;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::pages::bids::bid_id;
use crate::pages::projects::project_id;
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, ToSchema, Default, Clone)]
pub struct Certification {
    pub name: String,
    #[serde(default)]
    pub scope: String,
    /// `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub expires_on: String,
    /// Past its expiry date (ignored on input).
    #[serde(default)]
    pub expired: bool,
}

fn certification(record: &CertificationRecord, expired: bool) -> Certification {
    Certification {
        name: record.name.clone(),
        scope: record.scope.clone(),
        expires_on: record.expires_on.map(|d| d.to_string()).unwrap_or_default(),
        expired,
    }
}

fn certification_inputs(list: &[Certification]) -> Vec<CertificationInput> {
    list.iter()
        .map(|c| CertificationInput {
            name: c.name.clone(),
            scope: c.scope.clone(),
            expires_on: c.expires_on.clone(),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Supplier {
    pub id: String,
    pub name: String,
    /// SIREN or SIRET, digits only.
    pub company_id: String,
    pub vat: String,
    pub contacts: String,
    pub certifications: Vec<Certification>,
    /// Projects it bid on that the caller sees: reference and bid status.
    pub projects: Vec<String>,
    pub version: i64,
}

fn supplier(view: &SupplierView) -> Supplier {
    let record = &view.supplier;
    Supplier {
        id: record.id.to_string(),
        name: record.name.clone(),
        company_id: record.company_id.clone(),
        vat: record.vat.clone(),
        contacts: record.contacts.clone(),
        certifications: record
            .certifications
            .iter()
            .zip(view.expired.iter().chain(std::iter::repeat(&false)))
            .map(|(c, expired)| certification(c, *expired))
            .collect(),
        projects: view
            .projects
            .iter()
            .map(|(_, reference, _, status)| format!("{reference} ({})", status.id()))
            .collect(),
        version: record.version,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SupplierBody {
    pub name: String,
    #[serde(default)]
    pub company_id: String,
    #[serde(default)]
    pub vat: String,
    #[serde(default)]
    pub contacts: String,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// The version read, for an update.
    #[serde(default)]
    pub version: i64,
}

impl SupplierBody {
    fn input(&self) -> SupplierInput {
        SupplierInput {
            name: self.name.clone(),
            company_id: self.company_id.clone(),
            vat: self.vat.clone(),
            contacts: self.contacts.clone(),
            certifications: certification_inputs(&self.certifications),
        }
    }
}

fn supplier_id(id: &str) -> WebResult<SupplierId> {
    SupplierId::parse(id).ok_or_else(WebError::not_found)
}

/// The organisation's supplier register.
#[utoipa::path(get, path = "/api/v1/suppliers", tag = "evaluation",
    responses((status = 200, body = Vec<Supplier>)))]
pub async fn suppliers(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<Supplier>>> {
    let list = state
        .services
        .suppliers(context.principal()?, now())
        .await?;
    Ok(Json(list.iter().map(supplier).collect()))
}

/// Adds a company to the register (buyers, CIO, CISO, administrators).
#[utoipa::path(post, path = "/api/v1/suppliers", tag = "evaluation", request_body = SupplierBody,
    responses((status = 201, body = Supplier), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_supplier(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<SupplierBody>,
) -> WebResult<(StatusCode, Json<Supplier>)> {
    let principal = context.principal()?;
    let created = state
        .services
        .create_supplier(principal, &body.input(), now())
        .await?;
    let view = state
        .services
        .supplier(principal, created.id, now())
        .await?;
    Ok((StatusCode::CREATED, Json(supplier(&view))))
}

#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "evaluation",
    params(("id" = String, Path, description = "Supplier id")),
    responses((status = 200, body = Supplier), (status = 404, body = ErrorBody)))]
pub async fn show_supplier(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Json<Supplier>> {
    let view = state
        .services
        .supplier(context.principal()?, supplier_id(&id)?, now())
        .await?;
    Ok(Json(supplier(&view)))
}

/// Saves a supplier if nobody changed it since `version`.
#[utoipa::path(put, path = "/api/v1/suppliers/{id}", tag = "evaluation", request_body = SupplierBody,
    params(("id" = String, Path, description = "Supplier id")),
    responses((status = 200, body = Supplier), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_supplier(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SupplierBody>,
) -> WebResult<Json<Supplier>> {
    let principal = context.principal()?;
    let id = supplier_id(&id)?;
    state
        .services
        .update_supplier(principal, id, body.version, &body.input(), now())
        .await?;
    let view = state.services.supplier(principal, id, now()).await?;
    Ok(Json(supplier(&view)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Line {
    pub code: String,
    /// eligibility, award or clause.
    pub kind: String,
    pub weight: u32,
    /// yes, partial, no, not-applicable, or null.
    pub answer: Option<String>,
    pub comment: String,
    pub evidence_ref: String,
    /// Percent of the weight earned (award requirements that count).
    pub credit: Option<u32>,
    pub met: bool,
    pub overridden: bool,
    pub override_justification: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Bid {
    pub id: String,
    pub supplier: String,
    pub supplier_id: String,
    pub offer: String,
    pub product_version: String,
    /// pending, submitted or awarded.
    pub status: String,
    /// import, portal or manual.
    pub source: Option<String>,
    pub eligible: bool,
    /// Requirement codes that exclude the bid.
    pub ineligible: Vec<String>,
    /// Clauses refused or left unanswered.
    pub reservations: Vec<String>,
    /// Eligibility requirements answered "not applicable" that no evaluator
    /// has ruled on (by an override); the award waits for them.
    pub to_verify: Vec<String>,
    /// Out of 100, one decimal.
    pub score: f64,
    pub scored: bool,
    pub rank: Option<u32>,
    pub unanswered: usize,
    /// Answered against another version of the requirement list.
    pub outdated: bool,
    pub version: i64,
    pub lines: Vec<Line>,
}

fn bid(view: &BidView) -> Bid {
    let record = &view.bid;
    Bid {
        id: record.id.to_string(),
        supplier: record.supplier_name.clone(),
        supplier_id: record.supplier_id.to_string(),
        offer: record.offer.clone(),
        product_version: record.product_version.clone(),
        status: record.status.id().to_owned(),
        source: record.source.clone(),
        eligible: view.score.eligible,
        ineligible: view
            .score
            .ineligible
            .iter()
            .map(|i| i.code.to_string())
            .collect(),
        reservations: view
            .score
            .reservations
            .iter()
            .map(|c| c.to_string())
            .collect(),
        to_verify: view.score.to_verify.iter().map(|c| c.to_string()).collect(),
        score: f64::from(view.score.score_tenths) / 10.0,
        scored: view.score.scored,
        rank: view.rank,
        unanswered: view.score.unanswered,
        outdated: view.outdated,
        version: record.version,
        lines: view
            .score
            .lines
            .iter()
            .map(|line| {
                let answer = view.answers.get(&line.code);
                Line {
                    code: line.code.to_string(),
                    kind: line.kind.id().to_owned(),
                    weight: line.weight,
                    answer: line.answer.map(|a| a.id().to_owned()),
                    comment: answer.map(|a| a.comment.clone()).unwrap_or_default(),
                    evidence_ref: answer.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                    credit: line.credit,
                    met: line.met,
                    overridden: line.overridden,
                    override_justification: view
                        .overrides
                        .get(&line.code)
                        .map(|o| o.justification.clone()),
                }
            })
            .collect(),
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Rules {
    pub partial_fails_eligibility: bool,
    pub yes: u32,
    pub partial: u32,
    pub no: u32,
    /// 0 while the defaults apply.
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Commitments {
    pub bid: String,
    pub support_end: Option<String>,
    pub patch_delay_days: Option<u32>,
    pub remote_access: String,
    pub certifications: Vec<Certification>,
}

fn commitments(record: &CommitmentRecord) -> Commitments {
    Commitments {
        bid: record.bid_id.to_string(),
        support_end: record.support_end.map(|d| d.to_string()),
        patch_delay_days: record.patch_delay_days,
        remote_access: record.remote_access.clone(),
        certifications: record
            .certifications
            .iter()
            .map(|c| certification(c, false))
            .collect(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Evaluation {
    pub project: String,
    /// The requirement selection's version answers are checked against.
    pub tender_version: i64,
    pub requirements: usize,
    pub rules: Rules,
    /// By rank, then the ineligible bids.
    pub bids: Vec<Bid>,
    pub commitments: Option<Commitments>,
}

fn evaluation(view: &EvaluationView) -> Evaluation {
    Evaluation {
        project: view.tender.project.id.to_string(),
        tender_version: view.tender.version,
        requirements: view.criteria.len(),
        rules: Rules {
            partial_fails_eligibility: view.rules.partial_fails_eligibility,
            yes: view.rules.yes,
            partial: view.rules.partial,
            no: view.rules.no,
            version: view.rules_version,
        },
        bids: view.ranked().into_iter().map(bid).collect(),
        commitments: view.commitments.as_ref().map(commitments),
    }
}

/// A project's bids with their eligibility, score and rank.
#[utoipa::path(get, path = "/api/v1/projects/{id}/bids", tag = "evaluation",
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Evaluation), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Json<Evaluation>> {
    let view = state
        .services
        .evaluation(context.principal()?, state.catalog, project_id(&id)?)
        .await?;
    Ok(Json(evaluation(&view)))
}

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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NewBid>,
) -> WebResult<(StatusCode, Json<Bid>)> {
    let principal = context.principal()?;
    let created = state
        .services
        .add_bid(
            principal,
            project_id(&id)?,
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

async fn one(
    state: &AppState,
    context: &RequestContext,
    id: procura_domain::BidId,
) -> WebResult<Json<Bid>> {
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
    Path(id): Path<String>,
) -> WebResult<Json<Bid>> {
    one(&state, &context, bid_id(&id)?).await
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
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> WebResult<Json<Bid>> {
    // A body past the upload limit is refused in the API's error shape,
    // as the 413 above declares, not as axum's plain-text rejection.
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "error-too-large",
            )
        } else {
            WebError::bad_request("error-malformed-upload").with("detail", rejection.body_text())
        }
    })?;
    let id = bid_id(&id)?;
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AnswersBody>,
) -> WebResult<Json<Bid>> {
    let id = bid_id(&id)?;
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
    /// Percent of the requirement's weight, 0 to 100.
    pub score: u32,
    pub justification: String,
}

/// Overrides one requirement's score, with a justification (audit-logged).
#[utoipa::path(put, path = "/api/v1/bids/{id}/overrides/{code}", tag = "evaluation", request_body = OverrideBody,
    params(("id" = String, Path, description = "Bid id"), ("code" = String, Path, description = "Requirement code")),
    responses((status = 200, body = Bid), (status = 422, body = ErrorBody)))]
pub async fn set_override(
    State(state): State<AppState>,
    context: RequestContext,
    Path((id, code)): Path<(String, String)>,
    JsonBody(body): JsonBody<OverrideBody>,
) -> WebResult<Json<Bid>> {
    let id = bid_id(&id)?;
    state
        .services
        .set_override(
            context.principal()?,
            state.catalog,
            id,
            &code,
            Some(body.score),
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
    Path((id, code)): Path<(String, String)>,
) -> WebResult<Json<Bid>> {
    let id = bid_id(&id)?;
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PortalLinkBody>,
) -> WebResult<(StatusCode, Json<NewLink>)> {
    let (link, secret) = state
        .services
        .issue_portal_link(
            context.principal()?,
            state.catalog,
            bid_id(&id)?,
            body.days,
            now(),
        )
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
    Path((id, link)): Path<(String, String)>,
) -> WebResult<StatusCode> {
    state
        .services
        .revoke_portal_link(
            context.principal()?,
            state.catalog,
            bid_id(&id)?,
            &link,
            now(),
        )
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
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AwardBody>,
) -> WebResult<Json<Commitments>> {
    let input = CommitmentInput {
        support_end: body.support_end.clone(),
        patch_delay_days: body
            .patch_delay_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        remote_access: body.remote_access.clone(),
        certifications: certification_inputs(&body.certifications),
    };
    let record = state
        .services
        .award(
            context.principal()?,
            state.catalog,
            bid_id(&id)?,
            body.version,
            &input,
            now(),
        )
        .await?;
    Ok(Json(commitments(&record)))
}

/// Sets the project's scoring rules if nobody changed them since `version`.
#[utoipa::path(put, path = "/api/v1/projects/{id}/scoring-rules", tag = "evaluation", request_body = Rules,
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Evaluation), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rules(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<Rules>,
) -> WebResult<Json<Evaluation>> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let input = RulesInput {
        partial_fails_eligibility: body.partial_fails_eligibility,
        yes: body.yes.to_string(),
        partial: body.partial.to_string(),
        no: body.no.to_string(),
    };
    state
        .services
        .save_scoring_rules(principal, id, body.version, &input, now())
        .await?;
    let view = state
        .services
        .evaluation(principal, state.catalog, id)
        .await?;
    Ok(Json(evaluation(&view)))
}

/// The evaluation report: `report.docx`, `report.pdf` or `report.xlsx`.
#[utoipa::path(get, path = "/api/v1/projects/{id}/evaluation/{file}", tag = "evaluation",
    params(("id" = String, Path, description = "Project id"), ("file" = String, Path, description = "report.docx, report.pdf or report.xlsx"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The document"), (status = 404, body = ErrorBody)))]
pub async fn report(
    state: State<AppState>,
    context: RequestContext,
    path: Path<(String, String)>,
    query: Query<crate::pages::tender::LangQuery>,
) -> WebResult<Response> {
    crate::pages::bids::report(state, context, path, query).await
}
