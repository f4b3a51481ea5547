//! Many writers at once over HTTP, as a crowd would: no request fails,
//! every acknowledged write is in the database, and an event never
//! confirms more people than its capacity — on SQLite and PostgreSQL.
//!
//! The server runs on a multi-threaded runtime here so that the requests
//! really overlap in the database, as they do in production.

use std::collections::HashSet;

use futures::future::join_all;
use maillage_domain::Role;
use maillage_domain::directory::OrganizationInput;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{self, SessionInput};
use maillage_store::repo::{directory as dir, organizations};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, csrf_of};
use maillage_test_macros::db_test;

const CLIENTS: usize = 32;

async fn published_event(app: &TestApp, title: &str, capacity: Option<i32>) -> Uuid {
    let session = SessionInput {
        date: chrono::NaiveDate::from_ymd_opt(2030, 5, 8).unwrap(),
        starts_at: Some("09:00".to_owned()),
        ..SessionInput::default()
    };
    app.published_event(title, capacity, Some(&session)).await
}

/// An anonymous visitor ready to post: its CSRF cookie and token are
/// fetched before the race starts, so the race is only the writes.
async fn visitor(app: &TestApp) -> (TestClient, String) {
    let client = app.client();
    let token = client.csrf().await;
    (client, token)
}

async fn register(client: &TestClient, token: &str, event: Uuid, email: &str) -> StatusCode {
    client
        .http
        .post(client.url(&format!("/evenements/{event}/inscription")))
        .form(&[
            ("name", email.split('@').next().unwrap_or("x")),
            ("email", email),
            ("csrf", token),
        ])
        .send()
        .await
        .map_or(StatusCode::INTERNAL_SERVER_ERROR, |r| r.status())
}

fn hidden(html: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    let from = html.find(&start).expect("hidden field") + start.len();
    let len = html[from..].find('"').unwrap();
    html[from..from + len].to_owned()
}

/// Edits the description of an organization through its form `rounds`
/// times, each time from a freshly loaded form; returns the statuses of the
/// saves and the last description sent.
async fn edit_repeatedly(
    client: TestClient,
    org: String,
    name: String,
    rounds: usize,
) -> (Vec<StatusCode>, String) {
    let path = format!("/repertoire/organisations/{org}/modifier");
    let mut statuses = Vec::new();
    let mut last = String::new();
    for round in 0..rounds {
        let (status, form) = client.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{form}");
        let description = format!("Version {round} de {org}.");
        let r = client
            .http
            .post(client.url(&path))
            .form(&[
                ("name", name.as_str()),
                ("description", description.as_str()),
                ("sector", "communautaire"),
                ("version", hidden(&form, "version").as_str()),
                ("csrf", csrf_of(&form).expect("csrf").as_str()),
            ])
            .send()
            .await;
        statuses.push(r.map_or(StatusCode::INTERNAL_SERVER_ERROR, |r| r.status()));
        last = description;
    }
    (statuses, last)
}

#[db_test(threaded)]
async fn thirty_two_writers_get_no_error_and_lose_nothing(app: &TestApp) {
    const REGISTRANTS: usize = 24;
    const EDITORS: usize = CLIENTS - REGISTRANTS;
    const EACH: usize = 4;
    let event = published_event(app, "Sans limite", None).await;
    let mut registrants = Vec::new();
    for _ in 0..REGISTRANTS {
        registrants.push(visitor(app).await);
    }
    let mut editors = Vec::new();
    for i in 0..EDITORS {
        let org = organizations::create_organization(
            &app.store,
            &Actor::system(),
            &OrganizationInput {
                name: format!("Organisme {i}"),
                description: "Première version.".to_owned(),
                sector: "communautaire".to_owned(),
                ..OrganizationInput::default()
            },
        )
        .await
        .expect("organization");
        let client = app
            .signed_in(&format!("coordination{i}@exemple.ca"), Role::Coordinator)
            .await;
        editors.push((client, org, format!("Organisme {i}")));
    }

    let registering = registrants
        .into_iter()
        .enumerate()
        .map(|(c, (client, token))| {
            tokio::spawn(async move {
                let mut done = Vec::new();
                for k in 0..EACH {
                    let email = format!("personne-{c}-{k}@exemple.ca");
                    done.push((register(&client, &token, event, &email).await, email));
                }
                done
            })
        });
    let editing = editors
        .into_iter()
        .map(|(client, org, name)| tokio::spawn(edit_repeatedly(client, org, name, EACH)));
    let (registered, edited) = tokio::join!(join_all(registering), join_all(editing));

    let registered: Vec<(StatusCode, String)> =
        registered.into_iter().flat_map(Result::unwrap).collect();
    let refused: Vec<_> = registered
        .iter()
        .filter(|(s, _)| *s != StatusCode::SEE_OTHER)
        .collect();
    assert!(
        refused.is_empty(),
        "{} of {} registrations failed: {refused:?}",
        refused.len(),
        registered.len()
    );
    let stored: HashSet<String> = events::registrations(app.store.conn(), event)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.status == "confirmed")
        .map(|r| r.email)
        .collect();
    for (_, email) in &registered {
        assert!(
            stored.contains(email),
            "{email} was acknowledged, not stored"
        );
    }
    assert_eq!(stored.len(), REGISTRANTS * EACH);

    let mut orgs = Vec::new();
    for done in edited {
        let (statuses, last) = done.unwrap();
        let failed = statuses
            .iter()
            .filter(|s| **s != StatusCode::SEE_OTHER)
            .count();
        assert_eq!(failed, 0, "organization edits failed: {statuses:?}");
        orgs.push(last);
    }
    for last in orgs {
        let org = last
            .trim_start_matches("Version ")
            .split_once(" de ")
            .map(|(_, id)| id.trim_end_matches('.'))
            .unwrap()
            .to_owned();
        let description = dir::organization(&app.store, &org)
            .await
            .unwrap()
            .expect("organization")
            .values
            .get("description")
            .cloned()
            .unwrap_or_default();
        assert_eq!(description, last, "the last acknowledged edit is kept");
    }
}

/// Counts (confirmed, waiting) of an event in the database.
async fn counts(app: &TestApp, event: Uuid) -> (usize, usize) {
    let regs = events::registrations(app.store.conn(), event)
        .await
        .unwrap();
    let n = |s: &str| regs.iter().filter(|r| r.status == s).count();
    (n("confirmed"), n("waitlist"))
}

#[db_test(threaded)]
async fn a_full_event_never_confirms_more_than_its_capacity(app: &TestApp) {
    const RACERS: usize = 16;
    // The race is repeated on fresh events: one run may happen to queue.
    for run in 0..5 {
        let event = published_event(app, &format!("Capacité 10, essai {run}"), Some(10)).await;
        let mut racers = Vec::new();
        for _ in 0..RACERS {
            racers.push(visitor(app).await);
        }
        let statuses = join_all(racers.into_iter().enumerate().map(|(i, (client, token))| {
            tokio::spawn(async move {
                register(&client, &token, event, &format!("r{run}-{i}@exemple.ca")).await
            })
        }))
        .await;
        for s in statuses {
            assert_eq!(s.unwrap(), StatusCode::SEE_OTHER);
        }
        assert_eq!(counts(app, event).await, (10, 6), "run {run}");
    }
}

#[db_test(threaded)]
async fn cancellations_racing_registrations_keep_the_event_full(app: &TestApp) {
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let coordinator_token = coordinator.csrf().await;
    let coordinator = std::sync::Arc::new(coordinator);
    for run in 0..3 {
        let event = published_event(app, &format!("Capacité 6, essai {run}"), Some(6)).await;
        let (first, token) = visitor(app).await;
        for i in 0..8 {
            let email = format!("avant{run}-{i}@exemple.ca");
            assert_eq!(
                register(&first, &token, event, &email).await,
                StatusCode::SEE_OTHER
            );
        }
        assert_eq!(counts(app, event).await, (6, 2));
        let confirmed: Vec<Uuid> = events::registrations(app.store.conn(), event)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.status == "confirmed")
            .map(|r| r.id)
            .take(4)
            .collect();
        let mut newcomers = Vec::new();
        for _ in 0..8 {
            newcomers.push(visitor(app).await);
        }
        let cancelling = confirmed.into_iter().map(|rid| {
            let (client, token) = (coordinator.clone(), coordinator_token.clone());
            tokio::spawn(async move {
                client
                    .http
                    .post(client.url(&format!("/evenements/{event}/inscriptions/{rid}/annuler")))
                    .form(&[("csrf", token.as_str())])
                    .send()
                    .await
                    .map_or(StatusCode::INTERNAL_SERVER_ERROR, |r| r.status())
            })
        });
        let registering = newcomers
            .into_iter()
            .enumerate()
            .map(|(i, (client, token))| {
                tokio::spawn(async move {
                    let email = format!("pendant{run}-{i}@exemple.ca");
                    register(&client, &token, event, &email).await
                })
            });
        let (cancelled, registered) = tokio::join!(join_all(cancelling), join_all(registering));
        for s in cancelled {
            assert_eq!(s.unwrap(), StatusCode::SEE_OTHER);
        }
        for s in registered {
            assert_eq!(s.unwrap(), StatusCode::SEE_OTHER);
        }
        // 8 + 8 people, 4 cancelled: 12 still want a place for 6.
        assert_eq!(counts(app, event).await, (6, 6), "run {run}");
    }
}

#[db_test(threaded)]
async fn one_personal_evaluation_sent_many_times_at_once_counts_once(app: &TestApp) {
    use maillage_domain::events::QuestionKind;
    use maillage_store::repo::events::evaluations::{self, QuestionInput, ResponseRefusal};
    let event = published_event(app, "Évaluée", None).await;
    evaluations::add_questions(
        &app.store,
        event,
        &[QuestionInput {
            kind: QuestionKind::Text,
            prompt: "Qu'en retenez-vous?".to_owned(),
            options: Vec::new(),
        }],
    )
    .await
    .unwrap();
    let question = evaluations::questions(app.store.conn(), event)
        .await
        .unwrap()[0]
        .id;
    for run in 0..3 {
        let digest = evaluations::response_digest(&format!("jeton-{run}"));
        let outcomes = join_all((0..8).map(|i| {
            let (store, digest) = (app.store.clone(), digest.clone());
            tokio::spawn(async move {
                evaluations::submit_response(
                    &store,
                    event,
                    Some(digest),
                    &[(question, format!("Réponse {i}"))],
                )
                .await
            })
        }))
        .await;
        let mut stored = 0;
        for outcome in outcomes {
            match outcome.unwrap() {
                Ok(Ok(_)) => stored += 1,
                Ok(Err(ResponseRefusal::AlreadyAnswered)) => {}
                Err(e) => panic!("a double submission failed instead of being refused: {e}"),
            }
        }
        assert_eq!(stored, 1, "run {run}");
    }
}

#[db_test(threaded)]
async fn two_administrators_deactivated_at_once_leave_one(app: &TestApp) {
    use maillage_store::StoreError;
    use maillage_store::repo::accounts;
    let a = {
        app.create_user("admin-a@exemple.ca", Role::Admin, None)
            .await;
        app.user_id("admin-a@exemple.ca").await
    };
    let b = {
        app.create_user("admin-b@exemple.ca", Role::Admin, None)
            .await;
        app.user_id("admin-b@exemple.ca").await
    };
    for run in 0..5 {
        let outcomes = join_all([a, b].map(|id| {
            let store = app.store.clone();
            tokio::spawn(
                async move { accounts::set_active(&store, &Actor::system(), id, false).await },
            )
        }))
        .await;
        let mut done = 0;
        for outcome in outcomes {
            match outcome.unwrap() {
                Ok(()) => done += 1,
                Err(StoreError::LastAdministrator) => {}
                Err(e) => panic!("run {run}: {e}"),
            }
        }
        assert_eq!(done, 1, "run {run}: exactly one may go");
        assert_eq!(
            accounts::count_active_admins(app.store.conn())
                .await
                .unwrap(),
            1,
            "run {run}"
        );
        for id in [a, b] {
            accounts::set_active(&app.store, &Actor::system(), id, true)
                .await
                .unwrap();
        }
    }
}
