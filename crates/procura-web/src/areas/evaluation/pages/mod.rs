//! The evaluation pages: a project's bids and grid, one bid's page and its
//! forms, and the supplier portal.

pub mod bid;
pub mod evaluation;
pub mod grades;
pub mod portal;
