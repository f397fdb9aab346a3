//! Every route of Procura, declared once with the access it requires.
//!
//! The declaration does three jobs: it mounts the handler, it wraps it in the
//! guard that enforces the access (and CSRF on unsafe methods), and it lists
//! the route in [`RouteInfo`] so tests can walk every route and role.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use procura_domain::Permission;
use procura_service::{AuthMethod, Denial, ServiceError};

use crate::auth::{CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, Caller, cookie, identify, set_cookie};
use crate::error::WebError;
use crate::i18n::negotiate;
use crate::render::{RequestContext, redirect};
use crate::state::AppState;
use crate::{api, layers, pages};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in users; anyone when the operator publishes the catalogue.
    Catalogue,
    /// Signed-in users holding this permission.
    Permission(Permission),
    /// Signed-in users holding this permission through a browser session;
    /// API tokens get 403 (a token may not create tokens).
    Session(Permission),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// A browser page: redirects to sign-in, errors as HTML.
    Page,
    /// Under `/api/v1`: 401 and JSON errors.
    Api,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub kind: RouteKind,
}

struct Routes {
    state: AppState,
    router: Router<AppState>,
    infos: Vec<RouteInfo>,
}

impl Routes {
    fn add<H, T>(&mut self, method: Method, path: &'static str, access: Access, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
        self.mount(method, path, access, on(filter, handler), None);
    }

    /// Mounts an endpoint behind the guard of its access and lists it;
    /// `body_limit` replaces the default request body limit.
    fn mount(
        &mut self,
        method: Method,
        path: &'static str,
        access: Access,
        endpoint: axum::routing::MethodRouter<AppState>,
        body_limit: Option<usize>,
    ) {
        let kind = if path.starts_with("/api/") {
            RouteKind::Api
        } else {
            RouteKind::Page
        };
        let guard = Guard {
            state: self.state.clone(),
            access,
            kind,
        };
        let mut endpoint = endpoint.route_layer(from_fn_with_state(guard, enforce));
        if let Some(limit) = body_limit {
            endpoint = endpoint.layer(axum::extract::DefaultBodyLimit::max(limit));
        }
        self.router = std::mem::take(&mut self.router).route(path, endpoint);
        self.infos.push(RouteInfo {
            method,
            path,
            access,
            kind,
        });
    }

    fn get<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::GET, path, access, handler);
    }

    fn post<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::POST, path, access, handler);
    }

    /// A POST that receives a file: the larger upload limit applies.
    fn upload<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        let limit = self.state.config.max_upload_bytes;
        self.mount(
            Method::POST,
            path,
            access,
            axum::routing::post(handler),
            Some(limit),
        );
    }
}

/// The whole application and the list of its routes.
pub fn build(state: AppState) -> (Router, Vec<RouteInfo>) {
    use Access::{Catalogue, Public};
    let users = Access::Permission(Permission::ManageUsers);
    let audit = Access::Permission(Permission::ViewAudit);
    let operators = Access::Permission(Permission::ManageOrganisations);
    let account = Access::Permission(Permission::ManageOwnAccount);
    let session = Access::Session(Permission::ManageOwnAccount);

    let mut routes = Routes {
        state: state.clone(),
        router: Router::new(),
        infos: Vec::new(),
    };
    let r = &mut routes;

    // Operations and assets.
    r.get("/healthz", Public, pages::system::alive);
    r.get("/readyz", Public, pages::system::ready);
    r.get("/assets/style.css", Public, pages::system::stylesheet);
    r.get("/language/{code}", Public, pages::system::switch_language);

    // Setup and signing in.
    r.get("/", Public, pages::system::home);
    r.get("/setup", Public, pages::session::setup_form);
    r.post("/setup", Public, pages::session::setup_submit);
    r.get("/sign-in", Public, pages::session::sign_in_form);
    r.post("/sign-in", Public, pages::session::sign_in_submit);
    r.post("/sign-out", account, pages::session::sign_out);

    // The catalogue.
    r.get("/catalogue", Catalogue, pages::catalogue::explorer);
    r.get("/catalogue/export", Catalogue, pages::catalogue::export);
    r.get("/practices/{id}", Catalogue, pages::catalogue::practice);

    // Procurement projects.
    let signed_in = account;
    let creators = Access::Permission(Permission::CreateProjects);
    r.get("/projects", signed_in, pages::projects::portfolio);
    r.get("/projects/new", creators, pages::projects::new_form);
    r.post("/projects", creators, pages::projects::create);
    r.get("/projects/{id}", signed_in, pages::projects::show);
    r.get("/projects/{id}/edit", signed_in, pages::projects::edit_form);
    r.post("/projects/{id}/edit", signed_in, pages::projects::update);
    r.post(
        "/projects/{id}/sign-off",
        signed_in,
        pages::projects::sign_off,
    );
    r.post(
        "/projects/{id}/advance",
        signed_in,
        pages::projects::advance,
    );
    r.post("/projects/{id}/force", signed_in, pages::projects::force);
    r.get("/projects/{id}/export", signed_in, pages::projects::export);
    r.get("/projects/{id}/tender", signed_in, pages::tender::show);
    r.post("/projects/{id}/tender", signed_in, pages::tender::save);
    r.post("/projects/{id}/tender/add", signed_in, pages::tender::add);
    r.post(
        "/projects/{id}/tender/custom",
        signed_in,
        pages::tender::create_custom,
    );
    r.get(
        "/projects/{id}/tender/{file}",
        signed_in,
        pages::tender::document,
    );
    r.get("/projects/{id}/risks", signed_in, pages::risks::show);
    r.post("/projects/{id}/risks", signed_in, pages::risks::add);
    r.post(
        "/projects/{id}/risks/review",
        signed_in,
        pages::risks::review,
    );
    r.get(
        "/projects/{id}/risks/{file}",
        signed_in,
        pages::risks::export,
    );
    r.post("/projects/{id}/dpia", signed_in, pages::risks::dpia);
    r.get("/projects/{id}/bids", signed_in, pages::bids::show);
    r.post("/projects/{id}/bids", signed_in, pages::bids::add);
    r.post("/projects/{id}/bids/rules", signed_in, pages::bids::rules);
    r.get(
        "/projects/{id}/evaluation/{file}",
        signed_in,
        pages::bids::report,
    );
    r.get("/bids/{id}", signed_in, pages::bids::bid);
    r.upload("/bids/{id}/import", signed_in, pages::bids::import);
    r.post("/bids/{id}/answers", signed_in, pages::bids::answers);
    r.post(
        "/bids/{id}/override",
        signed_in,
        pages::bids::override_score,
    );
    r.post("/bids/{id}/links", signed_in, pages::bids::issue_link);
    r.post(
        "/bids/{id}/links/{link}/revoke",
        signed_in,
        pages::bids::revoke_link,
    );
    r.post("/bids/{id}/award", signed_in, pages::bids::award);
    r.get("/bids/{id}/files/{file}", signed_in, pages::bids::file);
    let supplier_managers = Access::Permission(Permission::ManageSuppliers);
    r.get("/suppliers", signed_in, pages::suppliers::list);
    r.post("/suppliers", supplier_managers, pages::suppliers::create);
    r.get("/suppliers/{id}", signed_in, pages::suppliers::show);
    r.post(
        "/suppliers/{id}",
        supplier_managers,
        pages::suppliers::update,
    );

    // The supplier portal: no account, the link's secret is the key.
    r.get("/portal/{token}", Public, pages::portal::show);
    r.post("/portal/{token}", Public, pages::portal::save);
    r.upload("/portal/{token}/files", Public, pages::portal::upload);
    r.get("/risks", signed_in, pages::risks::portfolio);
    r.post("/risks/settings", users, pages::risks::settings);
    r.get("/risks/{id}", signed_in, pages::risks::edit_form);
    r.post("/risks/{id}", signed_in, pages::risks::update);
    r.post("/risks/{id}/status", signed_in, pages::risks::status);
    r.post("/risks/{id}/accept", signed_in, pages::risks::accept);
    r.get(
        "/projects/{id}/items/{item}",
        signed_in,
        pages::projects::item_form,
    );
    r.post(
        "/projects/{id}/items/{item}",
        signed_in,
        pages::projects::item_update,
    );
    r.post(
        "/projects/{id}/items/{item}/links",
        signed_in,
        pages::projects::add_link,
    );
    r.upload(
        "/projects/{id}/items/{item}/evidence",
        signed_in,
        pages::projects::upload,
    );
    r.get("/evidence/{id}", signed_in, pages::projects::download);
    r.get("/my-items", signed_in, pages::projects::my_items);
    r.get(
        "/projects/{id}/transfer",
        signed_in,
        pages::projects::transfer,
    );
    r.upload("/projects/import", creators, pages::projects::import);

    // Administration.
    r.get("/users", users, pages::users::list);
    r.post("/users", users, pages::users::add);
    r.post("/users/{id}/role", users, pages::users::change_role);
    r.post("/users/{id}/remove", users, pages::users::remove);
    r.post(
        "/users/invitations/{id}/cancel",
        users,
        pages::users::cancel_invitation,
    );
    r.get("/organisations", operators, pages::organisations::list);
    r.post("/organisations", operators, pages::organisations::create);
    r.post(
        "/organisations/{id}/rename",
        operators,
        pages::organisations::rename,
    );
    r.post(
        "/organisation/switch",
        account,
        pages::organisations::switch,
    );
    r.get("/audit", audit, pages::audit::list);
    r.get("/audit/export", audit, pages::audit::export);

    // My account.
    r.get("/account", account, pages::account::show);
    r.post(
        "/account/password",
        account,
        pages::account::change_password,
    );
    r.post("/account/language", account, pages::account::set_language);
    r.post("/account/tokens", session, pages::account::create_token);
    r.post(
        "/account/tokens/{id}/revoke",
        account,
        pages::account::revoke_token,
    );
    r.post(
        "/account/invitations/{id}/accept",
        account,
        pages::account::accept_invitation,
    );
    r.post(
        "/account/invitations/{id}/decline",
        account,
        pages::account::decline_invitation,
    );

    // The JSON API.
    r.get("/api/v1/openapi.json", Public, api::openapi);
    r.get("/api/v1/catalog", Catalogue, api::catalog::catalog);
    r.get("/api/v1/practices", Catalogue, api::catalog::practices);
    r.get("/api/v1/practices/{id}", Catalogue, api::catalog::practice);
    r.get("/api/v1/phases", Catalogue, api::catalog::phases);
    r.get(
        "/api/v1/procurement-types",
        Catalogue,
        api::catalog::procurement_types,
    );
    r.get("/api/v1/threats", Catalogue, api::catalog::threats);
    r.get("/api/v1/me", account, api::me::me);
    r.get("/api/v1/tokens", account, api::me::tokens);
    r.post("/api/v1/tokens", session, api::me::create_token);
    r.add(
        Method::DELETE,
        "/api/v1/tokens/{id}",
        account,
        api::me::revoke_token,
    );
    r.get("/api/v1/users", users, api::users::list);
    r.post("/api/v1/users", users, api::users::add);
    r.get("/api/v1/users/{id}", users, api::users::show);
    r.add(
        Method::PATCH,
        "/api/v1/users/{id}",
        users,
        api::users::change_role,
    );
    r.add(
        Method::DELETE,
        "/api/v1/users/{id}",
        users,
        api::users::remove,
    );
    r.get("/api/v1/organisations", operators, api::organisations::list);
    r.post(
        "/api/v1/organisations",
        operators,
        api::organisations::create,
    );
    r.add(
        Method::PATCH,
        "/api/v1/organisations/{id}",
        operators,
        api::organisations::rename,
    );
    r.get("/api/v1/audit", audit, api::audit::list);
    r.get("/api/v1/projects", signed_in, api::projects::list);
    r.post("/api/v1/projects", creators, api::projects::create);
    r.get("/api/v1/projects/{id}", signed_in, api::projects::show);
    r.add(
        Method::PATCH,
        "/api/v1/projects/{id}",
        signed_in,
        api::projects::update,
    );
    r.post(
        "/api/v1/projects/{id}/sign-off",
        signed_in,
        api::projects::sign_off,
    );
    r.post(
        "/api/v1/projects/{id}/advance",
        signed_in,
        api::projects::advance,
    );
    r.get("/api/v1/requirements", signed_in, api::tender::library);
    r.get(
        "/api/v1/requirements/custom",
        signed_in,
        api::tender::custom_list,
    );
    r.post(
        "/api/v1/requirements/custom",
        creators,
        api::tender::custom_create,
    );
    r.get("/api/v1/projects/{id}/tender", signed_in, api::tender::show);
    r.get("/api/v1/projects/{id}/risks", signed_in, api::risks::show);
    r.post("/api/v1/projects/{id}/risks", signed_in, api::risks::add);
    r.post(
        "/api/v1/projects/{id}/risks/review",
        signed_in,
        api::risks::review,
    );
    r.get(
        "/api/v1/projects/{id}/risks/{file}",
        signed_in,
        api::risks::export,
    );
    r.add(
        Method::PUT,
        "/api/v1/projects/{id}/dpia",
        signed_in,
        api::risks::screen,
    );
    r.get("/api/v1/suppliers", signed_in, api::bids::suppliers);
    r.post(
        "/api/v1/suppliers",
        supplier_managers,
        api::bids::create_supplier,
    );
    r.get(
        "/api/v1/suppliers/{id}",
        signed_in,
        api::bids::show_supplier,
    );
    r.add(
        Method::PUT,
        "/api/v1/suppliers/{id}",
        supplier_managers,
        api::bids::update_supplier,
    );
    r.get("/api/v1/projects/{id}/bids", signed_in, api::bids::show);
    r.post("/api/v1/projects/{id}/bids", signed_in, api::bids::add);
    r.add(
        Method::PUT,
        "/api/v1/projects/{id}/scoring-rules",
        signed_in,
        api::bids::rules,
    );
    r.get(
        "/api/v1/projects/{id}/evaluation/{file}",
        signed_in,
        api::bids::report,
    );
    r.get("/api/v1/bids/{id}", signed_in, api::bids::show_bid);
    r.upload("/api/v1/bids/{id}/import", signed_in, api::bids::import);
    r.add(
        Method::PUT,
        "/api/v1/bids/{id}/answers",
        signed_in,
        api::bids::answers,
    );
    r.add(
        Method::PUT,
        "/api/v1/bids/{id}/overrides/{code}",
        signed_in,
        api::bids::set_override,
    );
    r.add(
        Method::DELETE,
        "/api/v1/bids/{id}/overrides/{code}",
        signed_in,
        api::bids::remove_override,
    );
    r.post("/api/v1/bids/{id}/links", signed_in, api::bids::issue_link);
    r.add(
        Method::DELETE,
        "/api/v1/bids/{id}/links/{link}",
        signed_in,
        api::bids::revoke_link,
    );
    r.post("/api/v1/bids/{id}/award", signed_in, api::bids::award);
    r.get("/api/v1/risks", signed_in, api::risks::portfolio);
    r.add(
        Method::PATCH,
        "/api/v1/risks/{id}",
        signed_in,
        api::risks::update,
    );
    r.post("/api/v1/risks/{id}/status", signed_in, api::risks::status);
    r.post("/api/v1/risks/{id}/accept", signed_in, api::risks::accept);
    r.get(
        "/api/v1/risk-settings",
        signed_in,
        api::risks::settings_show,
    );
    r.add(
        Method::PUT,
        "/api/v1/risk-settings",
        users,
        api::risks::settings_save,
    );
    r.add(
        Method::PUT,
        "/api/v1/projects/{id}/tender",
        signed_in,
        api::tender::save,
    );
    r.get(
        "/api/v1/projects/{id}/tender/annex",
        signed_in,
        api::tender::annex,
    );
    r.get(
        "/api/v1/projects/{id}/tender/questionnaire",
        signed_in,
        api::tender::questionnaire,
    );
    r.get(
        "/api/v1/projects/{id}/checklist",
        signed_in,
        api::projects::checklist,
    );
    r.add(
        Method::PATCH,
        "/api/v1/items/{id}",
        signed_in,
        api::projects::update_item,
    );
    r.post(
        "/api/v1/items/{id}/links",
        signed_in,
        api::projects::add_link,
    );
    r.upload(
        "/api/v1/items/{id}/evidence",
        signed_in,
        api::projects::upload,
    );
    r.get("/api/v1/evidence/{id}", signed_in, api::projects::download);
    r.get("/api/v1/my-items", signed_in, api::projects::my_items);
    r.get(
        "/api/v1/projects/{id}/export",
        signed_in,
        api::projects::export,
    );
    r.upload("/api/v1/projects/import", creators, api::projects::import);

    let Routes { router, infos, .. } = routes;
    let router = router
        .fallback(pages::system::not_found)
        .with_state(state.clone())
        .layer(from_fn(crate::render::render_errors));
    (layers::wrap(router, &state), infos)
}

#[derive(Debug, Clone)]
struct Guard {
    state: AppState,
    access: Access,
    kind: RouteKind,
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Identifies the caller, enforces the route's access and CSRF, and hands
/// the handler a [`RequestContext`].
async fn enforce(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let state = &guard.state;
    let (mut parts, body) = request.into_parts();
    let caller = match identify(state, &parts.headers).await {
        Ok(caller) => caller,
        Err(error) => return WebError::from(error).into_response(),
    };
    let bearer =
        matches!(caller, Caller::BadToken) || crate::auth::bearer_token(&parts.headers).is_some();
    let principal = match caller {
        Caller::Principal(principal) => Some(principal),
        Caller::BadToken => {
            return with_lang(
                WebError::unauthorized().into_response(),
                negotiate(&parts.headers, None),
            );
        }
        Caller::Anonymous => None,
    };
    let lang = negotiate(&parts.headers, principal.as_ref());
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());

    let allowed = match (guard.access, &principal) {
        (Access::Public, _) => Ok(()),
        (Access::Catalogue, Some(_)) => Ok(()),
        (Access::Catalogue, None) if state.config.public_catalogue => Ok(()),
        (Access::Permission(permission), Some(principal)) if principal.can(permission) => Ok(()),
        (Access::Permission(_), Some(_)) => Err(WebError::forbidden().into_response()),
        (Access::Session(permission), Some(principal)) if principal.can(permission) => {
            match principal.auth {
                AuthMethod::Session { .. } => Ok(()),
                AuthMethod::Token { .. } => Err(WebError::from(ServiceError::Denied(
                    Denial::TokenNeedsSession,
                ))
                .into_response()),
            }
        }
        (Access::Session(_), Some(_)) => Err(WebError::forbidden().into_response()),
        (_, None) => Err(sign_in_required(guard.kind, &parts.method, &path_and_query)),
    };
    if let Err(response) = allowed {
        return with_lang(response, lang);
    }

    // Anonymous browsers get a CSRF token of their own in a cookie.
    let session_csrf = principal
        .as_ref()
        .and_then(|principal| principal.csrf_token().map(str::to_owned));
    let cookie_csrf = cookie(&parts.headers, CSRF_COOKIE).filter(|value| value.len() == 64);
    let mut new_cookie = None;
    let csrf = match (&session_csrf, &cookie_csrf) {
        (Some(token), _) => token.clone(),
        (None, Some(token)) => token.clone(),
        (None, None) if guard.kind == RouteKind::Api => String::new(),
        (None, None) => match procura_service::random_hex(32) {
            Ok(token) => {
                new_cookie = Some(token.clone());
                token
            }
            Err(error) => return WebError::from(error).into_response(),
        },
    };

    let mut body = Body::new(body);
    if is_unsafe(&parts.method) && !bearer {
        if !origin_allowed(state, &parts.headers) {
            return with_lang(WebError::csrf().into_response(), lang);
        }
        let expected = session_csrf.clone().or(cookie_csrf.clone());
        let (provided, rebuilt) = match csrf_from_request(
            &parts.headers,
            parts.uri.query(),
            body,
            state.config.max_body_bytes,
        )
        .await
        {
            Ok(found) => found,
            Err(response) => return with_lang(response, lang),
        };
        body = rebuilt;
        let valid = matches!((&expected, &provided), (Some(expected), Some(provided)) if procura_service::constant_time_eq(expected, provided));
        if !valid {
            return with_lang(WebError::csrf().into_response(), lang);
        }
    }

    parts.extensions.insert(RequestContext {
        principal,
        lang,
        csrf,
        path: path_and_query,
    });
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(token) = new_cookie {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(state, CSRF_COOKIE, &token, "Strict", None),
        );
    }
    with_lang(response, lang)
}

fn with_lang(mut response: Response, lang: procura_domain::Lang) -> Response {
    response.extensions_mut().insert(lang);
    response
}

fn sign_in_required(kind: RouteKind, method: &Method, path: &str) -> Response {
    match (kind, method) {
        (RouteKind::Page, &Method::GET) => {
            let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
            redirect(&format!("/sign-in?next={next}"))
        }
        _ => WebError::unauthorized().into_response(),
    }
}

/// Browsers say where a request comes from; refuse other sites outright.
fn origin_allowed(state: &AppState, headers: &axum::http::HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|site| site == "cross-site")
    {
        return false;
    }
    match headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
    {
        None | Some("null") => headers.get(header::ORIGIN).is_none(),
        Some(origin) => origin.eq_ignore_ascii_case(state.config.public_url.origin()),
    }
}

/// The CSRF token from the header, or from the `csrf` field of a URL-encoded
/// form (the body is read and handed on unchanged).
async fn csrf_from_request(
    headers: &axum::http::HeaderMap,
    query: Option<&str>,
    body: Body,
    limit: usize,
) -> Result<(Option<String>, Body), Response> {
    if let Some(token) = headers
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
    {
        return Ok((Some(token.to_owned()), body));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        // A browser upload cannot be read twice, so its form carries the
        // token in the action's query string instead.
        let token = query
            .and_then(|query| {
                form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == CSRF_FIELD)
            })
            .map(|(_, value)| value.into_owned());
        return Ok((token, body));
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Ok((None, body));
    }
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        WebError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "error-too-large",
        )
        .into_response()
    })?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value.into_owned());
    Ok((token, Body::from(bytes)))
}
