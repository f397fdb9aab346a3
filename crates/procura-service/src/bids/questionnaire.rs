//! Answers from a returned questionnaire: the file is read within its
//! limits, its hidden stamp must name this project's current requirement
//! list, and it is imported whole or not at all.

use procura_catalog::Catalog;
use procura_docs::tender::{FilledQuestionnaire, ReadLimits, read_questionnaire};
use procura_domain::{
    BidId, BidRecord, BidSource, BidStatus, ProjectId, Timestamp, supplier_name_key,
};
use procura_store::bids;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::answers::{AnswerInput, check_answers, problems};
use crate::error::AnswerProblem;
use crate::{Principal, ServiceError, Services};

/// Checks the hidden stamp of a returned questionnaire against the tender.
fn check_stamp(
    filled: &FilledQuestionnaire,
    project: ProjectId,
    tender_version: i64,
    checksum: &str,
) -> Result<(), AnswerProblem> {
    let stamp = |key: &str| filled.stamp.get(key).map(|v| v.trim()).unwrap_or_default();
    if stamp("format") != "procura-questionnaire" {
        return Err(AnswerProblem::NotQuestionnaire);
    }
    if stamp("project") != project.to_string() {
        return Err(AnswerProblem::OtherProject);
    }
    if stamp("version").parse::<i64>().ok() != Some(tender_version) {
        return Err(AnswerProblem::Outdated {
            file: stamp("version").to_owned(),
            current: tender_version,
        });
    }
    if stamp("checksum") != checksum {
        return Err(AnswerProblem::Tampered);
    }
    Ok(())
}

impl Services {
    /// Imports a filled questionnaire: the file must be the one made for
    /// this project's current requirement list, and every row must be
    /// answered properly; otherwise every problem is reported and nothing
    /// is stored.
    pub async fn import_answers(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        // Who may change the bid is settled before the file is examined: a
        // file from someone outside the project is not read at all. The
        // reading happens outside the write transaction, which is why the
        // check is made again below.
        let mut check = self.store().begin_read().await?;
        self.bid_for_evaluation(&mut check, principal, catalog, bid)
            .await?;
        check.commit().await?;
        let filled = read_questionnaire(bytes, &ReadLimits::default())
            .map_err(|error| problems(vec![AnswerProblem::File(error)]))?;
        let mut tx = self.store().begin().await?;
        let saved = self
            .import_in(&mut tx, principal, catalog, bid, &filled, bytes, now)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Imports a questionnaire for a supplier named as in the register:
    /// into its open bid on the project, or into a new bid registered in
    /// the same transaction, so a refused file leaves nothing behind.
    #[allow(clippy::too_many_arguments)]
    pub async fn import_for_supplier(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        supplier: &str,
        offer: &str,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let mut check = self.store().begin_read().await?;
        let (_, _, rights) = self.visible(&mut check, principal, project).await?;
        check.commit().await?;
        if !rights.evaluate {
            return Err(ServiceError::Forbidden);
        }
        let filled = read_questionnaire(bytes, &ReadLimits::default())
            .map_err(|error| problems(vec![AnswerProblem::File(error)]))?;
        let mut tx = self.store().begin().await?;
        let open = bids::bids_for_project(&mut tx, project)
            .await?
            .into_iter()
            .find(|b| {
                supplier_name_key(&b.supplier_name) == supplier_name_key(supplier)
                    && b.status != BidStatus::Awarded
                    && (offer.trim().is_empty() || b.offer == offer.trim())
            });
        let bid = match open {
            Some(bid) => bid.id,
            None => {
                self.add_bid_in(&mut tx, principal, project, supplier, offer, "", now)
                    .await?
                    .id
            }
        };
        let saved = self
            .import_in(&mut tx, principal, catalog, bid, &filled, bytes, now)
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    #[allow(clippy::too_many_arguments)]
    async fn import_in(
        &self,
        tx: &mut procura_store::Tx,
        principal: &Principal,
        catalog: &Catalog,
        bid: BidId,
        filled: &FilledQuestionnaire,
        bytes: &[u8],
        now: Timestamp,
    ) -> Result<BidRecord, ServiceError> {
        let (view, record_) = self.bid_for_evaluation(tx, principal, catalog, bid).await?;
        let selected = crate::tender::selected_requirements(&view.tender.lines);
        let checksum = procura_docs::tender::requirement_checksum(&selected);
        check_stamp(filled, record_.project_id, view.tender.version, &checksum)
            .map_err(|problem| problems(vec![problem]))?;
        let given: Vec<(u32, AnswerInput)> = filled
            .rows
            .iter()
            .map(|row| {
                (
                    row.row,
                    AnswerInput {
                        code: row.code.clone(),
                        answer: row.response.clone(),
                        comment: row.comment.clone(),
                        evidence_ref: row.evidence_ref.clone(),
                    },
                )
            })
            .collect();
        let answers = check_answers(&view.criteria, &given, true).map_err(problems)?;
        let detail = json!({
            "sha256": hex::encode(Sha256::digest(bytes)),
            "size": bytes.len(),
            "lang": filled.stamp.get("lang"),
        });
        self.store_answers(
            tx,
            principal,
            &view,
            &record_,
            None,
            &answers,
            BidSource::Import,
            detail,
            now,
        )
        .await
    }
}
