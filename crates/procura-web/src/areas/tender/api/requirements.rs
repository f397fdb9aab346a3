//! Requirements over the API: the built-in library, and the organisation's
//! own requirements.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use procura_domain::ProcurementType;
use procura_service::tender::CustomRequirementInput;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::areas::tender::wire::{
    CustomRequirement, Extension, LibraryRequirement, PenaltyWire, Texts, custom,
};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::error_body::ErrorBody;
use crate::kit::json_body::JsonBody;
use crate::render::RequestContext;
use crate::state::AppState;

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
                part: requirement.kind.dce_part().id().to_owned(),
                title: Texts::of(&requirement.title),
                text: Texts::of(&requirement.text),
                evidence: Texts::of(&requirement.evidence),
                standards: requirement.standards.clone(),
                refs: requirement.refs.iter().map(ToString::to_string).collect(),
                topics: requirement
                    .topics
                    .iter()
                    .map(|topic| topic.id().to_owned())
                    .collect(),
                beyond_enisa: requirement
                    .beyond_enisa
                    .as_ref()
                    .map(|extension| Extension {
                        procurement_types: extension
                            .types
                            .iter()
                            .map(|t| t.id().to_owned())
                            .collect(),
                        reason: Texts::of(&extension.reason),
                    }),
                note: requirement.note.as_ref().map(Texts::of),
                penalty: requirement.penalty.map(|penalty| PenaltyWire {
                    basis: penalty.basis.id().to_owned(),
                    amount: penalty.amount_eur,
                }),
            })
            .collect::<Vec<_>>())
    })
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
    /// selection, minimum, award or clause.
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CrosswalkQuery {
    /// A text, part or point: `nis2`, `cra:I.1`, `nis2:21.2.d`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    /// `fr` or `en` for labels and titles (default: the request's language).
    pub lang: Option<String>,
}

/// The cross-walk: the requirements that cover a text, a part of it or one
/// of its points, and every point of it with what covers it.
#[utoipa::path(get, path = "/api/v1/requirements/crosswalk", tag = "tender",
    params(CrosswalkQuery),
    responses((status = 200, description = "The cross-walk as JSON, or CSV with format=csv"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn crosswalk(
    context: RequestContext,
    axum::extract::Query(query): axum::extract::Query<CrosswalkQuery>,
) -> WebResult<Response> {
    context.principal()?;
    let lang = match query.lang.as_deref() {
        Some(code) => {
            procura_domain::Lang::parse(code).map_err(|_| WebError::invalid("invalid-language"))?
        }
        None => context.lang,
    };
    let library = procura_catalog::requirement_library().map_err(|error| {
        tracing::error!(%error, "requirement library");
        WebError::internal()
    })?;
    let reference = procura_domain::ReferenceQuery::parse(&query.reference)
        .map_err(|_| WebError::invalid("invalid-reference"))?;
    let crosswalk =
        procura_docs::crosswalk(library, &reference, None, lang).ok_or_else(WebError::not_found)?;
    match query.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(crosswalk).into_response()),
        "csv" => {
            let headers = [
                procura_i18n::text(lang, "crosswalk-col-ref"),
                procura_i18n::text(lang, "crosswalk-col-label"),
                procura_i18n::text(lang, "crosswalk-col-requirement"),
                procura_i18n::text(lang, "crosswalk-col-title"),
            ];
            let csv = procura_docs::crosswalk_csv(
                &crosswalk,
                [&headers[0], &headers[1], &headers[2], &headers[3]].map(String::as_str),
            )
            .map_err(|error| {
                tracing::error!(%error, "cross-walk CSV");
                WebError::internal()
            })?;
            Ok((
                [(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")],
                csv,
            )
                .into_response())
        }
        _ => Err(WebError::invalid("invalid-crosswalk-format")),
    }
}
