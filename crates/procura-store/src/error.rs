//! Storage errors, sorted into what a caller can act on.

/// A storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (a duplicate e-mail, name, …).
    #[error("a record with the same {what} already exists")]
    Duplicate { what: &'static str },
    /// The database holds a value Procura cannot have written.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error
            && db.is_unique_violation()
        {
            let constraint = db.constraint().unwrap_or_default().to_owned();
            let message = db.message().to_owned();
            return StoreError::Duplicate {
                what: duplicate_field(&constraint, &message),
            };
        }
        StoreError::Database(error)
    }
}

/// Names the field behind a unique violation; SQLite reports columns in the
/// message, PostgreSQL the constraint name.
fn duplicate_field(constraint: &str, message: &str) -> &'static str {
    let haystack = format!("{constraint} {message}");
    if haystack.contains("email") {
        "e-mail address"
    } else if haystack.contains("organisations") && haystack.contains("name") {
        "organisation name"
    } else if haystack.contains("memberships") {
        "membership"
    } else if haystack.contains("invitations") {
        "invitation"
    } else {
        "key"
    }
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}
