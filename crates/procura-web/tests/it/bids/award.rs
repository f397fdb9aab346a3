//! Answers entered by evaluators, overrides with a reason, the ruling a
//! "not applicable" eligibility answer waits for, and the award.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{ALPHA, BRAVO, add_bid, bid, bid_in, evaluation, id_of, line, score, team, three_bids};
use crate::apps;

#[tokio::test]
async fn evaluators_enter_answers_override_with_a_reason_and_award_the_best_eligible_bid() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let buyer = &team.buyer;
        let (alpha, bravo, charlie) = three_bids(&team).await;

        // Manual entry needs the version read: 1 is stale after the import.
        let answers = format!("/api/v1/bids/{charlie}/answers");
        let entry = |version: i64, word: &str| {
            json!({"version": version, "answers": [
                {"code": codes.a3, "answer": word, "comment": "Astreinte 24/7 sous contrat", "evidence_ref": "Annexe 4"}
            ]})
        };
        let (status, body) = buyer
            .call(Method::PUT, &answers, Some(entry(1, "Partiel")))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"]["code"], "conflict");
        let (status, body) = buyer
            .call(Method::PUT, &answers, Some(entry(2, "Peut-être")))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["problems"][0]["code"], "unknown_answer");
        let unchanged = bid(buyer, &charlie).await;
        assert_eq!(unchanged["version"], 2);
        assert_eq!(score(&unchanged), 55.0);
        let (status, entered) = buyer
            .call(Method::PUT, &answers, Some(entry(2, "Partiel")))
            .await;
        assert_eq!(status, StatusCode::OK, "{entered}");
        assert_eq!(entered["version"], 3);
        assert_eq!(entered["source"], "manual");
        // The other answers are kept; a new answer grades nothing: the
        // score stays 50×50 + 30×100 + 20×0 = 5500 → 55.0 until an
        // evaluator grades the criterion again (1 of 4: 60.0).
        assert_eq!(score(&entered), 55.0);
        super::grade(buyer, &charlie, &codes.a3, 1).await;
        assert_eq!(score(&bid(buyer, &charlie).await), 60.0);
        assert_eq!(line(&entered, &codes.a3)["evidence_ref"], "Annexe 4");
        assert_eq!(line(&entered, &codes.e1)["answer"], "no");
        assert_eq!(entered["eligible"], false);

        // An override needs a justification; nothing changes without one.
        let override_path = format!("/api/v1/bids/{bravo}/overrides/{}", codes.a1);
        let (status, body) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"score": 40, "justification": "   "})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "invalid");
        assert_eq!(score(&bid(buyer, &bravo).await), 65.0);
        // An award criterion is graded on the published scale: 40 % is
        // no step of the 0–4 scale.
        let (status, body) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"score": 40, "justification": "entre deux notes"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.to_string().contains("barème publié"), "{body}");
        let (status, body) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"score": 140, "justification": "trop"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let justification =
            "Le rapport d'audit fourni date de 2019 et ne couvre pas la version proposée";
        let (status, overridden) = buyer
            .call(
                Method::PUT,
                &override_path,
                Some(json!({"grade": 1, "justification": justification})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{overridden}");
        // Graded 1 of 4: (50×25 + 30×50 + 20×0) / 100 = 2750 / 100 → 27.5.
        assert_eq!(score(&overridden), 27.5);
        let a1 = line(&overridden, &codes.a1);
        assert_eq!(a1["credit"], 25);
        assert_eq!(a1["overridden"], true);
        assert_eq!(a1["override_justification"], justification);
        let (status, audit) = team
            .admin
            .call(Method::GET, "/api/v1/audit?action=bid.override", None)
            .await;
        assert_eq!(status, StatusCode::OK, "{audit}");
        let entry = audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["detail"]["bid"] == bravo.as_str())
            .unwrap_or_else(|| panic!("no bid.override entry: {audit}"));
        assert_eq!(entry["action"], "bid.override");
        assert_eq!(entry["actor"], "buyer@chu.example");
        assert_eq!(entry["detail"]["requirement"], codes.a1.as_str());
        assert_eq!(entry["detail"]["score"], 25);
        assert_eq!(entry["detail"]["grade"], 1);
        assert_eq!(entry["detail"]["scale"], 4);
        assert_eq!(entry["detail"]["justification"], justification);
        // Removing the grade leaves the criterion to grade, earning
        // nothing: the answer does not take its place.
        let (status, removed) = buyer.call(Method::DELETE, &override_path, None).await;
        assert_eq!(status, StatusCode::OK, "{removed}");
        assert_eq!(score(&removed), 15.0);
        assert_eq!(removed["to_grade"], json!([codes.a1]));
        let (status, _) = buyer.call(Method::DELETE, &override_path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        super::grade(buyer, &bravo, &codes.a1, 4).await;
        assert_eq!(score(&bid(buyer, &bravo).await), 65.0);

        // An ineligible bid cannot be awarded.
        let award = |id: &str| format!("/api/v1/bids/{id}/award");
        let commitments = json!({
            "version": 3,
            "support_end": "2031-12-31",
            "patch_delay_days": 30,
            "remote_access": "Bastion de l'établissement, sessions enregistrées",
            "certifications": [{"name": "ISO/IEC 27001", "scope": "Hébergement", "expires_on": "2027-06-30"}]
        });
        let (status, body) = buyer
            .call(Method::POST, &award(&charlie), Some(commitments.clone()))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("non éligible"),
            "{body}"
        );
        // An evaluator's decision on E1 brings it back into the ranking,
        // third with 60.0 after Alpha (100.0) and Bravo (65.0).
        let (status, accepted) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{charlie}/overrides/{}", codes.e1),
                Some(json!({"score": 100, "justification": "Attestation de conformité fournie après la clôture"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{accepted}");
        assert_eq!(accepted["eligible"], true);
        assert_eq!(accepted["rank"], 3);

        // The best bid, at the version read.
        let mut stale = commitments.clone();
        stale["version"] = json!(1);
        let (status, _) = buyer.call(Method::POST, &award(&alpha), Some(stale)).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let mut current = commitments.clone();
        current["version"] = json!(2);
        let (status, awarded) = buyer
            .call(Method::POST, &award(&alpha), Some(current.clone()))
            .await;
        assert_eq!(status, StatusCode::OK, "{awarded}");
        assert_eq!(awarded["bid"], alpha.as_str());
        let view = evaluation(buyer, &team.project).await;
        assert_eq!(bid_in(&view, ALPHA)["status"], "awarded");
        let recorded = &view["commitments"];
        assert_eq!(recorded["bid"], alpha.as_str(), "{view}");
        assert_eq!(recorded["support_end"], "2031-12-31");
        assert_eq!(recorded["patch_delay_days"], 30);
        assert_eq!(
            recorded["remote_access"],
            "Bastion de l'établissement, sessions enregistrées"
        );
        assert_eq!(recorded["certifications"][0]["name"], "ISO/IEC 27001");
        assert_eq!(recorded["certifications"][0]["expires_on"], "2027-06-30");
        // One award per project; the awarded bid is closed.
        let mut again = current.clone();
        again["version"] = json!(2);
        let (status, body) = buyer.call(Method::POST, &award(&bravo), Some(again)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{alpha}/answers"),
                Some(json!({"version": 3, "answers": [{"code": codes.a1, "answer": "Non"}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(score(&bid(buyer, &alpha).await), 100.0);
        // The whole evaluation is kept as it was when the contract was
        // awarded: no losing bid's answers, no override, no rule, no new bid.
        let closed = "Le marché a été attribué";
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{bravo}/answers"),
                Some(json!({"version": bid(buyer, &bravo).await["version"], "answers": [{"code": codes.a1, "answer": "Oui"}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(closed),
            "{body}"
        );
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{bravo}/overrides/{}", codes.a2),
                Some(json!({"score": 100, "justification": "Après coup"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(closed),
            "{body}"
        );
        let (status, body) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/projects/{}/scoring-rules", team.project),
                Some(json!({"partial_fails_eligibility": false, "yes": 100, "partial": 100, "no": 0, "version": view["rules"]["version"]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = buyer
            .call(
                Method::POST,
                &format!("/api/v1/projects/{}/bids", team.project),
                Some(json!({"supplier": "Retardataire"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        // The refused attempts changed nothing. (That the database itself
        // refuses a second award, whatever the path, is procura-store's test.)
        let after = evaluation(buyer, &team.project).await;
        assert_eq!(after["bids"].as_array().unwrap().len(), 3);
        assert_eq!(
            bid_in(&after, BRAVO)["score"],
            bid_in(&view, BRAVO)["score"]
        );
        let (_, audit) = team
            .admin
            .call(Method::GET, "/api/v1/audit?action=bid.award", None)
            .await;
        assert_eq!(audit["entries"].as_array().unwrap().len(), 1, "{audit}");
        assert_eq!(audit["entries"][0]["detail"]["score"], "100.0");
    }
}

#[tokio::test]
async fn a_not_applicable_eligibility_answer_waits_for_a_ruling_before_the_award() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let buyer = &team.buyer;
        let id = id_of(&add_bid(buyer, &team.project, "Delta Santé", "DMP").await);
        let answers: Vec<Value> = codes
            .all()
            .iter()
            .map(|code| {
                if *code == codes.e2 {
                    json!({"code": code, "answer": "Sans objet", "comment": "Aucune donnée de santé traitée"})
                } else {
                    json!({"code": code, "answer": "Oui"})
                }
            })
            .collect();
        let (status, entered) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{id}/answers"),
                Some(json!({"version": 1, "answers": answers})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{entered}");
        assert_eq!(entered["eligible"], true);
        assert_eq!(entered["to_verify"], json!([codes.e2]));
        let award = format!("/api/v1/bids/{id}/award");
        let (status, refused) = buyer
            .call(Method::POST, &award, Some(json!({"version": 2})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Sans objet"),
            "{refused}"
        );
        // The evaluator accepts the exemption, with a reason: now it may go.
        let (status, ruled) = buyer
            .call(
                Method::PUT,
                &format!("/api/v1/bids/{id}/overrides/{}", codes.e2),
                Some(json!({"score": 100, "justification": "Vérifié : le service ne traite aucune donnée de santé"})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{ruled}");
        assert_eq!(ruled["to_verify"], json!([]));
        // The award criteria still wait for their grades.
        let (status, refused) = buyer
            .call(Method::POST, &award, Some(json!({"version": 2})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(
            refused.to_string().contains("notés par un évaluateur"),
            "{refused}"
        );
        for code in [&codes.a1, &codes.a2, &codes.a3] {
            super::grade(buyer, &id, code, 3).await;
        }
        let (status, awarded) = buyer
            .call(Method::POST, &award, Some(json!({"version": 2})))
            .await;
        assert_eq!(status, StatusCode::OK, "{awarded}");
    }
}
