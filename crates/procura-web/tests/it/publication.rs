//! Publishing the tender through the real server: the DCE goes out frozen,
//! an ordinary save is refused with the reason and the bids at stake, and a
//! modification of the DCE becomes version 2, keeps the answers given to
//! version 1 readable and flags them for their suppliers.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::apps;
use crate::bids::{add_bid, bid, id_of, line, team};
use crate::harness::{ApiClient as Caller, unescape};

async fn selection(buyer: &Caller, project: &str) -> Value {
    let (status, selection) = buyer
        .call(
            Method::GET,
            &format!("/api/v1/projects/{project}/tender"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{selection}");
    selection
}

/// Every included line as the save takes it, with `change` applied.
fn lines_with(selection: &Value, change: impl Fn(&str, &mut Value)) -> Vec<Value> {
    selection["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| {
            let code = line["id"].as_str().unwrap();
            let mut body = json!({
                "id": code,
                "included": line["included"],
                "kind": line["kind"],
                "weight": line["weight"],
            });
            change(code, &mut body);
            body
        })
        .collect()
}

async fn put(buyer: &Caller, project: &str, body: Value) -> (StatusCode, Value) {
    buyer
        .call(
            Method::PUT,
            &format!("/api/v1/projects/{project}/tender"),
            Some(body),
        )
        .await
}

#[tokio::test]
async fn a_published_tender_changes_only_by_a_modification_that_flags_the_bids() {
    for app in apps().await {
        let team = team(&app).await;
        let project = team.project.clone();
        let [e1, e2, a1, a2, a3, c1] = team.codes.all();
        let alpha = id_of(&add_bid(&team.buyer, &project, "Alpha Santé", "PACS").await);
        let beta = id_of(&add_bid(&team.buyer, &project, "Beta Imagerie", "PACS").await);
        let answers: Vec<Value> = team
            .codes
            .all()
            .iter()
            .map(|code| json!({"code": code, "answer": "yes"}))
            .collect();
        let version = bid(&team.buyer, &alpha).await["version"].clone();
        let (status, answered) = team
            .buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{alpha}/answers"),
                Some(json!({"version": version, "answers": answers})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{answered}");

        // Before publication the page says what a change would do to the
        // two bids.
        let buyer_page = app.sign_in("buyer@chu.example").await;
        let page = unescape(
            &buyer_page
                .get(&format!("/projects/{project}/tender"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.contains("2 offres enregistrées."), "bids counted");
        assert!(page.contains("Brouillon"));
        assert!(page.contains("Publier le DCE"));

        let draft = selection(&team.buyer, &project).await;
        let version = draft["version"].as_i64().unwrap();
        // The viewer may not publish.
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/tender/publish"),
                Some(json!({"version": version})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, published) = team
            .buyer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/tender/publish"),
                Some(json!({"version": version})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{published}");
        assert_eq!(published["publications"][0]["number"], 1);
        assert_eq!(published["bids"], 2);
        let checksum = published["publications"][0]["checksum"].as_str().unwrap();
        assert_eq!(checksum.len(), 64);

        // An ordinary save is refused, naming the two bids at stake.
        let body = lines_with(&published, |code, line| {
            if code == e2 {
                line["included"] = json!(false);
            }
        });
        let (status, refused) = put(
            &team.buyer,
            &project,
            json!({"version": version, "lines": body}),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"]["code"], "tender_published");
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("Le DCE est publié (version n° 1)"),
            "{message}"
        );
        assert!(
            message.contains("Les 2 offres enregistrées seront signalées"),
            "{message}"
        );
        // A modification without its reason, or changing nothing, is refused too.
        let (status, refused) = put(
            &team.buyer,
            &project,
            json!({"version": version, "lines": body, "modification": "  "}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("motif")
        );
        let unchanged = lines_with(&published, |_, _| {});
        let (status, refused) = put(
            &team.buyer,
            &project,
            json!({"version": version, "lines": unchanged, "modification": "Rien"}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(selection(&team.buyer, &project).await["version"], version);

        // The modification: e2 withdrawn, a2 and a3 re-weighted.
        let body = lines_with(&published, |code, line| {
            if code == e2 {
                line["included"] = json!(false);
            } else if code == a2 || code == a3 {
                line["weight"] = json!(25);
            }
        });
        let (status, modified) = put(
            &team.buyer,
            &project,
            json!({"version": version, "lines": body, "modification": "Pondération revue après une question d'un candidat"}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{modified}");
        let second = &modified["publications"][1];
        assert_eq!(second["number"], 2);
        assert_eq!(
            second["reason"],
            "Pondération revue après une question d'un candidat"
        );
        let mut changed: Vec<&str> = second["changed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        changed.sort_unstable();
        let mut expected = vec![a2, a3, e2];
        expected.sort_unstable();
        assert_eq!(changed, expected);
        assert_ne!(second["checksum"], checksum);

        // Alpha answered version 1: flagged, its answers still readable.
        let flagged = bid(&team.buyer, &alpha).await;
        assert_eq!(flagged["outdated"], true, "{flagged}");
        assert_eq!(flagged["answered_publication"], 1);
        let mut since: Vec<&str> = flagged["changed_since"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        since.sort_unstable();
        assert_eq!(since, expected);
        for code in [e1, a1, a2, a3, c1] {
            assert_eq!(line(&flagged, code)["answer"], "yes", "{code}");
        }
        // Beta never answered: nothing to flag.
        let waiting = bid(&team.buyer, &beta).await;
        assert_eq!(waiting["outdated"], false);
        assert_eq!(waiting["changed_since"], json!([]));

        let page = unescape(
            &buyer_page
                .get(&format!("/bids/{alpha}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(
            page.contains("Ces réponses ont été données à la version n° 1 du DCE ; la version en vigueur est la n° 2."),
            "modification note"
        );
        assert_eq!(
            page.matches("Modifiée depuis la réponse").count(),
            2,
            "a2 and a3 flagged"
        );
        let page = unescape(
            &buyer_page
                .get(&format!("/projects/{project}/tender"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.contains("Version n° 2 publiée"));
        assert!(page.contains("Pondération revue après une question d'un candidat"));
        assert!(page.contains("Enregistrer la modification du DCE"));
        assert!(!page.contains("Enregistrer la sélection"));

        // Both events are on the timeline.
        let page = unescape(
            &buyer_page
                .get(&format!("/projects/{project}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.contains("DCE publié") && page.contains("DCE modifié"));
    }
}
