//! The network end to end: an event of two sessions with attendance, the
//! event page telling how many new links the second session created and
//! between which sectors, the grouping page and its filters, the API, the
//! GEXF/GraphML/CSV exports, the declared-links form, the ego network and
//! who may see what — on SQLite and PostgreSQL.

use chrono::NaiveDate;
use maillage_domain::Role;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{self, EventInput, RegistrationInput, SessionInput};
use maillage_store::repo::{groupings, network};
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location};
use maillage_test_macros::db_test;

pub const GROUPING: &str = "table-de-test";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub async fn organization(app: &TestApp, name: &str, sector: &str) -> String {
    maillage_store::repo::organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: name.to_owned(),
            description: "Organisme du réseau de test.".to_owned(),
            sector: sector.to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization")
}

/// What [`network_fixture`] made.
pub struct Fixture {
    pub event: Uuid,
    /// Éducation, Santé et services sociaux, Communautaire, Éducation, and
    /// a Municipal member that was never there.
    pub orgs: Vec<String>,
    /// Registration tokens, one per organization present (A, B, C, D).
    pub tokens: Vec<String>,
    /// A registrant with no organization.
    pub orphan_token: String,
}

/// An event of the grouping with two sessions: A and B at the first; A, B,
/// C and D at the second (so: 1 new link, then 5, 4 of them between
/// different sectors).
pub async fn network_fixture(app: &TestApp) -> Fixture {
    let gid = app.grouping(GROUPING).await;
    let names = [
        ("École des Cèdres", "education"),
        ("CLSC du Fjord", "sante-services-sociaux"),
        ("Maison de la famille du Fjord", "communautaire"),
        ("Centre de services scolaire du Fjord", "education"),
        ("Ville de La Baie", "municipal"),
    ];
    let mut orgs = Vec::new();
    for (name, sector) in names {
        let id = organization(app, name, sector).await;
        groupings::add_member(app.store.conn(), gid, &id)
            .await
            .unwrap();
        orgs.push(id);
    }
    let e = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: "Rencontres du réseau".to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut sessions = Vec::new();
    for d in [date(2026, 3, 10), date(2026, 4, 14)] {
        sessions.push(
            events::ensure_session(
                app.store.conn(),
                e.id,
                &SessionInput {
                    date: d,
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .id,
        );
    }
    let mut tokens = Vec::new();
    for (i, org) in orgs.iter().take(4).enumerate() {
        let r = events::register(
            &app.store,
            e.id,
            &RegistrationInput {
                name: format!("Personne {i}"),
                email: format!("personne{i}@exemple.ca"),
                organization_id: Some(org.clone()),
                ..Default::default()
            },
            date(2026, 1, 1),
            |_, _| "Confirmation".to_owned(),
        )
        .await
        .unwrap()
        .expect("registered");
        if i < 2 {
            events::check_in(&app.store, e.id, sessions[0], r.registration.id)
                .await
                .unwrap();
        }
        events::check_in(&app.store, e.id, sessions[1], r.registration.id)
            .await
            .unwrap();
        tokens.push(r.token);
    }
    let orphan = events::register(
        &app.store,
        e.id,
        &RegistrationInput {
            name: "Sans organisme".to_owned(),
            email: "sans.organisme@exemple.ca".to_owned(),
            ..Default::default()
        },
        date(2026, 1, 1),
        |_, _| "Confirmation".to_owned(),
    )
    .await
    .unwrap()
    .expect("registered");
    Fixture {
        event: e.id,
        orgs,
        tokens,
        orphan_token: orphan.token,
    }
}

async fn member(app: &TestApp, email: &str) -> TestClient {
    let pw = app.create_user(email, Role::Viewer, Some(GROUPING)).await;
    let client = app.client();
    assert_eq!(
        client.login(email, &pw).await.status(),
        StatusCode::SEE_OTHER
    );
    client
}

async fn json(client: &TestClient, path: &str) -> (StatusCode, Value) {
    let r = client.get(path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// The text of the element `id="…"` opening at `<h2 id=…>` (numbers cards).
fn card_number(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = html.find(&marker).unwrap_or_else(|| panic!("{id} in page")) + marker.len();
    html[start..]
        .split('<')
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[db_test]
async fn the_event_page_counts_the_new_links_of_each_session(app: &TestApp) {
    let f = network_fixture(app).await;
    let client = member(app, "lecture.reseau@exemple.ca").await;
    let (status, html) = client
        .get_text(&format!("/evenements/{}/reseau", f.event))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let first = html.find("id=\"seance-1\"").expect("session 1");
    let second = html.find("id=\"seance-2\"").expect("session 2");
    let s1 = &html[first..second];
    let s2 = &html[second..];
    assert!(s1.contains("1 nouveau lien"), "{s1}");
    assert!(s2.contains("5 nouveaux liens"), "{s2}");
    assert!(s2.contains("4 entre secteurs différents"), "{s2}");
    // Between which sectors: the new pairs of the second session.
    for sector in ["Communautaire", "Éducation", "Santé et services sociaux"] {
        assert!(s2.contains(sector), "{sector} in {s2}");
    }
    assert!(s2.contains("première fois"), "{s2}");
    assert_eq!(card_number(&html, "network-nodes"), "4");
    assert_eq!(card_number(&html, "network-links"), "6");
    // The drawing: one link per node to its organization page, with names.
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"network-svg\""));
    assert!(html.contains("class=\"net-node\""));
    assert!(html.contains("École des Cèdres"));
    assert!(html.contains("/static/network.js"));
    // Table sorted by name on request.
    let (status, sorted) = client
        .get_text(&format!("/evenements/{}/reseau?tri=nom&ordre=asc", f.event))
        .await;
    assert_eq!(status, StatusCode::OK);
    let table = &sorted[sorted.find("id=\"network-table\"").unwrap()..];
    let a = table.find("Centre de services scolaire du Fjord").unwrap();
    let b = table.find("École des Cèdres").unwrap();
    assert!(a < b, "sorted by name");
    // The script is served.
    let r = client.get("/static/network.js").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(body(r).await.contains("viewBox"));

    // The ego network on an organization's page (public).
    let (status, org_page) = app
        .client()
        .get_text(&format!("/repertoire/organisations/{}", f.orgs[0]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(org_page.contains("id=\"ego-network\""), "{org_page}");
    // Territory-wide: the four others (members of the same grouping) and
    // the six links among them.
    assert!(org_page.contains("4 organisations liées"), "{org_page}");
    assert!(org_page.contains("6 liens entre elles"), "{org_page}");
}

#[db_test]
async fn grouping_page_filters_and_growth(app: &TestApp) {
    let _f = network_fixture(app).await;
    let client = member(app, "lecture.regroupement@exemple.ca").await;
    let base = format!("/regroupements/{GROUPING}/reseau");
    let (status, html) = client.get_text(&base).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // Five members, one without a link.
    assert_eq!(card_number(&html, "network-nodes"), "5");
    assert_eq!(card_number(&html, "network-links"), "6");
    let isolates = &html[html.find("id=\"network-isolates\"").expect("isolates")..];
    assert!(isolates.contains("Ville de La Baie"));
    assert!(html.contains("id=\"croissance\""), "growth chart");
    assert!(html.contains("network-growth-links"));
    // Weight: only A–B reaches 1 (1 alone together, 1/3 with C and D).
    let (_, heavy) = client.get_text(&format!("{base}?poids=1")).await;
    assert_eq!(card_number(&heavy, "network-links"), "1");
    // Counted: only A–B met twice.
    let (_, twice) = client
        .get_text(&format!("{base}?ponderation=nombre&poids=2"))
        .await;
    assert_eq!(card_number(&twice, "network-links"), "1");
    // Date: the network after the first session only.
    let (_, early) = client.get_text(&format!("{base}?au=2026-03-31")).await;
    assert_eq!(card_number(&early, "network-links"), "1");
    // Sources: no joint action here.
    let (_, none) = client
        .get_text(&format!("{base}?sources=joint_action"))
        .await;
    assert_eq!(card_number(&none, "network-links"), "0");
    // Sector: links with an end in Communautaire.
    let (_, community) = client
        .get_text(&format!("{base}?secteur=communautaire"))
        .await;
    assert_eq!(card_number(&community, "network-links"), "3");
    // A bad date is said, not a failure.
    let (status, bad) = client.get_text(&format!("{base}?au=demain")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bad.contains("Date invalide"));
    // Size by another metric and the territory page.
    let (status, _) = client.get_text(&format!("{base}?taille=betweenness")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, territory) = client.get_text("/reseau").await;
    assert_eq!(status, StatusCode::OK);
    assert!(territory.contains("Réseau du territoire"));
    // A second view is served from the layout cache, same drawing.
    let (_, again) = client.get_text(&base).await;
    let svg = |h: &str| {
        let s = h
            .find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"network-svg\"")
            .unwrap();
        let e = h[s..].find("</svg>").unwrap();
        h[s..s + e].to_owned()
    };
    assert_eq!(svg(&html), svg(&again));
}

#[db_test]
async fn the_api_gives_nodes_links_and_metrics(app: &TestApp) {
    let f = network_fixture(app).await;
    let client = member(app, "api.reseau@exemple.ca").await;
    let gid = app.grouping(GROUPING).await;
    let (status, doc) = json(&client, &format!("/api/v1/groupings/{gid}/network")).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["metrics"]["nodes"], 5);
    assert_eq!(doc["metrics"]["links"], 6);
    assert_eq!(doc["metrics"]["isolates"], 1);
    assert_eq!(doc["metrics"]["components"], 2);
    let ab = doc["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| {
            let ends = [l["source"].as_str().unwrap(), l["target"].as_str().unwrap()];
            ends.contains(&f.orgs[0].as_str()) && ends.contains(&f.orgs[1].as_str())
        })
        .expect("A–B");
    // Alone together at the first session (1), four at the second (1/3).
    let w = ab["weights"]["co_attendance"].as_f64().unwrap();
    assert!((w - 4.0 / 3.0).abs() < 1e-9, "{ab}");
    assert_eq!(ab["count"], 2);
    assert_eq!(ab["counts"]["co_attendance"], 2);
    assert_eq!(doc["weighting"], "collaboration");
    assert_eq!(doc["min_weight"], 0.2);
    assert_eq!(ab["first_seen"], "2026-03-10");
    let node = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == f.orgs[2].as_str())
        .unwrap();
    assert_eq!(node["sector"], "communautaire");
    assert!(node["degree"].as_f64().unwrap() > 0.0);
    // By slug, at a date, for some sources.
    let (status, early) = json(
        &client,
        &format!(
            "/api/v1/groupings/{GROUPING}/network?at=2026-03-31&sources=co_attendance,declared"
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(early["metrics"]["links"], 1);
    let (_, nothing) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?sources=joint_action"),
    )
    .await;
    assert_eq!(nothing["metrics"]["links"], 0);
    // Errors are JSON.
    let (status, bad) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?at=31-03-2026"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(bad["error"]["code"], "bad_request");
    let (status, bad) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?sources=rumeur"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    let (status, _) = json(&client, "/api/v1/groupings/inconnu/network").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = json(&app.client(), &format!("/api/v1/groupings/{gid}/network")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Documented.
    let (_, spec) = json(&client, "/api/v1/openapi.json").await;
    assert!(spec["paths"]["/api/v1/groupings/{id}/network"]["get"].is_object());
}

#[db_test]
async fn exports_are_well_formed_files(app: &TestApp) {
    let f = network_fixture(app).await;
    let client = member(app, "export.reseau@exemple.ca").await;
    for base in [
        format!("/regroupements/{GROUPING}/reseau"),
        format!("/evenements/{}/reseau", f.event),
    ] {
        let r = client.get(&format!("{base}.gexf")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let disposition = r.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert!(disposition.contains(".gexf"));
        let gexf = body(r).await;
        assert!(gexf.starts_with("<?xml"), "{gexf}");
        assert!(gexf.contains("http://gexf.net/1.3"));
        assert!(gexf.contains("École des Cèdres"));
        assert!(gexf.contains("sante-services-sociaux"));
        assert!(gexf.contains("betweenness"));
        assert!(balanced(&gexf), "GEXF tags balance");
        assert_eq!(gexf.matches("<edge ").count(), 6, "{gexf}");
        crate::schemas::assert_valid_gexf(&format!("{base}.gexf"), &gexf);

        let r = client.get(&format!("{base}.graphml")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let graphml = body(r).await;
        assert!(graphml.contains("<graphml"));
        assert!(graphml.contains("CLSC du Fjord"));
        assert!(balanced(&graphml), "GraphML tags balance");
        assert_eq!(graphml.matches("<edge ").count(), 6);

        let r = client.get(&format!("{base}-noeuds.csv")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let nodes = body(r).await;
        assert!(nodes.starts_with('\u{feff}'), "a BOM for Excel");
        assert!(
            nodes.lines().next().unwrap().contains("community"),
            "{nodes}"
        );
        assert!(nodes.contains("Maison de la famille du Fjord"));
        let r = client.get(&format!("{base}-liens.csv?poids=1")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let edges = body(r).await;
        assert_eq!(edges.lines().count(), 2, "header and A–B: {edges}");
        assert!(edges.contains("2026-03-10"));
    }
}

/// Every opening tag is closed, in order (a small well-formedness check).
fn balanced(xml: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            return false;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name.trim()) {
                return false;
            }
        } else {
            stack.push(tag.split_whitespace().next().unwrap_or_default().to_owned());
        }
    }
    stack.is_empty()
}

#[db_test]
async fn declared_links_replace_the_previous_declaration(app: &TestApp) {
    let f = network_fixture(app).await;
    let visitor = app.client();
    let path = format!("/evenements/{}/moi/{}/liens", f.event, f.tokens[0]);
    let (status, html) = visitor.get_text(&path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Avec quelles organisations avez-vous créé un nouveau contact"));
    assert!(html.contains("CLSC du Fjord"));
    assert!(html.contains("Maison de la famille du Fjord"));
    assert!(!html.contains("Ville de La Baie"), "only those present");
    assert!(html.contains("Partenariat formel"));
    let niveau_b = format!("niveau-{}", f.orgs[1]);
    let niveau_c = format!("niveau-{}", f.orgs[2]);
    let r = visitor
        .post_form(
            &path,
            &[
                ("org", f.orgs[1].as_str()),
                (niveau_b.as_str(), "3"),
                ("org", f.orgs[2].as_str()),
                (niveau_c.as_str(), "1"),
                // Not present at the event: ignored.
                ("org", f.orgs[4].as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).ends_with("?enregistre=1"));
    let reg = events::registration_by_token(app.store.conn(), &f.tokens[0])
        .await
        .unwrap()
        .unwrap();
    let mut got: Vec<(String, i32)> = network::declared_by(app.store.conn(), f.event, reg.id)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.to_organization_id, d.level.number()))
        .collect();
    got.sort();
    let mut want = vec![(f.orgs[1].clone(), 3), (f.orgs[2].clone(), 1)];
    want.sort();
    assert_eq!(got, want);
    let (_, html) = visitor.get_text(&format!("{path}?enregistre=1")).await;
    assert!(html.contains("Vos liens sont enregistrés"));
    // Saving again replaces.
    let r = visitor
        .post_form(&path, &[("org", f.orgs[3].as_str())])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let got = network::declared_by(app.store.conn(), f.event, reg.id)
        .await
        .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to_organization_id, f.orgs[3]);
    // The declared link shows in the API's sources.
    let client = member(app, "declare.reseau@exemple.ca").await;
    let (_, doc) = json(
        &client,
        &format!("/api/v1/groupings/{GROUPING}/network?sources=declared"),
    )
    .await;
    assert_eq!(doc["metrics"]["links"], 1, "{doc}");
    // No organization: the page says to ask the coordinator.
    let (status, html) = visitor
        .get_text(&format!(
            "/evenements/{}/moi/{}/liens",
            f.event, f.orphan_token
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("demandez à la personne qui coordonne"),
        "{html}"
    );
    // An unknown token.
    let (status, _) = visitor
        .get_text(&format!("/evenements/{}/moi/inconnu/liens", f.event))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[db_test]
async fn anonymous_visitors_are_sent_to_sign_in(app: &TestApp) {
    let f = network_fixture(app).await;
    let anonymous = app.client();
    for path in [
        "/reseau".to_owned(),
        format!("/regroupements/{GROUPING}/reseau"),
        format!("/regroupements/{GROUPING}/reseau.gexf"),
        format!("/evenements/{}/reseau", f.event),
        format!("/evenements/{}/reseau-liens.csv", f.event),
    ] {
        let r = anonymous.get(&path).await;
        assert!(asks_sign_in(&r), "{path}");
    }
    let (status, _) = json(&anonymous, &format!("/api/v1/groupings/{GROUPING}/network")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// The ego network reads an organization's neighbourhood only
/// (`neighbours`, `evidence_around`, `evidence_among`); on the demo, with
/// every source present, it finds the same links as the whole territory's
/// evidence filtered afterwards.
#[db_test]
async fn an_organizations_neighbourhood_is_read_alone_as_in_the_territory(app: &TestApp) {
    use std::collections::BTreeSet;
    maillage_store::demo::load(&app.store).await.unwrap();
    let conn = app.store.conn();
    let all = network::evidence(conn, &network::Scope::Territory)
        .await
        .unwrap();
    let keep = network::Filter::default();
    let mut degree: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in network::links(&all, &keep) {
        *degree.entry(l.a).or_default() += 1;
        *degree.entry(l.b).or_default() += 1;
    }
    let mut by_degree: Vec<(usize, String)> = degree.into_iter().map(|(id, n)| (n, id)).collect();
    by_degree.sort();
    assert!(by_degree.len() > 10, "the demo has a network");
    // The most linked, a middle one and the least linked.
    let picks = [
        by_degree[by_degree.len() - 1].1.clone(),
        by_degree[by_degree.len() / 2].1.clone(),
        by_degree[0].1.clone(),
    ];
    for org in picks {
        let expected = network::links(
            &all.iter()
                .filter(|e| e.a == org || e.b == org)
                .cloned()
                .collect::<Vec<_>>(),
            &keep,
        );
        let mut around = network::neighbours(conn, &org).await.unwrap();
        let others: BTreeSet<String> = expected
            .iter()
            .map(|l| if l.a == org { l.b.clone() } else { l.a.clone() })
            .collect();
        assert!(
            others.is_subset(&around),
            "{org}: every linked organization is a neighbour"
        );
        around.insert(org.clone());
        let got = network::evidence_around(conn, &network::Scope::Territory, &org, &around)
            .await
            .unwrap();
        assert_eq!(network::links(&got, &keep), expected, "{org}");
        let set: BTreeSet<String> = others.iter().take(12).cloned().collect();
        let among = network::links(
            &network::evidence_among(conn, &network::Scope::Territory, &set)
                .await
                .unwrap(),
            &keep,
        );
        let expected_among = network::links(
            &all.iter()
                .filter(|e| set.contains(&e.a) && set.contains(&e.b))
                .cloned()
                .collect::<Vec<_>>(),
            &keep,
        );
        assert_eq!(among, expected_among, "{org}: links among its neighbours");
    }
}

/// Fault 7: a draft's title and date reached every signed-in account through
/// the grouping's growth chart. A draft appears only to those who manage it,
/// and its attendance adds nothing to the grouping's or territory's network.
#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn a_draft_event_is_seen_only_by_those_who_manage_it(app: &TestApp) {
    use maillage_store::entity::event;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    const SECRET: &str = "Brouillon Zorglub";
    let f = network_fixture(app).await;
    let gid = app.grouping(GROUPING).await;
    let draft = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: SECRET.to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let session = events::ensure_session(
        app.store.conn(),
        draft.id,
        &SessionInput {
            date: date(2026, 5, 20),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // C and the Municipal member (never linked otherwise) meet there.
    for (i, org) in [&f.orgs[2], &f.orgs[4]].into_iter().enumerate() {
        let r = events::register(
            &app.store,
            draft.id,
            &RegistrationInput {
                name: format!("Invitée {i}"),
                email: format!("invitee{i}@exemple.ca"),
                organization_id: Some(org.clone()),
                ..Default::default()
            },
            date(2026, 1, 1),
            |_, _| "Confirmation".to_owned(),
        )
        .await
        .unwrap()
        .expect("registered");
        events::check_in(&app.store, draft.id, session.id, r.registration.id)
            .await
            .unwrap();
    }
    // Then it goes back to being a draft.
    let mut back: event::ActiveModel = draft.clone().into();
    back.status = Set(maillage_store::entity::event::EventStatus::Draft);
    back.update(app.store.conn()).await.unwrap();

    let viewer = member(app, "lecture.brouillon@exemple.ca").await;
    let outsider = crate::harness::member_of(
        app,
        "ailleurs.brouillon@exemple.ca",
        Role::Coordinator,
        "autre-table",
    )
    .await;
    let coordinator = crate::harness::member_of(
        app,
        "coordo.brouillon@exemple.ca",
        Role::Coordinator,
        GROUPING,
    )
    .await;
    let anonymous = app.client();
    let grouping_net = format!("/regroupements/{GROUPING}/reseau");
    let surfaces = [
        grouping_net.clone(),
        format!("{grouping_net}?au=2026-12-31"),
        format!("{grouping_net}.gexf"),
        format!("{grouping_net}.graphml"),
        format!("/regroupements/{GROUPING}/reseau-noeuds.csv"),
        format!("/regroupements/{GROUPING}/reseau-liens.csv"),
        format!("/api/v1/groupings/{gid}/network"),
        "/reseau".to_owned(),
        "/evenements".to_owned(),
        format!("/regroupements/{GROUPING}/evenements.ics"),
        format!("/regroupements/{GROUPING}"),
        "/".to_owned(),
        format!("/evenements/{}", draft.id),
        format!("/evenements/{}/calendrier.ics", draft.id),
        format!("/evenements/{}/reseau", draft.id),
        format!("/evenements/{}/reseau-noeuds.csv", draft.id),
        format!("/evenements/{}/bilan", draft.id),
        format!("/evenements/{}/presences", draft.id),
        format!("/evenements/{}/bilan.html", draft.id),
        format!("/evenements/{}/gestion", draft.id),
        format!("/evenements/{}/organisations", draft.id),
        format!("/evenements/{}/equipes", draft.id),
        format!("/evenements/{}/canevas/reponses", draft.id),
        format!("/evenements/{}/observations", draft.id),
        format!("/evenements/{}/evaluation", draft.id),
        format!("/evenements/{}/evaluation/resultats", draft.id),
        format!("/evenements/{}/evaluation/resultats.csv", draft.id),
        format!("/evenements/{}/evaluation/repondre", draft.id),
    ];
    for (who, client) in [
        ("viewer", &viewer),
        ("coordinator of another grouping", &outsider),
        ("coordinator of the grouping", &coordinator),
        ("anonymous", &anonymous),
    ] {
        for path in &surfaces {
            let (_, text) = client.get_text(path).await;
            assert!(
                !text.contains(SECRET)
                    && !text.contains("2026-05-20")
                    && !text.contains("20 mai 2026")
                    || who == "coordinator of the grouping"
                        && (path.contains(&draft.id.to_string()) || path == "/evenements"),
                "{who} sees the draft on {path}"
            );
        }
    }
    // The draft's meeting links no one in the grouping's network.
    let (_, html) = viewer.get_text(&grouping_net).await;
    assert_eq!(card_number(&html, "network-links"), "6");
    // Those who manage it still find it.
    let (status, html) = coordinator.get_text("/evenements").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(SECRET), "{html}");
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{}", draft.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(SECRET));
}

/// Newman's collaboration weighting on a grouping of 48 organizations that
/// all sat in one plenary, three of which then met in a small session: the
/// page opens on the three links the small session made, says so, and the
/// plenary's 1,125 other pairs count only below the threshold; the API,
/// the exports and the count weighting say the same.
#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn a_small_session_makes_links_a_plenary_alone_does_not(app: &TestApp) {
    let gid = app.grouping(GROUPING).await;
    let mut orgs = Vec::new();
    for i in 0..48 {
        let id = organization(app, &format!("Organisme {i:02}"), "communautaire").await;
        groupings::add_member(app.store.conn(), gid, &id)
            .await
            .unwrap();
        orgs.push(id);
    }
    let e = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: "Grande rencontre".to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut sessions = Vec::new();
    for d in [date(2026, 3, 10), date(2026, 4, 14)] {
        let s = events::ensure_session(
            app.store.conn(),
            e.id,
            &SessionInput {
                date: d,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        sessions.push(s.id);
    }
    for (i, org) in orgs.iter().enumerate() {
        events::walk_in(
            &app.store,
            e.id,
            sessions[0],
            &format!("P{i}"),
            Some(org.clone()),
        )
        .await
        .unwrap();
        if i < 3 {
            events::walk_in(
                &app.store,
                e.id,
                sessions[1],
                &format!("P{i}"),
                Some(org.clone()),
            )
            .await
            .unwrap();
        }
    }
    let client = member(app, "newman.reseau@exemple.ca").await;
    let base = format!("/regroupements/{GROUPING}/reseau");
    let (status, html) = client.get_text(&base).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(card_number(&html, "network-nodes"), "48");
    assert_eq!(card_number(&html, "network-links"), "3");
    assert!(
        html.contains("Les mesures portent sur les 3 liens de poids ≥ 0,2"),
        "{}",
        &html[html.find("id=\"network-scope\"").unwrap_or(0)..][..400]
    );
    assert!(html.contains("liens plus faibles sont écartés"));
    // The definitions and plain words are on the page.
    assert!(html.contains("1/(n − 1)"));
    assert!(html.contains("Influence (centralité de vecteur propre)"));
    assert!(html.contains("<abbr title=\"L’indice E-I"));
    assert!(html.contains("name=\"ponderation\" value=\"nombre\""));
    // Every link at threshold 0; by count, every pair met at least once.
    let (_, all) = client.get_text(&format!("{base}?poids=0")).await;
    assert_eq!(card_number(&all, "network-links"), "1128");
    let (_, counted) = client.get_text(&format!("{base}?ponderation=nombre")).await;
    assert_eq!(card_number(&counted, "network-links"), "1128");
    let (_, twice) = client
        .get_text(&format!("{base}?ponderation=nombre&poids=2"))
        .await;
    assert_eq!(card_number(&twice, "network-links"), "3");
    let (status, bad) = client.get_text(&format!("{base}?ponderation=rumeur")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bad.contains("Pondération inconnue"));

    // The event page: the plenary made no link, the small session three.
    let (status, event_page) = client
        .get_text(&format!("/evenements/{}/reseau", e.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    let first = event_page.find("id=\"seance-1\"").expect("session 1");
    let second = event_page.find("id=\"seance-2\"").expect("session 2");
    assert!(
        event_page[first..second].contains("Aucun nouveau lien"),
        "{}",
        &event_page[first..second]
    );
    assert!(event_page[second..].contains("3 nouveaux liens"));
    let (_, every_pair) = client
        .get_text(&format!("/evenements/{}/reseau?poids=0", e.id))
        .await;
    // Numbers may be written with a (narrow) no-break space between thousands.
    let every_pair = every_pair.replace(['\u{a0}', '\u{202f}'], "");
    let first = every_pair.find("id=\"seance-1\"").expect("session 1");
    assert!(every_pair[first..].contains("1128 nouveaux liens"));

    // An organization's page: its neighbours by the same threshold.
    let (_, small) = app
        .client()
        .get_text(&format!("/repertoire/organisations/{}", orgs[0]))
        .await;
    assert!(small.contains("2 organisations liées"), "{small}");
    assert!(small.contains("1 lien entre elles"), "{small}");
    let (_, plenary) = app
        .client()
        .get_text(&format!("/repertoire/organisations/{}", orgs[10]))
        .await;
    assert!(
        !plenary.contains("id=\"ego-svg\""),
        "a plenary alone makes no neighbour"
    );

    // The API: weight 1/47 + 1/2 and count 2 for a pair of the small session.
    let (status, doc) = json(&client, &format!("/api/v1/groupings/{gid}/network")).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["metrics"]["links"], 3);
    let links = doc["links"].as_array().unwrap();
    for l in links {
        let w = l["weight"].as_f64().unwrap();
        assert!((w - (1.0 / 47.0 + 0.5)).abs() < 1e-9, "{l}");
        assert_eq!(l["count"], 2);
    }
    let (_, every) = json(
        &client,
        &format!("/api/v1/groupings/{gid}/network?min_weight=0"),
    )
    .await;
    assert_eq!(every["metrics"]["links"], 1128);
    assert!(every["metrics"]["density"].as_f64().unwrap() > 0.99);
    let plenary_only = every["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["count"] == 1)
        .unwrap();
    assert!((plenary_only["weight"].as_f64().unwrap() - 1.0 / 47.0).abs() < 1e-9);
    let (_, by_count) = json(
        &client,
        &format!("/api/v1/groupings/{gid}/network?weighting=count&min_weight=2"),
    )
    .await;
    assert_eq!(by_count["metrics"]["links"], 3);
    assert_eq!(by_count["weighting"], "count");
    let (status, _) = json(
        &client,
        &format!("/api/v1/groupings/{gid}/network?weighting=rumeur"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The exports: the weight is the collaboration weight, the count beside.
    let edges = body(client.get(&format!("{base}-liens.csv")).await).await;
    let header = edges.lines().next().unwrap().trim_start_matches('\u{feff}');
    for col in [
        "weight",
        "count",
        "weight_co_attendance",
        "count_co_attendance",
    ] {
        assert!(header.split(',').any(|c| c == col), "{col} in {header}");
    }
    assert_eq!(edges.lines().count(), 4, "{edges}");
    let gexf = body(client.get(&format!("{base}.gexf")).await).await;
    assert!(gexf.contains("title=\"count\""), "{gexf}");
    assert_eq!(gexf.matches("<edge ").count(), 3);
    crate::schemas::assert_valid_gexf(&format!("{base}.gexf"), &gexf);
    let graphml = body(client.get(&format!("{base}.graphml?poids=0")).await).await;
    assert!(graphml.contains("attr.name=\"count\""), "{graphml}");
    assert_eq!(graphml.matches("<edge ").count(), 1128);
}

/// The demo's grouping no longer draws the seating of one room: at the
/// default threshold its network is far from complete, and the drawing
/// labels a bounded number of organizations, none on top of another.
#[db_test]
async fn the_demo_network_is_not_a_near_complete_graph(app: &TestApp) {
    maillage_store::demo::load(&app.store).await.unwrap();
    let pw = app
        .create_user("admin.reseau@exemple.ca", Role::Admin, None)
        .await;
    let client = app.client();
    client.login("admin.reseau@exemple.ca", &pw).await;
    let slug = "commun-enfant-jonquiere";
    let (status, doc) = json(&client, &format!("/api/v1/groupings/{slug}/network")).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    let density = doc["metrics"]["density"].as_f64().unwrap();
    assert!(density < 0.5, "density {density} at the default threshold");
    assert!(doc["metrics"]["links"].as_u64().unwrap() > 0, "{doc}");
    let (_, every) = json(
        &client,
        &format!("/api/v1/groupings/{slug}/network?min_weight=0"),
    )
    .await;
    let all = every["metrics"]["density"].as_f64().unwrap();
    assert!(
        all > density,
        "the threshold leaves links out: {all} vs {density}"
    );

    for path in [
        format!("/regroupements/{slug}/reseau"),
        "/reseau".to_owned(),
    ] {
        let (status, html) = client.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let labels: Vec<&str> = html.split("class=\"net-label\"").skip(1).collect();
        assert!(
            !labels.is_empty() && labels.len() <= 15,
            "{path}: {} labels",
            labels.len()
        );
        // Every node has its name on hover.
        let nodes = html.matches("class=\"net-node\"").count();
        assert!(nodes > labels.len(), "{path}");
        let titled = html
            .split("class=\"net-node\"")
            .skip(1)
            .filter(|n| n.contains("<title>"))
            .count();
        assert_eq!(titled, nodes, "{path}");
        // No two labels' boxes (x, baseline, anchor, length) overlap.
        let boxes: Vec<(f64, f64, f64, f64)> = labels.iter().map(|l| label_box(l)).collect();
        for (k, a) in boxes.iter().enumerate() {
            for b in &boxes[k + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{path}: labels overlap {a:?} {b:?}");
            }
        }
    }
}

/// The box of a label as the drawing estimates it (font 13, 0.6 em a
/// character).
fn label_box(tag: &str) -> (f64, f64, f64, f64) {
    let attr = |name: &str| -> String {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().to_owned()
    };
    let x: f64 = attr("x").parse().unwrap();
    let y: f64 = attr("y").parse().unwrap();
    let text = &tag[tag.find('>').unwrap() + 1..tag.find("</text>").unwrap()];
    #[expect(clippy::cast_precision_loss, reason = "short labels")]
    let width = text.chars().count() as f64 * 13.0 * 0.6 + 4.0;
    let x0 = match attr("text-anchor").as_str() {
        "start" => x - 2.0,
        "end" => x - width + 2.0,
        _ => x - width / 2.0,
    };
    // Coordinates are rounded to a tenth: a hair of slack.
    (x0 + 0.1, y - 13.0 + 0.1, x0 + width - 0.1, y + 4.0 - 0.1)
}
