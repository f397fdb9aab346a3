//! Documents read back the way their users' software reads them: the DOCX's
//! XML, the XLSX through calamine and its sheet XML, the PDF's text.

// Test helpers fail loudly; that is their job.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod evaluation;
mod read;
mod risk;
mod tender;
