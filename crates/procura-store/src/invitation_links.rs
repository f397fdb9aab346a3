//! Invitations to create an account, sent as one-time links to addresses
//! that have none yet. Only the SHA-256 of a link's secret is stored; a link
//! is deleted when it is used, replaced or cancelled.

use procura_domain::{
    Email, InvitationId, InvitationLinkRecord, OrganisationId, Role, Timestamp, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

/// What an administrator offers to an address without an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitationLink<'a> {
    pub id: InvitationId,
    pub organisation_id: OrganisationId,
    pub email: &'a Email,
    pub display_name: &'a str,
    pub role: Role,
    pub invited_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

struct Row {
    id: String,
    organisation_id: String,
    organisation_name: String,
    email: String,
    display_name: String,
    role: String,
    invited_by: String,
    inviter_email: String,
    created_at: i64,
    expires_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            organisation_id: row.read("organisation_id")?,
            organisation_name: row.read("organisation_name")?,
            email: row.read("email")?,
            display_name: row.read("display_name")?,
            role: row.read("role")?,
            invited_by: row.read("invited_by")?,
            inviter_email: row.read("inviter_email")?,
            created_at: row.read("created_at")?,
            expires_at: row.read("expires_at")?,
        })
    }
}

impl Row {
    fn into_record(self) -> Result<InvitationLinkRecord, StoreError> {
        Ok(InvitationLinkRecord {
            id: InvitationId::parse(&self.id).ok_or_else(|| corrupt("invitation id", &self.id))?,
            organisation_id: OrganisationId::parse(&self.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &self.organisation_id))?,
            organisation_name: self.organisation_name,
            email: Email::parse(&self.email).map_err(|_| corrupt("e-mail", &self.email))?,
            display_name: self.display_name,
            role: Role::parse(&self.role).map_err(|_| corrupt("role", &self.role))?,
            invited_by: UserId::parse(&self.invited_by)
                .ok_or_else(|| corrupt("user id", &self.invited_by))?,
            inviter_email: Email::parse(&self.inviter_email)
                .map_err(|_| corrupt("e-mail", &self.inviter_email))?,
            created_at: Timestamp(self.created_at),
            expires_at: Timestamp(self.expires_at),
        })
    }
}

/// A read of links with the names a page shows, then `$rest` (its `WHERE`
/// clause), as one literal.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT l.id, l.organisation_id, o.name AS organisation_name, l.email, l.display_name, ",
            "l.role, l.invited_by, b.email AS inviter_email, l.created_at, l.expires_at ",
            "FROM invitation_links l JOIN organisations o ON o.id = l.organisation_id ",
            "JOIN users b ON b.id = l.invited_by ",
            $rest
        )
    };
}

pub async fn insert(
    conn: &mut impl Connection,
    link: &NewInvitationLink<'_>,
    secret_hash: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO invitation_links (id, secret_hash, organisation_id, email, display_name, \
                       role, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(link.id.to_string())
        .bind(secret_hash)
        .bind(link.organisation_id.to_string())
        .bind(link.email.as_str())
        .bind(link.display_name)
        .bind(link.role.id())
        .bind(link.invited_by.to_string())
        .bind(link.created_at.millis())
        .bind(link.expires_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The links an organisation sent that nobody used yet, expired ones
/// included, oldest first.
pub async fn for_organisation(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<Vec<InvitationLinkRecord>, StoreError> {
    const SQL: &str = select!("WHERE l.organisation_id = $1 ORDER BY l.created_at, l.email");
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// The link a secret opens, expired or not: the caller tells them apart.
pub async fn find_by_hash(
    conn: &mut impl Connection,
    secret_hash: &str,
) -> Result<Option<InvitationLinkRecord>, StoreError> {
    const SQL: &str = select!("WHERE l.secret_hash = $1");
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(secret_hash)
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// One link of one organisation; another organisation's is `None`.
pub async fn find(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: InvitationId,
) -> Result<Option<InvitationLinkRecord>, StoreError> {
    const SQL: &str = select!("WHERE l.organisation_id = $1 AND l.id = $2");
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// The link an organisation sent to an address, if any.
pub async fn find_for_address(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    email: &Email,
) -> Result<Option<InvitationLinkRecord>, StoreError> {
    const SQL: &str = select!("WHERE l.organisation_id = $1 AND l.email = $2");
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(email.as_str())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// Deletes one link of one organisation; `false` when it was already gone
/// (used, replaced or cancelled meanwhile). Deleting is what makes a link
/// work once: of two uses at the same moment, one deletes it.
pub async fn delete(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    id: InvitationId,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM invitation_links WHERE organisation_id = $1 AND id = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(organisation.to_string())
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

#[cfg(test)]
mod tests {
    use procura_domain::{Name, Unique};

    use super::*;
    use crate::organisations;
    use crate::testing::fresh_stores;
    use crate::users::{self, NewUser, PasswordChange};

    const NOW: Timestamp = Timestamp(1_767_225_600_000);
    const WEEK_MS: i64 = 7 * 86_400_000;

    /// A link is found by its secret's hash only, listed for its
    /// organisation alone, unique per organisation and address, and gone
    /// once deleted: the second deletion finds nothing.
    #[tokio::test]
    async fn a_link_is_found_by_its_hash_and_deleted_once() {
        for store in fresh_stores().await.unwrap() {
            let mut tx = store.begin().await.unwrap();
            let organisation = OrganisationId::from_uuid(uuid::Uuid::new_v4());
            let other = OrganisationId::from_uuid(uuid::Uuid::new_v4());
            organisations::insert(&mut tx, organisation, &Name::parse("CHU").unwrap(), NOW)
                .await
                .unwrap();
            organisations::insert(&mut tx, other, &Name::parse("GHT").unwrap(), NOW)
                .await
                .unwrap();
            let admin = UserId::from_uuid(uuid::Uuid::new_v4());
            let admin_email = Email::parse("admin@chu.example").unwrap();
            users::insert(
                &mut tx,
                &NewUser {
                    id: admin,
                    email: &admin_email,
                    display_name: "Admin",
                    password_hash: "hash",
                    password_change: PasswordChange::NotRequired,
                    superadmin: false,
                    now: NOW,
                },
            )
            .await
            .unwrap();
            let email = Email::parse("new@chu.example").unwrap();
            let link = NewInvitationLink {
                id: InvitationId::from_uuid(uuid::Uuid::new_v4()),
                organisation_id: organisation,
                email: &email,
                display_name: "Nouvelle",
                role: Role::Buyer,
                invited_by: admin,
                created_at: NOW,
                expires_at: Timestamp(NOW.millis() + WEEK_MS),
            };
            insert(&mut tx, &link, "hash-one").await.unwrap();
            tx.commit().await.unwrap();

            let mut conn = store.connection().await.unwrap();
            let again = NewInvitationLink {
                id: InvitationId::from_uuid(uuid::Uuid::new_v4()),
                ..link.clone()
            };
            let duplicate = insert(&mut conn, &again, "hash-two").await;
            assert!(
                matches!(duplicate, Err(StoreError::Duplicate(Unique::Invitation))),
                "{duplicate:?}"
            );
            let found = find_by_hash(&mut conn, "hash-one").await.unwrap().unwrap();
            assert_eq!(
                (
                    found.id,
                    found.organisation_name.as_str(),
                    found.email.as_str()
                ),
                (link.id, "CHU", "new@chu.example")
            );
            assert_eq!(
                (
                    found.display_name.as_str(),
                    found.role,
                    found.inviter_email.as_str()
                ),
                ("Nouvelle", Role::Buyer, "admin@chu.example")
            );
            assert_eq!(found.expires_at, link.expires_at);
            assert!(found.is_usable(NOW));
            assert!(!found.is_usable(link.expires_at));
            assert!(find_by_hash(&mut conn, "hash-two").await.unwrap().is_none());
            assert_eq!(
                for_organisation(&mut conn, organisation).await.unwrap(),
                std::slice::from_ref(&found)
            );
            assert!(for_organisation(&mut conn, other).await.unwrap().is_empty());
            assert!(find(&mut conn, other, link.id).await.unwrap().is_none());
            assert_eq!(
                find_for_address(&mut conn, organisation, &email)
                    .await
                    .unwrap(),
                Some(found)
            );

            assert!(!delete(&mut conn, other, link.id).await.unwrap());
            assert!(delete(&mut conn, organisation, link.id).await.unwrap());
            assert!(!delete(&mut conn, organisation, link.id).await.unwrap());
            assert!(find_by_hash(&mut conn, "hash-one").await.unwrap().is_none());
        }
    }
}
