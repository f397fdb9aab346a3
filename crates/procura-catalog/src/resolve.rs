//! Friendly ids: people type `medical`, `dispositifs-medicaux` or `cloud`, and
//! scripts type `medical-devices`. Each resolves to one taxonomy member, or to a
//! clear error naming the valid ids or the ambiguous candidates.

use procura_domain::{Phase, PracticeNumber, ProcurementType, Taxonomy, ThreatGroup};

use crate::fold::slug;
use crate::model::{Catalog, Practice};

/// A value the user typed does not name exactly one member.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("unknown {taxonomy} {input:?}; valid ids: {}", .valid.join(", "))]
    Unknown {
        taxonomy: Taxonomy,
        input: String,
        valid: Vec<&'static str>,
    },
    #[error("ambiguous {taxonomy} {input:?}; it could be: {}", .candidates.join(", "))]
    Ambiguous {
        taxonomy: Taxonomy,
        input: String,
        candidates: Vec<&'static str>,
    },
    #[error("unknown practice {input:?}; valid practices are BP-01 to BP-{last:02}")]
    UnknownPractice { input: String, last: u8 },
}

impl Catalog {
    pub fn resolve_phase(&self, input: &str) -> Result<Phase, ResolveError> {
        let members = self.phases.iter().map(|entry| {
            (
                entry.phase,
                entry.phase.id(),
                [&entry.name.fr, &entry.name.en],
            )
        });
        resolve(Taxonomy::Phase, input, members)
    }

    pub fn resolve_procurement_type(&self, input: &str) -> Result<ProcurementType, ResolveError> {
        let members = self.procurement_types.iter().map(|entry| {
            (
                entry.procurement_type,
                entry.procurement_type.id(),
                [&entry.name.fr, &entry.name.en],
            )
        });
        resolve(Taxonomy::ProcurementType, input, members)
    }

    pub fn resolve_threat(&self, input: &str) -> Result<ThreatGroup, ResolveError> {
        let members = self.threats.iter().map(|entry| {
            (
                entry.group,
                entry.group.id(),
                [&entry.name.fr, &entry.name.en],
            )
        });
        resolve(Taxonomy::ThreatGroup, input, members)
    }

    /// Finds a practice by number or id: `7`, `BP-07`, `bp7`.
    pub fn resolve_practice(&self, input: &str) -> Result<&Practice, ResolveError> {
        PracticeNumber::parse(input)
            .ok()
            .and_then(|number| self.practice(number))
            .ok_or_else(|| ResolveError::UnknownPractice {
                input: input.to_owned(),
                last: self
                    .practices
                    .last()
                    .map_or(0, |practice| practice.number.get()),
            })
    }
}

/// Exact id or name first; otherwise a unique prefix of an id or a name.
fn resolve<'a, T: Copy + PartialEq>(
    taxonomy: Taxonomy,
    input: &str,
    members: impl Iterator<Item = (T, &'static str, [&'a String; 2])>,
) -> Result<T, ResolveError> {
    let wanted = slug(input);
    let members: Vec<(T, &'static str, Vec<String>)> = members
        .map(|(member, id, names)| {
            let mut keys = vec![id.to_owned()];
            keys.extend(names.iter().map(|name| slug(name)));
            (member, id, keys)
        })
        .collect();
    if !wanted.is_empty() {
        if let Some((member, _, _)) = members.iter().find(|(_, _, keys)| keys.contains(&wanted)) {
            return Ok(*member);
        }
        let prefixed: Vec<&(T, &'static str, Vec<String>)> = members
            .iter()
            .filter(|(_, _, keys)| keys.iter().any(|key| key.starts_with(&wanted)))
            .collect();
        match prefixed.as_slice() {
            [(member, _, _)] => return Ok(*member),
            [] => {}
            several => {
                return Err(ResolveError::Ambiguous {
                    taxonomy,
                    input: input.to_owned(),
                    candidates: several.iter().map(|(_, id, _)| *id).collect(),
                });
            }
        }
    }
    Err(ResolveError::Unknown {
        taxonomy,
        input: input.to_owned(),
        valid: members.iter().map(|(_, id, _)| *id).collect(),
    })
}
