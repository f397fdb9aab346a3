//! What every handler can reach.

use std::sync::Arc;

use procura_catalog::Catalog;
use procura_service::{Config, Services};

use crate::kit::json_cache::JsonCache;

#[derive(Debug, Clone)]
pub struct AppState {
    pub services: Services,
    pub config: Arc<Config>,
    pub catalog: &'static Catalog,
    /// The catalogue's and the requirement library's answers, serialised once.
    pub cached: Arc<JsonCache>,
}

impl AppState {
    pub fn new(services: Services, config: Config, catalog: &'static Catalog) -> AppState {
        AppState {
            services,
            config: Arc::new(config),
            catalog,
            cached: Arc::default(),
        }
    }
}
