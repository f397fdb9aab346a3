//! The annex of a project's tender, built once for the page's downloads
//! and the API's: the selection's included lines in the reader's language.

use procura_docs::tender::{Annex, build_annex};
use procura_domain::{Lang, ProjectId};

use crate::error::{WebError, WebResult};
use crate::kit::downloads::file_stem;
use crate::kit::time::today;
use crate::render::RequestContext;
use crate::state::AppState;

/// Builds the annex of a project in `lang`, refusing unbalanced weights.
pub async fn project_annex(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    lang: Lang,
) -> WebResult<(Annex, String)> {
    let principal = context.principal()?;
    let input = state
        .services
        .tender_input(principal, state.catalog, id, &today().to_string())
        .await?;
    let library = procura_catalog::requirement_library().map_err(|error| {
        tracing::error!(%error, "requirement library");
        WebError::internal()
    })?;
    let reference = file_stem(&input.reference.clone().unwrap_or_default());
    let annex = build_annex(state.catalog, library, &input, lang)
        .map_err(|refusal| WebError::from(procura_service::ServiceError::Weights(refusal)))?;
    Ok((annex, reference))
}
