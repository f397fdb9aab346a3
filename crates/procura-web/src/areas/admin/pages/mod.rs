//! The administration pages: people and roles, organisations, the audit log.

pub mod audit;
pub mod organisations;
pub mod users;
