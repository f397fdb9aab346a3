//! The OpenAPI 3.1 document of the JSON API: its description and tags,
//! every area's operations merged in, and the answers every route can give.

use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::areas;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Procura API",
        description = "Cybersecurity in hospital procurement: the ENISA good-practice catalogue, procurement projects with their \
                       checklists and phase gates, the tender's security requirements and documents, risk registers and DPIA \
                       screening, the supplier register, bids and their evaluation, and the administration of users, \
                       organisations and the audit log. Authenticate with a personal API token: `Authorization: Bearer pcr_…`.",
        license(name = "EUPL-1.2")
    ),
    paths(openapi_json),
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

/// The OpenAPI document of the API, as served: every area's operations,
/// then the answers common to all of them.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    for area in areas::ALL {
        document.merge((area.api)());
    }
    BearerAuth.modify(&mut document);
    CommonAnswers.modify(&mut document);
    document
}

/// The OpenAPI 3.1 description of this API.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "catalogue", security(()),
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json() -> Response {
    Json(openapi_document()).into_response()
}

struct BearerAuth;

impl Modify for BearerAuth {
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

impl Modify for CommonAnswers {
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
