//! The practices that mitigate a risk: those mapped to the risk's threat
//! group and to at least one of the project's procurement types.

use procura_domain::{ProcurementType, ThreatGroup};

use crate::model::{Catalog, Practice};

impl Catalog {
    pub fn mitigating_practices(
        &self,
        threat: ThreatGroup,
        types: &[ProcurementType],
    ) -> Vec<&Practice> {
        self.practices
            .iter()
            .filter(|practice| {
                practice.addresses(threat) && types.iter().any(|kind| practice.applies_to(*kind))
            })
            .collect()
    }
}
