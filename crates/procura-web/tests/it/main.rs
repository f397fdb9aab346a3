//! The web application through real HTTP: a server on an ephemeral port over
//! a fresh SQLite file, and over a fresh PostgreSQL database when
//! `PROCURA_TEST_DATABASE_URL` is set.

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod access;
mod account_safety;
mod accounts;
mod api;
mod auth;
mod bids;
mod caching;
mod catalogue;
mod connections;
mod crosswalk;
mod harness;
mod home;
mod imports;
mod isolation;
mod pages;
mod portal;
mod projects;
mod publication;
mod risks;
mod security;
mod tender;
mod tender_terms;
mod timeline;

pub use harness::{Browser, TestApp, apps};
