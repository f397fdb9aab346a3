//! The shape of the TOML files, exactly as written. Nothing here is trusted:
//! `load` converts these into the validated model.

use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub fr: Option<String>,
    pub en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEdition {
    pub id: String,
    pub publisher: String,
    pub title: RawText,
    pub published: String,
    pub variant: RawText,
    pub url: String,
    pub version: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhases {
    pub phase: Vec<RawNamed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProcurementTypes {
    pub procurement_type: Vec<RawNamed>,
}

/// A taxonomy member: an id, a name and a description.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNamed {
    pub id: String,
    #[serde(default)]
    pub name: RawText,
    #[serde(default)]
    pub description: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThreats {
    pub threat: Vec<RawThreat>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawThreat {
    pub id: String,
    #[serde(default)]
    pub name: RawText,
    #[serde(default)]
    pub description: RawText,
    #[serde(default)]
    pub example: Vec<RawExample>,
    #[serde(default)]
    pub scenario: Vec<RawScenario>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub id: String,
    #[serde(default)]
    pub name: RawText,
}

/// A threat scenario; without `types`, the group's fallback.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: String,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub name: RawText,
    #[serde(default)]
    pub text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPractices {
    pub practice: Vec<RawPractice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPractice {
    pub number: u8,
    pub id: String,
    #[serde(default)]
    pub title: RawText,
    #[serde(default)]
    pub statement: RawText,
    #[serde(default)]
    pub objective: RawText,
    pub phases: RawSet,
    pub procurement_types: RawSet,
    pub threats: RawSet,
}

/// A mapping list, or the word `all` (the guidelines' « Toutes »).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawSet {
    Word(String),
    List(Vec<String>),
}
