//! Storage errors, sorted into what a caller can act on.

use procura_domain::Unique;

/// A storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (a duplicate e-mail, name, …).
    #[error("a record breaking the rule {0:?} already exists")]
    Duplicate(Unique),
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
            return StoreError::Duplicate(broken_rule(db.constraint(), db.message()));
        }
        StoreError::Database(error)
    }
}

/// Each uniqueness rule with the name PostgreSQL gives its constraint and
/// the columns SQLite names in its message, as the migrations create them.
const RULES: [(Unique, &str, &str); 10] = [
    (Unique::Email, "users_email_key", "users.email"),
    (
        Unique::OrganisationName,
        "organisations_name_key",
        "organisations.name",
    ),
    (
        Unique::Membership,
        "memberships_pkey",
        "memberships.organisation_id, memberships.user_id",
    ),
    (
        Unique::Invitation,
        "invitations_organisation_id_user_id_key",
        "invitations.organisation_id, invitations.user_id",
    ),
    (
        Unique::Invitation,
        "invitation_links_organisation_id_email_key",
        "invitation_links.organisation_id, invitation_links.email",
    ),
    (
        Unique::ProjectReference,
        "projects_organisation_id_reference_key",
        "projects.organisation_id, projects.reference",
    ),
    (
        Unique::SupplierName,
        "suppliers_organisation_id_name_key_key",
        "suppliers.organisation_id, suppliers.name_key",
    ),
    (
        Unique::RequirementCode,
        "custom_requirements_organisation_id_code_key",
        "custom_requirements.organisation_id, custom_requirements.code",
    ),
    (
        Unique::TenderSelection,
        "tender_selections_pkey",
        "tender_selections.project_id",
    ),
    (Unique::Award, "bids_one_award", "bids.project_id"),
];

/// Names the rule behind a unique violation: PostgreSQL reports the
/// constraint, SQLite only a message listing the columns.
fn broken_rule(constraint: Option<&str>, message: &str) -> Unique {
    let columns = message.strip_prefix("UNIQUE constraint failed: ");
    RULES
        .iter()
        .find(|(_, postgres, sqlite)| constraint == Some(*postgres) || columns == Some(*sqlite))
        .map_or(Unique::Other, |(rule, _, _)| *rule)
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(constraint: Option<&str>, message: &str, expected: Unique) {
        assert_eq!(
            broken_rule(constraint, message),
            expected,
            "{constraint:?} {message:?}"
        );
    }

    #[test]
    fn violations_name_their_rule_on_both_backends() {
        let postgres = "duplicate key value violates unique constraint";
        check(Some("users_email_key"), postgres, Unique::Email);
        check(Some("memberships_pkey"), postgres, Unique::Membership);
        check(Some("bids_one_award"), postgres, Unique::Award);
        check(
            Some("invitation_links_organisation_id_email_key"),
            postgres,
            Unique::Invitation,
        );
        check(Some("api_tokens_token_hash_key"), postgres, Unique::Other);
        check(
            None,
            "UNIQUE constraint failed: organisations.name",
            Unique::OrganisationName,
        );
        check(
            None,
            "UNIQUE constraint failed: suppliers.organisation_id, suppliers.name_key",
            Unique::SupplierName,
        );
        check(
            None,
            "UNIQUE constraint failed: projects.organisation_id, projects.reference",
            Unique::ProjectReference,
        );
        check(
            None,
            "UNIQUE constraint failed: invitation_links.organisation_id, invitation_links.email",
            Unique::Invitation,
        );
        check(
            None,
            "UNIQUE constraint failed: checklist_items.id",
            Unique::Other,
        );
    }
}
