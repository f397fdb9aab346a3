//! Time to produce the tender annex for a purchase of all ten procurement
//! types (every requirement of the library): the model, DOCX and PDF.
//!
//! Run with `cargo bench -p procura-docs --bench annex`.

// A benchmark fails loudly if its fixture cannot be built.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use procura_docs::tender::{annex_docx, build_annex, questionnaire_xlsx};
use procura_domain::{Lang, ProcurementType};

fn annex(c: &mut Criterion) {
    let catalog = procura_catalog::builtin().expect("catalogue");
    let library = procura_catalog::requirement_library().expect("library");
    let mut input = library.draft(catalog, ProcurementType::ALL, "CHU", "2026-11-29");
    input.reference = Some("AO-2026-001".into());
    input.title = "All types".into();
    let annex = build_annex(catalog, library, &input, Lang::Fr).expect("annex");
    c.bench_function("annex_model_all_types", |b| {
        b.iter(|| build_annex(catalog, library, &input, Lang::Fr).expect("annex"))
    });
    c.bench_function("annex_docx_all_types", |b| {
        b.iter(|| annex_docx(&annex).expect("docx"))
    });
    c.bench_function("questionnaire_xlsx_all_types", |b| {
        b.iter(|| questionnaire_xlsx(&annex).expect("xlsx"))
    });
    c.bench_function("annex_pdf_all_types", |b| {
        b.iter(|| procura_docs::tender::annex_pdf(&annex).expect("pdf"))
    });
}

criterion_group!(benches, annex);
criterion_main!(benches);
