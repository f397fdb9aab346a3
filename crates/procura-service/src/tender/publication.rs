//! Publishing a tender and modifying its published DCE.
//!
//! Publication freezes the selection as a numbered version: the annex, the
//! questionnaire and the supplier portal all serve it, and an ordinary save
//! is refused from then on. A change is only made as a modification of the
//! DCE: a new publication with its reason and the requirements it changed,
//! logged on the timeline; bids answered against an earlier publication are
//! flagged until their suppliers answer the changed lines.

use procura_catalog::Catalog;
use procura_domain::{AuditAction, ProjectId, RequirementCode, TextField, Timestamp};
use procura_store::publications;
pub use procura_store::publications::PublicationRecord;
use serde_json::json;

use super::{TenderLine, TenderView, selected_requirements};
use crate::{Invalid, Principal, ServiceError, Services};

/// The reason a save needs: none before publication, a non-blank one after
/// (anything else is refused, saying how many bids the change would touch).
pub(super) fn modification_reason<'a>(
    view: &TenderView,
    modification: Option<&'a str>,
) -> Result<Option<&'a str>, ServiceError> {
    let Some(published) = view.published() else {
        return Ok(None);
    };
    let Some(reason) = modification else {
        return Err(ServiceError::TenderPublished {
            number: published.number,
            bids: view.bid_count,
        });
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Invalid::ModificationReason.into());
    }
    TextField::Reason.check(reason)?;
    Ok(Some(reason))
}

/// The requirements whose place in the DCE differs between two selections:
/// added, removed, re-kinded, re-weighted or re-worded.
pub fn changed_codes(before: &[TenderLine], after: &[TenderLine]) -> Vec<RequirementCode> {
    let shape = |line: &TenderLine| {
        (
            line.kind,
            line.weight,
            line.text.clone(),
            line.evidence.clone(),
            line.penalty,
        )
    };
    let mut changed: Vec<RequirementCode> = Vec::new();
    for line in after.iter().filter(|line| line.included) {
        let same = before
            .iter()
            .find(|old| old.included && old.code == line.code)
            .is_some_and(|old| shape(old) == shape(line));
        if !same {
            changed.push(line.code.clone());
        }
    }
    for line in before.iter().filter(|line| line.included) {
        if !after
            .iter()
            .any(|new| new.included && new.code == line.code)
        {
            changed.push(line.code.clone());
        }
    }
    changed
}

/// Records the modification just saved as the next publication, or refuses
/// one that changes nothing in the DCE.
pub(super) async fn record_modification(
    tx: &mut procura_store::Tx,
    principal: &Principal,
    before: &TenderView,
    after: &TenderView,
    reason: &str,
    now: Timestamp,
) -> Result<(), ServiceError> {
    let number = before.published().map_or(1, |p| p.number + 1);
    let changed = changed_codes(&before.lines, &after.lines);
    let checksum = checksum(after);
    let terms_changed = before.terms != after.terms;
    if changed.is_empty() && !terms_changed {
        return Err(Invalid::ModificationEmpty.into());
    }
    let project = after.project.id;
    publications::insert_publication(
        tx,
        &PublicationRecord {
            project_id: project,
            number,
            selection_version: after.version,
            reason: reason.to_owned(),
            changed: changed.clone(),
            checksum,
            published_by: principal.user_id,
            published_at: now,
        },
    )
    .await
    .map_err(conflict_on_duplicate)?;
    crate::timeline::log(
        tx,
        principal,
        project,
        now,
        AuditAction::TenderModify,
        json!({
            "number": number,
            "reason": reason,
            "changed": changed.iter().map(RequirementCode::as_str).collect::<Vec<_>>(),
            "bids": before.bid_count,
        }),
    )
    .await
}

fn checksum(view: &TenderView) -> String {
    procura_docs::tender::requirement_checksum(&selected_requirements(&view.lines))
}

fn conflict_on_duplicate(error: procura_store::StoreError) -> ServiceError {
    match ServiceError::from(error) {
        ServiceError::Duplicate(_) => ServiceError::Conflict,
        other => other,
    }
}

impl Services {
    /// Publishes the tender as it stands at `version`: the DCE goes out and
    /// the selection is frozen. Refused while the award weights do not
    /// total 100 %, and once published.
    pub async fn publish_tender(
        &self,
        principal: &Principal,
        catalog: &Catalog,
        project: ProjectId,
        version: i64,
        now: Timestamp,
    ) -> Result<TenderView, ServiceError> {
        let mut tx = self.store().begin().await?;
        let (record, _, rights) = self.visible(&mut tx, principal, project).await?;
        if !rights.edit_tender {
            return Err(ServiceError::Forbidden);
        }
        let view = self
            .tender_view(&mut tx, principal, catalog, record, true)
            .await?;
        if view.version != version {
            return Err(ServiceError::Conflict);
        }
        if view.published().is_some() {
            return Err(Invalid::AlreadyPublished.into());
        }
        view.weight_check().map_err(ServiceError::Weights)?;
        // The proposal is published as it is shown: it becomes version 1.
        let selection_version = if version == 0 {
            self.store_lines(&mut tx, principal, project, 0, &view.lines, now)
                .await?;
            1
        } else {
            version
        };
        publications::insert_publication(
            &mut tx,
            &PublicationRecord {
                project_id: project,
                number: 1,
                selection_version,
                reason: String::new(),
                changed: Vec::new(),
                checksum: checksum(&view),
                published_by: principal.user_id,
                published_at: now,
            },
        )
        .await
        .map_err(conflict_on_duplicate)?;
        crate::timeline::log(
            &mut tx,
            principal,
            project,
            now,
            AuditAction::TenderPublish,
            json!({
                "number": 1,
                "included": view.included().count(),
                "bids": view.bid_count,
            }),
        )
        .await?;
        let published = self
            .tender_view(&mut tx, principal, catalog, view.project, true)
            .await?;
        tx.commit().await?;
        Ok(published)
    }
}

/// The modifications of the DCE published after a bid answered the
/// selection's `answered` version: what its supplier has to look at again.
pub fn modifications_since(
    publications: &[PublicationRecord],
    answered: Option<i64>,
) -> Vec<&PublicationRecord> {
    let Some(answered) = answered else {
        return Vec::new();
    };
    publications
        .iter()
        .filter(|p| p.number > 1 && p.selection_version > answered)
        .collect()
}

/// The publication a bid answered: the latest one at or before its version.
pub fn answered_publication(
    publications: &[PublicationRecord],
    answered: Option<i64>,
) -> Option<i64> {
    let answered = answered?;
    publications
        .iter()
        .rev()
        .find(|p| p.selection_version <= answered)
        .map(|p| p.number)
}
