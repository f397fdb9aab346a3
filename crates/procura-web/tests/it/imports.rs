//! Importing a project file: nothing in it is believed. A forged export
//! cannot bring sign-offs, a stage, authorship or unsafe links, and a zip
//! that unpacks to more than the limits allow is refused before it fills
//! the server's memory.

use std::io::Write;

use procura_domain::{Lang, Role};
use procura_service::RawConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::ApiClient;
use crate::{TestApp, apps};

const MIB: usize = 1 << 20;

/// An organisation with an administrator, the procurement officer who
/// imports and a CISO. The files name a project CISO, which only an
/// administrator or the organisation's CISO may do (a buyer importing such a
/// file is refused: `accounts` tests that), so the importer is the
/// procurement officer with the administrator role.
async fn team(app: &TestApp) -> (ApiClient, ApiClient, ApiClient) {
    app.setup("CHU", "admin@chu.example").await;
    app.add_user("buyer@chu.example", "CHU", Role::Admin).await;
    app.add_user("rssi@chu.example", "CHU", Role::Ciso).await;
    (
        ApiClient::new(app, "admin@chu.example").await,
        ApiClient::new(app, "buyer@chu.example").await,
        ApiClient::new(app, "rssi@chu.example").await,
    )
}

async fn get(client: &ApiClient, path: &str) -> (StatusCode, Value) {
    client.call(reqwest::Method::GET, path, None).await
}

async fn post(client: &ApiClient, path: &str, body: Value) -> (StatusCode, Value) {
    client.call(reqwest::Method::POST, path, Some(body)).await
}

async fn import(client: &ApiClient, content_type: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    client
        .send(
            reqwest::Method::POST,
            "/api/v1/projects/import",
            content_type,
            bytes,
        )
        .await
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// One entry of a zip written by hand: the bytes as stored in the archive
/// (deflated or not), with the CRC and size of what they unpack to.
struct RawEntry {
    name: String,
    deflated: bool,
    data: Vec<u8>,
    crc: u32,
    size: u64,
}

impl RawEntry {
    fn stored(name: &str, bytes: &[u8]) -> RawEntry {
        RawEntry {
            name: name.to_owned(),
            deflated: false,
            data: bytes.to_vec(),
            crc: crc32fast::hash(bytes),
            size: bytes.len() as u64,
        }
    }
}

/// A zip archive written byte by byte, so that an entry can carry a
/// deflate stream prepared in advance (a gigabyte of zeros in a megabyte).
fn zip_of(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let method: u16 = if entry.deflated { 8 } else { 0 };
        let header = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes()); // version needed
            out.extend_from_slice(&0u16.to_le_bytes()); // flags
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // time
            out.extend_from_slice(&33u16.to_le_bytes()); // 1980-01-01
            out.extend_from_slice(&entry.crc.to_le_bytes());
            out.extend_from_slice(&(entry.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(entry.size as u32).to_le_bytes());
            out.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header(&mut out);
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&entry.data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        header(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(entry.name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// `mib` mebibytes of zeros as one deflate stream, made by repeating the
/// flushed compression of the first mebibyte: about a thousand times
/// smaller than what it unpacks to.
fn deflated_zeros(name: &str, mib: usize) -> RawEntry {
    let zeros = vec![0u8; MIB];
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&zeros).unwrap();
    encoder.flush().unwrap();
    let chunk = encoder.get_ref().clone();
    let mut data = Vec::with_capacity(chunk.len() * mib + 2);
    for _ in 0..mib {
        data.extend_from_slice(&chunk);
    }
    // A last, empty block with fixed codes closes the stream.
    data.extend_from_slice(&[0x03, 0x00]);
    let mut one = crc32fast::Hasher::new();
    one.update(&zeros);
    let mut crc = crc32fast::Hasher::new();
    for _ in 0..mib {
        crc.combine(&one);
    }
    RawEntry {
        name: name.to_owned(),
        deflated: true,
        data,
        crc: crc.finalize(),
        size: (mib * MIB) as u64,
    }
}

fn deflated(name: &str, bytes: &[u8]) -> RawEntry {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    RawEntry {
        name: name.to_owned(),
        deflated: true,
        data: encoder.finish().unwrap(),
        crc: crc32fast::hash(bytes),
        size: bytes.len() as u64,
    }
}

/// A real project's export, made by the buyer with the CISO as
/// stakeholder, to forge from.
async fn genuine_export(buyer: &ApiClient, reference: &str) -> Value {
    let (status, project) = post(
        buyer,
        "/api/v1/projects",
        json!({
            "reference": reference,
            "title": "Pompes à perfusion connectées",
            "procurement_types": ["medical-devices"],
            "stakeholders": [
                {"email": "buyer@chu.example", "role": "buyer"},
                {"email": "rssi@chu.example", "role": "ciso"}
            ]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let id = project["id"].as_str().unwrap();
    let (status, export) = get(buyer, &format!("/api/v1/projects/{id}/export")).await;
    assert_eq!(status, StatusCode::OK, "{export}");
    export
}

/// What an attacker makes of an export: the project in management, the
/// CISO's sign-off on every phase on dates of their choosing, every item
/// done by someone else long ago, evidence with made-up hashes, a file the
/// archive does not hold, and a script link on the first item.
fn forge(export: &Value, reference: &str, link: &str) -> Value {
    let mut forged = export.clone();
    forged["project"]["reference"] = json!(reference);
    forged["project"]["stage"] = json!("management");
    forged["project"]["created_by"] = json!("rssi@chu.example");
    forged["project"]["created_at"] = json!(1_500_000_000_000i64);
    forged["sign_offs"] = json!([
        {"phase": "planning", "signed_by": "rssi@chu.example", "signed_at": 1_500_000_000_000i64, "comment": "Validé"},
        {"phase": "supplier-selection", "signed_by": "rssi@chu.example", "signed_at": 1_510_000_000_000i64, "comment": "Validé"},
        {"phase": "management", "signed_by": "rssi@chu.example", "signed_at": 1_520_000_000_000i64, "comment": "Validé"}
    ]);
    forged["timeline"] = json!([
        {"at": 1_500_000_000_000i64, "actor": "rssi@chu.example", "kind": "project.sign_off", "detail": {"phase": "planning"}}
    ]);
    for item in forged["items"].as_array_mut().unwrap() {
        item["status"] = json!("done");
        item["created_at"] = json!(1_400_000_000_000i64);
        item["updated_at"] = json!(1_400_000_000_000i64);
    }
    forged["items"][0]["evidence"] = json!([
        {"kind": "link", "name": "Procès-verbal", "url": link, "sha256": null, "size": null,
         "content_type": null, "uploaded_by": "rssi@chu.example", "created_at": 1_400_000_000_000i64},
        {"kind": "file", "name": "rapport.pdf", "url": null, "sha256": "0".repeat(64), "size": 999,
         "content_type": "application/pdf", "uploaded_by": "rssi@chu.example", "created_at": 1_400_000_000_000i64},
        {"kind": "file", "name": "absent.pdf", "url": null, "sha256": "a".repeat(64), "size": 5,
         "content_type": "application/pdf", "uploaded_by": "rssi@chu.example", "created_at": 1_400_000_000_000i64}
    ]);
    forged
}

const REPORT: &[u8] = b"%PDF-1.4 le vrai rapport";

/// The forged export as a zip holding one of its two claimed files.
fn forged_zip(forged: &Value) -> Vec<u8> {
    let manifest = serde_json::to_vec_pretty(forged).unwrap();
    zip_of(&[
        deflated("project.json", &manifest),
        RawEntry::stored("evidence/000-01-rapport.pdf", REPORT),
    ])
}

async fn audit_entries(admin: &ApiClient, action: &str) -> Vec<Value> {
    let (status, page) = get(admin, &format!("/api/v1/audit?action={action}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["entries"].as_array().unwrap().clone()
}

async fn references(client: &ApiClient) -> Vec<String> {
    let (_, list) = get(client, "/api/v1/projects").await;
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_forged_export_with_a_script_link_is_refused_whole() {
    for app in apps().await {
        let (admin, buyer, _) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let forged = forge(&export, "MAR-FORGED", "javascript:alert(document.cookie)");
        let first = &forged["items"][0];
        let (phase, practice) = (
            first["phase"].as_str().unwrap().to_owned(),
            first["practice"].as_str().unwrap().to_owned(),
        );
        let audit_before = get(&admin, "/api/v1/audit").await.1["entries"].clone();

        for (content_type, body) in [
            ("application/zip", forged_zip(&forged)),
            ("application/json", serde_json::to_vec(&forged).unwrap()),
        ] {
            let (status, refused) = import(&buyer, content_type, body).await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}: {refused}",
                app.backend
            );
            let message = refused["error"]["message"].as_str().unwrap();
            let phase_name = procura_i18n::text(Lang::Fr, &format!("stage-{phase}"));
            assert!(
                message.contains("javascript:alert(document.cookie)")
                    && message.contains(&practice)
                    && message.contains(&phase_name),
                "the refusal names the item and the link: {message}"
            );
        }
        assert_eq!(references(&buyer).await, ["MAR-REAL"], "no project written");
        assert!(audit_entries(&admin, "project.import").await.is_empty());
        assert_eq!(
            get(&admin, "/api/v1/audit").await.1["entries"],
            audit_before,
            "no audit entry"
        );
    }
}

#[tokio::test]
async fn a_forged_export_is_imported_at_planning_with_its_claims_kept_apart() {
    for app in apps().await {
        let (admin, buyer, ciso) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let forged = forge(&export, "MAR-FORGED", "https://intranet.chu.example/pv/42");
        let zip = forged_zip(&forged);
        let file_sha = sha256(&zip);
        let (status, project) = import(&buyer, "application/zip", zip).await;
        assert_eq!(status, StatusCode::CREATED, "{}: {project}", app.backend);
        let id = project["id"].as_str().unwrap().to_owned();

        // Nothing the file says about its progress is taken as a fact here.
        assert_eq!(project["stage"], "planning");
        assert_eq!(project["sign_offs"], json!([]));
        let history = &project["imported_history"];
        assert_eq!(history["verified"], false, "{project}");
        assert_eq!(history["file_sha256"], file_sha);
        assert_eq!(history["imported_by"], "buyer@chu.example");
        assert_eq!(history["claimed"][0]["stage"], "management");
        assert_eq!(
            history["claimed"][0]["sign_offs"].as_array().unwrap().len(),
            3
        );
        assert_eq!(
            history["claimed"][0]["sign_offs"][0]["signed_by"],
            "rssi@chu.example"
        );
        assert_eq!(history["claimed"][0]["imported_by"], "buyer@chu.example");
        assert_eq!(
            history["claimed"][0]["source"]["exported_by"],
            "buyer@chu.example"
        );

        // The gate counts only sign-offs made here: with every planning
        // item done and the register reviewed, the CISO's sign-off is missing.
        let (status, review) = post(
            &buyer,
            &format!("/api/v1/projects/{id}/risks/review"),
            json!({"note": "Revue"}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{review}");
        let (status, refused) =
            post(&buyer, &format!("/api/v1/projects/{id}/advance"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(
            refused["error"]["message"],
            procura_i18n::text(Lang::Fr, "gate-sign-off"),
            "only the sign-off is missing"
        );
        // The CISO here signs off (the claimed sign-off is no obstacle),
        // and that sign-off moves the project on.
        let (status, _) = post(
            &ciso,
            &format!("/api/v1/projects/{id}/sign-off"),
            json!({"comment": "Revu ici"}),
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, moved) =
            post(&buyer, &format!("/api/v1/projects/{id}/advance"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{moved}");
        assert_eq!(moved["stage"], "supplier-selection");

        // Evidence: hashes and sizes from the bytes received, the importer
        // as uploader, the absent file recorded as missing.
        let evidence = project["items"][0]["evidence"].as_array().unwrap();
        let by_name = |name: &str| {
            evidence
                .iter()
                .find(|e| e["name"] == name)
                .unwrap_or_else(|| panic!("{name} in {evidence:?}"))
        };
        let report = by_name("rapport.pdf");
        assert_eq!(report["kind"], "file");
        assert_eq!(report["sha256"], sha256(REPORT));
        assert_eq!(report["size"], REPORT.len());
        assert_eq!(report["content_type"], "application/pdf");
        assert_eq!(report["uploaded_by"], "buyer@chu.example");
        let absent = by_name("absent.pdf");
        assert_eq!(absent["kind"], "missing");
        assert_eq!(absent["sha256"], Value::Null);
        assert_eq!(absent["size"], Value::Null);
        assert_eq!(by_name("Procès-verbal")["kind"], "link");

        // The audit log and the timeline name the importer, now.
        let entries = audit_entries(&admin, "project.import").await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0]["actor"], "buyer@chu.example");
        assert_eq!(entries[0]["detail"]["file_sha256"], file_sha);
        assert!(entries[0]["at"].as_i64().unwrap() > 1_600_000_000_000);
        let (_, again) = get(&buyer, &format!("/api/v1/projects/{id}/export")).await;
        assert!(again["project"]["created_at"].as_i64().unwrap() > 1_600_000_000_000);
        assert_eq!(again["project"]["created_by"], "buyer@chu.example");
        let timeline = again["timeline"].as_array().unwrap();
        for event in timeline {
            assert!(event["at"].as_i64().unwrap() > 1_600_000_000_000, "{event}");
        }
        assert!(
            timeline
                .iter()
                .any(|e| e["kind"] == "project.import" && e["actor"] == "buyer@chu.example"),
            "{timeline:?}"
        );
        for item in again["items"].as_array().unwrap() {
            assert!(item["created_at"].as_i64().unwrap() > 1_600_000_000_000);
        }

        // The page shows the claims apart, labelled with the file's hash.
        let browser = app.sign_in("buyer@chu.example").await;
        let page = crate::harness::unescape(
            &browser
                .get(&format!("/projects/{id}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        let section = page
            .split("id=\"imported-history\"")
            .nth(1)
            .expect("an imported history section");
        assert!(section.contains(&procura_i18n::text(Lang::Fr, "import-history-unverified")));
        assert!(section.contains(&file_sha));
        assert!(section.contains("rssi@chu.example"));
        let item_page = crate::harness::unescape(
            &browser
                .get(&format!(
                    "/projects/{id}/items/{}",
                    project["items"][0]["id"].as_str().unwrap()
                ))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            item_page.contains(&procura_i18n::text(
                Lang::Fr,
                "import-evidence-missing-badge"
            )) && item_page.contains("absent.pdf"),
            "the missing file shown as missing"
        );
        let before = page.split("id=\"imported-history\"").next().unwrap();
        assert_eq!(
            before
                .matches(&procura_i18n::text(Lang::Fr, "gate-signed-by"))
                .count(),
            1,
            "the one sign-off made here, none of the claimed ones"
        );
    }
}

#[tokio::test]
async fn a_file_of_the_first_format_still_imports() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let mut old = genuine_export(&buyer, "MAR-REAL").await;
        old["format_version"] = json!(1);
        old["project"]["reference"] = json!("MAR-V1");
        old.as_object_mut().unwrap().remove("source");
        let (status, imported) = import(
            &buyer,
            "application/json",
            serde_json::to_vec(&old).unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{}: {imported}", app.backend);
        assert_eq!(imported["imported_history"]["verified"], false);
        assert_eq!(
            imported["imported_history"]["claimed"][0]["source"],
            Value::Null
        );
    }
}

#[tokio::test]
async fn a_reexported_import_carries_its_history_as_history() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let forged = forge(&export, "MAR-ONE", "https://intranet.chu.example/pv/42");
        let (status, first) = import(&buyer, "application/zip", forged_zip(&forged)).await;
        assert_eq!(status, StatusCode::CREATED, "{first}");
        let (_, again) = get(
            &buyer,
            &format!("/api/v1/projects/{}/export", first["id"].as_str().unwrap()),
        )
        .await;
        assert_eq!(again["project"]["stage"], "planning");
        assert_eq!(again["sign_offs"], json!([]));
        assert_eq!(again["imported_history"][0]["stage"], "management");

        let mut second = again.clone();
        second["project"]["reference"] = json!("MAR-TWO");
        let body = serde_json::to_vec(&second).unwrap();
        let (status, imported) = import(&buyer, "application/json", body.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{imported}");
        assert_eq!(imported["stage"], "planning");
        assert_eq!(imported["sign_offs"], json!([]));
        let claimed = imported["imported_history"]["claimed"].as_array().unwrap();
        assert_eq!(claimed.len(), 2, "{claimed:?}");
        assert_eq!(claimed[0]["stage"], "planning");
        assert_eq!(claimed[0]["file_sha256"], sha256(&body));
        assert_eq!(claimed[1]["stage"], "management");
        assert_eq!(claimed[1]["sign_offs"].as_array().unwrap().len(), 3);
    }
}

/// An app whose upload limit is `limit` bytes, on each backend.
async fn apps_with_upload_limit(limit: usize) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for url in procura_service::testing::fresh_urls().await {
        apps.push(
            TestApp::spawn(
                url,
                RawConfig {
                    max_upload_bytes: Some(limit as u64),
                    ..RawConfig::default()
                },
            )
            .await,
        );
    }
    apps
}

fn assert_too_large(status: StatusCode, body: &Value, backend: &str) {
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{backend}: {body}");
    assert_eq!(body["error"]["code"], "too_large", "{backend}: {body}");
    assert!(
        !body["error"]["message"].as_str().unwrap().is_empty(),
        "{body}"
    );
}

#[tokio::test]
async fn a_zip_bomb_is_refused_and_nothing_is_written() {
    for app in apps().await {
        let (admin, buyer, _) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let mut bomb = export.clone();
        bomb["project"]["reference"] = json!("MAR-BOMB");
        bomb["items"][0]["evidence"] = json!([
            {"kind": "file", "name": "zeros.bin", "url": null, "sha256": null, "size": null,
             "content_type": null, "uploaded_by": null, "created_at": 0}
        ]);
        let manifest = serde_json::to_vec(&bomb).unwrap();
        // 1 GiB of zeros in about a megabyte.
        let zip = zip_of(&[
            deflated("project.json", &manifest),
            deflated_zeros("evidence/000-00-zeros.bin", 1024),
        ]);
        assert!(zip.len() < 2 * MIB, "{}", zip.len());
        let (status, refused) = import(&buyer, "application/zip", zip).await;
        assert_too_large(status, &refused, app.backend);
        assert_eq!(references(&buyer).await, ["MAR-REAL"]);
        assert!(audit_entries(&admin, "project.import").await.is_empty());
    }
}

#[tokio::test]
async fn an_entry_over_the_upload_limit_is_refused() {
    // Low-entropy text: about four times smaller deflated, so the archive
    // fits the request limit while the entry unpacks past it.
    let mut state = 12345u32;
    let text: Vec<u8> = (0..2 * MIB)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            b"ACGT"[(state >> 16) as usize % 4]
        })
        .collect();
    for app in apps_with_upload_limit(MIB).await {
        let (admin, buyer, _) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let mut big = export.clone();
        big["project"]["reference"] = json!("MAR-BIG");
        big["items"][0]["evidence"] = json!([
            {"kind": "file", "name": "sequence.txt", "url": null, "sha256": null, "size": null,
             "content_type": null, "uploaded_by": null, "created_at": 0}
        ]);
        let zip = zip_of(&[
            deflated("project.json", &serde_json::to_vec(&big).unwrap()),
            deflated("evidence/000-00-sequence.txt", &text),
        ]);
        assert!(zip.len() < MIB, "{}", zip.len());
        let (status, refused) = import(&buyer, "application/zip", zip).await;
        assert_too_large(status, &refused, app.backend);
        assert_eq!(references(&buyer).await, ["MAR-REAL"]);
        assert!(audit_entries(&admin, "project.import").await.is_empty());
    }
}

#[tokio::test]
async fn an_archive_of_too_many_entries_is_refused() {
    for app in apps().await {
        let (admin, buyer, _) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let mut many = export.clone();
        many["project"]["reference"] = json!("MAR-MANY");
        let mut entries = vec![deflated(
            "project.json",
            &serde_json::to_vec(&many).unwrap(),
        )];
        for n in 0..20_000 {
            entries.push(RawEntry::stored(&format!("x/{n}"), b""));
        }
        let (status, refused) = import(&buyer, "application/zip", zip_of(&entries)).await;
        assert_too_large(status, &refused, app.backend);
        assert_eq!(references(&buyer).await, ["MAR-REAL"]);
        assert!(audit_entries(&admin, "project.import").await.is_empty());
    }
}

#[tokio::test]
async fn an_import_body_over_the_limit_gets_the_json_error() {
    for app in apps_with_upload_limit(MIB).await {
        let (_, buyer, _) = team(&app).await;
        let (status, refused) = import(&buyer, "application/json", vec![b' '; 2 * MIB]).await;
        assert_too_large(status, &refused, app.backend);
    }
}

#[tokio::test]
async fn the_import_form_shows_why_a_file_was_refused() {
    for app in apps().await {
        let (_, buyer, _) = team(&app).await;
        let export = genuine_export(&buyer, "MAR-REAL").await;
        let browser = app.sign_in("buyer@chu.example").await;
        let csrf = browser.csrf("/projects").await;
        let upload = |bytes: Vec<u8>, name: &'static str| {
            let csrf = csrf.clone();
            let browser = browser.clone();
            async move {
                let form = reqwest::multipart::Form::new().part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name(name),
                );
                let response = browser
                    .request(
                        reqwest::Method::POST,
                        &format!("/projects/import?csrf={csrf}"),
                        |r| r.multipart(form),
                    )
                    .await;
                let status = response.status();
                (
                    status,
                    crate::harness::unescape(&response.text().await.unwrap()),
                )
            }
        };

        let forged = forge(&export, "MAR-FORGED", "javascript:alert(1)");
        let (status, page) = upload(forged_zip(&forged), "forged.zip").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}", app.backend);
        assert!(page.contains("id=\"import-file\""), "the form again");
        assert!(page.contains("javascript:alert(1)"), "{page}");

        // The manifest itself unpacks to a gigabyte.
        let zip = zip_of(&[deflated_zeros("project.json", 1024)]);
        let (status, page) = upload(zip, "bomb.zip").await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{}", app.backend);
        assert!(page.contains("id=\"import-file\""), "the form again");
        assert!(page.contains("role=\"alert\""), "{page}");
        assert_eq!(references(&buyer).await, ["MAR-REAL"]);
    }
}
