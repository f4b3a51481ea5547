//! Bounds on what a request may carry (field lengths, body sizes) and the
//! limit on anonymous writes per address — on SQLite and PostgreSQL.

use chrono::{Duration, TimeZone, Utc};
use maillage_store::entity::registration;
use maillage_store::repo::rate_limits::{self, Limit};
use maillage_web::WebConfig;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sea_orm::{EntityTrait, PaginatorTrait};
use uuid::Uuid;

use crate::harness::{Db, TestApp, TestClient, body};
use maillage_test_macros::db_test;

async fn registrations(app: &TestApp) -> u64 {
    registration::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

async fn register(
    client: &TestClient,
    event: Uuid,
    name: &str,
    email: &str,
) -> (StatusCode, String) {
    let r = client
        .post_form(
            &format!("/evenements/{event}/inscription"),
            &[("name", name), ("email", email), ("role", "Intervenante")],
        )
        .await;
    let status = r.status();
    (status, body(r).await)
}

#[db_test]
async fn overlong_fields_are_refused_with_a_clear_message(app: &TestApp) {
    let e = app
        .published_event("Rencontre des partenaires", None, None)
        .await;
    let visitor = app.client();

    // 300 characters is a name; one more is not.
    let (status, _) = register(&visitor, e, &"é".repeat(300), "longue@exemple.ca").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(registrations(app).await, 1);

    let huge = "=HYPERLINK(\"x\")".repeat(20_000);
    let (status, html) = register(&visitor, e, &huge, "enorme@exemple.ca").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Ce nom dépasse 300 caractères\u{a0}: raccourcissez-le."),
        "{}",
        &html[..html.len().min(4000)]
    );
    // The refused value is not sent back whole.
    assert!(html.len() < 100_000, "{} bytes", html.len());
    assert_eq!(registrations(app).await, 1);

    // Every field of the form has its bound.
    let r = visitor
        .post_form(
            &format!("/evenements/{e}/inscription"),
            &[
                ("name", "Josée"),
                ("email", "josee@exemple.ca"),
                ("organization_text", &"Centre ".repeat(100)),
                ("role", &"r".repeat(501)),
                ("needs", &"n".repeat(10_001)),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    for message in [
        "Ce nom dépasse 300 caractères",
        "Ce champ dépasse 500 caractères",
        "Ce texte dépasse 10 000 caractères",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert_eq!(registrations(app).await, 1);

    // In English after the switch.
    visitor.get("/langue/en?suivant=/").await;
    let (status, html) = register(&visitor, e, &"n".repeat(301), "en@exemple.ca").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("This name is longer than 300 characters: shorten it."),
        "{html}"
    );
    assert_eq!(registrations(app).await, 1);
}

#[db_test]
async fn a_body_over_the_form_limit_gets_the_413_page(app: &TestApp) {
    let e = app
        .published_event("Rencontre des partenaires", None, None)
        .await;
    let visitor = app.client();
    // 1.5 MB: under the old 2 MB limit, over the forms' 1 MB.
    let name = "n".repeat(1_500_000);
    let (status, html) = register(&visitor, e, &name, "gros@exemple.ca").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        html.contains("L’envoi dépasse la taille permise."),
        "{html}"
    );
    assert_eq!(registrations(app).await, 0);
}

#[db_test]
async fn uploads_may_be_larger_than_forms(app: &TestApp) {
    let e = app
        .published_event("Rencontre des partenaires", None, None)
        .await;
    let coordinator = crate::harness::member_of(
        app,
        "coord@exemple.ca",
        maillage_domain::Role::Coordinator,
        "table-de-test",
    )
    .await;
    let csrf = coordinator.csrf().await;
    // 1.5 MB of grid: more than a form may weigh.
    let mut grid = String::from("Organisation,08.05.2018\n");
    while grid.len() < 1_500_000 {
        grid.push_str("Centre de services scolaire,x\n");
    }
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(grid.into_bytes()).file_name("grille.csv"),
    );
    let r = coordinator
        .http
        .post(coordinator.url(&format!("/evenements/{e}/presences/importer")))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status();
    assert_ne!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(status.is_success() || status.is_client_error(), "{status}");
}

/// A visitor whose address, as a trusted proxy reports it, is `ip`.
fn visitor_from(app: &TestApp, ip: &str) -> TestClient {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        format!("203.0.113.250, {ip}").parse().unwrap(),
    );
    TestClient {
        base: app.url(""),
        http: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(headers)
            .build()
            .unwrap(),
    }
}

#[db_test(kind)]
async fn anonymous_writes_are_limited_per_address(db: Db) {
    let app = TestApp::spawn_with_config(
        db,
        WebConfig {
            anonymous_writes: Limit {
                max: 3,
                window: Duration::minutes(10),
            },
            trust_forwarded_for: true,
            ..WebConfig::default()
        },
    )
    .await
    .expect("the database is available");
    let e = app
        .published_event("Rencontre des partenaires", None, None)
        .await;
    let first = visitor_from(&app, "198.51.100.7");
    for n in 0..3 {
        let (status, _) = register(&first, e, "Personne", &format!("p{n}@exemple.ca")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "registration {n}");
    }
    let (status, html) = register(&first, e, "Personne", "p3@exemple.ca").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        html.contains("Trop d’envois depuis votre adresse en peu de temps."),
        "{html}"
    );
    // Every anonymous write counts: the canvas of a personal page too.
    let r = first
        .post_form(&format!("/evenements/{e}/moi/jeton/canevas"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    assert_eq!(registrations(&app).await, 3);

    // Another address is not affected.
    let second = visitor_from(&app, "198.51.100.8");
    let (status, _) = register(&second, e, "Autre", "autre@exemple.ca").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(registrations(&app).await, 4);
    // Signed-in accounts are accountable, not limited.
    let pw = app
        .create_user(
            "coord@exemple.ca",
            maillage_domain::Role::Coordinator,
            Some("table-de-test"),
        )
        .await;
    let signed_in = visitor_from(&app, "198.51.100.7");
    let r = signed_in.login("coord@exemple.ca", &pw).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = register(&signed_in, e, "Coordination", "coord@exemple.ca").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(registrations(&app).await, 5);
    app.stop().await;
}

#[db_test]
async fn the_limit_is_counted_in_the_database_per_client(app: &TestApp) {
    let limit = Limit {
        max: 2,
        window: Duration::minutes(10),
    };
    let t0 = Utc.with_ymd_and_hms(2030, 3, 1, 12, 0, 0).unwrap();
    let admit =
        |client: &'static str, at| rate_limits::admit(&app.store, "test", client, limit, at);
    assert_eq!(admit("a", t0).await.unwrap(), Ok(()));
    assert_eq!(admit("a", t0 + Duration::minutes(1)).await.unwrap(), Ok(()));
    // Over the limit: told to wait until the first action leaves the window.
    assert_eq!(
        admit("a", t0 + Duration::minutes(2)).await.unwrap(),
        Err(Duration::minutes(8))
    );
    // A refusal is not counted; another client or bucket is apart.
    assert_eq!(admit("b", t0 + Duration::minutes(2)).await.unwrap(), Ok(()));
    assert_eq!(
        rate_limits::admit(&app.store, "other", "a", limit, t0 + Duration::minutes(2))
            .await
            .unwrap(),
        Ok(())
    );
    assert_eq!(
        admit("a", t0 + Duration::minutes(10)).await.unwrap(),
        Ok(()),
        "the first action has left the window"
    );
    assert!(
        admit("a", t0 + Duration::minutes(10))
            .await
            .unwrap()
            .is_err()
    );
    // Old actions are purged.
    assert_eq!(
        rate_limits::purge(&app.store, t0 + Duration::minutes(5))
            .await
            .unwrap(),
        4
    );
}

// ---------- imported cells ----------

#[tokio::test]
async fn an_overlong_name_cell_stops_an_attendance_import_with_exit_2() {
    use crate::cli::{for_each_database, maillage, run, with_url};
    for_each_database(|dir, url| {
        let file = dir.parent().unwrap().join("grille.csv");
        let long = "Centre ".repeat(20_000);
        std::fs::write(
            &file,
            format!("Organisme;08.05.2018\nCPE La Sagamie;x\n{long};x\n"),
        )
        .unwrap();
        let (code, out, err) = run(with_url(maillage(dir), url)
            .args(["import", "attendance"])
            .arg(&file)
            .args(["--event", "Rencontre", "--create-missing"]));
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains("grille.csv"), "{err}");
        assert!(err.contains("A3"), "{err}");
        assert!(
            err.contains("plus de 300 caractères") || err.contains("longer than 300"),
            "{err}"
        );
        assert!(err.len() < 10_000, "the message does not repeat the cell");
    })
    .await;
}

#[tokio::test]
async fn an_overlong_plan_cell_stops_a_plan_import_with_exit_2() {
    use crate::cli::{for_each_database, maillage, run, with_url};
    for_each_database(|dir, url| {
        let (code, _, err) = run(with_url(maillage(dir), url).args(["demo", "--json"]));
        assert_eq!(code, 0, "{err}");
        let file = dir.parent().unwrap().join("plan.csv");
        let long = "Organisme ".repeat(40);
        std::fs::write(
            &file,
            format!(
                "Orientation;Année;Stratégie;Action;Porteurs\n\
                 Mobiliser;2014-2015;Engagement;Tenir une activité;CRÉPAS, {long}\n"
            ),
        )
        .unwrap();
        let (code, out, err) = run(with_url(maillage(dir), url)
            .args(["import", "plan"])
            .arg(&file)
            .args([
                "--grouping",
                "mobilisation-famille-slsj",
                "--title",
                "Plan importé",
                "--period",
                "2014-2017",
            ]));
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains("plan.csv"), "{err}");
        assert!(err.contains("E2"), "{err}");
        assert!(err.contains("300"), "{err}");
    })
    .await;
}
