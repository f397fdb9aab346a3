//! Answers as the evaluation forms show and read them: the four answers'
//! words, and the answer lines a bid form or the supplier portal sends.

use procura_domain::Answer;
use procura_i18n::MessageKey;
use procura_service::bids::AnswerInput;

use crate::error::{WebError, WebResult};
use crate::kit::forms::Fields;
use crate::render::RequestContext;

pub fn answer_word(context: &RequestContext, answer: Option<Answer>) -> String {
    match answer {
        Some(answer) => context.tr().t(&answer.message_key()),
        None => context.tr().t("bids-no-answer"),
    }
}

/// The four answers as the forms offer them: id and word.
pub fn answer_choices(context: &RequestContext) -> Vec<(String, String)> {
    Answer::ALL
        .iter()
        .map(|a| (a.id().to_owned(), answer_word(context, Some(*a))))
        .collect()
}

/// More answer lines than any tender has requirements: the form is forged.
const MAX_ANSWER_LINES: usize = 2_000;

/// The answers a bid form carries: one `line` per requirement. The form is
/// indexed once, so a forged form costs time in proportion to its size.
pub fn answers_of(form: &Fields) -> WebResult<Vec<AnswerInput>> {
    let lines = form.all("line");
    if lines.len() > MAX_ANSWER_LINES {
        return Err(WebError::bad_request("error-malformed-form"));
    }
    let mut by_name: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (name, value) in form.iter() {
        by_name.entry(name).or_insert(value);
    }
    let get = |prefix: &str, code: &str| {
        by_name
            .get(format!("{prefix}-{code}").as_str())
            .map_or_else(String::new, |value| (*value).to_owned())
    };
    Ok(lines
        .into_iter()
        .map(|code| AnswerInput {
            code: code.to_owned(),
            answer: get("answer", code),
            comment: get("comment", code),
            evidence_ref: get("ref", code),
        })
        .collect())
}
