//! What a page with a form needs: the options its lists offer, and the
//! refusal shown on the form again when the person can fix it.

use crate::error::WebError;
use crate::render::RequestContext;

/// An option of a list, a select or a set of checkboxes.
pub struct Choice {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

/// Whether a refusal is one the person can fix on the form (bad input, a
/// stale version): the form is shown again; other errors become pages.
pub fn fixable(error: &WebError) -> bool {
    matches!(error.status.as_u16(), 400 | 409 | 422)
}

/// The refusal's message in the reader's language, with its details.
pub fn message(context: &RequestContext, error: &WebError) -> String {
    let args: Vec<(&'static str, procura_i18n::Arg)> = error
        .args
        .iter()
        .map(|(name, value)| (*name, procura_i18n::Arg::guess(value)))
        .collect();
    context.tr().with(error.key, &args)
}
