//! The guidelines as data: the embedded catalogue files, parsed once into
//! validated types, and the pure query engine over them.
//!
//! The crate does no IO beyond the data compiled into it with `include_str!`.
//! Its ids are the public contract; its texts are Procura's own wording of the
//! guidelines, in French and English.

mod checklist;
mod error;
mod fold;
mod load;
mod measures;
mod model;
mod query;
mod raw;
mod requirements;
mod resolve;
mod suggest;

pub use error::{CatalogError, Problem};
pub use fold::fold;
pub use measures::{MAX_MEASURES, Measure, Relevance, rank};
pub use model::{
    Catalog, Edition, PhaseEntry, Practice, ProcurementTypeEntry, ThreatEntry, ThreatExample,
    ThreatScenario,
};
pub use query::{PhaseGroup, PracticeMatch, PracticeQuery, group_by_phase};
pub use requirements::{
    ContractTerms, CoveredPoint, Derogation, DerogationTrigger, Extension, GradingScale, LIBRARY,
    LibrarySources, PenaltyTerms, ReferencePoint, ReferenceScheme, References, Requirement,
    RequirementLibrary, Standard, Term, load_library,
};
pub use resolve::ResolveError;

use std::sync::LazyLock;

static BUILTIN: LazyLock<Result<Catalog, CatalogError>> = LazyLock::new(load::enisa_2020);

/// The catalogue compiled into this binary: ENISA's 2020 guidelines.
///
/// It is parsed and validated on first use. The data is checked by the test
/// suite, so an error here means a broken build, which callers report and exit.
pub fn builtin() -> Result<&'static Catalog, CatalogError> {
    BUILTIN.as_ref().map_err(Clone::clone)
}

static LIBRARY_BUILTIN: LazyLock<Result<RequirementLibrary, CatalogError>> =
    LazyLock::new(|| load_library(builtin()?, &LIBRARY));

/// The tender requirement library compiled into this binary, checked against
/// the built-in catalogue on first use.
pub fn requirement_library() -> Result<&'static RequirementLibrary, CatalogError> {
    LIBRARY_BUILTIN.as_ref().map_err(Clone::clone)
}
