//! The evaluation report: the suppliers, their scores and the exclusion,
//! in DOCX, PDF and XLSX, to the project team only.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;

use super::{ALPHA, BRAVO, CHARLIE, XLSX, team, three_bids};
use crate::apps;

fn docx_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name("word/document.xml").unwrap();
    let mut xml = String::new();
    entry.read_to_string(&mut xml).unwrap();
    xml
}

#[tokio::test]
async fn the_evaluation_report_holds_the_suppliers_their_scores_and_the_exclusion() {
    for app in apps().await {
        let team = team(&app).await;
        three_bids(&team).await;
        let base = format!("/api/v1/projects/{}/evaluation", team.project);

        let (status, kind, disposition, bytes) = team
            .buyer
            .file(&format!("{base}/report.docx?lang=fr"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            kind,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            disposition.contains("AO-2026-PACS-analyse-securite-offres-fr.docx"),
            "{disposition}"
        );
        let xml = docx_xml(&bytes);
        for expected in [
            ALPHA,
            BRAVO,
            CHARLIE,
            // The scores, whole numbers without a decimal.
            ">100</w:t>",
            ">65</w:t>",
            ">55</w:t>",
            "Offre irrégulière",
        ] {
            assert!(xml.contains(expected), "{expected} missing from the report");
        }
        assert!(xml.contains(&team.codes.e1));

        let (status, kind, _, bytes) = team
            .buyer
            .file(&format!("{base}/report.xlsx?lang=fr"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, XLSX);
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let summary = workbook.worksheet_range("Synthèse").unwrap();
        let scores: Vec<(String, Data)> = summary
            .rows()
            .filter(|row| {
                [ALPHA, BRAVO, CHARLIE]
                    .iter()
                    .any(|name| row.get(1).is_some_and(|cell| *cell == *name))
            })
            .map(|row| (row[1].to_string(), row[4].clone()))
            .collect();
        assert_eq!(
            scores,
            vec![
                (ALPHA.to_owned(), Data::Float(100.0)),
                (BRAVO.to_owned(), Data::Float(65.0)),
                (CHARLIE.to_owned(), Data::Float(55.0)),
            ]
        );

        let (status, kind, _, bytes) = team.buyer.file(&format!("{base}/report.pdf?lang=en")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, "application/pdf");
        assert!(bytes.starts_with(b"%PDF-"));

        let (status, _, _, _) = team.buyer.file(&format!("{base}/report.odt")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Someone outside the project does not learn it exists.
        let (status, _, _, _) = team.it.file(&format!("{base}/report.docx?lang=fr")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}
