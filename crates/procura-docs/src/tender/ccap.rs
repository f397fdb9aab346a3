//! Part C of the annex, for the CCAP: the contractor's security
//! obligations, the penalties of those with a deadline, their cap, and the
//! articles of the CCAG-TIC the clauses depart from.

use procura_catalog::RequirementLibrary;
use procura_domain::{Lang, Penalty, PenaltyBasis, RequirementKind, TenderInput, Topic};
use procura_i18n::{Arg, amount_eur_excl_vat, percent, text, text_with};

use super::blocks::{heading, of_kind, paragraph};
use super::rc::entry;
use super::{Block, Table};

/// Where a derogation's text takes the buyer's penalty cap. The catalogue
/// writes it before a `%`: the two become one percentage in the reader's
/// conventions.
const CAP_PLACEHOLDER: &str = "{cap_percent}";
const CAP_PLACEHOLDER_PERCENT: &str = "{cap_percent} %";

fn penalty_text(penalty: Penalty, lang: Lang) -> String {
    let key = match penalty.basis {
        PenaltyBasis::Day => "tender-penalty-day",
        PenaltyBasis::Hour => "tender-penalty-hour",
        PenaltyBasis::Occurrence => "tender-penalty-occurrence",
    };
    text_with(
        lang,
        key,
        &[(
            "amount",
            Arg::from(amount_eur_excl_vat(lang, u64::from(penalty.amount_eur))),
        )],
    )
}

pub(super) fn ccap(
    blocks: &mut Vec<Block>,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) {
    heading(blocks, lang, "tender-part-ccap");
    let clauses = of_kind(input, RequirementKind::Clause);
    if clauses.is_empty() {
        paragraph(blocks, lang, "tender-none");
        return;
    }
    paragraph(blocks, lang, "tender-ccap-intro");
    blocks.push(Block::Numbered(
        clauses
            .iter()
            .map(|requirement| {
                let note = requirement
                    .penalty
                    .map(|penalty| vec![penalty_text(penalty, lang)])
                    .unwrap_or_default();
                entry(requirement, lang, note)
            })
            .collect(),
    ));

    let penalised = clauses.iter().any(|clause| clause.penalty.is_some());
    let terms = &library.contract.penalties;
    if penalised {
        blocks.push(Block::Heading {
            level: 2,
            text: text(lang, "tender-section-penalties"),
        });
        blocks.push(Block::Paragraph(text_with(
            lang,
            "tender-penalties-formula",
            &[("article", Arg::from(terms.article.as_str()))],
        )));
        blocks.push(Block::Paragraph(text_with(
            lang,
            "tender-penalties-cap",
            &[(
                "cap",
                Arg::from(percent(lang, f64::from(input.terms.penalty_cap.percent()))),
            )],
        )));
    }

    let topics: Vec<Topic> = clauses
        .iter()
        .filter_map(|clause| library.requirement(clause.code.as_str()))
        .flat_map(|requirement| requirement.topics.iter().copied())
        .collect();
    // A derogation naming the cap is printed only when the buyer's cap
    // departs from the CCAG-TIC's, with the buyer's figure in it.
    let cap = input.terms.penalty_cap.percent();
    let derogations: Vec<(&procura_catalog::Derogation, String)> = library
        .contract
        .derogations_for(&topics, penalised)
        .into_iter()
        .filter(|derogation| {
            !derogation.text.get(lang).contains(CAP_PLACEHOLDER) || cap != terms.default_cap_percent
        })
        .map(|derogation| {
            let text = derogation
                .text
                .get(lang)
                .replace(CAP_PLACEHOLDER_PERCENT, &percent(lang, f64::from(cap)))
                .replace(CAP_PLACEHOLDER, &cap.to_string());
            (derogation, text)
        })
        .collect();
    blocks.push(Block::Heading {
        level: 2,
        text: text(lang, "tender-section-derogations"),
    });
    if derogations.is_empty() {
        paragraph(blocks, lang, "tender-derogations-none");
        return;
    }
    paragraph(blocks, lang, "tender-derogations-intro");
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-ccag-article"),
            text(lang, "tender-col-title"),
            text(lang, "tender-col-derogation"),
        ],
        rows: derogations
            .iter()
            .map(|(derogation, text)| {
                vec![
                    derogation.article.clone(),
                    derogation.title.get(lang).to_owned(),
                    text.clone(),
                ]
            })
            .collect(),
        widths: vec![14, 26, 60],
        footer: None,
    }));
}
