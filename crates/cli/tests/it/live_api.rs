//! The live JSON API end to end (DESIGN.md §4 *Live*): a coordinator
//! prepares and runs a room of each kind of activity, phones join and
//! answer with their participant token, the results come back in the
//! contract's shapes; every bad input of issue 16 gets its status and a
//! French message, and nothing is written; coordinators of another
//! grouping, anonymous visitors, read tokens and forged requests are
//! refused; the OpenAPI document lists the routes — on SQLite and
//! PostgreSQL.

use maillage_domain::Role;
use maillage_domain::token::{self, ApiScope};
use maillage_store::entity::live_answer;
use maillage_store::repo::api_tokens;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::SessionInput;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::harness::{TestApp, TestClient, member_of};
use maillage_test_macros::db_test;

const GROUPING: &str = "table-de-test";

/// A signed-in browser sending JSON with its CSRF header.
struct Coordinator {
    client: TestClient,
    csrf: String,
}

impl Coordinator {
    async fn new(client: TestClient) -> Self {
        let csrf = client.csrf().await;
        Self { client, csrf }
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self
            .client
            .http
            .post(self.client.url(path))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = self.client.get(path).await;
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

/// The coordinator of the test grouping.
async fn coordinator(app: &TestApp) -> Coordinator {
    Coordinator::new(app.signed_in("anim@exemple.ca", Role::Coordinator).await).await
}

/// A phone: no cookies, its participant token in `X-Participant`.
struct Phone {
    http: reqwest::Client,
    base: String,
    code: String,
    token: Option<String>,
}

impl Phone {
    fn new(app: &TestApp, code: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: app.url(""),
            code: code.to_owned(),
            token: None,
        }
    }

    async fn send(&self, path: &str, body: Option<&Value>) -> (StatusCode, Value) {
        let mut req = match body {
            Some(b) => self.http.post(format!("{}{path}", self.base)).json(b),
            None => self.http.get(format!("{}{path}", self.base)),
        };
        if let Some(t) = &self.token {
            req = req.header("x-participant", t);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Joins the room and keeps the token.
    async fn join(mut self, nickname: &str) -> Self {
        let (status, body) = self
            .send(
                &format!("/api/v1/live/{}/join", self.code),
                Some(&json!({ "nickname": nickname })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let token = body["participant"].as_str().unwrap().to_owned();
        assert_eq!(token.len(), 64, "{token}");
        self.token = Some(token);
        self
    }

    async fn answer(&self, body: &Value) -> (StatusCode, Value) {
        self.send(&format!("/api/v1/live/{}/answers", self.code), Some(body))
            .await
    }

    async fn vote(&self, answer: &str) -> (StatusCode, Value) {
        self.send(
            &format!("/api/v1/live/{}/answers/{answer}/vote", self.code),
            Some(&json!({})),
        )
        .await
    }

    async fn state(&self) -> (StatusCode, Value) {
        self.send(&format!("/api/v1/live/{}", self.code), None)
            .await
    }
}

/// A room of the test grouping: (id, code).
async fn room(c: &Coordinator, title: &str) -> (String, String) {
    let (status, body) = c
        .post(
            "/api/v1/live/rooms",
            &json!({ "grouping": GROUPING, "title": title }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    let code = body["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 8);
    assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
    assert_eq!(body["join_url"], format!("/rejoindre/{code}"));
    (id, code)
}

async fn activity(c: &Coordinator, room: &str, body: &Value) -> String {
    let (status, created) = c
        .post(&format!("/api/v1/live/rooms/{room}/activities"), body)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().unwrap().to_owned()
}

async fn open(c: &Coordinator, room: &str, activity: &str) {
    let (status, body) = c
        .post(
            &format!("/api/v1/live/rooms/{room}/activities/{activity}/open"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "open");
}

async fn results(c: &Coordinator, room: &str, activity: &str) -> Value {
    let (status, body) = c
        .get(&format!(
            "/api/v1/live/rooms/{room}/activities/{activity}/results"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn id(body: &Value) -> String {
    body["id"].as_str().expect("an id").to_owned()
}

async fn answer_rows(app: &TestApp) -> u64 {
    live_answer::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

/// The five activities of the flow: (word cloud, board, poll, scale,
/// questions).
async fn five_activities(c: &Coordinator, room: &str) -> [String; 5] {
    [
        activity(
            c,
            room,
            &json!({"kind": "word_cloud", "prompt": "3 mots-clés…", "max_words": 3}),
        )
        .await,
        activity(
            c,
            room,
            &json!({"kind": "board", "prompt": "Pour résoudre ces enjeux, quelles actions avez-vous mis en place?",
                    "columns": ["Recrutement", "Ressources limitées", "Autres"]}),
        )
        .await,
        activity(
            c,
            room,
            &json!({"kind": "poll", "prompt": "On se revoit en janvier?",
                    "options": ["Oui", "Non", "Peut-être"], "multiple": false}),
        )
        .await,
        activity(
            c,
            room,
            &json!({"kind": "scale", "prompt": "Utilité de la rencontre", "min": 1, "max": 5,
                    "min_label": "Pas du tout", "max_label": "Tout à fait"}),
        )
        .await,
        activity(
            c,
            room,
            &json!({"kind": "questions", "prompt": "Vos questions"}),
        )
        .await,
    ]
}

#[db_test]
async fn live_api_runs_a_room_of_each_kind(app: &TestApp) {
    let c = coordinator(app).await;
    let (room_id, code) = room(&c, "Collaboration École-famille").await;
    let [cloud, board, poll, scale, questions] = five_activities(&c, &room_id).await;

    // Nothing open yet.
    let (status, state) = Phone::new(app, &code).state().await;
    assert_eq!(status, StatusCode::OK, "{state}");
    assert_eq!(
        state,
        json!({"room": {"code": code, "title": "Collaboration École-famille",
                        "join_url": format!("/rejoindre/{code}")},
               "activity": null})
    );

    // Three phones join; one device is one participant.
    let a = Phone::new(app, &code).join("Ana").await;
    let b = Phone::new(app, &code).join("Bo").await;
    let p3 = Phone::new(app, &code).join("").await;
    assert_ne!(a.token, b.token);
    let (status, again) = a
        .send(
            &format!("/api/v1/live/{code}/join"),
            Some(&json!({"nickname": "Ana B."})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["participant"].as_str(), a.token.as_deref());
    // Browsers get the token as a cookie.
    let r = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/live/{code}/join")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.starts_with("mlg_participant="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(cookie.contains("Max-Age="), "{cookie}");

    // Word cloud: « Écoute », « écoute », « l'écoute », « Écoutes » are one.
    open(&c, &room_id, &cloud).await;
    let (_, state) = a.state().await;
    assert_eq!(state["activity"]["id"], cloud.as_str());
    assert_eq!(state["activity"]["kind"], "word_cloud");
    assert_eq!(state["activity"]["prompt"], "3 mots-clés…");
    assert_eq!(state["activity"]["max_words"], 3);
    assert_eq!(
        state["activity"]["results"],
        json!({"kind": "word_cloud", "answers": 0, "words": []})
    );
    for (phone, text) in [
        (&a, "Écoute"),
        (&b, "Écoute, confiance"),
        (&p3, "l'écoute"),
        (&a, "Écoutes"),
    ] {
        let (status, body) = phone
            .answer(&json!({"activity": cloud, "text": text}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert!(body["id"].is_string(), "{body}");
    }
    let expected = json!({"kind": "word_cloud", "answers": 4,
        "words": [{"text": "Écoute", "count": 4}, {"text": "confiance", "count": 1}]});
    assert_eq!(results(&c, &room_id, &cloud).await, expected);
    assert_eq!(a.state().await.1["activity"]["results"], expected);

    // Board: opening it closes the word cloud.
    open(&c, &room_id, &board).await;
    let (status, late) = b
        .answer(&json!({"activity": cloud, "text": "Trop tard"}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{late}");
    assert_eq!(late["error"]["code"], "conflict");
    assert_eq!(
        late["error"]["message"],
        "Cette activité n’est pas ouverte en ce moment."
    );
    let (status, s1) = a
        .answer(&json!({"activity": board, "column": "Recrutement", "text": "Mentorat"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{s1}");
    let s1 = id(&s1);
    let (_, s2) = b
        .answer(&json!({"activity": board, "column": "autres", "text": "Covoiturage"}))
        .await;
    let s2 = id(&s2);
    let (_, s3) = p3
        .answer(&json!({"activity": board, "column": "Autres", "text": "Co-voiturage"}))
        .await;
    let s3 = id(&s3);
    let (status, body) = a
        .answer(&json!({"activity": board, "column": "Financement", "text": "Subventions"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "unprocessable");
    assert_eq!(b.vote(&s1).await.0, StatusCode::CREATED);
    let (status, body) = b.vote(&s1).await;
    assert_eq!(status, StatusCode::CONFLICT, "a second vote: {body}");
    assert_eq!(p3.vote(&s1).await.0, StatusCode::CREATED);
    assert_eq!(a.vote(&s3).await.0, StatusCode::CREATED);
    assert_eq!(
        results(&c, &room_id, &board).await,
        json!({"kind": "board", "columns": [
            {"name": "Recrutement", "stickies": [{"id": s1, "text": "Mentorat", "votes": 2}]},
            {"name": "Ressources limitées", "stickies": []},
            {"name": "Autres", "stickies": [
                {"id": s3, "text": "Co-voiturage", "votes": 1},
                {"id": s2, "text": "Covoiturage", "votes": 0}]}]})
    );

    // Moderation: hide, show, merge (votes follow).
    let moderate = |answer: &str, action: &str| {
        format!("/api/v1/live/rooms/{room_id}/answers/{answer}/{action}")
    };
    let (status, body) = c.post(&moderate(&s1, "hide"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"], s1.as_str());
    let hidden = results(&c, &room_id, &board).await;
    assert_eq!(hidden["columns"][0]["stickies"], json!([]));
    assert_eq!(
        c.post(&moderate(&s1, "show"), &json!({})).await.0,
        StatusCode::OK
    );
    let (status, body) = c.post(&moderate(&s2, "merge"), &json!({"into": s2})).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "into itself: {body}"
    );
    let (status, body) = c.post(&moderate(&s2, "merge"), &json!({"into": s3})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let merged = results(&c, &room_id, &board).await;
    assert_eq!(
        merged["columns"][2]["stickies"],
        json!([{"id": s3, "text": "Co-voiturage", "votes": 1}])
    );
    assert_eq!(merged["columns"][0]["stickies"][0]["votes"], 2);

    // Poll: one vote per device.
    open(&c, &room_id, &poll).await;
    let (_, state) = a.state().await;
    assert_eq!(
        state["activity"]["options"],
        json!(["Oui", "Non", "Peut-être"])
    );
    assert_eq!(
        a.answer(&json!({"activity": poll, "choices": ["Oui"]}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, body) = a
        .answer(&json!({"activity": poll, "choices": ["Non"]}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "a second poll vote: {body}");
    assert_eq!(
        body["error"]["message"],
        "Vous avez déjà répondu à cette activité depuis cet appareil."
    );
    let (status, body) = b
        .answer(&json!({"activity": poll, "choices": ["Inconnu"]}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["error"]["message"],
        "Ce choix ne fait pas partie du sondage."
    );
    let (status, _) = b
        .answer(&json!({"activity": poll, "choices": ["Oui", "Non"]}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "one option only");
    assert_eq!(
        b.answer(&json!({"activity": poll, "choices": ["peut-être"]}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, _) = a.vote(&s1).await;
    assert_eq!(status, StatusCode::CONFLICT, "the board is closed now");
    assert_eq!(
        results(&c, &room_id, &poll).await,
        json!({"kind": "poll", "options": [
            {"label": "Oui", "count": 1}, {"label": "Non", "count": 0},
            {"label": "Peut-être", "count": 1}]})
    );

    // Scale.
    open(&c, &room_id, &scale).await;
    assert_eq!(
        a.answer(&json!({"activity": scale, "value": 4})).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        b.answer(&json!({"activity": scale, "value": 5})).await.0,
        StatusCode::CREATED
    );
    let (status, body) = p3.answer(&json!({"activity": scale, "value": 9})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        a.answer(&json!({"activity": scale, "value": 3})).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        results(&c, &room_id, &scale).await,
        json!({"kind": "scale", "counts": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}, "mean": 4.5})
    );

    // Questions: HTML and emoji are kept as text; votes; answered.
    open(&c, &room_id, &questions).await;
    let script = "<script>alert('x')</script> <b>gras</b>";
    let (_, q1) = a
        .answer(&json!({"activity": questions, "text": script}))
        .await;
    let q1 = id(&q1);
    let (_, q2) = b
        .answer(&json!({"activity": questions, "text": "Qui finance 🙂 ?"}))
        .await;
    let q2 = id(&q2);
    assert_eq!(p3.vote(&q2).await.0, StatusCode::CREATED);
    assert_eq!(
        c.post(&moderate(&q1, "answered"), &json!({})).await.0,
        StatusCode::OK
    );
    assert_eq!(
        results(&c, &room_id, &questions).await,
        json!({"kind": "questions", "questions": [
            {"id": q2, "text": "Qui finance 🙂 ?", "votes": 1, "answered": false},
            {"id": q1, "text": script, "votes": 0, "answered": true}]})
    );
    assert_eq!(
        c.post(&moderate(&q1, "unanswered"), &json!({})).await.0,
        StatusCode::OK
    );
    assert_eq!(
        results(&c, &room_id, &questions).await["questions"][1]["answered"],
        false
    );

    // Results hidden from participants, never from the coordinator.
    let path = format!("/api/v1/live/rooms/{room_id}/activities/{questions}");
    let (status, body) = c.post(&format!("{path}/hide-results"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["results_hidden"], true);
    let (_, state) = a.state().await;
    assert_eq!(state["activity"]["results_hidden"], true);
    assert_eq!(state["activity"]["results"], Value::Null);
    assert_eq!(
        results(&c, &room_id, &questions).await["questions"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        c.post(&format!("{path}/show-results"), &json!({})).await.0,
        StatusCode::OK
    );
    assert!(a.state().await.1["activity"]["results"].is_object());
    let (status, body) = c.post(&format!("{path}/close"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "closed");
    assert_eq!(a.state().await.1["activity"], Value::Null);

    // The room as the coordinator reads it.
    let (status, shown) = c.get(&format!("/api/v1/live/rooms/{room_id}")).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert_eq!(shown["code"], code.as_str());
    assert_eq!(shown["open"], true);
    assert_eq!(shown["participants"], 4);
    let kinds: Vec<&str> = shown["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["word_cloud", "board", "poll", "scale", "questions"]);
    let answers: Vec<u64> = shown["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["answers"].as_u64().unwrap())
        .collect();
    assert_eq!(answers, [4, 3, 2, 2, 2]);
    assert_eq!(shown["activities"][1]["columns"][0], "Recrutement");
    assert_eq!(shown["activities"][3]["min_label"], "Pas du tout");
    assert!(
        shown["activities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["status"] == "closed")
    );

    // Closed, the code stops working; reopened, it works again.
    let (status, closed) = c
        .post(&format!("/api/v1/live/rooms/{room_id}/close"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["open"], false);
    let (status, body) = a.state().await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Aucune salle ouverte ne porte ce code."),
        "{body}"
    );
    let (status, reopened) = c
        .post(&format!("/api/v1/live/rooms/{room_id}/reopen"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{reopened}");
    assert_eq!(reopened["open"], true);
    let again = Phone::new(app, reopened["code"].as_str().unwrap());
    assert_eq!(again.state().await.0, StatusCode::OK);
}

#[db_test]
async fn live_api_refuses_bad_answers_and_writes_nothing(app: &TestApp) {
    let c = coordinator(app).await;
    let (room_a, code_a) = room(&c, "Salle A").await;
    let (room_b, code_b) = room(&c, "Salle B").await;
    let cloud_a = activity(
        &c,
        &room_a,
        &json!({"kind": "word_cloud", "prompt": "Un mot"}),
    )
    .await;
    let cloud_b = activity(
        &c,
        &room_b,
        &json!({"kind": "word_cloud", "prompt": "Un mot"}),
    )
    .await;
    let poll_a = activity(
        &c,
        &room_a,
        &json!({"kind": "poll", "prompt": "Oui ou non?", "options": ["Oui", "Non"]}),
    )
    .await;
    open(&c, &room_a, &cloud_a).await;
    open(&c, &room_b, &cloud_b).await;
    let a = Phone::new(app, &code_a).join("A").await;
    let before = answer_rows(app).await;

    // Empty, blank, 281 and 10,000 characters: 422 in French.
    for text in [
        String::new(),
        "  \n ".to_owned(),
        "é".repeat(281),
        "x".repeat(10_000),
    ] {
        let (status, body) = a.answer(&json!({"activity": cloud_a, "text": text})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["code"], "unprocessable");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message == "Écrivez une réponse avant de l’envoyer."
                || message == "Une réponse compte au plus 280 caractères.",
            "{message}"
        );
    }
    // Bodies that are not the expected JSON.
    let raw = |body: &'static str| {
        reqwest::Client::new()
            .post(app.url(&format!("/api/v1/live/{code_a}/answers")))
            .header("x-participant", a.token.clone().unwrap())
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let r = raw("{\"activity\": ").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["error"]["message"],
        "Le corps de la requête n’est pas du JSON valide."
    );
    let r = raw("{\"activity\": \"pas-un-id\", \"text\": \"x\"}")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = raw("{\"text\": \"sans activité\"}").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // An answer to a poll not open yet.
    let (status, _) = a
        .answer(&json!({"activity": poll_a, "choices": ["Oui"]}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "the poll is not open");
    // No token, a token of room A in room B: 401, in words a phone understands.
    let anonymous = Phone::new(app, &code_a);
    let (status, body) = anonymous
        .answer(&json!({"activity": cloud_a, "text": "Écoute"}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_eq!(
        body["error"]["message"],
        "Rejoignez d’abord la salle avec son code."
    );
    let mut a_in_b = Phone::new(app, &code_b);
    a_in_b.token.clone_from(&a.token);
    let (status, _) = a_in_b
        .answer(&json!({"activity": cloud_b, "text": "Écoute"}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a token of another room");
    // An activity of room B posted with room A's code: not found.
    let (status, body) = a
        .answer(&json!({"activity": cloud_b, "text": "Écoute"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // A vote for an answer of room B, or for a word-cloud answer.
    let b = Phone::new(app, &code_b).join("B").await;
    let (_, in_b) = b
        .answer(&json!({"activity": cloud_b, "text": "Confiance"}))
        .await;
    let before_b = answer_rows(app).await;
    assert_eq!(a.vote(&id(&in_b)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(a.vote("pas-un-id").await.0, StatusCode::NOT_FOUND);
    let (status, body) = b.vote(&id(&in_b)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // An unknown code: 404 with the reason.
    let (status, body) = Phone::new(app, "99999999").state().await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Vérifiez les 8 chiffres"),
        "{body}"
    );
    assert_eq!(answer_rows(app).await, before_b, "nothing written");
    assert_eq!(before_b, before + 1, "only room B's answer");
    assert_eq!(
        results(&c, &room_b, &cloud_b).await,
        json!({"kind": "word_cloud", "answers": 1, "words": [{"text": "Confiance", "count": 1}]})
    );
    // 280 characters, HTML and emoji are fine.
    let (status, _) = a
        .answer(&json!({"activity": cloud_a, "text": "é".repeat(280)}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = a
        .answer(&json!({"activity": cloud_a, "text": "<img src=x onerror=alert(1)>, 🎉 fête"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let words = results(&c, &room_a, &cloud_a).await;
    let texts: Vec<&str> = words["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"<img src=x onerror=alert(1)>"), "{words}");
    assert!(texts.contains(&"🎉 fête"), "{words}");
}

#[db_test]
async fn live_api_limits_code_guesses_and_answers_per_device(app: &TestApp) {
    let c = coordinator(app).await;
    let (room_id, code) = room(&c, "Salle").await;
    let cloud = activity(
        &c,
        &room_id,
        &json!({"kind": "word_cloud", "prompt": "Un mot"}),
    )
    .await;
    open(&c, &room_id, &cloud).await;
    let a = Phone::new(app, &code).join("A").await;
    let b = Phone::new(app, &code).join("B").await;

    // 60 answers a minute per device; the 61st waits, another device not.
    for i in 0..60 {
        let (status, body) = a
            .answer(&json!({"activity": cloud, "text": format!("mot {i}")}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{i}: {body}");
    }
    let (status, body) = a
        .answer(&json!({"activity": cloud, "text": "encore"}))
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["error"]["code"], "too_many_requests");
    assert_eq!(
        b.answer(&json!({"activity": cloud, "text": "moi aussi"}))
            .await
            .0,
        StatusCode::CREATED,
        "the same address, another device"
    );

    // Guessing codes from one address: 404 each, then 429 for every code.
    let first: u32 = if code.starts_with('1') {
        20_000_000
    } else {
        10_000_000
    };
    let mut guesses = 0;
    loop {
        let (status, _) = Phone::new(app, &(first + guesses).to_string())
            .state()
            .await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(status, StatusCode::NOT_FOUND);
        guesses += 1;
        assert!(guesses <= 30, "guessing is limited");
    }
    assert_eq!(guesses, 30);
    assert_eq!(
        b.state().await.0,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right code"
    );
}

/// Every coordinator route of a room, with a body that would be accepted.
fn coordinator_routes(room: &str, activity: &str, answer: &str) -> Vec<(bool, String, Value)> {
    let r = format!("/api/v1/live/rooms/{room}");
    let a = format!("{r}/activities/{activity}");
    let ans = format!("{r}/answers/{answer}");
    let empty = json!({});
    vec![
        (false, r.clone(), Value::Null),
        (false, format!("{a}/results"), Value::Null),
        (
            true,
            format!("{r}/activities"),
            json!({"kind": "questions", "prompt": "Q"}),
        ),
        (true, format!("{a}/open"), empty.clone()),
        (true, format!("{a}/close"), empty.clone()),
        (true, format!("{a}/hide-results"), empty.clone()),
        (true, format!("{a}/show-results"), empty.clone()),
        (true, format!("{ans}/hide"), empty.clone()),
        (true, format!("{ans}/show"), empty.clone()),
        (true, format!("{ans}/answered"), empty.clone()),
        (true, format!("{ans}/unanswered"), empty.clone()),
        (true, format!("{ans}/merge"), json!({"into": answer})),
        (true, format!("{r}/close"), empty.clone()),
        (true, format!("{r}/reopen"), empty),
    ]
}

#[db_test]
async fn live_api_coordinator_routes_refuse_others(app: &TestApp) {
    let c = coordinator(app).await;
    let (room_id, code) = room(&c, "Salle").await;
    let q = activity(&c, &room_id, &json!({"kind": "questions", "prompt": "Q"})).await;
    open(&c, &room_id, &q).await;
    let p = Phone::new(app, &code).join("P").await;
    let (_, asked) = p.answer(&json!({"activity": q, "text": "Pourquoi?"})).await;
    let asked = id(&asked);
    let before = results(&c, &room_id, &q).await;

    // A coordinator of another grouping: 403 everywhere; anonymous: 401.
    let other = Coordinator::new(
        member_of(app, "ailleurs@exemple.ca", Role::Coordinator, "autre-table").await,
    )
    .await;
    let anonymous = Coordinator::new(app.client()).await;
    for (write, path, body) in coordinator_routes(&room_id, &q, &asked) {
        for (who, expected) in [
            (&other, StatusCode::FORBIDDEN),
            (&anonymous, StatusCode::UNAUTHORIZED),
        ] {
            let (status, err) = if write {
                who.post(&path, &body).await
            } else {
                who.get(&path).await
            };
            assert_eq!(status, expected, "{path}: {err}");
            assert!(err["error"]["message"].is_string(), "{path}: {err}");
        }
    }
    assert_eq!(results(&c, &room_id, &q).await, before, "nothing changed");

    // Creating rooms: another grouping 403, unknown grouping 422, a session
    // of another grouping's event 422, anonymous 401.
    let (status, _) = other
        .post(
            "/api/v1/live/rooms",
            &json!({"grouping": GROUPING, "title": "Chez les autres"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = c
        .post(
            "/api/v1/live/rooms",
            &json!({"grouping": "inconnu", "title": "Salle"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Aucun regroupement"),
        "{body}"
    );
    let event = app
        .published_event(
            "Rencontre",
            None,
            Some(&SessionInput {
                date: chrono::NaiveDate::from_ymd_opt(2021, 10, 13).unwrap(),
                starts_at: None,
                ends_at: None,
                place: None,
                address: None,
            }),
        )
        .await;
    let session = maillage_store::repo::events::sessions(app.store.conn(), event)
        .await
        .unwrap()[0]
        .id;
    let (status, body) = other
        .post(
            "/api/v1/live/rooms",
            &json!({"grouping": "autre-table", "title": "Salle", "session": session}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = c
        .post(
            "/api/v1/live/rooms",
            &json!({"grouping": GROUPING, "title": "Salle", "session": session}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "its own session: {body}");
    let (status, _) = anonymous
        .post(
            "/api/v1/live/rooms",
            &json!({"grouping": GROUPING, "title": "Salle"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = c
        .post(
            "/api/v1/live/rooms",
            &json!({"grouping": GROUPING, "title": " "}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = c
        .post(
            &format!("/api/v1/live/rooms/{room_id}/activities"),
            &json!({"kind": "poll", "prompt": "Un seul choix?", "options": ["Oui"]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["error"]["message"],
        "Un sondage demande au moins deux options différentes."
    );
    let (status, _) = c
        .post(
            &format!("/api/v1/live/rooms/{room_id}/activities"),
            &json!({"kind": "quiz", "prompt": "?"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // An API token of the coordinator: a read token reads and writes
    // nothing (403); a write token writes without a CSRF token.
    let user = app.user_id("anim@exemple.ca").await;
    let bearer = |scope: ApiScope| async move {
        let secret = token::new_api_token();
        api_tokens::create(
            &app.store,
            &Actor::system(),
            api_tokens::NewToken {
                user_id: user,
                name: format!("{scope:?}"),
                scope,
                digest: token::digest(&secret),
                expires_at: None,
            },
        )
        .await
        .unwrap();
        secret
    };
    let read = bearer(ApiScope::Read).await;
    let write = bearer(ApiScope::Write).await;
    let http = reqwest::Client::new();
    let r = http
        .get(app.url(&format!("/api/v1/live/rooms/{room_id}")))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    for (write_route, path, body) in coordinator_routes(&room_id, &q, &asked) {
        if !write_route {
            continue;
        }
        let r = http
            .post(app.url(&path))
            .bearer_auth(&read)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = http
        .post(app.url("/api/v1/live/rooms"))
        .bearer_auth(&write)
        .json(&json!({"grouping": GROUPING, "title": "Par script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[db_test]
async fn live_api_coordinator_routes_need_the_csrf_header_participant_routes_not(app: &TestApp) {
    let c = coordinator(app).await;
    let (room_id, code) = room(&c, "Salle").await;
    let cloud = activity(
        &c,
        &room_id,
        &json!({"kind": "word_cloud", "prompt": "Un mot"}),
    )
    .await;
    // A session cookie without the CSRF header: refused, JSON or not.
    let r = c
        .client
        .http
        .post(c.client.url(&format!(
            "/api/v1/live/rooms/{room_id}/activities/{cloud}/open"
        )))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "csrf");
    let r = c
        .client
        .http
        .post(c.client.url("/api/v1/live/rooms"))
        .json(&json!({"grouping": GROUPING, "title": "Forgée"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    open(&c, &room_id, &cloud).await;

    // A participant route: JSON or the X-Participant header needs no CSRF
    // token (the same browser, with its session cookie, joins and answers)…
    let r = c
        .client
        .http
        .post(c.client.url(&format!("/api/v1/live/{code}/join")))
        .json(&json!({"nickname": "Animatrice"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = c
        .client
        .http
        .post(c.client.url(&format!("/api/v1/live/{code}/answers")))
        .json(&json!({"activity": cloud, "text": "Écoute"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "the cookie is the token");
    // …but a form (what a cross-site page can send) is refused.
    let r = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/live/{code}/join")))
        .form(&[("nickname", "Forgé")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "csrf");
}

#[db_test]
async fn live_api_is_in_the_openapi_document(app: &TestApp) {
    let doc: Value = app
        .client()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        ("/api/v1/live/rooms", "post"),
        ("/api/v1/live/rooms/{room}", "get"),
        ("/api/v1/live/rooms/{room}/close", "post"),
        ("/api/v1/live/rooms/{room}/reopen", "post"),
        ("/api/v1/live/rooms/{room}/activities", "post"),
        (
            "/api/v1/live/rooms/{room}/activities/{activity}/open",
            "post",
        ),
        (
            "/api/v1/live/rooms/{room}/activities/{activity}/close",
            "post",
        ),
        (
            "/api/v1/live/rooms/{room}/activities/{activity}/hide-results",
            "post",
        ),
        (
            "/api/v1/live/rooms/{room}/activities/{activity}/show-results",
            "post",
        ),
        (
            "/api/v1/live/rooms/{room}/activities/{activity}/results",
            "get",
        ),
        ("/api/v1/live/rooms/{room}/answers/{answer}/hide", "post"),
        ("/api/v1/live/rooms/{room}/answers/{answer}/show", "post"),
        (
            "/api/v1/live/rooms/{room}/answers/{answer}/answered",
            "post",
        ),
        (
            "/api/v1/live/rooms/{room}/answers/{answer}/unanswered",
            "post",
        ),
        ("/api/v1/live/rooms/{room}/answers/{answer}/merge", "post"),
        ("/api/v1/live/{code}/join", "post"),
        ("/api/v1/live/{code}", "get"),
        ("/api/v1/live/{code}/answers", "post"),
        ("/api/v1/live/{code}/answers/{answer}/vote", "post"),
    ];
    for (path, method) in expected {
        let op = &paths
            .get(path)
            .unwrap_or_else(|| panic!("{path} is documented"))[method];
        assert_eq!(op["tags"], json!(["live"]), "{path}");
    }
    let create = &paths["/api/v1/live/rooms"]["post"];
    assert_eq!(create["security"], json!([{"bearer": []}, {"session": []}]));
    assert!(create["responses"]["201"].is_object());
    let answer = &paths["/api/v1/live/{code}/answers"]["post"];
    assert_eq!(answer["security"], json!([{"participant": []}]));
    for status in ["201", "401", "404", "409", "422", "429"] {
        assert!(answer["responses"][status].is_object(), "{status}");
    }
    let scheme = &doc["components"]["securitySchemes"]["participant"];
    assert_eq!(scheme["in"], "header");
    assert_eq!(scheme["name"], "X-Participant");
}
