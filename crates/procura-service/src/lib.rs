//! Procura's use cases: the one boundary the web interface and the CLI both
//! call. Plain data in, plain data out; every change is one transaction that
//! also appends its audit entry, and every organisation-owned read passes the
//! caller's organisation to the store.

mod account;
mod audit;
mod auth;
pub mod bids;
mod config;
mod error;
mod home;
mod invitation_links;
mod members;
mod network;
mod operators;
mod organisations;
pub mod packaging;
mod password;
mod principal;
mod projects;
pub mod risks;
mod secret;
mod setup;
pub mod suppliers;
pub mod tender;
#[cfg(feature = "testing")]
pub mod testing;
mod timeline;
mod token_cache;
mod transfer;
mod visibility;

pub use account::{DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, NewToken};
pub use audit::{Actor, AuditPage};
pub use auth::{NewSession, SessionPolicy};
pub use config::{Config, ConfigError, LogFormat, PublicUrl, RawConfig, Secret};
pub use error::{
    Denial, FieldProblem, Invalid, ServiceError, StorageFailure, gate_message_key,
    sign_off_message_key,
};
pub use home::{BidToGrade, HomeView, SignOffWaiting};
pub use invitation_links::{INVITATION_LINK_DAYS, InvitationLinkRefusal, IssuedInvitationLink};
pub use members::{Added, FirstPassword, NewMember};
pub use network::IpNetwork;
pub use operators::{IssuedToken, UserAdded};
pub use principal::{AuthMethod, Principal};
/// The supplier and bid records the pages and the API name, as the store
/// reads them; they leave the store with the rest of the bid code.
pub use procura_store::{Backend, DatabaseUrl};
pub use projects::{
    BulkChange, ChecklistView, ItemChange, PageRequest, PortfolioEntry, PortfolioFilter,
    PortfolioPage, ProjectInput, ProjectView, sanitise_filename, sniff_content_type,
};
pub use secret::{constant_time_eq, random_hex};
pub use setup::SetupRequest;
pub use token_cache::TOKEN_CACHE_TTL;
pub use transfer::{
    EventData, EvidenceClaims, EvidenceData, ImportedHistory, ImportedHistoryData, ItemClaims,
    ItemData, ProjectData, ProjectExport, SignOffData, SourceData, StakeholderData,
};

use std::sync::Arc;

use procura_store::Store;

use crate::token_cache::TokenCache;

/// Everything the use cases need: the store and the session rules.
#[derive(Debug, Clone)]
pub struct Services {
    store: Store,
    sessions: SessionPolicy,
    tokens: Arc<TokenCache>,
}

impl Services {
    fn new(store: Store, sessions: SessionPolicy) -> Services {
        Services {
            store,
            sessions,
            tokens: Arc::default(),
        }
    }

    /// Connects to the database and brings its schema up to date.
    pub async fn open(
        database: &DatabaseUrl,
        sessions: SessionPolicy,
    ) -> Result<Services, ServiceError> {
        let store = Store::connect(database).await?;
        store.migrate().await?;
        Ok(Services::new(store, sessions))
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Which database the services run on, for the server's first log line.
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// Whether the database answers, for the readiness check.
    pub async fn ping(&self) -> Result<(), ServiceError> {
        Ok(self.store.ping().await?)
    }

    /// Closes the database connections once the work is done.
    pub async fn close(&self) {
        self.store.close().await;
    }

    pub fn session_policy(&self) -> SessionPolicy {
        self.sessions
    }

    pub(crate) fn token_cache(&self) -> &TokenCache {
        &self.tokens
    }
}
