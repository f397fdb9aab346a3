//! Evidence files: uploaded and downloaded intact, and nothing left
//! behind by an upload over the limit.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{items_of, new_project, team};
use crate::{TestApp, apps};

#[tokio::test]
async fn evidence_files_upload_and_download_intact() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-07", &["medical-devices"]),
            )
            .await;
        let item = items_of(&project, "planning")[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let content = b"%PDF-1.7\n% MDS2 form of the infusion pump\n".to_vec();
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(content.clone())
                .file_name("../../MDS2 <pompe>.pdf")
                .mime_str("text/html")
                .unwrap(),
        );
        let response = reqwest::Client::new()
            .post(app.url(&format!("/api/v1/items/{item}/evidence")))
            .bearer_auth(&buyer.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{}", app.backend);
        let evidence: Value = response.json().await.unwrap();
        assert_eq!(evidence["name"], "MDS2 _pompe_.pdf", "name sanitised");
        assert_eq!(
            evidence["content_type"], "application/pdf",
            "type sniffed from the bytes, not the client"
        );
        assert_eq!(evidence["size"], content.len());
        use sha2::Digest;
        assert_eq!(
            evidence["sha256"],
            hex::encode(sha2::Sha256::digest(&content))
        );
        let download = reqwest::Client::new()
            .get(app.url(&format!(
                "/api/v1/evidence/{}",
                evidence["id"].as_str().unwrap()
            )))
            .bearer_auth(&buyer.token)
            .send()
            .await
            .unwrap();
        assert!(
            download.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(download.bytes().await.unwrap().to_vec(), content);
        let (status, link) = buyer.post(&format!("/api/v1/items/{item}/links"), json!({"label": "Certificat ISO 27001", "url": "https://fournisseur.example/iso27001.pdf"})).await;
        assert_eq!(status, StatusCode::CREATED, "{link}");
        let (status, _) = buyer
            .post(
                &format!("/api/v1/items/{item}/links"),
                json!({"url": "javascript:alert(1)"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn an_upload_over_the_limit_leaves_nothing_behind() {
    let url = procura_service::testing::fresh_urls().await.remove(0);
    let app = TestApp::spawn(
        url,
        procura_service::RawConfig {
            max_upload_bytes: Some(64 * 1024),
            ..procura_service::RawConfig::default()
        },
    )
    .await;
    let (_, buyer, _) = team(&app).await;
    let (_, project) = buyer
        .post(
            "/api/v1/projects",
            new_project("MAR-08", &["medical-devices"]),
        )
        .await;
    let item = items_of(&project, "planning")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![7u8; 200 * 1024]).file_name("big.bin"),
    );
    let response = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/items/{item}/evidence")))
        .bearer_auth(&buyer.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (_, after) = buyer
        .get(&format!(
            "/api/v1/projects/{}",
            project["id"].as_str().unwrap()
        ))
        .await;
    assert!(
        after["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["evidence"].as_array().unwrap().is_empty())
    );
}

#[tokio::test]
async fn its_uploader_removes_evidence_after_a_confirmation_and_the_timeline_says_so() {
    for app in apps().await {
        let (admin, buyer, _) = team(&app).await;
        let (_, project) = buyer
            .post(
                "/api/v1/projects",
                new_project("MAR-08", &["medical-devices"]),
            )
            .await;
        let id = project["id"].as_str().unwrap().to_owned();
        let item = items_of(&project, "planning")[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7\n% draft\n".to_vec())
                .file_name("brouillon.pdf"),
        );
        let response = reqwest::Client::new()
            .post(app.url(&format!("/api/v1/items/{item}/evidence")))
            .bearer_auth(&buyer.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let evidence: Value = response.json().await.unwrap();
        let evidence_id = evidence["id"].as_str().unwrap().to_owned();
        let delete = format!("/evidence/{evidence_id}/delete");

        // Its uploader sees the button and a confirmation page first.
        let browser = app.sign_in("buyer@chu.example").await;
        let page = crate::harness::unescape(
            &browser
                .get(&format!("/projects/{id}/items/{item}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            page.contains(&format!("href=\"{delete}\"")),
            "the remove link"
        );
        let confirm = crate::harness::unescape(&browser.get(&delete).await.text().await.unwrap());
        assert!(
            confirm.contains("Supprimer la preuve « brouillon.pdf »"),
            "{confirm}"
        );
        assert!(confirm.contains("Supprimer définitivement"));

        // Someone else, even an administrator, may not remove it.
        let other = app.sign_in("admin@chu.example").await;
        let csrf = other.csrf(&delete).await;
        let refused = other.post_form(&delete, &[("csrf", &csrf)]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let _ = admin;

        let csrf = browser.csrf(&delete).await;
        let removed = browser.post_form(&delete, &[("csrf", &csrf)]).await;
        assert_eq!(removed.status(), StatusCode::SEE_OTHER);
        assert!(
            removed.headers()[reqwest::header::LOCATION]
                .to_str()
                .unwrap()
                .ends_with(&format!("/items/{item}?done=removed"))
        );
        let (_, after) = buyer.get(&format!("/api/v1/projects/{id}")).await;
        assert!(
            items_of(&after, "planning")[0]["evidence"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{after}"
        );
        let download = browser.get(&format!("/evidence/{evidence_id}")).await;
        assert_eq!(download.status(), StatusCode::NOT_FOUND);
        let page = crate::harness::unescape(
            &browser
                .get(&format!("/projects/{id}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            page.contains("Preuve « brouillon.pdf » supprimée de l'action"),
            "on the timeline"
        );
    }
}
