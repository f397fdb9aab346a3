//! The catalogue's wire types, separate from the domain and converted
//! explicitly.

use procura_catalog::{Catalog, Practice, PracticeMatch};
use procura_domain::Localized;
use serde::Serialize;
use utoipa::ToSchema;

/// A text in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl From<&Localized> for Text {
    fn from(text: &Localized) -> Self {
        Text {
            fr: text.fr.clone(),
            en: text.en.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Edition {
    pub id: String,
    pub publisher: String,
    pub title: Text,
    pub published: String,
    pub variant: Text,
    pub url: String,
    pub version: u32,
}

/// A phase or a procurement type.
#[derive(Debug, Serialize, ToSchema)]
pub struct Term {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreatExample {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Threat {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub examples: Vec<ThreatExample>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeBody {
    pub number: u8,
    /// `BP-01` … `BP-30`.
    pub id: String,
    pub title: Text,
    pub statement: Text,
    pub objective: Text,
    pub phases: Vec<String>,
    pub procurement_types: Vec<String>,
    pub threats: Vec<String>,
}

/// The selected filter values a practice covers: why it is in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Matched {
    pub phases: Vec<String>,
    pub procurement_types: Vec<String>,
    pub threats: Vec<String>,
    pub text: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeMatchBody {
    #[serde(flatten)]
    pub practice: PracticeBody,
    pub matched: Matched,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeList {
    pub edition: String,
    pub count: usize,
    pub practices: Vec<PracticeMatchBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogBody {
    pub edition: Edition,
    pub phases: Vec<Term>,
    pub procurement_types: Vec<Term>,
    pub threats: Vec<Threat>,
    pub practices: Vec<PracticeBody>,
}

fn ids<T: Copy>(values: &[T], id: fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|value| id(*value).to_owned()).collect()
}

impl From<&Practice> for PracticeBody {
    fn from(practice: &Practice) -> Self {
        PracticeBody {
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

impl From<&PracticeMatch<'_>> for PracticeMatchBody {
    fn from(found: &PracticeMatch<'_>) -> Self {
        PracticeMatchBody {
            practice: found.practice.into(),
            matched: Matched {
                phases: ids(&found.phases, |v| v.id()),
                procurement_types: ids(&found.procurement_types, |v| v.id()),
                threats: ids(&found.threats, |v| v.id()),
                text: found.text,
            },
        }
    }
}

pub fn phases(catalog: &Catalog) -> Vec<Term> {
    catalog
        .phases
        .iter()
        .map(|entry| Term {
            id: entry.phase.id().to_owned(),
            name: (&entry.name).into(),
            description: (&entry.description).into(),
        })
        .collect()
}

pub fn procurement_types(catalog: &Catalog) -> Vec<Term> {
    catalog
        .procurement_types
        .iter()
        .map(|entry| Term {
            id: entry.procurement_type.id().to_owned(),
            name: (&entry.name).into(),
            description: (&entry.description).into(),
        })
        .collect()
}

pub fn threats(catalog: &Catalog) -> Vec<Threat> {
    catalog
        .threats
        .iter()
        .map(|entry| Threat {
            id: entry.group.id().to_owned(),
            name: (&entry.name).into(),
            description: (&entry.description).into(),
            examples: entry
                .examples
                .iter()
                .map(|example| ThreatExample {
                    id: example.id.clone(),
                    name: (&example.name).into(),
                })
                .collect(),
        })
        .collect()
}

impl From<&Catalog> for CatalogBody {
    fn from(catalog: &Catalog) -> Self {
        let edition = &catalog.edition;
        CatalogBody {
            edition: Edition {
                id: edition.id.clone(),
                publisher: edition.publisher.clone(),
                title: (&edition.title).into(),
                published: edition.published.clone(),
                variant: (&edition.variant).into(),
                url: edition.url.clone(),
                version: edition.version,
            },
            phases: phases(catalog),
            procurement_types: procurement_types(catalog),
            threats: threats(catalog),
            practices: catalog.practices.iter().map(PracticeBody::from).collect(),
        }
    }
}
