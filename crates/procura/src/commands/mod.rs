//! One module per command: resolve the user's values against the catalogue,
//! run the pure query, and write the chosen format.

pub mod admin;
pub mod bid;
pub mod catalog;
pub mod practice;
pub mod practices;
pub mod project;
pub mod requirements;
pub mod risk;
pub mod serve;
pub mod taxonomies;
pub mod tender;

use procura_catalog::Catalog;
use procura_domain::{Lang, Phase};

/// The one-letter abbreviation of a phase in a language (P, S, M / P, S, G),
/// taken from its name so it always matches the legend.
pub fn phase_letter(catalog: &Catalog, phase: Phase, lang: Lang) -> String {
    catalog
        .phase_name(phase, lang)
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}
