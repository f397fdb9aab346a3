//! The checklist of a project: one item per practice and phase, and the
//! evidence attached to items.

use crate::{
    Day, EvidenceId, ItemId, ItemStatus, Phase, PracticeNumber, ProjectId, Timestamp, UserId,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    pub id: ItemId,
    pub project_id: ProjectId,
    pub phase: Phase,
    pub practice: PracticeNumber,
    pub status: ItemStatus,
    /// Why the practice does not apply (required for not-applicable).
    pub justification: String,
    pub owner_id: Option<UserId>,
    pub due_date: Option<Day>,
    pub notes: String,
    /// No longer applicable after the project's types changed; kept, with
    /// its data, for the record.
    pub retired: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    File,
    Link,
    /// A file an imported project listed but did not bring: recorded so the
    /// item shows it is missing, with no bytes, hash or size.
    Missing,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 3] = [
        EvidenceKind::File,
        EvidenceKind::Link,
        EvidenceKind::Missing,
    ];

    /// The id stored in the database.
    pub fn id(self) -> &'static str {
        match self {
            EvidenceKind::File => "file",
            EvidenceKind::Link => "link",
            EvidenceKind::Missing => "missing",
        }
    }

    pub fn parse(id: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|kind| kind.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub id: EvidenceId,
    pub item_id: ItemId,
    pub project_id: ProjectId,
    pub kind: EvidenceKind,
    /// The file name, or the link's label.
    pub name: String,
    pub url: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub content_type: Option<String>,
    pub uploaded_by: UserId,
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_kinds_round_trip_through_their_ids() {
        for kind in EvidenceKind::ALL {
            assert_eq!(EvidenceKind::parse(kind.id()), Some(kind));
        }
        assert_eq!(EvidenceKind::parse("photo"), None);
    }
}
