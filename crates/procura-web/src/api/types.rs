//! Wire types of the API, separate from the domain and converted explicitly.

use procura_catalog::{Catalog, Practice, PracticeMatch};
use procura_domain::{InvitationRecord, Localized, MemberRecord, OrganisationRecord, TokenRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A text in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl From<&Localized> for Text {
    fn from(text: &Localized) -> Self {
        Text {
            fr: text.fr.clone(),
            en: text.en.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Edition {
    pub id: String,
    pub publisher: String,
    pub title: Text,
    pub published: String,
    pub variant: Text,
    pub url: String,
    pub version: u32,
}

/// A phase or a procurement type.
#[derive(Debug, Serialize, ToSchema)]
pub struct Term {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreatExample {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Threat {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub examples: Vec<ThreatExample>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeBody {
    pub number: u8,
    /// `BP-01` … `BP-30`.
    pub id: String,
    pub title: Text,
    pub statement: Text,
    pub objective: Text,
    pub phases: Vec<String>,
    pub procurement_types: Vec<String>,
    pub threats: Vec<String>,
}

/// The selected filter values a practice covers: why it is in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Matched {
    pub phases: Vec<String>,
    pub procurement_types: Vec<String>,
    pub threats: Vec<String>,
    pub text: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeMatchBody {
    #[serde(flatten)]
    pub practice: PracticeBody,
    pub matched: Matched,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeList {
    pub edition: String,
    pub count: usize,
    pub practices: Vec<PracticeMatchBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogBody {
    pub edition: Edition,
    pub phases: Vec<Term>,
    pub procurement_types: Vec<Term>,
    pub threats: Vec<Threat>,
    pub practices: Vec<PracticeBody>,
}

fn ids<T: Copy>(values: &[T], id: fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|value| id(*value).to_owned()).collect()
}

impl From<&Practice> for PracticeBody {
    fn from(practice: &Practice) -> Self {
        PracticeBody {
            number: practice.number.get(),
            id: practice.id(),
            title: (&practice.title).into(),
            statement: (&practice.statement).into(),
            objective: (&practice.objective).into(),
            phases: ids(&practice.phases, |v| v.id()),
            procurement_types: ids(&practice.procurement_types, |v| v.id()),
            threats: ids(&practice.threats, |v| v.id()),
        }
    }
}

impl From<&PracticeMatch<'_>> for PracticeMatchBody {
    fn from(found: &PracticeMatch<'_>) -> Self {
        PracticeMatchBody {
            practice: found.practice.into(),
            matched: Matched {
                phases: ids(&found.phases, |v| v.id()),
                procurement_types: ids(&found.procurement_types, |v| v.id()),
                threats: ids(&found.threats, |v| v.id()),
                text: found.text,
            },
        }
    }
}

pub fn phases(catalog: &Catalog) -> Vec<Term> {
    catalog
        .phases
        .iter()
        .map(|entry| Term {
            id: entry.phase.id().to_owned(),
            name: (&entry.name).into(),
            description: (&entry.description).into(),
        })
        .collect()
}

pub fn procurement_types(catalog: &Catalog) -> Vec<Term> {
    catalog
        .procurement_types
        .iter()
        .map(|entry| Term {
            id: entry.procurement_type.id().to_owned(),
            name: (&entry.name).into(),
            description: (&entry.description).into(),
        })
        .collect()
}

pub fn threats(catalog: &Catalog) -> Vec<Threat> {
    catalog
        .threats
        .iter()
        .map(|entry| Threat {
            id: entry.group.id().to_owned(),
            name: (&entry.name).into(),
            description: (&entry.description).into(),
            examples: entry
                .examples
                .iter()
                .map(|example| ThreatExample {
                    id: example.id.clone(),
                    name: (&example.name).into(),
                })
                .collect(),
        })
        .collect()
}

impl From<&Catalog> for CatalogBody {
    fn from(catalog: &Catalog) -> Self {
        let edition = &catalog.edition;
        CatalogBody {
            edition: Edition {
                id: edition.id.clone(),
                publisher: edition.publisher.clone(),
                title: (&edition.title).into(),
                published: edition.published.clone(),
                variant: (&edition.variant).into(),
                url: edition.url.clone(),
                version: edition.version,
            },
            phases: phases(catalog),
            procurement_types: procurement_types(catalog),
            threats: threats(catalog),
            practices: catalog.practices.iter().map(PracticeBody::from).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code: `not_found`, `forbidden`, `unauthorized`, `invalid`, `bad_request`, `conflict`, `csrf`, `rate_limited`, …
    pub code: String,
    /// A human-readable message in the caller's language.
    pub message: String,
    /// For refused answers (an imported questionnaire): every problem found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemBody>,
}

/// One problem with submitted answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// `missing_answer`, `unknown_answer`, `missing_comment`, `outdated`, `file`, …
    pub code: String,
    pub message: String,
}

/// Every error has this shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
}

impl From<MemberRecord> for Member {
    fn from(member: MemberRecord) -> Self {
        Member {
            id: member.user.id.to_string(),
            email: member.user.email.to_string(),
            display_name: member.user.display_name,
            role: member.role.id().to_owned(),
        }
    }
}

/// An invitation sent to an account of another organisation: the person
/// becomes a member only when they accept it on their account page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invitation {
    pub id: String,
    pub user_id: String,
    pub email: String,
    pub role: String,
    pub invited_by: String,
    pub created_at: i64,
}

impl From<InvitationRecord> for Invitation {
    fn from(invitation: InvitationRecord) -> Self {
        Invitation {
            id: invitation.id.to_string(),
            user_id: invitation.user_id.to_string(),
            email: invitation.email.to_string(),
            role: invitation.role.id().to_owned(),
            invited_by: invitation.inviter_email.to_string(),
            created_at: invitation.created_at.millis(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub email: String,
    /// Required for a new account.
    #[serde(default)]
    pub display_name: String,
    /// `admin`, `ciso`, `cio`, `cto`, `it`, `buyer` or `viewer`.
    pub role: String,
    /// The initial password of a new account (at least 12 characters).
    #[serde(default)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    /// Send it back when renaming; a stale version gets 409.
    pub version: i64,
    pub created_at: i64,
}

impl From<OrganisationRecord> for Organisation {
    fn from(record: OrganisationRecord) -> Self {
        Organisation {
            id: record.id.to_string(),
            name: record.name,
            version: record.version,
            created_at: record.created_at.millis(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRename {
    pub name: String,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Token {
    pub id: String,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub organisation_id: String,
    pub created_at: i64,
    /// When the token stops working (Unix milliseconds); every token expires.
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

impl From<TokenRecord> for Token {
    fn from(record: TokenRecord) -> Self {
        Token {
            id: record.id.to_string(),
            name: record.name,
            prefix: record.prefix,
            organisation_id: record.organisation_id.to_string(),
            created_at: record.created_at.millis(),
            expires_at: record.expires_at.map(|at| at.millis()),
            revoked_at: record.revoked_at.map(|at| at.millis()),
            last_used_at: record.last_used_at.map(|at| at.millis()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
    /// Days until the token expires, from 1 to 365; 90 when absent.
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    /// The secret: shown this once, stored only as a hash.
    pub token: String,
    pub details: Token,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Membership {
    pub organisation_id: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub superadmin: bool,
    pub lang: Option<String>,
    pub organisation_id: String,
    pub organisation: String,
    pub role: String,
    /// What the caller may do in the current organisation.
    pub permissions: Vec<String>,
    pub memberships: Vec<Membership>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<crate::pages::audit::EntryJson>,
    pub page: u32,
    pub has_more: bool,
}
