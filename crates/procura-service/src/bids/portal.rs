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
use crate::tender::TenderLine;
use crate::{Invalid, ServiceError, Services, sniff_content_type};

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
}

impl PortalView {
    pub fn submitted(&self) -> bool {
        self.bid.status != BidStatus::Pending
    }
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
        Ok(PortalView {
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
        if bid.status != BidStatus::Pending {
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

    /// Saves the supplier's answers as a draft, or submits them: once
    /// submitted they are final.
    pub async fn portal_save(
        &self,
        secret: &str,
        address: &str,
        answers: &[AnswerInput],
        submit: bool,
        now: Timestamp,
    ) -> Result<Result<PortalView, PortalRefusal>, ServiceError> {
        let action = if submit {
            AuditAction::PortalSubmit
        } else {
            AuditAction::PortalSave
        };
        let (link, bid, mut tx) = match self.open_for_change(secret, address, now).await? {
            Ok(opened) => opened,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let view = self.portal_view(&mut tx, link.clone(), bid.clone()).await?;
        let numbered: Vec<(u32, AnswerInput)> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| (u32::try_from(i + 1).unwrap_or(u32::MAX), a.clone()))
            .collect();
        let records = check_answers(&view.criteria, &numbered, submit).map_err(problems)?;
        bids::replace_answers(&mut tx, bid.id, &records).await?;
        let tender_version = procura_store::tender::selection(&mut tx, bid.project_id)
            .await?
            .map_or(0, |(selection, _, _)| selection.version);
        let updated = BidRecord {
            status: if submit {
                BidStatus::Submitted
            } else {
                BidStatus::Pending
            },
            answered_version: Some(tender_version),
            source: Some(BidSource::Portal),
            submitted_at: submit.then_some(now),
            updated_at: now,
            ..bid.clone()
        };
        if !bids::update_bid(&mut tx, &updated).await? {
            return Err(ServiceError::Conflict);
        }
        let organisation = procura_store::projects::find_any(&mut tx, bid.project_id)
            .await?
            .map(|p| p.organisation_id);
        record(
            &mut tx,
            now,
            Change {
                organisation,
                action,
                object: format!("bid:{}", bid.id),
                detail: json!({
                    "link": link.id,
                    "address": address,
                    "answers": records.iter().filter(|a| a.answer.is_some()).count(),
                }),
                actor: Actor::Portal(&link.id),
            },
        )
        .await?;
        if submit {
            procura_store::projects::insert_event(
                &mut tx,
                bid.project_id,
                &procura_store::projects::EventRecord {
                    id: new_uuid()?.to_string(),
                    at: now.millis(),
                    actor: format!("portal:{}", link.id),
                    kind: AuditAction::BidSubmit.id().to_owned(),
                    detail: json!({ "bid": bid.id.to_string(), "supplier": bid.supplier_name })
                        .to_string(),
                },
            )
            .await?;
        }
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
        Ok(Ok(view))
    }

    /// Attaches an evidence file to the supplier's bid before submission.
    #[allow(clippy::too_many_arguments)]
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
        if bids::files(&mut tx, bid.id).await?.len() >= MAX_BID_FILES {
            return Err(Invalid::TooManyFiles.into());
        }
        let code = code.trim();
        if !code.is_empty() {
            let view = self.portal_view(&mut tx, link.clone(), bid.clone()).await?;
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
        bids::insert_file(&mut tx, &file, &bytes).await?;
        let organisation = procura_store::projects::find_any(&mut tx, bid.project_id)
            .await?
            .map(|p| p.organisation_id);
        record(
            &mut tx,
            now,
            Change {
                organisation,
                action: AuditAction::PortalFile,
                object: format!("bid:{}", bid.id),
                detail: json!({ "file": file.id, "name": file.name, "sha256": file.sha256, "size": file.size }),
                actor: Actor::Portal(&link.id),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(file))
    }
}
