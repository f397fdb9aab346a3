//! The message of a refused form field, shown next to the field on a page
//! and listed with its field's name by the API.

/// A refused field's message in `lang`, with the values it names.
pub fn field_message(
    lang: procura_domain::Lang,
    problem: &procura_service::FieldProblem,
) -> String {
    let error = crate::error::WebError::from(problem.invalid);
    let args: Vec<(&'static str, procura_i18n::Arg)> = error
        .args
        .iter()
        .map(|(name, value)| (*name, procura_i18n::Arg::guess(value)))
        .collect();
    crate::i18n::Tr(lang).with(error.key, &args)
}
