//! Structured references: the article, annex point or clause of a text a
//! requirement rests on, written `scheme:point` (`nis2:21.2.d`,
//! `cra:I.1.2.c`, `iec-62443-4-2:CR1.11`). They let a buyer ask which
//! requirements cover a point, and what a tender covers of a text.

use std::fmt;

/// One reference, `scheme:point`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReferenceId {
    scheme: String,
    point: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid reference {0:?}: expected scheme:point, such as nis2:21.2.d (lower-case scheme; point of letters, digits, dots and dashes)"
)]
pub struct InvalidReference(pub String);

fn scheme_ok(scheme: &str) -> bool {
    !scheme.is_empty()
        && scheme.len() <= 32
        && scheme
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn point_ok(point: &str) -> bool {
    !point.is_empty()
        && point.len() <= 32
        && !point.starts_with('.')
        && !point.ends_with('.')
        && point
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

impl ReferenceId {
    pub fn parse(input: &str) -> Result<Self, InvalidReference> {
        let (scheme, point) = input
            .trim()
            .split_once(':')
            .ok_or_else(|| InvalidReference(input.to_owned()))?;
        if scheme_ok(scheme) && point_ok(point) {
            Ok(Self {
                scheme: scheme.to_owned(),
                point: point.to_owned(),
            })
        } else {
            Err(InvalidReference(input.to_owned()))
        }
    }

    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    pub fn point(&self) -> &str {
        &self.point
    }
}

impl fmt::Display for ReferenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.scheme, self.point)
    }
}

/// What a buyer asks the cross-walk for: a whole text (`cra`), a part of
/// it (`cra:I.1`, every point under Annex I Part I) or one point
/// (`nis2:21.2.d`). A part matches at dot boundaries only, so `nis2:21.2`
/// covers `nis2:21.2.d` but `nis2:21.2` does not cover `nis2:21.20`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceQuery {
    scheme: String,
    point: Option<String>,
}

impl ReferenceQuery {
    pub fn parse(input: &str) -> Result<Self, InvalidReference> {
        let input = input.trim();
        match input.split_once(':') {
            None if scheme_ok(input) => Ok(Self {
                scheme: input.to_owned(),
                point: None,
            }),
            None => Err(InvalidReference(input.to_owned())),
            Some((scheme, point)) if scheme_ok(scheme) && point_ok(point) => Ok(Self {
                scheme: scheme.to_owned(),
                point: Some(point.to_owned()),
            }),
            Some(_) => Err(InvalidReference(input.to_owned())),
        }
    }

    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Whether `reference` lies under what was asked for.
    pub fn covers(&self, reference: &ReferenceId) -> bool {
        if reference.scheme != self.scheme {
            return false;
        }
        match &self.point {
            None => true,
            Some(point) => {
                reference.point.eq_ignore_ascii_case(point)
                    || (reference.point.len() > point.len()
                        && reference.point[..point.len()].eq_ignore_ascii_case(point)
                        && reference.point.as_bytes()[point.len()] == b'.')
            }
        }
    }
}

impl fmt::Display for ReferenceQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.point {
            Some(point) => write!(f, "{}:{point}", self.scheme),
            None => f.write_str(&self.scheme),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_as_scheme_and_point() {
        for good in [
            "nis2:21.2.d",
            "cra:I.1.2.c",
            "iec-62443-4-2:CR1.11",
            "mds2:ALOF",
            "ccp:L.2142-1",
        ] {
            let parsed = ReferenceId::parse(good).expect(good);
            assert_eq!(parsed.to_string(), good);
        }
        for bad in [
            "",
            "nis2",
            "NIS2:21",
            "nis2:",
            ":21",
            "nis2:21..",
            "nis2:.21",
            "nis2:21 2",
            "a:b:c",
        ] {
            assert!(ReferenceId::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_query_covers_a_text_a_part_or_a_point() {
        let reference = |text| ReferenceId::parse(text).expect("reference");
        let cases = [
            ("nis2", "nis2:21.2.d", true),
            ("nis2:21.2.d", "nis2:21.2.d", true),
            ("nis2:21.2", "nis2:21.2.d", true),
            ("nis2:21.2", "nis2:21.20", false),
            ("nis2:21.2.d", "nis2:21.2.e", false),
            ("cra:I.1", "cra:I.1.2.c", true),
            ("cra:i.1", "cra:I.1.2.c", true),
            ("cra", "nis2:21.2.d", false),
            ("iec-62443-4-2:CR1", "iec-62443-4-2:CR1.11", true),
        ];
        for (query, candidate, expected) in cases {
            let query = ReferenceQuery::parse(query).expect(query);
            assert_eq!(
                query.covers(&reference(candidate)),
                expected,
                "{query} ∋ {candidate}"
            );
        }
        assert!(ReferenceQuery::parse("nis2:").is_err());
        assert!(ReferenceQuery::parse("Nis2").is_err());
    }
}
