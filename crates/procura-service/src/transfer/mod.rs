//! Moving a whole project between Procura instances, or keeping a backup:
//! every field, item, sign-off, timeline entry and evidence record, with
//! people named by e-mail (ids mean nothing elsewhere).
//!
//! An import never creates an attestation. The file is a claim: the new
//! project starts at planning, made by the importer now; what the file says
//! about its stage, sign-offs, timeline and who made what when is kept
//! apart as *imported history*, labelled with the file's SHA-256 and never
//! counted by the gate; evidence hashes come from the bytes received.

mod export;
mod format;
mod import;

pub use format::{
    EventData, EvidenceClaims, EvidenceData, ImportedHistory, ImportedHistoryData, ItemClaims,
    ItemData, ProjectData, ProjectExport, SignOffData, SourceData, StakeholderData,
};
