//! The evaluation pages: the requirements × bids grid, its filters, and
//! read-only views for viewers.

use reqwest::StatusCode;

use super::{ALPHA, BRAVO, CHARLIE, bid, score, team, three_bids};
use crate::apps;
use crate::harness::unescape;

/// The requirements × bids grid of an evaluation page: the supplier columns
/// and the requirement codes of its rows.
fn grid(page: &str) -> (Vec<String>, Vec<String>) {
    let start = page.find("grid-table").expect("a grid");
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let head = &table[..table.find("</thead>").unwrap()];
    let columns: Vec<String> = head
        .split("<th scope=\"col\">")
        .skip(3)
        .map(|cell| unescape(&cell[..cell.find("</th>").unwrap()]))
        .collect();
    let rows = table
        .split("<span class=\"code\">")
        .skip(1)
        .map(|cell| cell[..cell.find("</span>").unwrap()].to_owned())
        .collect();
    (columns, rows)
}

#[tokio::test]
async fn the_evaluation_pages_show_the_grid_with_its_filters_and_read_only_to_viewers() {
    for app in apps().await {
        let team = team(&app).await;
        let codes = team.codes.clone();
        let (alpha, _, charlie) = three_bids(&team).await;
        let project = &team.project;
        let buyer = app.sign_in("buyer@chu.example").await;

        let page = buyer.get(&format!("/projects/{project}/bids")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        let (columns, rows) = grid(&body);
        assert_eq!(columns, [ALPHA, BRAVO, CHARLIE]);
        assert_eq!(rows.len(), 6);
        assert!(body.contains(&format!(
            "method=\"post\" action=\"/projects/{project}/bids\""
        )));
        assert!(body.contains("65,0"), "scores in French conventions");

        // Eligible bids only, and only the requirements where they differ:
        // Alpha and Bravo agree on E1 and A1 ("Oui"), differ elsewhere.
        let page = buyer
            .get(&format!(
                "/projects/{project}/bids?eligible=1&differences=1"
            ))
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        let (columns, rows) = grid(&body);
        assert_eq!(columns, [ALPHA, BRAVO]);
        let mut expected = vec![
            codes.e2.clone(),
            codes.a2.clone(),
            codes.a3.clone(),
            codes.c1.clone(),
        ];
        expected.sort();
        let mut rows = rows;
        rows.sort();
        assert_eq!(rows, expected);
        // The ranking still lists the excluded bid, with its reason.
        assert!(body.contains(CHARLIE));
        assert!(body.contains(&format!("{} : Non", codes.e1)));

        let page = buyer.get(&format!("/bids/{alpha}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        assert!(body.contains(ALPHA));
        for code in codes.all() {
            assert!(body.contains(code), "{code}");
        }
        assert!(body.contains(&format!("/bids/{alpha}/import?csrf=")));
        assert!(body.contains("Retenir l'offre"));

        // The project's viewer reads, without the forms.
        let viewer = app.sign_in("viewer@chu.example").await;
        let page = viewer.get(&format!("/projects/{project}/bids")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = unescape(&page.text().await.unwrap());
        assert_eq!(grid(&body).0, [ALPHA, BRAVO, CHARLIE]);
        assert!(!body.contains(&format!(
            "method=\"post\" action=\"/projects/{project}/bids\""
        )));
        assert!(!body.contains("/bids/rules"));
        let page = viewer.get(&format!("/bids/{charlie}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = page.text().await.unwrap();
        assert!(body.contains(" disabled>"));
        assert!(!body.contains("/import?csrf="));
        assert!(!body.contains("/override\""));
        assert!(!body.contains("/award\""));
        // A viewer's form post is refused all the same.
        let csrf = crate::harness::csrf_in(&body).unwrap();
        let refused = viewer
            .post_form(
                &format!("/bids/{charlie}/answers"),
                &[
                    ("csrf", &csrf),
                    ("version", "2"),
                    ("line", &codes.e1),
                    (&format!("answer-{}", codes.e1), "yes"),
                ],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(score(&bid(&team.buyer, &charlie).await), 55.0);

        // A colleague outside the project finds nothing.
        let outsider = app.sign_in("it@chu.example").await;
        for path in [
            format!("/projects/{project}/bids"),
            format!("/bids/{alpha}"),
        ] {
            let page = outsider.get(&path).await;
            assert_eq!(page.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
}

/// A bid without answers is waiting, not failing: the pages say "awaiting
/// answers", and a bid that fails a pass/fail line is named for what it is.
#[tokio::test]
async fn states_say_what_they_are() {
    for app in apps().await {
        let team = team(&app).await;
        let project = &team.project;
        let waiting =
            super::id_of(&super::add_bid(&team.buyer, project, "Delta Santé", "PACS").await);
        let buyer = app.sign_in("buyer@chu.example").await;
        let body = unescape(
            &buyer
                .get(&format!("/projects/{project}/bids"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(body.contains("En attente des réponses"), "{body}");
        assert!(!body.contains("Non éligible"), "{body}");
        let page = unescape(
            &buyer
                .get(&format!("/bids/{waiting}"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(page.contains("En attente des réponses"), "{page}");

        // Once the answers are in, Charlie's failed minimum requirement
        // makes its offer irregular, in those words.
        three_bids(&team).await;
        let body = unescape(
            &buyer
                .get(&format!("/projects/{project}/bids"))
                .await
                .text()
                .await
                .unwrap(),
        );
        assert!(body.contains("Offre irrégulière"), "{body}");
    }
}
