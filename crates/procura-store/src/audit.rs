//! The append-only audit log. Each entry carries a SHA-256 over its own
//! content and the previous entry's hash, so editing or removing an entry
//! breaks the chain from that point, and `verify` finds it.

use sha2::{Digest, Sha256};

use procura_domain::{
    AuditEntry, AuditFilter, AuditVerification, OrganisationId, Timestamp, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, Raw, Tx, on};
use crate::error::StoreError;

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, before it is numbered and chained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub at: Timestamp,
    pub organisation_id: Option<OrganisationId>,
    pub actor_id: Option<UserId>,
    /// Who acted, readable without a join: an e-mail, `system` or `cli`.
    pub actor: String,
    /// A dotted verb such as `user.sign_in` or `token.revoke`.
    pub action: String,
    /// What was acted on, such as `user:<id>`.
    pub object: String,
    /// A JSON object with the details.
    pub detail: String,
}

/// An entry as stored: the text its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    pub seq: i64,
    pub at: i64,
    pub organisation_id: Option<String>,
    pub actor_id: Option<String>,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            seq: row.read("seq")?,
            at: row.read("at")?,
            organisation_id: row.read("organisation_id")?,
            actor_id: row.read("actor_id")?,
            actor: row.read("actor")?,
            action: row.read("action")?,
            object: row.read("object")?,
            detail: row.read("detail")?,
            prev_hash: row.read("prev_hash")?,
            hash: row.read("hash")?,
        })
    }
}

impl Row {
    /// The hash this entry should have, from its content and `prev_hash`.
    fn expected_hash(&self) -> String {
        let seq = self.seq.to_string();
        let at = self.at.to_string();
        let fields = [
            seq.as_str(),
            at.as_str(),
            self.organisation_id.as_deref().unwrap_or(""),
            self.actor_id.as_deref().unwrap_or(""),
            &self.actor,
            &self.action,
            &self.object,
            &self.detail,
            &self.prev_hash,
        ];
        let mut hasher = Sha256::new();
        // Length prefixes keep field boundaries unambiguous.
        for field in fields {
            hasher.update(field.len().to_string().as_bytes());
            hasher.update(b":");
            hasher.update(field.as_bytes());
            hasher.update(b"\n");
        }
        hex::encode(hasher.finalize())
    }

    fn into_entry(self) -> AuditEntry {
        AuditEntry {
            seq: self.seq,
            at: self.at,
            organisation_id: self.organisation_id,
            actor_id: self.actor_id,
            actor: self.actor,
            action: self.action,
            object: self.object,
            detail: self.detail,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

/// Appends an entry inside the caller's transaction, so the change and its
/// record commit or fail together. Writers are serialised (SQLite's write
/// lock; an advisory lock on PostgreSQL) so the chain never forks.
pub async fn append(tx: &mut Tx, entry: NewEntry) -> Result<i64, StoreError> {
    if let Raw::Postgres(c) = tx.raw() {
        sqlx::query("SELECT pg_advisory_xact_lock(7243019)")
            .execute(c)
            .await?;
    }
    const LAST: &str = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
    let last: Option<(i64, String)> = on!(tx, |c| sqlx::query_as(LAST).fetch_optional(c).await)?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let mut row = Row {
        seq,
        at: entry.at.millis(),
        organisation_id: entry.organisation_id.map(|id| id.to_string()),
        actor_id: entry.actor_id.map(|id| id.to_string()),
        actor: entry.actor,
        action: entry.action,
        object: entry.object,
        detail: entry.detail,
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.expected_hash();
    const INSERT: &str = "INSERT INTO audit_log (seq, at, organisation_id, actor_id, actor, action, object, detail, prev_hash, hash) \
                          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    on!(tx, |c| sqlx::query(INSERT)
        .bind(row.seq)
        .bind(row.at)
        .bind(&row.organisation_id)
        .bind(&row.actor_id)
        .bind(&row.actor)
        .bind(&row.action)
        .bind(&row.object)
        .bind(&row.detail)
        .bind(&row.prev_hash)
        .bind(&row.hash)
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(seq)
}

/// An organisation's entries, newest first.
pub async fn list(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    const SQL: &str = "SELECT seq, at, organisation_id, actor_id, actor, action, object, detail, prev_hash, hash \
                       FROM audit_log WHERE organisation_id = $1 \
                       AND ($2 IS NULL OR action = $2) \
                       AND ($3 IS NULL OR LOWER(actor) LIKE $3) \
                       AND ($4 IS NULL OR at >= $4) \
                       AND ($5 IS NULL OR at < $5) \
                       ORDER BY seq DESC LIMIT $6 OFFSET $7";
    let actor = filter
        .actor
        .as_deref()
        .map(|actor| format!("%{}%", escape_like(&actor.to_lowercase())));
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(filter.action.as_deref())
        .bind(actor.as_deref())
        .bind(filter.from.map(Timestamp::millis))
        .bind(filter.until.map(Timestamp::millis))
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(Row::into_entry).collect())
}

fn escape_like(text: &str) -> String {
    text.replace(['%', '_'], "")
}

/// Walks every entry in order and checks numbering, links and hashes.
pub async fn verify(conn: &mut impl Connection) -> Result<AuditVerification, StoreError> {
    const SQL: &str = "SELECT seq, at, organisation_id, actor_id, actor, action, object, detail, prev_hash, hash \
                       FROM audit_log ORDER BY seq";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL).fetch_all(c).await)?;
    let mut previous = GENESIS.to_owned();
    for (expected_seq, row) in (1..).zip(rows.iter()) {
        let problem = if row.seq != expected_seq {
            Some("an entry is missing before this one")
        } else if row.prev_hash != previous {
            Some("its link to the previous entry does not match")
        } else if row.hash != row.expected_hash() {
            Some("its content does not match its hash")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Ok(AuditVerification {
                entries: rows.len() as i64,
                first_broken: Some((row.seq, problem)),
            });
        }
        previous.clone_from(&row.hash);
    }
    Ok(AuditVerification {
        entries: rows.len() as i64,
        first_broken: None,
    })
}
