//! The pages of procurement projects.

pub mod files;
pub mod home;
pub mod item;
pub mod my_items;
pub mod portfolio;
pub mod project;
pub mod project_form;
