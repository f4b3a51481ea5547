//! Snapshots of the HSDS JSON the API gives for one organization and one
//! service of the demo territory (ids and timestamps redacted), the same on
//! SQLite and PostgreSQL.

use maillage_test_macros::db_test;
use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{Redactions, TestApp, TestClient};

const CREPAS_NAME: &str = "Conseil régional de prévention de l'abandon scolaire";
const SERVICE_NAME: &str = "Journées de la persévérance scolaire";

async fn ok(c: &TestClient, path: &str) -> Value {
    let r = c.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "GET {path}");
    r.json().await.expect("a JSON body")
}

/// The HSDS id of the item named `name` in the list at `path`.
async fn id_named(c: &TestClient, path: &str, name: &str) -> String {
    let all = ok(c, path).await;
    all["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("{name} is in the demo"))["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// `value` with its nameless rows in an order of their content. The API
/// sorts rows by name, then by id; ids are random, so rows without a name
/// (attributes, languages…) come in a different order on each run.
fn in_stable_order(value: &Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(in_stable_order).collect();
            if items
                .iter()
                .all(|i| i.is_object() && i.get("name").is_none())
            {
                items.sort_by_cached_key(|i| Redactions::new().json(i).to_string());
            }
            Value::Array(items)
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), in_stable_order(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[db_test(demo)]
async fn the_hsds_json_of_an_organization_and_a_service(app: &TestApp) {
    let c = app.client();
    let org = id_named(&c, "/api/v1/organizations?per_page=500", CREPAS_NAME).await;
    let service = id_named(
        &c,
        &format!("/api/v1/services?organization_id={org}&per_page=500"),
        SERVICE_NAME,
    )
    .await;
    // One numbering of the ids for both documents: the organization is
    // [id-1] in each.
    let mut redactions = Redactions::new();
    let organization = redactions.json(&in_stable_order(
        &ok(&c, &format!("/api/v1/organizations/{org}")).await,
    ));
    insta::assert_json_snapshot!("hsds_organization", organization);
    let service = redactions.json(&in_stable_order(
        &ok(&c, &format!("/api/v1/services/{service}")).await,
    ));
    insta::assert_json_snapshot!("hsds_service", service);
}
