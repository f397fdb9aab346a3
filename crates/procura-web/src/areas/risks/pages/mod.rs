//! The risk pages: a project's register and its forms, one risk's form,
//! and the organisation's portfolio.

pub mod portfolio;
pub mod register;
pub mod risk;
