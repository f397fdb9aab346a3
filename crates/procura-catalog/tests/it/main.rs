//! Behaviour of the embedded catalogue: its facts against the guidelines, its
//! integrity, the query engine and friendly id resolution.

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod integrity;
mod mappings;
mod query;
mod requirements;
mod resolve;
mod suggestions;

pub fn catalog() -> &'static procura_catalog::Catalog {
    match procura_catalog::builtin() {
        Ok(catalog) => catalog,
        Err(error) => panic!("the embedded catalogue does not load:\n{error}"),
    }
}
