//! The small kit every area builds on: each module does one job the pages
//! and the API of several areas share, so that areas never reach into each
//! other.

pub mod certifications;
pub mod downloads;
pub mod error_body;
pub mod field_errors;
pub mod form_page;
pub mod forms;
pub mod ids;
pub mod json_body;
pub mod json_cache;
pub mod lang;
pub mod names;
pub mod steps;
pub mod summaries;
pub mod tabs;
pub mod time;
pub mod uploads;
