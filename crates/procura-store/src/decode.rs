//! Stored text back into domain values. A value that does not parse was not
//! written by Procura, so it is reported as corrupt data rather than skipped.

use procura_domain::{Day, RequirementCode, UserId};

use crate::error::{StoreError, corrupt};

pub(crate) fn user(id: &str) -> Result<UserId, StoreError> {
    UserId::parse(id).ok_or_else(|| corrupt("user id", id))
}

pub(crate) fn day(text: Option<String>) -> Result<Option<Day>, StoreError> {
    text.filter(|text| !text.is_empty())
        .map(|text| Day::parse(&text).ok_or_else(|| corrupt("date", &text)))
        .transpose()
}

pub(crate) fn code(text: &str) -> Result<RequirementCode, StoreError> {
    RequirementCode::parse(text).map_err(|_| corrupt("requirement code", text))
}

pub(crate) fn u32_of(value: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt(what, &value.to_string()))
}
