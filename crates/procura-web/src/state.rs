//! What every handler can reach.

use std::sync::Arc;

use procura_catalog::Catalog;
use procura_service::{Config, Services};

#[derive(Debug, Clone)]
pub struct AppState {
    pub services: Services,
    pub config: Arc<Config>,
    pub catalog: &'static Catalog,
}

impl AppState {
    pub fn new(services: Services, config: Config, catalog: &'static Catalog) -> AppState {
        AppState {
            services,
            config: Arc::new(config),
            catalog,
        }
    }
}
