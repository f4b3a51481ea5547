//! Live participation, the coordinator's pages: a room created through its
//! form, one activity of each kind added through theirs, bad input refused
//! with a French message and nothing written, the presenter opening the
//! next activity, moderation hiding an answer from the projector, and who
//! may reach the pages — on SQLite and PostgreSQL.

use chrono::NaiveDate;
use maillage_domain::Role;
use maillage_domain::live::{ActivityInput, ActivityStatus, AnswerInput};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{self, EventInput, SessionInput};
use maillage_store::repo::live::{self, Room};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

/// A published event of the grouping `slug` with one session; the
/// session's id.
async fn session_of(app: &TestApp, slug: &str, title: &str) -> Uuid {
    let gid = app.grouping(slug).await;
    let event = events::create_event_with_session(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: title.to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..EventInput::default()
        },
        Some(&SessionInput {
            date: NaiveDate::from_ymd_opt(2021, 10, 13).unwrap(),
            starts_at: Some("08:30".to_owned()),
            ends_at: None,
            place: None,
            address: None,
        }),
    )
    .await
    .expect("event");
    events::sessions(app.store.conn(), event.id).await.unwrap()[0].id
}

async fn rooms(app: &TestApp) -> Vec<Room> {
    live::rooms_of_grouping(&app.store, app.grouping("table-de-test").await)
        .await
        .unwrap()
}

/// A room of `table-de-test` made in the store, with activities of these
/// kinds (polls get « Oui » and « Non », boards one column).
async fn room_with(app: &TestApp, kinds: &[&str]) -> (Room, Vec<Uuid>) {
    let actor = Actor::system();
    let now = chrono::Utc::now();
    let room = live::create_room(
        &app.store,
        &actor,
        &live::NewRoom {
            grouping_id: app.grouping("table-de-test").await,
            session_id: None,
            title: "Salle d’essai".to_owned(),
        },
        now,
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for kind in kinds {
        let draft = ActivityInput {
            kind: (*kind).to_owned(),
            prompt: format!("Consigne {kind}"),
            options: vec!["Oui".into(), "Non".into()],
            columns: vec!["Idées".into()],
            ..ActivityInput::default()
        }
        .validate()
        .unwrap();
        ids.push(
            live::add_activity(&app.store, &actor, room.id, &draft, now)
                .await
                .unwrap()
                .id,
        );
    }
    (room, ids)
}

async fn coordinator(app: &TestApp) -> TestClient {
    app.signed_in("coordination-salles@exemple.ca", Role::Coordinator)
        .await
}

fn id_after(location: &str, prefix: &str) -> Uuid {
    let rest = location
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{location} starts with {prefix}"));
    Uuid::parse_str(&rest[..36]).expect("an id")
}

#[db_test]
async fn live_rooms_a_room_and_one_activity_of_each_kind_through_the_forms(app: &TestApp) {
    let session = session_of(app, "table-de-test", "Rencontre d’octobre").await;
    let client = coordinator(app).await;
    let (status, html) = client.get_text("/regroupements/table-de-test/salles").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aucune salle pour l’instant."), "{html}");
    assert!(html.contains("Rencontre d’octobre — 13 octobre 2021, 8 h 30"));

    let r = client
        .post_form(
            "/regroupements/table-de-test/salles",
            &[
                ("title", "Forum des partenaires"),
                ("session", &session.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let created = location(&r);
    let room_id = id_after(&created, "/salles/");
    let room = live::find_room(&app.store, room_id).await.unwrap().unwrap();
    assert_eq!(room.session_id, Some(session));
    assert!(room.open);

    let href = format!("/salles/{room_id}");
    let (status, html) = client.get_text(&created).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&room.code.display()),
        "the code « 1530 4040 »"
    );
    assert!(html.contains(&format!("/rejoindre/{}", room.code)));
    assert!(html.contains("La salle est créée."), "the flash");

    let add = format!("{href}/activites");
    let forms: [&[(&str, &str)]; 5] = [
        &[
            ("kind", "word_cloud"),
            ("prompt", "Un mot pour la journée"),
            ("max_words", "2"),
        ],
        &[
            ("kind", "board"),
            ("prompt", "Nos idées"),
            ("columns", "Forces\nDéfis\n\n"),
        ],
        &[
            ("kind", "poll"),
            ("prompt", "Quel thème d’abord ?"),
            ("options", "Logement\nTransport\nAlimentation"),
            ("multiple", "on"),
        ],
        &[
            ("kind", "scale"),
            ("prompt", "Votre énergie"),
            ("min", "0"),
            ("max", "10"),
            ("min_label", "À plat"),
            ("max_label", "En feu"),
        ],
        &[("kind", "questions"), ("prompt", "Vos questions")],
    ];
    for fields in forms {
        let r = client.post_form(&add, fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{fields:?}");
        assert!(location(&r).starts_with(&href));
    }
    let activities = live::activities(&app.store, room_id).await.unwrap();
    let kinds: Vec<&str> = activities.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, ["word_cloud", "board", "poll", "scale", "questions"]);
    assert_eq!(activities[0].settings.max_words, Some(2));
    assert_eq!(activities[1].settings.columns, ["Forces", "Défis"]);
    assert!(activities[2].settings.multiple);
    assert_eq!(activities[2].settings.options.len(), 3);
    assert_eq!(activities[3].settings.scale(), (0, 10));
    assert_eq!(activities[3].settings.max_label.as_deref(), Some("En feu"));
    assert!(activities.iter().all(|a| a.status == ActivityStatus::Draft));

    // The list counts them.
    let (_, html) = client.get_text("/regroupements/table-de-test/salles").await;
    assert!(html.contains("Forum des partenaires"));
    assert!(html.contains("5 activités"), "{html}");
}

#[db_test]
async fn live_rooms_an_activity_edited_moved_and_a_room_deleted(app: &TestApp) {
    let (room, ids) = room_with(app, &["word_cloud", "poll", "questions"]).await;
    let client = coordinator(app).await;
    let href = format!("/salles/{}", room.id);
    let room_id = room.id;
    // The edit form keeps the kind and saves.
    let (status, html) = client
        .get_text(&format!("{href}/activites/{}/modifier", ids[1]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Consigne poll"));
    let poll = ids[1];
    let r = client
        .post_form(
            &format!("{href}/activites/{poll}/modifier"),
            &[
                ("kind", "questions"),
                ("prompt", "Quel thème en premier ?"),
                ("options", "Logement\nTransport"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let poll = live::find_activity(&app.store, room_id, poll)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(poll.kind.as_str(), "poll");
    assert_eq!(poll.prompt, "Quel thème en premier ?");
    assert_eq!(poll.settings.options, ["Logement", "Transport"]);

    // Moving the last one up puts it before the poll.
    let last = ids[2];
    let r = client
        .post_form(&format!("{href}/activites/{last}/monter"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let order: Vec<Uuid> = live::activities(&app.store, room_id)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(order[1], last);

    // Deleting asks on a page first, then deletes.
    let (status, html) = client.get_text(&format!("{href}/supprimer")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Salle d’essai"));
    let r = client.post_form(&format!("{href}/supprimer"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/regroupements/table-de-test/salles"));
    assert!(
        live::find_room(&app.store, room_id)
            .await
            .unwrap()
            .is_none()
    );
}

#[db_test]
async fn live_rooms_a_bad_room_says_so_in_french_and_writes_nothing(app: &TestApp) {
    let foreign = session_of(app, "autre-table", "Rencontre d’ailleurs").await;
    let client = coordinator(app).await;
    let list = "/regroupements/table-de-test/salles";
    let room_cases: [(&[(&str, &str)], &str); 4] = [
        (&[("title", "   ")], "Donnez un titre à la salle"),
        (
            &[("title", "Salle"), ("session", &Uuid::new_v4().to_string())],
            "Cette séance n’appartient pas à un événement du regroupement.",
        ),
        (
            &[("title", "Salle"), ("session", &foreign.to_string())],
            "Cette séance n’appartient pas à un événement du regroupement.",
        ),
        (
            &[("title", "Salle"), ("session", "pas-un-identifiant")],
            "Cette séance n’appartient pas à un événement du regroupement.",
        ),
    ];
    for (fields, message) in room_cases {
        let r = client.post_form(list, fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        let html = body(r).await;
        assert!(html.contains(message), "{fields:?}: {html}");
        assert!(html.contains("name=\"title\""), "the form again");
    }
    assert!(rooms(app).await.is_empty(), "no room written");
}

#[db_test]
async fn live_rooms_a_bad_activity_says_so_in_french_and_writes_nothing(app: &TestApp) {
    let client = coordinator(app).await;

    let (room, _) = room_with(app, &[]).await;
    let add = format!("/salles/{}/activites", room.id);
    let activity_cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("kind", "word_cloud"), ("prompt", "  ")],
            "Écrivez la consigne de l’activité.",
        ),
        (
            &[
                ("kind", "poll"),
                ("prompt", "Un seul choix"),
                ("options", "Oui\n\n"),
            ],
            "Un sondage demande au moins deux options différentes.",
        ),
        (
            &[
                ("kind", "poll"),
                ("prompt", "Pareil"),
                ("options", "Oui\noui"),
            ],
            "Un sondage demande au moins deux options différentes.",
        ),
        (
            &[
                ("kind", "scale"),
                ("prompt", "À l’envers"),
                ("min", "5"),
                ("max", "1"),
            ],
            "Les bornes de l’échelle vont de 0 à 10, la plus petite d’abord.",
        ),
        (
            &[
                ("kind", "scale"),
                ("prompt", "Pas un nombre"),
                ("min", "un"),
            ],
            "Les bornes de l’échelle vont de 0 à 10, la plus petite d’abord.",
        ),
        (
            &[
                ("kind", "board"),
                ("prompt", "Sans colonne"),
                ("columns", ""),
            ],
            "Un tableau demande au moins une colonne.",
        ),
    ];
    for (fields, message) in activity_cases {
        let r = client.post_form(&add, fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        let html = body(r).await;
        assert!(html.contains(message), "{fields:?}: {html}");
    }
    // What was typed stays in its form.
    let r = client
        .post_form(
            &add,
            &[
                ("kind", "poll"),
                ("prompt", "Gardée telle quelle"),
                ("options", "Seule"),
            ],
        )
        .await;
    let html = body(r).await;
    assert!(html.contains("Gardée telle quelle"));
    assert!(
        live::activities(&app.store, room.id)
            .await
            .unwrap()
            .is_empty(),
        "no activity written"
    );
}

#[db_test]
async fn live_rooms_the_presenter_opens_the_next_activity(app: &TestApp) {
    let (room, ids) = room_with(app, &["word_cloud", "poll", "questions"]).await;
    let client = coordinator(app).await;
    let presenter = format!("/salles/{}/animation", room.id);
    let (status, html) = client.get_text(&presenter).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Consigne word_cloud"));
    assert!(html.contains(&format!("/api/v1/live/{}/events", room.code)));
    assert!(html.contains("id=\"open-current\""));

    let r = client
        .post_form(
            &format!("/salles/{}/activites/{}/ouvrir", room.id, ids[0]),
            &[("retour", "animation")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&presenter));
    let (_, html) = client.get_text(&presenter).await;
    let next = format!("/salles/{}/activites/{}/ouvrir", room.id, ids[1]);
    assert!(html.contains(&next), "« Suivante » opens the poll");
    assert!(html.contains("Suivante"));

    let r = client.post_form(&next, &[("retour", "animation")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let open = live::open_activity(&app.store, room.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(open.id, ids[1]);
    let first = live::find_activity(&app.store, room.id, ids[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.status, ActivityStatus::Closed);
    let (_, html) = client.get_text(&presenter).await;
    assert!(html.contains("Consigne poll"));
    assert!(html.contains(&format!("/salles/{}/activites/{}/ouvrir", room.id, ids[0])));

    // The live part alone, for static/live.js.
    let fragment = client
        .http
        .get(client.url(&presenter))
        .header("X-Live-Fragment", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(fragment.status(), StatusCode::OK);
    let html = body(fragment).await;
    assert!(!html.contains("<html"), "no layout");
    assert!(html.contains("Consigne poll"));
}

#[db_test]
async fn live_rooms_moderation_hides_an_answer_from_the_projector(app: &TestApp) {
    let (room, ids) = room_with(app, &["word_cloud"]).await;
    let now = chrono::Utc::now();
    live::start_activity(&app.store, room.id, ids[0], now)
        .await
        .unwrap();
    let mut answers = Vec::new();
    for (n, text) in ["Écoute active", "Grossièreté", "Confiance"]
        .iter()
        .enumerate()
    {
        let who = live::join(
            &app.store,
            &room,
            &format!("empreinte-{n}"),
            None,
            None,
            now,
        )
        .await
        .unwrap();
        let input = AnswerInput {
            text: Some((*text).to_owned()),
            ..AnswerInput::default()
        };
        answers.push(
            live::answer(&app.store, &who, ids[0], &input, now)
                .await
                .unwrap(),
        );
    }
    let client = coordinator(app).await;
    let projector = format!("/salles/{}/projection", room.id);
    let (status, html) = client.get_text(&projector).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Grossièreté"));
    assert!(
        html.contains(&format!("/rejoindre/{}", room.code)),
        "the full join URL"
    );
    assert!(html.contains("http://"), "{html}");

    let r = client
        .post_form(
            &format!("/salles/{}/reponses/{}/masquer", room.id, answers[1]),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = client.get_text(&projector).await;
    assert!(!html.contains("Grossièreté"), "hidden from the room");
    assert!(html.contains("Écoute active"));
    // The presenter still lists it, as hidden.
    let (_, html) = client
        .get_text(&format!("/salles/{}/animation", room.id))
        .await;
    assert!(html.contains("Grossièreté"));
    assert!(html.contains("Masquée"));

    // Merging one answer into another leaves one word on the projector.
    let r = client
        .post_form(
            &format!("/salles/{}/reponses/{}/fusionner", room.id, answers[2]),
            &[("into", &answers[0].to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = client.get_text(&projector).await;
    assert!(!html.contains("Confiance"));

    // Results hidden to participants are hidden on the projector too.
    let r = client
        .post_form(
            &format!("/salles/{}/activites/{}/masquer-resultats", room.id, ids[0]),
            &[("retour", "animation")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = client.get_text(&projector).await;
    assert!(!html.contains("Écoute active"));
    assert!(html.contains("Les résultats seront dévoilés bientôt."));
    let (_, html) = client
        .get_text(&format!("/salles/{}/animation", room.id))
        .await;
    assert!(
        html.contains("Écoute active"),
        "the presenter sees them always"
    );
    assert!(html.contains("la projection les masque aussi"));
}

#[db_test]
async fn live_rooms_only_the_groupings_coordinators_may_run_its_rooms(app: &TestApp) {
    let (room, ids) = room_with(app, &["questions"]).await;
    let now = chrono::Utc::now();
    live::start_activity(&app.store, room.id, ids[0], now)
        .await
        .unwrap();
    let who = live::join(&app.store, &room, "empreinte", None, None, now)
        .await
        .unwrap();
    let input = AnswerInput {
        text: Some("Une question ?".to_owned()),
        ..AnswerInput::default()
    };
    let answer = live::answer(&app.store, &who, ids[0], &input, now)
        .await
        .unwrap();
    let r = format!("/salles/{}", room.id);
    let a = format!("{r}/activites/{}", ids[0]);
    let q = format!("{r}/reponses/{answer}");
    let gets = [
        "/regroupements/table-de-test/salles".to_owned(),
        r.clone(),
        format!("{r}/animation"),
        format!("{r}/projection"),
        format!("{r}/supprimer"),
        format!("{a}/modifier"),
    ];
    let posts = [
        "/regroupements/table-de-test/salles".to_owned(),
        format!("{r}/modifier"),
        format!("{r}/fermer"),
        format!("{r}/rouvrir"),
        format!("{r}/activites"),
        format!("{a}/modifier"),
        format!("{a}/monter"),
        format!("{a}/descendre"),
        format!("{a}/ouvrir"),
        format!("{a}/fermer"),
        format!("{a}/masquer-resultats"),
        format!("{a}/afficher-resultats"),
        format!("{q}/masquer"),
        format!("{q}/afficher"),
        format!("{q}/repondue"),
        format!("{q}/non-repondue"),
        format!("{q}/fusionner"),
        format!("{a}/supprimer"),
        format!("{r}/supprimer"),
    ];
    let other = member_of(app, "ailleurs@exemple.ca", Role::Coordinator, "autre-table").await;
    let anonymous = app.client();
    for path in &gets {
        assert_eq!(
            other.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        let r = anonymous.get(path).await;
        assert!(asks_sign_in(&r), "{path}: {}", r.status());
    }
    for path in &posts {
        let fields = [
            ("title", "Prise"),
            ("kind", "questions"),
            ("prompt", "Prise"),
        ];
        assert_eq!(
            other.post_form(path, &fields).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        let r = anonymous.post_form(path, &fields).await;
        assert!(asks_sign_in(&r), "{path}: {}", r.status());
    }
    // Nothing moved.
    let after = live::find_room(&app.store, room.id).await.unwrap().unwrap();
    assert!(after.open);
    assert_eq!(after.title, room.title);
    assert_eq!(
        live::activities(&app.store, room.id).await.unwrap().len(),
        1
    );
    assert_eq!(rooms(app).await.len(), 1);
    let answers = live::answers(&app.store, ids[0]).await.unwrap();
    assert!(!answers[0].hidden && !answers[0].answered);
}
