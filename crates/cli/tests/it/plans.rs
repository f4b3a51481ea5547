//! Groupings and action plans end to end: pages, forms, permissions, the
//! roll-up in the API, the portrait, and plan import/export on the command
//! line — on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::repo::groupings;
use maillage_store::repo::plans;
use reqwest::StatusCode;
use serde_json::Value;

use crate::cli::{for_each_database, json, maillage, run, with_url};
use crate::harness::{TestApp, TestClient, location, member_of};
use crate::on_both_databases;

async fn api(client: &TestClient, path: &str) -> (StatusCode, Value) {
    let r = client.get(path).await;
    let status = r.status();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    (status, body)
}

crate::on_both_databases!(demo: on_the_demo);

async fn on_the_demo(app: &TestApp) {
    grouping_pages_show_members_by_sector_and_history(app).await;
    drafts_stay_inside_their_grouping(app).await;
    the_regional_portrait_shows_its_gaps(app).await;
    the_api_nests_the_outline_with_its_progress(app).await;
}

async fn grouping_pages_show_members_by_sector_and_history(app: &TestApp) {
    let visitor = app.client();
    let (status, html) = visitor.get_text("/regroupements").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Mobilisation famille Saguenay–Lac-Saint-Jean"),
        "{html}"
    );
    assert!(html.contains("Regroupement local"));

    let (status, html) = visitor
        .get_text("/regroupements/groupement-partenaires-0-5-becancour")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Composition par secteur"));
    assert!(html.contains("<svg"), "the composition chart is inline SVG");
    assert!(html.contains("Services de garde éducatifs"));
    assert!(html.contains("Commission scolaire de la Riveraine"));
    // A member that left is in the history, not among today's members.
    assert!(html.contains("Anciens membres"));
    let (_, on_2016) = visitor
        .get_text("/regroupements/groupement-partenaires-0-5-becancour?date=2016-01-01#membres")
        .await;
    let members_2016 = on_2016
        .split("id=\"members-table\"")
        .nth(1)
        .unwrap_or_default();
    let members_2016 = members_2016.split("</table>").next().unwrap_or_default();
    assert!(
        members_2016.contains("Université du Québec à Trois-Rivières"),
        "{members_2016}"
    );
    let today = html
        .split("id=\"members-table\"")
        .nth(1)
        .unwrap_or_default();
    let today = today.split("</table>").next().unwrap_or_default();
    assert!(!today.contains("Université du Québec à Trois-Rivières"));

    let (status, _) = visitor
        .get_text("/regroupements/groupement-partenaires-0-5-becancour?date=hier")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = visitor.get_text("/regroupements/inconnu").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

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
    let r = anonymous.get(&format!("/plans/{published}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/connexion"));
    let (status, body) = api(&anonymous, &format!("/api/v1/plans/{published}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
}

async fn the_regional_portrait_shows_its_gaps(app: &TestApp) {
    let viewer = member_of(
        app,
        "portrait@exemple.ca",
        Role::Viewer,
        "mobilisation-famille-slsj",
    )
    .await;
    let (status, html) = viewer
        .get_text("/regroupements/mobilisation-famille-slsj/portrait")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"coverage-matrix\""));
    assert!(
        html.contains("aucune action sur cette voie"),
        "an uncovered pathway is flagged"
    );
    assert!(html.contains("La connaissance des moyens pour soutenir les jeunes"));
    assert!(html.contains("class=\"num gap\""), "empty cells are marked");
    assert!(
        html.contains("Par regroupement"),
        "the regional view lists local groupings"
    );
    assert!(html.contains("Commun'Enfant Jonquière 0-8 ans"));
    // Filters narrow the count; a status no action has empties it.
    let (status, filtered) = viewer
        .get_text("/regroupements/mobilisation-famille-slsj/portrait?annee=2001")
        .await;
    assert_eq!(status, StatusCode::OK);
    let count = |h: &str| {
        h.split("id=\"portrait-numbers\"")
            .nth(1)
            .and_then(|s| s.split("<h2>").nth(1))
            .and_then(|s| s.split("</h2>").next())
            .map(str::to_owned)
    };
    assert_eq!(count(&filtered).as_deref(), Some("0"));
    assert_ne!(count(&html).as_deref(), Some("0"));
}

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

on_both_databases!(a_coordinator_builds_a_plan_and_the_numbers_roll_up);

#[expect(
    clippy::many_single_char_names,
    reason = "short names for the plan's parts keep the steps readable"
)]
async fn a_coordinator_builds_a_plan_and_the_numbers_roll_up(app: &TestApp) {
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let g = "/regroupements/table-de-test";
    // A period that ends before it starts is refused with a French message.
    let r = coordinator
        .post_form(
            &format!("{g}/plans/nouveau"),
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

    let r = coordinator
        .post_form(
            &format!("{g}/plans/nouveau"),
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
    let plan_path = location(&r).split('?').next().unwrap().to_owned();
    let plan: uuid::Uuid = plan_path.trim_start_matches("/plans/").parse().unwrap();

    // Pathway, orientation, strategy, two actions.
    let r = coordinator
        .post_form(
            &format!("{g}/voies"),
            &[("name", "Valorisation de l'éducation")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    coordinator
        .post_form(
            &format!("{plan_path}/orientations"),
            &[("title", "Mobiliser"), ("year_label", "2014-2015")],
        )
        .await;
    let outline = plans::outline(app.store.conn(), plan).await.unwrap();
    let o = outline.orientations[0].model.id;
    coordinator
        .post_form(
            &format!("/orientations/{o}/strategies"),
            &[("title", "Engager les partenaires")],
        )
        .await;
    let outline = plans::outline(app.store.conn(), plan).await.unwrap();
    let s = outline.orientations[0].strategies[0].model.id;
    for (title, status) in [
        ("Réaliser le répertoire", "realisee"),
        ("Projet abandonné", "abandonnee"),
        ("Trousse", "a_venir"),
    ] {
        let r = coordinator
            .post_form(
                &format!("/strategies/{s}/actions/nouvelle"),
                &[("title", title), ("status", status)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{title}");
    }
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
    let outline = plans::outline(app.store.conn(), plan).await.unwrap();
    let actions = &outline.orientations[0].strategies[0].actions;
    assert_eq!(actions.len(), 3);
    let trousse = actions[2].model.id;

    // Reorder without JavaScript: the third moves up.
    let r = coordinator
        .post_form(&format!("/actions/{trousse}/monter"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let outline = plans::outline(app.store.conn(), plan).await.unwrap();
    assert_eq!(
        outline.orientations[0].strategies[0].actions[1].model.id,
        trousse
    );

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
    coordinator
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
    let outline = plans::outline(app.store.conn(), plan).await.unwrap();
    let indicator = outline.find_action(trousse).unwrap().indicators[0].model.id;
    // A measurement in another unit, or not a number, is refused.
    let r = coordinator
        .post_form(
            &format!("/indicateurs/{indicator}/mesures"),
            &[("value", "5 parents"), ("measured_on", "2016-01-01")],
        )
        .await;
    assert!(location(&r).contains("erreur=flash-error-measurement-unit"));
    let r = coordinator
        .post_form(
            &format!("/indicateurs/{indicator}/mesures"),
            &[("value", "beaucoup"), ("measured_on", "2016-01-01")],
        )
        .await;
    assert!(location(&r).contains("erreur=flash-error-measurement-number"));
    let r = coordinator
        .post_form(
            &format!("/indicateurs/{indicator}/mesures"),
            &[("value", "5 activités"), ("measured_on", "2016-01-01")],
        )
        .await;
    assert!(location(&r).contains("ok=flash-measurement-saved"));
    let (status, html) = coordinator
        .get_text(&format!("/indicateurs/{indicator}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg"));

    // Roll-up: done = 1, trousse = 5/20 = 0.25, abandoned left out → 0.625.
    let (status, json) = api(&coordinator, &format!("/api/v1/plans/{plan}")).await;
    assert_eq!(status, StatusCode::OK);
    let p = json["progress"].as_f64().unwrap();
    assert!((p - 0.625).abs() < 1e-9, "{json}");
    assert_eq!(json["abandoned"], 1);
    let (_, html) = coordinator.get_text(&plan_path).await;
    assert!(
        html.contains("63 %"),
        "the plan page shows the rounded progress"
    );

    // A member edits the actions their organization leads, not the others.
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
    let other = actions[0].model.id;
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

    // A lead outside the grouping needs a confirmation.
    let outside = maillage_store::repo::organizations::create_organization(
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
    let _ = outside;
    let fields = [
        ("title", "Avec un porteur externe"),
        ("status", "a_venir"),
        ("other_leads", "Caisse populaire de Jonquiere"),
    ];
    let r = coordinator
        .post_form(&format!("/strategies/{s}/actions/nouvelle"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        crate::harness::body(r)
            .await
            .contains("n'est pas membre du regroupement")
    );
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm_non_member", "1"));
    let r = coordinator
        .post_form(&format!("/strategies/{s}/actions/nouvelle"), &confirmed)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // A grouping cannot become its own ancestor.
    let parent = app.grouping("instance-de-test").await;
    let child = app.grouping("table-de-test").await;
    let _ = child;
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

    // Copy into a new period: a draft with the same outline, no measurement.
    let r = coordinator
        .post_form(
            &format!("{plan_path}/copier"),
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
    assert_eq!(copied.plan.status, "draft");
}

const PLAN_CSV: &str = "Orientation;Année;Stratégie;Action;Porteurs;Partenaires;Voies d'action;Début;Fin;Statut;Budget\n\
Mobiliser;2014-2015;Engagement de partenaires;Tenir une activité de concertation annuelle;CRÉPAS;CIUSSS SLSJ;La valorisation de l'éducation dans les familles du SLSJ;2014-09-01;2015-06-30;réalisée;12 500\n\
Mobiliser;2014-2015;Engagement de partenaires;Bulletin électronique;Conseil regional des familles;UQAC;;2014-10-01;;en cours;\n";

#[tokio::test]
async fn plans_import_all_or_nothing_and_export_round_trips() {
    for_each_database(|dir, url| {
        let (code, _, err) = run(with_url(maillage(dir), url).args(["demo", "--json"]));
        assert_eq!(code, 0, "{err}");
        let file = dir.parent().unwrap().join("plan.csv");
        std::fs::write(&file, PLAN_CSV).unwrap();
        let base = |extra: &[&str]| {
            let mut c = with_url(maillage(dir), url);
            c.args(["import", "plan"]).arg(&file).args([
                "--grouping",
                "mobilisation-famille-slsj",
                "--title",
                "Plan importé",
                "--period",
                "2014-2017",
                "--json",
            ]);
            c.args(extra);
            c
        };
        let (code, out, err) = run(&mut base(&["--dry-run"]));
        assert_eq!(code, 0, "{err}");
        assert_eq!(json(&out)["plan_id"], Value::Null);
        let (code, out, err) = run(&mut base(&[]));
        assert_eq!(code, 0, "{err}");
        let id = json(&out)["plan_id"].as_str().unwrap().to_owned();

        // Export, then import the export: the same rows.
        let exported = dir.parent().unwrap().join("export.xlsx");
        let (code, _, err) = run(with_url(maillage(dir), url)
            .args(["export", "plan", &id, "--out"])
            .arg(&exported));
        assert_eq!(code, 0, "{err}");
        let (code, out, err) = run(with_url(maillage(dir), url)
            .args(["import", "plan"])
            .arg(&exported)
            .args([
                "--grouping",
                "mobilisation-famille-slsj",
                "--title",
                "Réimport",
                "--period",
                "2014-2017",
                "--json",
                "--dry-run",
            ]));
        assert_eq!(code, 0, "{err}");
        assert_eq!(json(&out)["actions"], 2);

        // Unknown organization and status: exit 1, every problem named, nothing written.
        let bad = PLAN_CSV
            .replace("UQAC", "Organisme qui n'existe pas")
            .replace("en cours", "peut-être");
        std::fs::write(&file, bad).unwrap();
        let (code, out, _) = run(&mut base(&[]));
        assert_eq!(code, 1);
        let report = json(&out);
        let problems = report["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 2, "{report}");
        assert!(problems.iter().any(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .contains("organisation inconnue")
        }));
        assert!(problems.iter().all(|p| p["row"] == 3));

        // A missing required column: exit 2.
        std::fs::write(&file, "Stratégie;Action\nA;B\n").unwrap();
        let (code, _, err) = run(&mut base(&[]));
        assert_eq!(code, 2);
        assert!(err.contains("orientation"), "{err}");
        // A period that ends before it starts: exit 2.
        std::fs::write(&file, PLAN_CSV).unwrap();
        let (code, _, err) = run(with_url(maillage(dir), url)
            .args(["import", "plan"])
            .arg(&file)
            .args([
                "--grouping",
                "mobilisation-famille-slsj",
                "--title",
                "X",
                "--period",
                "2017-2014",
            ]));
        assert_eq!(code, 2, "{err}");

        // Only the first import was written.
        let (code, out, _) = run(with_url(maillage(dir), url)
            .args(["export", "plan", &id, "--out"])
            .arg(dir.parent().unwrap().join("again.csv"))
            .arg("--json"));
        assert_eq!(code, 0);
        assert_eq!(json(&out)["actions"], 2);
    })
    .await;
}

// ---------- plan import: statements and concurrent writers ----------

const IMPORT_ORGS: [&str; 3] = [
    "Maison de la famille du Fjord",
    "Centre de pédiatrie sociale de Chicoutimi",
    "Carrefour jeunesse-emploi Saguenay",
];
const IMPORT_PATHWAYS: [&str; 2] = ["Petite enfance", "Persévérance scolaire"];

/// The grouping `table-de-test` with the organizations and pathways a
/// generated plan names.
async fn import_setup(app: &TestApp) -> uuid::Uuid {
    let g = app.grouping("table-de-test").await;
    for name in IMPORT_ORGS {
        maillage_store::repo::organizations::create_organization(
            &app.store,
            &maillage_store::repo::audit::Actor::system(),
            &maillage_domain::directory::OrganizationInput {
                name: name.to_owned(),
                description: "Organisme du territoire.".to_owned(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    for name in IMPORT_PATHWAYS {
        groupings::create_pathway(app.store.conn(), g, name, None)
            .await
            .unwrap();
    }
    g
}

/// `rows` actions in one orientation and one strategy (siblings are what
/// the import used to count again for every row), every fourth a sub-task
/// of the row above it, with leads, partners and pathways.
fn generated_plan(rows: usize) -> maillage_interop::plan_file::PlanFile {
    use std::fmt::Write as _;
    let mut csv =
        "Orientation;Stratégie;Action;Sous-action de;Porteurs;Partenaires;Voies d'action;Statut\n"
            .to_owned();
    for i in 0..rows {
        let parent = if i % 4 == 3 {
            format!("Action {}", i - 1)
        } else {
            String::new()
        };
        writeln!(
            csv,
            "Agir tôt;Soutenir les familles;Action {i};{parent};{};\"{}; {}\";{};{}",
            IMPORT_ORGS[i % 3],
            IMPORT_ORGS[(i + 1) % 3],
            IMPORT_ORGS[i % 3],
            IMPORT_PATHWAYS[i % 2],
            if i % 2 == 0 { "en cours" } else { "à venir" },
        )
        .unwrap();
    }
    let grid = maillage_interop::grid::read_grid_bytes("plan.csv", csv.as_bytes(), None).unwrap();
    maillage_interop::plan_file::read_plan(&grid).unwrap()
}

fn import_input(title: &str) -> plans::PlanInput {
    plans::PlanInput {
        title: title.to_owned(),
        description: None,
        start_year: 2024,
        end_year: 2027,
        status: "draft".to_owned(),
        weighting: "equal".to_owned(),
    }
}

async fn import_counting(app: &TestApp, grouping: uuid::Uuid, rows: usize) -> (uuid::Uuid, usize) {
    let file = generated_plan(rows);
    let (store, count) = app.store.counting_statements();
    let id = maillage_app::plan_import::import_file(
        &store,
        &maillage_store::repo::audit::Actor::system(),
        grouping,
        &import_input(&format!("Plan de {rows} actions")),
        &file,
        false,
    )
    .await
    .unwrap()
    .unwrap();
    (id, count.load(std::sync::atomic::Ordering::Relaxed))
}

on_both_databases!(a_plan_import_sends_as_many_statements_for_1000_rows_as_for_20);

/// The import used to send a few statements per row, one of them reading
/// every sibling already written (quadratic): its statement count must not
/// depend on the number of rows (below a chunk of multi-row inserts).
async fn a_plan_import_sends_as_many_statements_for_1000_rows_as_for_20(app: &TestApp) {
    let g = import_setup(app).await;
    let (_, small) = import_counting(app, g, 20).await;
    let (id, large) = import_counting(app, g, 1_000).await;
    assert_eq!(
        small, large,
        "statements for 20 rows: {small}, for 1,000 rows: {large}"
    );

    // And what was written is the plan of the file: row order, sub-tasks
    // under their parent, leads before partners, pathways.
    let outline = plans::outline(app.store.conn(), id).await.unwrap();
    assert_eq!(outline.orientations.len(), 1);
    let strategies = &outline.orientations[0].strategies;
    assert_eq!(strategies.len(), 1);
    let top = &strategies[0].actions;
    assert_eq!(top.len(), 750);
    assert_eq!(
        outline.orientations[0].strategies[0]
            .actions
            .iter()
            .map(|a| 1 + a.children.len())
            .sum::<usize>(),
        1_000
    );
    for (k, a) in top.iter().enumerate() {
        let i = k + k / 3;
        assert_eq!(a.model.title, format!("Action {i}"));
        assert_eq!(a.model.position, i32::try_from(k).unwrap());
        assert_eq!(
            a.model.status,
            if i % 2 == 0 { "en_cours" } else { "a_venir" }
        );
        assert_eq!(a.leads.len(), 1);
        assert_eq!(a.partners.len(), 1, "the lead is not a partner too");
        assert_eq!(a.pathways.len(), 1);
        if i % 4 == 2 {
            assert_eq!(a.children.len(), 1, "Action {i}");
            assert_eq!(a.children[0].model.title, format!("Action {}", i + 1));
            assert_eq!(a.children[0].model.position, 0);
        } else {
            assert!(a.children.is_empty(), "Action {i}");
        }
    }
}

on_both_databases!(a_web_write_during_a_long_plan_import_succeeds);

/// While a long plan is imported, coordinators keep working: their writes
/// wait for the import's short write transaction instead of failing with
/// « database is locked » (the import used to hold it for tens of seconds).
async fn a_web_write_during_a_long_plan_import_succeeds(app: &TestApp) {
    let g = import_setup(app).await;
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let file = generated_plan(2_000);
    let store = app.store.clone();
    let import = tokio::spawn(async move {
        maillage_app::plan_import::import_file(
            &store,
            &maillage_store::repo::audit::Actor::system(),
            g,
            &import_input("Plan importé"),
            &file,
            false,
        )
        .await
    });
    let mut writes = 0;
    loop {
        let done = import.is_finished();
        let r = coordinator
            .post_form(
                "/regroupements/table-de-test/plans/nouveau",
                &[
                    ("title", &format!("Plan pendant l'import {writes}")),
                    ("start_year", "2024"),
                    ("end_year", "2027"),
                    ("status", "draft"),
                    ("weighting", "equal"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "write {writes}");
        writes += 1;
        if done {
            break;
        }
    }
    let imported = import.await.unwrap().unwrap().unwrap();
    let plans = plans::plans_of(app.store.conn(), &[g]).await.unwrap();
    assert!(plans.iter().any(|p| p.id == imported));
    assert_eq!(plans.len(), writes + 1);
}
