//! Event pages end to end: the event forms and sessions, the public page
//! and registration (duplicates, capacity and waiting list, closing), the
//! coordinators' list with cancellation, iCal, check-in, walk-ins and the
//! attendance table, and who may see what — on SQLite and PostgreSQL.

use chrono::NaiveDate;
use maillage_domain::Role;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::pages as event_pages;
use maillage_store::repo::events::{self, EventInput, SessionInput};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A published event of `table-de-test` with sessions on `dates`.
async fn event_with(
    app: &TestApp,
    title: &str,
    capacity: Option<i32>,
    status: &str,
    closes: Option<NaiveDate>,
    dates: &[NaiveDate],
) -> Uuid {
    let gid = app.grouping("table-de-test").await;
    let e = event_pages::create_event_with_session(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: title.to_owned(),
            description: Some("Se connaître et se reconnaître.".to_owned()),
            intentions: vec!["Mieux comprendre la réalité des différents réseaux".to_owned()],
            audience: Some("Personnes intervenantes auprès des familles".to_owned()),
            capacity,
            status: maillage_store::entity::event::EventStatus::parse(status).expect("a status"),
            registration_closes_on: closes,
        },
        None,
    )
    .await
    .unwrap();
    for d in dates {
        event_pages::add_session(
            &app.store,
            e.id,
            &SessionInput {
                date: *d,
                starts_at: Some("09:00".to_owned()),
                ends_at: Some("16:00".to_owned()),
                place: Some("Le Calypso".to_owned()),
                address: Some("rue d'Auteuil, Jonquière".to_owned()),
            },
        )
        .await
        .unwrap();
    }
    e.id
}

async fn organization(app: &TestApp, name: &str, sector: Option<&str>) -> String {
    maillage_store::repo::organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: name.to_owned(),
            description: "Organisme de test.".to_owned(),
            sector: sector.map(str::to_owned).unwrap_or_default(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization")
}

async fn register(
    client: &TestClient,
    event: Uuid,
    name: &str,
    email: &str,
    organization: &str,
) -> (StatusCode, String) {
    let r = client
        .post_form(
            &format!("/evenements/{event}/inscription"),
            &[
                ("name", name),
                ("email", email),
                ("organization_text", organization),
                ("role", "Intervenante"),
                ("needs", "Végétarienne"),
            ],
        )
        .await;
    let status = r.status();
    if status == StatusCode::SEE_OTHER {
        // Post/redirect/get: the confirmation is the page it leads to.
        let (shown, html) = client.get_text(&location(&r)).await;
        assert_eq!(shown, StatusCode::OK, "{html}");
        return (status, html);
    }
    (status, body(r).await)
}

/// A coordinator of `table-de-test` and the draft « Osons l'aventure » they
/// created through the form.
struct Draft {
    coordinator: TestClient,
    gid: String,
    id: Uuid,
    manage: String,
}

/// Posts the new-event form of a valid draft with one session.
async fn post_osons_draft(coordinator: &TestClient, gid: &str) -> reqwest::Response {
    coordinator
        .post_form(
            "/evenements/nouveau",
            &[
                ("grouping_id", gid),
                ("title", "Osons l'aventure"),
                ("description", "Regard sur les pratiques"),
                ("intentions", "Mieux comprendre la réalité des différents réseaux\nMieux collaborer ensemble\n"),
                ("audience", "Personnes intervenantes"),
                ("capacity", "150"),
                ("status", "draft"),
                ("registration_closes_on", ""),
                ("date", "2018-05-08"),
                ("starts_at", "9h00"),
                ("ends_at", "16:00"),
                ("place", "Le Calypso"),
                ("address", "rue d'Auteuil, Jonquière"),
            ],
        )
        .await
}

/// The draft « Osons l'aventure », created by a coordinator.
async fn osons_draft(app: &TestApp) -> Draft {
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let gid = app.grouping("table-de-test").await.to_string();
    let r = post_osons_draft(&coordinator, &gid).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", body(r).await);
    let manage = location(&r);
    let id = events::events_of(app.store.conn(), None)
        .await
        .unwrap()
        .remove(0)
        .id;
    Draft {
        coordinator,
        gid,
        id,
        manage,
    }
}

/// Posts the edit form publishing the draft, as of version 1.
async fn publish_osons(draft: &Draft) -> reqwest::Response {
    let f = [
        ("grouping_id", draft.gid.as_str()),
        ("title", "Osons l'aventure : regard sur les pratiques"),
        ("intentions", "Mieux comprendre\nMieux collaborer"),
        ("capacity", "150"),
        ("status", "published"),
        ("version", "1"),
    ];
    draft
        .coordinator
        .post_form(&format!("/evenements/{}/modifier", draft.id), &f)
        .await
}

#[db_test]
async fn a_new_event_is_refused_until_valid_then_managed(app: &TestApp) {
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let gid = app.grouping("table-de-test").await.to_string();
    let (status, html) = coordinator.get_text("/evenements/nouveau").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Regroupement table-de-test"), "{html}");

    // A missing title and a bad capacity: 422, values kept, nothing written.
    let r = coordinator
        .post_form(
            "/evenements/nouveau",
            &[
                ("grouping_id", gid.as_str()),
                ("title", ""),
                ("capacity", "-3"),
                ("status", "draft"),
                ("date", "2018-05-08"),
                ("place", "Le Calypso"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Indiquez le titre de l’événement."), "{html}");
    assert!(html.contains("nombre entier positif"));
    assert!(html.contains("value=\"Le Calypso\""));
    assert!(
        events::events_of(app.store.conn(), None)
            .await
            .unwrap()
            .is_empty()
    );

    let r = post_osons_draft(&coordinator, &gid).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", body(r).await);
    let manage = location(&r);
    assert!(
        manage.ends_with("/gestion?ok=flash-evpages-event-saved"),
        "{manage}"
    );
    let e = events::events_of(app.store.conn(), None)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(e.capacity, Some(150));
    let sessions = events::sessions(app.store.conn(), e.id).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].starts_at.as_deref(), Some("09:00"));

    let (status, html) = coordinator.get_text(&manage).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("L’événement a été enregistré."));
    assert!(html.contains("8 mai 2018"));
    for link in [
        "/presences",
        "/presences/importer",
        "/equipes",
        "/canevas",
        "/evaluation",
        "/bilan",
    ] {
        assert!(
            html.contains(&format!("/evenements/{}{link}\"", e.id)),
            "{link}"
        );
    }
}

#[db_test]
async fn a_draft_is_hidden_and_only_its_coordinators_manage_it(app: &TestApp) {
    let Draft {
        coordinator,
        id,
        manage,
        ..
    } = osons_draft(app).await;

    // A draft: 404 to the public and to other groupings, listed for its managers.
    let anonymous = app.client();
    let (status, _) = anonymous.get_text(&format!("/evenements/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let outsider = member_of(app, "ailleurs@exemple.ca", Role::Coordinator, "autre-table").await;
    let (status, _) = outsider.get_text(&format!("/evenements/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = outsider.get_text("/evenements").await;
    assert!(!list.contains("Osons l'aventure"));
    let (_, list) = coordinator.get_text("/evenements").await;
    assert!(list.contains("Osons l'aventure"));
    assert!(list.contains("Nouvel événement"));

    // Viewers of the grouping neither create nor manage.
    let viewer = member_of(app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;
    assert_eq!(
        viewer.get("/evenements/nouveau").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(viewer.get(&manage).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        viewer
            .get(&format!("/evenements/{id}/modifier"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(outsider.get(&manage).await.status(), StatusCode::FORBIDDEN);
    let r = anonymous.get(&manage).await;
    assert!(asks_sign_in(&r), "{}", r.status());
}

#[db_test]
async fn publishing_takes_the_form_version_and_shows_the_public_page(app: &TestApp) {
    let draft = osons_draft(app).await;
    let (coordinator, id) = (&draft.coordinator, draft.id);

    // Publishing, with the version of the form; a stale form is refused.
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{id}/modifier"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"version\" value=\"1\""));
    let r = publish_osons(&draft).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = publish_osons(&draft).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        body(r)
            .await
            .contains("Quelqu’un d’autre a modifié cet événement")
    );

    let (status, html) = app.client().get_text(&format!("/evenements/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Osons l'aventure : regard sur les pratiques"));
    assert!(html.contains("Mieux collaborer"));
    assert!(html.contains("8 mai 2018"));
    assert!(html.contains("9 h – 16 h"));
    assert!(html.contains("rue d'Auteuil, Jonquière"));
    // Its only session is past: a finished event counts no places.
    assert!(!html.contains("places restantes"), "{html}");
    assert!(html.contains("id=\"registration-form\""));
}

#[db_test]
async fn sessions_are_added_edited_and_deleted_one_per_date(app: &TestApp) {
    let draft = osons_draft(app).await;
    assert_eq!(publish_osons(&draft).await.status(), StatusCode::SEE_OTHER);
    let (coordinator, id) = (&draft.coordinator, draft.id);
    let viewer = member_of(app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;

    // Sessions: add one, refuse a second on the same date, edit, delete.
    let add = format!("/evenements/{id}/seances");
    assert_eq!(coordinator.get(&add).await.status(), StatusCode::OK);
    let r = coordinator
        .post_form(
            &add,
            &[
                ("date", "2018-11-27"),
                ("starts_at", "13:00"),
                ("ends_at", "16:30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = coordinator.post_form(&add, &[("date", "2018-11-27")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(body(r).await.contains("déjà une séance à cette date"));
    let r = coordinator
        .post_form(&add, &[("date", "2018-11-31"), ("starts_at", "25:00")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Date invalide"));
    assert!(html.contains("Heure invalide"));
    let sessions = events::sessions(app.store.conn(), id).await.unwrap();
    assert_eq!(sessions.len(), 2);
    let second = sessions[1].id;
    let r = coordinator
        .post_form(
            &format!("/evenements/{id}/seances/{second}/modifier"),
            &[("date", "2018-05-08")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "same date as the first");
    let r = coordinator
        .post_form(
            &format!("/evenements/{id}/seances/{second}/modifier"),
            &[("date", "2018-11-28"), ("place", "Salle B")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.client().get_text(&format!("/evenements/{id}")).await;
    assert!(html.contains("28 novembre 2018"));
    assert!(html.contains("Salle B"));
    let r = viewer
        .post_form(&format!("/evenements/{id}/seances/{second}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = coordinator
        .post_form(&format!("/evenements/{id}/seances/{second}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        events::sessions(app.store.conn(), id).await.unwrap().len(),
        1
    );
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn registration_fills_then_waits_and_cancelling_promotes(app: &TestApp) {
    let e = event_with(
        app,
        "Osons l'aventure",
        Some(1),
        "published",
        None,
        &[date(2031, 5, 8)],
    )
    .await;
    let org = organization(app, "Centre Alpha de Jonquière", Some("communautaire")).await;
    let anonymous = app.client();
    let (status, html) = anonymous.get_text(&format!("/evenements/{e}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("1 place restante"), "{html}");
    assert!(html.contains("Mieux comprendre la réalité des différents réseaux"));

    // The directory name, typed a little differently, is matched.
    let (status, html) = register(
        &anonymous,
        e,
        "Josette Tremblay",
        "Josette@Exemple.ca",
        "centre alpha de jonquiere",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert!(html.contains("votre inscription est confirmée"));
    assert!(html.contains("Inscription confirmée"), "{html}");
    // A plain summary, not the e-mail's text, and nothing about the mail
    // server (the coordinators' concern).
    assert!(html.contains("8 mai 2031"), "{html}");
    assert!(!html.contains("Bonjour Josette"), "{html}");
    assert!(!html.contains("Aucun serveur de courriel"), "{html}");
    // The personal link in full, clickable.
    assert!(html.contains(">http://127.0.0.1:"), "{html}");
    assert!(html.contains(&format!("/evenements/{e}/moi/")));
    let regs = events::registrations(app.store.conn(), e).await.unwrap();
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0].email, "josette@exemple.ca");
    assert_eq!(regs[0].organization_id.as_deref(), Some(org.as_str()));
    assert_eq!(regs[0].status, "confirmed");
    let stored = regs[0].confirmation.clone().unwrap_or_default();
    assert!(stored.contains("Bonjour Josette Tremblay"), "{stored}");
    assert!(stored.contains("8 mai 2031"));
    assert!(stored.contains("/moi/"));

    // The same e-mail again: 409, nothing more written.
    let (status, html) = register(&anonymous, e, "Josette T.", "josette@exemple.ca", "").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("déjà inscrite"), "{html}");
    assert!(html.contains("value=\"Josette T.\""));
    assert_eq!(
        events::registrations(app.store.conn(), e)
            .await
            .unwrap()
            .len(),
        1
    );

    // Full: the next one waits; an organization not in the directory is « autre ».
    let (_, html) = anonymous.get_text(&format!("/evenements/{e}")).await;
    assert!(html.contains("liste d’attente"));
    let (status, html) = register(
        &anonymous,
        e,
        "Claudette Gagnon",
        "claudette@exemple.ca",
        "Organisme inventé du Nord",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(html.contains("vous êtes sur la liste d’attente"), "{html}");
    let regs = events::registrations(app.store.conn(), e).await.unwrap();
    let claudette = regs
        .iter()
        .find(|r| r.email == "claudette@exemple.ca")
        .unwrap();
    assert_eq!(claudette.status, "waitlist");
    assert_eq!(claudette.organization_id, None);
    assert_eq!(
        claudette.organization_text.as_deref(),
        Some("Organisme inventé du Nord")
    );
    assert!(
        claudette
            .confirmation
            .as_deref()
            .unwrap_or_default()
            .contains("liste d’attente")
    );

    // The coordinators' list, then a cancellation that promotes Claudette.
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{e}/gestion"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Centre Alpha de Jonquière"));
    assert!(html.contains("Organisme inventé du Nord"));
    assert!(html.contains("Végétarienne"));
    assert!(html.contains("Liste d’attente"));
    let josette = regs
        .iter()
        .find(|r| r.email == "josette@exemple.ca")
        .unwrap()
        .id;
    let viewer = member_of(app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;
    let cancel = format!("/evenements/{e}/inscriptions/{josette}/annuler");
    assert_eq!(
        viewer.post_form(&cancel, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = coordinator.post_form(&cancel, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = coordinator.get_text(&location(&r)).await;
    assert!(
        html.contains("Claudette Gagnon quitte la liste d’attente"),
        "{html}"
    );
    let regs = events::registrations(app.store.conn(), e).await.unwrap();
    assert_eq!(
        regs.iter().find(|r| r.id == josette).unwrap().status,
        "cancelled"
    );
    assert_eq!(
        regs.iter()
            .find(|r| r.email == "claudette@exemple.ca")
            .unwrap()
            .status,
        "confirmed"
    );

    // A cancelled e-mail may register again (and waits: the place is taken).
    let (status, html) =
        register(&anonymous, e, "Josette Tremblay", "josette@exemple.ca", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert!(html.contains("liste d’attente"));

    // The search-as-you-type choices come from the directory.
    app.sync_search().await;
    let (status, html) = anonymous
        .get_text(&format!(
            "/evenements/{e}/organisations?organization_text=Centre%20Alp"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Centre Alpha de Jonquière"), "{html}");
    assert!(html.contains(&format!("name=\"organization_id\" value=\"{org}\"")));
    // A picked suggestion wins over the typed text.
    let r = anonymous
        .post_form(
            &format!("/evenements/{e}/inscription"),
            &[
                ("name", "Hanny Rasmussen"),
                ("email", "hanny@exemple.ca"),
                ("organization_text", "Centre Alp"),
                ("organization_id", org.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let regs = events::registrations(app.store.conn(), e).await.unwrap();
    let hanny = regs.iter().find(|r| r.email == "hanny@exemple.ca").unwrap();
    assert_eq!(hanny.organization_id.as_deref(), Some(org.as_str()));
}

#[db_test]
async fn refusals_are_clear_and_write_nothing(app: &TestApp) {
    let anonymous = app.client();
    let open = event_with(app, "Ouvert", None, "published", None, &[date(2030, 5, 8)]).await;
    let (status, html) = register(&anonymous, open, "", "pas-un-courriel", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Indiquez votre nom."));
    assert!(html.contains("L’adresse courriel n’est pas valide"));
    assert!(html.contains("value=\"pas-un-courriel\""));

    // Closed long ago: the outcome never depends on the hour the test runs
    // (the day boundary itself is checked below with a set « today »).
    let closed = event_with(
        app,
        "Fermé",
        None,
        "published",
        Some(date(2020, 1, 15)),
        &[date(2030, 5, 8)],
    )
    .await;
    let (_, html) = anonymous.get_text(&format!("/evenements/{closed}")).await;
    assert!(html.contains("Les inscriptions à cet événement sont closes."));
    assert!(!html.contains("id=\"registration-form\""));
    let (status, html) = register(&anonymous, closed, "Josette", "josette@exemple.ca", "").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("sont closes"));

    let done = event_with(app, "Terminé", None, "done", None, &[date(2018, 5, 8)]).await;
    let (status, html) = register(&anonymous, done, "Josette", "josette@exemple.ca", "").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("ne sont pas ouvertes"));
    // A finished event counts no places, even with a capacity and a
    // session still to come.
    let finished = event_with(app, "Fini", Some(136), "done", None, &[date(2031, 5, 8)]).await;
    let (_, html) = anonymous.get_text(&format!("/evenements/{finished}")).await;
    assert!(!html.contains("places restantes"), "{html}");
    let coming = event_with(
        app,
        "À venir",
        Some(136),
        "published",
        None,
        &[date(2031, 5, 8)],
    )
    .await;
    let (_, html) = anonymous.get_text(&format!("/evenements/{coming}")).await;
    assert!(html.contains("136 places restantes"), "{html}");

    let draft = event_with(app, "Brouillon", None, "draft", None, &[]).await;
    let (status, _) = register(&anonymous, draft, "Josette", "josette@exemple.ca", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    for e in [open, closed, done, draft] {
        assert!(
            events::registrations(app.store.conn(), e)
                .await
                .unwrap()
                .is_empty()
        );
    }
    // In English, the same refusal and the same page.
    let english = app.client();
    english
        .get(&format!("/langue/en?suivant=/evenements/{closed}"))
        .await;
    let (status, html) = english.get_text(&format!("/evenements/{closed}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Registration for this event is closed."),
        "{html}"
    );
    assert!(html.contains("Add to my calendar"));

    let (status, _) = anonymous.get_text("/evenements/pas-un-identifiant").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = anonymous
        .get_text(&format!("/evenements/{}", Uuid::new_v4()))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The closing day is the last day one may register, whatever the hour:
/// the web passes Québec's date as « today » (`pages::quebec_date`).
#[db_test]
async fn registrations_stay_open_through_their_closing_day(app: &TestApp) {
    let closes = date(2031, 3, 14);
    let e = event_with(
        app,
        "Dernier jour",
        None,
        "published",
        Some(closes),
        &[date(2031, 3, 20)],
    )
    .await;
    let input = |email: &str| events::RegistrationInput {
        name: "Josette".to_owned(),
        email: email.to_owned(),
        organization_id: None,
        organization_text: None,
        role: None,
        needs: None,
        confirmation_lang: None,
    };
    let on_the_day = events::register(&app.store, e, &input("a@exemple.ca"), closes, |_, _| {
        String::new()
    })
    .await
    .unwrap();
    assert!(on_the_day.is_ok());
    let day_after = closes.succ_opt().unwrap();
    let late = events::register(&app.store, e, &input("b@exemple.ca"), day_after, |_, _| {
        String::new()
    })
    .await
    .unwrap();
    assert!(matches!(late, Err(events::RegistrationRefusal::Closed)));
    assert_eq!(
        events::registrations(app.store.conn(), e)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[db_test]
async fn ical_has_one_vevent_per_session(app: &TestApp) {
    let e = event_with(
        app,
        "Osons l'aventure",
        None,
        "published",
        None,
        &[date(2018, 5, 8), date(2018, 11, 27)],
    )
    .await;
    let _draft = event_with(
        app,
        "Brouillon secret",
        None,
        "draft",
        None,
        &[date(2018, 6, 1)],
    )
    .await;
    let anonymous = app.client();
    let r = anonymous
        .get(&format!("/evenements/{e}/calendrier.ics"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/calendar; charset=utf-8")
    );
    let text = r.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2, "{text}");
    assert!(
        text.contains("DTSTART;TZID=America/Toronto:20180508T090000"),
        "{text}"
    );
    assert!(
        text.contains("DTEND;TZID=America/Toronto:20181127T160000"),
        "{text}"
    );
    assert!(text.contains("BEGIN:VTIMEZONE"));
    assert!(text.contains("Calypso"));

    let r = anonymous
        .get("/regroupements/table-de-test/evenements.ics")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        2,
        "the draft stays out: {text}"
    );
    assert!(!text.contains("Brouillon secret"));
    assert_eq!(
        anonymous
            .get("/regroupements/inconnu/evenements.ics")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

/// « Osons l'aventure » with two sessions and two registrations (Josette of
/// Centre Alpha, Claudette of the CPE), and its coordinator; Centre Alpha
/// came to an earlier event of the grouping.
struct CheckIn {
    coordinator: TestClient,
    e: Uuid,
    josette: Uuid,
    claudette: Uuid,
    first: Uuid,
    second: Uuid,
}

impl CheckIn {
    /// The check-in page of the first session.
    fn page(&self) -> String {
        format!("/evenements/{}/seances/{}/accueil", self.e, self.first)
    }

    /// The check-in page of the second session.
    fn page2(&self) -> String {
        format!("/evenements/{}/seances/{}/accueil", self.e, self.second)
    }
}

async fn check_in_event(app: &TestApp) -> CheckIn {
    let earlier = event_with(
        app,
        "Rencontre de 2017",
        None,
        "done",
        None,
        &[date(2017, 10, 1)],
    )
    .await;
    let e = event_with(
        app,
        "Osons l'aventure",
        None,
        "published",
        None,
        &[date(2018, 5, 8), date(2018, 11, 27)],
    )
    .await;
    let alpha = organization(app, "Centre Alpha de Jonquière", Some("communautaire")).await;
    let _cpe = organization(app, "CPE La Sagamie", Some("services-garde")).await;
    // Centre Alpha came to an earlier event of the grouping; the CPE did not.
    let s0 = events::sessions(app.store.conn(), earlier).await.unwrap()[0].id;
    events::walk_in(&app.store, earlier, s0, "Ancienne", Some(alpha.clone()))
        .await
        .unwrap();

    let anonymous = app.client();
    register(
        &anonymous,
        e,
        "Josette Tremblay",
        "josette@exemple.ca",
        "Centre Alpha de Jonquière",
    )
    .await;
    register(
        &anonymous,
        e,
        "Claudette Gagnon",
        "claudette@exemple.ca",
        "CPE La Sagamie",
    )
    .await;
    let regs = events::registrations(app.store.conn(), e).await.unwrap();
    let josette = regs
        .iter()
        .find(|r| r.name == "Josette Tremblay")
        .unwrap()
        .id;
    let claudette = regs
        .iter()
        .find(|r| r.name == "Claudette Gagnon")
        .unwrap()
        .id;
    let sessions = events::sessions(app.store.conn(), e).await.unwrap();
    let (first, second) = (sessions[0].id, sessions[1].id);

    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    CheckIn {
        coordinator,
        e,
        josette,
        claudette,
        first,
        second,
    }
}

/// First session: Josette present (twice is once), Claudette present then
/// cancelled.
async fn check_in_first_session(c: &CheckIn) {
    let (coordinator, page) = (&c.coordinator, c.page());
    let (josette, claudette) = (c.josette, c.claudette);
    let r = coordinator
        .post_form(&format!("{page}/{josette}/present"), &[("q", "jos")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).contains("q=jos"), "{}", location(&r));
    // Twice is once.
    coordinator
        .post_form(&format!("{page}/{josette}/present"), &[])
        .await;
    coordinator
        .post_form(&format!("{page}/{claudette}/present"), &[])
        .await;
    let r = coordinator
        .post_form(&format!("{page}/{claudette}/annuler"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// Second session: both, and a walk-in whose organization is matched, one
/// of an unknown organization, and one without a name (refused).
async fn check_in_second_session(c: &CheckIn) {
    let (coordinator, page2) = (&c.coordinator, c.page2());
    let (josette, claudette) = (c.josette, c.claudette);
    coordinator
        .post_form(&format!("{page2}/{josette}/present"), &[])
        .await;
    coordinator
        .post_form(&format!("{page2}/{claudette}/present"), &[])
        .await;
    let mut r = coordinator
        .post_form(
            &format!("{page2}/sans-inscription"),
            &[("name", "Marie Munger"), ("organization", "cpe la sagamie")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    r = coordinator
        .post_form(
            &format!("{page2}/sans-inscription"),
            &[
                ("name", "Paul Inconnu"),
                ("organization", "Organisme jamais vu"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = coordinator
        .post_form(&format!("{page2}/sans-inscription"), &[("name", " ")])
        .await;
    assert!(location(&r).contains("erreur=flash-evpages-error-walk-in-name"));
}

#[db_test]
async fn check_in_searches_by_organization_and_counts_each_person_once(app: &TestApp) {
    let c = check_in_event(app).await;
    let (coordinator, page) = (&c.coordinator, c.page());
    let (status, html) = coordinator.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Josette Tremblay") && html.contains("Claudette Gagnon"));
    assert!(
        html.contains("<strong id=\"count-present\">0</strong>"),
        "{html}"
    );
    let (_, html) = coordinator.get_text(&format!("{page}?q=sagamie")).await;
    assert!(html.contains("Claudette Gagnon"));
    assert!(
        !html.contains("Josette Tremblay"),
        "the search filters by organization"
    );

    check_in_first_session(&c).await;
    let (_, html) = coordinator.get_text(&page).await;
    assert!(
        html.contains("<strong id=\"count-present\">1</strong>"),
        "{html}"
    );
}

#[db_test]
async fn walk_ins_are_counted_with_their_organization(app: &TestApp) {
    let c = check_in_event(app).await;
    check_in_second_session(&c).await;
    let (_, html) = c.coordinator.get_text(&c.page2()).await;
    assert!(
        html.contains("<strong id=\"count-present\">4</strong>"),
        "{html}"
    );
    assert!(html.contains("Paul Inconnu (Organisme jamais vu)"));
}

#[db_test]
async fn the_attendance_table_shows_organizations_by_session(app: &TestApp) {
    let c = check_in_event(app).await;
    check_in_first_session(&c).await;
    check_in_second_session(&c).await;
    let e = c.e;

    let viewer = member_of(app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;
    let (status, html) = viewer.get_text(&format!("/evenements/{e}/presences")).await;
    assert_eq!(status, StatusCode::OK);
    let grid = html
        .split("id=\"attendance-grid\"")
        .nth(1)
        .unwrap_or_default();
    let grid = grid.split("</table>").next().unwrap_or_default();
    assert!(
        grid.contains("8 mai 2018") && grid.contains("27 novembre 2018"),
        "{grid}"
    );
    // Sorted by name; Centre Alpha at both sessions, the CPE at the second.
    let alpha_row = grid
        .split("<tr>")
        .find(|r| r.contains("Centre Alpha"))
        .unwrap();
    assert_eq!(alpha_row.matches(">x<").count(), 2, "{alpha_row}");
    let cpe_row = grid
        .split("<tr>")
        .find(|r| r.contains("CPE La Sagamie"))
        .unwrap();
    assert_eq!(cpe_row.matches(">x<").count(), 1, "{cpe_row}");
    assert!(grid.find("Centre Alpha").unwrap() < grid.find("CPE La Sagamie").unwrap());
    assert!(cpe_row.contains("première fois") && !alpha_row.contains("première fois"));
    let every = html
        .split("id=\"every-session\"")
        .nth(1)
        .unwrap_or_default();
    let every = every.split("</section>").next().unwrap_or_default();
    assert!(
        every.contains("Centre Alpha") && !every.contains("CPE La Sagamie"),
        "{every}"
    );
    let counts = html
        .split("id=\"session-counts\"")
        .nth(1)
        .unwrap_or_default();
    assert!(
        counts.contains("<td>8 mai 2018</td><td>1</td><td>1</td>"),
        "{counts}"
    );
    assert!(
        counts.contains("<td>27 novembre 2018</td><td>2</td><td>4</td>"),
        "{counts}"
    );
    assert!(html.contains("<svg"), "the sector chart");
    assert!(html.contains("Communautaire") && html.contains("Services de garde"));
}

#[db_test]
async fn viewers_read_the_table_but_do_not_run_the_check_in(app: &TestApp) {
    let c = check_in_event(app).await;
    let (e, page, josette) = (c.e, c.page(), c.josette);
    let viewer = member_of(app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;

    // Who may: the viewer reads the table but does not run the check-in.
    assert_eq!(viewer.get(&page).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        viewer
            .post_form(&format!("{page}/{josette}/present"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let outsider = member_of(app, "ailleurs@exemple.ca", Role::Member, "autre-table").await;
    assert_eq!(
        outsider
            .get(&format!("/evenements/{e}/presences"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .client()
        .get(&format!("/evenements/{e}/presences"))
        .await;
    assert!(asks_sign_in(&r));
}

#[db_test]
async fn the_check_in_list_is_one_form_and_starts_with_the_first_rows(app: &TestApp) {
    let e = event_with(
        app,
        "Grande rencontre",
        None,
        "published",
        None,
        &[date(2031, 5, 8)],
    )
    .await;
    for i in 0..105 {
        events::register(
            &app.store,
            e,
            &events::RegistrationInput {
                name: format!("Personne {i:03}"),
                email: format!("personne{i}@exemple.ca"),
                organization_text: Some("CPE La Sagamie".to_owned()),
                ..Default::default()
            },
            date(2031, 1, 1),
            |_, _| String::new(),
        )
        .await
        .unwrap()
        .unwrap();
    }
    let regs = events::registrations(app.store.conn(), e).await.unwrap();
    let last = regs.iter().find(|r| r.name == "Personne 104").unwrap().id;
    let first = regs.iter().find(|r| r.name == "Personne 000").unwrap().id;
    let session = events::sessions(app.store.conn(), e).await.unwrap()[0].id;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let page = format!("/evenements/{e}/seances/{session}/accueil");
    let (status, html) = coordinator.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    let rows = html
        .split("id=\"checkin-list\"")
        .nth(1)
        .unwrap()
        .split("id=\"sans-inscription\"")
        .next()
        .unwrap();
    assert_eq!(rows.matches("name=\"csrf\"").count(), 1, "one form: {rows}");
    assert_eq!(rows.matches("<li ").count(), 100, "the first rows");
    assert!(rows.contains("5 autres personnes correspondent"), "{rows}");
    assert!(!rows.contains(&last.to_string()));
    // Searching finds anyone; « Tout afficher » lists everyone.
    let (_, html) = coordinator.get_text(&format!("{page}?q=104")).await;
    assert!(html.contains("Personne 104"));
    let (_, html) = coordinator.get_text(&format!("{page}?tout=1")).await;
    assert_eq!(html.matches("<li class=\"evpages-checkin-row").count(), 105);

    // The pressed button names the registrant; the list comes back as it was.
    let r = coordinator
        .post_form(
            &page,
            &[("present", &last.to_string()), ("q", "104"), ("tout", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    assert!(
        to.contains("q=104&tout=1&ok=flash-evpages-checked-in"),
        "{to}"
    );
    assert!(to.ends_with(&format!("#r-{last}")), "{to}");
    coordinator
        .post_form(&page, &[("present", &last.to_string())])
        .await;
    coordinator
        .post_form(&page, &[("present", &first.to_string())])
        .await;
    let (_, html) = coordinator.get_text(&page).await;
    assert!(
        html.contains("<strong id=\"count-present\">2</strong>"),
        "twice is once: {html}"
    );
    let r = coordinator
        .post_form(&page, &[("annuler", &first.to_string())])
        .await;
    assert!(location(&r).contains("ok=flash-evpages-checkin-undone"));
    let (_, html) = coordinator.get_text(&page).await;
    assert!(html.contains("<strong id=\"count-present\">1</strong>"));
    assert_eq!(
        event_pages::session_attendance(app.store.conn(), session)
            .await
            .unwrap()
            .len(),
        1
    );
    // Neither or a stranger: nothing is written.
    let r = coordinator.post_form(&page, &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = coordinator
        .post_form(&page, &[("present", &Uuid::new_v4().to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
