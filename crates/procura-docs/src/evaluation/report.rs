//! The report as the annex's block model, section by section, and its
//! DOCX and PDF renderings.

use procura_domain::{Answer, RequirementKind};
use procura_i18n::{Arg, text, text_with};

use super::grid::grid;
use super::labels::{
    SUMMARY_HEADERS, answer_word, bid_label, colon, heading, kind_name, number, percent,
    project_line, retained, semicolon, summary_row, weight_text,
};
use super::{EvaluationDoc, lines, overrides};
use crate::DocError;
use crate::dates::date_text;
use crate::tender::{Annex, Block, QuestionnaireStamp, Table, annex_docx, annex_pdf};

fn context(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-context"));
    blocks.push(Block::Paragraph(text(lang, "eval-context-purpose")));
    blocks.push(Block::Bullets(vec![
        text_with(
            lang,
            "eval-context-organisation",
            &[("name", doc.organisation.clone().into())],
        ),
        text_with(
            lang,
            "eval-context-project",
            &[("project", project_line(doc).into())],
        ),
        text_with(
            lang,
            "eval-context-date",
            &[("date", date_text(lang, &doc.generated).into())],
        ),
        text_with(
            lang,
            "eval-context-bids",
            &[("count", number(doc.bids.len()))],
        ),
    ]));
}

fn method(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    let rules = &doc.rules;
    let word = |answer| answer_word(lang, Some(answer));
    let credit = |value: u32| Arg::from(percent(lang, value));
    blocks.push(heading(lang, "eval-section-method"));
    blocks.push(Block::Paragraph(text(lang, "eval-method-intro")));
    blocks.push(Block::Bullets(vec![
        text_with(
            lang,
            "eval-method-award",
            &[
                ("yes", word(Answer::Yes).into()),
                ("yes-credit", credit(rules.yes)),
                ("partial", word(Answer::Partial).into()),
                ("partial-credit", credit(rules.partial)),
                ("no", word(Answer::No).into()),
                ("no-credit", credit(rules.no)),
            ],
        ),
        text_with(
            lang,
            "eval-method-not-applicable",
            &[("na", word(Answer::NotApplicable).into())],
        ),
        text(lang, "eval-method-unanswered"),
        text_with(
            lang,
            "eval-method-selection",
            &[("no", word(Answer::No).into())],
        ),
        text_with(
            lang,
            "eval-method-minimum",
            &[("no", word(Answer::No).into())],
        ),
        text_with(
            lang,
            if rules.partial_fails_eligibility {
                "eval-method-partial-excludes"
            } else {
                "eval-method-partial-accepted"
            },
            &[("partial", word(Answer::Partial).into())],
        ),
        text_with(
            lang,
            "eval-method-clauses",
            &[("no", word(Answer::No).into())],
        ),
        text(lang, "eval-method-overrides"),
        text(lang, "eval-method-rank"),
    ]));
    if !doc.requirements.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: text(lang, "eval-requirements"),
        });
        blocks.push(Block::Table(Table {
            headers: [
                "eval-col-requirement",
                "eval-col-kind",
                "eval-col-weight",
                "eval-col-text",
            ]
            .iter()
            .map(|key| text(lang, key))
            .collect(),
            rows: doc
                .requirements
                .iter()
                .map(|requirement| {
                    vec![
                        requirement.code.clone(),
                        kind_name(lang, requirement.kind),
                        weight_text(lang, requirement),
                        requirement.text.clone(),
                    ]
                })
                .collect(),
            widths: vec![16, 14, 14, 56],
            footer: None,
        }));
    }
}

fn summary(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-summary"));
    if doc.bids.is_empty() {
        blocks.push(Block::Paragraph(text_with(
            lang,
            "eval-context-bids",
            &[("count", number(0))],
        )));
        return;
    }
    blocks.push(Block::Table(Table {
        headers: SUMMARY_HEADERS.iter().map(|key| text(lang, key)).collect(),
        rows: doc
            .bids
            .iter()
            .map(|bid| summary_row(lang, bid).to_vec())
            .collect(),
        widths: vec![8, 24, 22, 16, 15, 15],
        footer: None,
    }));
}

fn eligibility(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-eligibility"));
    let mut rows = Vec::new();
    for bid in doc.bids.iter().filter(|bid| !bid.eligible) {
        for (requirement, cell) in lines(doc, bid) {
            if !requirement.kind.is_pass_fail() || cell.met {
                continue;
            }
            rows.push(vec![
                bid_label(bid),
                format!("{} — {}", requirement.code, requirement.title),
                text(
                    lang,
                    if requirement.kind == RequirementKind::Selection {
                        "eval-consequence-selection"
                    } else {
                        "eval-consequence-minimum"
                    },
                ),
                answer_word(lang, cell.answer),
                cell.comment.clone(),
                text(
                    lang,
                    if cell.override_justification.is_some() {
                        "eval-decision-evaluator"
                    } else {
                        "eval-decision-answer"
                    },
                ),
            ]);
        }
    }
    if doc.bids.iter().all(|bid| bid.eligible) {
        blocks.push(Block::Paragraph(text(lang, "eval-eligibility-all")));
        return;
    }
    blocks.push(Block::Paragraph(text(lang, "eval-eligibility-intro")));
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            headers: [
                "eval-col-bid",
                "eval-col-requirement",
                "eval-col-consequence",
                "eval-col-answer",
                "eval-col-comment",
                "eval-col-decision",
            ]
            .iter()
            .map(|key| text(lang, key))
            .collect(),
            rows,
            widths: vec![16, 24, 18, 10, 18, 14],
            footer: None,
        }));
    }
}

fn overrides_section(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-overrides"));
    let rows: Vec<Vec<String>> = overrides(doc)
        .map(|(requirement, bid, cell)| {
            vec![
                requirement.code.clone(),
                bid_label(bid),
                answer_word(lang, cell.answer),
                retained(lang, requirement, cell),
                cell.override_justification.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if rows.is_empty() {
        blocks.push(Block::Paragraph(text(lang, "eval-overrides-none")));
        return;
    }
    blocks.push(Block::Paragraph(text(lang, "eval-overrides-intro")));
    blocks.push(Block::Table(Table {
        headers: [
            "eval-col-requirement",
            "eval-col-bid",
            "eval-col-answer",
            "eval-col-retained",
            "eval-col-justification",
        ]
        .iter()
        .map(|key| text(lang, key))
        .collect(),
        rows,
        widths: vec![15, 22, 12, 14, 37],
        footer: None,
    }));
}

fn reservations(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-reservations"));
    if !doc
        .requirements
        .iter()
        .any(|requirement| requirement.kind == RequirementKind::Clause)
    {
        blocks.push(Block::Paragraph(text(lang, "eval-clauses-none")));
        return;
    }
    if doc.bids.is_empty() {
        return;
    }
    blocks.push(Block::Paragraph(text(lang, "eval-reservations-intro")));
    let items = doc
        .bids
        .iter()
        .map(|bid| {
            let refused: Vec<String> = lines(doc, bid)
                .filter(|(requirement, cell)| {
                    requirement.kind == RequirementKind::Clause && !cell.met
                })
                .map(|(requirement, cell)| {
                    let answer = answer_word(lang, cell.answer);
                    let comment = cell.comment.trim();
                    if comment.is_empty() {
                        format!("{} ({answer})", requirement.code)
                    } else {
                        format!("{} ({answer}{}{comment})", requirement.code, colon(lang))
                    }
                })
                .collect();
            let list = if refused.is_empty() {
                text(lang, "eval-reservations-none")
            } else {
                refused.join(semicolon(lang))
            };
            text_with(
                lang,
                "eval-reservations-line",
                &[("bid", bid_label(bid).into()), ("list", list.into())],
            )
        })
        .collect();
    blocks.push(Block::Bullets(items));
}

fn outdated(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-outdated"));
    let flagged: Vec<String> = doc
        .bids
        .iter()
        .filter(|bid| bid.selection_outdated)
        .map(bid_label)
        .collect();
    if flagged.is_empty() {
        blocks.push(Block::Paragraph(text(lang, "eval-outdated-none")));
    } else {
        blocks.push(Block::Paragraph(text(lang, "eval-outdated-intro")));
        blocks.push(Block::Bullets(flagged));
    }
}

fn award(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-award"));
    blocks.push(Block::Paragraph(match &doc.awarded {
        Some(bid) => text_with(lang, "eval-awarded", &[("bid", bid.clone().into())]),
        None => text(lang, "eval-not-awarded"),
    }));
}

/// The report as the annex's block model, so it renders with the annex's
/// DOCX, PDF, Markdown and HTML code.
pub fn evaluation_annex(doc: &EvaluationDoc) -> Annex {
    let lang = doc.lang;
    let mut blocks = Vec::new();
    award(doc, &mut blocks);
    summary(doc, &mut blocks);
    context(doc, &mut blocks);
    method(doc, &mut blocks);
    eligibility(doc, &mut blocks);
    grid(doc, &mut blocks);
    overrides_section(doc, &mut blocks);
    reservations(doc, &mut blocks);
    outdated(doc, &mut blocks);
    Annex {
        lang,
        title: text(lang, "eval-title"),
        subtitle: vec![
            doc.organisation.clone(),
            project_line(doc),
            text_with(
                lang,
                "eval-subtitle-generated",
                &[("date", date_text(lang, &doc.generated).into())],
            ),
        ],
        blocks,
        requirements: Vec::new(),
        stamp: QuestionnaireStamp {
            project: doc.reference.clone(),
            reference: doc.reference.clone(),
            version: 0,
            checksum: String::new(),
        },
    }
}

pub fn evaluation_docx(doc: &EvaluationDoc) -> Result<Vec<u8>, DocError> {
    annex_docx(&evaluation_annex(doc))
}

pub fn evaluation_pdf(doc: &EvaluationDoc) -> Result<Vec<u8>, DocError> {
    annex_pdf(&evaluation_annex(doc))
}
