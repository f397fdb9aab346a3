//! The JSON API under `/api/v1`: one module per resource, wire types in
//! [`types`], and the OpenAPI 3.1 document generated from the annotations.

pub mod audit;
pub mod bids;
pub mod catalog;
pub mod me;
pub mod organisations;
pub mod projects;
pub mod risks;
pub mod tender;
pub mod types;
pub mod users;

use axum::Json;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::error::WebError;

/// A JSON body whose malformed input becomes the API's error shape: 400 for
/// broken JSON, 422 for JSON of the wrong shape, 413 for a body over the
/// limit and 415 for a body that is not declared as JSON.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => {
                let detail = rejection.body_text();
                let error = match rejection {
                    JsonRejection::JsonDataError(_) => WebError::invalid("error-json-shape"),
                    _ if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                        WebError::new(
                            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                            "too_large",
                            "error-too-large",
                        )
                    }
                    JsonRejection::MissingJsonContentType(_) => WebError::new(
                        axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "unsupported_media_type",
                        "error-json-content-type",
                    ),
                    _ => WebError::bad_request("error-malformed-json"),
                };
                Err(error.with("detail", detail))
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Procura API",
        description = "Cybersecurity in hospital procurement: the ENISA good-practice catalogue, organisations, users and the audit log. \
                       Authenticate with a personal API token: `Authorization: Bearer pcr_…`.",
        license(name = "EUPL-1.2")
    ),
    paths(
        openapi_json,
        catalog::catalog,
        catalog::practices,
        catalog::practice,
        catalog::phases,
        catalog::procurement_types,
        catalog::threats,
        me::me,
        me::tokens,
        me::create_token,
        me::revoke_token,
        users::list,
        users::add,
        users::show,
        users::change_role,
        users::remove,
        organisations::list,
        organisations::create,
        organisations::rename,
        audit::list,
        projects::list,
        projects::create,
        projects::show,
        projects::update,
        projects::sign_off,
        projects::advance,
        projects::checklist,
        projects::update_item,
        projects::add_link,
        projects::upload,
        projects::download,
        projects::my_items,
        projects::export,
        projects::import,
        tender::library,
        tender::custom_list,
        tender::custom_create,
        tender::show,
        tender::save,
        tender::annex,
        tender::questionnaire,
        risks::show,
        risks::add,
        risks::update,
        risks::status,
        risks::accept,
        risks::review,
        risks::screen,
        risks::portfolio,
        risks::settings_show,
        risks::settings_save,
        risks::export,
        bids::suppliers,
        bids::create_supplier,
        bids::show_supplier,
        bids::update_supplier,
        bids::show,
        bids::add,
        bids::show_bid,
        bids::import,
        bids::answers,
        bids::set_override,
        bids::remove_override,
        bids::issue_link,
        bids::revoke_link,
        bids::award,
        bids::rules,
        bids::report,
    ),
    modifiers(&BearerAuth, &CommonAnswers),
    tags(
        (name = "catalogue", description = "The ENISA procurement good practices"),
        (name = "account", description = "The caller and their API tokens"),
        (name = "administration", description = "Users, organisations and the audit log"),
        (name = "projects", description = "Procurement projects, their checklist, evidence and phase gates"),
        (name = "tender", description = "The tender's security requirements, annex and bidders' questionnaire"),
        (name = "risks", description = "Risk registers, reviews, DPIA screening and the organisation's risk settings"),
        (name = "evaluation", description = "The supplier register, bids, their answers and scores, the award and the evaluation report")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

/// The answers every route can give whatever it does, added to each
/// operation so that the document lists them: 401 without a valid token
/// (except on public routes), 413 for a body over the limit, and 415 for a
/// body that is not declared as the JSON the route reads.
struct CommonAnswers;

impl utoipa::Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
        let answer = |description: &str| -> RefOr<utoipa::openapi::Response> {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                    )
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                item.get.as_mut(),
                item.put.as_mut(),
                item.post.as_mut(),
                item.delete.as_mut(),
                item.patch.as_mut(),
            ];
            for operation in operations.into_iter().flatten() {
                let public = operation.security.as_ref().is_some_and(|requirements| {
                    requirements
                        .iter()
                        .all(|r| *r == utoipa::openapi::security::SecurityRequirement::default())
                });
                let responses = &mut operation.responses.responses;
                if !public {
                    responses
                        .entry("401".to_owned())
                        .or_insert_with(|| answer("No valid API token or session"));
                }
                let Some(RefOr::T(body)) = &operation.request_body else {
                    continue;
                };
                let reads_json = body.content.contains_key("application/json");
                responses
                    .entry("413".to_owned())
                    .or_insert_with(|| answer("The request body is over the limit"));
                if reads_json {
                    responses
                        .entry("415".to_owned())
                        .or_insert_with(|| answer("The body is not declared as application/json"));
                }
            }
        }
    }
}

/// The OpenAPI document of the API, as served.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The OpenAPI 3.1 description of this API.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "catalogue", security(()),
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json() -> Response {
    Json(openapi_document()).into_response()
}

pub use openapi_json as openapi;
