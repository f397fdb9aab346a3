//! The one route table: each area declares its routes into it, and the
//! declaration mounts the handler behind the guard of its access and lists
//! the route in [`RouteInfo`] for the tests.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, MethodRouter, on};

use super::access::{Access, RouteInfo, RouteKind};
use super::guard::{Guard, enforce};
use crate::state::AppState;

pub struct Routes {
    state: AppState,
    router: Router<AppState>,
    infos: Vec<RouteInfo>,
}

impl Routes {
    pub fn new(state: AppState) -> Routes {
        Routes {
            state,
            router: Router::new(),
            infos: Vec::new(),
        }
    }

    /// The router of every declared route, and their list.
    pub fn finish(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.infos)
    }

    pub fn add<H, T>(&mut self, method: Method, path: &'static str, access: Access, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
        self.mount(method, path, access, on(filter, handler), None);
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::GET, path, access, handler);
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::POST, path, access, handler);
    }

    pub fn put<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::PUT, path, access, handler);
    }

    pub fn patch<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::PATCH, path, access, handler);
    }

    pub fn delete<H: Handler<T, AppState>, T: 'static>(
        &mut self,
        path: &'static str,
        access: Access,
        handler: H,
    ) {
        self.add(Method::DELETE, path, access, handler);
    }

    /// A POST that receives a file: the larger upload limit applies.
    pub fn upload<H: Handler<T, AppState>, T: 'static>(
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

    /// Mounts an endpoint behind the guard of its access and lists it;
    /// `body_limit` replaces the default request body limit.
    fn mount(
        &mut self,
        method: Method,
        path: &'static str,
        access: Access,
        endpoint: MethodRouter<AppState>,
        body_limit: Option<usize>,
    ) {
        let kind = RouteKind::of(path);
        let guard = Guard {
            state: self.state.clone(),
            access,
            kind,
        };
        let mut endpoint = endpoint.route_layer(from_fn_with_state(guard, enforce));
        if let Some(limit) = body_limit {
            endpoint = endpoint.layer(DefaultBodyLimit::max(limit));
        }
        self.router = std::mem::take(&mut self.router).route(path, endpoint);
        self.infos.push(RouteInfo {
            method,
            path,
            access,
            kind,
        });
    }
}
