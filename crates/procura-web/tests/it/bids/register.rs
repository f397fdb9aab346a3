//! The supplier register: identifiers kept, expired certifications
//! flagged.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::team;
use crate::apps;

#[tokio::test]
async fn the_register_keeps_identifiers_and_flags_expired_certifications() {
    for app in apps().await {
        let team = team(&app).await;
        let buyer = &team.buyer;
        let (status, created) = buyer
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({
                    "name": "  Acme   Santé ",
                    "company_id": "732 829 320 00074",
                    "vat": "fr 40 303 265 045",
                    "contacts": "Jeanne Martin, jeanne.martin@acme.example",
                    "certifications": [
                        {"name": "HDS", "scope": "Hébergement", "expires_on": "2020-01-31"},
                        {"name": "ISO/IEC 27001", "scope": "Infogérance", "expires_on": "2099-12-31"}
                    ]
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["name"], "Acme Santé");
        assert_eq!(created["company_id"], "73282932000074");
        assert_eq!(created["vat"], "FR40303265045");
        let id = created["id"].as_str().unwrap().to_owned();

        // Expired certifications are flagged in the list and on the page.
        let (_, list) = buyer.call(Method::GET, "/api/v1/suppliers", None).await;
        let acme = &list[0];
        assert_eq!(acme["certifications"][0]["expired"], true, "{list}");
        assert_eq!(acme["certifications"][1]["expired"], false);
        let page = app
            .sign_in("buyer@chu.example")
            .await
            .get("/suppliers")
            .await;
        let html = crate::harness::unescape(&page.text().await.unwrap());
        assert!(
            html.contains("Acme Santé") && html.contains("Expirée"),
            "{html}"
        );

        // A wrong check digit, a duplicate name, a stale version.
        for (body, expected) in [
            (
                json!({"name": "Beta", "company_id": "732829321"}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (json!({"name": "ACME santé"}), StatusCode::CONFLICT),
        ] {
            let (status, answer) = buyer
                .call(Method::POST, "/api/v1/suppliers", Some(body))
                .await;
            assert_eq!(status, expected, "{answer}");
        }
        let (status, _) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/suppliers/{id}"),
                Some(json!({"name": "Acme Santé", "version": 7})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, updated) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/suppliers/{id}"),
                Some(
                    json!({"name": "Acme Santé", "contacts": "support@acme.example", "version": 1}),
                ),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["certifications"], json!([]));
        // Viewers read the register but do not keep it.
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({"name": "Gamma"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
