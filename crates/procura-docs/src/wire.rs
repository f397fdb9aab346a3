//! The JSON shapes of the catalogue and of query results. They are separate
//! from the domain types so the domain can change without breaking scripts.

use procura_catalog::{Catalog, Practice, PracticeMatch};
use procura_domain::Localized;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TextJson<'a> {
    pub fr: &'a str,
    pub en: &'a str,
}

impl<'a> From<&'a Localized> for TextJson<'a> {
    fn from(text: &'a Localized) -> Self {
        TextJson {
            fr: &text.fr,
            en: &text.en,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EditionJson<'a> {
    pub id: &'a str,
    pub publisher: &'a str,
    pub title: TextJson<'a>,
    pub published: &'a str,
    pub variant: TextJson<'a>,
    pub url: &'a str,
    pub version: u32,
}

#[derive(Debug, Serialize)]
pub struct TermJson<'a> {
    pub id: &'static str,
    pub name: TextJson<'a>,
    pub description: TextJson<'a>,
}

#[derive(Debug, Serialize)]
pub struct ExampleJson<'a> {
    pub id: &'a str,
    pub name: TextJson<'a>,
}

#[derive(Debug, Serialize)]
pub struct ThreatJson<'a> {
    pub id: &'static str,
    pub name: TextJson<'a>,
    pub description: TextJson<'a>,
    pub examples: Vec<ExampleJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PracticeJson<'a> {
    pub number: u8,
    pub id: String,
    pub title: TextJson<'a>,
    pub statement: TextJson<'a>,
    pub objective: TextJson<'a>,
    pub phases: Vec<&'static str>,
    pub procurement_types: Vec<&'static str>,
    pub threats: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct CatalogJson<'a> {
    pub edition: EditionJson<'a>,
    pub phases: Vec<TermJson<'a>>,
    pub procurement_types: Vec<TermJson<'a>>,
    pub threats: Vec<ThreatJson<'a>>,
    pub practices: Vec<PracticeJson<'a>>,
}

/// Why a practice matched: the selected values it covers.
#[derive(Debug, Serialize)]
pub struct MatchedJson {
    pub phases: Vec<&'static str>,
    pub procurement_types: Vec<&'static str>,
    pub threats: Vec<&'static str>,
    pub text: bool,
}

#[derive(Debug, Serialize)]
pub struct MatchJson<'a> {
    #[serde(flatten)]
    pub practice: PracticeJson<'a>,
    pub matched: MatchedJson,
}

#[derive(Debug, Serialize)]
pub struct QueryJson<'a> {
    pub phases: Vec<&'static str>,
    pub procurement_types: Vec<&'static str>,
    pub threats: Vec<&'static str>,
    pub text: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PracticeListJson<'a> {
    pub edition: &'a str,
    pub query: QueryJson<'a>,
    pub count: usize,
    pub practices: Vec<MatchJson<'a>>,
}

pub fn ids<T: Copy>(values: &[T], id: fn(T) -> &'static str) -> Vec<&'static str> {
    values.iter().map(|value| id(*value)).collect()
}

impl<'a> From<&'a Practice> for PracticeJson<'a> {
    fn from(practice: &'a Practice) -> Self {
        PracticeJson {
            number: practice.number.get(),
            id: practice.id(),
            title: (&practice.title).into(),
            statement: (&practice.statement).into(),
            objective: (&practice.objective).into(),
            phases: ids(&practice.phases, |v| v.id()),
            procurement_types: ids(&practice.procurement_types, |v| v.id()),
            threats: ids(&practice.threats, |v| v.id()),
        }
    }
}

impl<'a> From<&PracticeMatch<'a>> for MatchJson<'a> {
    fn from(found: &PracticeMatch<'a>) -> Self {
        MatchJson {
            practice: found.practice.into(),
            matched: MatchedJson {
                phases: ids(&found.phases, |v| v.id()),
                procurement_types: ids(&found.procurement_types, |v| v.id()),
                threats: ids(&found.threats, |v| v.id()),
                text: found.text,
            },
        }
    }
}

impl<'a> From<&'a Catalog> for CatalogJson<'a> {
    fn from(catalog: &'a Catalog) -> Self {
        let edition = &catalog.edition;
        CatalogJson {
            edition: EditionJson {
                id: &edition.id,
                publisher: &edition.publisher,
                title: (&edition.title).into(),
                published: &edition.published,
                variant: (&edition.variant).into(),
                url: &edition.url,
                version: edition.version,
            },
            phases: catalog
                .phases
                .iter()
                .map(|entry| TermJson {
                    id: entry.phase.id(),
                    name: (&entry.name).into(),
                    description: (&entry.description).into(),
                })
                .collect(),
            procurement_types: catalog
                .procurement_types
                .iter()
                .map(|entry| TermJson {
                    id: entry.procurement_type.id(),
                    name: (&entry.name).into(),
                    description: (&entry.description).into(),
                })
                .collect(),
            threats: catalog
                .threats
                .iter()
                .map(|entry| ThreatJson {
                    id: entry.group.id(),
                    name: (&entry.name).into(),
                    description: (&entry.description).into(),
                    examples: entry
                        .examples
                        .iter()
                        .map(|example| ExampleJson {
                            id: &example.id,
                            name: (&example.name).into(),
                        })
                        .collect(),
                })
                .collect(),
            practices: catalog.practices.iter().map(PracticeJson::from).collect(),
        }
    }
}
