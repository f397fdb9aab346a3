//! Who may evaluate: the project team does, members see the bids, others
//! learn nothing.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{
    ALPHA, add_bid, all_yes, evaluation, id_of, import, noise, questionnaire, score, team,
    untouched,
};
use crate::apps;

#[tokio::test]
async fn only_the_project_team_evaluates_and_only_members_see_the_bids() {
    for app in apps().await {
        let team = team(&app).await;
        let project = &team.project;
        let id = id_of(&add_bid(&team.buyer, project, ALPHA, "PACS").await);
        let blank = questionnaire(&team.buyer, project).await;
        let complete = all_yes(&blank, &team.codes);

        // IT staff outside the project: the project and its bids do not exist.
        let (status, body) = team
            .it
            .call(
                Method::GET,
                &format!("/api/v1/projects/{project}/bids"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, _) = team
            .it
            .call(Method::GET, &format!("/api/v1/bids/{id}"), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = team
            .it
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/bids"),
                Some(json!({"supplier": "Intrus"})),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = import(&team.it, &id, complete.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Access is checked before the file is read: a file from someone
        // outside the project is not examined, whatever it holds.
        let (status, body) = import(&team.it, &id, noise(4096)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, body) = import(
            &team.it,
            "00000000-0000-4000-8000-000000000000",
            noise(4096),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");

        // The project's viewer sees but does not change.
        let view = evaluation(&team.viewer, project).await;
        assert_eq!(view["bids"].as_array().unwrap().len(), 1);
        let (status, body) = import(&team.viewer, &id, complete.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["error"]["code"], "forbidden");
        let (status, body) = import(&team.viewer, &id, noise(4096)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{project}/bids"),
                Some(json!({"supplier": "Intrus"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                &format!("/api/v1/bids/{id}/links"),
                Some(json!({"days": 30})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        untouched(&team.buyer, &id, "viewer import").await;

        // The project's CISO evaluates (but awarding is the buyers' call).
        let (status, body) = import(&team.ciso, &id, complete).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["source"], "import");
        // The answers grade nothing: the three award criteria wait for an
        // evaluator, and the CISO may grade them.
        assert_eq!(score(&body), 0.0);
        assert_eq!(body["to_grade"].as_array().unwrap().len(), 3);
        super::grade(&team.ciso, &id, &team.codes.a1, 4).await;
        let (status, _) = team
            .ciso
            .call(
                Method::POST,
                &format!("/api/v1/bids/{id}/award"),
                Some(json!({"version": 2})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The supplier register: read by all, kept by those who evaluate.
        let (status, suppliers) = team.it.call(Method::GET, "/api/v1/suppliers", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(suppliers[0]["name"], ALPHA);
        // It does not tell the IT colleague which projects Alpha bid on.
        let (status, alpha) = team
            .it
            .call(
                Method::GET,
                &format!("/api/v1/suppliers/{}", suppliers[0]["id"].as_str().unwrap()),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{alpha}");
        assert_eq!(alpha["projects"], json!([]));
        let (status, alpha) = team
            .buyer
            .call(
                Method::GET,
                &format!("/api/v1/suppliers/{}", suppliers[0]["id"].as_str().unwrap()),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        // Its answers were imported from the questionnaire: received.
        assert_eq!(alpha["projects"], json!(["AO-2026-PACS (submitted)"]));
        let (status, _) = team
            .viewer
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({"name": "Delta"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, created) = team
            .ciso
            .call(
                Method::POST,
                "/api/v1/suppliers",
                Some(json!({"name": "Delta Réseaux", "company_id": "732 829 320"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["company_id"], "732829320");
    }
}
