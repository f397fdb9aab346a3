//! Invitations to join an organisation, offered to an existing account that
//! belongs elsewhere. A pending invitation gives nothing: the person becomes a
//! member only when they accept. Answered and cancelled ones are deleted.

use procura_domain::{
    Email, InvitationId, InvitationRecord, OrganisationId, Role, Timestamp, UserId,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

/// What an administrator offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub id: InvitationId,
    pub organisation_id: OrganisationId,
    pub user_id: UserId,
    pub role: Role,
    pub invited_by: UserId,
    pub created_at: Timestamp,
}

struct Row {
    id: String,
    organisation_id: String,
    organisation_name: String,
    user_id: String,
    email: String,
    role: String,
    invited_by: String,
    inviter_email: String,
    created_at: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            organisation_id: row.read("organisation_id")?,
            organisation_name: row.read("organisation_name")?,
            user_id: row.read("user_id")?,
            email: row.read("email")?,
            role: row.read("role")?,
            invited_by: row.read("invited_by")?,
            inviter_email: row.read("inviter_email")?,
            created_at: row.read("created_at")?,
        })
    }
}

impl Row {
    fn into_record(self) -> Result<InvitationRecord, StoreError> {
        Ok(InvitationRecord {
            id: InvitationId::parse(&self.id).ok_or_else(|| corrupt("invitation id", &self.id))?,
            organisation_id: OrganisationId::parse(&self.organisation_id)
                .ok_or_else(|| corrupt("organisation id", &self.organisation_id))?,
            organisation_name: self.organisation_name,
            user_id: UserId::parse(&self.user_id)
                .ok_or_else(|| corrupt("user id", &self.user_id))?,
            email: Email::parse(&self.email).map_err(|_| corrupt("e-mail", &self.email))?,
            role: Role::parse(&self.role).map_err(|_| corrupt("role", &self.role))?,
            invited_by: UserId::parse(&self.invited_by)
                .ok_or_else(|| corrupt("user id", &self.invited_by))?,
            inviter_email: Email::parse(&self.inviter_email)
                .map_err(|_| corrupt("e-mail", &self.inviter_email))?,
            created_at: Timestamp(self.created_at),
        })
    }
}

pub async fn insert(
    conn: &mut impl Connection,
    invitation: &NewInvitation,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO invitations (id, organisation_id, user_id, role, invited_by, created_at) \
                       VALUES ($1, $2, $3, $4, $5, $6)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(invitation.id.to_string())
        .bind(invitation.organisation_id.to_string())
        .bind(invitation.user_id.to_string())
        .bind(invitation.role.id())
        .bind(invitation.invited_by.to_string())
        .bind(invitation.created_at.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The pending invitations an organisation sent, oldest first.
pub async fn for_organisation(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<Vec<InvitationRecord>, StoreError> {
    const SQL: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.user_id, u.email, i.role, \
                       i.invited_by, b.email AS inviter_email, i.created_at \
                       FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
                       JOIN users u ON u.id = i.user_id JOIN users b ON b.id = i.invited_by \
                       WHERE i.organisation_id = $1 ORDER BY i.created_at, u.email";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// The pending invitations addressed to a person, oldest first.
pub async fn for_user(
    conn: &mut impl Connection,
    user: UserId,
) -> Result<Vec<InvitationRecord>, StoreError> {
    const SQL: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.user_id, u.email, i.role, \
                       i.invited_by, b.email AS inviter_email, i.created_at \
                       FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
                       JOIN users u ON u.id = i.user_id JOIN users b ON b.id = i.invited_by \
                       WHERE i.user_id = $1 ORDER BY i.created_at, o.name";
    let rows: Vec<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(user.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// The pending invitation of one organisation to one person, if any.
pub async fn find_pending(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    user: UserId,
) -> Result<Option<InvitationRecord>, StoreError> {
    const SQL: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.user_id, u.email, i.role, \
                       i.invited_by, b.email AS inviter_email, i.created_at \
                       FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
                       JOIN users u ON u.id = i.user_id JOIN users b ON b.id = i.invited_by \
                       WHERE i.organisation_id = $1 AND i.user_id = $2";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(user.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

pub async fn find(
    conn: &mut impl Connection,
    id: InvitationId,
) -> Result<Option<InvitationRecord>, StoreError> {
    const SQL: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.user_id, u.email, i.role, \
                       i.invited_by, b.email AS inviter_email, i.created_at \
                       FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
                       JOIN users u ON u.id = i.user_id JOIN users b ON b.id = i.invited_by \
                       WHERE i.id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// Deletes an invitation; `false` when it was already gone.
pub async fn delete(conn: &mut impl Connection, id: InvitationId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM invitations WHERE id = $1";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}
