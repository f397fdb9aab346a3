//! What a requirement is about, from a closed list, so the library can be
//! checked for gaps: every procurement type must be covered on the six
//! subjects a hospital's experts ask of every purchase.

/// A requirement's subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    Patching,
    VulnerabilityDisclosure,
    Logging,
    Incidents,
    RemoteAccess,
    EndOfContract,
    Sbom,
    Encryption,
    Authentication,
    Hardening,
    Network,
    Testing,
    DataProtection,
    Hosting,
    Continuity,
    Certification,
    Subcontracting,
    Training,
    Assets,
    Change,
    Reversibility,
    Administration,
    DeviceSecurity,
    Mobile,
    Governance,
    Acceptance,
}

impl Topic {
    pub const ALL: [Topic; 26] = [
        Self::Patching,
        Self::VulnerabilityDisclosure,
        Self::Logging,
        Self::Incidents,
        Self::RemoteAccess,
        Self::EndOfContract,
        Self::Sbom,
        Self::Encryption,
        Self::Authentication,
        Self::Hardening,
        Self::Network,
        Self::Testing,
        Self::DataProtection,
        Self::Hosting,
        Self::Continuity,
        Self::Certification,
        Self::Subcontracting,
        Self::Training,
        Self::Assets,
        Self::Change,
        Self::Reversibility,
        Self::Administration,
        Self::DeviceSecurity,
        Self::Mobile,
        Self::Governance,
        Self::Acceptance,
    ];

    /// The subjects every procurement type must have requirements on.
    pub const REQUIRED: [Topic; 6] = [
        Self::Patching,
        Self::VulnerabilityDisclosure,
        Self::Logging,
        Self::Incidents,
        Self::RemoteAccess,
        Self::EndOfContract,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Patching => "patching",
            Self::VulnerabilityDisclosure => "vulnerability-disclosure",
            Self::Logging => "logging",
            Self::Incidents => "incidents",
            Self::RemoteAccess => "remote-access",
            Self::EndOfContract => "end-of-contract",
            Self::Sbom => "sbom",
            Self::Encryption => "encryption",
            Self::Authentication => "authentication",
            Self::Hardening => "hardening",
            Self::Network => "network",
            Self::Testing => "testing",
            Self::DataProtection => "data-protection",
            Self::Hosting => "hosting",
            Self::Continuity => "continuity",
            Self::Certification => "certification",
            Self::Subcontracting => "subcontracting",
            Self::Training => "training",
            Self::Assets => "assets",
            Self::Change => "change",
            Self::Reversibility => "reversibility",
            Self::Administration => "administration",
            Self::DeviceSecurity => "device-security",
            Self::Mobile => "mobile",
            Self::Governance => "governance",
            Self::Acceptance => "acceptance",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|topic| topic.id() == input.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_parses_back_from_its_id() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.id()), Some(topic));
        }
        assert_eq!(Topic::parse("eligibility"), None);
    }
}
