//! Documents Procura generates: the list of practices that apply to a
//! purchase and the whole catalogue (Markdown, CSV, JSON), a project's
//! checklist (also XLSX), the tender security annex (Markdown, HTML,
//! DOCX, PDF) with its bidders' questionnaire (XLSX), the risk register
//! (CSV, XLSX) and risk report (DOCX, PDF), and the security part of the
//! bid evaluation report (DOCX, PDF, XLSX).
//!
//! Each format takes the validated catalogue and query results and returns
//! text; writing it somewhere is the caller's business. The JSON shapes are a
//! public contract, documented in the README.

mod checklist;
mod crosswalk;
mod csv_export;
mod csv_table;
mod dates;
mod describe;
pub mod evaluation;
mod json;
mod markdown;
mod markdown_text;
mod receipt;
pub mod risk;
pub mod tender;
#[cfg(feature = "testing")]
pub mod testing;
mod wire;

pub use checklist::{
    ChecklistDoc, ChecklistRow, checklist_csv, checklist_json, checklist_markdown, checklist_xlsx,
};
pub use crosswalk::{CrosswalkJson, crosswalk, crosswalk_csv, crosswalk_json, crosswalk_xlsx};
pub use csv_export::practices_csv;
pub use csv_table::{CsvTable, inert};
pub use describe::{phase_names, reasons, threat_names, type_names};
pub use json::{
    catalog_json, phases_json, practice_json, practices_json, procurement_types_json, threats_json,
};
pub use markdown::{practice_markdown, practices_markdown};
pub use receipt::{ReceiptDoc, receipt_pdf};

/// A document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not serialise JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("generated text is not UTF-8")]
    Encoding,
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(String),
    #[error("could not write the Word document: {0}")]
    Docx(String),
}
