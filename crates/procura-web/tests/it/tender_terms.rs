//! The document terms a buyer sets per project: the lot on the cover, the
//! cap on the security penalties and each clause's penalty amount, saved
//! with the selection's version and printed in the CCAP.

use procura_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::apps;
use crate::harness::ApiClient as Caller;

fn clause_with_penalty(selection: &Value) -> (String, u64) {
    selection["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["included"] == true && line["penalty"].is_object())
        .map(|line| {
            (
                line["id"].as_str().unwrap().to_owned(),
                line["penalty"]["amount"].as_u64().unwrap(),
            )
        })
        .expect("a clause with a penalty")
}

#[tokio::test]
async fn the_lot_the_cap_and_a_penalty_are_saved_and_printed_in_the_ccap() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        app.add_user("buyer@chu.example", "CHU", Role::Buyer).await;
        let buyer = Caller::new(&app, "buyer@chu.example").await;
        let (status, project) = buyer
            .call(
                Method::POST,
                "/api/v1/projects",
                Some(json!({
                    "reference": "AO-2026-GTB",
                    "title": "GTB",
                    "procurement_types": ["building-management-systems"]
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{project}");
        let id = project["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/projects/{id}/tender");
        let (_, proposal) = buyer.call(Method::GET, &path, None).await;
        assert_eq!(proposal["penalty_cap"], 10, "the library's default");
        assert!(proposal["lot"].is_null());
        let (clause, default_amount) = clause_with_penalty(&proposal);
        assert!(default_amount > 0);

        // A cap outside 1–100 % is refused and nothing is saved.
        for bad in [0, 150] {
            let (status, body) = buyer
                .call(
                    Method::PUT,
                    &path,
                    Some(json!({"version": 0, "penalty_cap": bad})),
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(body.to_string().contains("plafond des pénalités"), "{body}");
        }
        let (status, body) = buyer
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 0, "lines": [
                    {"id": clause, "included": true, "kind": "clause", "penalty": 0}
                ]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (_, unchanged) = buyer.call(Method::GET, &path, None).await;
        assert_eq!(unchanged["version"], 0);

        let (status, saved) = buyer
            .call(
                Method::PUT,
                &path,
                Some(
                    json!({"version": 0, "lot": "Lot 2 — Gestion technique du bâtiment",
                        "penalty_cap": 15, "lines": [
                        {"id": clause, "included": true, "kind": "clause", "penalty": 1250}
                    ]}),
                ),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["penalty_cap"], 15);
        assert_eq!(saved["lot"], "Lot 2 — Gestion technique du bâtiment");
        let (_, amount) = clause_with_penalty(&saved);
        assert_eq!(amount, 1250);

        let (status, _, _, bytes) = buyer
            .file(&format!(
                "/api/v1/projects/{id}/tender/annex?format=md&lang=fr"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        let annex = String::from_utf8(bytes).unwrap();
        assert!(
            annex.contains("Lot : Lot 2 — Gestion technique du bâtiment"),
            "{annex}"
        );
        assert!(annex.contains("1\u{202f}250\u{a0}€\u{a0}HT"), "{annex}");
        assert!(annex.contains("plafonné à 15\u{a0}%"), "{annex}");
        // The buyer's cap departs from the CCAG-TIC's: the derogation says so.
        assert!(annex.contains("14.1.2"), "{annex}");
        assert!(annex.contains("15\u{a0}% du montant hors taxes"), "{annex}");

        // Saving the lines again without terms keeps the terms.
        let (status, again) = buyer
            .call(Method::PUT, &path, Some(json!({"version": 1, "lines": []})))
            .await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["penalty_cap"], 15);
        assert_eq!(again["lot"], "Lot 2 — Gestion technique du bâtiment");
    }
}

/// The grading scale the RC publishes is the library's until the buyer
/// adapts it; an adapted scale is printed in the annex and offered on the
/// bid page, and a step left without text is refused.
#[tokio::test]
async fn the_buyer_adapts_the_grading_scale_published_in_the_rc() {
    for app in apps().await {
        app.setup("CHU", "admin@chu.example").await;
        let admin = Caller::new(&app, "admin@chu.example").await;
        let (status, project) = admin
            .call(
                Method::POST,
                "/api/v1/projects",
                Some(json!({
                    "reference": "AO-2026-DPI",
                    "title": "DPI",
                    "procurement_types": ["clinical-information-systems"]
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{project}");
        let id = project["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/projects/{id}/tender");
        let (_, proposal) = admin.call(Method::GET, &path, None).await;
        let grading = proposal["grading"].as_array().unwrap().clone();
        assert_eq!(grading.len(), 5);
        assert_eq!(grading[4]["grade"], 4);

        let mut adapted: Vec<Value> = grading
            .iter()
            .map(|step| {
                json!({"grade": step["grade"], "label": step["label"], "descriptor": step["descriptor"]})
            })
            .collect();
        adapted[4]["descriptor"]["fr"] = json!(
            "L'offre démontre en plus un délai de correction des vulnérabilités critiques inférieur à 7 jours."
        );
        adapted[4]["descriptor"]["en"] =
            json!("The offer also shows critical vulnerabilities fixed within 7 days.");
        // A step without text is refused, nothing saved.
        let mut broken = adapted.clone();
        broken[2]["descriptor"] = json!({"fr": "", "en": ""});
        let (status, body) = admin
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 0, "grading": broken})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, capped) = admin
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 0, "penalty_cap": 20})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{capped}");
        let (status, saved) = admin
            .call(
                Method::PUT,
                &path,
                Some(json!({"version": 1, "grading": adapted})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        // Sending the scale alone keeps the cap set before.
        assert_eq!(saved["penalty_cap"], 20);
        assert_eq!(
            saved["grading"][4]["descriptor"]["en"],
            "The offer also shows critical vulnerabilities fixed within 7 days."
        );
        let (_, _, _, bytes) = admin
            .file(&format!(
                "/api/v1/projects/{id}/tender/annex?format=md&lang=fr"
            ))
            .await;
        let annex = String::from_utf8(bytes).unwrap();
        assert!(annex.contains("inférieur à 7 jours"), "{annex}");
    }
}
