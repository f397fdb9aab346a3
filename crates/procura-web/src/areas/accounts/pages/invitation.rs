//! Joining through an invitation link: the person it was sent to chooses
//! their own password, and the account is created with it — nothing to
//! change at the first sign-in — and signed in. The link's secret is the
//! only key; wrong links are throttled per address.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use procura_domain::InvitationLinkRecord;
use procura_i18n::MessageKey;
use serde::Deserialize;

use super::session::signed_in;
use crate::auth::now;
use crate::client::ClientAddress;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::Form;
use crate::kit::time::format_time;
use crate::render::{Page, RequestContext, html_for};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    page: Page,
    token: String,
    /// Who invites the reader, where, as what.
    lead: String,
    email: String,
    name: String,
    /// Until when the link works, in words.
    expires: String,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    context: &RequestContext,
    token: &str,
    link: InvitationLinkRecord,
    error: Option<WebError>,
) -> WebResult<Response> {
    let tr = context.tr();
    let lead = tr.with(
        "accounts-security-invitation-lead",
        &[
            ("inviter", link.inviter_email.to_string().into()),
            ("organisation", link.organisation_name.clone().into()),
            ("role", tr.t(&link.role.message_key()).into()),
        ],
    );
    let title = tr.t("accounts-security-invitation-title");
    let page = Page::new(state, context, "", title).await;
    let status = error.as_ref().map(|error| error.status);
    html_for(
        status,
        &InvitationPage {
            page,
            token: token.to_owned(),
            lead,
            email: link.email.to_string(),
            name: link.display_name,
            expires: tr.with(
                "accounts-security-invitation-expires",
                &[("date", format_time(link.expires_at.millis()).into())],
            ),
            error: error.as_ref().map(|error| message(context, error)),
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
) -> WebResult<Response> {
    let link = state
        .services
        .open_invitation_link(&token, &client.text(), now())
        .await?
        .map_err(WebError::from)?;
    render(&state, &context, &token, link, None).await
}

#[derive(Deserialize)]
pub struct AcceptForm {
    password: String,
}

/// Creates the account with the password chosen, and signs it in.
pub async fn accept(
    State(state): State<AppState>,
    context: RequestContext,
    client: ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> WebResult<Response> {
    let address = client.text();
    let error = match state
        .services
        .accept_invitation_link(&token, &form.password, &address, now())
        .await
    {
        Ok(Ok(session)) => return Ok(signed_in(&state, &session, "/catalogue")),
        Ok(Err(refusal)) => return Err(refusal.into()),
        Err(error) => WebError::from(error),
    };
    // A password the policy refuses, or an address that got an account
    // meanwhile: the form again, with the reason.
    if !fixable(&error) {
        return Err(error);
    }
    let link = state
        .services
        .open_invitation_link(&token, &address, now())
        .await?
        .map_err(WebError::from)?;
    render(&state, &context, &token, link, Some(error)).await
}
