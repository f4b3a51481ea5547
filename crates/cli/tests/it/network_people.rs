//! The person level of a grouping's network: people recognised across its
//! events (one e-mail, one person; a walk-in by name and organization),
//! linked by co-attendance and, more strongly, the same table; seen by the
//! grouping's accounts only — never by anonymous visitors or accounts of
//! other groupings, never with an e-mail — on SQLite and PostgreSQL.

use chrono::NaiveDate;
use maillage_domain::Role;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::teams as event_teams;
use maillage_store::repo::events::{self, EventInput, RegistrationInput, SessionInput};
use maillage_store::repo::groupings;
use maillage_store::repo::network::Scope;
use maillage_store::repo::network::people as network_people;
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, member_of};
use crate::network::{date, organization};
use maillage_test_macros::db_test;

const GROUPING: &str = "table-des-personnes";
/// Every registrant's address ends so: no page or export may contain it.
const DOMAIN: &str = "@personnes.test";

async fn event_with_sessions(
    app: &TestApp,
    gid: Uuid,
    title: &str,
    dates: &[NaiveDate],
) -> (Uuid, Vec<Uuid>) {
    let e = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: title.to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut sessions = Vec::new();
    for d in dates {
        sessions.push(
            events::ensure_session(
                app.store.conn(),
                e.id,
                &SessionInput {
                    date: *d,
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .id,
        );
    }
    (e.id, sessions)
}

async fn register(app: &TestApp, event: Uuid, name: &str, email: &str, org: &str) -> Uuid {
    events::register(
        &app.store,
        event,
        &RegistrationInput {
            name: name.to_owned(),
            email: email.to_owned(),
            organization_id: Some(org.to_owned()),
            ..Default::default()
        },
        date(2026, 1, 1),
        |_, _| "Confirmation".to_owned(),
    )
    .await
    .unwrap()
    .expect("registered")
    .registration
    .id
}

/// Two events of the grouping.
///
/// First (10 March and 14 April 2026): Alice (school), Bruno (CLSC), Chloé
/// (community) checked in on 10 March with Émile, a walk-in of the CLSC;
/// Alice and Denis (school) on 14 April. Tables: Alice and Bruno; Chloé and
/// Denis. A registrant who never came.
///
/// Second (12 May 2026): Alice again (her address written otherwise),
/// Bruno, and Émile walking in again (his name written otherwise).
///
/// So 5 people and 8 links: Alice–Bruno 2 sessions + 1 table (count 3,
/// weight 1/3 + 1/2 + 1 by Newman's 1/(n − 1): four people on 10 March,
/// three on 12 May, two at the table), Alice–Émile and Bruno–Émile 2
/// sessions (1/3 + 1/2), Alice–Chloé, Bruno–Chloé and Chloé–Émile 1 session
/// (1/3), Alice–Denis 1 session of two (1), Chloé–Denis 1 table (1).
async fn people_fixture(app: &TestApp) -> (Uuid, String) {
    let gid = app.grouping(GROUPING).await;
    let school = organization(app, "École des Bouleaux", "education").await;
    let clsc = organization(app, "CLSC des Rivières", "sante-services-sociaux").await;
    let family = organization(app, "Maison des familles des Rivières", "communautaire").await;
    for o in [&school, &clsc, &family] {
        groupings::add_member(app.store.conn(), gid, o)
            .await
            .unwrap();
    }
    let (e1, s1) = event_with_sessions(
        app,
        gid,
        "Journées des personnes",
        &[date(2026, 3, 10), date(2026, 4, 14)],
    )
    .await;
    let alice = register(app, e1, "Alice Roy", &format!("alice.roy{DOMAIN}"), &school).await;
    let bruno = register(app, e1, "Bruno Côté", &format!("bruno{DOMAIN}"), &clsc).await;
    let chloe = register(app, e1, "Chloé Gagnon", &format!("chloe{DOMAIN}"), &family).await;
    let denis = register(app, e1, "Denis Lavoie", &format!("denis{DOMAIN}"), &school).await;
    register(
        app,
        e1,
        "Jamais Venue",
        &format!("absente{DOMAIN}"),
        &family,
    )
    .await;
    for r in [alice, bruno, chloe] {
        events::check_in(&app.store, e1, s1[0], r).await.unwrap();
    }
    events::walk_in(&app.store, e1, s1[0], "Émile Tremblay", Some(clsc.clone()))
        .await
        .unwrap();
    for r in [alice, denis] {
        events::check_in(&app.store, e1, s1[1], r).await.unwrap();
    }
    let t1 = event_teams::create_team_in(app.store.conn(), e1, "Table 1", None)
        .await
        .unwrap();
    let t2 = event_teams::create_team_in(app.store.conn(), e1, "Table 2", None)
        .await
        .unwrap();
    for (r, t) in [
        (alice, t1.id),
        (bruno, t1.id),
        (chloe, t2.id),
        (denis, t2.id),
    ] {
        event_teams::assign(&app.store, e1, r, Some(t))
            .await
            .unwrap()
            .expect("assigned");
    }

    let (e2, s2) = event_with_sessions(app, gid, "Suite des personnes", &[date(2026, 5, 12)]).await;
    let alice2 = register(
        app,
        e2,
        "Alice Roy",
        &format!("  Alice.Roy{DOMAIN}"),
        &school,
    )
    .await;
    let bruno2 = register(app, e2, "Bruno Côté", &format!("bruno{DOMAIN}"), &clsc).await;
    for r in [alice2, bruno2] {
        events::check_in(&app.store, e2, s2[0], r).await.unwrap();
    }
    events::walk_in(&app.store, e2, s2[0], "emile TREMBLAY", Some(clsc.clone()))
        .await
        .unwrap();
    (e1, school)
}

async fn json(client: &TestClient, path: &str) -> (StatusCode, Value, String) {
    let r = client.get(path).await;
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    )
}

fn card_number(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = html.find(&marker).unwrap_or_else(|| panic!("{id} in page")) + marker.len();
    html[start..]
        .split('<')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn link<'a>(json: &'a Value, a: &str, b: &str) -> &'a Value {
    let id = |name: &str| {
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {json}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (x, y) = (id(a), id(b));
    json["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| (l["source"] == x && l["target"] == y) || (l["source"] == y && l["target"] == x))
        .unwrap_or_else(|| panic!("{a}–{b} in {json}"))
}

#[db_test]
async fn people_are_linked_by_sessions_and_tables(app: &TestApp) {
    people_fixture(app).await;
    let gid = app.grouping(GROUPING).await;
    // In the store: one query per table, e-mails nowhere.
    let net = network_people::people_evidence(app.store.conn(), &Scope::Grouping(gid))
        .await
        .unwrap();
    assert_eq!(net.people.len(), 5, "{:?}", net.people);
    assert!(net.people.values().all(|p| !p.name.contains('@')));
    assert!(
        net.people
            .keys()
            .all(|id| id.starts_with("p-") || id.starts_with("w-")),
        "opaque ids"
    );

    let client = member_of(app, "membre.personnes@exemple.ca", Role::Viewer, GROUPING).await;
    let (status, j, text) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?level=people"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(!text.contains(DOMAIN), "no e-mail in {text}");
    assert_eq!(j["level"], "people");
    assert_eq!(j["metrics"]["nodes"], 5, "{j}");
    assert_eq!(j["metrics"]["links"], 8, "{j}");
    let near = |v: &Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    let ab = link(&j, "Alice Roy", "Bruno Côté");
    assert!(near(&ab["weight"], 1.0 / 3.0 + 0.5 + 1.0), "{ab}");
    assert_eq!(ab["count"], 3, "{ab}");
    assert_eq!(ab["counts"]["co_attendance"], 2);
    assert!(near(&ab["weights"]["co_attendance"], 1.0 / 3.0 + 0.5));
    assert_eq!(ab["weights"]["same_team"], 1.0);
    assert_eq!(ab["first_seen"], "2026-03-10");
    // The walk-in is one person across both events.
    let ae = link(&j, "Alice Roy", "Émile Tremblay");
    assert_eq!(ae["counts"]["co_attendance"], 2, "{ae}");
    assert!(
        near(&ae["weights"]["co_attendance"], 1.0 / 3.0 + 0.5),
        "{ae}"
    );
    assert!(near(
        &link(&j, "Alice Roy", "Chloé Gagnon")["weight"],
        1.0 / 3.0
    ));
    assert_eq!(link(&j, "Alice Roy", "Denis Lavoie")["weight"], 1.0);
    let cd = link(&j, "Chloé Gagnon", "Denis Lavoie");
    assert_eq!(cd["weights"]["same_team"], 1.0, "{cd}");
    assert!(cd["weights"].get("co_attendance").is_none(), "{cd}");
    let ad = link(&j, "Alice Roy", "Denis Lavoie");
    assert_eq!(ad["first_seen"], "2026-04-14");
    // Node attributes: name, organization, sector.
    let alice = j["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Alice Roy")
        .unwrap();
    assert_eq!(alice["organization"], "École des Bouleaux");
    assert_eq!(alice["sector"], "education");
    // At a date: before the second event, Alice and Bruno met once and
    // shared a table.
    let (_, before, _) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?level=people&at=2026-04-30"),
    )
    .await;
    let before_ab = link(&before, "Alice Roy", "Bruno Côté");
    assert!(near(&before_ab["weight"], 1.0 / 3.0 + 1.0), "{before_ab}");
    assert_eq!(before_ab["count"], 2);
    // Only the tables.
    let (_, tables, _) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?level=people&sources=same_team"),
    )
    .await;
    assert_eq!(tables["metrics"]["links"], 2, "{tables}");
    // Unknown level: 400 with the API's error shape.
    let (status, bad, _) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?level=amis"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(bad["error"]["code"], "bad_request", "{bad}");
    // Documented in the OpenAPI document.
    let (status, doc, _) = json(&client, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let params = doc["paths"]["/api/v1/groupings/{id}/network"]["get"]["parameters"]
        .as_array()
        .expect("the network's parameters");
    assert!(params.iter().any(|p| p["name"] == "level"), "{params:?}");
    // The organization level is unchanged: no person in it.
    let (status, orgs, text) =
        json(&client, &format!("/api/v1/groupings/{GROUPING}/network")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(orgs["level"], "organizations");
    assert!(!text.contains("Alice Roy"), "{text}");
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn members_see_people_and_others_do_not(app: &TestApp) {
    let (event, school) = people_fixture(app).await;
    let member = member_of(app, "membre.voit@exemple.ca", Role::Viewer, GROUPING).await;
    let outsider = member_of(
        app,
        "ailleurs.voit@exemple.ca",
        Role::Coordinator,
        "autre-table",
    )
    .await;
    let anonymous = app.client();
    let grouping_page = format!("/regroupements/{GROUPING}/reseau");
    let event_page = format!("/evenements/{event}/reseau");

    for base in [&grouping_page, &event_page] {
        // A member: the choice, then the people.
        let (status, html) = member.get_text(base).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(
            html.contains("id=\"network-level\""),
            "{base}: the level choice"
        );
        assert!(html.contains("value=\"personnes\""));
        assert!(!html.contains("Alice Roy"), "organizations by default");
        let (status, html) = member.get_text(&format!("{base}?niveau=personnes")).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(!html.contains(DOMAIN), "no e-mail on {base}");
        for name in [
            "Alice Roy",
            "Bruno Côté",
            "Chloé Gagnon",
            "Denis Lavoie",
            "Émile Tremblay",
        ] {
            assert!(html.contains(name), "{name} on {base}");
        }
        assert!(!html.contains("Jamais Venue"), "never there, not a node");
        assert!(
            html.contains("École des Bouleaux"),
            "organizations in the table"
        );
        assert!(html.contains("id=\"network-svg\""));
        // Sorting and exports keep the level.
        assert!(html.contains("?niveau=personnes&#38;tri=nom"), "{html}");
        assert!(
            html.contains(".gexf?niveau=personnes"),
            "export links keep the level"
        );

        // Outside the grouping, signed in: no choice, organizations only.
        let (status, html) = outsider.get_text(base).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(
            !html.contains("id=\"network-level\""),
            "{base}: no choice outside"
        );
        let (status, html) = outsider.get_text(&format!("{base}?niveau=personnes")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!html.contains("id=\"network-level\""));
        for name in ["Alice Roy", "Bruno Côté", "Émile Tremblay"] {
            assert!(!html.contains(name), "{name} shown outside on {base}");
        }
        assert!(!html.contains(DOMAIN));
        assert!(
            !html.contains("niveau=personnes"),
            "no link keeps a level it may not see"
        );

        // Anonymous: asked to sign in, nothing of the network.
        let r = anonymous.get(&format!("{base}?niveau=personnes")).await;
        assert!(crate::harness::asks_sign_in(&r), "{}", r.status());
        let body = r.text().await.unwrap_or_default();
        assert!(!body.contains("Alice Roy"));
    }
    assert_eq!(
        card_number(
            &member
                .get_text(&format!("{grouping_page}?niveau=personnes"))
                .await
                .1,
            "network-nodes"
        ),
        "5"
    );

    // The API: outside the grouping, as if it were not there.
    let path = format!("/api/v1/groupings/{GROUPING}/network?level=people");
    let (status, j, text) = json(&outsider, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{text}");
    let (unknown_status, unknown, _) = json(
        &outsider,
        "/api/v1/groupings/pas-de-tel-regroupement/network",
    )
    .await;
    assert_eq!(status, unknown_status);
    assert_eq!(
        j["error"]["code"], unknown["error"]["code"],
        "{j} vs {unknown}"
    );
    assert!(!text.contains("Alice"));
    let (status, _, text) = json(&anonymous, &path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{text}");
    assert!(!text.contains("Alice"));

    // Public pages and the ego network: organizations only.
    let (status, html) = anonymous
        .get_text(&format!("/repertoire/organisations/{school}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"ego-network\""), "{html}");
    assert!(!html.contains("Alice Roy") && !html.contains(DOMAIN));
    let (status, html) = member.get_text("/reseau?niveau=personnes").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("Alice Roy"),
        "the territory stays organizations"
    );
    assert!(!html.contains("id=\"network-level\""));
}

#[db_test]
async fn exports_at_person_level_are_for_members_only(app: &TestApp) {
    let (event, _) = people_fixture(app).await;
    let member = member_of(app, "membre.exporte@exemple.ca", Role::Member, GROUPING).await;
    let outsider = member_of(
        app,
        "ailleurs.exporte@exemple.ca",
        Role::Viewer,
        "autre-table",
    )
    .await;
    for base in [
        format!("/regroupements/{GROUPING}/reseau"),
        format!("/evenements/{event}/reseau"),
    ] {
        for suffix in [".gexf", ".graphml", "-noeuds.csv", "-liens.csv"] {
            let path = format!("{base}{suffix}?niveau=personnes");
            let r = member.get(&path).await;
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            let disposition = r
                .headers()
                .get("content-disposition")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            assert!(disposition.contains("-personnes"), "{disposition}");
            let text = r.text().await.unwrap();
            assert!(!text.contains(DOMAIN), "no e-mail in {path}: {text}");
            if suffix == ".gexf" {
                crate::schemas::assert_valid_gexf(&path, &text);
            }
            if suffix != "-liens.csv" {
                assert!(text.contains("Alice Roy"), "{path}: {text}");
                assert!(
                    text.contains("École des Bouleaux"),
                    "{path}: the organization"
                );
            }
            let r = outsider.get(&path).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path} outside");
            assert!(!r.text().await.unwrap().contains("Alice Roy"));
            // Organization level: nobody's name, nobody's address.
            let text = member
                .get(&format!("{base}{suffix}"))
                .await
                .text()
                .await
                .unwrap();
            assert!(
                !text.contains("Alice Roy") && !text.contains(DOMAIN),
                "{path}"
            );
        }
    }
}

#[db_test]
async fn the_demo_links_people(app: &TestApp) {
    maillage_store::demo::load(&app.store)
        .await
        .expect("demo loads");
    let admin = app
        .signed_in("admin.personnes@exemple.ca", Role::Admin)
        .await;
    let (status, j, text) = json(
        &admin,
        "/api/v1/groupings/commun-enfant-jonquiere/network?level=people",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(j["metrics"]["links"].as_u64().unwrap() > 0, "{j}");
    let links = j["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["weights"].get("same_team").is_some()),
        "the demo's tables link people"
    );
    assert!(
        links
            .iter()
            .any(|l| l["weights"].get("co_attendance").is_some()),
        "the demo's check-ins link people"
    );
    assert!(!text.contains('@'), "no e-mail in the demo's people");
}
