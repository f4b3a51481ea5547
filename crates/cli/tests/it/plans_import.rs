//! Plan import and export: the command line all or nothing with an
//! export that round-trips, the statements of a large import, and web
//! writes during a long import — on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::repo::groupings;
use maillage_store::repo::plans;
use reqwest::StatusCode;
use serde_json::Value;

use crate::cli::{for_each_database, json, maillage, run, with_url};
use crate::harness::TestApp;
use maillage_test_macros::db_test;

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
        groupings::create_pathway_in(app.store.conn(), g, name, None)
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

/// The import used to send a few statements per row, one of them reading
/// every sibling already written (quadratic): its statement count must not
/// depend on the number of rows (below a chunk of multi-row inserts).
#[db_test]
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
            a.model.status.as_str(),
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

/// While a long plan is imported, coordinators keep working: their writes
/// wait for the import's short write transaction instead of failing with
/// « database is locked » (the import used to hold it for tens of seconds).
#[db_test]
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
