//! The acceptance scenario: three suppliers' filled questionnaires
//! imported, judged eligible or not, scored and ranked against values worked
//! out by hand.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{ALPHA, BRAVO, CHARLIE, bid_in, evaluation, line, score, team, three_bids};
use crate::apps;

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn three_suppliers_are_judged_eligible_scored_and_ranked_as_worked_out_by_hand() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let (alpha_id, bravo_id, charlie_id) = three_bids(&team).await;
        let view = evaluation(&team.buyer, &team.project).await;
        assert_eq!(view["requirements"], 6);
        assert_eq!(view["tender_version"], 1);
        assert_eq!(
            view["rules"],
            json!({"partial_fails_eligibility": false, "yes": 100, "partial": 50, "no": 0, "version": 0})
        );
        // Ranked first, then the ineligible bid.
        let order: Vec<&str> = view["bids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["supplier"].as_str().unwrap())
            .collect();
        assert_eq!(order, [ALPHA, BRAVO, CHARLIE], "{}", app.backend);

        // Alpha: 50×100 + 30×100 + 20×100 = 10000 over 100 → 100.0.
        let alpha = bid_in(&view, ALPHA);
        assert_eq!(alpha["id"], alpha_id.as_str());
        assert_eq!(alpha["eligible"], true);
        assert_eq!(strings(&alpha["ineligible"]), Vec::<String>::new());
        assert_eq!(strings(&alpha["reservations"]), Vec::<String>::new());
        assert_eq!(score(alpha), 100.0);
        assert_eq!(alpha["rank"], 1);
        assert_eq!(alpha["outdated"], false);

        // Bravo: "Partiel" on a minimum requirement does not make the offer
        // irregular by default; the evaluators graded A2 2 of 4 and the
        // remote-maintenance criterion it declared "Sans objet" 0, since
        // nothing is offered: (50×100 + 30×50 + 20×0) / 100 = 65.0.
        let bravo = bid_in(&view, BRAVO);
        assert_eq!(bravo["id"], bravo_id.as_str());
        assert_eq!(bravo["eligible"], true);
        assert_eq!(score(bravo), 65.0);
        assert_eq!(bravo["rank"], 2);
        assert_eq!(strings(&bravo["reservations"]), vec![codes.c1.clone()]);
        assert_eq!(line(bravo, &codes.a1)["credit"], 100);
        assert_eq!(line(bravo, &codes.a2)["credit"], 50);
        assert_eq!(line(bravo, &codes.a2)["answer"], "partial");
        assert_eq!(
            line(bravo, &codes.a2)["comment"],
            "MFA pour les comptes d'administration seulement"
        );
        assert_eq!(line(bravo, &codes.a3)["answer"], "not-applicable");
        // Graded 0 by the evaluators: nothing of it is offered.
        assert_eq!(line(bravo, &codes.a3)["credit"], 0);
        assert_eq!(line(bravo, &codes.e2)["met"], true);
        assert_eq!(line(bravo, &codes.c1)["met"], false);

        // Charlie: "Non" to E1 excludes it, unranked; its score still reads
        // 50×50 + 30×100 + 20×0 = 5500 over 100 → 55.0.
        let charlie = bid_in(&view, CHARLIE);
        assert_eq!(charlie["id"], charlie_id.as_str());
        assert_eq!(charlie["eligible"], false);
        assert_eq!(strings(&charlie["ineligible"]), vec![codes.e1.clone()]);
        assert_eq!(score(charlie), 55.0);
        assert_eq!(charlie["rank"], Value::Null);
        assert_eq!(line(charlie, &codes.e1)["met"], false);

        // Scores are not stored: a stricter rule re-scores at once. With
        // "Partiel" excluding on eligibility, Bravo (E2 partial) is out too.
        let rules = format!("/api/v1/projects/{}/scoring-rules", team.project);
        let (status, strict) = team
            .buyer
            .call(
                Method::PUT,
                &rules,
                Some(json!({"partial_fails_eligibility": true, "yes": 100, "partial": 50, "no": 0, "version": 0})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{strict}");
        assert_eq!(strict["rules"]["version"], 1);
        assert_eq!(bid_in(&strict, BRAVO)["eligible"], false);
        assert_eq!(
            strings(&bid_in(&strict, BRAVO)["ineligible"]),
            vec![codes.e2.clone()]
        );
        assert_eq!(bid_in(&strict, BRAVO)["rank"], Value::Null);
        assert_eq!(bid_in(&strict, ALPHA)["rank"], 1);
        // Partial credit at 80 % changes what the answers propose, never
        // the evaluators' grades: Bravo keeps its 65.0.
        let (status, generous) = team
            .buyer
            .call(
                Method::PUT,
                &rules,
                Some(json!({"partial_fails_eligibility": false, "yes": 100, "partial": 80, "no": 0, "version": 1})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{generous}");
        assert_eq!(score(bid_in(&generous, BRAVO)), 65.0);
        assert_eq!(bid_in(&generous, BRAVO)["rank"], 2);
        // A writer holding version 1 is told someone saved first.
        let (status, _) = team
            .buyer
            .call(
                Method::PUT,
                &rules,
                Some(json!({"partial_fails_eligibility": false, "yes": 100, "partial": 50, "no": 0, "version": 1})),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
}
