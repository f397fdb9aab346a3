//! The pages of one's own account: signing in and out, and the account page.

pub mod account;
pub mod invitation;
pub mod session;
