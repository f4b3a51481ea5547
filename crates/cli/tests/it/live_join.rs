//! The participants' phone pages (`/rejoindre`): joining by a typed code,
//! unknown codes and guessing, the join form (nickname, team), answering
//! each kind of activity through the forms, the refusals (second poll
//! vote, closed activity, empty, too long) with their French messages,
//! answers shown as text, a device of another room, an activity of another
//! room, and 30 phones whose word-cloud variants make one group — on
//! SQLite and PostgreSQL.

use maillage_domain::live::{ActivityInput, Results};
use maillage_store::entity::live_participant;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::SessionInput;
use maillage_store::repo::live::{self as repo, Activity, NewRoom, Room};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, body, location};
use maillage_test_macros::db_test;

/// An open room of `table-de-test`, held at `session` when given.
pub(crate) async fn room(app: &TestApp, title: &str, session: Option<Uuid>) -> Room {
    let grouping_id = app.grouping("table-de-test").await;
    repo::create_room(
        &app.store,
        &Actor::system(),
        &NewRoom {
            grouping_id,
            session_id: session,
            title: title.to_owned(),
        },
        chrono::Utc::now(),
    )
    .await
    .expect("a room")
}

/// An activity of `room`, open now.
async fn open(app: &TestApp, room: &Room, input: ActivityInput) -> Activity {
    let draft = input.validate().expect("a valid activity");
    let activity = repo::add_activity(
        &app.store,
        &Actor::system(),
        room.id,
        &draft,
        chrono::Utc::now(),
    )
    .await
    .expect("an activity");
    repo::start_activity(&app.store, room.id, activity.id, chrono::Utc::now())
        .await
        .expect("opened")
}

fn input(kind: &str, prompt: &str) -> ActivityInput {
    ActivityInput {
        kind: kind.to_owned(),
        prompt: prompt.to_owned(),
        ..ActivityInput::default()
    }
}

/// The route table's placeholder `{live_code}`: an open room's code.
pub(crate) async fn fixture(app: &TestApp) -> Vec<(&'static str, String)> {
    let room = room(app, "Salle des routes", None).await;
    open(
        app,
        &room,
        input("word_cloud", "Un mot pour la table des routes"),
    )
    .await;
    vec![("live_code", room.code.to_string())]
}

/// A new device that joined `room` through its form (no nickname, no team).
async fn phone(app: &TestApp, room: &Room) -> TestClient {
    let client = app.client();
    let r = client.post_form(&room.code.join_path(), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the device joins");
    client
}

fn answer_path(room: &Room, activity: &Activity) -> String {
    format!("{}/activites/{}", room.code.join_path(), activity.id)
}

async fn results(app: &TestApp, room: &Room, activity_id: Uuid) -> Results {
    let activity = repo::find_activity(&app.store, room.id, activity_id)
        .await
        .unwrap()
        .expect("the activity");
    repo::results(&app.store, &activity).await.unwrap()
}

#[db_test]
async fn live_join_by_typed_code(app: &TestApp) {
    let room = room(app, "Table de quartier", None).await;
    let visitor = app.client();
    for path in ["/rejoindre", "/join"] {
        let (status, html) = visitor.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains("inputmode=\"numeric\""), "{path}: {html}");
        assert!(html.contains("autocomplete=\"off\""));
        assert!(html.contains("action=\"/rejoindre\""));
    }
    let code = room.code.as_str();
    for typed in [
        format!("{} {}", &code[..4], &code[4..]),
        format!("{}-{}", &code[..4], &code[4..]),
        format!(" {code} "),
    ] {
        let r = visitor.post_form("/rejoindre", &[("code", &typed)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{typed:?}");
        assert_eq!(location(&r), format!("/rejoindre/{code}"));
    }
    // Not yet joined: the room's page asks for the optional nickname.
    let (status, html) = visitor.get_text(&format!("/rejoindre/{code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Table de quartier"), "{html}");
    assert!(html.contains("id=\"join-room\""), "{html}");

    let r = visitor
        .post_form("/rejoindre", &[("code", "1530 404")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(
        html.contains("Le code compte 8\u{a0}chiffres")
            || html.contains("Le code compte 8 chiffres"),
        "{html}"
    );
    assert!(
        html.contains("value=\"1530 404\""),
        "what was typed stays: {html}"
    );

    // A code no open room holds (a closed room's neither).
    let other = if code == "99999999" {
        "88888888"
    } else {
        "99999999"
    };
    let r = visitor.post_form("/rejoindre", &[("code", other)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(
        body(r)
            .await
            .contains("Aucune salle ouverte ne porte ce code")
    );
    repo::close_room(&app.store, &Actor::system(), room.id, chrono::Utc::now())
        .await
        .unwrap();
    let r = visitor.post_form("/rejoindre", &[("code", code)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a closed room's code");
    let (status, _) = visitor.get_text(&format!("/rejoindre/{code}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[db_test]
async fn live_join_guessing_is_refused_with_429(app: &TestApp) {
    let room = room(app, "Salle devinée", None).await;
    let guesser = app.client();
    let mut refused_at = None;
    for n in 0..40u32 {
        let guess = format!("{:08}", 10_000_000 + n);
        if guess == room.code.as_str() {
            continue;
        }
        let r = guesser.post_form("/rejoindre", &[("code", &guess)]).await;
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            refused_at = Some(n);
            break;
        }
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "guess {n}");
    }
    assert!(refused_at.is_some(), "guessing is stopped");
    // Once refused, even the right code teaches the guesser nothing.
    let r = guesser
        .post_form("/rejoindre", &[("code", room.code.as_str())])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = guesser.get_text(&room.code.join_path()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[db_test]
async fn live_join_with_nickname_and_team(app: &TestApp) {
    let event = app
        .published_event(
            "Forum des tables",
            None,
            Some(&SessionInput {
                date: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                ..SessionInput::default()
            }),
        )
        .await;
    let session = maillage_store::repo::events::sessions(app.store.conn(), event)
        .await
        .unwrap()[0]
        .id;
    let teams = maillage_store::repo::events::teams::create_team_in(
        app.store.conn(),
        event,
        "Table des Érables",
        None,
    )
    .await
    .unwrap();
    let room = room(app, "Forum en direct", Some(session)).await;
    let device = app.client();
    let (_, html) = device.get_text(&room.code.join_path()).await;
    assert!(
        html.contains("Table des Érables"),
        "the teams are offered: {html}"
    );

    // A team of no event of the room's is refused, nothing is written.
    let r = device
        .post_form(
            &room.code.join_path(),
            &[("nickname", "Mimi"), ("team", &Uuid::new_v4().to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Cette équipe n’appartient pas"));
    let r = device
        .post_form(&room.code.join_path(), &[("team", "pas-un-id")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        repo::participant_count(&app.store, room.id).await.unwrap(),
        0
    );

    let r = device
        .post_form(
            &room.code.join_path(),
            &[
                ("nickname", "  Mimi   la  fourmi "),
                ("team", &teams.id.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = r
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("mlg_participant="))
        .expect("the participant cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(cookie.contains("Max-Age="), "{cookie}");
    let stored = live_participant::Entity::find()
        .filter(live_participant::Column::RoomId.eq(room.id))
        .all(app.store.conn())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].nickname.as_deref(), Some("Mimi la fourmi"));
    assert_eq!(stored[0].team_id, Some(teams.id));
    let token = cookie["mlg_participant=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(stored[0].token_digest, token, "only the digest is kept");

    // Joined: the room's page, waiting for an activity; joining again is
    // the same participant.
    let (status, html) = device.get_text(&location(&r)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("En attente de la prochaine activité"),
        "{html}"
    );
    assert!(html.contains("Mimi la fourmi"));
    assert!(html.contains("data-live-events=\"/api/v1/live/"));
    device.post_form(&room.code.join_path(), &[]).await;
    assert_eq!(
        repo::participant_count(&app.store, room.id).await.unwrap(),
        1
    );
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one device's walk through the five kinds, in the order a session runs them"
)]
async fn live_join_answers_each_kind_through_the_forms(app: &TestApp) {
    let room = room(app, "Atelier", None).await;
    let device = phone(app, &room).await;
    let page = room.code.join_path();

    // Word cloud: several answers; the page thanks and shows the form again.
    let cloud = open(
        app,
        &room,
        input("word_cloud", "Trois mots pour la journée"),
    )
    .await;
    let (_, html) = device.get_text(&page).await;
    assert!(html.contains("Trois mots pour la journée"), "{html}");
    assert!(html.contains("séparés par des virgules"), "{html}");
    let r = device
        .post_form(
            &answer_path(&room, &cloud),
            &[("text", "Écoute, confiance")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = device.get_text(&location(&r)).await;
    assert!(html.contains("Merci, c’est envoyé"), "{html}");
    assert!(
        html.contains("id=\"answer-text\""),
        "the form again: {html}"
    );
    assert!(html.contains("confiance"), "the results: {html}");
    device
        .post_form(&answer_path(&room, &cloud), &[("text", "Partage")])
        .await;
    let Results::WordCloud { answers, words } = results(app, &room, cloud.id).await else {
        panic!("word cloud results");
    };
    assert_eq!(answers, 2);
    assert_eq!(words.len(), 3);

    // The live part alone, as the page's script asks for it.
    let fragment = device
        .http
        .get(device.url(&page))
        .header("x-live-fragment", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(fragment.status(), StatusCode::OK);
    let fragment = body(fragment).await;
    assert!(!fragment.contains("<html"), "{fragment}");
    assert!(fragment.contains("Trois mots pour la journée"));
    let (status, part) = device.get_text(&format!("{page}/resultats")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        part.contains("Partage") && !part.contains("<html"),
        "{part}"
    );

    // Board: a post-it in a column, then a vote for it (once).
    let mut board = input("board", "Nos idées");
    board.columns = vec!["À garder".into(), "À changer".into()];
    let board = open(app, &room, board).await;
    let r = device
        .post_form(
            &answer_path(&room, &board),
            &[("column", "À changer"), ("text", "Plus de pauses")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let Results::Board { columns } = results(app, &room, board.id).await else {
        panic!("board results");
    };
    assert_eq!(columns[1].stickies[0].text, "Plus de pauses");
    let sticky = columns[1].stickies[0].id;
    let (_, html) = device.get_text(&page).await;
    let vote = format!("{page}/reponses/{sticky}/vote");
    assert!(html.contains(&vote), "a vote button: {html}");
    let r = device.post_form(&vote, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = device.post_form(&vote, &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        body(r)
            .await
            .contains("Vous avez déjà voté pour cette réponse")
    );
    let r = device
        .post_form(
            &answer_path(&room, &board),
            &[("column", "Ailleurs"), ("text", "Perdu")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Poll: one vote per device; the second is refused with its message.
    let mut poll = input("poll", "On continue?");
    poll.options = vec!["Oui".into(), "Non".into()];
    let poll = open(app, &room, poll).await;
    let r = device
        .post_form(&answer_path(&room, &poll), &[("poll", "1")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing chosen"
    );
    let r = device
        .post_form(
            &answer_path(&room, &poll),
            &[("poll", "1"), ("choices", "Oui")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = device.get_text(&page).await;
    assert!(html.contains("Votre réponse est enregistrée"), "{html}");
    let r = device
        .post_form(
            &answer_path(&room, &poll),
            &[("poll", "1"), ("choices", "Non")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        body(r)
            .await
            .contains("Vous avez déjà répondu à cette activité")
    );
    let Results::Poll { options } = results(app, &room, poll.id).await else {
        panic!("poll results");
    };
    assert_eq!((options[0].count, options[1].count), (1, 0));

    // Scale: one button per value, with the ends' labels.
    let mut scale = input("scale", "Votre énergie");
    scale.min_label = Some("À plat".into());
    scale.max_label = Some("En feu".into());
    let scale = open(app, &room, scale).await;
    let (_, html) = device.get_text(&page).await;
    assert!(html.contains("name=\"value\" value=\"5\""), "{html}");
    assert!(html.contains("À plat") && html.contains("En feu"));
    let r = device
        .post_form(&answer_path(&room, &scale), &[("value", "9")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("hors de l’échelle"));
    let r = device
        .post_form(&answer_path(&room, &scale), &[("value", "4")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let Results::Scale { mean, .. } = results(app, &room, scale.id).await else {
        panic!("scale results");
    };
    assert_eq!(mean, Some(4.0));

    // Questions: ask, see the list with a vote button, answered ones marked.
    let questions = open(app, &room, input("questions", "Vos questions")).await;
    let r = device
        .post_form(
            &answer_path(&room, &questions),
            &[("text", "Quand est la prochaine rencontre?")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let Results::Questions { questions: asked } = results(app, &room, questions.id).await else {
        panic!("questions");
    };
    repo::set_answered(&app.store, room.id, asked[0].id, true)
        .await
        .unwrap();
    let (_, html) = device.get_text(&page).await;
    assert!(html.contains("Quand est la prochaine rencontre?"), "{html}");
    assert!(html.contains("Répondue"), "{html}");
    assert!(html.contains(&format!("{page}/reponses/{}/vote", asked[0].id)));

    // Hidden results stay off the phone.
    repo::set_results_hidden(&app.store, room.id, questions.id, true)
        .await
        .unwrap();
    let (_, html) = device.get_text(&page).await;
    assert!(
        !html.contains("Quand est la prochaine rencontre?"),
        "{html}"
    );
    assert!(html.contains("id=\"results-hidden\""));
}

#[db_test]
async fn live_join_refusals_keep_what_was_typed(app: &TestApp) {
    let room = room(app, "Refus", None).await;
    let device = phone(app, &room).await;
    let cloud = open(app, &room, input("word_cloud", "Un mot")).await;
    let path = answer_path(&room, &cloud);

    let r = device.post_form(&path, &[("text", "   ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body(r)
            .await
            .contains("Écrivez une réponse avant de l’envoyer")
    );

    let long = "é".repeat(10_000);
    let r = device.post_form(&path, &[("text", &long)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("au plus 280 caractères"), "the message");
    assert!(html.contains(&long), "what was typed stays");

    // Markup and emoji are answers like any other, shown as text.
    let markup = "<script>alert('x')</script><b>gras</b>";
    let r = device.post_form(&path, &[("text", markup)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    device.post_form(&path, &[("text", "🎉 Bravo")]).await;
    let raw = device
        .get(&room.code.join_path())
        .await
        .text()
        .await
        .unwrap();
    assert!(!raw.contains("<script>alert"), "markup is escaped: {raw}");
    assert!(!raw.contains("<b>gras"), "{raw}");
    assert!(
        raw.contains("&lt;script&gt;") || raw.contains("&#60;script&#62;"),
        "{raw}"
    );
    assert!(raw.contains("🎉 Bravo"), "{raw}");
    assert_eq!(repo::answers(&app.store, cloud.id).await.unwrap().len(), 2);

    // A closed activity refuses, and says so.
    repo::stop_activity(&app.store, room.id, cloud.id, chrono::Utc::now())
        .await
        .unwrap();
    let r = device.post_form(&path, &[("text", "En retard")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = body(r).await;
    assert!(
        html.contains("Cette activité n’est pas ouverte en ce moment"),
        "{html}"
    );
    assert!(
        html.contains("En attente de la prochaine activité"),
        "{html}"
    );
    assert_eq!(repo::answers(&app.store, cloud.id).await.unwrap().len(), 2);

    // Without joining, the answer form sends to the join form.
    let stranger = app.client();
    let r = stranger.post_form(&path, &[("text", "Intrus")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), room.code.join_path());
}

#[db_test]
async fn live_join_other_rooms_devices_and_activities(app: &TestApp) {
    let room_a = room(app, "Salle A", None).await;
    let room_b = room(app, "Salle B", None).await;
    let cloud_b = open(app, &room_b, input("word_cloud", "Question de B")).await;
    let device = phone(app, &room_a).await;

    // The device of room A is no participant of room B: B asks to join.
    let (status, html) = device.get_text(&room_b.code.join_path()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"join-room\""), "{html}");
    assert!(!html.contains("Question de B"));

    // An answer posted to room A's page with room B's activity: 404,
    // nothing written.
    let r = device
        .post_form(
            &format!("{}/activites/{}", room_a.code.join_path(), cloud_b.id),
            &[("text", "Faufilé")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(
        repo::answers(&app.store, cloud_b.id)
            .await
            .unwrap()
            .is_empty()
    );

    // The same device joins B with the same token: one cookie per device.
    let r = device.post_form(&room_b.code.join_path(), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = device.get_text(&room_b.code.join_path()).await;
    assert!(html.contains("Question de B"), "{html}");
    let digests: Vec<String> = live_participant::Entity::find()
        .all(app.store.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.token_digest)
        .collect();
    assert_eq!(digests.len(), 2);
    assert_eq!(digests[0], digests[1], "one token per device");
}

#[db_test]
async fn live_join_thirty_phones_make_one_group(app: &TestApp) {
    let room = room(app, "Grande salle", None).await;
    let cloud = open(app, &room, input("word_cloud", "Ce qui compte")).await;
    let variants = [
        "Écoute",
        "écoute",
        "l’écoute",
        "Écoutes",
        "L'écoute",
        "  ÉCOUTE ",
    ];
    for n in 0..30 {
        let device = phone(app, &room).await;
        let r = device
            .post_form(
                &answer_path(&room, &cloud),
                &[("text", variants[n % variants.len()])],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "phone {n}");
    }
    assert_eq!(
        repo::participant_count(&app.store, room.id).await.unwrap(),
        30
    );
    let Results::WordCloud { answers, words } = results(app, &room, cloud.id).await else {
        panic!("word cloud results");
    };
    assert_eq!(answers, 30);
    assert_eq!(words.len(), 1, "one group: {words:?}");
    assert_eq!(words[0].count, 30);
    assert_eq!(words[0].text.to_lowercase(), "écoute");
}
