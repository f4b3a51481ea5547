//! Teams, canvas, observations, mosaic and the evaluation survey end to
//! end: the automatic split mixing sectors, assignments by hand, the canvas
//! preset and the participants' personal pages, facilitators' counts, the
//! stickies, anonymous answers (one per token), results and CSV, bad input
//! and who may do what — on SQLite and PostgreSQL.

use std::collections::HashSet;

use chrono::NaiveDate;
use maillage_domain::Role;
use maillage_domain::directory::OrganizationInput;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{self, EventInput, RegistrationInput};
use maillage_store::repo::events::{evaluations, teams as event_teams};
use maillage_store::repo::organizations;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

async fn org(app: &TestApp, name: &str, sector: &str) -> String {
    organizations::create_organization(
        &app.store,
        &Actor::system(),
        &OrganizationInput {
            name: name.to_owned(),
            description: format!("{name}, pour les tests des équipes."),
            sector: sector.to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("organization")
}

async fn event(app: &TestApp, title: &str, status: &str, capacity: Option<i32>) -> Uuid {
    let gid = app.grouping("table-de-test").await;
    events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: title.to_owned(),
            capacity,
            status: maillage_store::entity::event::EventStatus::parse(status).expect("a status"),
            ..Default::default()
        },
    )
    .await
    .expect("event")
    .id
}

/// Registers a person; returns (registration id, token).
async fn register(app: &TestApp, event: Uuid, name: &str, org: Option<&str>) -> (Uuid, String) {
    let r = events::register(
        &app.store,
        event,
        &RegistrationInput {
            name: name.to_owned(),
            email: format!("{}@exemple.ca", name.to_lowercase().replace(' ', ".")),
            organization_id: org.map(str::to_owned),
            ..Default::default()
        },
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        |_, _| "Confirmation".to_owned(),
    )
    .await
    .expect("register")
    .expect("registered");
    (r.registration.id, r.token)
}

/// Nine confirmed registrants from three sectors (education ×3, health
/// ×3, community ×3) and one on the waiting list.
async fn nine_and_one(app: &TestApp, ev: Uuid) -> (Vec<(Uuid, String)>, Uuid) {
    let school = org(app, "École des Tests", "education").await;
    let clsc = org(app, "CLSC des Tests", "sante-services-sociaux").await;
    let famille = org(app, "Maison des familles des Tests", "communautaire").await;
    let mut people = Vec::new();
    for (i, o) in [
        &school, &school, &school, &clsc, &clsc, &clsc, &famille, &famille, &famille,
    ]
    .iter()
    .enumerate()
    {
        people.push(register(app, ev, &format!("Personne {i}"), Some(o)).await);
    }
    let (waiting, _) = register(app, ev, "Personne en attente", Some(&school)).await;
    (people, waiting)
}

fn flash_of(r: &reqwest::Response) -> String {
    location(r)
}

/// An event of nine confirmed registrants and one waiting, with the
/// grouping's coordinator, a member and a coordinator of another grouping.
struct TeamsFixture {
    ev: Uuid,
    people: Vec<(Uuid, String)>,
    waiting: Uuid,
    base: String,
    coord: TestClient,
    member: TestClient,
    outsider: TestClient,
}

async fn teams_fixture(app: &TestApp) -> TeamsFixture {
    let ev = event(app, "Osons l'aventure", "published", Some(9)).await;
    let (people, waiting) = nine_and_one(app, ev).await;
    let base = format!("/evenements/{ev}/equipes");
    let coord = app
        .signed_in("coord-equipes@exemple.ca", Role::Coordinator)
        .await;
    let member = member_of(
        app,
        "membre-equipes@exemple.ca",
        Role::Member,
        "table-de-test",
    )
    .await;
    let outsider = member_of(
        app,
        "autre-equipes@exemple.ca",
        Role::Coordinator,
        "autre-table",
    )
    .await;
    TeamsFixture {
        ev,
        people,
        waiting,
        base,
        coord,
        member,
        outsider,
    }
}

/// The coordinator splits the registrants into three teams; returns the
/// teams with their members.
async fn split_in_three(app: &TestApp, fx: &TeamsFixture) -> Vec<event_teams::TeamView> {
    fx.coord
        .post_form(&format!("{}/repartir", fx.base), &[("count", "3")])
        .await;
    event_teams::teams_with_members(app.store.conn(), fx.ev)
        .await
        .unwrap()
}

#[db_test]
async fn teams_are_read_by_members_and_split_by_coordinators_only(app: &TestApp) {
    let TeamsFixture {
        base,
        member,
        outsider,
        ..
    } = teams_fixture(app).await;

    let r = app.client().get(&base).await;
    assert!(asks_sign_in(&r));
    assert_eq!(outsider.get(&base).await.status(), StatusCode::FORBIDDEN);
    let (status, html) = member.get_text(&base).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("equipes/repartir"), "members read only");
    let r = member
        .post_form(&format!("{base}/repartir"), &[("count", "3")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        outsider
            .post_form(&format!("{base}/repartir"), &[("count", "3")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[db_test]
async fn bad_team_counts_are_refused_with_a_french_message(app: &TestApp) {
    let TeamsFixture {
        ev, base, coord, ..
    } = teams_fixture(app).await;

    for bad in ["0", "trois", "-2", "101", ""] {
        let r = coord
            .post_form(&format!("{base}/repartir"), &[("count", bad)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{bad}");
        let to = flash_of(&r);
        assert!(to.contains("erreur=flash-teams-error-count"), "{to}");
        let (_, html) = coord.get_text(&to).await;
        assert!(
            html.contains("Le nombre d’équipes doit être un nombre entier"),
            "{html}"
        );
    }
    assert!(
        event_teams::teams(app.store.conn(), ev)
            .await
            .unwrap()
            .is_empty()
    );
}

#[db_test]
async fn the_automatic_split_mixes_sectors_and_leaves_the_waiting_list_out(app: &TestApp) {
    let TeamsFixture {
        ev,
        waiting,
        base,
        coord,
        ..
    } = teams_fixture(app).await;

    // Three tables of three, each with the three sectors.
    let r = coord
        .post_form(&format!("{base}/repartir"), &[("count", "3")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(flash_of(&r).contains("ok=flash-teams-split"));
    let views = event_teams::teams_with_members(app.store.conn(), ev)
        .await
        .unwrap();
    assert_eq!(views.len(), 3);
    let mut seen = HashSet::new();
    for v in &views {
        assert_eq!(v.members.len(), 3, "{}", v.team.name);
        let orgs: HashSet<_> = v
            .members
            .iter()
            .map(|m| m.organization_id.clone())
            .collect();
        assert_eq!(
            orgs.len(),
            3,
            "one person of each sector at {}",
            v.team.name
        );
        for m in &v.members {
            assert!(seen.insert(m.id), "everyone once");
            assert_ne!(m.id, waiting, "the waiting list stays out");
        }
    }
    assert_eq!(views[0].team.name, "Table 1");
    let (status, html) = coord.get_text(&base).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("3 secteurs").count(), 3, "{html}");
    assert!(html.contains("0 sans équipe"));
}

#[db_test]
async fn teams_are_renamed_given_a_facilitator_and_moved_up(app: &TestApp) {
    let fx = teams_fixture(app).await;
    let views = split_in_three(app, &fx).await;
    let TeamsFixture {
        ev,
        base,
        coord,
        member,
        ..
    } = fx;

    let t1 = views[0].team.id;
    let t2 = views[1].team.id;
    let r = coord
        .post_form(
            &format!("{base}/{t1}/modifier"),
            &[("name", "Les REbelles"), ("facilitator", "Josette")],
        )
        .await;
    assert!(flash_of(&r).contains("ok=flash-teams-saved"));
    let r = coord
        .post_form(&format!("{base}/{t1}/modifier"), &[("name", "  ")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-teams-error-name"));
    coord.post_form(&format!("{base}/{t2}/monter"), &[]).await;
    let order = event_teams::teams(app.store.conn(), ev).await.unwrap();
    assert_eq!(order[0].id, t2);
    assert_eq!(order[1].name, "Les REbelles");
    assert_eq!(order[1].facilitator.as_deref(), Some("Josette"));
    let (_, html) = member.get_text(&base).await;
    assert!(html.contains("Les REbelles") && html.contains("Josette"));
}

#[db_test]
async fn a_person_is_moved_by_hand_and_the_waiting_list_and_strangers_are_refused(app: &TestApp) {
    let fx = teams_fixture(app).await;
    let views = split_in_three(app, &fx).await;
    let TeamsFixture {
        ev,
        people,
        waiting,
        base,
        coord,
        ..
    } = fx;
    let t2 = views[1].team.id;

    let (p0, _) = people[0];
    let r = coord
        .post_form(
            &format!("{base}/affecter"),
            &[("registration", &p0.to_string()), ("team", &t2.to_string())],
        )
        .await;
    assert!(
        flash_of(&r).contains("ok=flash-teams-assigned"),
        "{}",
        flash_of(&r)
    );
    let team = event_teams::team_of_registration(app.store.conn(), ev, p0)
        .await
        .unwrap();
    assert_eq!(team.unwrap().team.id, t2);
    let r = coord
        .post_form(
            &format!("{base}/affecter"),
            &[
                ("registration", &waiting.to_string()),
                ("team", &t2.to_string()),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-teams-error-not-confirmed"));
    let (_, html) = coord.get_text(&flash_of(&r)).await;
    assert!(html.contains("Seules les inscriptions confirmées"));
    let other = event(app, "Autre rencontre", "published", None).await;
    let (stranger, _) = register(app, other, "Personne ailleurs", None).await;
    let r = coord
        .post_form(
            &format!("{base}/affecter"),
            &[
                ("registration", &stranger.to_string()),
                ("team", &t2.to_string()),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-teams-error-person"));
    let other_team = event_teams::create_team_in(app.store.conn(), other, "Ailleurs", None)
        .await
        .unwrap();
    let r = coord
        .post_form(
            &format!("{base}/affecter"),
            &[
                ("registration", &p0.to_string()),
                ("team", &other_team.id.to_string()),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-teams-error-person"));
    assert_eq!(
        event_teams::team_of_registration(app.store.conn(), ev, p0)
            .await
            .unwrap()
            .unwrap()
            .team
            .id,
        t2,
        "a refused move changes nothing"
    );
    let r = coord
        .post_form(
            &format!("{base}/affecter"),
            &[("registration", "pas-un-id"), ("team", "")],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-teams-error-person"));
    // Out of every team.
    coord
        .post_form(
            &format!("{base}/affecter"),
            &[("registration", &p0.to_string()), ("team", "")],
        )
        .await;
    assert!(
        event_teams::team_of_registration(app.store.conn(), ev, p0)
            .await
            .unwrap()
            .is_none()
    );
}

#[db_test]
async fn teams_are_added_and_deleted_and_unknown_ones_are_not_found(app: &TestApp) {
    let fx = teams_fixture(app).await;
    let views = split_in_three(app, &fx).await;
    let TeamsFixture {
        ev, base, coord, ..
    } = fx;
    let (t1, t2) = (views[0].team.id, views[1].team.id);

    // A new team, then deleting one: its members are unassigned.
    let r = coord
        .post_form(&base, &[("name", "Les 5 CLÉS"), ("facilitator", "")])
        .await;
    assert!(flash_of(&r).contains("ok=flash-teams-saved"));
    let r = coord.post_form(&base, &[("name", "")]).await;
    assert!(flash_of(&r).contains("erreur=flash-teams-error-name"));
    assert_eq!(
        event_teams::teams(app.store.conn(), ev)
            .await
            .unwrap()
            .len(),
        4
    );
    let r = coord
        .post_form(&format!("{base}/{t1}/supprimer"), &[])
        .await;
    assert!(flash_of(&r).contains("ok=flash-teams-deleted"));
    assert_eq!(
        event_teams::teams(app.store.conn(), ev)
            .await
            .unwrap()
            .len(),
        3
    );
    // Unknown team or operation: 404, never a 500.
    let other = event(app, "Autre rencontre", "published", None).await;
    let other_team = event_teams::create_team_in(app.store.conn(), other, "Ailleurs", None)
        .await
        .unwrap();
    let nil = Uuid::nil();
    assert_eq!(
        coord
            .post_form(&format!("{base}/{nil}/supprimer"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        coord
            .post_form(&format!("{base}/{t2}/voler"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        coord
            .post_form(
                &format!("{base}/{other_team}/supprimer", other_team = other_team.id),
                &[]
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

/// An event of nine confirmed registrants and one waiting, with the
/// grouping's coordinator, a viewer and a coordinator of another grouping.
struct CanvasFixture {
    ev: Uuid,
    people: Vec<(Uuid, String)>,
    base: String,
    coord: TestClient,
    viewer: TestClient,
    outsider: TestClient,
}

async fn canvas_fixture(app: &TestApp) -> CanvasFixture {
    let ev = event(app, "Regard sur les pratiques", "published", None).await;
    let (people, _) = nine_and_one(app, ev).await;
    let coord = app
        .signed_in("coord-canevas@exemple.ca", Role::Coordinator)
        .await;
    let viewer = member_of(
        app,
        "lecture-canevas@exemple.ca",
        Role::Viewer,
        "table-de-test",
    )
    .await;
    let outsider = member_of(
        app,
        "autre-canevas@exemple.ca",
        Role::Coordinator,
        "autre-table",
    )
    .await;
    let base = format!("/evenements/{ev}/canevas");
    CanvasFixture {
        ev,
        people,
        base,
        coord,
        viewer,
        outsider,
    }
}

/// The canvas preset in two teams: `a` and `b` in the first, `c` in the
/// second.
struct CanvasInTeams {
    fx: CanvasFixture,
    qs: Vec<maillage_store::entity::canvas_question::Model>,
    views: Vec<event_teams::TeamView>,
    a: Uuid,
    a_token: String,
    b_token: String,
    c_token: String,
}

async fn canvas_in_teams(app: &TestApp) -> CanvasInTeams {
    let fx = canvas_fixture(app).await;
    let ev = fx.ev;
    fx.coord
        .post_form(&format!("{}/modele", fx.base), &[])
        .await;
    let qs = event_teams::canvas_questions(app.store.conn(), ev)
        .await
        .unwrap();
    fx.coord
        .post_form(
            &format!("/evenements/{ev}/equipes/repartir"),
            &[("count", "2")],
        )
        .await;
    let views = event_teams::teams_with_members(app.store.conn(), ev)
        .await
        .unwrap();
    let in_team = |t: usize, id: Uuid| views[t].members.iter().any(|m| m.id == id);
    let (a, a_token) = fx
        .people
        .iter()
        .find(|(id, _)| in_team(0, *id))
        .cloned()
        .unwrap();
    let (_, b_token) = fx
        .people
        .iter()
        .find(|(id, _)| in_team(0, *id) && *id != a)
        .cloned()
        .unwrap();
    let (_, c_token) = fx
        .people
        .iter()
        .find(|(id, _)| in_team(1, *id))
        .cloned()
        .unwrap();
    CanvasInTeams {
        fx,
        qs,
        views,
        a,
        a_token,
        b_token,
        c_token,
    }
}

#[db_test]
async fn the_canvas_preset_is_added_by_coordinators_and_read_by_the_grouping(app: &TestApp) {
    let CanvasFixture {
        ev,
        base,
        coord,
        viewer,
        outsider,
        ..
    } = canvas_fixture(app).await;

    assert_eq!(
        viewer
            .post_form(&format!("{base}/modele"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(outsider.get(&base).await.status(), StatusCode::FORBIDDEN);
    let r = coord.post_form(&format!("{base}/modele"), &[]).await;
    assert!(flash_of(&r).contains("ok=flash-canvas-preset-added"));
    let qs = event_teams::canvas_questions(app.store.conn(), ev)
        .await
        .unwrap();
    assert_eq!(qs.len(), 5);
    assert!(qs[0].prompt.starts_with("POINTS DE DÉPART"));
    assert!(qs[1].prompt.starts_with("MOT"));
    assert!(qs[2].prompt.starts_with("L’AUTRE"));
    assert!(qs[3].prompt.starts_with("ORGANISATION"));
    assert!(qs[4].prompt.starts_with("LES BONS COUPS ET LES DÉFIS"));
    let (status, html) = viewer.get_text(&base).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("POINTS DE DÉPART") && !html.contains("canevas/modele"));
}

#[db_test]
async fn canvas_questions_are_edited_reordered_added_and_deleted(app: &TestApp) {
    let CanvasFixture {
        ev, base, coord, ..
    } = canvas_fixture(app).await;
    coord.post_form(&format!("{base}/modele"), &[]).await;
    let qs = event_teams::canvas_questions(app.store.conn(), ev)
        .await
        .unwrap();

    let (q1, q2) = (qs[0].id, qs[1].id);
    coord.post_form(&format!("{base}/{q2}/monter"), &[]).await;
    let qs2 = event_teams::canvas_questions(app.store.conn(), ev)
        .await
        .unwrap();
    assert_eq!((qs2[0].id, qs2[1].id), (q2, q1));
    coord
        .post_form(&format!("{base}/{q2}/descendre"), &[])
        .await;
    let r = coord
        .post_form(&format!("{base}/{q1}/modifier"), &[("prompt", "")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-canvas-error-prompt"));
    coord
        .post_form(
            &format!("{base}/{q1}/modifier"),
            &[("prompt", "POINTS DE DÉPART : d'où partez-vous?")],
        )
        .await;
    coord
        .post_form(&base, &[("prompt", "Une question de trop")])
        .await;
    let extra = event_teams::canvas_questions(app.store.conn(), ev)
        .await
        .unwrap();
    assert_eq!(extra.len(), 6);
    let r = coord
        .post_form(&format!("{base}/{}/supprimer", extra[5].id), &[])
        .await;
    assert!(flash_of(&r).contains("ok=flash-canvas-deleted"));
    let qs = event_teams::canvas_questions(app.store.conn(), ev)
        .await
        .unwrap();
    assert_eq!(qs.len(), 5);
    assert_eq!(qs[0].prompt, "POINTS DE DÉPART : d'où partez-vous?");
}

#[db_test]
async fn the_personal_page_opens_with_the_token_of_this_event_only(app: &TestApp) {
    let CanvasInTeams {
        fx, views, a_token, ..
    } = canvas_in_teams(app).await;
    let ev = fx.ev;

    let visitor = app.client();
    let me = format!("/evenements/{ev}/moi/{a_token}");
    let (status, html) = visitor.get_text(&me).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&views[0].team.name), "their team");
    assert!(html.contains("POINTS DE DÉPART"));
    assert!(html.contains(&format!(
        "/evenements/{ev}/evaluation/repondre?jeton={a_token}"
    )));
    assert_eq!(
        visitor
            .get(&format!("/evenements/{ev}/moi/inconnu"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let other = event(app, "Autre", "published", None).await;
    assert_eq!(
        visitor
            .get(&format!("/evenements/{other}/moi/{a_token}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn canvas_answers_are_saved_replaced_and_unknown_questions_refused(app: &TestApp) {
    let CanvasInTeams {
        fx, qs, a, a_token, ..
    } = canvas_in_teams(app).await;
    let ev = fx.ev;
    let visitor = app.client();
    let me = format!("/evenements/{ev}/moi/{a_token}");

    // Answering, on behalf of the organization.
    let fields = [
        (format!("q-{}", qs[0].id), "Le réseau de soutien".to_owned()),
        (format!("q-{}", qs[1].id), "Intersectorielle".to_owned()),
        (format!("q-{}", qs[2].id), "   ".to_owned()),
        ("au_nom".to_owned(), "1".to_owned()),
    ];
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = visitor.post_form(&format!("{me}/canevas"), &refs).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(flash_of(&r).contains("ok=flash-mypage-saved"));
    let canvas = event_teams::canvas(app.store.conn(), ev).await.unwrap();
    assert_eq!(canvas.answers.len(), 2, "blank answers are not kept");
    assert!(
        canvas
            .answers
            .iter()
            .all(|x| x.registration_id == Some(a) && x.organization_id.is_some())
    );
    // Saving again replaces; without the box, in their own name.
    let r = visitor
        .post_form(
            &format!("{me}/canevas"),
            &[(&format!("q-{}", qs[1].id), "Passion")],
        )
        .await;
    assert!(flash_of(&r).contains("ok=flash-mypage-saved"));
    let canvas = event_teams::canvas(app.store.conn(), ev).await.unwrap();
    assert_eq!(canvas.answers.len(), 1);
    assert_eq!(canvas.answers[0].text, "Passion");
    assert!(canvas.answers[0].organization_id.is_none());
    // A question of nothing: refused, nothing changed.
    let r = visitor
        .post_form(
            &format!("{me}/canevas"),
            &[(&format!("q-{}", Uuid::new_v4()), "Intrus")],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-mypage-error-question"));
    let r = visitor
        .post_form(&format!("{me}/canevas"), &[("q-pas-un-id", "Intrus")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-mypage-error-question"));
    let (_, html) = visitor.get_text(&flash_of(&r)).await;
    assert!(html.contains("Le canevas a changé entretemps"), "{html}");
    assert_eq!(
        event_teams::canvas(app.store.conn(), ev)
            .await
            .unwrap()
            .answers
            .len(),
        1
    );
    assert_eq!(
        visitor
            .post_form(&format!("/evenements/{ev}/moi/inconnu/canevas"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn canvas_answers_are_seen_by_the_team_and_the_grouping_only(app: &TestApp) {
    let CanvasInTeams {
        fx,
        qs,
        views,
        a_token,
        b_token,
        c_token,
        ..
    } = canvas_in_teams(app).await;
    let CanvasFixture {
        ev,
        base,
        viewer,
        outsider,
        ..
    } = fx;
    let visitor = app.client();
    visitor
        .post_form(
            &format!("/evenements/{ev}/moi/{a_token}/canevas"),
            &[(&format!("q-{}", qs[1].id), "Passion")],
        )
        .await;

    // The team sees it; the other team does not.
    let (_, html) = visitor
        .get_text(&format!("/evenements/{ev}/moi/{b_token}"))
        .await;
    assert!(
        html.contains("Les réponses de mon équipe") && html.contains("Passion"),
        "{html}"
    );
    let (_, html) = visitor
        .get_text(&format!("/evenements/{ev}/moi/{c_token}"))
        .await;
    assert!(!html.contains("Passion"));

    // The grouping sees every answer, by question and by team.
    let answers = format!("{base}/reponses");
    let (status, html) = viewer.get_text(&answers).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Passion") && html.contains(&views[0].team.name));
    assert_eq!(outsider.get(&answers).await.status(), StatusCode::FORBIDDEN);
    let r = app.client().get(&answers).await;
    assert!(asks_sign_in(&r));
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn observations_count_contacts_and_the_mosaic_holds_stickies(app: &TestApp) {
    let ev = event(app, "Osons observer", "published", None).await;
    let coord = app
        .signed_in("coord-obs@exemple.ca", Role::Coordinator)
        .await;
    let member = member_of(app, "membre-obs@exemple.ca", Role::Member, "table-de-test").await;
    let team = event_teams::create_team_in(
        app.store.conn(),
        ev,
        "Les REbelles",
        Some("Claudette".into()),
    )
    .await
    .unwrap();
    let base = format!("/evenements/{ev}/observations");
    assert_eq!(member.get(&base).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        member.post_form(&base, &[("text", "x")]).await.status(),
        StatusCode::FORBIDDEN
    );

    for (bad, message) in [
        ("-3", "doit être un nombre entier de 0 à 10 000"),
        ("beaucoup", "doit être un nombre entier de 0 à 10 000"),
        ("2,5", "doit être un nombre entier de 0 à 10 000"),
    ] {
        let r = coord
            .post_form(
                &base,
                &[
                    ("team", &team.id.to_string()),
                    ("text", "Tous ont pris les coordonnées"),
                    ("new_contacts", bad),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = body(r).await;
        assert!(html.contains(message), "{html}");
        assert!(
            html.contains("Tous ont pris les coordonnées"),
            "the text is kept"
        );
    }
    let r = coord
        .post_form(&base, &[("text", "  "), ("new_contacts", "3")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Écrivez l’observation"));
    let r = coord
        .post_form(
            &base,
            &[("team", &Uuid::new_v4().to_string()), ("text", "Ailleurs")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        event_teams::observations(app.store.conn(), ev)
            .await
            .unwrap()
            .is_empty()
    );

    let r = coord
        .post_form(
            &base,
            &[
                ("team", &team.id.to_string()),
                (
                    "text",
                    "À ma table, tous ont pris les coordonnées de chacun !",
                ),
                ("new_contacts", "7"),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("ok=flash-observations-saved"));
    coord
        .post_form(
            &base,
            &[
                ("team", ""),
                ("text", "Nous sommes un filet de sécurité sociale !"),
                ("new_contacts", ""),
            ],
        )
        .await;
    let list = event_teams::observations(app.store.conn(), ev)
        .await
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].new_contacts, Some(7));
    assert_eq!(list[0].team_id, Some(team.id));
    assert_eq!(list[1].team_id, None);
    assert_eq!(list[1].new_contacts, None);
    let (status, html) = coord.get_text(&base).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("7 nouveaux contacts observés en tout"),
        "{html}"
    );
    assert!(html.contains("filet de sécurité sociale"));
    let r = coord
        .post_form(&format!("{base}/{}/supprimer", list[1].id), &[])
        .await;
    assert!(flash_of(&r).contains("ok=flash-observations-deleted"));
    assert_eq!(
        event_teams::observations(app.store.conn(), ev)
            .await
            .unwrap()
            .len(),
        1
    );

    // The mosaic.
    let wall = format!("/evenements/{ev}/mosaique");
    assert_eq!(member.get(&wall).await.status(), StatusCode::FORBIDDEN);
    let r = coord
        .post_form(&wall, &[("team", &team.id.to_string()), ("lines", " \n\n")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-mosaic-error-empty"));
    let r = coord
        .post_form(
            &wall,
            &[
                ("team", &team.id.to_string()),
                (
                    "lines",
                    "La complémentarité des services.\r\n\r\nOser appeler les partenaires...\n",
                ),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("ok=flash-mosaic-saved"));
    coord
        .post_form(&wall, &[("team", ""), ("lines", "Passion ♥")])
        .await;
    let r = coord
        .post_form(&wall, &[("team", "pas-une-equipe"), ("lines", "x")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-mosaic-error-team"));
    let long = "x".repeat(501);
    let r = coord.post_form(&wall, &[("lines", long.as_str())]).await;
    assert!(flash_of(&r).contains("erreur=flash-mosaic-error-too-long"));
    let stickies = event_teams::stickies(app.store.conn(), ev).await.unwrap();
    assert_eq!(stickies.len(), 3);
    assert_eq!(stickies[0].text, "La complémentarité des services.");
    assert_eq!(stickies[0].team_id, Some(team.id));
    let (_, html) = coord.get_text(&wall).await;
    assert!(html.contains("Oser appeler les partenaires...") && html.contains("Passion ♥"));
    assert!(html.contains("La mosaïque (3 post-it)"));
    coord
        .post_form(&format!("{wall}/{}/supprimer", stickies[2].id), &[])
        .await;
    assert_eq!(
        event_teams::stickies(app.store.conn(), ev)
            .await
            .unwrap()
            .len(),
        2
    );

    // Deleting the team keeps its observations and stickies as general ones.
    coord
        .post_form(
            &format!("/evenements/{ev}/equipes/{}/supprimer", team.id),
            &[],
        )
        .await;
    assert_eq!(
        event_teams::observations(app.store.conn(), ev)
            .await
            .unwrap()[0]
            .team_id,
        None
    );
    assert!(
        event_teams::stickies(app.store.conn(), ev)
            .await
            .unwrap()
            .iter()
            .all(|s| s.team_id.is_none())
    );
}

/// An event with two registrants (A and B), the grouping's coordinator, a
/// viewer and a coordinator of another grouping.
struct EvaluationFixture {
    ev: Uuid,
    a_id: Uuid,
    a_token: String,
    b_token: String,
    base: String,
    coord: TestClient,
    viewer: TestClient,
    outsider: TestClient,
}

async fn evaluation_fixture(app: &TestApp) -> EvaluationFixture {
    let ev = event(app, "Osons évaluer", "published", None).await;
    let (a_id, a_token) = register(app, ev, "Personne A", None).await;
    let (_, b_token) = register(app, ev, "Personne B", None).await;
    let coord = app
        .signed_in("coord-eval@exemple.ca", Role::Coordinator)
        .await;
    let viewer = member_of(
        app,
        "lecture-eval@exemple.ca",
        Role::Viewer,
        "table-de-test",
    )
    .await;
    let outsider = member_of(
        app,
        "autre-eval@exemple.ca",
        Role::Coordinator,
        "autre-table",
    )
    .await;
    let base = format!("/evenements/{ev}/evaluation");
    EvaluationFixture {
        ev,
        a_id,
        a_token,
        b_token,
        base,
        coord,
        viewer,
        outsider,
    }
}

/// The questions the answers are checked against, after the preset.
struct EvaluationQuestions {
    scale: Uuid,
    multiple: Uuid,
    single: Uuid,
    favourite: Uuid,
}

/// The preset, its single choice edited to « Printemps / Automne » and its
/// last question deleted.
async fn evaluation_questions(app: &TestApp, fx: &EvaluationFixture) -> EvaluationQuestions {
    let base = &fx.base;
    fx.coord.post_form(&format!("{base}/modele"), &[]).await;
    let qs = evaluations::questions(app.store.conn(), fx.ev)
        .await
        .unwrap();
    let id_of = |kind: &str| qs.iter().find(|q| q.kind == kind).unwrap().id;
    let questions = EvaluationQuestions {
        scale: id_of("scale"),
        multiple: id_of("multiple"),
        single: id_of("single"),
        favourite: qs
            .iter()
            .find(|q| q.prompt.contains("sujet chouchou"))
            .unwrap()
            .id,
    };
    fx.coord
        .post_form(
            &format!("{base}/questions/{}/modifier", questions.single),
            &[
                ("kind", "single"),
                ("prompt", "Quand se revoir?"),
                ("options", "Printemps\nAutomne"),
            ],
        )
        .await;
    let last = qs.last().unwrap().id;
    fx.coord
        .post_form(&format!("{base}/questions/{last}/supprimer"), &[])
        .await;
    questions
}

fn field(id: Uuid) -> String {
    format!("q-{id}")
}

/// The answer page for a token.
fn answer_with(base: &str, token: &str) -> String {
    format!("{base}/repondre?jeton={token}")
}

/// Four answers: A's and B's by token (B plants a formula), two by the
/// general link.
async fn four_answers(app: &TestApp, fx: &EvaluationFixture, q: &EvaluationQuestions) {
    let visitor = app.client();
    let base = &fx.base;
    visitor
        .post_form(
            &answer_with(base, &fx.a_token),
            &[
                (&field(q.scale), "5"),
                (&field(q.multiple), "De nouveaux contacts"),
                (&field(q.multiple), "Des projets communs"),
                (&field(q.single), "Printemps"),
                (&field(q.favourite), "Le kit d'accueil, co-construit"),
            ],
        )
        .await;
    visitor
        .post_form(
            &answer_with(base, &fx.b_token),
            &[
                (&field(q.scale), "4"),
                // An anonymous comment planting a formula (CSV injection).
                (
                    &field(q.favourite),
                    "=HYPERLINK(\"http://evil.example\",\"Les retombées\")",
                ),
            ],
        )
        .await;
    for _ in 0..2 {
        visitor
            .post_form(
                &format!("{base}/repondre"),
                &[(&field(q.single), "Automne")],
            )
            .await;
    }
}

#[db_test]
async fn the_evaluation_is_built_by_coordinators_and_waits_for_its_questions(app: &TestApp) {
    let EvaluationFixture {
        base,
        viewer,
        outsider,
        ..
    } = evaluation_fixture(app).await;

    assert_eq!(viewer.get(&base).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(outsider.get(&base).await.status(), StatusCode::FORBIDDEN);
    // Before any question, the answer page says so.
    let (status, html) = app.client().get_text(&format!("{base}/repondre")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("L’évaluation n’est pas encore prête"));

    // A draft's evaluation is not found by the public.
    let draft = event(app, "Brouillon", "draft", None).await;
    assert_eq!(
        app.client()
            .get(&format!("/evenements/{draft}/evaluation/repondre"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn bad_evaluation_questions_are_refused_with_french_messages(app: &TestApp) {
    let EvaluationFixture {
        ev, base, coord, ..
    } = evaluation_fixture(app).await;

    let r = coord
        .post_form(
            &base,
            &[
                ("kind", "single"),
                ("prompt", "Oui ou non?"),
                ("options", "Oui"),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-evaluation-error-options"));
    let (_, html) = coord.get_text(&flash_of(&r)).await;
    assert!(html.contains("au moins deux choix"));
    let r = coord
        .post_form(&base, &[("kind", "sondage"), ("prompt", "Quoi?")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-evaluation-error-kind"));
    let r = coord
        .post_form(&base, &[("kind", "text"), ("prompt", " ")])
        .await;
    assert!(flash_of(&r).contains("erreur=flash-evaluation-error-prompt"));
    assert!(
        evaluations::questions(app.store.conn(), ev)
            .await
            .unwrap()
            .is_empty()
    );
}

#[db_test]
async fn the_evaluation_preset_is_edited_moved_and_pruned(app: &TestApp) {
    let EvaluationFixture {
        ev, base, coord, ..
    } = evaluation_fixture(app).await;

    let r = coord.post_form(&format!("{base}/modele"), &[]).await;
    assert!(flash_of(&r).contains("ok=flash-evaluation-preset-added"));
    let qs = evaluations::questions(app.store.conn(), ev).await.unwrap();
    assert_eq!(qs.len(), 6);
    let single = qs.iter().find(|q| q.kind == "single").unwrap().clone();
    let favourite = qs
        .iter()
        .find(|q| q.prompt.contains("sujet chouchou"))
        .unwrap()
        .clone();
    assert_eq!(favourite.kind, "text");
    // Edit, move and delete one.
    let r = coord
        .post_form(
            &format!("{base}/questions/{}/modifier", single.id),
            &[
                ("kind", "single"),
                ("prompt", "Quand se revoir?"),
                ("options", "Printemps\nAutomne"),
            ],
        )
        .await;
    assert!(flash_of(&r).contains("ok=flash-evaluation-saved"));
    let r = coord
        .post_form(
            &format!("{base}/questions/{}/modifier", single.id),
            &[("kind", "multiple"), ("prompt", "x"), ("options", "")],
        )
        .await;
    assert!(flash_of(&r).contains("erreur=flash-evaluation-error-options"));
    coord
        .post_form(&format!("{base}/questions/{}/monter", qs[1].id), &[])
        .await;
    assert_eq!(
        evaluations::questions(app.store.conn(), ev).await.unwrap()[0].id,
        qs[1].id
    );
    let last = qs.last().unwrap().id;
    coord
        .post_form(&format!("{base}/questions/{last}/supprimer"), &[])
        .await;
    assert_eq!(
        evaluations::questions(app.store.conn(), ev)
            .await
            .unwrap()
            .len(),
        5
    );
}

#[db_test]
async fn bad_evaluation_answers_and_unknown_tokens_are_refused(app: &TestApp) {
    let fx = evaluation_fixture(app).await;
    let q = evaluation_questions(app, &fx).await;
    let answer = |token: &str| answer_with(&fx.base, token);
    let visitor = app.client();

    // Refused with French messages, nothing written.
    let (status, html) = visitor.get_text(&answer(&fx.a_token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Votre sujet chouchou pour la prochaine rencontre"));
    let r = visitor
        .post_form(
            &answer(&fx.a_token),
            &[(&field(q.scale), "7"), (&field(q.single), "Jamais")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Choisissez une valeur de 1 à 5"), "{html}");
    assert!(html.contains("Choisissez parmi les choix proposés"));
    let r = visitor.post_form(&answer(&fx.a_token), &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Répondez à au moins une question"));
    assert_eq!(
        evaluations::survey_results(app.store.conn(), fx.ev)
            .await
            .unwrap()
            .responses,
        0
    );
    // An unknown token: 404.
    assert_eq!(
        visitor.get(&answer("inconnu")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor
            .post_form(&answer("inconnu"), &[(&field(q.scale), "5")])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[db_test]
async fn evaluation_answers_are_once_per_token_and_anonymous(app: &TestApp) {
    let fx = evaluation_fixture(app).await;
    let q = evaluation_questions(app, &fx).await;
    let answer = |token: &str| answer_with(&fx.base, token);
    let visitor = app.client();

    let r = visitor
        .post_form(
            &answer(&fx.a_token),
            &[
                (&field(q.scale), "5"),
                (&field(q.multiple), "De nouveaux contacts"),
                (&field(q.multiple), "Des projets communs"),
                (&field(q.single), "Printemps"),
                (&field(q.favourite), "Le kit d'accueil, co-construit"),
            ],
        )
        .await;
    // Post/redirect/get: the thanks are a page a reload shows again.
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, html) = visitor.get_text(&location(&r)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Merci\u{202f}! Votre évaluation est enregistrée."),
        "{html}"
    );
    assert!(!html.contains("send-evaluation"), "{html}");
    let r = visitor
        .post_form(&answer(&fx.a_token), &[(&field(q.scale), "1")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(body(r).await.contains("Vous avez déjà répondu"));
    let (_, html) = visitor.get_text(&answer(&fx.a_token)).await;
    assert!(html.contains("Vous avez déjà répondu") && !html.contains("send-evaluation"));
    visitor
        .post_form(&answer(&fx.b_token), &[(&field(q.scale), "4")])
        .await;
    // The general link: no dedupe.
    for _ in 0..2 {
        let r = visitor
            .post_form(
                &format!("{}/repondre", fx.base),
                &[(&field(q.single), "Automne")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }

    // Anonymous: no registration id or its digest is stored.
    let digests: Vec<Option<String>> = maillage_store::entity::survey_response::Entity::find()
        .all(app.store.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.token_digest)
        .collect();
    assert_eq!(digests.len(), 4);
    assert_eq!(digests.iter().filter(|d| d.is_none()).count(), 2);
    let reg_digest = maillage_domain::token::digest(&fx.a_token);
    assert!(
        digests
            .iter()
            .flatten()
            .all(|d| *d != reg_digest && !d.contains(&fx.a_id.to_string()))
    );
}

#[db_test]
async fn evaluation_results_count_average_and_list_the_answers(app: &TestApp) {
    let fx = evaluation_fixture(app).await;
    let q = evaluation_questions(app, &fx).await;
    four_answers(app, &fx, &q).await;

    let results = evaluations::survey_results(app.store.conn(), fx.ev)
        .await
        .unwrap();
    assert_eq!(results.responses, 4);
    let of = |id: Uuid| results.questions.iter().find(|x| x.id == id).unwrap();
    let sc = of(q.scale);
    assert_eq!(sc.mean, Some(4.5));
    assert_eq!(sc.counts.iter().find(|(o, _)| o == "5").unwrap().1, 1);
    let mult = of(q.multiple);
    assert_eq!(
        mult.counts
            .iter()
            .find(|(o, _)| o == "De nouveaux contacts")
            .unwrap()
            .1,
        1
    );
    let one = of(q.single);
    assert_eq!(
        one.counts,
        vec![("Printemps".to_owned(), 1), ("Automne".to_owned(), 2)]
    );
    let fav = of(q.favourite);
    assert_eq!(fav.texts.len(), 2);

    let page = format!("{}/resultats", fx.base);
    let (status, html) = fx.viewer.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("4 réponses"));
    assert!(html.contains("Moyenne\u{a0}: 4,5 / 5"), "{html}");
    assert!(html.contains("<svg") && html.contains("Le kit d'accueil, co-construit"));
    assert_eq!(fx.outsider.get(&page).await.status(), StatusCode::FORBIDDEN);
    assert!(asks_sign_in(&app.client().get(&page).await));
}

#[db_test]
async fn the_evaluation_csv_is_utf8_with_bom_and_writes_formulas_as_text(app: &TestApp) {
    let fx = evaluation_fixture(app).await;
    let q = evaluation_questions(app, &fx).await;
    four_answers(app, &fx, &q).await;
    let csv = format!("{}/resultats.csv", fx.base);

    let r = fx.viewer.get(&csv).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("\"Réponse\","));
    assert!(lines[0].contains("Votre sujet chouchou pour la prochaine rencontre"));
    assert!(text.contains("De nouveaux contacts; Des projets communs"));
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\""),
        "a formula is written as text: {text}"
    );
    for line in &lines {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
    assert_eq!(fx.outsider.get(&csv).await.status(), StatusCode::FORBIDDEN);
}
