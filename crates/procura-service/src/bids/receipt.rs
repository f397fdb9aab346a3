//! What a supplier's submission receipt certifies: one plain text, made of
//! the submission's answers and the fingerprints of its files in the
//! tender's order, whose SHA-256 the receipt carries. The text is kept with
//! the receipt, so anyone can recompute the hash and compare each line with
//! the answers stored.

use std::collections::BTreeMap;
use std::fmt::Write;

use procura_domain::{AnswerRecord, BidFileRecord, BidId, BidRecord, RequirementCode, Timestamp};
use procura_store::bids::{self, ReceiptRecord};

use crate::tender::TenderLine;
use crate::{Principal, ServiceError, Services};

/// What a submission is made of, as the portal holds it.
pub(super) struct Submission<'a> {
    pub reference: &'a str,
    pub bid: &'a BidRecord,
    pub tender_version: i64,
    pub criteria: &'a [TenderLine],
    pub answers: &'a BTreeMap<RequirementCode, AnswerRecord>,
    pub files: &'a [BidFileRecord],
}

/// Tabs and line breaks inside a field would make another line or column.
fn field(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// The submitted text: a header, then one `answer` line per requirement
/// (code, answer id, comment, evidence reference) and one `file` line per
/// file (name, requirement, size, SHA-256), tab-separated.
pub(super) fn content(view: &Submission<'_>, at: Timestamp) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "procura-receipt\t1");
    let _ = writeln!(text, "project\t{}", field(view.reference));
    let _ = writeln!(text, "bid\t{}", view.bid.id);
    let _ = writeln!(text, "supplier\t{}", field(&view.bid.supplier_name));
    let _ = writeln!(text, "selection\t{}", view.tender_version);
    let _ = writeln!(text, "submitted\t{}", at.millis());
    for line in view.criteria {
        let stored = view.answers.get(&line.code);
        let _ = writeln!(
            text,
            "answer\t{}\t{}\t{}\t{}",
            line.code,
            stored
                .and_then(|a| a.answer)
                .map_or("", |answer| answer.id()),
            field(stored.map_or("", |a| a.comment.as_str())),
            field(stored.map_or("", |a| a.evidence_ref.as_str())),
        );
    }
    for file in view.files {
        let _ = writeln!(
            text,
            "file\t{}\t{}\t{}\t{}",
            field(&file.name),
            file.code,
            file.size,
            file.sha256
        );
    }
    text
}

impl Services {
    /// A bid's submission receipts, for anyone who sees its project.
    pub async fn bid_receipts(
        &self,
        principal: &Principal,
        id: BidId,
    ) -> Result<Vec<ReceiptRecord>, ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let bid = bids::find_bid(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, bid.project_id).await?;
        let receipts = bids::receipts(&mut tx, id).await?;
        tx.commit().await?;
        Ok(receipts)
    }
}
