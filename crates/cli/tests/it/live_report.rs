//! What a live room leaves behind, end to end on SQLite and PostgreSQL:
//! the CSV of every answer, the word cloud as SVG and PNG, the event's
//! bilan (the cloud, the poll, the board's post-its in place of the
//! typed-in mosaic), post-its turned into plan actions, and the demo's
//! rooms of seeds 003 and 004.

use chrono::Utc;
use maillage_domain::Role;
use maillage_domain::live::{ActivityInput, AnswerInput};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::live::{self, Activity, NewRoom, Participant, Room};
use maillage_store::repo::plans::{self, PlanInput};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::events_report::osons_event;
use crate::harness::{TestApp, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

/// A room of the event's first session with a word cloud, a board and a
/// poll, all answered, and its ids.
struct Scene {
    event: Uuid,
    room: Room,
    cloud: Activity,
    board: Activity,
    poll: Activity,
    sticky: Uuid,
    html_sticky: Uuid,
}

async fn activity(app: &TestApp, room: &Room, input: ActivityInput) -> Activity {
    live::add_activity(
        &app.store,
        &Actor::system(),
        room.id,
        &input.validate().expect("a valid activity"),
        Utc::now(),
    )
    .await
    .expect("an activity")
}

async fn participant(app: &TestApp, room: &Room, n: usize) -> Participant {
    live::join(
        &app.store,
        room,
        &maillage_domain::token::digest(&format!("appareil-{}-{n}", room.id)),
        Some(format!("Personne {n}")),
        None,
        Utc::now(),
    )
    .await
    .expect("joins")
}

async fn answer(app: &TestApp, who: &Participant, activity: &Activity, input: AnswerInput) -> Uuid {
    live::start_activity(&app.store, activity.room_id, activity.id, Utc::now())
        .await
        .expect("opens");
    live::answer(&app.store, who, activity.id, &input, Utc::now())
        .await
        .expect("an answer")
}

fn text(t: &str) -> AnswerInput {
    AnswerInput {
        text: Some(t.to_owned()),
        ..AnswerInput::default()
    }
}

fn sticky(column: &str, t: &str) -> AnswerInput {
    AnswerInput {
        column: Some(column.to_owned()),
        ..text(t)
    }
}

/// A room of `event`'s first session in `table-de-test`.
async fn room_of(app: &TestApp, event: Uuid, title: &str) -> Room {
    let session = maillage_store::repo::events::sessions(app.store.conn(), event)
        .await
        .unwrap()[0]
        .id;
    live::create_room(
        &app.store,
        &Actor::system(),
        &NewRoom {
            grouping_id: app.grouping("table-de-test").await,
            session_id: Some(session),
            title: title.to_owned(),
        },
        Utc::now(),
    )
    .await
    .expect("a room")
}

async fn scene(app: &TestApp) -> Scene {
    let event = osons_event(app).await;
    let room = room_of(app, event, "Collaboration École-famille").await;
    let cloud = activity(
        app,
        &room,
        ActivityInput {
            kind: "word_cloud".to_owned(),
            prompt: "3 mots-clés…".to_owned(),
            max_words: Some(3),
            ..ActivityInput::default()
        },
    )
    .await;
    let board = activity(
        app,
        &room,
        ActivityInput {
            kind: "board".to_owned(),
            prompt: "Pour résoudre ces enjeux, quelles actions ?".to_owned(),
            columns: vec!["Les REbelles".to_owned(), "Recrutement".to_owned()],
            ..ActivityInput::default()
        },
    )
    .await;
    let poll = activity(
        app,
        &room,
        ActivityInput {
            kind: "poll".to_owned(),
            prompt: "Votre sujet chouchou ?".to_owned(),
            options: vec!["Le savoir-être".to_owned(), "Les partenaires".to_owned()],
            ..ActivityInput::default()
        },
    )
    .await;
    let people = [
        participant(app, &room, 1).await,
        participant(app, &room, 2).await,
        participant(app, &room, 3).await,
    ];
    answer(app, &people[0], &cloud, text("Écoute, Confiance")).await;
    answer(app, &people[1], &cloud, text("Écoute")).await;
    answer(app, &people[2], &cloud, text("l’écoute, Respect")).await;
    let sticky_id = answer(
        app,
        &people[0],
        &board,
        sticky("Les REbelles", "Se téléphoner souvent"),
    )
    .await;
    let html_sticky = answer(
        app,
        &people[1],
        &board,
        sticky("Recrutement", "<b>Afficher</b> les postes, =1+1"),
    )
    .await;
    answer(
        app,
        &people[2],
        &poll,
        AnswerInput {
            choices: Some(vec!["Les partenaires".to_owned()]),
            ..AnswerInput::default()
        },
    )
    .await;
    live::stop_activity(&app.store, room.id, poll.id, Utc::now())
        .await
        .unwrap();
    Scene {
        event,
        room,
        cloud,
        board,
        poll,
        sticky: sticky_id,
        html_sticky,
    }
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[db_test]
async fn the_csv_holds_every_answer_as_text(app: &TestApp) {
    let s = scene(app).await;
    let coordinator = member_of(app, "coordo@exemple.ca", Role::Coordinator, "table-de-test").await;
    let r = coordinator
        .get(&format!("/salles/{}/export.csv", s.room.id))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(header(&r, "content-type").starts_with("text/csv"));
    assert_eq!(
        header(&r, "content-disposition"),
        "attachment; filename=\"salle-collaboration-ecole-famille.csv\""
    );
    let csv = r.text().await.unwrap();
    let rest = csv.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new().from_reader(rest.as_bytes());
    let labels: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        labels,
        [
            "Activité (position)",
            "Type",
            "Consigne",
            "Colonne",
            "Texte",
            "Choix",
            "Valeur",
            "Votes",
            "Répondue",
            "Masquée",
            "Fusionnée dans",
            "Surnom",
            "Équipe",
            "Date et heure (ISO 8601)",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "one row per answer: 3 + 2 + 1");
    assert_eq!(&rows[0][0], "1");
    assert_eq!(&rows[0][1], "Nuage de mots");
    assert_eq!(&rows[0][4], "Écoute, Confiance");
    assert_eq!(&rows[0][11], "Personne 1");
    assert!(rows[0][13].ends_with('Z') && rows[0][13].contains('T'));
    let html = rows
        .iter()
        .find(|r| &r[3] == "Recrutement")
        .expect("the post-it");
    assert_eq!(&html[1], "Tableau de post-it");
    assert_eq!(
        &html[4], "<b>Afficher</b> les postes, =1+1",
        "HTML stays text"
    );
    let vote = rows.iter().find(|r| &r[0] == "3").expect("the poll");
    assert_eq!(&vote[5], "Les partenaires");
    assert_eq!(&vote[8], "non");
}

#[db_test]
async fn the_word_cloud_is_drawn_as_svg_and_png(app: &TestApp) {
    let s = scene(app).await;
    let coordinator = member_of(app, "coordo@exemple.ca", Role::Coordinator, "table-de-test").await;
    let base = format!("/salles/{}/activites/{}", s.room.id, s.cloud.id);
    let r = coordinator.get(&format!("{base}/nuage.svg")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(header(&r, "content-type").starts_with("image/svg+xml"));
    assert!(
        header(&r, "content-disposition").contains("salle-collaboration-ecole-famille-nuage-1.svg")
    );
    let svg = r.text().await.unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(
        svg.contains("Écoute (3)"),
        "Écoute, écoute and l’écoute are one word: {svg}"
    );
    let r = coordinator.get(&format!("{base}/nuage.png")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-type"), "image/png");
    let png = r.bytes().await.unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));

    let board = format!("/salles/{}/activites/{}/nuage.svg", s.room.id, s.board.id);
    assert_eq!(
        coordinator.get(&board).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn another_groupings_coordinator_gets_no_export(app: &TestApp) {
    let s = scene(app).await;
    let other = member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await;
    for path in [
        format!("/salles/{}/export.csv", s.room.id),
        format!("/salles/{}/activites/{}/nuage.svg", s.room.id, s.cloud.id),
        format!("/salles/{}/activites/{}/nuage.png", s.room.id, s.cloud.id),
        format!("/salles/{}/post-it", s.room.id),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert!(asks_sign_in(&app.client().get(&path).await), "{path}");
    }
}

fn section<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"section-{key}\""))
        .unwrap_or_else(|| panic!("no section {key}"));
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    &rest[..end]
}

#[db_test]
async fn the_bilan_keeps_the_room(app: &TestApp) {
    let s = scene(app).await;
    let coordinator = member_of(app, "coordo@exemple.ca", Role::Coordinator, "table-de-test").await;
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{}/bilan", s.event))
        .await;
    assert_eq!(status, StatusCode::OK);
    let teams = section(&html, "equipes");
    assert!(teams.contains("Se téléphoner souvent"), "{teams}");
    assert!(
        teams.contains("Recrutement\u{a0}: ") && teams.contains("Afficher"),
        "a column of no team is kept: {teams}"
    );
    assert!(!teams.contains("<b>"), "a post-it's HTML is text");
    assert!(
        !teams.contains("Oser appeler les partenaires"),
        "the typed-in post-its give way to the board's"
    );
    assert!(teams.contains("id=\"bilan-mosaique-direct\""));
    assert!(teams.contains("Josette"), "the teams stay as they were");
    let live = section(&html, "direct");
    assert!(live.contains("Participation en direct"), "{live}");
    assert!(live.contains("Salle «\u{a0}Collaboration École-famille\u{a0}»"));
    assert!(live.contains("Nuage de mots · 3 mots-clés…"));
    assert!(
        live.contains("<svg") && live.contains("Écoute (3)"),
        "{live}"
    );
    assert!(live.contains("Votre sujet chouchou ?"));
    assert!(live.contains("Les partenaires"));

    // The standalone file carries the cloud inline (it loads nothing).
    let (status, file) = coordinator
        .get_text(&format!("/evenements/{}/bilan.html", s.event))
        .await;
    assert_eq!(status, StatusCode::OK);
    let live = section(&file, "direct");
    assert!(live.contains("<svg") && !live.contains("<img"), "{live}");

    // Without post-its on its boards the typed-in mosaic stays.
    live::set_answer_hidden(&app.store, &Actor::system(), s.room.id, s.sticky, true)
        .await
        .unwrap();
    live::set_answer_hidden(&app.store, &Actor::system(), s.room.id, s.html_sticky, true)
        .await
        .unwrap();
    let (_, html) = coordinator
        .get_text(&format!("/evenements/{}/bilan", s.event))
        .await;
    let teams = section(&html, "equipes");
    assert!(teams.contains("Oser appeler les partenaires"), "{teams}");
    assert!(!teams.contains("bilan-mosaique-direct"));
    let _ = s.poll;
}

async fn strategy_of(app: &TestApp, slug: &str, title: &str) -> Uuid {
    let plan = plans::create_plan(
        &app.store,
        &Actor::system(),
        app.grouping(slug).await,
        &PlanInput {
            title: title.to_owned(),
            description: None,
            start_year: 2021,
            end_year: 2024,
            status: "draft".to_owned(),
            weighting: "equal".to_owned(),
        },
    )
    .await
    .unwrap();
    let orientation =
        plans::create_orientation(app.store.conn(), plan.id, "Le lien école-famille", None)
            .await
            .unwrap();
    plans::create_strategy(app.store.conn(), &orientation, "Aller vers les familles")
        .await
        .unwrap()
        .id
}

#[db_test]
async fn a_post_it_becomes_an_action_in_one_click(app: &TestApp) {
    let s = scene(app).await;
    let strategy = strategy_of(app, "table-de-test", "Plan 2021-2024").await;
    let foreign = strategy_of(app, "autre-table", "Plan d’ailleurs").await;
    let coordinator = member_of(app, "coordo@exemple.ca", Role::Coordinator, "table-de-test").await;
    let page = format!("/salles/{}/post-it", s.room.id);
    let (status, html) = coordinator.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    let form = format!("/salles/{}/reponses/{}/action", s.room.id, s.sticky);
    assert!(html.contains(&format!("action=\"{form}\"")), "{html}");
    assert!(
        html.contains(&format!("name=\"strategie\" value=\"{strategy}\"")),
        "one strategy: no choice to make"
    );

    // Another grouping's plan, a word-cloud answer, no strategy: refused.
    let r = coordinator
        .post_form(&form, &[("strategie", &foreign.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Choisissez une stratégie"));
    let cloud_answer = live::answers(&app.store, s.cloud.id).await.unwrap()[0].id;
    let r = coordinator
        .post_form(
            &format!("/salles/{}/reponses/{cloud_answer}/action", s.room.id),
            &[("strategie", &strategy.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = coordinator.post_form(&form, &[("strategie", "")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        live::answers(&app.store, s.board.id)
            .await
            .unwrap()
            .iter()
            .all(|a| a.action_id.is_none()),
        "nothing written"
    );

    let r = coordinator
        .post_form(&form, &[("strategie", &strategy.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&page), "{}", location(&r));
    let action = live::answers(&app.store, s.board.id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.id == s.sticky)
        .and_then(|a| a.action_id)
        .expect("linked to its action");
    let model = plans::action(app.store.conn(), action)
        .await
        .unwrap()
        .expect("the action");
    assert_eq!(model.title, "Se téléphoner souvent");
    assert_eq!(model.strategy_id, strategy);

    let (_, html) = coordinator.get_text(&page).await;
    assert!(
        html.contains(&format!("href=\"/actions/{action}\"")),
        "{html}"
    );
    assert!(html.contains("Voir l’action du plan"));
    // A second click keeps the one action.
    coordinator
        .post_form(&form, &[("strategie", &strategy.to_string())])
        .await;
    let outline = plans::outline(app.store.conn(), model.plan_id)
        .await
        .unwrap();
    assert_eq!(outline.actions().len(), 1);

    let (status, html) = coordinator.get_text(&format!("/actions/{action}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Issue d’un post-it de la salle «\u{a0}Collaboration École-famille\u{a0}»"),
        "{html}"
    );
}

#[db_test]
async fn the_demo_keeps_the_seed_003_cloud_and_the_seed_004_mosaic(app: &TestApp) {
    use maillage_store::demo_live::{SEED_003_GROUPING, SEED_003_ROOM, SEED_004_ROOM};
    maillage_store::demo::load(&app.store).await.unwrap();
    maillage_store::demo::load(&app.store).await.unwrap();
    let conn = app.store.conn();
    let grouping = maillage_store::repo::groupings::find_by_slug(conn, SEED_003_GROUPING)
        .await
        .unwrap()
        .unwrap();
    let rooms = live::rooms_of_grouping(&app.store, grouping.id)
        .await
        .unwrap();
    assert_eq!(rooms.len(), 1, "loaded twice, kept once");
    let room = &rooms[0];
    assert_eq!(room.title, SEED_003_ROOM);
    assert!(!room.open, "closed after the meeting");
    let activities = live::activities(&app.store, room.id).await.unwrap();
    let results = live::results(&app.store, &activities[0]).await.unwrap();
    let json = serde_json::to_value(&results).unwrap();
    assert_eq!(json["kind"], "word_cloud");
    assert_eq!(json["answers"], 30);
    assert_eq!(
        json["words"][0],
        serde_json::json!({"text": "Confiance", "count": 9})
    );
    let ecoute = json["words"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["text"] == "Écoute")
        .expect("Écoute");
    assert_eq!(ecoute["count"], 7, "Écoute, écoute, l’écoute and Écoutes");
    let board = live::results(&app.store, &activities[1]).await.unwrap();
    let board = serde_json::to_value(&board).unwrap();
    let columns: Vec<&str> = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        columns,
        [
            "Recrutement",
            "Multiplicité d’agents",
            "Ressources limitées",
            "Pérennité des actions",
            "Autres"
        ]
    );

    // The event's bilan shows the cloud; « Osons l'aventure »'s mosaic is
    // the board's.
    let admin = app.signed_in("admin@exemple.ca", Role::Admin).await;
    let event = maillage_store::repo::events::events_of(conn, Some(&[grouping.id]))
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.title == "Collaboration École-famille")
        .expect("the seed 003 event");
    let (status, html) = admin
        .get_text(&format!("/evenements/{}/bilan", event.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    let live = section(&html, "direct");
    assert!(live.contains("Écoute (7)"), "{live}");
    let svg = admin
        .get_text(&format!(
            "/salles/{}/activites/{}/nuage.svg",
            room.id, activities[0].id
        ))
        .await
        .1;
    assert!(svg.contains("Écoute (7)"));

    let commun = maillage_store::repo::groupings::find_by_slug(conn, "commun-enfant-jonquiere")
        .await
        .unwrap()
        .unwrap();
    let mosaic = live::rooms_of_grouping(&app.store, commun.id)
        .await
        .unwrap();
    assert_eq!(mosaic.len(), 1);
    assert_eq!(mosaic[0].title, SEED_004_ROOM);
    let osons = maillage_store::repo::events::events_of(conn, Some(&[commun.id]))
        .await
        .unwrap()
        .remove(0);
    let (_, html) = admin
        .get_text(&format!("/evenements/{}/bilan", osons.id))
        .await;
    let teams = section(&html, "equipes");
    assert!(teams.contains("id=\"bilan-mosaique-direct\""));
    assert!(teams.contains("Kit d'accueil (co-construit) pour les intervenants"));
}

/// The routes table's room: one of `table-de-test` with an answered word
/// cloud and a post-it (`export_room`, `export_activity`, `export_answer`).
pub(crate) async fn route_fixture(
    app: &TestApp,
    ids: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    let event = ids
        .iter()
        .find(|(k, _)| *k == "event")
        .and_then(|(_, v)| Uuid::parse_str(v).ok())
        .expect("the event fixture comes first");
    let room = room_of(app, event, "Salle des routes").await;
    let cloud = activity(
        app,
        &room,
        ActivityInput {
            kind: "word_cloud".to_owned(),
            prompt: "Un mot".to_owned(),
            ..ActivityInput::default()
        },
    )
    .await;
    let board = activity(
        app,
        &room,
        ActivityInput {
            kind: "board".to_owned(),
            prompt: "Des idées".to_owned(),
            columns: vec!["Idées".to_owned()],
            ..ActivityInput::default()
        },
    )
    .await;
    let who = participant(app, &room, 1).await;
    answer(app, &who, &cloud, text("Écoute")).await;
    let sticky = answer(app, &who, &board, sticky("Idées", "Une idée")).await;
    vec![
        ("export_room", room.id.to_string()),
        ("export_activity", cloud.id.to_string()),
        ("export_answer", sticky.to_string()),
    ]
}
