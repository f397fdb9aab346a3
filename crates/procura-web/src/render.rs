//! Turning templates and errors into responses, with the context every page
//! shares (language, navigation, CSRF token).

use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use procura_domain::{Lang, Permission};
use procura_service::Principal;
use serde::Serialize;

use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::state::AppState;

/// What the access guard learnt about a request, for handlers and templates.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub principal: Option<Principal>,
    pub lang: Lang,
    /// The token forms of this page must carry.
    pub csrf: String,
    /// Path and query, for the language switch to come back here.
    pub path: String,
}

impl RequestContext {
    /// Where the reader's organisation works (Europe/Paris for anyone
    /// signed out, such as a supplier on the portal).
    pub fn time_zone(&self) -> procura_domain::TimeZone {
        self.principal
            .as_ref()
            .map_or_else(procura_domain::TimeZone::default, |p| p.time_zone)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(WebError::internal)
    }
}

impl RequestContext {
    pub fn tr(&self) -> Tr {
        Tr(self.lang)
    }

    /// The signed-in caller; the guard guarantees one on protected routes.
    pub fn principal(&self) -> WebResult<&Principal> {
        self.principal.as_ref().ok_or_else(WebError::unauthorized)
    }
}

#[derive(Debug, Clone)]
pub struct OrganisationChoice {
    pub id: String,
    pub name: String,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub organisation: String,
    pub can_manage_users: bool,
    pub can_view_audit: bool,
    pub superadmin: bool,
    pub organisations: Vec<OrganisationChoice>,
}

/// The part of every page that the layout draws.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub title: String,
    /// Which navigation entry is current: `catalogue`, `users`, …
    pub nav: &'static str,
    pub user: Option<NavUser>,
    pub csrf: String,
    pub path: String,
    /// What the change just made did, from the redirect that brought the
    /// person here (`?done=saved`): « Enregistré ».
    pub notice: Option<String>,
}

/// The confirmations a redirect may ask the next page to show; anything
/// else in `done` is ignored.
const NOTICES: [&str; 10] = [
    "saved",
    "added",
    "updated",
    "published",
    "modified",
    "signed",
    "advanced",
    "submitted",
    "removed",
    "graded",
];

/// The confirmation named by the `done` (and `count`) of a path's query.
fn notice(path: &str, lang: Lang) -> Option<String> {
    let query = path.split_once('?')?.1;
    let mut done = None;
    let mut count = 1_i64;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match name.as_ref() {
            "done" => done = NOTICES.iter().find(|n| **n == value.as_ref()).copied(),
            "count" => count = value.parse().unwrap_or(1).clamp(0, 100_000),
            _ => {}
        }
    }
    let done = done?;
    Some(crate::i18n::Tr(lang).with(
        &format!("notice-{done}"),
        &[("count", procura_i18n::Arg::Number(count))],
    ))
}

impl Page {
    pub async fn new(
        state: &AppState,
        context: &RequestContext,
        nav: &'static str,
        title: String,
    ) -> Page {
        let user = match &context.principal {
            Some(principal) => Some(nav_user(state, principal).await),
            None => None,
        };
        Page {
            lang: context.lang,
            title,
            nav,
            user,
            csrf: context.csrf.clone(),
            path: context.path.clone(),
            notice: notice(&context.path, context.lang),
        }
    }

    pub fn tr(&self, key: &str) -> String {
        Tr(self.lang).t(key)
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn is(&self, nav: &str) -> bool {
        self.nav == nav
    }

    /// The current page in another language.
    pub fn switch_to(&self, lang: &str) -> String {
        let next: String = form_urlencoded::byte_serialize(self.path.as_bytes()).collect();
        format!("/language/{lang}?next={next}")
    }
}

async fn nav_user(state: &AppState, principal: &Principal) -> NavUser {
    let organisations = state
        .services
        .my_organisations(principal)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(organisation, _)| OrganisationChoice {
            current: organisation.id == principal.organisation_id,
            id: organisation.id.to_string(),
            name: organisation.name,
        })
        .collect();
    NavUser {
        name: principal.display_name.clone(),
        organisation: principal.organisation_name.clone(),
        can_manage_users: principal.can(Permission::ManageUsers),
        can_view_audit: principal.can(Permission::ViewAudit),
        superadmin: principal.superadmin,
        organisations,
    }
}

pub fn html(template: &impl Template) -> WebResult<Response> {
    match template.render() {
        Ok(body) => Ok(Html(body).into_response()),
        Err(error) => {
            tracing::error!(%error, "template rendering failed");
            Err(WebError::internal())
        }
    }
}

/// Same as [`html`] with another status, for a form shown again with errors.
pub fn html_with_status(status: StatusCode, template: &impl Template) -> WebResult<Response> {
    let mut response = html(template)?;
    *response.status_mut() = status;
    Ok(response)
}

/// A page shown fresh (200), or again after an error with that error's
/// status, so scripts and tests see the refusal while people see the form.
pub fn html_for(status: Option<StatusCode>, template: &impl Template) -> WebResult<Response> {
    match status {
        Some(status) => html_with_status(status, template),
        None => html(template),
    }
}

pub fn redirect(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    status: u16,
    message: String,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
    /// Every problem found in refused answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    problems: Vec<ProblemDetail>,
}

#[derive(Serialize)]
struct ProblemDetail {
    code: &'static str,
    message: String,
}

/// Renders every [`WebError`] a handler returned: JSON under `/api`, an
/// error page elsewhere. Runs outside the guard, which leaves the request's
/// language in the response for it.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let fallback_lang = crate::i18n::negotiate(request.headers(), None);
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<WebError>() else {
        return response;
    };
    let lang = response
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(fallback_lang);
    let args: Vec<(&'static str, procura_i18n::Arg)> = error
        .args
        .iter()
        .map(|(name, value)| (*name, procura_i18n::Arg::guess(value)))
        .collect();
    let message = Tr(lang).with(error.key, &args);
    let mut problems: Vec<String> = error.problems.iter().map(|p| p.message(lang)).collect();
    let field_messages: Vec<String> = error
        .fields
        .iter()
        .map(|field| crate::kit::field_errors::field_message(lang, field))
        .collect();
    let headers = response.headers().clone();
    let mut rendered =
        if is_api {
            let body =
                ErrorBody {
                    error: ErrorDetail {
                        code: error.code,
                        message,
                        problems: error
                            .problems
                            .iter()
                            .zip(&problems)
                            .map(|(problem, message)| ProblemDetail {
                                code: problem.code(),
                                message: message.clone(),
                            })
                            .chain(error.fields.iter().zip(&field_messages).map(
                                |(field, message)| ProblemDetail {
                                    code: field.field,
                                    message: message.clone(),
                                },
                            ))
                            .collect(),
                    },
                };
            (error.status, axum::Json(body)).into_response()
        } else {
            let page = Page {
                lang,
                title: message.clone(),
                nav: "",
                user: None,
                csrf: String::new(),
                path,
                notice: None,
            };
            problems.extend(field_messages);
            let template = ErrorPage {
                page,
                status: error.status.as_u16(),
                message,
                problems,
            };
            match template.render() {
                Ok(body) => (error.status, Html(body)).into_response(),
                Err(_) => error.status.into_response(),
            }
        };
    for (name, value) in &headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().append(name.clone(), value.clone());
        }
    }
    rendered
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    #[test]
    fn a_known_confirmation_reads_in_both_languages_and_others_are_ignored() {
        for key in NOTICES {
            for lang in [Lang::Fr, Lang::En] {
                let text =
                    notice(&format!("/projects/x?done={key}&count=2"), lang).expect("a notice");
                assert!(
                    !text.contains("Unknown localization key") && !text.contains('{'),
                    "{text}"
                );
            }
        }
        assert_eq!(
            notice("/projects/x?done=updated&count=3", Lang::Fr).as_deref(),
            Some("3 actions modifiées.")
        );
        assert_eq!(notice("/projects/x?done=<script>", Lang::Fr), None);
        assert_eq!(notice("/projects/x", Lang::Fr), None);
    }
}
