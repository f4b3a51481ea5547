//! The live stream (`GET /api/v1/live/{code}/events`, DESIGN.md §4 *Live*):
//! the state on connect, an update after an answer, the state again on a
//! reconnect, hidden results kept from participants but sent to the
//! coordinator, an unknown code, and two servers on one PostgreSQL
//! database (an answer posted to one reaches a stream on the other).

use std::time::Duration;

use maillage_domain::Role;
use maillage_domain::live::ActivityInput;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::live::{self as repo, NewRoom};
use maillage_test_macros::db_test;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Db, TestApp, TestClient, member_of};

/// The grouping the rooms of these tests belong to.
const GROUPING: &str = "table-de-test";

/// A room of the test grouping with an open word cloud.
struct Room {
    id: Uuid,
    code: String,
    activity: Uuid,
}

async fn room_with_word_cloud(app: &TestApp) -> Room {
    let grouping = app.grouping(GROUPING).await;
    let now = chrono::Utc::now();
    let room = repo::create_room(
        &app.store,
        &Actor::system(),
        &NewRoom {
            grouping_id: grouping,
            session_id: None,
            title: "Collaboration École-famille".into(),
        },
        now,
    )
    .await
    .expect("room");
    let draft = ActivityInput {
        kind: "word_cloud".into(),
        prompt: "3 mots-clés".into(),
        max_words: Some(3),
        ..ActivityInput::default()
    }
    .validate()
    .expect("a valid activity");
    let activity = repo::add_activity(&app.store, &Actor::system(), room.id, &draft, now)
        .await
        .expect("activity");
    repo::start_activity(&app.store, room.id, activity.id, now)
        .await
        .expect("opened");
    Room {
        id: room.id,
        code: room.code.to_string(),
        activity: activity.id,
    }
}

/// A participant's token in the room (a device that joined through the
/// API).
async fn join(app: &TestApp, room: &Room) -> String {
    let r = app
        .client()
        .http
        .post(app.url(&format!("/api/v1/live/{}/join", room.code)))
        .json(&json!({"nickname": "Téléphone"}))
        .send()
        .await
        .expect("join");
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.expect("JSON");
    body["participant"].as_str().expect("a token").to_owned()
}

/// Posts a word-cloud answer to `app` (one of the nodes).
async fn answer(app: &TestApp, room: &Room, participant: &str, text: &str) {
    let r = app
        .client()
        .http
        .post(app.url(&format!("/api/v1/live/{}/answers", room.code)))
        .header("x-participant", participant)
        .json(&json!({"activity": room.activity, "text": text}))
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), StatusCode::CREATED, "the answer is kept");
}

/// Hides or shows the activity's results, as the presenter's route does.
async fn set_results_hidden(app: &TestApp, room: &Room, hidden: bool) {
    repo::set_results_hidden(&app.store, room.id, room.activity, hidden)
        .await
        .expect("hidden or shown");
    app.live.publish(room.id).await;
}

/// An open event stream, read event by event.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

#[derive(Debug)]
struct Event {
    name: String,
    id: Option<String>,
    data: Value,
}

/// How long a test waits for an event before failing (a bound, not a
/// measure: the contract's second is checked by the benchmark).
const PATIENCE: Duration = Duration::from_secs(20);

impl Stream {
    async fn open(client: &TestClient, code: &str, last_event_id: Option<&str>) -> Stream {
        let mut request = client
            .http
            .get(client.url(&format!("/api/v1/live/{code}/events")));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("stream");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("text/event-stream")
        );
        Stream {
            response,
            buffer: String::new(),
        }
    }

    /// The next event (keep-alive comments skipped).
    async fn next(&mut self) -> Event {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = "message".to_owned();
                let mut id = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        v.trim().clone_into(&mut name);
                    } else if let Some(v) = line.strip_prefix("id:") {
                        id = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    }
                }
                if data.is_empty() {
                    continue;
                }
                return Event {
                    name,
                    id,
                    data: serde_json::from_str(&data).expect("JSON data"),
                };
            }
            let chunk = tokio::time::timeout(PATIENCE, self.response.chunk())
                .await
                .expect("an event in time")
                .expect("the stream reads")
                .expect("the stream stays open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Whether the server ends the stream (nothing but comments before).
    async fn ended(&mut self) -> bool {
        loop {
            match tokio::time::timeout(PATIENCE, self.response.chunk()).await {
                Ok(Ok(None)) => return true,
                Ok(Ok(Some(chunk))) if chunk.starts_with(b":") => {}
                _ => return false,
            }
        }
    }

    /// The next event named `name`, skipping others.
    async fn next_named(&mut self, name: &str) -> Event {
        loop {
            let e = self.next().await;
            if e.name == name {
                return e;
            }
        }
    }

    /// Reads `results` events until one counts `answers` answers.
    async fn results_with(&mut self, answers: u64) -> Value {
        loop {
            let e = self.next_named("results").await;
            if e.data["answers"] == answers {
                return e.data;
            }
        }
    }
}

#[db_test]
async fn live_stream_sends_the_state_on_connect_then_each_answer(app: &TestApp) {
    let room = room_with_word_cloud(app).await;
    let device = join(app, &room).await;
    let mut stream = Stream::open(&app.client(), &room.code, None).await;
    let first = stream.next().await;
    assert_eq!(first.name, "activity");
    assert_eq!(first.data["id"], room.activity.to_string());
    assert_eq!(first.data["kind"], "word_cloud");
    let results = stream.next().await;
    assert_eq!(results.name, "results");
    assert_eq!(
        results.data,
        json!({"kind": "word_cloud", "answers": 0, "words": []})
    );

    answer(app, &room, &device, "Écoute, confiance").await;
    let results = stream.results_with(1).await;
    assert_eq!(
        results["words"],
        json!([{"text": "confiance", "count": 1}, {"text": "Écoute", "count": 1}])
    );
    answer(app, &room, &device, "l'écoute").await;
    let results = stream.results_with(2).await;
    assert_eq!(results["words"][0], json!({"text": "Écoute", "count": 2}));
}

#[db_test]
async fn live_stream_gives_a_reconnecting_client_the_state_at_once(app: &TestApp) {
    let room = room_with_word_cloud(app).await;
    let device = join(app, &room).await;
    answer(app, &room, &device, "Respect").await;
    let client = app.client();
    let mut stream = Stream::open(&client, &room.code, None).await;
    let activity = stream.next_named("activity").await;
    let last_id = activity.id.clone().expect("events carry an id");
    stream.results_with(1).await;
    drop(stream);

    answer(app, &room, &device, "Partenariat").await;
    // Whatever the id it gives, the client gets the whole state again.
    for last in [Some(last_id.as_str()), Some("not-a-number"), None] {
        let mut again = Stream::open(&client, &room.code, last).await;
        let e = again.next().await;
        assert_eq!(e.name, "activity");
        assert_eq!(e.data["id"], room.activity.to_string());
        let e = again.next().await;
        assert_eq!(e.name, "results");
        // The node's latest snapshot at once; the answer posted while away
        // is in it, or in the update that follows it.
        if e.data["answers"] != 2 {
            again.results_with(2).await;
        }
    }
}

#[db_test]
async fn live_stream_keeps_hidden_results_from_participants_only(app: &TestApp) {
    let room = room_with_word_cloud(app).await;
    let device = join(app, &room).await;
    answer(app, &room, &device, "Écoute").await;
    set_results_hidden(app, &room, true).await;
    let coordinator = member_of(app, "coord-live@example.org", Role::Coordinator, GROUPING).await;
    let outsider = member_of(
        app,
        "autre-live@example.org",
        Role::Coordinator,
        "autre-table",
    )
    .await;

    let mut presenter = Stream::open(&coordinator, &room.code, None).await;
    let mut phone = Stream::open(&app.client(), &room.code, None).await;
    let mut other = Stream::open(&outsider, &room.code, None).await;

    let e = presenter.next().await;
    assert_eq!(
        (e.name.as_str(), &e.data["results_hidden"]),
        ("activity", &json!(true))
    );
    let e = presenter.next().await;
    assert_eq!(e.name, "results", "the presenter sees hidden results");
    assert_eq!(e.data["answers"], 1);

    for stream in [&mut phone, &mut other] {
        let e = stream.next().await;
        assert_eq!(e.name, "activity");
        assert_eq!(e.data["results_hidden"], true);
    }

    // A second answer: the presenter's results follow; the participants'
    // streams send nothing until the results are shown, and then the
    // results as they are (the first event they get after the activity).
    answer(app, &room, &device, "Confiance").await;
    presenter.results_with(2).await;
    set_results_hidden(app, &room, false).await;
    for stream in [&mut phone, &mut other] {
        let e = stream.next().await;
        assert_eq!(e.name, "activity");
        assert_eq!(e.data["results_hidden"], false);
        let e = stream.next().await;
        assert_eq!(e.name, "results");
        assert_eq!(e.data["answers"], 2, "nothing was sent while hidden");
    }
}

#[db_test]
async fn live_stream_of_an_unknown_or_closed_code_is_404(app: &TestApp) {
    let room = room_with_word_cloud(app).await;
    let client = app.client();
    let r = client.get("/api/v1/live/99999999/events").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body: Value = r.json().await.expect("a JSON error");
    assert_eq!(body["error"]["code"], "not_found");
    let doc: Value = client
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("the OpenAPI document");
    let path = &doc["paths"]["/api/v1/live/{code}/events"]["get"];
    assert!(
        path["responses"]["200"]["content"]["text/event-stream"].is_object(),
        "the stream is documented: {path}"
    );

    // A stream open when the room closes says so (no activity) and ends.
    let mut stream = Stream::open(&client, &room.code, None).await;
    stream.results_with(0).await;
    repo::close_room(&app.store, &Actor::system(), room.id, chrono::Utc::now())
        .await
        .expect("closed");
    app.live.publish(room.id).await;
    let e = stream.next().await;
    assert_eq!((e.name.as_str(), e.data), ("activity", Value::Null));
    assert!(stream.ended().await, "the stream ends");
    let r = client
        .get(&format!("/api/v1/live/{}/events", room.code))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// Two servers on one PostgreSQL database: an answer posted to A reaches a
/// stream on B (LISTEN/NOTIFY), and one posted to B a stream on A.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_stream_crosses_nodes_on_postgres() {
    let Some(a) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    let b = a.second_node().await;
    let room = room_with_word_cloud(&a).await;
    let device = join(&a, &room).await;
    let mut on_b = Stream::open(&b.client(), &room.code, None).await;
    on_b.results_with(0).await;
    let mut on_a = Stream::open(&a.client(), &room.code, None).await;
    on_a.results_with(0).await;

    answer(&a, &room, &device, "Écoute").await;
    let results = on_b.results_with(1).await;
    assert_eq!(results["words"], json!([{"text": "Écoute", "count": 1}]));
    on_a.results_with(1).await;

    answer(&b, &room, &device, "Confiance").await;
    on_a.results_with(2).await;
    on_b.results_with(2).await;

    drop((on_a, on_b));
    b.stop().await;
    a.stop().await;
}
