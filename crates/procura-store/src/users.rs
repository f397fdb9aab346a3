//! People and their membership of organisations.

use procura_domain::{
    Email, Lang, MemberRecord, OrganisationId, OrganisationRecord, Role, Timestamp, UserId,
    UserRecord,
};

use crate::columns::Columns;
use crate::connection::{Connection, on};
use crate::error::{StoreError, corrupt};

struct Row {
    id: String,
    email: String,
    display_name: String,
    password_hash: String,
    superadmin: bool,
    lang: Option<String>,
    password_change_required: bool,
    created_at: i64,
    version: i64,
}

impl<R: Columns> sqlx::FromRow<'_, R> for Row {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(Row {
            id: row.read("id")?,
            email: row.read("email")?,
            display_name: row.read("display_name")?,
            password_hash: row.read("password_hash")?,
            superadmin: row.read("superadmin")?,
            lang: row.read("lang")?,
            password_change_required: row.read("password_change_required")?,
            created_at: row.read("created_at")?,
            version: row.read("version")?,
        })
    }
}

impl Row {
    fn into_record(self) -> Result<UserRecord, StoreError> {
        Ok(UserRecord {
            id: UserId::parse(&self.id).ok_or_else(|| corrupt("user id", &self.id))?,
            email: Email::parse(&self.email).map_err(|_| corrupt("e-mail", &self.email))?,
            display_name: self.display_name,
            password_hash: self.password_hash,
            superadmin: self.superadmin,
            lang: self.lang.as_deref().and_then(|lang| Lang::parse(lang).ok()),
            password_change_required: self.password_change_required,
            created_at: Timestamp(self.created_at),
            version: self.version,
        })
    }
}

struct MemberRow {
    user: Row,
    role: String,
}

impl<R: Columns> sqlx::FromRow<'_, R> for MemberRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(MemberRow {
            user: sqlx::FromRow::from_row(row)?,
            role: row.read("role")?,
        })
    }
}

impl MemberRow {
    fn into_record(self) -> Result<MemberRecord, StoreError> {
        let role = Role::parse(&self.role).map_err(|_| corrupt("role", &self.role))?;
        Ok(MemberRecord {
            user: self.user.into_record()?,
            role,
        })
    }
}

struct MembershipRow {
    id: String,
    name: String,
    time_zone: String,
    created_at: i64,
    version: i64,
    role: String,
}

impl<R: Columns> sqlx::FromRow<'_, R> for MembershipRow {
    fn from_row(row: &R) -> sqlx::Result<Self> {
        Ok(MembershipRow {
            id: row.read("id")?,
            name: row.read("name")?,
            time_zone: row.read("time_zone")?,
            created_at: row.read("created_at")?,
            version: row.read("version")?,
            role: row.read("role")?,
        })
    }
}

/// Whether the owner of a password must replace it at their next sign-in:
/// required when someone else (an administrator) typed or reset it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordChange {
    NotRequired,
    Required,
}

impl PasswordChange {
    fn is_required(self) -> bool {
        self == PasswordChange::Required
    }
}

#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a Email,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub password_change: PasswordChange,
    pub superadmin: bool,
    pub now: Timestamp,
}

pub async fn insert(conn: &mut impl Connection, user: &NewUser<'_>) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO users (id, email, display_name, password_hash, password_change_required, \
                       superadmin, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(user.id.to_string())
        .bind(user.email.as_str())
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(user.password_change.is_required())
        .bind(user.superadmin)
        .bind(user.now.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn count(conn: &mut impl Connection) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM users";
    let (count,): (i64,) = on!(conn, |c| sqlx::query_as(SQL).fetch_one(c).await)?;
    Ok(count)
}

pub async fn find(
    conn: &mut impl Connection,
    id: UserId,
) -> Result<Option<UserRecord>, StoreError> {
    const SQL: &str = "SELECT id, email, display_name, password_hash, superadmin, lang, password_change_required, \
                       created_at, version \
                       FROM users WHERE id = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

pub async fn find_by_email(
    conn: &mut impl Connection,
    email: &Email,
) -> Result<Option<UserRecord>, StoreError> {
    const SQL: &str = "SELECT id, email, display_name, password_hash, superadmin, lang, password_change_required, \
                       created_at, version \
                       FROM users WHERE email = $1";
    let row: Option<Row> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(email.as_str())
        .fetch_optional(c)
        .await)?;
    row.map(Row::into_record).transpose()
}

/// Replaces a password; `change` says whether its owner must replace it in
/// turn at their next sign-in.
pub async fn set_password(
    conn: &mut impl Connection,
    id: UserId,
    password_hash: &str,
    change: PasswordChange,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE users SET password_hash = $1, password_change_required = $2, \
                       version = version + 1 WHERE id = $3";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(password_hash)
        .bind(change.is_required())
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn set_lang(
    conn: &mut impl Connection,
    id: UserId,
    lang: Option<Lang>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE users SET lang = $1, version = version + 1 WHERE id = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(lang.map(Lang::code))
        .bind(id.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn add_membership(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    user: UserId,
    role: Role,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)";
    on!(conn, |c| sqlx::query(SQL)
        .bind(organisation.to_string())
        .bind(user.to_string())
        .bind(role.id())
        .bind(now.millis())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Changes a member's role; `false` when the user is not a member of this organisation.
pub async fn set_role(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    user: UserId,
    role: Role,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE memberships SET role = $1 WHERE organisation_id = $2 AND user_id = $3";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(role.id())
        .bind(organisation.to_string())
        .bind(user.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

pub async fn remove_membership(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    user: UserId,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2";
    let done = on!(conn, |c| sqlx::query(SQL)
        .bind(organisation.to_string())
        .bind(user.to_string())
        .execute(c)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// One member of one organisation; `None` for a user of another organisation.
pub async fn find_member(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    user: UserId,
) -> Result<Option<MemberRecord>, StoreError> {
    const SQL: &str = "SELECT u.id, u.email, u.display_name, u.password_hash, u.superadmin, u.lang, \
                       u.password_change_required, u.created_at, u.version, m.role \
                       FROM users u JOIN memberships m ON m.user_id = u.id \
                       WHERE m.organisation_id = $1 AND u.id = $2";
    let row: Option<MemberRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(user.to_string())
        .fetch_optional(c)
        .await)?;
    row.map(MemberRow::into_record).transpose()
}

pub async fn members(
    conn: &mut impl Connection,
    organisation: OrganisationId,
) -> Result<Vec<MemberRecord>, StoreError> {
    const SQL: &str = "SELECT u.id, u.email, u.display_name, u.password_hash, u.superadmin, u.lang, \
                       u.password_change_required, u.created_at, u.version, m.role \
                       FROM users u JOIN memberships m ON m.user_id = u.id \
                       WHERE m.organisation_id = $1 ORDER BY u.email";
    let rows: Vec<MemberRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter().map(MemberRow::into_record).collect()
}

pub async fn count_with_role(
    conn: &mut impl Connection,
    organisation: OrganisationId,
    role: Role,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 AND role = $2";
    let (count,): (i64,) = on!(conn, |c| sqlx::query_as(SQL)
        .bind(organisation.to_string())
        .bind(role.id())
        .fetch_one(c)
        .await)?;
    Ok(count)
}

/// The organisations a user belongs to, with their role in each, by name.
pub async fn memberships_of(
    conn: &mut impl Connection,
    user: UserId,
) -> Result<Vec<(OrganisationRecord, Role)>, StoreError> {
    const SQL: &str = "SELECT o.id, o.name, o.time_zone, o.created_at, o.version, m.role \
                       FROM organisations o JOIN memberships m ON m.organisation_id = o.id \
                       WHERE m.user_id = $1 ORDER BY o.name";
    let rows: Vec<MembershipRow> = on!(conn, |c| sqlx::query_as(SQL)
        .bind(user.to_string())
        .fetch_all(c)
        .await)?;
    rows.into_iter()
        .map(|row| {
            let id = OrganisationId::parse(&row.id)
                .ok_or_else(|| corrupt("organisation id", &row.id))?;
            let role = Role::parse(&row.role).map_err(|_| corrupt("role", &row.role))?;
            Ok((
                OrganisationRecord {
                    id,
                    time_zone: procura_domain::TimeZone::parse(&row.time_zone)
                        .ok_or_else(|| corrupt("time zone", &row.time_zone))?,
                    name: row.name,
                    created_at: Timestamp(row.created_at),
                    version: row.version,
                },
                role,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use procura_domain::Name;

    use super::*;
    use crate::organisations;
    use crate::testing::fresh_stores;

    const NOW: Timestamp = Timestamp(1_767_225_600_000);

    /// Whether a password must change is stored with the account, read
    /// back by every query that reads accounts, and set by each new password.
    #[tokio::test]
    async fn whether_a_password_must_change_round_trips() {
        for store in fresh_stores().await.unwrap() {
            let mut tx = store.begin().await.unwrap();
            let organisation = OrganisationId::from_uuid(uuid::Uuid::new_v4());
            organisations::insert(&mut tx, organisation, &Name::parse("CHU").unwrap(), NOW)
                .await
                .unwrap();
            let user = UserId::from_uuid(uuid::Uuid::new_v4());
            let email = Email::parse("new@chu.example").unwrap();
            insert(
                &mut tx,
                &NewUser {
                    id: user,
                    email: &email,
                    display_name: "Nouvelle",
                    password_hash: "typed by an administrator",
                    password_change: PasswordChange::Required,
                    superadmin: false,
                    now: NOW,
                },
            )
            .await
            .unwrap();
            add_membership(&mut tx, organisation, user, Role::It, NOW)
                .await
                .unwrap();
            tx.commit().await.unwrap();

            let mut conn = store.connection().await.unwrap();
            let required = |record: Option<UserRecord>| record.unwrap().password_change_required;
            assert!(required(find(&mut conn, user).await.unwrap()));
            assert!(required(find_by_email(&mut conn, &email).await.unwrap()));
            let member = find_member(&mut conn, organisation, user).await.unwrap();
            assert!(required(member.map(|member| member.user)));
            assert!(
                members(&mut conn, organisation).await.unwrap()[0]
                    .user
                    .password_change_required
            );

            assert!(
                set_password(&mut conn, user, "chosen", PasswordChange::NotRequired)
                    .await
                    .unwrap()
            );
            let chosen = find(&mut conn, user).await.unwrap().unwrap();
            assert!(!chosen.password_change_required);
            assert_eq!(
                (chosen.password_hash.as_str(), chosen.version),
                ("chosen", 2)
            );

            assert!(
                set_password(&mut conn, user, "reset", PasswordChange::Required)
                    .await
                    .unwrap()
            );
            assert!(required(find(&mut conn, user).await.unwrap()));
        }
    }
}
