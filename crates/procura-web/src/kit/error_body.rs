//! The JSON error body as the OpenAPI document describes it; every area's
//! API names it among its answers. (`render` writes the body itself.)

use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code: `not_found`, `forbidden`, `unauthorized`, `invalid`, `bad_request`, `conflict`, `csrf`, `rate_limited`, …
    pub code: String,
    /// A human-readable message in the caller's language.
    pub message: String,
    /// For refused answers (an imported questionnaire): every problem found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemBody>,
}

/// One problem with submitted answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// `missing_answer`, `unknown_answer`, `missing_comment`, `outdated`, `file`, …
    pub code: String,
    pub message: String,
}

/// Every error has this shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}
