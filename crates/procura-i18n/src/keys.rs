//! The interface key that names each value of the domain's closed lists.
//!
//! Keys built from an enum's id (`stage-planning`, `event-bid-add`) are the
//! ones a test can miss: nobody types them. Every such key is made here, and
//! the tests below walk every value of every list and check that both
//! languages define its key — so a new variant without its wording fails the
//! build's tests instead of showing "Unknown localization key" to a buyer.

use procura_domain::{
    Answer, AuditAction, BidSource, BidStatus, DpiaCriterion, ItemStatus, ProjectRole,
    RequirementKind, RiskLevel, Role, Stage, Treatment,
};

/// A value with a name in the interface.
pub trait MessageKey {
    fn message_key(&self) -> String;
}

macro_rules! keyed {
    ($($type:ty => $prefix:literal),+ $(,)?) => {
        $(impl MessageKey for $type {
            fn message_key(&self) -> String {
                format!(concat!($prefix, "{}"), self.id())
            }
        })+
    };
}

keyed! {
    Stage => "stage-",
    ItemStatus => "status-",
    Role => "role-",
    ProjectRole => "project-role-",
    RequirementKind => "tender-kind-",
    Answer => "tender-answer-",
    Treatment => "risk-treatment-",
    RiskLevel => "risk-level-",
    DpiaCriterion => "dpia-",
    BidStatus => "bids-status-",
    BidSource => "bids-source-",
}

impl MessageKey for AuditAction {
    fn message_key(&self) -> String {
        AuditAction::message_key(*self).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use procura_domain::Lang;

    use super::*;
    use crate::has;

    fn missing<T: MessageKey>(values: &[T]) -> Vec<String> {
        let mut missing = Vec::new();
        for value in values {
            let key = value.message_key();
            for lang in Lang::ALL {
                if !has(lang, &key) {
                    missing.push(format!("{}: {key}", lang.code()));
                }
            }
        }
        missing
    }

    #[test]
    fn every_value_of_every_list_is_named_in_both_languages() {
        let mut all = Vec::new();
        all.extend(missing(&Stage::ALL));
        all.extend(missing(&ItemStatus::ALL));
        all.extend(missing(&Role::ALL));
        all.extend(missing(&ProjectRole::ALL));
        all.extend(missing(&RequirementKind::ALL));
        all.extend(missing(&Answer::ALL));
        all.extend(missing(&Treatment::ALL));
        all.extend(missing(&RiskLevel::ALL));
        all.extend(missing(&DpiaCriterion::ALL));
        all.extend(missing(&BidStatus::ALL));
        all.extend(missing(&BidSource::ALL));
        all.extend(missing(&AuditAction::ALL));
        assert!(all.is_empty(), "keys missing:\n{}", all.join("\n"));
    }

    #[test]
    fn a_key_nobody_defined_is_reported_missing() {
        assert!(has(Lang::Fr, "stage-planning"));
        assert!(!has(Lang::En, "stage-nowhere"));
    }
}
