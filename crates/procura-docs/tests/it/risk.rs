//! The risk heat map and register documents.

use procura_docs::risk::{HeatMap, RiskDoc, RiskRow, heat_map_svg, register_csv, report_docx};
use procura_domain::{Lang, RiskLevel, RiskMatrix, Step};

fn map() -> HeatMap {
    let matrix = RiskMatrix::default();
    let mut levels = [[RiskLevel::Low; 4]; 4];
    for l in Step::ALL {
        for s in Step::ALL {
            levels[usize::from(l.get() - 1)][usize::from(s.get() - 1)] = matrix.level(l, s);
        }
    }
    let mut counts = [[0; 4]; 4];
    counts[2][3] = 2;
    counts[0][1] = 1;
    HeatMap { counts, levels }
}

#[test]
fn heat_map_svg_snapshot() {
    insta::assert_snapshot!(
        "heat_map_fr",
        heat_map_svg(&map(), "inherent", "Niveaux initiaux", Lang::Fr)
    );
}

#[test]
fn the_heat_map_names_itself_and_counts_its_risks() {
    let svg = heat_map_svg(&map(), "inherent", "Inherent <levels>", Lang::En);
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"inherent-title\">Inherent &lt;levels&gt;</title>"));
    assert!(svg.contains("— 3</desc>"), "{svg}");
    assert_eq!(svg.matches("<rect").count(), 16);
}

fn doc() -> RiskDoc {
    RiskDoc {
        lang: Lang::En,
        reference: "AO-1".into(),
        title: "PACS".into(),
        organisation: "CHU".into(),
        generated: "2026-11-29".into(),
        rows: vec![RiskRow {
            threat_group: "Malicious actions".into(),
            threat: "Ransomware".into(),
            asset: "PACS, \"archive\"".into(),
            likelihood: 3,
            severity: 4,
            inherent: "Critical".into(),
            treatment: "Reduce".into(),
            owner: "rssi@chu.example".into(),
            due_date: "2027-01-31".into(),
            residual: "Moderate".into(),
            practices: "BP-25, BP-26".into(),
            requirements: "REQ-MNT-01".into(),
            accepted: String::new(),
        }],
        inherent: map(),
        residual: map(),
        dpia: vec!["DPIA required (2 criteria met).".into()],
        reviews: vec!["2026-11-29 · rssi@chu.example · Planning · 1 open".into()],
    }
}

#[test]
fn the_register_csv_reads_back() {
    let csv = register_csv(&doc()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "Threat group");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][2], "PACS, \"archive\"");
    assert_eq!(&rows[0][3], "3");
    let mut hostile = doc();
    hostile.rows[0].asset = "=HYPERLINK(\"http://x\")".into();
    let csv = register_csv(&hostile).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn the_report_docx_holds_the_heat_map_and_the_register() {
    use std::io::Read;
    let bytes = report_docx(&doc()).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("Risk assessment report"));
    assert!(xml.contains("Ransomware"));
    assert!(xml.contains("2 (Critical)"), "the heat map's cell L3 × S4");
    assert!(xml.contains("DPIA required"));
    // Dates in words in the report, sortable in the register.
    assert!(xml.contains("29 November 2026"), "the report's date");
    assert!(xml.contains("31 January 2027"), "the treatment's due date");
    assert!(register_csv(&doc()).unwrap().contains("2027-01-31"));
}
