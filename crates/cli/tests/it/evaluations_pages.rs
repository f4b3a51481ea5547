//! The evaluations' pages end to end: the issue's « a coordinator sees
//! which Mission Tout-Petits recommendations have no action yet » through
//! the pages of the demo; a coordinator writing an evaluation (axes,
//! constats, recommandations), following a recommendation up (a status not
//! kept needs a reason) and linking it to plan actions; a forged link to
//! another grouping's action refused with a French page and nothing
//! written; readers and strangers — on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::demo_evaluations::{GROUPING, TITLE};
use maillage_store::entity::{action, evaluation, recommendation_action};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

/// The uuid that follows the last `marker` before `text` in `html`.
fn id_before(html: &str, text: &str, marker: &str) -> String {
    let at = html
        .find(text)
        .unwrap_or_else(|| panic!("« {text} » on the page: {html}"));
    let from = html[..at]
        .rfind(marker)
        .unwrap_or_else(|| panic!("{marker} before « {text} »"))
        + marker.len();
    html[from..from + 36].to_owned()
}

/// The evaluation the first link to one names.
fn first_evaluation(html: &str) -> String {
    let marker = "href=\"/evaluations/";
    html.match_indices(marker)
        .filter_map(|(at, _)| html.get(at + marker.len()..at + marker.len() + 36))
        .find(|id| uuid::Uuid::parse_str(id).is_ok())
        .expect("a link to an evaluation")
        .to_owned()
}

/// The value of the first `<option>` whose label starts with `label`.
fn option_value(html: &str, label: &str) -> String {
    let needle = format!("\">{label}");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("an option « {label} »"));
    let start = html[..at].rfind("value=\"").expect("its value") + "value=\"".len();
    html[start..at].to_owned()
}

async fn follow(client: &TestClient, r: reqwest::Response) -> (StatusCode, String) {
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a redirect");
    let to = location(&r);
    let to = to.split('#').next().unwrap_or_default().to_owned();
    client.get_text(&to).await
}

/// The texts of the recommendations a page shows, in order.
fn recommendation_texts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("class=\"card eval-recommendation\"") {
        rest = &rest[at..];
        let start = rest.find("<p class=\"eval-text\">").unwrap() + "<p class=\"eval-text\">".len();
        let end = start + rest[start..].find("</p>").unwrap();
        out.push(rest[start..end].to_owned());
        rest = &rest[end..];
    }
    out
}

#[db_test(demo)]
async fn a_coordinator_sees_which_mission_tout_petits_recommendations_have_no_action_yet(
    app: &TestApp,
) {
    let coordinator = member_of(app, "coord@becancour.ca", Role::Coordinator, GROUPING).await;
    // From the grouping's page to its recommendations.
    let (status, html) = coordinator
        .get_text(&format!("/regroupements/{GROUPING}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let href = format!("/regroupements/{GROUPING}/recommandations");
    assert!(html.contains(&format!("id=\"recommendations-link\" href=\"{href}\"")));
    let (status, html) = coordinator.get_text(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(recommendation_texts(&html).len(), 5);
    assert!(html.contains("Sans action (3)"), "{html}");
    let without = format!("{href}?sans-action=1");
    assert!(html.contains(&format!("href=\"{without}\"")));

    // « Sans action »: the three the demo plan does not answer.
    let (status, html) = coordinator.get_text(&without).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("qu’aucune action ne répond encore"), "{html}");
    let texts = recommendation_texts(&html);
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(texts[0], "Prioriser les principes plutôt que l’approche;");
    assert!(texts[1].starts_with("Les apprentissages ressortis des différents volets"));
    assert!(
        texts[2].starts_with("Qu’un regroupement futur porte attention à :\n- L’appropriation")
    );
    assert!(!html.contains("Poursuivre l’ensemble des actions"));
    assert!(html.contains(TITLE));

    // All of them: the answered ones name their action.
    let (_, html) = coordinator.get_text(&href).await;
    assert!(html.contains("Codéveloppement des intervenantes sur l'approche personnalisée"));
    assert!(html.contains("Projet d'accompagnement scolaire"));

    // On the evaluation's page, link « Prioriser… » to an action of the
    // plan, and make a new action of « Qu’un regroupement futur… ».
    let evaluation = first_evaluation(&html);
    let (status, page) = coordinator
        .get_text(&format!("/evaluations/{evaluation}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Lépine, É., Mailloux, D. &#38; Lacharité, C. (2019)"));
    assert!(page.contains("3 recommandations sans action"), "{page}");
    let prioriser = id_before(&page, "Prioriser les principes", "id=\"r-");
    let ateliers = option_value(&page, "Ateliers de la boîte à outils parent-enfant");
    let r = coordinator
        .post_form(
            &format!("/recommandations/{prioriser}/actions"),
            &[("action", &ateliers)],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Action liée à la recommandation."), "{page}");
    assert!(page.contains("2 recommandations sans action"));

    let futur = id_before(&page, "Qu’un regroupement futur", "id=\"r-");
    let strategy = option_value(&page, "Implanter l'approche personnalisée dans les milieux");
    let r = coordinator
        .post_form(
            &format!("/recommandations/{futur}/actions/nouvelle"),
            &[("strategy", &strategy), ("title", "")],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(
        page.contains("Action créée dans le plan et liée à la recommandation."),
        "{page}"
    );
    let made = id_before(
        &page,
        ">Qu’un regroupement futur porte attention à :</a>",
        "href=\"/actions/",
    );
    // The action's page says which recommendation it answers.
    let (status, action_page) = coordinator.get_text(&format!("/actions/{made}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(action_page.contains("Recommandations auxquelles cette action répond"));
    assert!(action_page.contains(&format!("/evaluations/{evaluation}#r-{futur}")));
    assert!(action_page.contains(TITLE));

    // One left without an action.
    let (_, html) = coordinator.get_text(&without).await;
    let texts = recommendation_texts(&html);
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].starts_with("Les apprentissages ressortis"));
    assert!(html.contains("Sans action (1)"));

    // Unlinking puts « Prioriser… » back.
    let r = coordinator
        .post_form(
            &format!("/recommandations/{prioriser}/actions/{ateliers}/retirer"),
            &[],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Lien retiré."));
    let (_, html) = coordinator.get_text(&without).await;
    assert_eq!(recommendation_texts(&html).len(), 2);
}

#[db_test(demo)]
async fn a_forged_link_to_another_groupings_action_is_refused_with_nothing_written(app: &TestApp) {
    let coordinator = member_of(app, "coord@becancour.ca", Role::Coordinator, GROUPING).await;
    let (_, html) = coordinator
        .get_text(&format!("/regroupements/{GROUPING}/recommandations"))
        .await;
    let evaluation = first_evaluation(&html);
    let (_, page) = coordinator
        .get_text(&format!("/evaluations/{evaluation}"))
        .await;
    let rec = id_before(&page, "Prioriser les principes", "id=\"r-");
    let foreign = crate::evaluations_api::first_action_id(app, "commun-enfant-jonquiere").await;
    assert!(!page.contains(&foreign), "the page never offers it");
    let links = || async {
        recommendation_action::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap()
    };
    let actions = || async {
        action::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap()
    };
    let (before_links, before_actions) = (links().await, actions().await);

    let r = coordinator
        .post_form(
            &format!("/recommandations/{rec}/actions"),
            &[("action", &foreign)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Cette action appartient au plan d’un autre regroupement"));
    // A strategy of another grouping's plan: no action made either.
    let other = app
        .plan_id("commun-enfant-jonquiere", "Plan d'action 2018-2019")
        .await;
    let strategy = maillage_store::repo::plans::outline(app.store.conn(), other)
        .await
        .unwrap()
        .orientations[0]
        .strategies[0]
        .model
        .id
        .to_string();
    let r = coordinator
        .post_form(
            &format!("/recommandations/{rec}/actions/nouvelle"),
            &[("strategy", &strategy), ("title", "Hors du regroupement")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Cette stratégie n’appartient pas"));
    // Nothing chosen: told so on the page.
    let r = coordinator
        .post_form(
            &format!("/recommandations/{rec}/actions"),
            &[("action", "")],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Choisissez l’action à lier."));
    assert_eq!(links().await, before_links);
    assert_eq!(actions().await, before_actions);
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn a_coordinator_writes_an_evaluation_and_follows_a_recommendation_up(app: &TestApp) {
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    test_plan(app).await;
    // The form offers the groupings one coordinates.
    let (status, html) = coordinator.get_text("/evaluations/nouvelle").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<option value=\"table-de-test\""));
    // Bad input: the form again, with a French message; nothing written.
    let r = coordinator
        .post_form(
            "/evaluations",
            &[
                ("grouping", "table-de-test"),
                ("title", "Bilan de mi-parcours"),
                ("authors", "Équipe d’évaluation"),
                ("year", "deux mille"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("L’année s’écrit en chiffres"));
    assert!(html.contains("value=\"Bilan de mi-parcours\""));
    let r = coordinator
        .post_form(
            "/evaluations",
            &[
                ("grouping", "commun-enfant-jonquiere"),
                ("title", "Ailleurs"),
                ("authors", "X"),
                ("year", "2020"),
            ],
        )
        .await;
    assert!(
        matches!(
            r.status(),
            StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY
        ),
        "{}",
        r.status()
    );
    assert_eq!(
        evaluation::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );

    let r = coordinator
        .post_form(
            "/evaluations",
            &[
                ("grouping", "table-de-test"),
                ("title", "Bilan de mi-parcours"),
                ("authors", "Équipe d’évaluation"),
                ("year", "2024"),
                (
                    "citation",
                    "Équipe d’évaluation (2024). Bilan de mi-parcours.",
                ),
            ],
        )
        .await;
    let page_path = location(&r).split(['?', '#']).next().unwrap().to_owned();
    let (status, page) = follow(&coordinator, r).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Évaluation créée."));
    assert!(page.contains("Équipe d’évaluation (2024). Bilan de mi-parcours."));

    // An axis, a constat under a heading, a recommandation.
    let r = coordinator
        .post_form(&format!("{page_path}/axes"), &[("title", "  ")])
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Donnez un titre à l’axe"), "{page}");
    let r = coordinator
        .post_form(&format!("{page_path}/axes"), &[("title", "Mobiliser")])
        .await;
    let (_, page) = follow(&coordinator, r).await;
    let axis = id_before(&page, "<h2>Mobiliser</h2>", "id=\"axe-");
    let r = coordinator
        .post_form(
            &format!("{page_path}/axes/{axis}/constats"),
            &[
                ("heading", "Scolaire"),
                ("text", "Les écoles participent.\n- Trois sur quatre;"),
            ],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Les écoles participent.\n- Trois sur quatre;"));
    assert!(page.contains(">Scolaire</span>"));
    let r = coordinator
        .post_form(
            &format!("{page_path}/axes/{axis}/recommandations"),
            &[("text", "Inviter les directions d’école.")],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    let rec = id_before(&page, "Inviter les directions d’école.", "id=\"r-");
    assert!(page.contains("data-status=\"retenue\""));

    // Not kept without a reason: refused, nothing written.
    let r = coordinator
        .post_form(
            &format!("/recommandations/{rec}/statut"),
            &[("status", "non_retenue"), ("reason", " ")],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Une recommandation non retenue demande un motif."));
    assert!(page.contains("data-status=\"retenue\""));
    let r = coordinator
        .post_form(
            &format!("/recommandations/{rec}/statut"),
            &[
                ("status", "non_retenue"),
                ("reason", "Les directions sont déjà à la table."),
            ],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains("Suivi enregistré."));
    assert!(page.contains("data-status=\"non_retenue\""));
    assert!(page.contains("Non retenue"));
    assert!(page.contains("Les directions sont déjà à la table."));

    // Link the action of the test plan: its title shows, then unlink.
    let (_, page) = coordinator.get_text(&page_path).await;
    let action = option_value(&page, "Action des routes");
    let r = coordinator
        .post_form(
            &format!("/recommandations/{rec}/actions"),
            &[("action", &action)],
        )
        .await;
    let (_, page) = follow(&coordinator, r).await;
    assert!(page.contains(&format!("href=\"/actions/{action}\">Action des routes</a>")));

    // A reader sees it all and no form; another grouping's coordinator
    // too, and is refused the changes.
    let reader = app.signed_in("lecteur@exemple.ca", Role::Viewer).await;
    let (status, page) = reader.get_text(&page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Inviter les directions d’école."));
    assert!(page.contains("Action des routes"));
    assert!(!page.contains("/statut\""));
    let stranger = member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await;
    let (status, page) = stranger.get_text(&page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("/statut\""));
    for (path, fields) in [
        (
            format!("/recommandations/{rec}/statut"),
            vec![("status", "realisee")],
        ),
        (
            format!("/recommandations/{rec}/actions"),
            vec![("action", action.as_str())],
        ),
        (
            format!("/recommandations/{rec}/modifier"),
            vec![("text", "Autre")],
        ),
        (format!("{page_path}/axes"), vec![("title", "Autre")]),
        (
            format!("{page_path}/axes/{axis}/constats"),
            vec![("text", "Autre")],
        ),
        (format!("{page_path}/supprimer"), vec![]),
    ] {
        let r = stranger.post_form(&path, &fields).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let (_, page) = coordinator.get_text(&page_path).await;
    assert!(page.contains("data-status=\"non_retenue\""));

    // The list, and anonymous visitors asked to sign in.
    let (status, list) = reader.get_text("/evaluations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Bilan de mi-parcours"));
    assert!(list.contains("1 recommandation"));
    assert!(!list.contains("id=\"new-evaluation\""));
    let anonymous = app.client();
    for path in [
        "/evaluations".to_owned(),
        page_path.clone(),
        "/regroupements/table-de-test/recommandations".to_owned(),
    ] {
        let r = anonymous.get(&path).await;
        assert!(asks_sign_in(&r), "{path}: {}", r.status());
    }

    // Deleting the evaluation leaves the plan's action.
    let r = coordinator
        .post_form(&format!("{page_path}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        evaluation::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        recommendation_action::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );
    let (status, _) = coordinator.get_text(&format!("/actions/{action}")).await;
    assert_eq!(status, StatusCode::OK);
}

/// A published plan of `table-de-test` with one action, « Action des
/// routes ».
async fn test_plan(app: &TestApp) {
    use maillage_store::repo::plans;
    let actor = maillage_store::repo::audit::Actor::system();
    let plan = plans::create_plan(
        &app.store,
        &actor,
        app.grouping("table-de-test").await,
        &plans::PlanInput {
            title: "Plan de la table".to_owned(),
            description: None,
            start_year: 2024,
            end_year: 2026,
            status: "published".to_owned(),
            weighting: "equal".to_owned(),
        },
    )
    .await
    .unwrap();
    let orientation = plans::create_orientation(app.store.conn(), plan.id, "Orientation", None)
        .await
        .unwrap();
    let strategy = plans::create_strategy(app.store.conn(), &orientation, "Stratégie")
        .await
        .unwrap();
    plans::create_action(
        &app.store,
        &actor,
        strategy.id,
        None,
        &plans::ActionInput {
            title: "Action des routes".to_owned(),
            status: "en_cours".to_owned(),
            weight: 1.0,
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

/// An evaluation of `table-de-test` for the route table: one axis with a
/// constat and a recommandation linked to the plan fixture's `{action}`.
pub async fn route_fixture(
    app: &TestApp,
    ids: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    use maillage_domain::evaluations::ValidEvaluation;
    use maillage_store::repo::audit::Actor;
    use maillage_store::repo::evaluations as repo;
    let actor = Actor::system();
    let action = ids
        .iter()
        .find(|(k, _)| *k == "action")
        .map(|(_, v)| uuid::Uuid::parse_str(v).unwrap())
        .expect("the plan fixture comes first");
    let evaluation = repo::create_evaluation(
        &app.store,
        &actor,
        app.grouping("table-de-test").await,
        &ValidEvaluation {
            title: "Évaluation des routes".to_owned(),
            authors: "Équipe des routes".to_owned(),
            year: 2024,
            citation: Some("Équipe des routes (2024).".to_owned()),
        },
    )
    .await
    .unwrap();
    let axis = repo::add_axis(&app.store, &actor, evaluation, "Axe des routes")
        .await
        .unwrap();
    let finding = repo::add_finding(&app.store, &actor, axis, Some("Scolaire"), "Constat")
        .await
        .unwrap();
    let recommendation = repo::add_recommendation(&app.store, &actor, axis, "Recommandation")
        .await
        .unwrap();
    repo::link_action(&app.store, &actor, recommendation, action)
        .await
        .unwrap();
    vec![
        ("evaluation", evaluation.to_string()),
        ("eval_axis", axis.to_string()),
        ("eval_finding", finding.to_string()),
        ("recommendation", recommendation.to_string()),
    ]
}
