//! The tender pages: the requirement selection, its documents, and the
//! cross-walk to the reference texts.

pub mod crosswalk;
pub mod documents;
pub mod selection;
