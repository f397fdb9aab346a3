//! The security part of a call for tenders: one intermediate model built from
//! a project's requirement selection, rendered as Markdown, HTML, DOCX and
//! PDF, and the bidders' questionnaire as XLSX, which is read back once filled.
//!
//! The model is a flat list of blocks in the reader's language, so every
//! format shows the same content in the same order; each renderer only
//! decides how a block looks. Nothing here reads a clock: the generation date
//! comes in with the input, so the same input gives the same bytes.

mod blocks;
mod build;
mod ccap;
mod cctp;
mod docx;
mod helvetica;
mod html;
mod markdown;
mod pdf;
mod questionnaire;
mod rc;
pub(crate) mod read;
mod response;

pub use build::{build_annex, requirement_checksum};
pub use docx::annex_docx;
pub use html::annex_html;
pub use markdown::annex_markdown;
pub use pdf::annex_pdf;
pub(crate) use pdf::document_pdf;
pub use procura_domain::{SelectedRequirement, TenderInput};
pub use questionnaire::{QUESTIONNAIRE_STAMP_SHEET, questionnaire_xlsx};
pub use read::{FilledQuestionnaire, FilledRow, ReadError, ReadLimits, read_questionnaire};

use procura_domain::{Lang, RequirementKind};

/// A tender annex, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex {
    pub lang: Lang,
    /// The document title, also the file's metadata title.
    pub title: String,
    /// Lines under the title: organisation, project, date.
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
    /// The selected requirements, for the questionnaire.
    pub requirements: Vec<AnnexRequirement>,
    pub stamp: QuestionnaireStamp,
}

/// One selected requirement in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexRequirement {
    pub code: String,
    pub kind: RequirementKind,
    pub kind_name: String,
    pub weight: u32,
    /// Short title, for the questionnaire's grid.
    pub title: String,
    pub text: String,
    pub evidence: String,
}

/// What identifies the requirement list a questionnaire was made from, so an
/// answered questionnaire can be matched to it when it comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireStamp {
    /// The project's id, or `draft` for a quick draft without a project.
    pub project: String,
    pub reference: String,
    /// The selection's version when the questionnaire was made.
    pub version: i64,
    /// SHA-256 of the requirement list, see [`requirement_checksum`].
    pub checksum: String,
}

/// A piece of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading; level 1 is a main section.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    Bullets(Vec<String>),
    /// Requirements numbered within their list, each shown with its id.
    Numbered(Vec<NumberedEntry>),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedEntry {
    pub code: String,
    pub text: String,
    /// A second line in smaller type: standards, practices.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative column widths, one per header.
    pub widths: Vec<u32>,
    /// A last row set apart, such as the total of the weights.
    pub footer: Option<Vec<String>>,
}

/// The formats of the annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnexFormat {
    Docx,
    Pdf,
    Markdown,
    Html,
}

impl AnnexFormat {
    pub const ALL: [AnnexFormat; 4] = [Self::Docx, Self::Pdf, Self::Markdown, Self::Html];

    /// `docx`, `pdf`, `md` (or `markdown`) and `html`.
    pub fn parse(input: &str) -> Option<Self> {
        match input.trim().to_ascii_lowercase().as_str() {
            "docx" | "word" => Some(Self::Docx),
            "pdf" => Some(Self::Pdf),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Markdown => "md",
            Self::Html => "html",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Pdf => "application/pdf",
            Self::Markdown => "text/markdown; charset=utf-8",
            Self::Html => "text/html; charset=utf-8",
        }
    }
}

/// The content type of the questionnaire.
pub const XLSX_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The annex in `format`.
pub fn render_annex(annex: &Annex, format: AnnexFormat) -> Result<Vec<u8>, crate::DocError> {
    match format {
        AnnexFormat::Docx => annex_docx(annex),
        AnnexFormat::Pdf => annex_pdf(annex),
        AnnexFormat::Markdown => Ok(annex_markdown(annex).into_bytes()),
        AnnexFormat::Html => Ok(annex_html(annex).into_bytes()),
    }
}
