//! The referrals JSON API (DESIGN.md §4 *Referrals*): a CLSC refers a
//! family to a community organization's service and the loop closes, each
//! move by its side, dated and signed; declined, no follow-up, redirected
//! and withdrawn referrals; every kind of bad input refused with nothing
//! written; strangers, coordinators and administrators told it does not
//! exist; reads audited without personal data; overdue referrals; tokens;
//! the routes in the OpenAPI document — on SQLite and PostgreSQL.

use chrono::{Duration, Utc};
use maillage_domain::Role;
use maillage_domain::directory::OrganizationInput;
use maillage_domain::referrals::Capacity;
use maillage_domain::token::{self, ApiScope};
use maillage_store::entity::{audit_log, referral, referral_person};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{api_tokens, organizations, referrals};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::harness::{TestApp, TestClient, member_of};
use crate::referrals_scene::{Scene, member_for, organization, referral_body, scene, service};
use maillage_test_macros::db_test;

/// A signed-in browser speaking JSON with its CSRF header.
struct Api {
    client: TestClient,
    csrf: String,
}

impl Api {
    async fn new(client: &TestClient) -> Api {
        Api {
            csrf: client.csrf().await,
            // The same cookies: the same session.
            client: TestClient {
                base: client.base.clone(),
                http: client.http.clone(),
            },
        }
    }

    async fn post_raw(&self, path: &str, body: &str) -> (StatusCode, Value) {
        let r = self
            .client
            .http
            .post(self.client.url(path))
            .header("x-csrf-token", &self.csrf)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.post_raw(path, &body.to_string()).await
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = self.client.get(path).await;
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Sends a referral; its id.
    async fn send(&self, body: &Value) -> String {
        let (status, answer) = self.post("/api/v1/referrals", body).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        assert_eq!(answer["status"], "sent");
        answer["id"].as_str().expect("an id").to_owned()
    }

    /// Moves a referral; the referral after the move.
    async fn moved(&self, id: &str, body: &Value) -> Value {
        let (status, answer) = self.status(id, body).await;
        assert_eq!(status, StatusCode::OK, "{body} → {answer}");
        answer
    }

    async fn status(&self, id: &str, body: &Value) -> (StatusCode, Value) {
        self.post(&format!("/api/v1/referrals/{id}/status"), body)
            .await
    }

    async fn referral(&self, id: &str) -> Value {
        let (status, answer) = self.get(&format!("/api/v1/referrals/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        answer
    }
}

async fn both(app: &TestApp) -> (Scene, Api, Api) {
    let s = scene(app).await;
    let sender = Api::new(&s.sender).await;
    let receiver = Api::new(&s.receiver).await;
    (s, sender, receiver)
}

async fn rows(app: &TestApp) -> (u64, u64) {
    let conn = app.store.conn();
    (
        referral::Entity::find().count(conn).await.unwrap(),
        referral_person::Entity::find().count(conn).await.unwrap(),
    )
}

fn message(answer: &Value) -> String {
    answer["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[db_test]
async fn the_loop_closes_through_the_api(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let mut body = referral_body(&s);
    body["note"] = json!("Maman disponible les matins.");
    let id = sender.send(&body).await;

    // The service's inbox and the CLSC's outbox list it, without the note.
    let (status, inbox) = receiver.get("/api/v1/referrals?box=inbox").await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    assert_eq!(
        (inbox["total"].as_u64(), inbox["page"].as_u64()),
        (Some(1), Some(1))
    );
    let item = &inbox["items"][0];
    assert_eq!(item["id"], id.as_str());
    assert_eq!(item["status"], "sent");
    assert_eq!(item["service"]["id"], s.service.as_str());
    assert_eq!(item["from_organization"]["name"], "CLSC de la Vallée");
    assert!(
        item.get("note").is_none() && item.get("contact").is_none(),
        "{item}"
    );
    assert!(!inbox.to_string().contains("matins"));
    let (_, outbox) = sender.get("/api/v1/referrals?box=outbox").await;
    assert_eq!(outbox["items"][0]["id"], id.as_str());
    let (_, empty) = sender.get("/api/v1/referrals?box=inbox").await;
    assert_eq!(empty["total"], 0, "the CLSC received nothing");

    // The whole referral, for both sides.
    let r = receiver.referral(&id).await;
    assert_eq!(r["status"], "sent");
    assert_eq!(r["side"], "receiver");
    assert_eq!(r["next"], json!(["received"]));
    assert_eq!(r["to_organization"]["name"], "Maison de la famille du Lac");
    assert_eq!(r["service"]["name"], "Halte-garderie et soutien parental");
    assert_eq!(r["person"]["first_name"], "Amina");
    assert_eq!(r["person"]["age_group"], "0-5");
    assert_eq!(r["consent"]["given_by"], "guardian");
    assert_eq!(r["consent"]["until"], "2099-12-31");
    assert_eq!(r["note"], "Maman disponible les matins.");
    assert_eq!(r["overdue"], false);
    let s_view = sender.referral(&id).await;
    assert_eq!(s_view["side"], "sender");
    assert_eq!(s_view["next"], json!([]), "the sender waits");

    // Each move by its side.
    let r = receiver.moved(&id, &json!({"status": "received"})).await;
    assert!(r["acknowledged_at"].is_string(), "{r}");
    assert_eq!(sender.referral(&id).await["next"], json!(["withdrawn"]));
    receiver
        .moved(
            &id,
            &json!({"status": "accepted", "comment": "Première rencontre le 12."}),
        )
        .await;
    receiver.moved(&id, &json!({"status": "started"})).await;
    receiver.moved(&id, &json!({"status": "completed"})).await;
    let r = sender.moved(&id, &json!({"status": "closed"})).await;
    assert_eq!(r["status"], "closed");
    assert!(r["closed_at"].is_string(), "{r}");
    assert_eq!(r["next"], json!([]));

    // The history: dated, signed, in order.
    let history = r["history"].as_array().unwrap();
    let steps: Vec<(&str, &str, &str)> = history
        .iter()
        .map(|e| {
            assert!(e["at"].is_string(), "{e}");
            (
                e["to_status"].as_str().unwrap(),
                e["side"].as_str().unwrap(),
                e["actor_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("sent", "sender", "intervenante"),
            ("received", "receiver", "accueil"),
            ("accepted", "receiver", "accueil"),
            ("started", "receiver", "accueil"),
            ("completed", "receiver", "accueil"),
            ("closed", "sender", "intervenante"),
        ]
    );
    assert_eq!(history[2]["comment"], "Première rencontre le 12.");
    assert_eq!(history[2]["from_status"], "received");

    // The filters.
    let (_, closed) = receiver
        .get("/api/v1/referrals?box=inbox&status=closed")
        .await;
    assert_eq!(closed["total"], 1);
    let (_, sent) = receiver
        .get("/api/v1/referrals?box=inbox&status=sent")
        .await;
    assert_eq!(sent["total"], 0);
    let (status, bad) = receiver.get("/api/v1/referrals?box=corbeille").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    assert!(bad["error"]["code"].is_string());
}

#[db_test]
async fn declined_no_follow_up_and_withdrawn(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let body = referral_body(&s);

    // Declined: the reason is required, then kept.
    let declined = sender.send(&body).await;
    receiver
        .moved(&declined, &json!({"status": "received"}))
        .await;
    let (status, answer) = receiver
        .status(&declined, &json!({"status": "declined"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(message(&answer).contains("raison du refus"), "{answer}");
    let r = receiver
        .moved(
            &declined,
            &json!({"status": "declined", "reason": "liste_attente"}),
        )
        .await;
    assert_eq!(
        (r["status"].as_str(), r["decline_reason"].as_str()),
        (Some("declined"), Some("liste_attente"))
    );
    assert_eq!(r["history"][2]["reason"], "liste_attente");
    sender.moved(&declined, &json!({"status": "closed"})).await;

    // No follow-up: the obstacle is required, then kept.
    let lost = sender.send(&body).await;
    receiver.moved(&lost, &json!({"status": "received"})).await;
    receiver.moved(&lost, &json!({"status": "accepted"})).await;
    let (status, _) = receiver
        .status(&lost, &json!({"status": "no_follow_up", "reason": "météo"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = receiver
        .moved(&lost, &json!({"status": "no_follow_up", "reason": "cout"}))
        .await;
    assert_eq!(r["obstacle"], "cout");

    // Withdrawn by the sender; the receiver may not withdraw.
    let withdrawn = sender.send(&body).await;
    receiver
        .moved(&withdrawn, &json!({"status": "received"}))
        .await;
    let (status, _) = receiver
        .status(&withdrawn, &json!({"status": "withdrawn"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let r = sender
        .moved(&withdrawn, &json!({"status": "withdrawn"}))
        .await;
    assert_eq!(r["history"][2]["side"], "sender");
}

#[db_test]
async fn a_redirection_makes_a_new_referral_and_keeps_the_history(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let body = referral_body(&s);
    // Redirected to another service: a new referral, the history kept.
    let third = organization(
        app,
        "Carrefour jeunesse du Lac",
        "communautaire",
        s.grouping,
    )
    .await;
    let other_service = service(app, &third, "Aide aux devoirs", "active").await;
    let third_member = member_for(app, "accueil@carrefour.test", &s.grouping_slug, &third).await;
    let redirected = sender.send(&body).await;
    receiver
        .moved(&redirected, &json!({"status": "received"}))
        .await;
    let (status, _) = receiver
        .status(&redirected, &json!({"status": "redirected"}))
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a redirection names a service"
    );
    let r = receiver
        .moved(&redirected, &json!({"status": "redirected", "to_service": other_service, "comment": "Mieux servie là-bas."}))
        .await;
    assert_eq!(r["status"], "redirected");
    let new_id = r["redirected_to"]
        .as_str()
        .expect("the new referral")
        .to_owned();
    assert_ne!(new_id, redirected);
    let history = r["history"].as_array().unwrap();
    assert_eq!(history.len(), 3, "{r}");
    assert_eq!(history[2]["to_service"], other_service.as_str());
    assert_eq!(history[2]["to_referral"], new_id.as_str());
    let new = sender.referral(&new_id).await;
    assert_eq!(new["redirected_from"], redirected.as_str());
    assert_eq!(
        (new["status"].as_str(), new["service"]["id"].as_str()),
        (Some("sent"), Some(other_service.as_str()))
    );
    assert_eq!(
        new["person"]["first_name"], "Amina",
        "the same person, the same consent"
    );
    let third_api = Api::new(&third_member).await;
    assert_eq!(third_api.referral(&new_id).await["side"], "receiver");
    let (status, _) = third_api
        .get(&format!("/api/v1/referrals/{redirected}"))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the first referral stays the first two's"
    );
    // The old receiver no longer sees the new referral.
    let (status, _) = receiver.get(&format!("/api/v1/referrals/{new_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one list of refusals, each checked the same way"
)]
async fn bad_input_is_refused_and_nothing_is_written(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let refused = |status: StatusCode, answer: &Value, what: &str| {
        assert!(answer["error"]["code"].is_string(), "{what}: {answer}");
        assert!(!message(answer).is_empty(), "{what}: {answer}");
        status
    };

    let mut no_consent = referral_body(&s);
    no_consent.as_object_mut().unwrap().remove("consent");
    let (status, answer) = sender.post("/api/v1/referrals", &no_consent).await;
    assert_eq!(
        refused(status, &answer, "no consent"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(message(&answer).contains("consentement"), "{answer}");

    let mut past = referral_body(&s);
    past["consent"]["until"] = json!("2020-01-01");
    let (status, answer) = sender.post("/api/v1/referrals", &past).await;
    assert_eq!(
        refused(status, &answer, "past consent"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(message(&answer).contains("déjà passée"), "{answer}");

    let inactive = service(app, &s.receiver_org, "Ancien programme", "inactive").await;
    let mut body = referral_body(&s);
    body["service"] = json!(inactive);
    let (status, answer) = sender.post("/api/v1/referrals", &body).await;
    assert_eq!(
        refused(status, &answer, "inactive"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(message(&answer).contains("pas actif"), "{answer}");

    // An organization neither member of the grouping nor in its territory.
    let outside = organizations::create_organization(
        &app.store,
        &Actor::system(),
        &OrganizationInput {
            name: "Organisme d’une autre région".to_owned(),
            sector: "communautaire".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let far = service(app, &outside, "Service lointain", "active").await;
    body["service"] = json!(far);
    let (status, answer) = sender.post("/api/v1/referrals", &body).await;
    assert_eq!(
        refused(status, &answer, "territory"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(message(&answer).contains("territoire"), "{answer}");

    // A member of a third organization posting as the CLSC.
    let third = organization(
        app,
        "Carrefour jeunesse du Lac",
        "communautaire",
        s.grouping,
    )
    .await;
    let intruder = member_for(app, "autre@carrefour.test", &s.grouping_slug, &third).await;
    let intruder = Api::new(&intruder).await;
    let (status, answer) = intruder.post("/api/v1/referrals", &referral_body(&s)).await;
    assert_eq!(refused(status, &answer, "intruder"), StatusCode::FORBIDDEN);

    let mut long = referral_body(&s);
    long["note"] = json!("a".repeat(100_000));
    let (status, answer) = sender.post("/api/v1/referrals", &long).await;
    assert_eq!(
        refused(status, &answer, "long note"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(message(&answer).contains("2 000"), "{answer}");

    let mut extra = referral_body(&s);
    extra["person"]["extra"] = json!({"numero_assurance_maladie": "TREA 1234 5678"});
    let (status, answer) = sender.post("/api/v1/referrals", &extra).await;
    assert_eq!(
        refused(status, &answer, "extra"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(message(&answer).contains("ne demande pas"), "{answer}");

    let (status, answer) = sender.post_raw("/api/v1/referrals", "{pas du json").await;
    assert_eq!(
        refused(status, &answer, "not JSON"),
        StatusCode::BAD_REQUEST
    );
    let (status, answer) = sender
        .post(
            "/api/v1/referrals",
            &json!({"from_organization": s.sender_org}),
        )
        .await;
    assert_eq!(
        refused(status, &answer, "missing fields"),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (status, _) = sender
        .post(
            "/api/v1/referrals",
            &json!({"from_organization": s.sender_org, "service": 12}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // A session's write without its CSRF header.
    let r = s
        .sender
        .http
        .post(s.sender.url("/api/v1/referrals"))
        .json(&referral_body(&s))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    assert_eq!(rows(app).await, (0, 0), "nothing written");

    // Moves the machine or the side refuses.
    let id = sender.send(&referral_body(&s)).await;
    let (status, answer) = sender.status(&id, &json!({"status": "closed"})).await;
    assert_eq!(
        refused(status, &answer, "sent → closed"),
        StatusCode::CONFLICT
    );
    let (status, _) = receiver.status(&id, &json!({"status": "accepted"})).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "sent → accepted skips received"
    );
    receiver.moved(&id, &json!({"status": "received"})).await;
    let (status, _) = receiver.status(&id, &json!({"status": "closed"})).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "closing a referral never accepted"
    );
    let (status, _) = sender.status(&id, &json!({"status": "accepted"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the sender does not accept");
    let (status, _) = receiver.status(&id, &json!({"status": "perdue"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = receiver
        .status(
            &id,
            &json!({"status": "accepted", "comment": "x".repeat(5_000)}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = receiver
        .status(&id, &json!({"status": "accepted", "version": 1}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale version");
    let r = receiver.referral(&id).await;
    assert_eq!(
        (r["status"].as_str(), r["history"].as_array().map(Vec::len)),
        (Some("received"), Some(2))
    );
    receiver
        .moved(&id, &json!({"status": "accepted", "version": r["version"]}))
        .await;

    // Unknown, or not theirs: it does not exist.
    let unknown = "00000000-0000-4000-8000-000000000000";
    let (status, _) = sender.get(&format!("/api/v1/referrals/{unknown}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = receiver
        .status(unknown, &json!({"status": "started"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = sender.get("/api/v1/referrals/pas-un-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let coordinator = member_of(
        app,
        "coordination@table.test",
        Role::Coordinator,
        &s.grouping_slug,
    )
    .await;
    let admin = app.signed_in("admin@maillage.test", Role::Admin).await;
    for (who, client) in [
        ("another organization", &intruder.client),
        ("coordinator", &coordinator),
        ("admin", &admin),
    ] {
        let api = Api::new(client).await;
        let (status, _) = api.get(&format!("/api/v1/referrals/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who} reads");
        let (status, _) = api.status(&id, &json!({"status": "started"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who} moves");
    }
    let anonymous = app.client().get(&format!("/api/v1/referrals/{id}")).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(receiver.referral(&id).await["status"], "accepted");
}

#[db_test]
async fn every_read_is_audited_without_personal_data(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let mut body = referral_body(&s);
    body["note"] = json!("Note confidentielle sur la famille");
    let id = sender.send(&body).await;
    receiver.referral(&id).await;
    receiver
        .moved(
            &id,
            &json!({"status": "received", "comment": "Appel prévu"}),
        )
        .await;
    sender.referral(&id).await;

    let log = audit_log::Entity::find()
        .all(app.store.conn())
        .await
        .unwrap();
    let reads: Vec<_> = log.iter().filter(|r| r.action == "referral.read").collect();
    assert!(reads.len() >= 2, "each read: {reads:?}");
    assert!(
        reads
            .iter()
            .all(|r| r.target.as_deref() == Some(id.as_str()))
    );
    let readers: Vec<_> = reads.iter().filter_map(|r| r.actor_id).collect();
    assert!(readers.contains(&app.user_id(&s.sender_email).await));
    assert!(readers.contains(&app.user_id(&s.receiver_email).await));
    assert!(log.iter().any(|r| r.action == "referral.create"));
    assert!(log.iter().any(|r| r.action == "referral.status"));
    for row in &log {
        let text = format!(
            "{} {:?} {:?} {:?}",
            row.action, row.target, row.ip, row.detail
        );
        for personal in [
            "Amina",
            "819 555-0101",
            "confidentielle",
            "Appel prévu",
            "prénom, téléphone",
        ] {
            assert!(
                !text.contains(personal),
                "{personal} in the audit log: {text}"
            );
        }
    }
}

#[db_test]
async fn an_overdue_referral_shows_to_both_sides(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let late = sender.send(&referral_body(&s)).await;
    let on_time = sender.send(&referral_body(&s)).await;
    referral::Entity::update_many()
        .col_expr(
            referral::Column::DueAt,
            Expr::value(Utc::now() - Duration::days(2)),
        )
        .filter(referral::Column::Id.eq(uuid::Uuid::parse_str(&late).unwrap()))
        .exec(app.store.conn())
        .await
        .unwrap();

    for side in [&sender, &receiver] {
        assert_eq!(side.referral(&late).await["overdue"], true);
        assert_eq!(side.referral(&on_time).await["overdue"], false);
    }
    let (_, inbox) = receiver
        .get("/api/v1/referrals?box=inbox&overdue=true")
        .await;
    assert_eq!(inbox["total"], 1, "{inbox}");
    assert_eq!(inbox["items"][0]["id"], late.as_str());
    assert_eq!(inbox["items"][0]["overdue"], true);
    let (_, outbox) = sender
        .get("/api/v1/referrals?box=outbox&overdue=true")
        .await;
    assert_eq!(outbox["total"], 1, "{outbox}");

    // Acknowledged, it is no longer late.
    receiver.moved(&late, &json!({"status": "received"})).await;
    assert_eq!(sender.referral(&late).await["overdue"], false);
    let (_, inbox) = receiver
        .get("/api/v1/referrals?box=inbox&overdue=true")
        .await;
    assert_eq!(inbox["total"], 0);

    // Paging.
    let (_, page) = receiver
        .get("/api/v1/referrals?box=inbox&per_page=1&page=2")
        .await;
    assert_eq!(
        (
            page["total"].as_u64(),
            page["per_page"].as_u64(),
            page["items"].as_array().map(Vec::len)
        ),
        (Some(2), Some(1), Some(1))
    );
    let (status, _) = receiver.get("/api/v1/referrals?per_page=500").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[db_test]
async fn tokens_read_and_write_as_their_account(app: &TestApp) {
    let s = scene(app).await;
    let user = app.user_id(&s.sender_email).await;
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
    let (read, write) = (bearer(ApiScope::Read).await, bearer(ApiScope::Write).await);
    let http = reqwest::Client::new();
    let post = |secret: String| {
        http.post(app.url("/api/v1/referrals"))
            .bearer_auth(secret)
            .json(&referral_body(&s))
            .send()
    };
    assert_eq!(
        post(read.clone()).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let r = post(write).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "no CSRF needed");
    let id = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = http
        .get(app.url(&format!("/api/v1/referrals/{id}")))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = http
        .get(app.url("/api/v1/referrals?box=outbox"))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["total"], 1);
}

#[db_test]
async fn the_openapi_document_lists_the_referral_routes(app: &TestApp) {
    let r = app.client().get("/api/v1/openapi.json").await;
    let doc: Value = r.json().await.unwrap();
    for (path, method) in [
        ("/api/v1/referrals", "post"),
        ("/api/v1/referrals", "get"),
        ("/api/v1/referrals/{id}", "get"),
        ("/api/v1/referrals/{id}/status", "post"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is documented");
        assert_eq!(op["tags"], json!(["referrals"]), "{path}");
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/referrals"]["get"]["parameters"]
        .as_array()
        .expect("the box's filters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        params,
        ["box", "status", "service", "overdue", "page", "per_page"]
    );
    let schemas = &doc["components"]["schemas"];
    for field in [
        "from_organization",
        "service",
        "reason",
        "urgency",
        "person",
        "consent",
        "note",
    ] {
        assert!(
            schemas["ReferralCreateBody"]["properties"][field].is_object(),
            "{field}"
        );
    }
    for schema in [
        "ReferralCreateBody",
        "ReferralStatusBody",
        "ReferralJson",
        "ReferralPageJson",
    ] {
        assert!(schemas[schema].is_object(), "{schema}");
    }
    assert!(
        schemas["StatusBody"].is_object(),
        "the evaluations' body keeps its name"
    );
    let status = &schemas["ReferralJson"]["properties"]["status"];
    assert!(
        status["description"]
            .as_str()
            .unwrap_or_default()
            .contains("no_follow_up"),
        "the status codes are documented: {status}"
    );
}

#[db_test]
async fn what_the_service_publishes_decides_what_is_sent(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let publish = |capacity: Capacity| {
        let service = s.service.clone();
        async move {
            referrals::set_capacity(&app.store, &service, &capacity, None)
                .await
                .unwrap();
        }
    };

    // A service that takes no referrals for now.
    publish(Capacity {
        accepts_referrals: false,
        ..Capacity::default()
    })
    .await;
    let (status, answer) = sender.post("/api/v1/referrals", &referral_body(&s)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(message(&answer).contains("pour le moment"), "{answer}");
    assert_eq!(rows(app).await, (0, 0));

    // A service that asks for one more named field, and a 10-day delay.
    publish(Capacity {
        ack_days: 10,
        asked_fields: vec!["École fréquentée".to_owned()],
        ..Capacity::default()
    })
    .await;
    let mut body = referral_body(&s);
    body["person"]["extra"] = json!({"école fréquentée": "Saint-Joseph"});
    let id = sender.send(&body).await;
    let r = receiver.referral(&id).await;
    assert_eq!(
        r["person"]["extra"],
        json!({"École fréquentée": "Saint-Joseph"})
    );
    let sent = chrono::DateTime::parse_from_rfc3339(r["sent_at"].as_str().unwrap()).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(r["due_at"].as_str().unwrap()).unwrap();
    assert_eq!(due - sent, Duration::days(10), "the published delay");
}

#[db_test(threaded)]
async fn two_moves_at_once_make_one_winner(app: &TestApp) {
    let (s, sender, receiver) = both(app).await;
    let id = sender.send(&referral_body(&s)).await;
    receiver.moved(&id, &json!({"status": "received"})).await;
    let accept = json!({"status": "accepted"});
    let decline = json!({"status": "declined", "reason": "hors_mandat"});
    let (a, b) = tokio::join!(
        receiver.status(&id, &accept),
        receiver.status(&id, &decline)
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{a:?} {b:?}"
    );
    let r = receiver.referral(&id).await;
    assert_eq!(
        r["history"].as_array().map(Vec::len),
        Some(3),
        "one move written"
    );
    assert_eq!(r["version"], 3);
}
