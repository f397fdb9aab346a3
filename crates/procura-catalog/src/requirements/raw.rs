//! The library files exactly as written; nothing here is trusted.

use serde::Deserialize;

use crate::raw::{RawSet, RawText};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirements {
    #[serde(default)]
    pub requirement: Vec<RawRequirement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    pub id: String,
    pub practices: Vec<u8>,
    pub types: RawSet,
    pub beyond_enisa: Option<RawExtension>,
    pub kind: String,
    pub weight: Option<u32>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub title: RawText,
    #[serde(default)]
    pub text: RawText,
    #[serde(default)]
    pub evidence: RawText,
    #[serde(default)]
    pub standards: Vec<String>,
    #[serde(default)]
    pub refs: Vec<String>,
    pub note: Option<RawText>,
    pub penalty: Option<RawPenalty>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExtension {
    pub types: Vec<String>,
    #[serde(default)]
    pub reason: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPenalty {
    pub basis: String,
    pub amount: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStandards {
    pub standard: Vec<RawStandard>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStandard {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub title: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGlossary {
    pub term: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerm {
    #[serde(default)]
    pub term: RawText,
    #[serde(default)]
    pub definition: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInternal {
    pub internal_practices: Vec<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReferences {
    pub scheme: Vec<RawScheme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScheme {
    pub id: String,
    #[serde(default)]
    pub name: RawText,
    pub note: Option<RawText>,
    #[serde(default)]
    pub excludes_types: Vec<String>,
    #[serde(default)]
    pub point: Vec<RawPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPoint {
    pub id: String,
    #[serde(default)]
    pub label: RawText,
    pub note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContract {
    pub penalties: RawPenaltyTerms,
    #[serde(default)]
    pub derogation: Vec<RawDerogation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPenaltyTerms {
    pub article: String,
    pub default_cap_percent: u32,
    pub exemption_threshold: Option<u32>,
    pub note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDerogation {
    pub id: String,
    pub article: String,
    pub applies: String,
    #[serde(default)]
    pub title: RawText,
    #[serde(default)]
    pub text: RawText,
    pub note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGrading {
    pub scale: RawScale,
    pub grade: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    pub min: u32,
    pub max: u32,
    #[serde(default)]
    pub method: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub value: u32,
    #[serde(default)]
    pub label: RawText,
    #[serde(default)]
    pub descriptor: RawText,
}
