//! A project's requirement selection over the API, and the annex and
//! questionnaire made from it.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use procura_docs::tender::{AnnexFormat, questionnaire_xlsx, render_annex};
use procura_domain::ProjectId;
use procura_service::tender::{GradeChange, LineChange, TenderEdit, TermsChange};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::areas::tender::annex::project_annex;
use crate::areas::tender::wire::{Selection, selection};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::downloads::{self, attachment};
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::kit::lang::{LangQuery, document_lang};
use crate::render::RequestContext;
use crate::state::AppState;

/// The project's requirement selection (the proposal until first saved).
#[utoipa::path(get, path = "/api/v1/projects/{id}/tender", tag = "tender", params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Selection), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
) -> WebResult<Json<Selection>> {
    let principal = context.principal()?;
    let view = state.services.tender(principal, state.catalog, id).await?;
    Ok(Json(selection(&view)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineBody {
    pub id: String,
    pub included: bool,
    pub kind: String,
    #[serde(default)]
    pub weight: u32,
    /// A clause's penalty in euros excluding VAT; left out: the library's
    /// (or the amount saved before).
    pub penalty: Option<u32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelectionBody {
    /// The version last read.
    pub version: i64,
    /// Re-weight the included award criteria to 100 % in proportion first.
    #[serde(default)]
    pub spread: bool,
    /// The lines to change; the others keep their values.
    #[serde(default)]
    pub lines: Vec<LineBody>,
    /// Own requirements (`REQ-ORG-…`) to add to the selection.
    #[serde(default)]
    pub add: Vec<String>,
    /// The lot the documents belong to; empty for a single lot. With
    /// `penalty_cap`, left out keeps the saved terms.
    pub lot: Option<String>,
    /// The cap on the security penalties, percent of the contract's amount.
    pub penalty_cap: Option<u32>,
    /// The grading scale the RC publishes: one step for each grade of the
    /// library's scale (0 to 4), with texts in French and English.
    pub grading: Option<Vec<GradeBody>>,
    /// Once the DCE is published: the reason of this modification of the
    /// DCE. Without it a published tender refuses the save (409,
    /// `tender_published`).
    pub modification: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBody {
    pub grade: u32,
    pub label: crate::areas::tender::wire::Texts,
    pub descriptor: crate::areas::tender::wire::Texts,
}

/// Saves changes to the selection. Award weights that do not total 100 %
/// are refused (422, code `weights`) and nothing is saved. Once the DCE is
/// published, a save without `modification` is refused (409,
/// `tender_published`); with it, the change is the next publication.
#[utoipa::path(put, path = "/api/v1/projects/{id}/tender", tag = "tender", request_body = SelectionBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Selection), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<SelectionBody>,
) -> WebResult<Json<Selection>> {
    let principal = context.principal()?;
    let changes: Vec<LineChange> = body
        .lines
        .iter()
        .map(|line| LineChange {
            code: line.id.clone(),
            included: line.included,
            kind: line.kind.clone(),
            weight: line.weight.to_string(),
            penalty: line
                .penalty
                .map(|amount| amount.to_string())
                .unwrap_or_default(),
        })
        .collect();
    let terms =
        (body.lot.is_some() || body.penalty_cap.is_some() || body.grading.is_some()).then(|| {
            TermsChange {
                lot: body.lot.clone(),
                penalty_cap: body.penalty_cap.map(|cap| cap.to_string()),
                grading: body
                    .grading
                    .iter()
                    .flatten()
                    .map(|step| GradeChange {
                        grade: step.grade,
                        label_fr: step.label.fr.clone(),
                        label_en: step.label.en.clone(),
                        descriptor_fr: step.descriptor.fr.clone(),
                        descriptor_en: step.descriptor.en.clone(),
                    })
                    .collect(),
            }
        });
    let view = state
        .services
        .save_tender(
            principal,
            state.catalog,
            id,
            body.version,
            &TenderEdit {
                adds: &body.add,
                changes: &changes,
                spread: body.spread,
                terms: terms.as_ref(),
                modification: body.modification.as_deref(),
            },
            now(),
        )
        .await?;
    Ok(Json(selection(&view)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishBody {
    /// The version last read.
    pub version: i64,
}

/// Publishes the tender: the DCE goes out and the selection is frozen as
/// publication 1. Refused while the award weights do not total 100 %.
#[utoipa::path(post, path = "/api/v1/projects/{id}/tender/publish", tag = "tender", request_body = PublishBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Selection), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    JsonBody(body): JsonBody<PublishBody>,
) -> WebResult<Json<Selection>> {
    let principal = context.principal()?;
    let view = state
        .services
        .publish_tender(principal, state.catalog, id, body.version, now())
        .await?;
    Ok(Json(selection(&view)))
}

#[derive(Debug, Deserialize)]
pub struct AnnexQuery {
    format: Option<String>,
    lang: Option<String>,
}

/// The tender security annex as `docx` (default), `pdf`, `md` or `html`.
#[utoipa::path(get, path = "/api/v1/projects/{id}/tender/annex", tag = "tender",
    params(("id" = String, Path, description = "Project id"), ("format" = Option<String>, Query, description = "docx (default), pdf, md or html"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The annex"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn annex(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<AnnexQuery>,
) -> WebResult<Response> {
    let format = match query.format.as_deref() {
        None | Some("") => AnnexFormat::Docx,
        Some(value) => {
            AnnexFormat::parse(value).ok_or_else(|| WebError::invalid("invalid-format"))?
        }
    };
    let lang = document_lang(query.lang.as_deref(), context.lang)?;
    let (annex, reference) = project_annex(&state, &context, id, lang).await?;
    let bytes = render_annex(&annex, format).map_err(|error| {
        tracing::error!(%error, "annex");
        WebError::internal()
    })?;
    attachment(
        bytes,
        format.content_type(),
        &format!(
            "{reference}-{}-{}.{}",
            crate::kit::downloads::named(lang, "annexe-securite", "security-annex"),
            lang.code(),
            format.extension()
        ),
    )
}

/// The bidders' questionnaire as XLSX.
#[utoipa::path(get, path = "/api/v1/projects/{id}/tender/questionnaire", tag = "tender",
    params(("id" = String, Path, description = "Project id"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The questionnaire", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn questionnaire(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    let lang = query.or(context.lang)?;
    let (annex, reference) = project_annex(&state, &context, id, lang).await?;
    let bytes = questionnaire_xlsx(&annex).map_err(|error| {
        tracing::error!(%error, "questionnaire");
        WebError::internal()
    })?;
    attachment(
        bytes,
        downloads::XLSX,
        &format!("{reference}-questionnaire-{}.xlsx", lang.code()),
    )
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TenderCrosswalkQuery {
    /// A text, part or point: `cra`, `cra:I.1`, `nis2:21.2.d`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// `fr` or `en` for labels and titles (default: the caller's).
    pub lang: Option<String>,
}

/// What the project's selection covers of a text: every point under the
/// query with the selected requirements covering it.
#[utoipa::path(get, path = "/api/v1/projects/{id}/tender/crosswalk", tag = "tender",
    params(("id" = String, Path, description = "Project id"), TenderCrosswalkQuery),
    responses((status = 200, description = "The cross-walk of the selection"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn crosswalk(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Query(query): Query<TenderCrosswalkQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let lang = match query.lang.as_deref() {
        Some(code) => {
            procura_domain::Lang::parse(code).map_err(|_| WebError::invalid("invalid-language"))?
        }
        None => context.lang,
    };
    let reference = procura_domain::ReferenceQuery::parse(&query.reference)
        .map_err(|_| WebError::invalid("invalid-reference"))?;
    let view = state.services.tender(principal, state.catalog, id).await?;
    let codes: Vec<procura_domain::RequirementCode> =
        view.included().map(|line| line.code.clone()).collect();
    let library = procura_catalog::requirement_library().map_err(|error| {
        tracing::error!(%error, "requirement library");
        WebError::internal()
    })?;
    let crosswalk = procura_docs::crosswalk(library, &reference, Some(&codes), lang)
        .ok_or_else(WebError::not_found)?;
    Ok(Json(crosswalk).into_response())
}
