//! Why a command failed, how to say it in the user's language, and the exit
//! status scripts can rely on: 2 for bad input, 1 for anything else.

use procura_catalog::{CatalogError, ResolveError};
use procura_docs::DocError;
use procura_domain::{Lang, Taxonomy, Unique};
use procura_i18n::{text, text_with};
use procura_service::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Document(#[from] DocError),
    #[error(transparent)]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Service(#[from] procura_service::ServiceError),
    #[error(transparent)]
    Config(#[from] procura_service::ConfigError),
    #[error("cannot read {path}: {error}")]
    ConfigFile { path: String, error: std::io::Error },
    #[error("audit log broken at entry {seq}: {reason}")]
    AuditBroken { seq: i64, reason: &'static str },
    #[error("name the member to act as with --as EMAIL")]
    MissingActor,
    #[error("name the project with --project REF")]
    MissingProject,
    #[error("unknown document format {0:?}")]
    UnknownFormat(String),
    #[error("cannot read {path}: {error}")]
    InputFile { path: String, error: std::io::Error },
    #[error(transparent)]
    Reference(#[from] procura_domain::InvalidReference),
    #[error("unknown reference scheme {0:?}")]
    UnknownScheme(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Resolve(_)
            | Failure::Config(_)
            | Failure::ConfigFile { .. }
            | Failure::MissingActor
            | Failure::MissingProject
            | Failure::UnknownFormat(_)
            | Failure::InputFile { .. }
            | Failure::Reference(_)
            | Failure::UnknownScheme(_) => 2,
            Failure::Service(
                ServiceError::Gate(_)
                | ServiceError::SignOffRefused(_)
                | ServiceError::Forbidden
                | ServiceError::Denied(_)
                | ServiceError::Conflict
                | ServiceError::TenderPublished { .. }
                | ServiceError::Weights(_),
            ) => 2,
            Failure::Service(
                ServiceError::Invalid(_)
                | ServiceError::NotFound
                | ServiceError::Duplicate(_)
                | ServiceError::Answers(_)
                | ServiceError::Fields(_)
                | ServiceError::ImportTooLarge(_)
                | ServiceError::ImportLink { .. },
            ) => 2,
            Failure::AuditBroken { .. } => 3,
            _ => 1,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Resolve(ResolveError::Unknown {
                taxonomy,
                input,
                valid,
            }) => text_with(
                lang,
                "error-unknown-value",
                &[
                    ("taxonomy", taxonomy_name(*taxonomy, lang).into()),
                    ("input", input.as_str().into()),
                    ("valid", valid.join(", ").into()),
                ],
            ),
            Failure::Resolve(ResolveError::Ambiguous {
                taxonomy,
                input,
                candidates,
            }) => text_with(
                lang,
                "error-ambiguous-value",
                &[
                    ("taxonomy", taxonomy_name(*taxonomy, lang).into()),
                    ("input", input.as_str().into()),
                    ("candidates", candidates.join(", ").into()),
                ],
            ),
            Failure::Resolve(ResolveError::UnknownPractice { input, last }) => text_with(
                lang,
                "error-unknown-practice",
                &[
                    ("input", input.as_str().into()),
                    ("last", format!("{last:02}").into()),
                ],
            ),
            Failure::Catalog(error) => text_with(
                lang,
                "error-catalog",
                &[("detail", error.to_string().into())],
            ),
            Failure::Document(error) => text_with(
                lang,
                "error-output",
                &[("detail", error.to_string().into())],
            ),
            Failure::Output(error) => text_with(
                lang,
                "error-output",
                &[("detail", error.to_string().into())],
            ),
            Failure::Service(ServiceError::Invalid(
                invalid @ procura_service::Invalid::CpvCheckDigit { digits, expected },
            )) => text_with(
                lang,
                invalid.key(),
                &[
                    ("digits", format!("{digits:08}").into()),
                    ("expected", i64::from(*expected).into()),
                ],
            ),
            Failure::Service(ServiceError::Invalid(invalid)) => text(lang, invalid.key()),
            Failure::Service(ServiceError::Fields(fields)) => fields
                .iter()
                .map(|problem| {
                    let key = problem.invalid.key();
                    match problem.invalid {
                        procura_service::Invalid::CpvCheckDigit { digits, expected } => text_with(
                            lang,
                            key,
                            &[
                                ("digits", format!("{digits:08}").into()),
                                ("expected", i64::from(expected).into()),
                            ],
                        ),
                        _ => text(lang, key),
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Failure::Service(ServiceError::NotFound) => text(lang, "cli-not-found"),
            Failure::Service(ServiceError::Duplicate(rule)) => text(lang, duplicate_key(*rule)),
            Failure::Service(ServiceError::Forbidden) => text(lang, "error-forbidden"),
            Failure::Service(ServiceError::Denied(denial)) => text(lang, denial.key()),
            Failure::Service(ServiceError::Conflict) => text(lang, "error-conflict"),
            Failure::Service(ServiceError::TenderPublished { number, bids }) => text_with(
                lang,
                "error-tender-published",
                &[("number", (*number).into()), ("bids", (*bids).into())],
            ),
            Failure::Service(ServiceError::Weights(refusal)) => text_with(
                lang,
                "error-weights-total",
                &[("total", refusal.total.to_string().into())],
            ),
            Failure::Service(
                error @ (ServiceError::Gate(refusal) | ServiceError::SignOffRefused(refusal)),
            ) => {
                let items: Vec<String> = refusal.open_items.iter().map(|p| p.id()).collect();
                let key = match error {
                    ServiceError::SignOffRefused(_) => {
                        procura_service::sign_off_message_key(refusal)
                    }
                    _ => procura_service::gate_message_key(refusal),
                };
                text_with(
                    lang,
                    key,
                    &[
                        ("count", items.len().into()),
                        ("items", items.join(", ").into()),
                    ],
                )
            }
            Failure::Service(ServiceError::ImportTooLarge(oversize)) => {
                let args: Vec<(&'static str, procura_i18n::Arg)> = oversize
                    .args()
                    .iter()
                    .map(|(name, value)| (*name, procura_i18n::Arg::guess(value)))
                    .collect();
                text_with(lang, oversize.key(), &args)
            }
            Failure::Service(ServiceError::ImportLink {
                phase,
                practice,
                url,
            }) => text_with(
                lang,
                "import-invalid-link",
                &[
                    ("phase", phase.as_str().into()),
                    ("practice", practice.as_str().into()),
                    ("link", url.as_str().into()),
                ],
            ),
            Failure::Service(ServiceError::Answers(problems)) => {
                let mut lines = vec![text_with(
                    lang,
                    "error-answers",
                    &[("count", problems.len().into())],
                )];
                lines.extend(problems.iter().map(|p| format!("  - {}", p.message(lang))));
                lines.join("\n")
            }
            Failure::InputFile { path, error } => text_with(
                lang,
                "cli-input-file",
                &[
                    ("path", path.as_str().into()),
                    ("detail", error.to_string().into()),
                ],
            ),
            Failure::Reference(error) => text_with(
                lang,
                "cli-invalid-reference",
                &[("ref", error.0.as_str().into())],
            ),
            Failure::UnknownScheme(scheme) => text_with(
                lang,
                "cli-unknown-scheme",
                &[("scheme", scheme.as_str().into())],
            ),
            Failure::MissingActor => text(lang, "cli-missing-actor"),
            Failure::UnknownFormat(_) => text(lang, "invalid-format"),
            Failure::MissingProject => text(lang, "cli-missing-project"),
            Failure::AuditBroken { seq, reason } => text_with(
                lang,
                "cli-audit-broken",
                &[
                    ("seq", seq.to_string().into()),
                    ("reason", (*reason).into()),
                ],
            ),
            other => text_with(
                lang,
                "error-failed",
                &[("detail", other.to_string().into())],
            ),
        }
    }
}

/// The message for a broken uniqueness rule: the command line's own writes
/// can meet an existing account or membership; anything else gets the
/// general message.
fn duplicate_key(rule: Unique) -> &'static str {
    match rule {
        Unique::Email => "error-duplicate-email",
        Unique::Membership => "error-duplicate-membership",
        Unique::OrganisationName
        | Unique::Invitation
        | Unique::ProjectReference
        | Unique::SupplierName
        | Unique::RequirementCode
        | Unique::TenderSelection
        | Unique::Award
        | Unique::Other => "error-duplicate",
    }
}

fn taxonomy_name(taxonomy: Taxonomy, lang: Lang) -> String {
    let key = match taxonomy {
        Taxonomy::Phase => "taxonomy-phase",
        Taxonomy::ProcurementType => "taxonomy-procurement-type",
        Taxonomy::ThreatGroup => "taxonomy-threat-group",
    };
    text(lang, key)
}
