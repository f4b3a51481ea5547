//! The evaluations JSON API (DESIGN.md §4 *Assessments, toolkits,
//! findings*) on the demo: seed 002's evaluation in the contract's shape,
//! word for word; the recommendations no action answers yet; a status
//! with and without its reason; a link to an action of another grouping
//! refused with nothing written; strangers, anonymous visitors and read
//! tokens refused; the routes in the OpenAPI document — on SQLite and
//! PostgreSQL.

use std::collections::BTreeSet;

use maillage_domain::Role;
use maillage_domain::token::{self, ApiScope};
use maillage_store::demo_evaluations::{AXES, CITATION, GROUPING, TITLE, YEAR};
use maillage_store::entity::{evaluation_recommendation, recommendation_action};
use maillage_store::repo::api_tokens;
use maillage_store::repo::audit::Actor;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::harness::{TestApp, TestClient, member_of};
use maillage_test_macros::db_test;

/// A signed-in browser sending JSON with its CSRF header.
pub struct JsonClient {
    pub client: TestClient,
    csrf: String,
}

impl JsonClient {
    pub async fn new(client: TestClient) -> Self {
        let csrf = client.csrf().await;
        Self { client, csrf }
    }

    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
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

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = self.client.get(path).await;
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set(items: &[&'static str]) -> BTreeSet<&'static str> {
    items.iter().copied().collect()
}

/// Seed 002's evaluation as the API lists it.
pub async fn seed_evaluation(c: &JsonClient) -> Value {
    let (status, list) = c.get("/api/v1/evaluations").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array()
        .expect("a bare array")
        .iter()
        .find(|e| e["title"] == TITLE)
        .cloned()
        .expect("seed 002's evaluation")
}

/// The id of the recommendation whose text starts with `start`.
pub fn recommendation_id(evaluation: &Value, start: &str) -> String {
    evaluation["axes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["recommendations"].as_array().unwrap())
        .find(|r| r["text"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("a recommendation starting with {start}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The id of the action titled `title` in the grouping's plans.
pub async fn action_id(app: &TestApp, grouping: &str, title: &str) -> String {
    use maillage_store::repo::{groupings, plans};
    let g = groupings::find_by_slug(app.store.conn(), grouping)
        .await
        .unwrap()
        .expect("the grouping");
    for plan in plans::plans_of(app.store.conn(), &[g.id]).await.unwrap() {
        let outline = plans::outline(app.store.conn(), plan.id).await.unwrap();
        if let Some(a) = outline.actions().iter().find(|a| a.model.title == title) {
            return a.model.id.to_string();
        }
    }
    panic!("no action {title} in {grouping}")
}

/// The id of the first action of the grouping's first plan.
pub async fn first_action_id(app: &TestApp, grouping: &str) -> String {
    use maillage_store::repo::{groupings, plans};
    let g = groupings::find_by_slug(app.store.conn(), grouping)
        .await
        .unwrap()
        .expect("the grouping");
    let plan = plans::plans_of(app.store.conn(), &[g.id]).await.unwrap()[0].id;
    plans::outline(app.store.conn(), plan)
        .await
        .unwrap()
        .actions()[0]
        .model
        .id
        .to_string()
}

async fn links(app: &TestApp) -> u64 {
    recommendation_action::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

#[db_test(demo)]
async fn the_list_is_seed_002_word_for_word_in_the_contract_shape(app: &TestApp) {
    let reader = JsonClient::new(app.signed_in("lectrice@exemple.ca", Role::Viewer).await).await;
    let e = seed_evaluation(&reader).await;
    assert_eq!(
        keys(&e),
        set(&["id", "title", "year", "citation", "axes"]),
        "{e}"
    );
    assert_eq!(e["year"], YEAR);
    assert_eq!(e["citation"], CITATION);
    assert!(
        CITATION.starts_with("Lépine, É., Mailloux, D. & Lacharité, C. (2019). Place aux familles")
    );
    let axes = e["axes"].as_array().unwrap();
    let titles: Vec<&str> = axes.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Approche personnalisée",
            "Faire village autour des familles",
            "Piloter le programme"
        ]
    );
    for (axis, seed) in axes.iter().zip(AXES.iter()) {
        assert_eq!(keys(axis), set(&["title", "findings", "recommendations"]));
        let findings: Vec<&str> = axis["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                assert_eq!(keys(f), set(&["id", "text"]));
                f["text"].as_str().unwrap()
            })
            .collect();
        let seeded: Vec<&str> = seed.findings.iter().map(|(_, t)| *t).collect();
        assert_eq!(findings, seeded);
        let recs = axis["recommendations"].as_array().unwrap();
        assert_eq!(recs.len(), seed.recommendations.len());
        for (r, text) in recs.iter().zip(seed.recommendations) {
            assert_eq!(keys(r), set(&["id", "text", "status", "actions"]));
            assert_eq!(r["text"], *text);
            assert_eq!(r["status"], "retenue");
        }
    }
    // The seed's own words (its straight apostrophes typeset).
    let all = e.to_string();
    for words in [
        "Un pas vers sa communauté favorise l’intégration des familles dans les activités et services.",
        "La sensibilisation des élus en est à ses débuts.",
        "- Reconnaittent et valorisent l’expérience parentale;",
        "Prioriser les principes plutôt que l’approche;",
        "(par exemple : codéveloppement).",
        "- Penser à long terme, se donner le temps et les moyens pour réfléchir et bâtir des relations avant de s’engager dans des actions.",
        "Qu’un regroupement futur porte attention à :",
        "- L’utilisation de lignes directrices communes.",
        "la lourdeur des processus d’évaluation et de reddition de comptes a nui à l’efficacité du travail collectif.",
    ] {
        let json_words = serde_json::to_string(words).unwrap();
        assert!(
            all.contains(json_words.trim_matches('"')),
            "« {words} » is in the API"
        );
    }
    // Two recommendations are answered by the grouping's demo plan.
    let linked: usize = axes
        .iter()
        .flat_map(|a| a["recommendations"].as_array().unwrap())
        .filter(|r| !r["actions"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(linked, 2);
    let codev = action_id(
        app,
        GROUPING,
        "Codéveloppement des intervenantes sur l'approche personnalisée",
    )
    .await;
    assert_eq!(
        axes[0]["recommendations"][1]["actions"],
        json!([codev]),
        "« codéveloppement » is answered by its action"
    );

    // One evaluation: the same, with its authors and grouping.
    let id = e["id"].as_str().unwrap();
    let (status, one) = reader.get(&format!("/api/v1/evaluations/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["authors"], "Lépine, É., Mailloux, D. & Lacharité, C.");
    assert_eq!(one["grouping"], GROUPING);
    assert_eq!(one["axes"], e["axes"]);
    let (status, body) = reader
        .get("/api/v1/evaluations/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = reader.get("/api/v1/evaluations/pas-un-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Anonymous: 401 with the JSON error.
    let r = app.client().get("/api/v1/evaluations").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[db_test(demo)]
async fn without_action_lists_only_what_no_action_answers(app: &TestApp) {
    let coordinator =
        JsonClient::new(member_of(app, "coord@becancour.ca", Role::Coordinator, GROUPING).await)
            .await;
    let e = seed_evaluation(&coordinator).await;
    let id = e["id"].as_str().unwrap();
    let path = format!("/api/v1/evaluations/{id}/recommendations");
    let (status, all) = coordinator.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all.as_array().unwrap().len(), 5);
    let (_, all_false) = coordinator
        .get(&format!("{path}?without_action=false"))
        .await;
    assert_eq!(all_false, all);
    let (status, without) = coordinator
        .get(&format!("{path}?without_action=true"))
        .await;
    assert_eq!(status, StatusCode::OK, "{without}");
    let texts: Vec<&str> = without
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert!(r["actions"].as_array().unwrap().is_empty());
            r["text"].as_str().unwrap()
        })
        .collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(texts[0], "Prioriser les principes plutôt que l’approche;");
    assert!(texts[1].starts_with("Les apprentissages ressortis"));
    assert!(texts[2].starts_with("Qu’un regroupement futur porte attention à"));
    assert_eq!(without[0]["axis"], "Approche personnalisée");
    let (status, body) = coordinator
        .get(&format!("{path}?without_action=peut-etre"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // Linking an action of the grouping takes it out of the view; the
    // same link again writes nothing.
    let prioriser = recommendation_id(&e, "Prioriser");
    let ateliers = action_id(app, GROUPING, "Ateliers de la boîte à outils parent-enfant").await;
    let link = format!("/api/v1/recommendations/{prioriser}/actions");
    let (status, body) = coordinator
        .post(&link, &json!({ "action": ateliers }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["created"], true);
    let (status, body) = coordinator
        .post(&link, &json!({ "action": ateliers }))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["created"], false);
    let (_, without) = coordinator
        .get(&format!("{path}?without_action=true"))
        .await;
    assert_eq!(without.as_array().unwrap().len(), 2);
    assert_eq!(links(app).await, 3);
}

#[db_test(demo)]
async fn a_status_not_kept_needs_a_reason_and_nothing_is_written_without(app: &TestApp) {
    let coordinator =
        JsonClient::new(member_of(app, "coord@becancour.ca", Role::Coordinator, GROUPING).await)
            .await;
    let e = seed_evaluation(&coordinator).await;
    let rec = recommendation_id(&e, "Qu’un regroupement futur");
    let path = format!("/api/v1/recommendations/{rec}/status");
    let before = evaluation_recommendation::Entity::find_by_id(rec.parse::<uuid::Uuid>().unwrap())
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();

    for body in [
        json!({ "status": "non_retenue" }),
        json!({ "status": "non_retenue", "reason": "   " }),
    ] {
        let (status, err) = coordinator.post(&path, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        assert_eq!(err["error"]["code"], "unprocessable");
        assert_eq!(
            err["error"]["message"],
            "Une recommandation non retenue demande un motif."
        );
    }
    let (status, err) = coordinator
        .post(&path, &json!({ "status": "abandonnee", "reason": "x" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("non_retenue"),
        "{err}"
    );
    let (status, _) = coordinator.post(&path, &json!({ "reason": "x" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let status = coordinator
        .client
        .http
        .post(coordinator.client.url(&path))
        .header("x-csrf-token", &coordinator.csrf)
        .body("{pas du json")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let after = evaluation_recommendation::Entity::find_by_id(before.id)
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after, before, "nothing written");

    let (status, body) = coordinator
        .post(
            &path,
            &json!({ "status": "non_retenue", "reason": "Le regroupement futur n’est pas encore formé." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "non_retenue");
    assert_eq!(
        body["reason"],
        "Le regroupement futur n’est pas encore formé."
    );
    let (status, body) = coordinator
        .post(&path, &json!({ "status": "en_cours" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["reason"], Value::Null);
    let e = seed_evaluation(&coordinator).await;
    assert_eq!(e["axes"][2]["recommendations"][0]["status"], "en_cours");
}

#[db_test(demo)]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn another_groupings_action_is_refused_and_strangers_change_nothing(app: &TestApp) {
    let coordinator =
        JsonClient::new(member_of(app, "coord@becancour.ca", Role::Coordinator, GROUPING).await)
            .await;
    let e = seed_evaluation(&coordinator).await;
    let rec = recommendation_id(&e, "Prioriser");
    let link = format!("/api/v1/recommendations/{rec}/actions");
    let status_path = format!("/api/v1/recommendations/{rec}/status");
    let foreign = first_action_id(app, "commun-enfant-jonquiere").await;
    let before = links(app).await;

    let (status, err) = coordinator.post(&link, &json!({ "action": foreign })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("un autre regroupement"),
        "{err}"
    );
    let (status, _) = coordinator
        .post(
            &link,
            &json!({ "action": "00000000-0000-4000-8000-000000000000" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = coordinator.post(&link, &json!({ "action": "nope" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = coordinator.post(&link, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // An administrator may change anything, but not tie two groupings.
    let admin = JsonClient::new(app.signed_in("admin@exemple.ca", Role::Admin).await).await;
    let (status, _) = admin.post(&link, &json!({ "action": foreign })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(links(app).await, before, "nothing written");

    // Another grouping's coordinator reads, but changes nothing (403).
    let stranger = JsonClient::new(
        member_of(
            app,
            "coord@jonquiere.ca",
            Role::Coordinator,
            "commun-enfant-jonquiere",
        )
        .await,
    )
    .await;
    assert_eq!(seed_evaluation(&stranger).await["id"], e["id"]);
    let (status, err) = stranger.post(&link, &json!({ "action": foreign })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{err}");
    assert_eq!(err["error"]["code"], "forbidden");
    let (status, _) = stranger
        .post(&status_path, &json!({ "status": "realisee" }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let member =
        JsonClient::new(member_of(app, "membre@becancour.ca", Role::Member, GROUPING).await).await;
    let (status, _) = member
        .post(&status_path, &json!({ "status": "realisee" }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = stranger
        .post(
            "/api/v1/recommendations/00000000-0000-4000-8000-000000000000/status",
            &json!({ "status": "realisee" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(links(app).await, before);
    let e2 = seed_evaluation(&coordinator).await;
    assert_eq!(e2, e, "nothing changed");

    // A read token reads and writes nothing; a write token writes.
    let user = app.user_id("coord@becancour.ca").await;
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
        .get(app.url("/api/v1/evaluations"))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = http
        .post(app.url(&status_path))
        .bearer_auth(&read)
        .json(&json!({ "status": "realisee" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = http
        .post(app.url(&status_path))
        .bearer_auth(&write)
        .json(&json!({ "status": "realisee" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[db_test]
async fn the_openapi_document_lists_the_evaluation_routes(app: &TestApp) {
    let r = app.client().get("/api/v1/openapi.json").await;
    let doc: Value = r.json().await.unwrap();
    for (path, method) in [
        ("/api/v1/evaluations", "get"),
        ("/api/v1/evaluations/{id}", "get"),
        ("/api/v1/evaluations/{id}/recommendations", "get"),
        ("/api/v1/recommendations/{id}/actions", "post"),
        ("/api/v1/recommendations/{id}/status", "post"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is documented");
        assert_eq!(op["tags"], json!(["evaluations"]), "{path}");
    }
    assert!(
        doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "evaluations")
    );
    let status = &doc["components"]["schemas"]["RecommendationJson"]["properties"]["status"];
    assert!(
        status["description"]
            .as_str()
            .unwrap_or_default()
            .contains("non_retenue"),
        "the status codes are documented: {status}"
    );
}
