//! First run: with no user at all, a one-time token lets whoever holds it
//! create the first organisation and its administrator.

use procura_domain::{AuditAction, Email, Name, OrganisationId, Role, Timestamp, UserId};
use procura_store::users::PasswordChange;
use procura_store::{organisations, setup, users};
use serde_json::json;

use crate::audit::{Actor, Change, record};
use crate::auth::open_session;
use crate::secret::{digest, new_uuid, random_hex};
use crate::{Invalid, NewSession, ServiceError, Services, password};

/// What the setup form collects.
#[derive(Debug, Clone)]
pub struct SetupRequest<'a> {
    pub token: &'a str,
    pub organisation: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
}

impl Services {
    /// When no user exists yet, issues a new setup token (replacing any older
    /// one) and returns it for the server to print once.
    pub async fn prepare_setup(&self, now: Timestamp) -> Result<Option<String>, ServiceError> {
        let mut tx = self.store().begin().await?;
        if users::count(&mut tx).await? > 0 {
            return Ok(None);
        }
        let token = random_hex(24)?;
        setup::replace(&mut tx, &digest(&token), now).await?;
        tx.commit().await?;
        Ok(Some(token))
    }

    pub async fn setup_token_is_valid(&self, token: &str) -> Result<bool, ServiceError> {
        let mut conn = self.store().connection().await?;
        Ok(setup::exists(&mut conn, &digest(token)).await?)
    }

    /// Creates the first organisation and its administrator (also an instance
    /// operator), consumes the token and signs the administrator in.
    pub async fn complete_setup(
        &self,
        request: SetupRequest<'_>,
        now: Timestamp,
    ) -> Result<NewSession, ServiceError> {
        let organisation_name =
            Name::parse(request.organisation).map_err(|_| Invalid::OrganisationName)?;
        let email = Email::parse(request.email).map_err(|_| Invalid::Email)?;
        let display_name = Name::parse(request.display_name).map_err(|_| Invalid::Name)?;
        password::check_policy(request.password, email.as_str())?;
        let password_hash = password::hash(request.password.to_owned()).await?;

        let mut tx = self.store().begin().await?;
        if !setup::take(&mut tx, &digest(request.token)).await? || users::count(&mut tx).await? > 0
        {
            return Err(ServiceError::Invalid(Invalid::SetupToken));
        }
        let organisation = OrganisationId::from_uuid(new_uuid()?);
        organisations::insert(&mut tx, organisation, &organisation_name, now).await?;
        let user = UserId::from_uuid(new_uuid()?);
        users::insert(
            &mut tx,
            &users::NewUser {
                id: user,
                email: &email,
                display_name: display_name.as_str(),
                password_hash: &password_hash,
                password_change: PasswordChange::NotRequired,
                superadmin: true,
                now,
            },
        )
        .await?;
        users::add_membership(&mut tx, organisation, user, Role::Admin, now).await?;
        let session = open_session(&mut tx, user, organisation, now).await?;
        record(
            &mut tx,
            now,
            Change {
                organisation: Some(organisation),
                action: AuditAction::InstanceSetup,
                object: format!("organisation:{organisation}"),
                detail: json!({ "organisation": organisation_name.as_str(), "administrator": email.as_str() }),
                actor: Actor::User(&session.principal),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }
}
