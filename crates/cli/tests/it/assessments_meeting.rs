//! The issue's « Done when » for self-assessments, through the pages: a
//! school team's answers to seed 003's tool are in (the filling pages are
//! `assess-core`'s: until they are merged here, the answers are written
//! through the store, as a submitted form would), the team — on a
//! phone-sized client, no JS: plain links and forms — opens its portrait,
//! turns two items (« À développer », « À améliorer ») into actions of the
//! grouping's plan, and each action shows where it came from; the
//! grouping's portrait counts the school. On SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::repo::accounts;
use maillage_store::repo::audit::Actor;
use reqwest::StatusCode;

use crate::assessments_portrait::{respond, setup};
use crate::harness::{TestApp, location};
use maillage_test_macros::db_test;

#[db_test]
async fn a_school_team_turns_two_items_of_its_portrait_into_plan_actions(app: &TestApp) {
    let ctx = setup(app).await;
    // The team's account: a member of the grouping, of the school.
    let pw = app
        .create_user(
            "equipe@ecole.exemple.ca",
            Role::Member,
            Some("table-de-test"),
        )
        .await;
    let uid = app.user_id("equipe@ecole.exemple.ca").await;
    accounts::set_organization(
        &app.store,
        &Actor::system(),
        uid,
        Some(ctx.school_a.clone()),
    )
    .await
    .unwrap();
    let team = app.client();
    assert_eq!(
        team.login("equipe@ecole.exemple.ca", &pw).await.status(),
        StatusCode::SEE_OTHER
    );
    let levels = [
        Some("a_developper"),
        Some("a_ameliorer"),
        Some("en_place"),
        Some("non_pertinent"),
        Some("en_place"),
        Some("a_ameliorer"),
        Some("en_place"),
    ];
    let response = respond(app, &ctx, &ctx.school_a, "2026-05-12", "submitted", &levels).await;

    // Its portrait: the items by level, each one calling for work with
    // « Créer une action ».
    let portrait = format!("/autoevaluations/{response}/portrait");
    let (status, html) = team.get_text(&portrait).await;
    assert_eq!(status, StatusCode::OK);
    for id in [
        "niveau-en_place",
        "niveau-a_ameliorer",
        "niveau-a_developper",
        "niveau-non_pertinent",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert_eq!(html.matches("Créer une action").count(), 3);
    assert!(html.contains("École Saint-Pierre"));

    // Two items become actions.
    let mut actions = Vec::new();
    for (item, _) in [&ctx.items[0], &ctx.items[1]] {
        let form = format!("/autoevaluations/{response}/enonces/{item}/action");
        assert!(html.contains(&form), "{form}");
        let r = team
            .post_form(&form, &[("strategie", &ctx.strategy.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let back = location(&r);
        assert!(back.starts_with(&portrait), "{back}");
        let (_, html) = team.get_text(&back).await;
        assert!(
            html.contains("L’action est créée dans le plan"),
            "the flash"
        );
        let link = html
            .split(&format!("id=\"enonce-{item}\""))
            .nth(1)
            .and_then(|rest| rest.split("href=\"/actions/").nth(1))
            .and_then(|rest| rest.split('"').next())
            .expect("the item links to its action")
            .to_owned();
        actions.push(link);
    }
    let (_, html) = team.get_text(&portrait).await;
    assert_eq!(html.matches("Créer une action").count(), 1, "one item left");
    assert_eq!(html.matches("Voir l’action du plan").count(), 2);

    // Each action says where it came from and leads back.
    for (action, (_, text)) in actions.iter().zip(&ctx.items) {
        let (status, html) = team.get_text(&format!("/actions/{action}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("id=\"action-origin-assessment\""));
        assert!(html.contains("Vient de l’autoévaluation"));
        assert!(html.contains(&portrait));
        let apostrophes = text.replace('\'', "&#x27;");
        assert!(html.contains(text) || html.contains(&apostrophes), "{text}");
    }

    // The grouping's portrait counts the school.
    let (status, html) = team
        .get_text(&format!(
            "/regroupements/table-de-test/autoevaluations/{}/portrait",
            ctx.tool
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("1 répondant."), "one respondent");
    assert!(html.contains(&portrait));
}
