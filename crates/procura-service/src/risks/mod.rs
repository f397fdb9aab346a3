//! A project's risk register (good practices 11 and 13), its review in
//! every phase, the DPIA screening (good practice 19), and the
//! organisation's risk matrix and appetite.
//!
//! Risks name a threat group of the catalogue; Procura suggests the few
//! practices most relevant to that group and to the project's types, and
//! the tender requirements that implement them. A new project's proposed
//! risks each name the threat scenario suited to its types.

mod changes;
mod input;
mod register;
mod review;
mod settings;
mod suggestions;

pub use input::RiskInput;
pub use register::{OwnerChoice, RegisterView, RiskView};
pub use suggestions::{
    RankedMitigations, ranked_mitigations, relevant_threats, starter_risks, suggested_practices,
    suggested_requirements,
};
