//! Values that identify people and organisations, parsed once at the edge.

use std::fmt;

use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            pub fn from_uuid(uuid: Uuid) -> Self {
                $name(uuid)
            }

            pub fn uuid(self) -> Uuid {
                self.0
            }

            /// Parses the hyphenated form; anything else is not an id of ours.
            pub fn parse(input: &str) -> Option<Self> {
                Uuid::try_parse(input.trim()).ok().map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

uuid_id! {
    /// An organisation (a hospital, a group, an agency): the tenant every record belongs to.
    OrganisationId
}
uuid_id! {
    /// A person who signs in.
    UserId
}
uuid_id! {
    /// A personal API token (the id, not the secret).
    TokenId
}
uuid_id! {
    /// An organisation's offer of membership to an existing account.
    InvitationId
}
uuid_id! {
    /// A procurement project.
    ProjectId
}
uuid_id! {
    /// One item of a project's checklist.
    ItemId
}
uuid_id! {
    /// A file or link attached to a checklist item.
    EvidenceId
}
uuid_id! {
    /// One risk of a project's register.
    RiskId
}
uuid_id! {
    /// A company in the organisation's supplier register.
    SupplierId
}
uuid_id! {
    /// One supplier's offer in a project's call for tenders.
    BidId
}

/// A normalised e-mail address: trimmed, lower-cased, one `@`, a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid e-mail address {input:?}")]
pub struct InvalidEmail {
    pub input: String,
}

impl Email {
    pub fn parse(input: &str) -> Result<Email, InvalidEmail> {
        let candidate = input.trim().to_lowercase();
        let invalid = || InvalidEmail {
            input: input.to_owned(),
        };
        if candidate.len() > 254
            || candidate
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(invalid());
        }
        let (local, domain) = candidate.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || !domain_ok {
            return Err(invalid());
        }
        Ok(Email(candidate))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A display name for a person or an organisation: trimmed, 1 to 120 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a name must have between 1 and 120 characters")]
pub struct InvalidName;

impl Name {
    pub fn parse(input: &str) -> Result<Name, InvalidName> {
        let trimmed = input.trim();
        let length = trimmed.chars().count();
        if length == 0 || length > 120 || trimmed.chars().any(char::is_control) {
            return Err(InvalidName);
        }
        Ok(Name(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A point in time, in milliseconds since the Unix epoch, UTC. The domain never
/// reads the clock: callers pass `now` in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds.saturating_mul(1000)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        assert_eq!(
            Email::parse(input).ok().as_ref().map(Email::as_str),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn emails() {
        check(
            " Alice.Martin@CHU-Exemple.fr ",
            Some("alice.martin@chu-exemple.fr"),
        );
        check("rssi@hopital.example", Some("rssi@hopital.example"));
        check("no-at-sign", None);
        check("@example.org", None);
        check("a@b", None);
        check("a@@b.org", None);
        check("a b@c.org", None);
        check("a@.org", None);
        check("a@org.", None);
    }

    #[test]
    fn names() {
        assert_eq!(
            Name::parse("  CHU de Test ").map(|n| n.to_string()),
            Ok("CHU de Test".to_owned())
        );
        assert!(Name::parse("   ").is_err());
        assert!(Name::parse(&"x".repeat(121)).is_err());
    }

    #[test]
    fn ids_parse_only_uuids() {
        let id = UserId::parse("67e55044-10b1-426f-9247-bb680e5fe0c8").expect("uuid");
        assert_eq!(id.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
        assert!(UserId::parse("1").is_none());
        assert!(OrganisationId::parse("../etc").is_none());
    }
}
