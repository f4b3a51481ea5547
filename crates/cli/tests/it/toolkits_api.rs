//! The toolkits API (DESIGN.md §4 *Assessments, toolkits, findings*):
//! `GET /api/v1/toolkits` in the contract's shape, a toolkit in full, and
//! `POST /api/v1/toolkit-activities/{id}/runs` — 201 for a member of the
//! grouping, 403 for another grouping's, 422 with a French message and
//! nothing written for bad input, 401 anonymous; the OpenAPI document
//! lists the routes under the `toolkits` tag — on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::entity::toolkit_run;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::harness::{TestApp, TestClient, member_of};
use maillage_test_macros::db_test;

const SLSJ: &str = "mobilisation-famille-slsj";

async fn get(client: &TestClient, path: &str) -> (StatusCode, Value) {
    let r = client.get(path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn post(client: &TestClient, path: &str, body: &Value) -> (StatusCode, Value) {
    let csrf = client.csrf().await;
    let r = client
        .http
        .post(client.url(path))
        .header("x-csrf-token", csrf)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn runs(app: &TestApp) -> u64 {
    toolkit_run::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

#[db_test(demo)]
async fn toolkits_api_lists_toolkits_in_the_contracts_shape(app: &TestApp) {
    let (status, _) = get(&app.client(), "/api/v1/toolkits").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let client = member_of(app, "lecteur@exemple.ca", Role::Viewer, SLSJ).await;
    let (status, body) = get(&client, "/api/v1/toolkits").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let toolkits = body.as_array().unwrap();
    assert_eq!(toolkits.len(), 2);
    let kit = toolkits
        .iter()
        .find(|t| t["title"] == "Je le soutiens, il persévère")
        .unwrap();
    // Exactly the contract's keys, at every level.
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(kit), ["id", "themes", "title"]);
    let themes = kit["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 5);
    assert_eq!(keys(&themes[0]), ["activities", "title"]);
    assert_eq!(themes[0]["title"], "Valorisation de l’éducation");
    let activities: Vec<&Value> = themes
        .iter()
        .flat_map(|t| t["activities"].as_array().unwrap())
        .collect();
    assert_eq!(activities.len(), 22);
    assert_eq!(keys(activities[0]), ["audience", "id", "title"]);
    assert_eq!(activities[0]["title"], "La lecture, un plaisir à partager");
    assert_eq!(activities[0]["audience"], json!(["parents", "0-5"]));
    let list = toolkits
        .iter()
        .find(|t| t["title"] == "Répertoire de 13 activités porteuses")
        .unwrap();
    assert_eq!(
        list["themes"][0]["activities"].as_array().unwrap().len(),
        13
    );

    // One toolkit in full.
    let id = kit["id"].as_str().unwrap();
    let (status, full) = get(&client, &format!("/api/v1/toolkits/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(full["kind"], "trousse");
    assert_eq!(full["grouping"], SLSJ);
    assert!(full["plan"].is_string());
    assert!(
        full["source_note"]
            .as_str()
            .unwrap()
            .contains("22 activités touchant 5 thèmes")
    );
    let first = &full["themes"][0]["activities"][0];
    assert_eq!(first["placeholder"], true);
    assert_eq!(first["duration_minutes"], 45);
    assert_eq!(first["runs"], 2);
    assert!(first["strategy"].is_string());
    let (status, list_full) = get(
        &client,
        &format!("/api/v1/toolkits/{}", list["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list_full["kind"], "repertoire");
    let (status, err) = get(
        &client,
        &format!("/api/v1/toolkits/{}", uuid::Uuid::new_v4()),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(err["error"]["message"].is_string());

    // The OpenAPI document lists the routes under the tag.
    let (_, doc) = get(&app.client(), "/api/v1/openapi.json").await;
    for path in [
        "/api/v1/toolkits",
        "/api/v1/toolkits/{id}",
        "/api/v1/toolkit-activities",
        "/api/v1/toolkit-activities/{id}/runs",
    ] {
        let item = &doc["paths"][path];
        let op = item
            .get("get")
            .or_else(|| item.get("post"))
            .unwrap_or_else(|| panic!("{path}"));
        assert_eq!(op["tags"], json!(["toolkits"]), "{path}");
    }
    assert!(
        doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "toolkits")
    );
}

#[db_test(demo)]
async fn toolkits_api_records_runs_for_members_only(app: &TestApp) {
    let member = member_of(app, "membre@exemple.ca", Role::Member, SLSJ).await;
    let (_, kits) = get(&member, "/api/v1/toolkits").await;
    let activity = kits[0]["themes"][0]["activities"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/toolkit-activities/{activity}/runs");
    let crf = maillage_store::repo::toolkits::member_organizations(
        app.store.conn(),
        app.grouping(SLSJ).await,
    )
    .await
    .unwrap()[0]
        .0
        .clone();
    let good = json!({"grouping": SLSJ, "organization": crf, "date": "2024-03-12",
                      "participants": 17, "comment": "Avec les éducatrices."});
    let before = runs(app).await;

    // Anonymous: 401; another grouping's member: 403; nothing written.
    let (status, _) = post(&app.client(), &path, &good).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let stranger = member_of(
        app,
        "ailleurs@exemple.ca",
        Role::Member,
        "commun-enfant-jonquiere",
    )
    .await;
    let (status, err) = post(&stranger, &path, &good).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{err}");
    assert!(err["error"]["message"].is_string());
    assert_eq!(runs(app).await, before);

    // Bad input: 422 with a French message, nothing written.
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(3);
    for (field, value, message) in [
        (
            "date",
            json!(tomorrow.to_string()),
            "La date est dans le futur",
        ),
        ("date", json!("12 mars"), "La date doit être une vraie date"),
        ("participants", json!(10_001), "Le nombre de participants"),
        ("participants", json!(-1), "Le nombre de participants"),
        (
            "participants",
            json!("beaucoup"),
            "participants est un nombre",
        ),
        (
            "organization",
            json!("pas-membre"),
            "Choisissez une organisation membre du regroupement.",
        ),
        (
            "grouping",
            json!("nulle-part"),
            "Ce regroupement n’existe pas.",
        ),
    ] {
        let mut body = good.clone();
        body[field] = value;
        let (status, err) = post(&member, &path, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {err}");
        let text = err["error"]["message"].as_str().unwrap();
        assert!(text.contains(message), "{field}: {text}");
        assert_eq!(runs(app).await, before, "{field}");
    }
    let (status, _) = post(
        &member,
        &format!("/api/v1/toolkit-activities/{}/runs", uuid::Uuid::new_v4()),
        &good,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, created) = post(&member, &path, &good).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert!(created["id"].is_string());
    assert_eq!(created["date"], "2024-03-12");
    assert_eq!(created["participants"], 17);
    assert_eq!(runs(app).await, before + 1);
    let (_, usage) = member
        .get_text(&format!("/regroupements/{SLSJ}/trousses"))
        .await;
    assert!(usage.contains("7 utilisations"), "{usage}");
}
