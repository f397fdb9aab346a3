//! The supplier portal: what a supplier sees and does through its link —
//! its own bid and nothing else, its answers saved as a draft or submitted
//! (then final), and its evidence files.

use procura_domain::AuditAction;
use std::collections::BTreeMap;

use procura_domain::{
    AnswerRecord, BidFileRecord, BidRecord, BidSource, BidStatus, PortalLinkRecord,
    RequirementCode, Timestamp,
};
use procura_store::bids;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::answers::{AnswerInput, check_answers, problems};
use super::portal_links::PortalRefusal;
use super::registration::awarded;
use crate::audit::{Actor, Change, record};
use crate::projects::sanitise_filename;
use crate::secret::new_uuid;
use crate::tender::{PublicationRecord, TenderLine};
use crate::{Invalid, ServiceError, Services, sniff_content_type};
use procura_store::bids::ReceiptRecord;

/// Evidence files one bid may carry, so a portal link cannot fill the disk.
pub const MAX_BID_FILES: usize = 50;

/// What a supplier sees through its link: its own bid and nothing else.
#[derive(Debug, Clone)]
pub struct PortalView {
    pub link_id: String,
    pub bid: BidRecord,
    pub organisation: String,
    pub project_reference: String,
    pub project_title: String,
    pub criteria: Vec<TenderLine>,
    pub answers: BTreeMap<RequirementCode, AnswerRecord>,
    pub files: Vec<BidFileRecord>,
    pub expires_at: Timestamp,
    /// The selection's version the portal serves.
    pub tender_version: i64,
    /// The publication in force, once the DCE is published.
    pub publication: Option<i64>,
    /// Modifications of the DCE since the supplier answered: their reasons
    /// are shown, and the requirements they changed are to answer again.
    pub modifications: Vec<PublicationRecord>,
    pub changed: Vec<RequirementCode>,
    /// The receipts of the supplier's submissions, the latest last.
    pub receipts: Vec<ReceiptRecord>,
}

impl PortalView {
    /// Submitted, and not reopened by a later modification of the DCE.
    pub fn submitted(&self) -> bool {
        self.bid.status != BidStatus::Pending && !self.reopened()
    }

    /// A submitted bid the DCE changed under: its supplier answers again.
    pub fn reopened(&self) -> bool {
        self.bid.status == BidStatus::Submitted
            && self
                .bid
                .answered_version
                .is_some_and(|version| version != self.tender_version)
    }

    /// The answers stored, as the forms and the checks take them.
    pub fn stored_inputs(&self) -> Vec<AnswerInput> {
        self.criteria
            .iter()
            .map(|line| {
                let stored = self.answers.get(&line.code);
                AnswerInput {
                    code: line.code.to_string(),
                    answer: stored
                        .and_then(|a| a.answer)
                        .map(|a| a.id().to_owned())
                        .unwrap_or_default(),
                    comment: stored.map(|a| a.comment.clone()).unwrap_or_default(),
                    evidence_ref: stored.map(|a| a.evidence_ref.clone()).unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// The rows numbered from 1, as the answer checks report them.
fn numbered(answers: &[AnswerInput]) -> Vec<(u32, AnswerInput)> {
    answers
        .iter()
        .enumerate()
        .map(|(i, a)| (u32::try_from(i + 1).unwrap_or(u32::MAX), a.clone()))
        .collect()
}

impl Services {
    async fn portal_view(
        &self,
        tx: &mut procura_store::Tx,
        link: PortalLinkRecord,
        bid: BidRecord,
    ) -> Result<PortalView, ServiceError> {
        let project = procura_store::projects::find_any(tx, bid.project_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let organisation = procura_store::organisations::find(tx, project.organisation_id)
            .await?
            .map(|org| org.name)
            .unwrap_or_default();
        let catalog = procura_catalog::builtin()
            .map_err(|error| ServiceError::Internal(format!("catalogue: {error}")))?;
        let custom =
            procura_store::tender::custom_requirements(tx, project.organisation_id).await?;
        let stored = procura_store::tender::selection(tx, project.id).await?;
        let library = procura_catalog::requirement_library()
            .map_err(|error| ServiceError::Internal(format!("requirement library: {error}")))?;
        let lines = crate::tender::resolve_lines(
            catalog,
            library,
            &project.procurement_types,
            stored.as_ref().map(|(_, _, lines)| lines.as_slice()),
            &custom,
        );
        let answers = bids::answers(tx, bid.id)
            .await?
            .into_iter()
            .map(|a| (a.code.clone(), a))
            .collect();
        let publications = procura_store::publications::publications(tx, project.id).await?;
        let tender_version = stored
            .as_ref()
            .map_or(0, |(selection, _, _)| selection.version);
        let outdated = bid
            .answered_version
            .is_some_and(|version| version != tender_version);
        let modifications: Vec<PublicationRecord> = if outdated {
            crate::tender::modifications_since(&publications, bid.answered_version)
                .into_iter()
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let mut changed: Vec<RequirementCode> = Vec::new();
        for code in modifications.iter().flat_map(|m| &m.changed) {
            if !changed.contains(code) {
                changed.push(code.clone());
            }
        }
        Ok(PortalView {
            tender_version,
            publication: publications.last().map(|p| p.number),
            modifications,
            changed,
            receipts: bids::receipts(tx, bid.id).await?,
            link_id: link.id,
            organisation,
            project_reference: project.reference.to_string(),
            project_title: project.title,
            criteria: lines.into_iter().filter(|l| l.included).collect(),
            answers,
            files: bids::files(tx, bid.id).await?,
            expires_at: link.expires_at,
            bid,
        })
    }

    /// Opens a link in a transaction of its own, so that every use stays
    /// in the audit log (`portal.access`) whatever happens to the work it
    /// was made for; the work, once done, is logged by itself.
    async fn open_logged(
        &self,
        secret: &str,
        address: &str,
        action: AuditAction,
        now: Timestamp,
    ) -> Result<Result<(PortalLinkRecord, BidRecord), PortalRefusal>, ServiceError> {
        let mut tx = self.store().begin().await?;
        let opened = self
            .open_link(&mut tx, secret, address, action, now)
            .await?;
        tx.commit().await?;
        Ok(opened)
    }

    /// Opens a link to change its bid: the bid must still be open (not
    /// submitted, its contract not awarded). The change's transaction is
    /// begun here.
    async fn open_for_change(
        &self,
        secret: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<Result<(PortalLinkRecord, BidRecord, procura_store::Tx), PortalRefusal>, ServiceError>
    {
        let (link, bid) = match self
            .open_logged(secret, address, AuditAction::PortalAccess, now)
            .await?
        {
            Ok(found) => found,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let mut tx = self.store().begin().await?;
        let tender_version = procura_store::tender::selection(&mut tx, bid.project_id)
            .await?
            .map_or(0, |(selection, _, _)| selection.version);
        let reopened = bid.status == BidStatus::Submitted
            && bid
                .answered_version
                .is_some_and(|version| version != tender_version);
        if bid.status != BidStatus::Pending && !reopened {
            return Err(Invalid::BidFinal.into());
        }
        if awarded(&mut tx, bid.project_id).await? {
            return Err(Invalid::EvaluationClosed.into());
        }
        Ok(Ok((link, bid, tx)))
    }

    /// Opens the portal page of the bid a link names.
    pub async fn portal(
        &self,
        secret: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        let mut tx = self.store().begin().await?;
        let opened = self
            .open_link(&mut tx, secret, address, AuditAction::PortalOpen, now)
            .await?;
        let result = match opened {
            Ok((link, bid)) => Ok(self.portal_view(&mut tx, link, bid).await?),
            Err(refusal) => Err(refusal),
        };
        tx.commit().await?;
        Ok(result)
    }

    /// Saves the supplier's answers as a draft: blanks stay blanks.
    pub async fn portal_save(
        &self,
        secret: &str,
        address: &str,
        answers: &[AnswerInput],
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        self.keep_draft(secret, address, answers, false, now).await
    }

    /// Saves the answers as a draft for the supplier to review before it
    /// submits; refused, with every problem and nothing saved, unless
    /// every requirement is answered as a submission needs.
    pub async fn portal_review(
        &self,
        secret: &str,
        address: &str,
        answers: &[AnswerInput],
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        self.keep_draft(secret, address, answers, true, now).await
    }

    async fn keep_draft(
        &self,
        secret: &str,
        address: &str,
        answers: &[AnswerInput],
        complete: bool,
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let view = self
            .draft_in(&mut tx, &link, &bid, answers, complete, now)
            .await?;
        tx.commit().await?;
        Ok(Ok(view))
    }

    /// Stores `answers` as the bid's draft, checked as a submission needs
    /// when `complete`, and logs the save.
    async fn draft_in(
        &self,
        tx: &mut procura_store::Tx,
        link: &PortalLinkRecord,
        bid: &BidRecord,
        answers: &[AnswerInput],
        complete: bool,
        now: Timestamp,
    ) -> Result<PortalView, ServiceError> {
        let view = self.portal_view(tx, link.clone(), bid.clone()).await?;
        let records =
            check_answers(&view.criteria, &numbered(answers), complete).map_err(problems)?;
        bids::replace_answers(tx, bid.id, &records).await?;
        let updated = BidRecord {
            status: BidStatus::Pending,
            answered_version: Some(view.tender_version),
            source: Some(BidSource::Portal),
            updated_at: now,
            ..bid.clone()
        };
        if !bids::update_bid(tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        log_portal(
            tx,
            link,
            bid,
            AuditAction::PortalSave,
            json!({
                "link": link.id,
                "answers": records.iter().filter(|a| a.answer.is_some()).count(),
            }),
            now,
        )
        .await?;
        self.portal_view(
            tx,
            link.clone(),
            BidRecord {
                version: bid.version + 1,
                ..updated
            },
        )
        .await
    }

    /// Submits the draft the supplier reviewed at `version`: every answer
    /// checked again, the bid final, and a receipt made of the exact text
    /// submitted (answers and the files' fingerprints) with its SHA-256.
    pub async fn portal_submit(
        &self,
        secret: &str,
        address: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<Result<(PortalView, ReceiptRecord), PortalRefusal>, ServiceError> {
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        if bid.version != version {
            return Err(ServiceError::Conflict);
        }
        let view = self.portal_view(&mut tx, link.clone(), bid.clone()).await?;
        check_answers(&view.criteria, &numbered(&view.stored_inputs()), true).map_err(problems)?;
        let updated = BidRecord {
            status: BidStatus::Submitted,
            answered_version: Some(view.tender_version),
            source: Some(BidSource::Portal),
            submitted_at: Some(now),
            updated_at: now,
            ..bid.clone()
        };
        if !bids::update_bid(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        let count = bids::receipt_count(&mut tx, bid.project_id).await?;
        let content = super::receipt::content(
            &super::receipt::Submission {
                reference: &view.project_reference,
                bid: &view.bid,
                tender_version: view.tender_version,
                criteria: &view.criteria,
                answers: &view.answers,
                files: &view.files,
            },
            now,
        );
        let receipt = ReceiptRecord {
            id: new_uuid()?.to_string(),
            bid_id: bid.id,
            project_id: bid.project_id,
            number: format!("{}-AR-{:03}", view.project_reference, count + 1),
            submitted_at: now,
            sha256: hex::encode(Sha256::digest(content.as_bytes())),
            content,
        };
        bids::insert_receipt(&mut tx, &receipt)
            .await
            .map_err(|error| match ServiceError::from(error) {
                ServiceError::Duplicate(_) => ServiceError::Conflict,
                other => other,
            })?;
        log_portal(
            &mut tx,
            &link,
            &bid,
            AuditAction::PortalSubmit,
            json!({
                "link": link.id,
                "answers": view.answers.len(),
                "receipt": receipt.number,
                "sha256": receipt.sha256,
            }),
            now,
        )
        .await?;
        procura_store::projects::insert_event(
            &mut tx,
            bid.project_id,
            &procura_store::projects::EventRecord {
                id: new_uuid()?.to_string(),
                at: now.millis(),
                actor: format!("portal:{}", link.id),
                kind: AuditAction::BidSubmit.id().to_owned(),
                detail: json!({
                    "bid": bid.id.to_string(),
                    "supplier": bid.supplier_name,
                    "receipt": receipt.number,
                })
                .to_string(),
            },
        )
        .await?;
        let view = self
            .portal_view(
                &mut tx,
                link,
                BidRecord {
                    version: bid.version + 1,
                    ..updated
                },
            )
            .await?;
        tx.commit().await?;
        Ok(Ok((view, receipt)))
    }

    /// Saves the answers as a draft and attaches a file, in one
    /// transaction: what the supplier typed is kept with the file.
    #[allow(clippy::too_many_arguments)]
    pub async fn portal_attach(
        &self,
        secret: &str,
        address: &str,
        answers: &[AnswerInput],
        code: &str,
        filename: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        if bytes.is_empty() {
            return Err(Invalid::EvidenceFile.into());
        }
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let view = self
            .draft_in(&mut tx, &link, &bid, answers, false, now)
            .await?;
        self.attach_in(&mut tx, &link, &view.bid, code, filename, bytes, now)
            .await?;
        let view = self.portal_view(&mut tx, link, view.bid).await?;
        tx.commit().await?;
        Ok(Ok(view))
    }

    /// Attaches an evidence file to the supplier's bid before submission.
    pub async fn portal_upload(
        &self,
        secret: &str,
        address: &str,
        code: &str,
        filename: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<Result<BidFileRecord, PortalRefusal>, ServiceError> {
        if bytes.is_empty() {
            return Err(Invalid::EvidenceFile.into());
        }
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let file = self
            .attach_in(&mut tx, &link, &bid, code, filename, bytes, now)
            .await?;
        tx.commit().await?;
        Ok(Ok(file))
    }

    #[allow(clippy::too_many_arguments)]
    async fn attach_in(
        &self,
        tx: &mut procura_store::Tx,
        link: &PortalLinkRecord,
        bid: &BidRecord,
        code: &str,
        filename: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<BidFileRecord, ServiceError> {
        if bids::files(tx, bid.id).await?.len() >= MAX_BID_FILES {
            return Err(Invalid::TooManyFiles.into());
        }
        let code = code.trim();
        if !code.is_empty() {
            let view = self.portal_view(tx, link.clone(), bid.clone()).await?;
            if !view.criteria.iter().any(|l| l.code.as_str() == code) {
                return Err(Invalid::UnknownRequirement.into());
            }
        }
        let file = BidFileRecord {
            id: new_uuid()?.to_string(),
            bid_id: bid.id,
            code: code.to_owned(),
            name: sanitise_filename(filename),
            content_type: sniff_content_type(&bytes).to_owned(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(&bytes)),
            uploaded_at: now,
        };
        bids::insert_file(tx, &file, &bytes).await?;
        log_portal(
            tx,
            link,
            bid,
            AuditAction::PortalFile,
            json!({ "file": file.id, "name": file.name, "sha256": file.sha256, "size": file.size }),
            now,
        )
        .await?;
        Ok(file)
    }
}

/// Logs what a portal link did to its bid, on behalf of the link.
async fn log_portal(
    tx: &mut procura_store::Tx,
    link: &PortalLinkRecord,
    bid: &BidRecord,
    action: AuditAction,
    detail: serde_json::Value,
    now: Timestamp,
) -> Result<(), ServiceError> {
    let organisation = procura_store::projects::find_any(tx, bid.project_id)
        .await?
        .map(|p| p.organisation_id);
    record(
        tx,
        now,
        Change {
            organisation,
            action,
            object: format!("bid:{}", bid.id),
            detail,
            actor: Actor::Portal(&link.id),
        },
    )
    .await
}
