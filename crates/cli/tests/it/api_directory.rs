//! The directory's JSON API: `/api/v1/search` and the Open Referral HSDS 3.0
//! endpoints, checked against the official material in
//! `vendor/hsds-3.0/schema/` (the JSON schemas and `openapi.json`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use maillage_domain::hsds;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::directory_pages::sort_key;
use maillage_store::repo::hsds::{TableRows, Values, import};
use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{TestApp, TestClient};
use maillage_test_macros::db_test;

fn hsds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/hsds-3.0/schema")
}

/// Loads the demo territory and makes it searchable at once.
async fn load_demo(app: &TestApp) {
    maillage_store::demo::load(&app.store)
        .await
        .expect("demo loads");
    maillage_web::search_sync::catch_up(&app.store, &app.search)
        .await
        .expect("the index follows the change log");
}

/// GET `path`, expecting `status` and a JSON body.
async fn get_json(c: &TestClient, path: &str, status: StatusCode) -> Value {
    let r = c.get(path).await;
    assert_eq!(r.status(), status, "GET {path}");
    let content_type = r
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "GET {path}: {content_type}"
    );
    r.json().await.expect("a JSON body")
}

async fn ok(c: &TestClient, path: &str) -> Value {
    get_json(c, path, StatusCode::OK).await
}

/// The URL-encoded form of `text`, for query strings.
fn enc(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn ids(page: &Value) -> Vec<String> {
    page["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|c| c["id"].as_str().expect("an id").to_owned())
        .collect()
}

fn names(page: &Value) -> Vec<String> {
    page["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|c| c["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Checks `value` against the HSDS JSON schema `file` (required
/// properties, types, enums, uuid formats, nested objects), recursively.
fn hsds_problems(file: &str, value: &Value, at: &str, problems: &mut Vec<String>) {
    let text = std::fs::read_to_string(hsds_dir().join(file)).expect("an HSDS schema");
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    let Some(object) = value.as_object() else {
        problems.push(format!("{at}: not an object"));
        return;
    };
    for name in schema["required"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap();
        if !object.contains_key(name) {
            problems.push(format!("{at}: {name} is required by {file}"));
        }
    }
    let properties = schema["properties"].as_object().expect("properties");
    for (key, v) in object {
        let Some(property) = properties.get(key) else {
            continue;
        };
        let here = format!("{at}.{key}");
        match property["type"].as_str() {
            Some("string") => match v.as_str() {
                None => problems.push(format!("{here}: {v} is not a string")),
                Some(s) => {
                    if property["format"] == "uuid" && uuid::Uuid::parse_str(s).is_err() {
                        problems.push(format!("{here}: {s} is not a uuid"));
                    }
                    if let Some(allowed) = property["enum"].as_array()
                        && !allowed.contains(v)
                    {
                        problems.push(format!("{here}: {s} is not one of {allowed:?}"));
                    }
                }
            },
            Some("number") if !v.is_number() => {
                problems.push(format!("{here}: {v} is not a number"));
            }
            Some("array") => match (v.as_array(), property["items"]["$ref"].as_str()) {
                (None, _) => problems.push(format!("{here}: not an array")),
                (Some(items), Some(item_file)) => {
                    for (i, item) in items.iter().enumerate() {
                        hsds_problems(item_file, item, &format!("{here}[{i}]"), problems);
                    }
                }
                (Some(_), None) => {}
            },
            _ => {
                if let Some(object_file) = property["$ref"].as_str() {
                    hsds_problems(object_file, v, &here, problems);
                }
            }
        }
    }
}

fn assert_hsds(file: &str, value: &Value) {
    let mut problems = Vec::new();
    hsds_problems(file, value, file, &mut problems);
    assert!(problems.is_empty(), "{problems:#?}\n{value:#}");
}

fn assert_page_envelope(page: &Value) {
    let keys: BTreeSet<&str> = page
        .as_object()
        .expect("a page")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents"
        ])
    );
    for n in ["total_items", "total_pages", "page_number", "size"] {
        assert!(page[n].is_u64(), "{n} is an integer: {page}");
    }
    for b in ["first_page", "last_page", "empty"] {
        assert!(page[b].is_boolean(), "{b} is a boolean: {page}");
    }
}

const CREPAS_NAME: &str = "Conseil régional de prévention de l'abandon scolaire";

/// The HSDS id of the demo organization named `name`.
async fn organization_id(c: &TestClient, name: &str) -> String {
    let all = ok(c, "/api/v1/organizations?per_page=500").await;
    all["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("{name} is in the demo"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[db_test]
async fn search_finds_what_people_remember(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();
    let crepas = organization_id(&c, CREPAS_NAME).await;

    // Without accents and with a typo ("prevension").
    let typed = "conseil regional prevension abandon scolaire";
    let r = ok(&c, &format!("/api/v1/search?q={}", enc(typed))).await;
    assert_eq!(r["query"], typed);
    assert_eq!(r["hits"][0]["kind"], "organization", "{r:#}");
    assert_eq!(r["hits"][0]["id"], crepas.as_str());
    assert_eq!(r["hits"][0]["name"], CREPAS_NAME);
    assert_eq!(r["hits"][0]["organization"], CREPAS_NAME);

    // The alias, as written and as typed.
    for alias in ["CRÉPAS", "crepas", "Crepas"] {
        let r = ok(&c, &format!("/api/v1/search?q={}&limit=5", enc(alias))).await;
        assert_eq!(r["hits"][0]["id"], crepas.as_str(), "{alias}: {r:#}");
    }

    // A service names its organization.
    let r = ok(&c, "/api/v1/search?q=perseverance%20scolaire&limit=20").await;
    let service = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "service")
        .expect("a service hit");
    assert!(
        service["organization"]
            .as_str()
            .is_some_and(|o| !o.is_empty())
    );
    let detail = ok(
        &c,
        &format!("/api/v1/services/{}", service["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(detail["name"], service["name"]);
    assert_eq!(detail["organization"]["name"], service["organization"]);
}

#[db_test]
async fn search_has_a_fixed_shape_and_bounded_limits(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();

    let r = ok(&c, "/api/v1/search?q=jonquiere&limit=100").await;
    let top: BTreeSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, BTreeSet::from(["query", "hits"]));
    let hits = r["hits"].as_array().unwrap();
    assert!(
        hits.len() > 10,
        "enough hits to test the limits: {}",
        hits.len()
    );
    let mut previous = f64::INFINITY;
    for h in hits {
        let keys: BTreeSet<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from(["kind", "id", "name", "organization", "score"])
        );
        assert!(h["kind"] == "organization" || h["kind"] == "service");
        let score = h["score"].as_f64().expect("a number");
        assert!(score <= previous, "best first");
        previous = score;
    }

    let default = ok(&c, "/api/v1/search?q=jonquiere").await;
    assert_eq!(default["hits"].as_array().unwrap().len(), 10);
    for (limit, expected) in [("1", 1), ("0", 1), ("-5", 1), ("3", 3)] {
        let r = ok(&c, &format!("/api/v1/search?q=jonquiere&limit={limit}")).await;
        assert_eq!(
            r["hits"].as_array().unwrap().len(),
            expected,
            "limit={limit}"
        );
    }
    for limit in ["101", "1000", "99999999999999999999"] {
        let r = ok(&c, &format!("/api/v1/search?q=jonquiere&limit={limit}")).await;
        let n = r["hits"].as_array().unwrap().len();
        assert!(n <= 100 && n == hits.len().min(100), "limit={limit}: {n}");
    }

    for blank in ["", "%20%20%20", "!!!", "%E2%80%94%20%3F", "de%20la"] {
        let r = ok(&c, &format!("/api/v1/search?q={blank}")).await;
        assert_eq!(r["hits"], serde_json::json!([]), "q={blank}");
    }
    let r = ok(&c, "/api/v1/search").await;
    assert_eq!(r, serde_json::json!({"query": "", "hits": []}));
    let huge = "organisme ".repeat(2000);
    let r = ok(&c, &format!("/api/v1/search?q={}", enc(&huge))).await;
    assert!(r["hits"].is_array());

    for bad in ["abc", "1.5", "dix"] {
        let e = get_json(
            &c,
            &format!("/api/v1/search?q=crepas&limit={bad}"),
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(e["error"]["code"], "bad_request");
        assert!(e["error"]["message"].as_str().unwrap().contains("limit"));
    }
}

#[db_test]
async fn organizations_page_through_in_a_stable_order(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();
    let everything = ok(&c, "/api/v1/organizations?per_page=500").await;
    assert_page_envelope(&everything);
    let total = everything["total_items"].as_u64().unwrap();
    assert_eq!(
        total, 90,
        "the demo's organizations (two fictional schools fill the self-assessment)"
    );
    let all_ids = ids(&everything);
    assert_eq!(all_ids.len() as u64, total);
    assert_eq!(all_ids.iter().collect::<BTreeSet<_>>().len(), all_ids.len());
    let all_names = names(&everything);
    let keys: Vec<String> = all_names.iter().map(|n| sort_key(n)).collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "sorted by name: {all_names:?}"
    );

    // Defaults: page 1 of 50.
    let first = ok(&c, "/api/v1/organizations").await;
    assert_eq!(first["page_number"], 1);
    assert_eq!(first["size"], 50);
    assert_eq!(first["total_pages"], 2);
    assert_eq!(first["first_page"], true);
    assert_eq!(first["last_page"], false);
    assert_eq!(ids(&first), all_ids[..50]);

    let per_page = 7;
    let pages = total.div_ceil(per_page);
    let mut seen = Vec::new();
    for page in 1..=pages {
        let p = ok(
            &c,
            &format!("/api/v1/organizations?page={page}&per_page={per_page}"),
        )
        .await;
        assert_page_envelope(&p);
        assert_eq!(p["total_items"], total);
        assert_eq!(p["total_pages"], pages);
        assert_eq!(p["page_number"], page);
        assert_eq!(p["first_page"], page == 1);
        assert_eq!(p["last_page"], page == pages);
        assert_eq!(p["empty"], false);
        let expected = if page == pages {
            total - per_page * (pages - 1)
        } else {
            per_page
        };
        assert_eq!(p["size"], expected);
        seen.extend(ids(&p));
    }
    assert_eq!(
        seen, all_ids,
        "pages follow each other without gap or overlap"
    );

    // The same request gives the same page.
    let again = ok(&c, "/api/v1/organizations?page=5&per_page=7").await;
    assert_eq!(ids(&again), all_ids[28..35]);

    let past = ok(
        &c,
        &format!("/api/v1/organizations?page={}&per_page=7", pages + 1),
    )
    .await;
    assert_page_envelope(&past);
    assert_eq!(past["empty"], true);
    assert_eq!(past["size"], 0);
    assert_eq!(past["last_page"], true);
    assert_eq!(past["contents"], serde_json::json!([]));

    // A list item has the organization's one-to-one fields only.
    for o in everything["contents"].as_array().unwrap() {
        assert_hsds("organization.json", o);
        assert!(o.get("services").is_none() && o.get("locations").is_none());
    }

    // Full-text search: accent-free, by alias, best first.
    let found = ok(&c, "/api/v1/organizations?search=crepas").await;
    assert_eq!(found["contents"][0]["name"], CREPAS_NAME);
    assert_eq!(found["contents"][0]["alternate_name"], "CRÉPAS");
    let nothing = ok(&c, "/api/v1/organizations?search=%21%21%21").await;
    assert_eq!(nothing["total_items"], 0);
    assert_eq!(nothing["empty"], true);
}

#[db_test]
async fn organization_detail_nests_its_services(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();
    let id = organization_id(&c, CREPAS_NAME).await;
    let org = ok(&c, &format!("/api/v1/organizations/{id}")).await;
    assert_hsds("organization.json", &org);
    assert_eq!(org["id"], id.as_str());
    assert_eq!(org["name"], CREPAS_NAME);
    assert_eq!(org["alternate_name"], "CRÉPAS");
    for array in [
        "funding",
        "contacts",
        "phones",
        "locations",
        "programs",
        "organization_identifiers",
        "services",
        "attributes",
        "metadata",
    ] {
        assert!(org[array].is_array(), "{array} in {org:#}");
    }
    let services = org["services"].as_array().unwrap();
    assert!(services.len() >= 2, "{org:#}");
    let service_names: Vec<&str> = services.iter().filter_map(|s| s["name"].as_str()).collect();
    assert!(service_names.contains(&"Journées de la persévérance scolaire"));
    for s in services {
        assert_hsds("service.json", s);
        assert_eq!(s["organization_id"], id.as_str());
        assert!(s.get("attributes").is_none(), "simple services by default");
    }
    // The services of the organization, as the services list has them.
    let listed = ok(&c, &format!("/api/v1/services?organization_id={id}")).await;
    let mut expected = ids(&listed);
    let mut nested: Vec<String> = services
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    nested.sort();
    assert_eq!(nested, expected);

    let full = ok(&c, &format!("/api/v1/organizations/{id}?full_service=true")).await;
    assert_hsds("organization.json", &full);
    for s in full["services"].as_array().unwrap() {
        assert_hsds("service.json", s);
        assert!(
            s["languages"].is_array() && s["attributes"].is_array(),
            "{s:#}"
        );
        assert!(s["service_at_locations"].is_array());
    }

    let e = get_json(
        &c,
        "/api/v1/organizations/00000000-0000-4000-8000-000000000000",
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(e["error"]["code"], "not_found");
    assert!(e["error"]["message"].as_str().unwrap().contains("00000000"));
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn services_filter_by_organization_and_taxonomy(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();
    let all = ok(&c, "/api/v1/services?per_page=500").await;
    assert_page_envelope(&all);
    let total = all["total_items"].as_u64().unwrap();
    assert!(total >= 60, "the demo's services: {total}");
    for s in all["contents"].as_array().unwrap() {
        assert_hsds("service.json", s);
        assert!(s["organization"]["name"].is_string(), "{s:#}");
        assert!(s.get("phones").is_none(), "one-to-one fields only");
    }

    // By organization.
    let crepas = organization_id(&c, CREPAS_NAME).await;
    let of_crepas = ok(&c, &format!("/api/v1/services?organization_id={crepas}")).await;
    assert!(of_crepas["total_items"].as_u64().unwrap() >= 2);
    for s in of_crepas["contents"].as_array().unwrap() {
        assert_eq!(s["organization"]["id"], crepas.as_str());
    }
    let none = ok(&c, "/api/v1/services?organization_id=inconnu").await;
    assert_eq!(none["total_items"], 0);

    // By taxonomy term and by taxonomy (the demo's age groups).
    let taxonomies = ok(&c, "/api/v1/taxonomies").await;
    let ages = taxonomies["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Groupes d'âge")
        .expect("the demo's age groups")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let terms = ok(&c, &format!("/api/v1/taxonomy_terms?taxonomy_id={ages}")).await;
    let toddlers = terms["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "0-5 ans")
        .expect("0-5 ans")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let young = ok(
        &c,
        &format!("/api/v1/services?taxonomy_term_id={toddlers}&per_page=500"),
    )
    .await;
    let young_total = young["total_items"].as_u64().unwrap();
    assert!(young_total > 0 && young_total < total);
    for id in ids(&young).iter().take(5) {
        let s = ok(&c, &format!("/api/v1/services/{id}")).await;
        assert!(
            s["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["taxonomy_term"]["id"] == toddlers.as_str()),
            "{s:#}"
        );
    }
    let any_age = ok(
        &c,
        &format!("/api/v1/services?taxonomy_id={ages}&per_page=500"),
    )
    .await;
    assert!(any_age["total_items"].as_u64().unwrap() >= young_total);
    // Filters add up.
    let both = ok(
        &c,
        &format!("/api/v1/services?taxonomy_term_id={toddlers}&organization_id={crepas}"),
    )
    .await;
    for s in both["contents"].as_array().unwrap() {
        assert_eq!(s["organization"]["id"], crepas.as_str());
    }

    // Full-text search among services.
    let found = ok(&c, "/api/v1/services?search=perseverance").await;
    assert!(found["total_items"].as_u64().unwrap() > 0);
    assert!(
        names(&found)
            .iter()
            .any(|n| sort_key(n).contains("perseverance")),
        "{found:#}"
    );

    // Minimal: ids and dates, every service in one page.
    let minimal = ok(&c, "/api/v1/services?minimal=true").await;
    assert_page_envelope(&minimal);
    assert_eq!(minimal["size"], total);
    assert_eq!(minimal["total_pages"], 1);
    for s in minimal["contents"].as_array().unwrap() {
        let keys: BTreeSet<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["id", "modified_date"]));
    }
    assert_eq!(ids(&minimal), ids(&all));

    // Detail: fully nested.
    let id = &ids(&all)[0];
    let s = ok(&c, &format!("/api/v1/services/{id}")).await;
    assert_hsds("service.json", &s);
    for array in [
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "funding",
        "cost_options",
        "required_documents",
        "contacts",
        "attributes",
        "metadata",
    ] {
        assert!(s[array].is_array(), "{array} in {s:#}");
    }
    assert!(s["organization"]["id"].is_string());
    let full = ok(&c, "/api/v1/services?full=true&per_page=3").await;
    assert_eq!(full["contents"][0], s);
}

#[db_test]
async fn taxonomies_and_terms_of_the_demo(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();
    let found = ok(&c, "/api/v1/taxonomies?search=groupes%20age").await;
    assert_page_envelope(&found);
    assert_eq!(names(&found), ["Groupes d'âge"]);
    let id = ids(&found)[0].clone();
    let taxonomy = ok(&c, &format!("/api/v1/taxonomies/{id}")).await;
    assert_hsds("taxonomy.json", &taxonomy);
    assert_eq!(taxonomy["name"], "Groupes d'âge");

    let terms = ok(&c, &format!("/api/v1/taxonomy_terms?taxonomy_id={id}")).await;
    assert_eq!(terms["total_items"], 6, "{terms:#}");
    let term_names = names(&terms);
    for age in [
        "0-5 ans",
        "6-12 ans",
        "13-17 ans",
        "Parents",
        "Adultes",
        "Intervenants",
    ] {
        assert!(
            term_names.iter().any(|n| n == age),
            "{age} in {term_names:?}"
        );
    }
    for t in terms["contents"].as_array().unwrap() {
        assert_hsds("taxonomy_term.json", t);
        assert_eq!(t["taxonomy_detail"]["name"], "Groupes d'âge");
    }
    let top = ok(
        &c,
        &format!("/api/v1/taxonomy_terms?taxonomy_id={id}&top_only=true"),
    )
    .await;
    assert_eq!(top["total_items"], 6, "no term of the demo has a parent");
    let term_id = &ids(&terms)[0];
    let children = ok(&c, &format!("/api/v1/taxonomy_terms?parent_id={term_id}")).await;
    assert_eq!(children["total_items"], 0);
    let term = ok(&c, &format!("/api/v1/taxonomy_terms/{term_id}")).await;
    assert_hsds("taxonomy_term.json", &term);
    assert_eq!(term["taxonomy_id"], id.as_str());
    let searched = ok(&c, "/api/v1/taxonomy_terms?search=ADULTES").await;
    assert_eq!(names(&searched), ["Adultes"]);
    for missing in [
        "/api/v1/taxonomies/inconnu",
        "/api/v1/taxonomy_terms/inconnu",
    ] {
        let e = get_json(&c, missing, StatusCode::NOT_FOUND).await;
        assert_eq!(e["error"]["code"], "not_found");
    }
}

const ORG: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e01";
const LOCATION: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e02";
const ADDRESS: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e03";
const DAYCARE: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e04";
const WORKSHOPS: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e05";
const DAYCARE_HERE: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e06";
const WORKSHOPS_HERE: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e11";
const THEMES: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e0d";
const EARLY: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e0e";
const DROP_IN: &str = "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e0f";

/// A small HSDS package with locations, addresses, phones, contacts,
/// schedules, languages and terms, imported as `maillage import hsds` does.
/// Rows of a table: each a list of (column, value).
type Rows = Vec<Vec<(&'static str, &'static str)>>;

#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn import_package(app: &TestApp) {
    let rows: Vec<(&str, Rows)> = vec![
        (
            "organization",
            vec![vec![
                ("id", ORG),
                ("name", "Maison des familles de Jonquière"),
                ("alternate_name", "MFJ"),
                ("description", "Lieu de rencontre pour les familles."),
                ("email", "info@mfj.example"),
                ("website", "https://mfj.example"),
                ("year_incorporated", "1996"),
            ]],
        ),
        (
            "location",
            vec![vec![
                ("id", LOCATION),
                ("location_type", "physical"),
                ("organization_id", ORG),
                ("name", "Point de service Jonquière"),
                ("latitude", "48.4284"),
                ("longitude", "-71.2489"),
            ]],
        ),
        (
            "address",
            vec![vec![
                ("id", ADDRESS),
                ("location_id", LOCATION),
                ("address_1", "2500, rue Saint-Dominique"),
                ("city", "Jonquière"),
                ("state_province", "QC"),
                ("postal_code", "G7X 6J1"),
                ("country", "CA"),
                ("address_type", "physical"),
            ]],
        ),
        (
            "service",
            vec![
                vec![
                    ("id", DAYCARE),
                    ("organization_id", ORG),
                    ("name", "Halte-garderie"),
                    ("description", "Garde ponctuelle des enfants de 0 à 5 ans."),
                    ("status", "active"),
                    ("minimum_age", "0"),
                    ("maximum_age", "5"),
                    ("last_modified", "2024-03-15T10:30:45Z"),
                ],
                vec![
                    ("id", WORKSHOPS),
                    ("organization_id", ORG),
                    ("name", "Ateliers parents"),
                    ("status", "active"),
                    ("last_modified", "2021-01-10T08:00:00Z"),
                ],
            ],
        ),
        (
            "service_at_location",
            vec![
                vec![
                    ("id", DAYCARE_HERE),
                    ("service_id", DAYCARE),
                    ("location_id", LOCATION),
                    ("description", "La halte au point de service."),
                ],
                vec![
                    ("id", WORKSHOPS_HERE),
                    ("service_id", WORKSHOPS),
                    ("location_id", LOCATION),
                ],
            ],
        ),
        (
            "contact",
            vec![vec![
                ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e09"),
                ("organization_id", ORG),
                ("name", "Marie Tremblay"),
                ("email", "marie@mfj.example"),
            ]],
        ),
        (
            "phone",
            vec![
                vec![
                    ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e07"),
                    ("organization_id", ORG),
                    ("number", "418 555-0100"),
                    ("extension", "12"),
                    ("type", "voice"),
                ],
                vec![
                    ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e08"),
                    ("location_id", LOCATION),
                    ("number", "418 555-0101"),
                ],
                vec![
                    ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e0a"),
                    ("contact_id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e09"),
                    ("number", "418 555-0102"),
                ],
            ],
        ),
        (
            "schedule",
            vec![vec![
                ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e0b"),
                ("service_id", DAYCARE),
                ("freq", "WEEKLY"),
                ("interval", "1"),
                ("byday", "MO,WE"),
                ("opens_at", "09:00"),
                ("closes_at", "16:00"),
            ]],
        ),
        (
            "language",
            vec![vec![
                ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e0c"),
                ("service_id", DAYCARE),
                ("name", "Français"),
                ("code", "fr"),
            ]],
        ),
        (
            "taxonomy",
            vec![vec![
                ("id", THEMES),
                ("name", "Thèmes"),
                ("description", "Thèmes des services."),
            ]],
        ),
        (
            "taxonomy_term",
            vec![
                vec![
                    ("id", EARLY),
                    ("taxonomy_id", THEMES),
                    ("name", "Petite enfance"),
                    ("description", "Les 0-5 ans."),
                ],
                vec![
                    ("id", DROP_IN),
                    ("taxonomy_id", THEMES),
                    ("parent_id", EARLY),
                    ("name", "Halte"),
                    ("description", "Garde ponctuelle."),
                ],
            ],
        ),
        (
            "attribute",
            vec![vec![
                ("id", "5b0e3c1a-6f7e-4d2a-9c55-0a1b2c3d4e10"),
                ("link_id", DAYCARE),
                ("link_entity", "service"),
                ("link_type", "theme"),
                ("taxonomy_term_id", DROP_IN),
            ]],
        ),
    ];
    let mut data: Vec<TableRows> = Vec::new();
    for t in hsds::import_order() {
        if let Some((_, table_rows)) = rows.iter().find(|(name, _)| *name == t.name) {
            data.push(TableRows {
                table: t,
                rows: table_rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|(k, v)| (*k, (*v).to_owned()))
                            .collect::<Values>()
                    })
                    .collect(),
            });
        }
    }
    import(&app.store, &Actor::system(), &data, false)
        .await
        .expect("the package imports");
    maillage_web::search_sync::catch_up(&app.store, &app.search)
        .await
        .expect("the index follows the change log");
}

#[db_test]
async fn imported_rows_nest_with_hsds_types(app: &TestApp) {
    import_package(app).await;
    let c = app.client();

    let org = ok(&c, &format!("/api/v1/organizations/{ORG}")).await;
    assert_hsds("organization.json", &org);
    assert_eq!(org["year_incorporated"], 1996, "a number, as HSDS types it");
    assert_eq!(org["alternate_name"], "MFJ");
    assert_eq!(org["phones"][0]["number"], "418 555-0100");
    assert_eq!(org["phones"][0]["extension"], 12);
    assert_eq!(org["contacts"][0]["name"], "Marie Tremblay");
    assert_eq!(org["contacts"][0]["phones"][0]["number"], "418 555-0102");
    let location = &org["locations"][0];
    assert_eq!(location["id"], LOCATION);
    assert_eq!(location["latitude"], 48.4284);
    assert_eq!(location["longitude"], -71.2489);
    assert_eq!(location["addresses"][0]["city"], "Jonquière");
    assert_eq!(location["addresses"][0]["postal_code"], "G7X 6J1");
    assert_eq!(location["phones"][0]["number"], "418 555-0101");
    assert_eq!(
        names_of(&org["services"]),
        ["Ateliers parents", "Halte-garderie"]
    );
    for s in org["services"].as_array().unwrap() {
        assert_hsds("service.json", s);
    }

    let service = ok(&c, &format!("/api/v1/services/{DAYCARE}")).await;
    assert_hsds("service.json", &service);
    assert_eq!(service["minimum_age"], 0);
    assert_eq!(service["maximum_age"], 5);
    assert_eq!(service["last_modified"], "2024-03-15T10:30:45Z");
    assert_eq!(
        service["organization"]["name"],
        "Maison des familles de Jonquière"
    );
    assert_eq!(service["schedules"][0]["interval"], 1);
    assert_eq!(service["schedules"][0]["byday"], "MO,WE");
    assert_eq!(service["languages"][0]["code"], "fr");
    assert_eq!(service["attributes"][0]["taxonomy_term"]["name"], "Halte");
    let here = &service["service_at_locations"][0];
    assert_eq!(here["id"], DAYCARE_HERE);
    assert_eq!(here["location"]["addresses"][0]["city"], "Jonquière");

    let sal = ok(&c, &format!("/api/v1/service_at_locations/{DAYCARE_HERE}")).await;
    assert_hsds("service_at_location.json", &sal);
    assert_eq!(sal["service"]["name"], "Halte-garderie");
    assert_eq!(sal["location"]["name"], "Point de service Jonquière");
    assert_eq!(sal["location"]["addresses"][0]["postal_code"], "G7X 6J1");

    let loc = ok(&c, &format!("/api/v1/locations/{LOCATION}")).await;
    assert_hsds("location.json", &loc);
    assert_eq!(
        loc["addresses"][0]["address_1"],
        "2500, rue Saint-Dominique"
    );

    let term = ok(&c, &format!("/api/v1/taxonomy_terms/{DROP_IN}")).await;
    assert_hsds("taxonomy_term.json", &term);
    assert_eq!(term["parent_id"], EARLY);
    assert_eq!(term["taxonomy_detail"]["name"], "Thèmes");
}

fn names_of(array: &Value) -> Vec<String> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect()
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn lists_filter_and_stream(app: &TestApp) {
    import_package(app).await;
    let c = app.client();

    // modified_after: on or after, dates or dates and times.
    for (after, expected) in [
        ("2024-01-01", vec![DAYCARE]),
        ("2024-03-15T10:30:45Z", vec![DAYCARE]),
        ("2024-03-15T10:30:46Z", vec![]),
        ("2024-03-15T06:30:45-04:00", vec![DAYCARE]),
        ("2020-01-01", vec![WORKSHOPS, DAYCARE]),
    ] {
        let page = ok(
            &c,
            &format!("/api/v1/services?modified_after={}", enc(after)),
        )
        .await;
        assert_eq!(ids(&page), expected, "modified_after={after}");
    }
    let minimal = ok(&c, "/api/v1/services?minimal=true").await;
    assert_eq!(
        minimal["contents"],
        serde_json::json!([
            {"id": WORKSHOPS, "modified_date": "2021-01-10T08:00:00Z"},
            {"id": DAYCARE, "modified_date": "2024-03-15T10:30:45Z"},
        ])
    );
    assert_eq!(
        ids(&ok(&c, &format!("/api/v1/services?taxonomy_term_id={DROP_IN}")).await),
        [DAYCARE]
    );
    assert_eq!(
        ids(&ok(&c, &format!("/api/v1/services?taxonomy_term_id={EARLY}")).await),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&ok(&c, &format!("/api/v1/services?taxonomy_id={THEMES}")).await),
        [DAYCARE]
    );
    assert_eq!(
        ids(&ok(&c, "/api/v1/services?search=halte%20garderi").await),
        [DAYCARE]
    );

    // Services at locations, sorted by service name.
    let sal = ok(&c, "/api/v1/service_at_locations").await;
    assert_page_envelope(&sal);
    assert_eq!(ids(&sal), [WORKSHOPS_HERE, DAYCARE_HERE]);
    assert_eq!(sal["contents"][1]["service"]["name"], "Halte-garderie");
    assert_eq!(
        sal["contents"][1]["service"]["organization"]["name"],
        "Maison des familles de Jonquière"
    );
    assert_eq!(
        sal["contents"][1]["location"]["name"],
        "Point de service Jonquière"
    );
    assert!(sal["contents"][1]["location"].get("addresses").is_none());
    let second = ok(&c, "/api/v1/service_at_locations?per_page=1&page=2").await;
    assert_eq!(ids(&second), [DAYCARE_HERE]);
    for postcode in ["G7X6J1", "g7x%206j1"] {
        let found = ok(
            &c,
            &format!("/api/v1/service_at_locations?postcode={postcode}"),
        )
        .await;
        assert_eq!(
            ids(&found),
            [WORKSHOPS_HERE, DAYCARE_HERE],
            "postcode={postcode}"
        );
    }
    let elsewhere = ok(&c, "/api/v1/service_at_locations?postcode=H0H0H0").await;
    assert_eq!(elsewhere["total_items"], 0);
    let everywhere = ok(
        &c,
        &format!("/api/v1/service_at_locations?organization_id={ORG}"),
    )
    .await;
    assert_eq!(ids(&everywhere), [WORKSHOPS_HERE, DAYCARE_HERE]);
    for filter in [
        format!("taxonomy_id={THEMES}"),
        format!("taxonomy_term_id={DROP_IN}"),
        "search=halte".to_owned(),
        "modified_after=2024-01-01".to_owned(),
    ] {
        let found = ok(&c, &format!("/api/v1/service_at_locations?{filter}")).await;
        assert_eq!(ids(&found), [DAYCARE_HERE], "{filter}");
    }
    let full = ok(&c, "/api/v1/service_at_locations?full=true").await;
    for item in full["contents"].as_array().unwrap() {
        assert_hsds("service_at_location.json", item);
        assert_eq!(item["location"]["addresses"][0]["city"], "Jonquière");
    }

    // Locations.
    for query in [
        String::new(),
        format!("?organization_id={ORG}"),
        "?search=jonquiere".to_owned(),
        "?search=POINT%20service".to_owned(),
    ] {
        let found = ok(&c, &format!("/api/v1/locations{query}")).await;
        assert_eq!(ids(&found), [LOCATION], "{query}");
    }
    let none = ok(&c, "/api/v1/locations?search=chicoutimi").await;
    assert_eq!(none["total_items"], 0);

    // Terms: top-level ones and children.
    let top = ok(&c, "/api/v1/taxonomy_terms?top_only=true").await;
    assert_eq!(ids(&top), [EARLY]);
    let children = ok(&c, &format!("/api/v1/taxonomy_terms?parent_id={EARLY}")).await;
    assert_eq!(ids(&children), [DROP_IN]);

    // NDJSON: every item, one per line, without the envelope.
    let r = c.get("/api/v1/services?format=ndjson&per_page=1").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()[reqwest::header::CONTENT_TYPE],
        "application/x-ndjson"
    );
    let text = r.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["id"], WORKSHOPS);
    assert_eq!(lines[1]["id"], DAYCARE);
    assert_hsds("service.json", &lines[1]);
}

#[db_test]
async fn errors_are_json_with_the_right_status(app: &TestApp) {
    load_demo(app).await;
    let c = app.client();
    for path in [
        "/api/v1/organizations/inconnu",
        "/api/v1/services/inconnu",
        "/api/v1/service_at_locations/inconnu",
        "/api/v1/locations/inconnu",
        "/api/v1/taxonomies/inconnu",
        "/api/v1/taxonomy_terms/inconnu",
        "/api/v1/nulle-part",
    ] {
        let e = get_json(&c, path, StatusCode::NOT_FOUND).await;
        assert_eq!(e["error"]["code"], "not_found", "{path}");
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    for (path, named) in [
        ("/api/v1/organizations?page=0", "page"),
        ("/api/v1/organizations?page=-1", "page"),
        ("/api/v1/organizations?page=deux", "page"),
        ("/api/v1/organizations?per_page=0", "per_page"),
        ("/api/v1/organizations?per_page=501", "per_page"),
        ("/api/v1/services?per_page=abc", "per_page"),
        ("/api/v1/taxonomies?page=1.5", "page"),
        ("/api/v1/organizations?format=xml", "format"),
        ("/api/v1/organizations?full=peut-etre", "full"),
        (
            "/api/v1/organizations/inconnu?full_service=2",
            "full_service",
        ),
        ("/api/v1/services?minimal=oui", "minimal"),
        ("/api/v1/services?modified_after=hier", "modified_after"),
        ("/api/v1/service_at_locations?proximity=1000", "proximity"),
        ("/api/v1/taxonomy_terms?top_only=yes", "top_only"),
        ("/api/v1/organizations?taxonomy_id=x", "taxonomy_id"),
        ("/api/v1/organizations?page=1&page=2", "page"),
        ("/api/v1/services/inconnu?full=true", "full"),
        ("/api/v1/search?q=a&limit=beaucoup", "limit"),
    ] {
        let e = get_json(&c, path, StatusCode::BAD_REQUEST).await;
        assert_eq!(e["error"]["code"], "bad_request", "{path}");
        let message = e["error"]["message"].as_str().unwrap();
        assert!(message.contains(named), "{path}: {message}");
    }
    // English on request.
    let r = c
        .http
        .get(c.url("/api/v1/organizations?per_page=9999"))
        .header(reqwest::header::COOKIE, "maillage_lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("must be a whole number from 1 to 500"),
        "{e}"
    );
    // Read-only.
    let r = c
        .http
        .post(c.url("/api/v1/organizations"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error() && r.status() != StatusCode::NOT_FOUND);
}

/// Every path and query parameter of the official HSDS 3.0 API is in the
/// OpenAPI document, under `/api/v1`.
#[db_test]
async fn openapi_documents_every_hsds_path_and_parameter(app: &TestApp) {
    let c = app.client();
    let doc = ok(&c, "/api/v1/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let tags: Vec<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(
        tags.contains(&"hsds") && tags.contains(&"directory"),
        "{tags:?}"
    );

    let text = std::fs::read_to_string(hsds_dir().join("openapi.json")).unwrap();
    let official: Value = serde_json::from_str(&text).unwrap();
    let shared = &official["components"]["parameters"];
    for (path, item) in official["paths"].as_object().unwrap() {
        let ours = &doc["paths"][format!("/api/v1{path}")]["get"];
        assert!(ours.is_object(), "/api/v1{path} is documented");
        assert!(ours["responses"]["200"].is_object(), "{path}");
        let our_params: BTreeSet<&str> = ours["parameters"]
            .as_array()
            .map(|p| p.iter().filter_map(|x| x["name"].as_str()).collect())
            .unwrap_or_default();
        let mut official_params = Vec::new();
        for list in [&item["parameters"], &item["get"]["parameters"]] {
            for p in list.as_array().into_iter().flatten() {
                let p = match p["$ref"].as_str() {
                    Some(r) => &shared[r.trim_start_matches("#/components/parameters/")],
                    None => p,
                };
                official_params.push(p["name"].as_str().unwrap().to_owned());
            }
        }
        for name in official_params {
            assert!(
                our_params.contains(name.as_str()),
                "{path}: parameter {name} (ours: {our_params:?})"
            );
        }
        if path.contains("{id}") {
            assert!(ours["responses"]["404"].is_object(), "{path}");
        }
    }
    for extra in [
        "/api/v1/search",
        "/api/v1/locations",
        "/api/v1/locations/{id}",
    ] {
        assert!(doc["paths"][extra]["get"].is_object(), "{extra}");
    }
    let org = &doc["components"]["schemas"]["HsdsOrganization"];
    assert_eq!(org["properties"]["year_incorporated"]["type"], "number");
    assert!(org["properties"]["services"]["items"]["$ref"].is_string());

    let about = ok(&c, "/api/v1/").await;
    assert_eq!(about["version"], "3.0.0");
    let url = about["openapi_url"].as_str().unwrap();
    assert!(
        url.starts_with("http://") && url.ends_with("/api/v1/openapi.json"),
        "{url}"
    );
    assert!(about["profile"].as_str().unwrap().starts_with("https://"));
    assert_eq!(ok(&c, "/api/v1").await, about);
}
