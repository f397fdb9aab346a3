//! The audit log as read back: entries exactly as stored, since each one's
//! hash covers the stored text, the filters of a reading, and the result of
//! checking the chain.

use crate::Timestamp;

/// One entry of the audit log, field for field as stored and hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    /// Milliseconds since the Unix epoch, UTC.
    pub at: i64,
    pub organisation_id: Option<String>,
    pub actor_id: Option<String>,
    /// Who acted, readable without a join: an e-mail, `cli`, `anonymous:…`
    /// or `portal:…`.
    pub actor: String,
    /// The id of an `AuditAction` (`user.sign_in`).
    pub action: String,
    /// What was acted on, such as `user:<id>`.
    pub object: String,
    /// A JSON object with the details.
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Filters for reading an organisation's log. `None` does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// An action's stored id; an id no action has matches nothing.
    pub action: Option<String>,
    /// Part of the actor's e-mail, any case.
    pub actor: Option<String>,
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditVerification {
    pub entries: i64,
    /// The first entry whose hash or link does not hold, with what is wrong.
    pub first_broken: Option<(i64, &'static str)>,
}
