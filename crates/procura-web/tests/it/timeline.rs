//! A project's timeline as its page shows it: every change named in the
//! reader's language, whatever area made it (tender, risks, DPIA, bids).

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::apps;
use crate::bids::{add_bid, team};

#[tokio::test]
async fn the_timeline_names_every_change_in_both_languages() {
    for app in apps().await {
        let team = team(&app).await;
        let project = team.project.clone();
        // A risk, a DPIA screening and a bid, on top of the tender saved by `team`.
        let (status, risk) = team
            .buyer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/risks"),
                Some(json!({"threat_group": "malicious-actions", "example": "malware", "likelihood": 2, "severity": 3})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{risk}");
        let (status, screening) = team
            .buyer
            .call(
                Method::PUT,
                &format!("/api/v1/projects/{project}/dpia"),
                Some(json!({"criteria": ["sensitive-data"], "version": 0})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{screening}");
        add_bid(&team.buyer, &project, "Medisys", "Offre de base").await;

        let admin = app.sign_in("admin@chu.example").await;
        for (lang, expected) in [
            (
                "fr",
                [
                    "Exigences modifiées : 6 retenues, critères d'attribution à 100 %",
                    "Risque ajouté : ",
                    "Dépistage AIPD : ",
                    "Offre enregistrée : Medisys",
                ],
            ),
            (
                "en",
                [
                    "Requirements changed: 6 kept, award criteria at 100%",
                    "Risk added: ",
                    "DPIA screening: ",
                    "Bid from Medisys recorded",
                ],
            ),
        ] {
            admin.set_cookie("procura_lang", lang);
            let page = admin.get(&format!("/projects/{project}")).await;
            assert_eq!(page.status(), StatusCode::OK, "{}", app.backend);
            let html = page
                .text()
                .await
                .unwrap()
                .replace("&#39;", "'")
                .replace("&#x27;", "'");
            assert!(
                !html.contains("Unknown localization key"),
                "{} {lang}: {}",
                app.backend,
                html.lines()
                    .filter(|line| line.contains("Unknown localization key"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            for name in expected {
                assert!(
                    html.contains(name),
                    "{} {lang}: the timeline does not name {name:?}",
                    app.backend
                );
            }
            // The sentences carry no raw details: no JSON, no ids; those
            // are behind each event's disclosure.
            let start = html
                .find("<ol class=\"stack timeline\">")
                .expect("the timeline");
            let list = &html[start..start + html[start..].find("</ol>").unwrap()];
            let mut visible = String::new();
            let mut rest = list;
            while let Some(open) = rest.find("<details") {
                visible.push_str(&rest[..open]);
                rest = &rest[open + rest[open..].find("</details>").unwrap()..];
            }
            visible.push_str(rest);
            assert!(
                !visible.contains('{') && !visible.contains("&#34;"),
                "{lang}: {visible}"
            );
            assert!(!visible.contains(&project), "{lang}: an id in {visible}");
            assert!(list.contains("<details"), "{lang}: details on demand");
        }
    }
}

#[tokio::test]
async fn the_organisation_chooses_the_time_zone_its_pages_show_times_in() {
    for app in apps().await {
        let team = team(&app).await;
        let admin = app.sign_in("admin@chu.example").await;
        let csrf = admin.csrf("/users").await;
        let refused = admin
            .post_form(
                "/organisation/time-zone",
                &[("csrf", &csrf), ("time_zone", "Mars/Olympus")],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let saved = admin
            .post_form(
                "/organisation/time-zone",
                &[("csrf", &csrf), ("time_zone", "America/Guadeloupe")],
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let page = admin.get("/users").await.text().await.unwrap();
        assert!(page.contains("<option value=\"America/Guadeloupe\" selected>"));
        // A buyer may not change it.
        let buyer = app.sign_in("buyer@chu.example").await;
        let csrf = buyer.csrf("/").await;
        let refused = buyer
            .post_form(
                "/organisation/time-zone",
                &[("csrf", &csrf), ("time_zone", "Europe/Paris")],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        // The project's timeline now reads in Guadeloupe time (UTC−4, no
        // summer time): the creation's minute (its items were made then),
        // four hours before UTC.
        let (status, project) = team
            .buyer
            .call(
                Method::GET,
                &format!("/api/v1/projects/{}", team.project),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let at = project["items"][0]["updated_at"].as_i64().unwrap();
        let local = (at / 60_000 - 4 * 60).rem_euclid(24 * 60);
        let page = buyer
            .get(&format!("/projects/{}", team.project))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("à {:02}:{:02}", local / 60, local % 60)),
            "Guadeloupe time"
        );
    }
}
