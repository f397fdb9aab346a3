//! The tender pages: the requirement selection and its documents.

pub mod documents;
pub mod selection;
