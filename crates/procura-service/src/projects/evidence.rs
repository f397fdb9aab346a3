//! Evidence on checklist items: links held to one rule, files stored with
//! their row in one transaction, named safely and typed from their bytes.

use procura_domain::{
    AuditAction, EvidenceId, EvidenceKind, EvidenceRecord, ItemId, TextField, Timestamp,
};
use procura_store::items;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::secret::new_uuid;
use crate::timeline::log;
use crate::{Invalid, Principal, ServiceError, Services};

impl Services {
    pub async fn add_evidence_link(
        &self,
        principal: &Principal,
        item: ItemId,
        label: &str,
        url: &str,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        let url = evidence_link(url)?;
        let label = if TextField::EvidenceName.check(label.trim())?.is_empty() {
            url
        } else {
            label.trim()
        };
        self.add_evidence(
            principal,
            item,
            EvidenceKind::Link,
            label,
            Some(url.to_owned()),
            None,
            now,
        )
        .await
    }

    /// Stores an uploaded file with the evidence row, in one transaction:
    /// a failure leaves neither behind.
    pub async fn add_evidence_file(
        &self,
        principal: &Principal,
        item: ItemId,
        filename: &str,
        bytes: Vec<u8>,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        if bytes.is_empty() {
            return Err(ServiceError::Invalid(Invalid::EvidenceFile));
        }
        let name = sanitise_filename(filename);
        self.add_evidence(
            principal,
            item,
            EvidenceKind::File,
            &name,
            None,
            Some(bytes),
            now,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn add_evidence(
        &self,
        principal: &Principal,
        item: ItemId,
        kind: EvidenceKind,
        name: &str,
        url: Option<String>,
        bytes: Option<Vec<u8>>,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let target = items::find(&mut tx, principal.organisation_id, item)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (_, _, rights) = self.visible(&mut tx, principal, target.project_id).await?;
        if !rights.edit_items {
            return Err(ServiceError::Forbidden);
        }
        let evidence = EvidenceRecord {
            id: EvidenceId::from_uuid(new_uuid()?),
            item_id: item,
            project_id: target.project_id,
            kind,
            name: name.to_owned(),
            url,
            sha256: bytes
                .as_ref()
                .map(|bytes| hex::encode(Sha256::digest(bytes))),
            size: bytes
                .as_ref()
                .map(|bytes| i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
            content_type: bytes
                .as_ref()
                .map(|bytes| sniff_content_type(bytes).to_owned()),
            uploaded_by: principal.user_id,
            created_at: now,
        };
        items::insert_evidence(&mut tx, &evidence, bytes.as_deref()).await?;
        log(
            &mut tx,
            principal,
            target.project_id,
            now,
            AuditAction::EvidenceAdd,
            json!({
                "item": item.to_string(),
                "practice": target.practice.id(),
                "name": evidence.name,
                "sha256": evidence.sha256,
                "size": evidence.size,
                "url": evidence.url,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(evidence)
    }

    /// A piece of evidence and its item, for someone who sees its project.
    pub async fn evidence_record(
        &self,
        principal: &Principal,
        id: EvidenceId,
    ) -> Result<(EvidenceRecord, procura_domain::ItemRecord), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let evidence = items::find_evidence(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, evidence.project_id)
            .await?;
        let item = items::find(&mut tx, principal.organisation_id, evidence.item_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        tx.commit().await?;
        Ok((evidence, item))
    }

    /// Removes a piece of evidence: only its uploader, who may still edit
    /// the item, and only while the item's phase is not signed off (a
    /// signed phase keeps what it was signed on). Logged on the timeline.
    pub async fn remove_evidence(
        &self,
        principal: &Principal,
        id: EvidenceId,
        now: Timestamp,
    ) -> Result<EvidenceRecord, ServiceError> {
        let mut tx = self.store().begin().await?;
        let evidence = items::find_evidence(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (_, _, rights) = self
            .visible(&mut tx, principal, evidence.project_id)
            .await?;
        if !rights.edit_items {
            return Err(ServiceError::Forbidden);
        }
        if evidence.uploaded_by != principal.user_id {
            return Err(Invalid::EvidenceNotYours.into());
        }
        let item = items::find(&mut tx, principal.organisation_id, evidence.item_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let signed = procura_store::projects::sign_offs(&mut tx, evidence.project_id)
            .await?
            .iter()
            .any(|s| s.phase == item.phase);
        if signed {
            return Err(Invalid::EvidenceLocked.into());
        }
        if !items::delete_evidence(&mut tx, id).await? {
            return Err(ServiceError::Conflict);
        }
        log(
            &mut tx,
            principal,
            evidence.project_id,
            now,
            AuditAction::EvidenceRemove,
            json!({
                "item": item.id.to_string(),
                "practice": item.practice.id(),
                "name": evidence.name,
                "sha256": evidence.sha256,
                "url": evidence.url,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(evidence)
    }

    /// A file's record and bytes, for download by someone who sees its project.
    pub async fn evidence_file(
        &self,
        principal: &Principal,
        id: EvidenceId,
    ) -> Result<(EvidenceRecord, Vec<u8>), ServiceError> {
        let mut tx = self.store().begin_read().await?;
        let evidence = items::find_evidence(&mut tx, principal.organisation_id, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.visible(&mut tx, principal, evidence.project_id)
            .await?;
        let bytes = items::evidence_content(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok((evidence, bytes))
    }
}

/// An evidence link as the item form accepts it: an `http` or `https`
/// address of at most 2,000 characters without whitespace, trimmed. Imports
/// hold the links they bring to the same rule.
pub(crate) fn evidence_link(url: &str) -> Result<&str, Invalid> {
    let url = url.trim();
    let safe = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2000
        && !url.contains(char::is_whitespace);
    if safe {
        Ok(url)
    } else {
        Err(Invalid::EvidenceLink)
    }
}

/// Keeps the last path component and only characters safe everywhere.
pub fn sanitise_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._- ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    let cleaned: String = cleaned.chars().take(120).collect();
    if cleaned.is_empty() {
        "evidence".to_owned()
    } else {
        cleaned
    }
}

/// The content type from the bytes themselves, never from what the client said.
pub fn sniff_content_type(bytes: &[u8]) -> &'static str {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"PK\x03\x04", "application/zip"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "application/x-ole-storage",
        ),
    ];
    for (signature, content_type) in SIGNATURES {
        if bytes.starts_with(signature) {
            return content_type;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_sanitised() {
        let cases = [
            ("rapport.pdf", "rapport.pdf"),
            ("../../etc/passwd", "passwd"),
            ("C:\\Users\\x\\MDS2 form.xlsx", "MDS2 form.xlsx"),
            ("<script>.html", "_script_.html"),
            ("...", "evidence"),
            ("", "evidence"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitise_filename(input), expected, "{input:?}");
        }
    }

    #[test]
    fn content_type_comes_from_the_bytes() {
        assert_eq!(sniff_content_type(b"%PDF-1.7 ..."), "application/pdf");
        assert_eq!(sniff_content_type(b"PK\x03\x04rest"), "application/zip");
        assert_eq!(
            sniff_content_type(b"plain words"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            sniff_content_type(&[0xff, 0x00, 0xfe]),
            "application/octet-stream"
        );
    }
}
