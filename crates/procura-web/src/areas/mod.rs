//! The areas of Procura. Each is a folder holding its pages, its API and
//! the one function that declares their routes; the kit is all they share,
//! and no area reaches into another.
//!
//! Adding an area is adding its folder, and its line in [`ALL`] (with the
//! `mod` line Rust asks for): the route table and the OpenAPI document both
//! read this list, so an area is never mounted and left undocumented.

pub mod accounts;
pub mod admin;
pub mod catalogue;
pub mod evaluation;
pub mod projects;
pub mod risks;
pub mod suppliers;
pub mod system;
pub mod tender;

use crate::routes::table::Routes;

/// What an area gives the application.
pub struct Area {
    /// Declares the area's pages and API routes into the route table.
    pub routes: fn(&mut Routes),
    /// The area's part of the OpenAPI document.
    pub api: fn() -> utoipa::openapi::OpenApi,
}

/// Every area, in the order their routes are declared.
pub const ALL: &[Area] = &[
    system::AREA,
    accounts::AREA,
    catalogue::AREA,
    projects::AREA,
    tender::AREA,
    risks::AREA,
    evaluation::AREA,
    suppliers::AREA,
    admin::AREA,
];
