//! What domain values are called in the reader's language, wherever a
//! page, a document or an export names them.

use procura_domain::{ItemStatus, Stage};
use procura_i18n::MessageKey;

use crate::i18n::Tr;

/// A project's stage: planning, supplier selection, management, closed.
pub fn stage_name(tr: &Tr, stage: Stage) -> String {
    tr.t(&stage.message_key())
}

/// A checklist item's status: to do, in progress, done, not applicable.
pub fn item_status_name(tr: &Tr, status: ItemStatus) -> String {
    tr.t(&status.message_key())
}
