//! Procura's storage: one [`Store`] over SQLite (embedded, zero setup) and
//! PostgreSQL (several stateless servers), with the same SQL text for both.
//!
//! Queries are runtime-checked `sqlx::query_as` calls over `&'static str`
//! SQL, so every value is a bound parameter. Each resource module takes any
//! [`Connection`] — a pooled connection or a transaction — and every
//! organisation-owned row is read and written with its organisation id in the
//! `WHERE` clause, so tenants cannot see each other's data. The records the
//! use cases hand out are the domain's (`procura_domain::ProjectRecord`, …):
//! each module maps its private rows into them, so how a record is laid out
//! in the database stays here.

mod columns;
mod connection;
mod decode;
mod error;
mod migrations;

pub mod audit;
pub mod bids;
pub mod invitation_links;
pub mod invitations;
pub mod items;
pub mod organisations;
pub mod projects;
pub mod publications;
pub mod risks;
pub mod sessions;
pub mod setup;
pub mod suppliers;
pub mod tender;
pub mod throttle;
pub mod tokens;
pub mod users;

#[cfg(feature = "testing")]
pub mod testing;

pub use connection::{Backend, Connection, DatabaseUrl, Store, Tx};
pub use error::StoreError;
