//! The grouping's referral statistics and the network's referral links, on
//! a known set of referrals between the scene's CLSC, a school and the
//! community organization: the page's figures (sector pairs, rates, median
//! delay, obstacles, saturated services), the CSV, the API, never the
//! person's first name, the same figures once the person rows are gone,
//! 403 for a stranger; the grouping's network links the two organizations
//! with the source `referral`, across « Santé et services sociaux » and
//! « Communautaire », for the grouping's accounts only — on SQLite and
//! PostgreSQL.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use maillage_domain::referrals::{Capacity, ConsentInput, PersonInput, ReferralInput, StatusInput};
use maillage_domain::{Principal, Role};
use maillage_store::repo::referrals::{self as repo, Actor, NewReferral};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::Value;
use uuid::Uuid;

use crate::harness::{TestApp, asks_sign_in, member_of};
use crate::referrals_scene::{Scene, member_for, organization, scene, service};
use maillage_test_macros::db_test;

/// The first name every referral carries: it must never show.
const FIRST_NAME: &str = "Zéphirine";

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn principal(grouping: Uuid) -> Principal {
    Principal {
        is_admin: false,
        grouping_roles: BTreeMap::from([(grouping.to_string(), Role::Member)]),
    }
}

struct Who {
    user: Uuid,
    org: String,
    principal: Principal,
}

impl Who {
    async fn new(app: &TestApp, email: &str, org: &str, grouping: Uuid) -> Who {
        Who {
            user: app.user_id(email).await,
            org: org.to_owned(),
            principal: principal(grouping),
        }
    }

    fn actor(&self) -> Actor<'_> {
        Actor {
            user_id: self.user,
            name: "Intervenante",
            organization_id: Some(&self.org),
            principal: &self.principal,
            ip: None,
        }
    }
}

async fn send(app: &TestApp, from: &Who, service: &str, at: DateTime<Utc>) -> Uuid {
    let new = NewReferral {
        grouping: None,
        from_organization: from.org.clone(),
        service: service.to_owned(),
        input: ReferralInput {
            reason: "Soutien parental".into(),
            urgency: None,
            person: PersonInput {
                first_name: FIRST_NAME.into(),
                contact: "819 555-0199".into(),
                language: Some("fr".into()),
                age_group: Some("0-5".into()),
                extra: BTreeMap::default(),
            },
            consent: Some(ConsentInput {
                given_by: "guardian".into(),
                shared: "prénom, téléphone, motif".into(),
                until: "2099-12-31".into(),
            }),
            note: Some(format!("Note au sujet de {FIRST_NAME}")),
        },
    };
    repo::create(&app.store, &from.actor(), &new, at)
        .await
        .expect("referral sent")
        .0
        .id
}

async fn moves(
    app: &TestApp,
    who: &Who,
    id: Uuid,
    steps: &[(&str, Option<&str>, i64)],
    t: DateTime<Utc>,
) {
    for (status, reason, days) in steps {
        let input = StatusInput {
            status: (*status).to_owned(),
            reason: reason.map(str::to_owned),
            comment: Some(format!("Appel avec {FIRST_NAME}")),
            to_service: None,
        };
        repo::change_status(
            &app.store,
            &who.actor(),
            id,
            &input,
            None,
            t + Duration::days(*days),
        )
        .await
        .unwrap_or_else(|e| panic!("{status}: {e}"));
    }
}

struct Known {
    scene: Scene,
    school_org: String,
}

/// Six referrals:
/// 1. CLSC → halte: received after 1 day, accepted, started, completed, closed;
/// 2. CLSC → halte: received after 3 days, accepted, started, no follow-up (transport), closed;
/// 3. CLSC → répit: received after 2 days, declined (waiting list), closed;
/// 4. CLSC → halte: received after 5 days, accepted (under way);
/// 5. CLSC → halte: never acknowledged (overdue);
/// 6. school → répit, ten days later: received after 4 days, declined (waiting list).
#[expect(
    clippy::too_many_lines,
    reason = "the six referrals and their moves, one after the other, read top to bottom"
)]
async fn known(app: &TestApp) -> Known {
    let scene = scene(app).await;
    let school_org = organization(
        app,
        "École primaire du Ruisseau",
        "education",
        scene.grouping,
    )
    .await;
    member_for(
        app,
        "enseignante@ecole.test",
        &scene.grouping_slug,
        &school_org,
    )
    .await;
    let repit = service(app, &scene.receiver_org, "Répit parental", "active").await;
    repo::set_capacity(
        &app.store,
        &repit,
        &Capacity {
            waiting_weeks: Some(6),
            ..Capacity::default()
        },
        None,
    )
    .await
    .expect("capacity");
    let clsc = Who::new(app, &scene.sender_email, &scene.sender_org, scene.grouping).await;
    let school = Who::new(app, "enseignante@ecole.test", &school_org, scene.grouping).await;
    let family = Who::new(
        app,
        &scene.receiver_email,
        &scene.receiver_org,
        scene.grouping,
    )
    .await;
    let t = t0();

    let r = send(app, &clsc, &scene.service, t).await;
    moves(
        app,
        &family,
        r,
        &[
            ("received", None, 1),
            ("accepted", None, 2),
            ("started", None, 3),
            ("completed", None, 20),
            ("closed", None, 21),
        ],
        t,
    )
    .await;
    let r = send(app, &clsc, &scene.service, t).await;
    moves(
        app,
        &family,
        r,
        &[
            ("received", None, 3),
            ("accepted", None, 4),
            ("started", None, 5),
            ("no_follow_up", Some("transport"), 9),
            ("closed", None, 10),
        ],
        t,
    )
    .await;
    let r = send(app, &clsc, &repit, t).await;
    moves(
        app,
        &family,
        r,
        &[
            ("received", None, 2),
            ("declined", Some("liste_attente"), 2),
            ("closed", None, 3),
        ],
        t,
    )
    .await;
    let r = send(app, &clsc, &scene.service, t).await;
    moves(
        app,
        &family,
        r,
        &[("received", None, 5), ("accepted", None, 6)],
        t,
    )
    .await;
    send(app, &clsc, &scene.service, t).await;
    let t6 = t + Duration::days(10);
    let r = send(app, &school, &repit, t6).await;
    moves(
        app,
        &family,
        r,
        &[
            ("received", None, 4),
            ("declined", Some("liste_attente"), 4),
        ],
        t6,
    )
    .await;
    Known { scene, school_org }
}

async fn json(client: &crate::harness::TestClient, path: &str) -> (StatusCode, Value) {
    let r = client.get(path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[db_test]
async fn the_page_the_csv_and_the_api_count_the_known_referrals(app: &TestApp) {
    let k = known(app).await;
    let slug = &k.scene.grouping_slug;
    let page = format!("/regroupements/{slug}/references");

    let (status, html) = k.scene.sender.get_text(&page).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"refstats-total\">6<"), "six referrals");
    // Decided: 1, 2, 3, 4 and 6; accepted: 1, 2 and 4.
    assert!(
        html.contains("id=\"refstats-acceptance\">60\u{a0}%<"),
        "acceptance"
    );
    assert!(html.contains("3 sur 5"));
    // Ended after acceptance: 1 (completed) and 2 (no follow-up).
    assert!(
        html.contains("id=\"refstats-completion\">50\u{a0}%<"),
        "completion"
    );
    // Acknowledged after 1, 3, 2, 5 and 4 days.
    assert!(html.contains("id=\"refstats-median\">3<"), "median delay");
    assert!(html.contains("<td>Santé et services sociaux</td><td>Communautaire</td><td class=\"num\">5</td><td class=\"num\">3</td>"), "{html}");
    assert!(html.contains(
        "<td>Éducation</td><td>Communautaire</td><td class=\"num\">1</td><td class=\"num\">0</td>"
    ));
    assert!(
        html.contains(
            "<tr data-code=\"transport\"><td>Transport</td><td class=\"num\">1</td></tr>"
        )
    );
    assert!(html.contains(
        "<tr data-code=\"liste_attente\"><td>Liste d’attente</td><td class=\"num\">2</td></tr>"
    ));
    // The waiting list first (two declines, six weeks published), then the
    // halte-garderie with one referral overdue.
    let repit = html.find("<td>Répit parental</td><td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">0</td><td>6 semaines</td>").expect("répit saturated");
    let halte = html.find("<td>Halte-garderie et soutien parental</td><td class=\"num\">4</td><td class=\"num\">0</td><td class=\"num\">1</td><td></td>").expect("halte overdue");
    assert!(repit < halte);
    assert!(!html.contains(FIRST_NAME));

    // A period: only the school's referral was sent after March 10.
    let (_, html) = k
        .scene
        .sender
        .get_text(&format!("{page}?du=2026-03-10&au=2026-12-31"))
        .await;
    assert!(html.contains("id=\"refstats-total\">1<"));
    let (status, _) = k
        .scene
        .sender
        .get_text(&format!("{page}?du=2026-13-01"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    csv_has_the_figures(&k, &page).await;
    api_has_the_figures(&k).await;
}

async fn csv_has_the_figures(k: &Known, page: &str) {
    // The CSV: the same figures, a BOM, no person.
    let r = k.scene.receiver.get(&format!("{page}.csv")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("\"Santé et services sociaux\",\"Communautaire\",5"),
        "{csv}"
    );
    assert!(
        csv.contains("\"Taux d’acceptation\",\"3 sur 5\",\"\",\"\",\"60\u{a0}%\""),
        "{csv}"
    );
    assert!(csv.contains("\"Transport\",\"\",1"), "{csv}");
    assert!(!csv.contains(FIRST_NAME));
}

async fn api_has_the_figures(k: &Known) {
    let slug = &k.scene.grouping_slug;
    // The API, by slug and by id.
    let (status, v) = json(
        &k.scene.receiver,
        &format!("/api/v1/groupings/{slug}/referral-stats"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 6);
    assert_eq!(v["acceptance"]["numerator"], 3);
    assert_eq!(v["acceptance"]["denominator"], 5);
    assert_eq!(v["completion"]["percent"], 50.0);
    assert_eq!(v["median_ack_days"], 3.0);
    assert_eq!(v["obstacles"]["transport"], 1);
    assert_eq!(v["decline_reasons"]["liste_attente"], 2);
    assert_eq!(v["by_status"]["closed"], 3);
    assert_eq!(v["by_status"]["sent"], 1);
    assert_eq!(
        v["sector_pairs"][0]["from_sector"],
        "sante-services-sociaux"
    );
    assert_eq!(v["sector_pairs"][0]["to_sector"], "communautaire");
    assert_eq!(v["sector_pairs"][0]["referrals"], 5);
    assert_eq!(v["saturated_services"][0]["service_name"], "Répit parental");
    assert_eq!(v["saturated_services"][0]["waiting_weeks"], 6);
    assert_eq!(v["saturated_services"][1]["overdue"], 1);
    assert!(!v.to_string().contains(FIRST_NAME));
    let (status, by_id) = json(
        &k.scene.sender,
        &format!("/api/v1/groupings/{}/referral-stats", k.scene.grouping),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(by_id, v);
    let (status, v) = json(
        &k.scene.sender,
        &format!("/api/v1/groupings/{slug}/referral-stats?from=2026-03-10"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["total"], 1);
    assert_eq!(
        v["organization_pairs"][0]["from_organization"],
        k.school_org.as_str()
    );
    let (status, v) = json(
        &k.scene.sender,
        &format!("/api/v1/groupings/{slug}/referral-stats?from=demain"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(v["error"]["message"].is_string());

    // The route is in the OpenAPI document, under `referrals`.
    let (_, doc) = json(&k.scene.sender, "/api/v1/openapi.json").await;
    assert_eq!(
        doc["paths"]["/api/v1/groupings/{id}/referral-stats"]["get"]["tags"][0],
        "referrals"
    );
}

#[db_test]
async fn the_figures_survive_the_purge_and_strangers_see_nothing(app: &TestApp) {
    let k = known(app).await;
    let slug = &k.scene.grouping_slug;
    let api = format!("/api/v1/groupings/{slug}/referral-stats");
    let page = format!("/regroupements/{slug}/references");
    let (_, before) = json(&k.scene.sender, &api).await;
    let (_, page_before) = k.scene.sender.get_text(&page).await;

    // The purge, simulated: every person row gone.
    app.store
        .conn()
        .execute_unprepared("DELETE FROM referral_people")
        .await
        .expect("delete people");
    let (_, after) = json(&k.scene.sender, &api).await;
    assert_eq!(before, after);
    let (_, page_after) = k.scene.sender.get_text(&page).await;
    let figures = |h: &str| {
        h[h.find("id=\"refstats-figures\"").unwrap()
            ..h.find("id=\"refstats-definitions\"").unwrap()]
            .to_owned()
    };
    assert_eq!(figures(&page_before), figures(&page_after));

    // An account of another grouping: 403 everywhere.
    let stranger = member_of(app, "ailleurs@autre.test", Role::Coordinator, "autre-table").await;
    for path in [page.clone(), format!("{page}.csv"), api.clone()] {
        assert_eq!(
            stranger.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Anonymous: the sign-in page, and 401 from the API.
    let anonymous = app.client();
    assert!(asks_sign_in(&anonymous.get(&page).await));
    assert_eq!(anonymous.get(&api).await.status(), StatusCode::UNAUTHORIZED);
    // An unknown grouping: 404.
    assert_eq!(
        k.scene
            .sender
            .get("/api/v1/groupings/nulle-part/referral-stats")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // An administrator reads them; a viewer of the grouping too.
    let admin = app.signed_in("admin@stats.test", Role::Admin).await;
    assert_eq!(admin.get(&page).await.status(), StatusCode::OK);
    let viewer = member_of(app, "lecture@table.test", Role::Viewer, slug).await;
    assert_eq!(viewer.get(&api).await.status(), StatusCode::OK);
}

#[db_test]
async fn referrals_link_the_two_organizations_in_the_grouping_network(app: &TestApp) {
    let k = known(app).await;
    let slug = &k.scene.grouping_slug;
    let (status, v) = json(
        &k.scene.sender,
        &format!("/api/v1/groupings/{slug}/network?sources=referral"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let links = v["links"].as_array().unwrap();
    let between = |a: &str, b: &str| {
        links.iter().find(|l| {
            (l["source"] == a && l["target"] == b) || (l["source"] == b && l["target"] == a)
        })
    };
    let clsc = between(&k.scene.sender_org, &k.scene.receiver_org).expect("CLSC — family");
    // Five referrals at 0.5 each.
    assert_eq!(clsc["weights"]["referral"], 2.5);
    assert_eq!(clsc["counts"]["referral"], 5);
    let school = between(&k.school_org, &k.scene.receiver_org).expect("school — family");
    assert_eq!(school["weights"]["referral"], 0.5);
    assert!(
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "referral")
    );
    // Between sectors: the link joins health and community.
    let sector_of = |id: &str| {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["sector"].clone())
            .unwrap()
    };
    assert_eq!(sector_of(&k.scene.sender_org), "sante-services-sociaux");
    assert_eq!(sector_of(&k.scene.receiver_org), "communautaire");

    // The network page, kept to the health sector, shows the community
    // organization through the referrals, and names the source.
    let (status, html) = k
        .scene
        .sender
        .get_text(&format!(
            "/regroupements/{slug}/reseau?secteur=sante-services-sociaux&sources=referral"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Maison de la famille du Lac"));
    assert!(html.contains("value=\"referral\""));

    // An account of another grouping sees the network without them.
    let stranger = member_of(app, "ailleurs@autre.test", Role::Member, "autre-table").await;
    let (status, v) = json(
        &stranger,
        &format!("/api/v1/groupings/{slug}/network?sources=referral&min_weight=0"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["links"].as_array().unwrap().is_empty(), "{v}");
    assert!(
        !v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "referral")
    );
    let (_, html) = stranger
        .get_text(&format!("/regroupements/{slug}/reseau"))
        .await;
    assert!(!html.contains("value=\"referral\""));
}

#[db_test(demo)]
async fn the_demo_has_referrals_in_every_status_some_already_purged(app: &TestApp) {
    use maillage_store::demo_referrals::GROUPING;
    let coordinator = member_of(app, "coord@jonquiere.test", Role::Coordinator, GROUPING).await;
    let api = format!("/api/v1/groupings/{GROUPING}/referral-stats");
    let (status, v) = json(&coordinator, &api).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 20, "{v}");
    assert!(v["acceptance"]["percent"].as_f64().unwrap() > 0.0);
    assert_eq!(v["saturated_services"][0]["waiting_weeks"], 6, "{v}");
    assert!(v["obstacles"]["transport"].as_u64().unwrap() >= 1);
    // Four were purged: no person row, the figures still count them.
    let people = maillage_store::entity::referral_person::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap();
    assert_eq!(people, 16);
    // Loading it again adds nothing.
    maillage_store::demo::load(&app.store)
        .await
        .expect("demo again");
    let (_, again) = json(&coordinator, &api).await;
    assert_eq!(again["total"], 20);
    let (status, html) = coordinator
        .get_text(&format!("/regroupements/{GROUPING}/references"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Intervention et accompagnement des familles"));
    assert!(
        !html.contains("(démo)"),
        "no first name on the statistics page"
    );
}
