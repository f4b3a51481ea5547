//! Action plans end to end: who reads a draft, the outline and its roll-up
//! in the API, and a coordinator building a plan whose numbers roll up —
//! on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::repo::groupings;
use maillage_store::repo::plans;
use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{TestApp, TestClient, asks_sign_in, location, member_of};
use maillage_test_macros::db_test;

async fn api(client: &TestClient, path: &str) -> (StatusCode, Value) {
    let r = client.get(path).await;
    let status = r.status();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    (status, body)
}

#[db_test(demo)]
async fn drafts_stay_inside_their_grouping(app: &TestApp) {
    let draft = app
        .plan_id(
            "groupement-partenaires-0-5-becancour",
            "Plan d'action 2017-2019 (brouillon)",
        )
        .await;
    let published = app
        .plan_id("mobilisation-famille-slsj", "Plan d'action 2014-2017")
        .await;

    let outsider = member_of(
        app,
        "lecteur@exemple.ca",
        Role::Viewer,
        "commun-enfant-jonquiere",
    )
    .await;
    let (status, html) = outsider.get_text(&format!("/plans/{published}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Plan d'action 2014-2017"));
    assert!(!html.contains("id=\"edit-plan\""), "a viewer does not edit");
    let (status, _) = outsider.get_text(&format!("/plans/{draft}")).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a draft is invisible outside"
    );
    let (status, _) = api(&outsider, &format!("/api/v1/plans/{draft}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = api(
        &outsider,
        "/api/v1/actions?grouping=groupement-partenaires-0-5-becancour",
    )
    .await;
    assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
    let (_, html) = outsider
        .get_text("/regroupements/groupement-partenaires-0-5-becancour")
        .await;
    assert!(
        !html.contains("(brouillon)"),
        "the draft is not listed outside"
    );

    let insider = member_of(
        app,
        "membre-becancour@exemple.ca",
        Role::Member,
        "groupement-partenaires-0-5-becancour",
    )
    .await;
    let (status, _) = insider.get_text(&format!("/plans/{draft}")).await;
    assert_eq!(status, StatusCode::OK);

    let anonymous = app.client();
    // A published plan is public; a draft asks to sign in.
    let (status, _) = anonymous.get_text(&format!("/plans/{published}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api(&anonymous, &format!("/api/v1/plans/{published}")).await;
    assert_eq!(status, StatusCode::OK);
    let r = anonymous.get(&format!("/plans/{draft}")).await;
    assert!(asks_sign_in(&r));
    let (status, body) = api(&anonymous, &format!("/api/v1/plans/{draft}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[db_test(demo)]
async fn the_api_nests_the_outline_with_its_progress(app: &TestApp) {
    let viewer = member_of(
        app,
        "api@exemple.ca",
        Role::Viewer,
        "mobilisation-famille-slsj",
    )
    .await;
    let published = app
        .plan_id("mobilisation-famille-slsj", "Plan d'action 2014-2017")
        .await;
    let (status, plan) = api(&viewer, &format!("/api/v1/plans/{published}")).await;
    assert_eq!(status, StatusCode::OK);
    let orientations = plan["orientations"].as_array().unwrap();
    assert_eq!(orientations.len(), 6);
    assert_eq!(orientations[0]["year_label"], "2014-2015");
    let progress = plan["progress"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&progress));
    assert!(plan["abandoned"].as_u64().unwrap() >= 1);
    assert!(plan["missing_measurements"].as_u64().unwrap() >= 1);
    let (status, groupings) = api(&viewer, "/api/v1/groupings").await;
    assert_eq!(status, StatusCode::OK);
    let slsj = groupings
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["slug"] == "mobilisation-famille-slsj")
        .unwrap();
    assert_eq!(slsj["pathways"].as_array().unwrap().len(), 4);
    let (status, actions) = api(
        &viewer,
        "/api/v1/actions?grouping=mobilisation-famille-slsj&status=realisee",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!actions.as_array().unwrap().is_empty());
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["status"] == "realisee")
    );
    let (status, body) = api(&viewer, "/api/v1/actions?status=fini").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "bad_request");
}

/// The grouping every plan of these tests belongs to.
const GROUPING: &str = "/regroupements/table-de-test";

/// A published plan built by a coordinator: one pathway, one orientation,
/// one strategy and three actions (done, abandoned, « Trousse » to come).
struct BuiltPlan {
    coordinator: TestClient,
    path: String,
    id: uuid::Uuid,
    strategy: uuid::Uuid,
    /// The first action, « Réaliser le répertoire » (done).
    done: uuid::Uuid,
    /// The third action, « Trousse » (to come).
    trousse: uuid::Uuid,
}

async fn built_plan(app: &TestApp) -> BuiltPlan {
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let r = coordinator
        .post_form(
            &format!("{GROUPING}/plans/nouveau"),
            &[
                ("title", "Plan 2014-2017"),
                ("start_year", "2014"),
                ("end_year", "2017"),
                ("status", "published"),
                ("weighting", "equal"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let path = location(&r).split('?').next().unwrap().to_owned();
    let id: uuid::Uuid = path.trim_start_matches("/plans/").parse().unwrap();

    // Pathway, orientation, strategy, three actions.
    let r = coordinator
        .post_form(
            &format!("{GROUPING}/voies"),
            &[("name", "Valorisation de l'éducation")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    coordinator
        .post_form(
            &format!("{path}/orientations"),
            &[("title", "Mobiliser"), ("year_label", "2014-2015")],
        )
        .await;
    let outline = plans::outline(app.store.conn(), id).await.unwrap();
    let orientation = outline.orientations[0].model.id;
    coordinator
        .post_form(
            &format!("/orientations/{orientation}/strategies"),
            &[("title", "Engager les partenaires")],
        )
        .await;
    let outline = plans::outline(app.store.conn(), id).await.unwrap();
    let strategy = outline.orientations[0].strategies[0].model.id;
    for (title, status) in [
        ("Réaliser le répertoire", "realisee"),
        ("Projet abandonné", "abandonnee"),
        ("Trousse", "a_venir"),
    ] {
        let r = coordinator
            .post_form(
                &format!("/strategies/{strategy}/actions/nouvelle"),
                &[("title", title), ("status", status)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title}");
    }
    let outline = plans::outline(app.store.conn(), id).await.unwrap();
    let actions = &outline.orientations[0].strategies[0].actions;
    BuiltPlan {
        done: actions[0].model.id,
        trousse: actions[2].model.id,
        coordinator,
        path,
        id,
        strategy,
    }
}

/// The valid indicator of « Trousse »: 0 activities in 2015, 20 by mid-2017.
async fn add_indicator(plan: &BuiltPlan, app: &TestApp) -> uuid::Uuid {
    let trousse = plan.trousse;
    plan.coordinator
        .post_form(
            &format!("/actions/{trousse}/indicateurs"),
            &[
                ("name", "Activités"),
                ("unit", "activités"),
                ("baseline_value", "0"),
                ("baseline_on", "2015-01-01"),
                ("target_value", "20"),
                ("target_on", "2017-06-30"),
            ],
        )
        .await;
    let outline = plans::outline(app.store.conn(), plan.id).await.unwrap();
    outline.find_action(trousse).unwrap().indicators[0].model.id
}

/// Posts a measurement of `indicator` dated 2016-01-01; the redirect target.
async fn measure(plan: &BuiltPlan, indicator: uuid::Uuid, value: &str) -> String {
    let r = plan
        .coordinator
        .post_form(
            &format!("/indicateurs/{indicator}/mesures"),
            &[("value", value), ("measured_on", "2016-01-01")],
        )
        .await;
    location(&r)
}

/// The fields of an action led by an organization outside the grouping.
const OUTSIDE_LEAD: [(&str, &str); 3] = [
    ("title", "Avec un porteur externe"),
    ("status", "a_venir"),
    ("other_leads", "Caisse populaire de Jonquiere"),
];

/// An organization outside the test grouping, the lead named by [`OUTSIDE_LEAD`].
async fn create_outside_organization(app: &TestApp) {
    maillage_store::repo::organizations::create_organization(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Caisse populaire de Jonquière".to_owned(),
            description: "Institution financière.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

/// Adds the action led from outside the grouping, confirmed.
async fn add_action_led_from_outside(plan: &BuiltPlan) {
    let mut confirmed = OUTSIDE_LEAD.to_vec();
    confirmed.push(("confirm_non_member", "1"));
    let r = plan
        .coordinator
        .post_form(
            &format!("/strategies/{}/actions/nouvelle", plan.strategy),
            &confirmed,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[db_test]
async fn a_plan_period_that_ends_before_it_starts_is_refused(app: &TestApp) {
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    // A period that ends before it starts is refused with a French message.
    let r = coordinator
        .post_form(
            &format!("{GROUPING}/plans/nouveau"),
            &[
                ("title", "Plan"),
                ("start_year", "2017"),
                ("end_year", "2014"),
                ("status", "published"),
                ("weighting", "equal"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = crate::harness::body(r).await;
    assert!(
        html.contains("La période se termine avant de commencer"),
        "{html}"
    );
}

#[db_test]
async fn actions_with_an_end_before_their_start_are_refused_and_actions_move_up(app: &TestApp) {
    let plan = built_plan(app).await;
    let (coordinator, s, trousse) = (&plan.coordinator, plan.strategy, plan.trousse);
    // An end before the start is refused, nothing written.
    let r = coordinator
        .post_form(
            &format!("/strategies/{s}/actions/nouvelle"),
            &[
                ("title", "Mauvaise"),
                ("status", "en_cours"),
                ("start_on", "2016-05-01"),
                ("end_on", "2015-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let outline = plans::outline(app.store.conn(), plan.id).await.unwrap();
    let actions = &outline.orientations[0].strategies[0].actions;
    assert_eq!(actions.len(), 3);
    assert_eq!(actions[2].model.id, trousse);

    // Reorder without JavaScript: the third moves up.
    let r = coordinator
        .post_form(&format!("/actions/{trousse}/monter"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let outline = plans::outline(app.store.conn(), plan.id).await.unwrap();
    assert_eq!(
        outline.orientations[0].strategies[0].actions[1].model.id,
        trousse
    );
}

#[db_test]
async fn indicators_and_measurements_are_checked_and_the_progress_rolls_up(app: &TestApp) {
    let plan = built_plan(app).await;
    let (coordinator, trousse) = (&plan.coordinator, plan.trousse);
    // An indicator with a target before its baseline is refused.
    let r = coordinator
        .post_form(
            &format!("/actions/{trousse}/indicateurs"),
            &[
                ("name", "Activités"),
                ("unit", "activités"),
                ("baseline_value", "0"),
                ("baseline_on", "2016-01-01"),
                ("target_value", "22"),
                ("target_on", "2015-01-01"),
            ],
        )
        .await;
    assert!(
        location(&r).contains("erreur=flash-error-indicator-target-before-baseline"),
        "{}",
        location(&r)
    );
    let indicator = add_indicator(&plan, app).await;
    // A measurement in another unit, or not a number, is refused.
    let to = measure(&plan, indicator, "5 parents").await;
    assert!(to.contains("erreur=flash-error-measurement-unit"));
    let to = measure(&plan, indicator, "beaucoup").await;
    assert!(to.contains("erreur=flash-error-measurement-number"));
    let to = measure(&plan, indicator, "5 activités").await;
    assert!(to.contains("ok=flash-measurement-saved"));
    let (status, html) = coordinator
        .get_text(&format!("/indicateurs/{indicator}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg"));

    // Roll-up: done = 1, trousse = 5/20 = 0.25, abandoned left out → 0.625.
    let (status, json) = api(coordinator, &format!("/api/v1/plans/{}", plan.id)).await;
    assert_eq!(status, StatusCode::OK);
    let p = json["progress"].as_f64().unwrap();
    assert!((p - 0.625).abs() < 1e-9, "{json}");
    assert_eq!(json["abandoned"], 1);
    let (_, html) = coordinator.get_text(&plan.path).await;
    assert!(
        html.contains("63 %"),
        "the plan page shows the rounded progress"
    );
}

/// An organization of the test grouping and a member signed in for it:
/// (the member's client, the organization's id).
async fn member_of_an_organization(app: &TestApp) -> (TestClient, String) {
    let org = maillage_store::repo::organizations::create_organization(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Maison de la famille du Fjord".to_owned(),
            description: "Organisme communautaire Famille.".to_owned(),
            sector: "communautaire".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let gid = app.grouping("table-de-test").await;
    groupings::add_member(app.store.conn(), gid, &org)
        .await
        .unwrap();
    let member_pw = app
        .create_user("membre@exemple.ca", Role::Member, Some("table-de-test"))
        .await;
    let member_id = app.user_id("membre@exemple.ca").await;
    maillage_store::repo::accounts::set_organization(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        member_id,
        Some(org.clone()),
    )
    .await
    .unwrap();
    let member = app.client();
    member.login("membre@exemple.ca", &member_pw).await;
    (member, org)
}

#[db_test]
async fn a_member_edits_only_the_actions_their_organization_leads(app: &TestApp) {
    let plan = built_plan(app).await;
    let (coordinator, s, trousse) = (&plan.coordinator, plan.strategy, plan.trousse);
    // A member edits the actions their organization leads, not the others.
    let (member, org) = member_of_an_organization(app).await;
    let r = coordinator
        .post_form(
            &format!("/actions/{trousse}/modifier"),
            &[
                ("title", "Trousse"),
                ("status", "en_cours"),
                ("leads", &org),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        crate::harness::body(r).await
    );
    let other = plan.done;
    let r = member.get(&format!("/actions/{other}/modifier")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, _) = member
        .get_text(&format!("/actions/{trousse}/modifier"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let r = member
        .post_form(
            &format!("/actions/{trousse}/modifier"),
            &[
                ("title", "Trousse « Je le soutiens, il persévère »"),
                ("status", "en_cours"),
                ("leads", &org),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A stale form is refused and shows the saved values.
    let r = member
        .post_form(
            &format!("/actions/{trousse}/modifier"),
            &[
                ("title", "Écrasement"),
                ("status", "en_cours"),
                ("leads", &org),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let saved = plans::action(app.store.conn(), trousse)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.title, "Trousse « Je le soutiens, il persévère »");
    // Members do not create actions.
    let r = member
        .post_form(
            &format!("/strategies/{s}/actions/nouvelle"),
            &[("title", "X"), ("status", "a_venir")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[db_test]
async fn a_lead_outside_the_grouping_needs_a_confirmation(app: &TestApp) {
    let plan = built_plan(app).await;
    create_outside_organization(app).await;
    let r = plan
        .coordinator
        .post_form(
            &format!("/strategies/{}/actions/nouvelle", plan.strategy),
            &OUTSIDE_LEAD,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        crate::harness::body(r)
            .await
            .contains("n’est pas membre du regroupement")
    );
    add_action_led_from_outside(&plan).await;
}

#[db_test]
async fn a_grouping_cannot_become_its_own_ancestor(app: &TestApp) {
    let gid = app.grouping("table-de-test").await;
    let parent = app.grouping("instance-de-test").await;
    let admin = app.signed_in("admin-plans@exemple.ca", Role::Admin).await;
    let (_, form) = admin
        .get_text("/regroupements/instance-de-test/modifier")
        .await;
    let version = form
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let r = admin
        .post_form(
            "/regroupements/table-de-test/modifier",
            &[
                ("name", "Table de test"),
                ("kind", "table"),
                ("parent", &parent.to_string()),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = admin
        .post_form(
            "/regroupements/instance-de-test/modifier",
            &[
                ("name", "Instance"),
                ("kind", "regional_instance"),
                ("parent", &gid.to_string()),
                ("version", &version),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        crate::harness::body(r)
            .await
            .contains("ne peut pas être son propre parent")
    );
}

#[db_test]
async fn a_copy_into_a_new_period_is_a_draft_with_the_outline_and_no_measurement(app: &TestApp) {
    let plan = built_plan(app).await;
    let indicator = add_indicator(&plan, app).await;
    let to = measure(&plan, indicator, "5 activités").await;
    assert!(to.contains("ok=flash-measurement-saved"));
    create_outside_organization(app).await;
    add_action_led_from_outside(&plan).await;
    // Copy into a new period: a draft with the same outline, no measurement.
    let r = plan
        .coordinator
        .post_form(
            &format!("{}/copier", plan.path),
            &[
                ("title", "Plan 2018-2021"),
                ("start_year", "2018"),
                ("end_year", "2021"),
                ("status", "draft"),
                ("weighting", "equal"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let copy: uuid::Uuid = location(&r)
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/plans/")
        .parse()
        .unwrap();
    let copied = plans::outline(app.store.conn(), copy).await.unwrap();
    assert_eq!(copied.actions().len(), 4);
    assert!(
        copied
            .actions()
            .iter()
            .all(|a| a.indicators.iter().all(|i| i.measurements.is_empty()))
    );
    assert_eq!(copied.plan.status.as_str(), "draft");
}
