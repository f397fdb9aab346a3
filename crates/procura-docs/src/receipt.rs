//! The receipt a supplier gets when it submits its answers through the
//! portal, as a PDF it can file: who submitted what, when, under which
//! number, and the SHA-256 of the exact text submitted.

use procura_domain::Lang;
use procura_i18n::{Arg, text, text_with};

use crate::DocError;
use crate::tender::{Block, Table, document_pdf};

/// What the receipt states, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDoc {
    pub lang: Lang,
    pub organisation: String,
    pub reference: String,
    pub project_title: String,
    pub supplier: String,
    pub number: String,
    /// The moment of submission, as the reader reads times.
    pub submitted_at: String,
    /// The publication of the DCE answered, once published.
    pub publication: Option<i64>,
    pub sha256: String,
    /// Each requirement answered: code, short title, answer.
    pub answers: Vec<(String, String, String)>,
    /// Each file: name and SHA-256.
    pub files: Vec<(String, String)>,
}

fn blocks(doc: &ReceiptDoc) -> Vec<Block> {
    let lang = doc.lang;
    let mut facts = vec![
        format!("{} {}", text(lang, "receipt-number"), doc.number),
        format!(
            "{} {}",
            text(lang, "receipt-submitted-at"),
            doc.submitted_at
        ),
        format!("{} {}", text(lang, "receipt-supplier"), doc.supplier),
        format!(
            "{} {} — {}",
            text(lang, "receipt-consultation"),
            doc.reference,
            doc.project_title
        ),
    ];
    if let Some(number) = doc.publication {
        facts.push(text_with(
            lang,
            "receipt-publication",
            &[("number", Arg::Number(number))],
        ));
    }
    let mut blocks = vec![
        Block::Bullets(facts),
        Block::Heading {
            level: 2,
            text: text(lang, "receipt-fingerprint"),
        },
        Block::Paragraph(text(lang, "receipt-fingerprint-hint")),
        Block::Paragraph(format!("SHA-256 : {}", doc.sha256)),
        Block::Heading {
            level: 2,
            text: text_with(
                lang,
                "receipt-answers",
                &[("count", Arg::from(doc.answers.len()))],
            ),
        },
        Block::Table(Table {
            headers: vec![
                text(lang, "receipt-col-code"),
                text(lang, "receipt-col-requirement"),
                text(lang, "receipt-col-answer"),
            ],
            rows: doc
                .answers
                .iter()
                .map(|(code, title, answer)| vec![code.clone(), title.clone(), answer.clone()])
                .collect(),
            widths: vec![2, 6, 2],
            footer: None,
        }),
    ];
    blocks.push(Block::Heading {
        level: 2,
        text: text_with(
            lang,
            "receipt-files",
            &[("count", Arg::from(doc.files.len()))],
        ),
    });
    if doc.files.is_empty() {
        blocks.push(Block::Paragraph(text(lang, "receipt-no-files")));
    } else {
        blocks.push(Block::Table(Table {
            headers: vec![text(lang, "receipt-col-file"), "SHA-256".to_owned()],
            rows: doc
                .files
                .iter()
                .map(|(name, sha)| vec![name.clone(), sha.clone()])
                .collect(),
            widths: vec![4, 6],
            footer: None,
        }));
    }
    blocks
}

/// The receipt as PDF.
pub fn receipt_pdf(doc: &ReceiptDoc) -> Result<Vec<u8>, DocError> {
    let title = text(doc.lang, "receipt-title");
    document_pdf(
        &title,
        std::slice::from_ref(&doc.organisation),
        &blocks(doc),
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: Lang) -> ReceiptDoc {
        ReceiptDoc {
            lang,
            organisation: "CHU de Rivemont".into(),
            reference: "AO-2026-PACS".into(),
            project_title: "PACS".into(),
            supplier: "Alpha Santé".into(),
            number: "AO-2026-PACS-AR-001".into(),
            submitted_at: "5 décembre 2026 à 14:05".into(),
            publication: Some(2),
            sha256: "ab".repeat(32),
            answers: vec![("REQ-PAT-01".into(), "Correctifs".into(), "Oui".into())],
            files: vec![("attestation.pdf".into(), "cd".repeat(32))],
        }
    }

    #[test]
    fn the_receipt_states_its_number_moment_and_fingerprint_in_both_languages() {
        for (lang, words) in [
            (
                Lang::Fr,
                ["Accusé de réception", "Empreinte", "version n° 2"],
            ),
            (Lang::En, ["Receipt", "Fingerprint", "version 2"]),
        ] {
            let blocks = blocks(&doc(lang));
            let all = format!("{blocks:?}");
            for word in words.iter().skip(1) {
                assert!(all.contains(word), "{lang:?} {word}: {all}");
            }
            assert!(all.contains("AO-2026-PACS-AR-001"));
            assert!(all.contains(&"ab".repeat(32)));
            assert!(!all.contains("Unknown localization key"), "{all}");
            let pdf = receipt_pdf(&doc(lang)).expect("pdf");
            assert!(pdf.starts_with(b"%PDF"));
            let title = text(lang, "receipt-title");
            assert!(title.starts_with(words[0]), "{title}");
        }
    }
}
