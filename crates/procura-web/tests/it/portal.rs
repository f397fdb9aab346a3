//! The supplier portal through the real server: a bidder without an account
//! answers through the link the buyer sent, saves drafts, submits once,
//! attaches evidence; links that are wrong, expired or revoked do not open,
//! a link reaches only its own bid, and guessing is slowed down.

use std::time::Duration;

use reqwest::header::{LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::bids::{Team, add_bid, all_yes, bid, id_of, import, line, questionnaire, team};
use crate::harness::{ApiClient as Caller, csrf_in, unescape};
use crate::{Browser, TestApp};

/// Issues a link for `bid`: (link id, the portal path with its secret).
async fn issue(app: &TestApp, caller: &Caller, bid: &str) -> (String, String) {
    let (status, link) = caller
        .call(
            Method::POST,
            &format!("/api/v1/bids/{bid}/links"),
            Some(json!({"days": 30})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    let url = link["url"].as_str().unwrap();
    let path = url
        .strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("{url} is not on {}", app.base))
        .to_owned();
    let secret = path.strip_prefix("/portal/").unwrap();
    assert_eq!(secret.len(), 64, "{url}");
    assert!(secret.chars().all(|c| c.is_ascii_hexdigit()));
    // 30 days from now, give or take the test's own duration.
    let expected = TestApp::now().millis() + 30 * 86_400_000;
    let expires = link["expires_at"].as_i64().unwrap();
    assert!((expected - expires).abs() < 60_000, "{link}");
    (link["id"].as_str().unwrap().to_owned(), path)
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The portal form's fields: `answers` as (code, answer id, comment).
fn form(csrf: &str, answers: &[(&str, &str, &str)], action: &str) -> Vec<(String, String)> {
    let mut fields = vec![("csrf".to_owned(), csrf.to_owned())];
    for (code, answer, comment) in answers {
        fields.push(("line".into(), (*code).to_owned()));
        fields.push((format!("answer-{code}"), (*answer).to_owned()));
        fields.push((format!("comment-{code}"), (*comment).to_owned()));
        fields.push((format!("ref-{code}"), format!("Dossier technique, {code}")));
    }
    fields.push(("action".into(), action.to_owned()));
    fields
}

async fn post(browser: &Browser, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post_form(path, &pairs).await
}

/// Opens the portal page anonymously: status and body.
async fn open(browser: &Browser, path: &str) -> (StatusCode, String) {
    let page = browser.get(path).await;
    let status = page.status();
    (status, unescape(&page.text().await.unwrap()))
}

/// Runs `sql` with the binds on whichever backend the app uses.
async fn rows_affected(app: &TestApp, sql: &'static str, first: i64, second: &str) -> u64 {
    app.services.execute_sql(sql, first, second).await.unwrap()
}

/// Audit entries with `action` on `object`, across all organisations.
async fn audit_count(app: &TestApp, action: &str, object: &str) -> i64 {
    app.services.audit_count(action, object).await.unwrap()
}

async fn audit(team: &Team, action: &str) -> Vec<Value> {
    let (status, page) = team
        .admin
        .call(Method::GET, &format!("/api/v1/audit?action={action}"), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["entries"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_supplier_drafts_attaches_and_submits_once_through_its_link() {
    for app in crate::apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let [e1, e2, a1, a2, a3, c1] = codes.all();
        let id = id_of(&add_bid(&team.buyer, &team.project, "Alpha Santé", "PACS").await);
        let (_, path) = issue(&app, &team.buyer, &id).await;

        let supplier = app.browser();
        let (status, page) = open(&supplier, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Alpha Santé"));
        assert!(page.contains("AO-2026-PACS"));
        for code in codes.all() {
            assert!(
                page.contains(&format!("name=\"line\" value=\"{code}\"")),
                "{code}"
            );
        }
        let csrf = csrf_in(&page).unwrap();

        // Evidence attached to one requirement.
        let evidence = b"%PDF-1.4\n% attestation ISO/IEC 27001\n".to_vec();
        let upload = reqwest::multipart::Form::new()
            .text("code", a1.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(evidence.clone())
                    .file_name("attestation-iso27001.pdf")
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        let response = supplier
            .request(Method::POST, &format!("{path}/files?csrf={csrf}"), |r| {
                r.multipart(upload)
            })
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()[LOCATION],
            format!("{path}?saved=1").as_str()
        );

        // A draft keeps blanks and needs no comment yet.
        let draft = [
            (e1, "yes", ""),
            (e2, "yes", ""),
            (a1, "partial", "Correctifs mensuels, critiques sous 72 h"),
            (a2, "yes", ""),
            (a3, "", ""),
            (c1, "yes", ""),
        ];
        let response = post(&supplier, &path, &form(&csrf, &draft, "save")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let saved = bid(&team.buyer, &id).await;
        assert_eq!(saved["status"], "pending");
        assert_eq!(saved["source"], "portal");
        assert_eq!(saved["version"], 2);
        assert_eq!(saved["unanswered"], 1);
        // A draft is not an offer: it cannot be awarded.
        let (status, refused) = team
            .buyer
            .call(
                Method::POST,
                &format!("/api/v1/bids/{id}/award"),
                Some(json!({"version": saved["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("pas encore déposé"),
            "{refused}"
        );
        assert_eq!(bid(&team.buyer, &id).await["status"], "pending");
        assert_eq!(line(&saved, a1)["answer"], "partial");
        assert_eq!(
            line(&saved, a1)["evidence_ref"],
            format!("Dossier technique, {a1}")
        );
        assert_eq!(line(&saved, a3)["answer"], Value::Null);
        let (_, page) = open(&supplier, &format!("{path}?saved=1")).await;
        assert!(page.contains("Correctifs mensuels, critiques sous 72 h"));
        assert!(page.contains("attestation-iso27001.pdf"));

        // Submitting needs every answer, and comments where they explain.
        let incomplete = [
            (e1, "yes", ""),
            (e2, "yes", ""),
            (a1, "partial", "Correctifs mensuels, critiques sous 72 h"),
            (a2, "partial", ""),
            (a3, "", ""),
            (c1, "yes", ""),
        ];
        let response = post(&supplier, &path, &form(&csrf, &incomplete, "submit")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = unescape(&response.text().await.unwrap());
        let alert = &page[page.find("alert-error").expect("the problems")..];
        let alert = &alert[..alert.find("</div>").unwrap()];
        assert!(
            alert.contains(&format!("{a3} n'a pas de réponse")),
            "{alert}"
        );
        assert!(
            alert.contains(a2) && alert.contains("commentaire"),
            "{alert}"
        );
        assert_eq!(alert.matches("<li>").count(), 2, "{alert}");
        // What was typed is shown again.
        assert!(page.contains("<option value=\"partial\" selected>"));
        let unchanged = bid(&team.buyer, &id).await;
        assert_eq!(unchanged["version"], 2);
        assert_eq!(unchanged["status"], "pending");
        assert_eq!(line(&unchanged, a2)["answer"], "yes");

        let complete = [
            (e1, "yes", ""),
            (e2, "yes", ""),
            (a1, "partial", "Correctifs mensuels, critiques sous 72 h"),
            (a2, "yes", ""),
            (a3, "not-applicable", "Aucune télémaintenance"),
            (c1, "yes", ""),
        ];
        // Complete answers lead to the summary, not yet to a submission.
        let response = post(&supplier, &path, &form(&csrf, &complete, "review")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()[LOCATION],
            format!("{path}/review").as_str()
        );
        assert_eq!(bid(&team.buyer, &id).await["status"], "pending");
        let (status, summary) = open(&supplier, &format!("{path}/review")).await;
        assert_eq!(status, StatusCode::OK, "{summary}");
        for word in [
            "Vérifiez vos réponses avant le dépôt",
            "Exigence minimale (2)",
            "Critère d'attribution (3)",
            "6 réponse(s) sur 6",
            "attestation-iso27001.pdf",
            "Aucune télémaintenance",
            "Confirmer le dépôt définitif",
        ] {
            assert!(summary.contains(word), "{word}: {summary}");
        }
        let version = bid(&team.buyer, &id).await["version"].as_i64().unwrap();
        // A confirmation against an older draft is refused.
        let stale = supplier
            .post_form(
                &format!("{path}/submit"),
                &[
                    ("csrf", csrf.as_str()),
                    ("version", &(version - 1).to_string()),
                ],
            )
            .await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let response = supplier
            .post_form(
                &format!("{path}/submit"),
                &[("csrf", csrf.as_str()), ("version", &version.to_string())],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let submitted = bid(&team.buyer, &id).await;
        assert_eq!(submitted["status"], "submitted");
        assert_eq!(submitted["source"], "portal");
        assert_eq!(submitted["version"], version + 1);

        // The receipt: a number, and the SHA-256 of the text submitted,
        // whose every answer line is the answer stored.
        let (status, receipts) = team
            .buyer
            .call(Method::GET, &format!("/api/v1/bids/{id}/receipts"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{receipts}");
        let receipt = &receipts.as_array().unwrap()[0];
        let content = receipt["content"].as_str().unwrap();
        let sha = receipt["sha256"].as_str().unwrap();
        use sha2::Digest;
        assert_eq!(hex_of(&sha2::Sha256::digest(content.as_bytes())), sha);
        assert_eq!(receipt["number"], "AO-2026-PACS-AR-001");
        for code in codes.all() {
            let stored = line(&submitted, code);
            let expected = format!(
                "answer\t{code}\t{}\t{}\t{}",
                stored["answer"].as_str().unwrap(),
                stored["comment"].as_str().unwrap(),
                stored["evidence_ref"].as_str().unwrap()
            );
            assert!(
                content.lines().any(|l| l == expected),
                "{expected}\n{content}"
            );
        }
        let file_sha = hex_of(&sha2::Sha256::digest(&evidence));
        assert!(
            content.contains(&format!(
                "file\tattestation-iso27001.pdf\t{a1}\t{}\t{file_sha}",
                evidence.len()
            )),
            "{content}"
        );
        let (_, page) = open(&supplier, &format!("{path}?submitted=1")).await;
        assert!(
            page.contains("AO-2026-PACS-AR-001") && page.contains(sha),
            "{page}"
        );
        let pdf = supplier.get(&format!("{path}/receipt.pdf?lang=fr")).await;
        assert_eq!(pdf.status(), StatusCode::OK);
        let pdf = pdf.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let text = pdf_extract::extract_text_from_mem(&pdf).expect("the receipt reads back");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "Accusé de réception du dépôt",
            "AO-2026-PACS-AR-001",
            "Alpha Santé",
            sha,
            "attestation-iso27001.pdf",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        assert_eq!(submitted["unanswered"], 0);
        // The supplier's answers grade nothing: its score waits for the
        // evaluators, who grade each award criterion on the scale.
        assert_eq!(submitted["score"].as_f64(), Some(0.0));
        assert_eq!(submitted["to_grade"], serde_json::json!([a1, a2, a3]));
        crate::bids::grade(&team.buyer, &id, a1, 2).await;
        crate::bids::grade(&team.buyer, &id, a2, 4).await;
        crate::bids::grade(&team.buyer, &id, a3, 0).await;
        // 50×50 + 30×100 + 20×0 = 5500 → 55.0.
        let submitted = bid(&team.buyer, &id).await;
        assert_eq!(submitted["score"].as_f64(), Some(55.0));

        // Final: the supplier cannot change it, nor can an import.
        let changed = [
            (e1, "no", ""),
            (e2, "no", ""),
            (a1, "no", ""),
            (a2, "no", ""),
            (a3, "no", ""),
            (c1, "no", ""),
        ];
        let response = post(&supplier, &path, &form(&csrf, &changed, "submit")).await;
        assert!(response.status().is_client_error(), "{}", response.status());
        let response = post(&supplier, &path, &form(&csrf, &changed, "save")).await;
        assert!(response.status().is_client_error(), "{}", response.status());
        let blank = questionnaire(&team.buyer, &team.project).await;
        let (status, body) = import(&team.buyer, &id, all_yes(&blank, &codes)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("définitives"),
            "{body}"
        );
        let after = bid(&team.buyer, &id).await;
        assert_eq!(after["version"], version + 1);
        assert_eq!(after["lines"], submitted["lines"]);
        let (status, page) = open(&supplier, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Réponses déposées le"));
        assert!(!page.contains(&format!("action=\"{path}\"")));

        // The evaluator downloads the attached file from the bid's page.
        let buyer = app.sign_in("buyer@chu.example").await;
        let page = buyer.get(&format!("/bids/{id}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = page.text().await.unwrap();
        let marker = format!("href=\"/bids/{id}/files/");
        let start = body.find(&marker).expect("a file link") + marker.len();
        let file = &body[start..start + body[start..].find('"').unwrap()];
        let download = buyer.get(&format!("/bids/{id}/files/{file}")).await;
        assert_eq!(download.status(), StatusCode::OK);
        assert!(
            download.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("attestation-iso27001.pdf")
        );
        assert_eq!(download.bytes().await.unwrap().to_vec(), evidence);
        // Only with the project: IT staff outside it find nothing.
        let outsider = app.sign_in("it@chu.example").await;
        let refused = outsider.get(&format!("/bids/{id}/files/{file}")).await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);

        // Every use of the link is in the organisation's audit log.
        let object = format!("bid:{id}");
        for action in ["portal.open", "portal.file", "portal.save", "portal.submit"] {
            let entries = audit(&team, action).await;
            assert!(
                entries.iter().any(|e| e["object"] == object.as_str()),
                "no {action}: {entries:?}"
            );
        }
        // The refused submission after the final one left no trace as a
        // submission: one accepted `portal.submit` only.
        let submits = audit(&team, "portal.submit").await;
        assert_eq!(submits.len(), 1, "{submits:?}");
        // Yet every use of the link is there, the refused ones included:
        // the upload, the draft, the incomplete, the final and the repeated
        // submission.
        let uses = audit(&team, "portal.access").await;
        assert!(uses.len() >= 5, "{uses:?}");
    }
}

#[tokio::test]
async fn wrong_expired_and_revoked_links_do_not_open() {
    for app in crate::apps().await {
        let team = team(&app).await;
        let id = id_of(&add_bid(&team.buyer, &team.project, "Alpha Santé", "PACS").await);
        let supplier = app.browser();

        // Nobody issued these.
        let wrong = format!("/portal/{}", "ab".repeat(32));
        let (status, page) = open(&supplier, &wrong).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("n'existe pas"), "{page}");
        let (status, _) = open(&supplier, "/portal/not-a-secret").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Expired: moved into the past in the database.
        let (expired_id, expired) = issue(&app, &team.buyer, &id).await;
        let (status, _) = open(&supplier, &expired).await;
        assert_eq!(status, StatusCode::OK);
        let done = rows_affected(
            &app,
            "UPDATE bid_portal_links SET expires_at = $1 WHERE id = $2",
            TestApp::now().millis() - 60_000,
            &expired_id,
        )
        .await;
        assert_eq!(done, 1);
        let (status, page) = open(&supplier, &expired).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(page.contains("a expiré"), "{page}");

        // Revoked by the buyer.
        let (revoked_id, revoked) = issue(&app, &team.buyer, &id).await;
        let (status, body) = team
            .buyer
            .call(
                Method::DELETE,
                &format!("/api/v1/bids/{id}/links/{revoked_id}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (status, page) = open(&supplier, &revoked).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(page.contains("révoqué"), "{page}");
        let csrf = supplier.csrf("/sign-in").await;
        let fields = form(&csrf, &[(&team.codes.e1, "yes", "")], "save");
        let response = post(&supplier, &revoked, &fields).await;
        assert_eq!(response.status(), StatusCode::GONE);
        let (status, _) = team
            .buyer
            .call(
                Method::DELETE,
                &format!("/api/v1/bids/{id}/links/{revoked_id}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Nothing reached the bid.
        let untouched = bid(&team.buyer, &id).await;
        assert_eq!(untouched["version"], 1);
        assert_eq!(untouched["source"], Value::Null);

        // Links for 0 or 121 days are refused.
        for days in [0, 121] {
            let (status, body) = team
                .buyer
                .call(
                    Method::POST,
                    &format!("/api/v1/bids/{id}/links"),
                    Some(json!({"days": days})),
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{days}: {body}");
        }

        // The trail: the opening, and every refusal with its reason.
        let object = format!("bid:{id}");
        assert!(
            audit(&team, "portal.open")
                .await
                .iter()
                .any(|e| e["object"] == object.as_str())
        );
        assert_eq!(
            audit_count(&app, "portal.refused", "portal:unknown").await,
            2
        );
        let refused = audit(&team, "portal.refused").await;
        let reasons: Vec<&str> = refused
            .iter()
            .filter(|e| e["object"] == object.as_str())
            .map(|e| e["detail"]["reason"].as_str().unwrap())
            .collect();
        assert_eq!(reasons, ["revoked", "revoked", "expired"], "{refused:?}");
        assert!(
            refused
                .iter()
                .all(|e| e["detail"]["address"] == "127.0.0.1")
        );
    }
}

#[tokio::test]
async fn a_link_reaches_its_own_bid_and_nothing_else() {
    for app in crate::apps().await {
        let team = team(&app).await;
        let [e1, ..] = team.codes.all();
        let alpha = id_of(&add_bid(&team.buyer, &team.project, "Alpha Santé", "PACS").await);
        let bravo = id_of(&add_bid(&team.buyer, &team.project, "Bravo Imagerie", "VNA").await);
        let (_, to_alpha) = issue(&app, &team.buyer, &alpha).await;
        let (bravo_link, to_bravo) = issue(&app, &team.buyer, &bravo).await;

        let supplier = app.browser();
        let (status, page) = open(&supplier, &to_alpha).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Alpha Santé"));
        assert!(!page.contains("Bravo"), "{page}");
        assert!(!page.contains(&bravo));
        let (status, page) = open(&supplier, &format!("{to_alpha}?bid={bravo}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("Bravo"));
        let (status, page) = open(&app.browser(), &to_bravo).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Bravo Imagerie"));
        assert!(!page.contains("Alpha"));

        // Naming the other bid in the form or the address changes nothing:
        // the answers go to the link's bid.
        let csrf = supplier.csrf(&to_alpha).await;
        let mut fields = form(&csrf, &[(e1, "yes", "")], "save");
        fields.push(("bid".into(), bravo.clone()));
        fields.push(("id".into(), bravo.clone()));
        let response = post(&supplier, &format!("{to_alpha}?bid={bravo}"), &fields).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let upload = reqwest::multipart::Form::new()
            .text("bid", bravo.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"evidence".to_vec()).file_name("a.txt"),
            );
        let response = supplier
            .request(
                Method::POST,
                &format!("{to_alpha}/files?csrf={csrf}&bid={bravo}"),
                |r| r.multipart(upload),
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let got = bid(&team.buyer, &alpha).await;
        assert_eq!(got["source"], "portal");
        assert_eq!(line(&got, e1)["answer"], "yes");
        let other = bid(&team.buyer, &bravo).await;
        assert_eq!(other["source"], Value::Null);
        assert_eq!(other["version"], 1);
        let buyer = app.sign_in("buyer@chu.example").await;
        let page = buyer
            .get(&format!("/bids/{alpha}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!("/bids/{alpha}/files/")));
        let page = buyer
            .get(&format!("/bids/{bravo}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(!page.contains("/files/"));

        // Bravo's link cannot be revoked through Alpha's bid.
        let (status, _) = team
            .buyer
            .call(
                Method::DELETE,
                &format!("/api/v1/bids/{alpha}/links/{bravo_link}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = open(&app.browser(), &to_bravo).await;
        assert_eq!(status, StatusCode::OK);
    }
}

#[tokio::test]
async fn guessing_links_from_one_address_is_slowed_down() {
    for app in crate::apps().await {
        let team = team(&app).await;
        let id = id_of(&add_bid(&team.buyer, &team.project, "Alpha Santé", "PACS").await);
        let (_, path) = issue(&app, &team.buyer, &id).await;
        let guesser = app.browser();
        // The free allowance: ten wrong links.
        for attempt in 0..10u32 {
            let (status, _) = open(&guesser, &format!("/portal/{:064x}", attempt + 1)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "attempt {attempt}");
        }
        let response = guesser.get(&format!("/portal/{:064x}", 99)).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = response.headers()[RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=2).contains(&wait), "{wait}");
        // The address is slowed down, whatever link it tries.
        let (status, _) = open(&guesser, &path).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        tokio::time::sleep(Duration::from_millis(wait * 1000 + 200)).await;
        let (status, _) = open(&guesser, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            audit_count(&app, "portal.refused", "portal:unknown").await,
            10
        );
    }
}

/// Submits every requirement "yes" through the portal: the summary, then
/// the confirmation against the draft's version.
async fn submit_all(app: &TestApp, team: &Team, supplier: &Browser, path: &str, id: &str) {
    let (_, page) = open(supplier, path).await;
    let csrf = csrf_in(&page).unwrap();
    let codes: Vec<String> = page
        .split("name=\"line\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect();
    let answers: Vec<(&str, &str, &str)> = codes.iter().map(|c| (c.as_str(), "yes", "")).collect();
    let response = post(supplier, path, &form(&csrf, &answers, "review")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let version = bid(&team.buyer, id).await["version"].as_i64().unwrap();
    let response = supplier
        .post_form(
            &format!("{path}/submit"),
            &[("csrf", csrf.as_str()), ("version", &version.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{}", app.backend);
}

#[tokio::test]
async fn a_modification_of_the_dce_reopens_a_submitted_bid_through_its_link() {
    for app in crate::apps().await {
        let team = team(&app).await;
        let id = id_of(&add_bid(&team.buyer, &team.project, "Alpha Santé", "PACS").await);
        let (_, path) = issue(&app, &team.buyer, &id).await;
        let path_tender = format!("/api/v1/projects/{}/tender", team.project);
        let (_, selection) = team.buyer.call(Method::GET, &path_tender, None).await;
        let version = selection["version"].clone();
        let (status, _) = team
            .buyer
            .call(
                Method::POST,
                &format!("{path_tender}/publish"),
                Some(json!({"version": version})),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let supplier = app.browser();
        submit_all(&app, &team, &supplier, &path, &id).await;
        assert_eq!(bid(&team.buyer, &id).await["status"], "submitted");
        let (_, page) = open(&supplier, &path).await;
        assert!(page.contains("Réponses déposées le"));

        // The buyer withdraws one requirement: a modification of the DCE.
        let (_, selection) = team.buyer.call(Method::GET, &path_tender, None).await;
        let e2 = team.codes.e2.clone();
        let lines: Vec<Value> = selection["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|line| {
                json!({
                    "id": line["id"],
                    "included": line["included"] == true && line["id"] != e2.as_str(),
                    "kind": line["kind"],
                    "weight": line["weight"],
                })
            })
            .collect();
        let (status, modified) = team
            .buyer
            .call(
                Method::PUT,
                &path_tender,
                Some(json!({"version": selection["version"], "lines": lines, "modification": "Exigence redondante retirée"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{modified}");

        // The supplier's link shows the modification and takes answers again.
        let (_, page) = open(&supplier, &path).await;
        assert!(
            page.contains("Le DCE a été modifié depuis vos réponses"),
            "{page}"
        );
        assert!(page.contains("Exigence redondante retirée"));
        assert!(page.contains("name=\"line\""), "the form is open again");
        submit_all(&app, &team, &supplier, &path, &id).await;
        let resubmitted = bid(&team.buyer, &id).await;
        assert_eq!(resubmitted["status"], "submitted");
        assert_eq!(resubmitted["outdated"], false);
        let (_, receipts) = team
            .buyer
            .call(Method::GET, &format!("/api/v1/bids/{id}/receipts"), None)
            .await;
        let numbers: Vec<&str> = receipts
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["number"].as_str().unwrap())
            .collect();
        assert_eq!(numbers, ["AO-2026-PACS-AR-001", "AO-2026-PACS-AR-002"]);
    }
}
