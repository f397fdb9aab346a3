//! One error type for every handler. A handler returns the status and a
//! translatable message; the `render_errors` layer then turns it into the JSON
//! error body for `/api` and into an error page everywhere else, in the
//! caller's language. Server errors are logged, never shown.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use procura_domain::GateRefusal;
use procura_domain::Unique;
use procura_service::bids::{AnswerProblem, PortalRefusal};
use procura_service::{Invalid, InvitationLinkRefusal, ServiceError};

/// What went wrong, carried in the response's extensions until rendered.
#[derive(Debug, Clone)]
pub struct WebError {
    pub status: StatusCode,
    /// A stable machine-readable code for API clients, such as `not_found`.
    pub code: &'static str,
    /// The i18n key of the message.
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Every problem found in submitted answers, each shown in full.
    pub problems: Vec<AnswerProblem>,
    /// Every field of a form refused, each shown next to its field.
    pub fields: Vec<procura_service::FieldProblem>,
}

impl WebError {
    pub fn new(status: StatusCode, code: &'static str, key: &'static str) -> WebError {
        WebError {
            status,
            code,
            key,
            args: Vec::new(),
            problems: Vec::new(),
            fields: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> WebError {
        self.args.push((name, value.into()));
        self
    }

    pub fn not_found() -> WebError {
        WebError::new(StatusCode::NOT_FOUND, "not_found", "error-not-found")
    }

    pub fn forbidden() -> WebError {
        WebError::new(StatusCode::FORBIDDEN, "forbidden", "error-forbidden")
    }

    pub fn unauthorized() -> WebError {
        WebError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "error-unauthorized",
        )
    }

    pub fn bad_request(key: &'static str) -> WebError {
        WebError::new(StatusCode::BAD_REQUEST, "bad_request", key)
    }

    pub fn invalid(key: &'static str) -> WebError {
        WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", key)
    }

    pub fn csrf() -> WebError {
        WebError::new(StatusCode::FORBIDDEN, "csrf", "error-csrf")
    }

    pub fn internal() -> WebError {
        WebError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "error-internal",
        )
    }

    /// The phase gate stays closed: 409 naming the open items.
    pub fn gate_refused(refusal: &GateRefusal) -> WebError {
        Self::open_items(
            refusal,
            "gate_refused",
            procura_service::gate_message_key(refusal),
        )
    }

    /// The phase is not ready to be signed off: 409 naming what is missing.
    pub fn sign_off_refused(refusal: &GateRefusal) -> WebError {
        Self::open_items(
            refusal,
            "sign_off_refused",
            procura_service::sign_off_message_key(refusal),
        )
    }

    fn open_items(refusal: &GateRefusal, code: &'static str, key: &'static str) -> WebError {
        WebError::new(StatusCode::CONFLICT, code, key)
            .with("count", refusal.open_items.len().to_string())
            .with(
                "items",
                refusal
                    .open_items
                    .iter()
                    .map(|p| p.id())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
    }
}

impl From<ServiceError> for WebError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound => WebError::not_found(),
            ServiceError::Forbidden => WebError::forbidden(),
            ServiceError::Denied(denial) => {
                WebError::new(StatusCode::FORBIDDEN, "forbidden", denial.key())
            }
            ServiceError::Invalid(invalid) => invalid.into(),
            ServiceError::BadCredentials => WebError::new(
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                "error-bad-credentials",
            ),
            ServiceError::RateLimited {
                retry_after_seconds,
            } => WebError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "error-rate-limited",
            )
            .with("seconds", retry_after_seconds.to_string()),
            ServiceError::Busy {
                retry_after_seconds,
            } => WebError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", "error-busy")
                .with("seconds", retry_after_seconds.to_string()),
            ServiceError::Conflict => {
                WebError::new(StatusCode::CONFLICT, "conflict", "error-conflict")
            }
            ServiceError::TenderPublished { number, bids } => WebError::new(
                StatusCode::CONFLICT,
                "tender_published",
                "error-tender-published",
            )
            .with("number", number.to_string())
            .with("bids", bids.to_string()),
            ServiceError::Gate(refusal) => WebError::gate_refused(&refusal),
            ServiceError::SignOffRefused(refusal) => WebError::sign_off_refused(&refusal),
            ServiceError::Weights(refusal) => WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "weights",
                "error-weights-total",
            )
            .with("total", refusal.total.to_string()),
            ServiceError::Duplicate(rule) => {
                let key = match rule {
                    Unique::Email => "error-duplicate-email",
                    Unique::OrganisationName => "error-duplicate-organisation",
                    Unique::Membership => "error-duplicate-membership",
                    Unique::Invitation => "error-duplicate-invitation",
                    Unique::ProjectReference
                    | Unique::SupplierName
                    | Unique::RequirementCode
                    | Unique::TenderSelection
                    | Unique::Award
                    | Unique::Other => "error-duplicate",
                };
                WebError::new(StatusCode::CONFLICT, "duplicate", key)
            }
            ServiceError::ImportTooLarge(oversize) => {
                let mut error =
                    WebError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", oversize.key());
                error.args = oversize.args();
                error
            }
            ServiceError::ImportLink {
                phase,
                practice,
                url,
            } => WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_link",
                "import-invalid-link",
            )
            .with("phase", phase)
            .with("practice", practice)
            .with("link", shortened(&url)),
            ServiceError::Fields(fields) => {
                let mut names: Vec<&str> = fields.iter().map(|f| f.field).collect();
                names.dedup();
                // One problem reads best as itself; several are counted,
                // each then shown next to its field.
                let mut error = match fields.as_slice() {
                    [only] => WebError::from(only.invalid),
                    _ => WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "fields", "error-fields")
                        .with("count", names.len().to_string()),
                };
                error.code = "fields";
                error.fields = fields;
                error
            }
            ServiceError::Answers(problems) => {
                let mut error =
                    WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "answers", "error-answers")
                        .with("count", problems.len().to_string());
                error.problems = problems;
                error
            }
            ServiceError::Store(error) => {
                tracing::error!(%error, "storage error");
                WebError::internal()
            }
            ServiceError::Internal(error) => {
                tracing::error!(%error, "internal error");
                WebError::internal()
            }
        }
    }
}

/// A value quoted back in a message, cut to a length a message can show.
fn shortened(text: &str) -> String {
    const MAX: usize = 200;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        text.chars().take(MAX).chain(['…']).collect()
    }
}

impl From<InvitationLinkRefusal> for WebError {
    /// A link nobody issued (or already used) is not found; an expired one
    /// is gone, and the person is told to ask for a new one.
    fn from(refusal: InvitationLinkRefusal) -> Self {
        match refusal {
            InvitationLinkRefusal::Unknown => WebError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "error-invitation-link-unknown",
            ),
            InvitationLinkRefusal::Expired => WebError::new(
                StatusCode::GONE,
                "link_expired",
                "error-invitation-link-expired",
            ),
        }
    }
}

impl From<PortalRefusal> for WebError {
    /// A link nobody issued is simply not found; an expired or revoked one
    /// is gone, and the supplier is told to ask the buyer for a new one.
    fn from(refusal: PortalRefusal) -> Self {
        match refusal {
            PortalRefusal::Unknown => {
                WebError::new(StatusCode::NOT_FOUND, "not_found", "error-portal-unknown")
            }
            PortalRefusal::Expired => {
                WebError::new(StatusCode::GONE, "link_expired", "error-portal-expired")
            }
            PortalRefusal::Revoked => {
                WebError::new(StatusCode::GONE, "link_revoked", "error-portal-revoked")
            }
        }
    }
}

impl From<Invalid> for WebError {
    fn from(invalid: Invalid) -> Self {
        let error = WebError::invalid(invalid.key());
        match invalid {
            Invalid::TooLong(field) => error
                .with("field", field.id())
                .with("max", field.max_chars().to_string()),
            Invalid::CpvCheckDigit { digits, expected } => error
                .with("digits", format!("{digits:08}"))
                .with("expected", expected.to_string()),
            _ => error,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if matches!(
            self.status,
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        ) && let Some((_, seconds)) = self.args.iter().find(|(name, _)| *name == "seconds")
            && let Ok(value) = HeaderValue::from_str(seconds)
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response.extensions_mut().insert(self);
        response
    }
}

pub type WebResult<T> = Result<T, WebError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_under_load_say_when_to_retry() {
        for (error, status) in [
            (
                ServiceError::RateLimited {
                    retry_after_seconds: 4,
                },
                StatusCode::TOO_MANY_REQUESTS,
            ),
            (
                ServiceError::Busy {
                    retry_after_seconds: 4,
                },
                StatusCode::SERVICE_UNAVAILABLE,
            ),
        ] {
            let response = WebError::from(error).into_response();
            assert_eq!(response.status(), status);
            assert_eq!(response.headers()[header::RETRY_AFTER], "4");
        }
    }
}
