//! The tender's security requirements over the API: the library, a
//! project's selection, the organisation's own requirements, and the
//! annex and questionnaire files.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use procura_docs::tender::{AnnexFormat, XLSX_CONTENT_TYPE, questionnaire_xlsx, render_annex};
use procura_domain::{CustomRequirementRecord, ProcurementType, RequirementKind};
use procura_service::tender::{CustomRequirementInput, LineChange, TenderLine, TenderView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::JsonBody;
use super::types::ErrorBody;
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::pages::projects::{attachment, project_id};
use crate::pages::tender::{document_lang, project_annex};
use crate::render::RequestContext;
use crate::state::AppState;

/// Text in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Texts {
    pub fr: String,
    pub en: String,
}

impl Texts {
    fn of(text: &procura_domain::Localized) -> Texts {
        Texts {
            fr: text.fr.clone(),
            en: text.en.clone(),
        }
    }
}

/// A requirement of the built-in library.
#[derive(Debug, Serialize, ToSchema)]
pub struct LibraryRequirement {
    pub id: String,
    pub practices: Vec<String>,
    pub procurement_types: Vec<String>,
    /// eligibility, award or clause.
    pub kind: String,
    /// Relative importance (1–5) of an award criterion, 0 otherwise.
    pub importance: u32,
    pub text: Texts,
    pub evidence: Texts,
    pub standards: Vec<String>,
}

/// The built-in requirement library.
#[utoipa::path(get, path = "/api/v1/requirements", tag = "tender",
    responses((status = 200, body = [LibraryRequirement])))]
pub async fn library(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
) -> WebResult<Response> {
    context.principal()?;
    state.cached.answer("requirements", &headers, || {
        let library = procura_catalog::requirement_library().map_err(|error| {
            tracing::error!(%error, "requirement library");
            WebError::internal()
        })?;
        Ok(library
            .requirements
            .iter()
            .map(|requirement| LibraryRequirement {
                id: requirement.code.to_string(),
                practices: requirement.practices.iter().map(|n| n.id()).collect(),
                procurement_types: requirement
                    .types
                    .iter()
                    .map(|t| t.id().to_owned())
                    .collect(),
                kind: requirement.kind.id().to_owned(),
                importance: requirement.importance,
                text: Texts::of(&requirement.text),
                evidence: Texts::of(&requirement.evidence),
                standards: requirement.standards.clone(),
            })
            .collect::<Vec<_>>())
    })
}

/// One of the organisation's own requirements.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomRequirement {
    pub id: String,
    pub kind: String,
    pub importance: u32,
    pub practices: Vec<String>,
    /// Empty means every type.
    pub procurement_types: Vec<String>,
    pub text: Texts,
    pub evidence: Texts,
}

fn custom(record: &CustomRequirementRecord) -> CustomRequirement {
    CustomRequirement {
        id: record.code.to_string(),
        kind: record.kind.id().to_owned(),
        importance: record.importance,
        practices: record.practices.iter().map(|n| n.id()).collect(),
        procurement_types: record
            .procurement_types
            .iter()
            .map(|t| t.id().to_owned())
            .collect(),
        text: Texts {
            fr: record.text_fr.clone(),
            en: record.text_en.clone(),
        },
        evidence: Texts {
            fr: record.evidence_fr.clone(),
            en: record.evidence_en.clone(),
        },
    }
}

/// The organisation's own requirement library.
#[utoipa::path(get, path = "/api/v1/requirements/custom", tag = "tender",
    responses((status = 200, body = [CustomRequirement])))]
pub async fn custom_list(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<CustomRequirement>>> {
    let principal = context.principal()?;
    let records = state.services.custom_requirements(principal).await?;
    Ok(Json(records.iter().map(custom).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomBody {
    /// eligibility, award or clause.
    pub kind: String,
    /// 1–5 for an award criterion (3 when left out).
    pub importance: Option<u32>,
    #[serde(default)]
    pub practices: Vec<u8>,
    /// Procurement type ids; empty means every type.
    #[serde(default)]
    pub procurement_types: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub text_fr: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub text_en: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub evidence_fr: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub evidence_en: String,
}

/// Adds a requirement to the organisation's own library; its id is the
/// next `REQ-ORG-nnn`.
#[utoipa::path(post, path = "/api/v1/requirements/custom", tag = "tender", request_body = CustomBody,
    responses((status = 201, body = CustomRequirement), (status = 422, body = ErrorBody)))]
pub async fn custom_create(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<CustomBody>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let mut procurement_types = Vec::new();
    for id in &body.procurement_types {
        procurement_types.push(
            ProcurementType::from_id(id)
                .map_err(|_| WebError::invalid("invalid-procurement-types"))?,
        );
    }
    let input = CustomRequirementInput {
        kind: body.kind,
        importance: body.importance,
        practices: body.practices,
        procurement_types,
        text_fr: body.text_fr,
        text_en: body.text_en,
        evidence_fr: body.evidence_fr,
        evidence_en: body.evidence_en,
    };
    let record = state
        .services
        .create_custom_requirement(principal, state.catalog, &input, None, now())
        .await?;
    Ok((StatusCode::CREATED, Json(custom(&record))).into_response())
}

/// One line of a project's selection.
#[derive(Debug, Serialize, ToSchema)]
pub struct SelectionLine {
    pub id: String,
    pub included: bool,
    /// eligibility, award or clause.
    pub kind: String,
    /// Whole percent, for award criteria.
    pub weight: u32,
    pub default_kind: String,
    pub custom: bool,
    /// Became applicable after the selection was last saved.
    pub new: bool,
    pub practices: Vec<String>,
    pub text: Texts,
    pub evidence: Texts,
    pub standards: Vec<String>,
}

/// A project's requirement selection.
#[derive(Debug, Serialize, ToSchema)]
pub struct Selection {
    pub project: String,
    pub reference: String,
    /// 0 while the selection is the unsaved proposal; send it back to save.
    pub version: i64,
    pub award_total: u32,
    /// Whether the documents can be made (award weights total 100 %).
    pub ready: bool,
    pub can_edit: bool,
    pub lines: Vec<SelectionLine>,
}

fn line(line: &TenderLine) -> SelectionLine {
    SelectionLine {
        id: line.code.to_string(),
        included: line.included,
        kind: line.kind.id().to_owned(),
        weight: if line.kind == RequirementKind::Award {
            line.weight
        } else {
            0
        },
        default_kind: line.default_kind.id().to_owned(),
        custom: line.custom,
        new: line.new,
        practices: line.practices.iter().map(|n| n.id()).collect(),
        text: Texts::of(&line.text),
        evidence: Texts::of(&line.evidence),
        standards: line.standards.clone(),
    }
}

fn selection(view: &TenderView) -> Selection {
    Selection {
        project: view.project.id.to_string(),
        reference: view.project.reference.clone(),
        version: view.version,
        award_total: view.award_weights().iter().sum(),
        ready: view.weight_check().is_ok(),
        can_edit: view.can_edit,
        lines: view.lines.iter().map(line).collect(),
    }
}

/// The project's requirement selection (the proposal until first saved).
#[utoipa::path(get, path = "/api/v1/projects/{id}/tender", tag = "tender", params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Selection), (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Json<Selection>> {
    let principal = context.principal()?;
    let view = state
        .services
        .tender(principal, state.catalog, project_id(&id)?)
        .await?;
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
}

/// Saves changes to the selection. Award weights that do not total 100 %
/// are refused (422, code `weights`) and nothing is saved.
#[utoipa::path(put, path = "/api/v1/projects/{id}/tender", tag = "tender", request_body = SelectionBody, params(("id" = String, Path, description = "Project id")),
    responses((status = 200, body = Selection), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<SelectionBody>,
) -> WebResult<Json<Selection>> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let changes: Vec<LineChange> = body
        .lines
        .iter()
        .map(|line| LineChange {
            code: line.id.clone(),
            included: line.included,
            kind: line.kind.clone(),
            weight: line.weight.to_string(),
        })
        .collect();
    let view = state
        .services
        .save_tender(
            principal,
            state.catalog,
            id,
            body.version,
            &body.add,
            &changes,
            body.spread,
            now(),
        )
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
    Path(id): Path<String>,
    Query(query): Query<AnnexQuery>,
) -> WebResult<Response> {
    let id = project_id(&id)?;
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
            "{reference}-security-annex-{}.{}",
            lang.code(),
            format.extension()
        ),
    )
}

#[derive(Debug, Deserialize)]
pub struct LangOnly {
    lang: Option<String>,
}

/// The bidders' questionnaire as XLSX.
#[utoipa::path(get, path = "/api/v1/projects/{id}/tender/questionnaire", tag = "tender",
    params(("id" = String, Path, description = "Project id"), ("lang" = Option<String>, Query, description = "fr or en (default: the caller's)")),
    responses((status = 200, description = "The questionnaire", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn questionnaire(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    Query(query): Query<LangOnly>,
) -> WebResult<Response> {
    let id = project_id(&id)?;
    let lang = document_lang(query.lang.as_deref(), context.lang)?;
    let (annex, reference) = project_annex(&state, &context, id, lang).await?;
    let bytes = questionnaire_xlsx(&annex).map_err(|error| {
        tracing::error!(%error, "questionnaire");
        WebError::internal()
    })?;
    attachment(
        bytes,
        XLSX_CONTENT_TYPE,
        &format!("{reference}-questionnaire-{}.xlsx", lang.code()),
    )
}
