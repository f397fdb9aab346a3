//! From a requirement selection to the annex model: sections in the order a
//! buyer copies them into the tender documents.

use std::collections::BTreeSet;

use procura_catalog::{Catalog, RequirementLibrary};
use procura_domain::{
    Lang, PracticeNumber, RequirementKind, SelectedRequirement, TenderInput, WeightsDoNotTotal,
    check_weights,
};
use procura_i18n::{Arg, text, text_with};
use sha2::{Digest, Sha256};

use crate::dates::date_text;

use super::blocks::{heading, kind_name, of_kind, paragraph};
use super::{Annex, AnnexRequirement, Block, QuestionnaireStamp, Table};

/// SHA-256, in hex, of the requirement list as bidders see it: ids, kinds,
/// weights and both languages' texts, one line each. A questionnaire whose
/// list was changed after it was made no longer matches.
pub fn requirement_checksum(requirements: &[SelectedRequirement]) -> String {
    let mut hasher = Sha256::new();
    for requirement in requirements {
        let weight = if requirement.kind == RequirementKind::Award {
            requirement.weight
        } else {
            0
        };
        for field in [
            requirement.code.as_str(),
            requirement.kind.id(),
            &weight.to_string(),
            &requirement.text.fr,
            &requirement.text.en,
            &requirement.evidence.fr,
            &requirement.evidence.en,
        ] {
            hasher.update(field.as_bytes());
            hasher.update([0x1f]);
        }
        hasher.update([0x1e]);
    }
    hex::encode(hasher.finalize())
}

/// Builds the annex in `lang`. Refuses a selection whose award weights do not
/// total 100 %: bidders would be scored on an arbitrary scale.
///
/// Each requirement's text appears once, in the part of the consultation
/// file it legally belongs to: selection conditions and award criteria in
/// the RC, minimum requirements in the CCTP, clauses in the CCAP. The
/// response frame and the reference table name it by code and short title.
pub fn build_annex(
    catalog: &Catalog,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) -> Result<Annex, WeightsDoNotTotal> {
    let award: Vec<&SelectedRequirement> = of_kind(input, RequirementKind::Award);
    check_weights(&award.iter().map(|r| r.weight).collect::<Vec<_>>())?;

    let mut blocks = Vec::new();
    context(&mut blocks, catalog, library, input, lang);
    practices(&mut blocks, catalog, library, input, lang);
    super::rc::rc(&mut blocks, library, input, &award, lang);
    super::cctp::cctp(&mut blocks, library, input, lang);
    super::ccap::ccap(&mut blocks, library, input, lang);
    super::response::response(&mut blocks, input, lang);
    super::response::references(&mut blocks, library, input, lang);
    glossary(&mut blocks, library, input, lang);

    let mut subtitle = vec![text_with(
        lang,
        "tender-organisation",
        &[("name", Arg::from(input.organisation.as_str()))],
    )];
    subtitle.push(match &input.reference {
        Some(reference) => text_with(
            lang,
            "tender-procedure",
            &[
                ("reference", Arg::from(reference.as_str())),
                ("title", Arg::from(input.title.as_str())),
            ],
        ),
        None => text(lang, "tender-draft"),
    });
    subtitle.push(match &input.terms.lot {
        Some(lot) => text_with(lang, "tender-lot", &[("lot", Arg::from(lot.as_str()))]),
        None => text(lang, "tender-lot-single"),
    });
    subtitle.push(text_with(
        lang,
        "tender-generated",
        &[("date", Arg::from(date_text(lang, &input.generated)))],
    ));
    let requirements = input
        .requirements
        .iter()
        .map(|requirement| AnnexRequirement {
            code: requirement.code.to_string(),
            kind: requirement.kind,
            kind_name: kind_name(requirement.kind, lang),
            weight: if requirement.kind == RequirementKind::Award {
                requirement.weight
            } else {
                0
            },
            title: requirement.title.get(lang).to_owned(),
            text: requirement.text.get(lang).to_owned(),
            evidence: requirement.evidence.get(lang).to_owned(),
        })
        .collect();
    Ok(Annex {
        lang,
        title: text(lang, "tender-annex-title"),
        subtitle,
        blocks,
        requirements,
        stamp: QuestionnaireStamp {
            project: input.project_id.clone().unwrap_or_else(|| "draft".into()),
            reference: input.reference.clone().unwrap_or_default(),
            version: input.version,
            checksum: requirement_checksum(&input.requirements),
        },
    })
}

fn context(
    blocks: &mut Vec<Block>,
    catalog: &Catalog,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) {
    heading(blocks, lang, "tender-section-context");
    if !input.description.trim().is_empty() {
        blocks.push(Block::Paragraph(input.description.trim().to_owned()));
    }
    let types: Vec<&str> = input
        .types
        .iter()
        .map(|kind| catalog.procurement_type_name(*kind, lang))
        .collect();
    blocks.push(Block::Paragraph(text_with(
        lang,
        "tender-context-types",
        &[("types", Arg::from(types.join(", ")))],
    )));
    paragraph(blocks, lang, "tender-context-purpose");
    paragraph(blocks, lang, "tender-context-usage");
    paragraph(blocks, lang, "tender-context-equivalence");
    let internal: Vec<String> = library
        .internal_practices
        .iter()
        .filter_map(|number| catalog.practice(*number))
        .filter(|practice| input.types.iter().any(|kind| practice.applies_to(*kind)))
        .map(|practice| format!("{} — {}", practice.id(), practice.title.get(lang)))
        .collect();
    if !internal.is_empty() {
        paragraph(blocks, lang, "tender-context-internal");
        blocks.push(Block::Bullets(internal));
    }
}

fn practices(
    blocks: &mut Vec<Block>,
    catalog: &Catalog,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) {
    heading(blocks, lang, "tender-section-practices");
    paragraph(blocks, lang, "tender-practices-intro");
    let applicable: BTreeSet<PracticeNumber> = catalog
        .checklist(&input.types)
        .into_iter()
        .map(|(_, number)| number)
        .collect();
    let rows = applicable
        .iter()
        .filter_map(|number| catalog.practice(*number))
        .map(|practice| {
            let codes: Vec<&str> = input
                .requirements
                .iter()
                .filter(|requirement| requirement.practices.contains(&practice.number))
                .map(|requirement| requirement.code.as_str())
                .collect();
            let covered = if library.internal_practices.contains(&practice.number) {
                text(lang, "tender-practice-internal")
            } else if codes.is_empty() {
                text(lang, "tender-practice-uncovered")
            } else {
                codes.join(", ")
            };
            vec![practice.id(), practice.title.get(lang).to_owned(), covered]
        })
        .collect();
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-practice"),
            text(lang, "tender-col-title"),
            text(lang, "tender-col-requirements"),
        ],
        rows,
        widths: vec![12, 48, 40],
        footer: None,
    }));
    let beyond: Vec<String> = input
        .requirements
        .iter()
        .filter_map(|requirement| {
            let reason = requirement.beyond_enisa.as_ref()?;
            Some(format!(
                "{} — {} : {}",
                requirement.code,
                requirement.title.get(lang),
                reason.get(lang)
            ))
        })
        .collect();
    if !beyond.is_empty() {
        paragraph(blocks, lang, "tender-practices-beyond");
        blocks.push(Block::Bullets(beyond));
    }
}

/// The glossary's terms, then the standards the selected requirements cite.
fn glossary(
    blocks: &mut Vec<Block>,
    library: &RequirementLibrary,
    input: &TenderInput,
    lang: Lang,
) {
    heading(blocks, lang, "tender-section-glossary");
    let rows = library
        .glossary
        .iter()
        .map(|term| {
            vec![
                term.term.get(lang).to_owned(),
                term.definition.get(lang).to_owned(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        headers: vec![
            text(lang, "tender-col-term"),
            text(lang, "tender-col-definition"),
        ],
        rows,
        widths: vec![28, 72],
        footer: None,
    }));
    let cited: BTreeSet<&str> = input
        .requirements
        .iter()
        .flat_map(|requirement| requirement.standards.iter().map(String::as_str))
        .collect();
    let rows: Vec<Vec<String>> = library
        .standards
        .iter()
        .filter(|standard| cited.contains(standard.id.as_str()))
        .map(|standard| vec![standard.name.clone(), standard.title.get(lang).to_owned()])
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: text(lang, "tender-glossary-standards"),
        });
        blocks.push(Block::Table(Table {
            headers: vec![
                text(lang, "tender-col-standard"),
                text(lang, "tender-col-definition"),
            ],
            rows,
            widths: vec![28, 72],
            footer: None,
        }));
    }
}
