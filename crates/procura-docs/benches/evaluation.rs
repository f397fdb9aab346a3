//! Time to read a filled questionnaire of every requirement of the library
//! (80 rows) back, to score a bid against it, and to write the evaluation
//! report for five bids in DOCX, PDF and XLSX.
//!
//! Run with `cargo bench -p procura-docs --bench evaluation`.

// A benchmark fails loudly if its fixture cannot be built.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;

use criterion::{Criterion, criterion_group, criterion_main};
use procura_docs::evaluation::{
    EvaluationBid, EvaluationCell, EvaluationDoc, EvaluationRequirement, evaluation_docx,
    evaluation_pdf, evaluation_xlsx,
};
use procura_docs::tender::{ReadLimits, build_annex, questionnaire_xlsx, read_questionnaire};
use procura_domain::{
    Answer, BidStatus, Criterion as Requirement, Lang, ProcurementType, ScoringRules, rank,
    score_bid,
};

const WORDS: [&str; 4] = ["Oui", "Partiel", "Non", "Sans objet"];

fn evaluation(c: &mut Criterion) {
    let catalog = procura_catalog::builtin().expect("catalogue");
    let library = procura_catalog::requirement_library().expect("library");
    let input = library.draft(catalog, ProcurementType::ALL, "CHU", "2026-11-29");
    let annex = build_annex(catalog, library, &input, Lang::Fr).expect("annex");
    let blank = questionnaire_xlsx(&annex).expect("xlsx");
    let answers: Vec<(&str, &str, &str)> = annex
        .requirements
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.code.as_str(),
                WORDS[i % 4],
                "Voir le plan d'assurance sécurité",
            )
        })
        .collect();
    let filled = procura_docs::testing::fill_questionnaire(&blank, &answers);
    c.bench_function("questionnaire_read_80_rows", |b| {
        b.iter(|| read_questionnaire(&filled, &ReadLimits::default()).expect("read"))
    });

    let criteria: Vec<Requirement> = input
        .requirements
        .iter()
        .map(|r| Requirement {
            code: r.code.clone(),
            kind: r.kind,
            weight: r.weight,
        })
        .collect();
    let bids: Vec<BTreeMap<_, _>> = (0..5)
        .map(|bid| {
            criteria
                .iter()
                .enumerate()
                .map(|(i, r)| (r.code.clone(), Answer::ALL[(i + bid) % 4]))
                .collect()
        })
        .collect();
    let rules = ScoringRules::default();
    c.bench_function("score_bid_80_requirements", |b| {
        b.iter(|| score_bid(&criteria, &bids[0], &BTreeMap::new(), &rules))
    });

    let scores: Vec<_> = bids
        .iter()
        .map(|given| score_bid(&criteria, given, &BTreeMap::new(), &rules))
        .collect();
    let ranks = rank(&scores.iter().collect::<Vec<_>>());
    let doc = EvaluationDoc {
        lang: Lang::Fr,
        organisation: "CHU".into(),
        reference: "AO-2026-001".into(),
        title: "Tous types".into(),
        generated: "2026-11-29".into(),
        rules,
        requirements: input
            .requirements
            .iter()
            .map(|r| EvaluationRequirement {
                code: r.code.to_string(),
                kind: r.kind,
                weight: r.weight,
                title: r.title.fr.clone(),
                text: r.text.fr.clone(),
            })
            .collect(),
        bids: scores
            .iter()
            .zip(&ranks)
            .enumerate()
            .map(|(i, (score, rank))| EvaluationBid {
                supplier: format!("Fournisseur {i}"),
                offer: "Offre".into(),
                status: BidStatus::Submitted,
                eligible: score.eligible,
                excluded: score.candidate_excluded(),
                irregular: score.offer_irregular(),
                score: score.score_text(),
                scored: score.scored,
                rank: *rank,
                selection_outdated: false,
                cells: score
                    .lines
                    .iter()
                    .map(|line| EvaluationCell {
                        answer: line.answer,
                        credit: line.credit,
                        met: line.met,
                        comment: "Voir le plan d'assurance sécurité".into(),
                        evidence_ref: "PAS §4".into(),
                        override_justification: None,
                    })
                    .collect(),
            })
            .collect(),
        awarded: None,
    };
    c.bench_function("evaluation_docx_5_bids", |b| {
        b.iter(|| evaluation_docx(&doc).expect("docx"))
    });
    c.bench_function("evaluation_pdf_5_bids", |b| {
        b.iter(|| evaluation_pdf(&doc).expect("pdf"))
    });
    c.bench_function("evaluation_xlsx_5_bids", |b| {
        b.iter(|| evaluation_xlsx(&doc).expect("xlsx"))
    });
}

criterion_group!(benches, evaluation);
criterion_main!(benches);
