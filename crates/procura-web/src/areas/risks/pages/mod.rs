//! The risk pages: a project's register and its forms, one risk's form,
//! and the organisation's portfolio.

pub mod form;
pub mod portfolio;
pub mod register;
pub mod register_forms;
pub mod risk;
