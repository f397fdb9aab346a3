//! Record ids in the path, parsed once by the extractor: `Id<ProjectId>`
//! instead of a parser per resource. A segment that is no id of that kind
//! names no record, so it is a 404 like an id nobody issued.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use procura_domain::{
    BidId, EvidenceId, InvitationId, ItemId, OrganisationId, ProjectId, RiskId, SupplierId,
    TokenId, UserId,
};

use crate::error::WebError;

/// A domain id that can be read from its text form.
pub trait RecordId: Sized {
    fn parse(text: &str) -> Option<Self>;
}

macro_rules! record_ids {
    ($($name:ident),* $(,)?) => {
        $(impl RecordId for $name {
            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
        })*
    };
}

record_ids!(
    BidId,
    EvidenceId,
    InvitationId,
    ItemId,
    OrganisationId,
    ProjectId,
    RiskId,
    SupplierId,
    TokenId,
    UserId,
);

/// The route's first path parameter (`{id}`) as the id of a record.
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

/// One segment of a path: a record id, or text such as a file name.
pub trait Segment: Sized {
    fn read(text: &str) -> Option<Self>;
}

impl Segment for String {
    fn read(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl<T: RecordId> Segment for Id<T> {
    fn read(text: &str) -> Option<Self> {
        T::parse(text).map(Id)
    }
}

/// The route's two path parameters, in order: `/projects/{id}/items/{item}`
/// reads as `Segments<Id<ProjectId>, Id<ItemId>>`.
#[derive(Debug, Clone)]
pub struct Segments<A, B>(pub A, pub B);

/// The path parameters as axum decodes them; its refusals (such as a
/// segment that is not UTF-8) are answered as axum answers them.
async fn parameters<S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<Vec<String>, Response> {
    match Path::<Vec<(String, String)>>::from_request_parts(parts, state).await {
        Ok(Path(parameters)) => Ok(parameters.into_iter().map(|(_, value)| value).collect()),
        Err(rejection) => Err(rejection.into_response()),
    }
}

fn segment<T: Segment>(parameters: &[String], index: usize) -> Option<T> {
    parameters.get(index).and_then(|text| T::read(text))
}

fn no_such_record() -> Response {
    WebError::not_found().into_response()
}

impl<T: RecordId, S: Send + Sync> FromRequestParts<S> for Id<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        segment(&parameters(parts, state).await?, 0).ok_or_else(no_such_record)
    }
}

impl<A: Segment, B: Segment, S: Send + Sync> FromRequestParts<S> for Segments<A, B> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let parameters = parameters(parts, state).await?;
        match (segment(&parameters, 0), segment(&parameters, 1)) {
            (Some(first), Some(second)) => Ok(Segments(first, second)),
            _ => Err(no_such_record()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: Segment>(text: &str, expected: bool) {
        assert_eq!(T::read(text).is_some(), expected, "{text:?}");
    }

    #[test]
    fn a_segment_is_an_id_of_its_kind_or_nothing() {
        check::<Id<ProjectId>>("6f1c1d2e-8a9b-4c3d-9e0f-112233445566", true);
        check::<Id<ProjectId>>("not-an-id", false);
        check::<Id<BidId>>("", false);
        check::<String>("report.pdf", true);
    }
}
