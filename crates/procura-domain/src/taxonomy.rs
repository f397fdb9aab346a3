//! The three closed taxonomies of the guidelines: lifecycle phases, procurement
//! types and threat groups. Their ids are Procura's public contract (CLI, API,
//! exports), so each enum owns its exact id string.

use std::fmt;

/// Which of the three taxonomies a value belongs to, so messages can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    Phase,
    ProcurementType,
    ThreatGroup,
}

impl Taxonomy {
    /// The English name used in developer-facing messages; user-facing
    /// messages translate the taxonomy themselves.
    pub fn name(self) -> &'static str {
        match self {
            Taxonomy::Phase => "phase",
            Taxonomy::ProcurementType => "procurement type",
            Taxonomy::ThreatGroup => "threat group",
        }
    }
}

impl fmt::Display for Taxonomy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The input is not the exact id of any member of a taxonomy. Friendlier
/// spellings (names, prefixes) are resolved by the catalogue, which knows the names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {taxonomy} id {input:?}")]
pub struct UnknownId {
    pub taxonomy: Taxonomy,
    pub input: String,
}

macro_rules! taxonomy {
    (
        $(#[$meta:meta])*
        $name:ident, $taxonomy:ident {
            $( $variant:ident => $id:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $variant ),+
        }

        impl $name {
            /// Every member, in the guidelines' order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// What this taxonomy is called in messages.
            pub const TAXONOMY: Taxonomy = Taxonomy::$taxonomy;

            /// The stable public id.
            pub fn id(self) -> &'static str {
                match self {
                    $( $name::$variant => $id ),+
                }
            }

            /// Parses the exact public id.
            pub fn from_id(input: &str) -> Result<$name, UnknownId> {
                match input {
                    $( $id => Ok($name::$variant), )+
                    _ => Err(UnknownId { taxonomy: Taxonomy::$taxonomy, input: input.to_owned() }),
                }
            }

            /// Position in the guidelines' order, from zero.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

taxonomy! {
    /// A phase of the hospital procurement lifecycle, in the order a purchase goes through them.
    Phase, Phase {
        Planning => "planning",
        SupplierSelection => "supplier-selection",
        Management => "management",
    }
}

taxonomy! {
    /// One of the ten procurement types (classification of goods) of the guidelines.
    ProcurementType, ProcurementType {
        ClinicalInformationSystems => "clinical-information-systems",
        MedicalDevices => "medical-devices",
        NetworkEquipment => "network-equipment",
        RemoteCareSystems => "remote-care-systems",
        MobileClientDevices => "mobile-client-devices",
        IdentificationSystems => "identification-systems",
        BuildingManagementSystems => "building-management-systems",
        IndustrialControlSystems => "industrial-control-systems",
        ProfessionalServices => "professional-services",
        CloudServices => "cloud-services",
    }
}

taxonomy! {
    /// One of the five threat groups of the guidelines' threat classification.
    ThreatGroup, ThreatGroup {
        NaturalPhenomena => "natural-phenomena",
        SupplyChainFailure => "supply-chain-failure",
        HumanErrors => "human-errors",
        MaliciousActions => "malicious-actions",
        SystemFailures => "system-failures",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_counts_match_the_guidelines() {
        assert_eq!(Phase::ALL.len(), 3);
        assert_eq!(ProcurementType::ALL.len(), 10);
        assert_eq!(ThreatGroup::ALL.len(), 5);
        for phase in Phase::ALL {
            assert_eq!(Phase::from_id(phase.id()), Ok(*phase));
        }
        for kind in ProcurementType::ALL {
            assert_eq!(ProcurementType::from_id(kind.id()), Ok(*kind));
        }
        for threat in ThreatGroup::ALL {
            assert_eq!(ThreatGroup::from_id(threat.id()), Ok(*threat));
        }
    }

    #[test]
    fn exact_ids_only() {
        assert!(ProcurementType::from_id("Medical-Devices").is_err());
        assert!(Phase::from_id("plan").is_err());
        assert_eq!(
            ThreatGroup::from_id("malware").unwrap_err().to_string(),
            "unknown threat group id \"malware\""
        );
    }

    #[test]
    fn order_follows_the_guidelines() {
        assert!(Phase::Planning < Phase::SupplierSelection);
        assert!(Phase::SupplierSelection < Phase::Management);
        assert_eq!(ProcurementType::CloudServices.index(), 9);
    }
}
