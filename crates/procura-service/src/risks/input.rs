//! A risk as typed in the form or sent by a script, and its validation
//! over the record it changes.

use procura_catalog::Catalog;
use procura_domain::{
    Day, PracticeNumber, ProcurementType, RiskRecord, Step, TextField, ThreatGroup, Treatment,
    UserId,
};

use super::suggestions::{suggested_practices, suggested_requirements};
use crate::Invalid;

/// A risk as typed in the form or sent by a script. Empty means "none".
#[derive(Debug, Clone, Default)]
pub struct RiskInput {
    pub threat_group: String,
    /// An example threat of the catalogue or one of its scenarios, by slug.
    pub example: String,
    pub description: String,
    pub asset: String,
    pub likelihood: String,
    pub severity: String,
    pub treatment: String,
    /// The owner's e-mail address: a member of the organisation (or the
    /// owner already recorded, kept although they have left it).
    pub owner: String,
    pub due_date: String,
    /// Practice numbers; empty on a new risk means "the suggested ones".
    pub practices: Vec<u8>,
    pub requirements: Vec<String>,
    pub residual_likelihood: String,
    pub residual_severity: String,
}

fn step(value: &str) -> Result<Step, Invalid> {
    value
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Step::new)
        .ok_or(Invalid::RiskStep)
}

fn optional_step(value: &str) -> Result<Option<Step>, Invalid> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        step(value).map(Some)
    }
}

/// The fields of `input` applied over `base`, validated. `people` are those
/// who may own the risk: the organisation's members, and on an update the
/// owner already recorded.
pub(super) fn apply(
    catalog: &Catalog,
    input: &RiskInput,
    people: &[(UserId, String)],
    types: &[ProcurementType],
    base: RiskRecord,
    new: bool,
) -> Result<RiskRecord, Invalid> {
    let threat_group =
        ThreatGroup::from_id(input.threat_group.trim()).map_err(|_| Invalid::ThreatGroup)?;
    let example = match input.example.trim() {
        "" => None,
        id => {
            // An example of the guidelines or one of Procura's scenarios.
            let known = catalog.threat(threat_group).threat_name(id).is_some();
            if !known {
                return Err(Invalid::ThreatExample);
            }
            Some(id.to_owned())
        }
    };
    if example.is_none() && input.description.trim().is_empty() {
        return Err(Invalid::RiskDescription);
    }
    let owner_id = match input.owner.trim() {
        "" => None,
        email => Some(
            people
                .iter()
                .find(|(_, known)| known.eq_ignore_ascii_case(email))
                .map(|(id, _)| *id)
                .ok_or(Invalid::RiskOwner)?,
        ),
    };
    let due_date = match input.due_date.trim() {
        "" => None,
        text => Some(Day::parse(text).ok_or(Invalid::Date)?),
    };
    let treatment = match input.treatment.trim() {
        "" => None,
        id => Some(Treatment::parse(id).ok_or(Invalid::Treatment)?),
    };
    let mut practices = Vec::new();
    for number in &input.practices {
        let number = PracticeNumber::new(*number)
            .filter(|n| catalog.practice(*n).is_some())
            .ok_or(Invalid::Practice)?;
        if !practices.contains(&number) {
            practices.push(number);
        }
    }
    practices.sort();
    let mut requirements: Vec<String> = Vec::new();
    for code in input.requirements.iter().map(|code| code.trim()) {
        if code.is_empty() {
            continue;
        }
        let code = procura_domain::RequirementCode::parse(code)
            .map_err(|_| Invalid::UnknownRequirement)?;
        if !requirements.contains(&code.to_string()) {
            requirements.push(code.to_string());
        }
    }
    if new && practices.is_empty() {
        practices = suggested_practices(catalog, threat_group, types);
        if requirements.is_empty() {
            requirements = suggested_requirements(catalog, &practices, types);
        }
    }
    let residual_likelihood = optional_step(&input.residual_likelihood)?;
    let residual_severity = optional_step(&input.residual_severity)?;
    if residual_likelihood.is_some() != residual_severity.is_some() {
        return Err(Invalid::RiskStep);
    }
    Ok(RiskRecord {
        threat_group,
        example,
        description: TextField::RiskDescription
            .check(input.description.trim())?
            .to_owned(),
        asset: TextField::RiskAsset.check(input.asset.trim())?.to_owned(),
        likelihood: step(&input.likelihood)?,
        severity: step(&input.severity)?,
        treatment,
        owner_id,
        due_date,
        practices,
        requirements,
        residual_likelihood,
        residual_severity,
        ..base
    })
}
