//! The referral pages end to end, on SQLite and PostgreSQL: a CLSC's
//! intervenante sends a referral through the form, both organizations
//! read it (nobody else: a third organization's member gets a 404, a
//! visitor the sign-in page), the community organization acknowledges,
//! accepts or declines it through the small forms of its page, the
//! sender closes it; no consent, a 100,000-character note and a forged
//! status jump are refused with the French message and nothing written;
//! the boxes list it, overdue ones with their badge; the service publishes
//! its waiting list, shown on its page and in the directory's results.

use maillage_store::entity::{referral, referral_person};
use reqwest::StatusCode;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location};
use crate::referrals_scene::{Scene, member_for, organization, scene};
use maillage_test_macros::db_test;

/// The form's fields for Amina, consent ticked, `note` as given.
fn fields<'a>(scene: &'a Scene, note: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("service", scene.service.as_str()),
        ("first_name", "Amina"),
        ("contact", "819 555-0101"),
        ("language", "fr"),
        ("age_group", "0-5"),
        ("reason", "Soutien parental"),
        ("urgency", "normal"),
        ("consent", "1"),
        ("consent_given_by", "guardian"),
        ("consent_shared", "prénom, téléphone, motif"),
        ("consent_until", "2099-12-31"),
        ("note", note),
    ]
}

/// Sends the form as `client`; the referral's path (`/references/{id}`).
async fn send(client: &TestClient, fields: &[(&str, &str)]) -> String {
    let r = client.post_form("/references", fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", body(r).await);
    let to = location(&r);
    assert!(to.starts_with("/references/"), "{to}");
    assert!(to.ends_with("?ok=flash-referrals-pages-sent"), "{to}");
    to.split('?').next().unwrap_or_default().to_owned()
}

/// Posts a move from the referral's page as `client`, with the version
/// the page shows.
async fn move_to(
    client: &TestClient,
    path: &str,
    status: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let (_, html) = client.get_text(path).await;
    let version = version_of(&html);
    let mut all = vec![("status", status), ("version", version.as_str())];
    all.extend_from_slice(extra);
    client.post_form(&format!("{path}/statut"), &all).await
}

fn version_of(html: &str) -> String {
    let marker = "name=\"version\" value=\"";
    html.find(marker)
        .map(|at| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .unwrap_or_default()
}

/// A JSON `PUT` with the session's CSRF header.
async fn put(client: &TestClient, path: &str, body: serde_json::Value) -> reqwest::Response {
    let csrf = client.csrf().await;
    client
        .http
        .put(client.url(path))
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .expect("PUT")
}

async fn referral_count(app: &TestApp) -> u64 {
    referral::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

#[db_test]
async fn an_intervenante_sends_a_referral_that_only_the_two_organizations_read(app: &TestApp) {
    let scene = scene(app).await;
    let (status, html) = scene
        .sender
        .get_text(&format!("/references/nouvelle?service={}", scene.service))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Halte-garderie et soutien parental"),
        "{html}"
    );
    assert!(
        html.contains("Familles avec enfants de 0 à 5 ans"),
        "eligibility"
    );
    assert!(html.contains("5 jours"), "the delay to acknowledge");
    assert!(html.contains("id=\"referral-form\""));

    let path = send(
        &scene.sender,
        &fields(&scene, "Maman seule, préfère le matin."),
    )
    .await;
    let (status, html) = scene
        .sender
        .get_text(&format!("{path}?ok=flash-referrals-pages-sent"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Référence de Amina"), "{html}");
    assert!(html.contains("La référence est envoyée"), "the flash");
    assert!(html.contains("Maman seule, préfère le matin."), "the note");
    // The sender has no move to make on a sent referral but to wait.
    assert!(html.contains("id=\"no-moves\""), "{html}");

    // The receiver's inbox lists it as new; opening it reads the notice.
    let (_, inbox) = scene.receiver.get_text("/references").await;
    assert!(inbox.contains("Amina") && inbox.contains(&path), "{inbox}");
    assert!(
        inbox.contains("CLSC de la Vallée"),
        "the other organization"
    );
    assert!(inbox.contains("ref-new"), "an unread notice");
    let (status, html) = scene.receiver.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("819 555-0101"), "the contact");
    assert!(
        html.contains("id=\"move-received\""),
        "the receiver acknowledges"
    );

    // A member of a third organization of the same grouping: no such page.
    let third = organization(app, "Carrefour jeunesse", "communautaire", scene.grouping).await;
    let stranger = member_for(app, "tiers@carrefour.test", &scene.grouping_slug, &third).await;
    let (status, html) = stranger.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Amina"));
    let r = stranger
        .post_form(&format!("{path}/statut"), &[("status", "received")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a stranger's move");
    // A visitor: the sign-in page.
    let r = app.client().get(&path).await;
    assert!(asks_sign_in(&r));
    assert!(!body(r).await.contains("Amina"));

    // Read, it is no longer new; the sender's outbox lists it too.
    let (_, inbox) = scene.receiver.get_text("/references").await;
    assert!(
        inbox.contains(&path) && !inbox.contains("ref-new"),
        "{inbox}"
    );
    let (_, outbox) = scene.sender.get_text("/references?boite=envoyees").await;
    assert!(
        outbox.contains("Amina") && outbox.contains(&path),
        "{outbox}"
    );
    assert!(outbox.contains("Maison de la famille du Lac"));
    let (_, empty) = scene.sender.get_text("/references?boite=recues").await;
    assert!(!empty.contains("Amina"), "not in the sender's inbox");
    // The navigation and the dashboard lead there.
    let (_, home) = scene.receiver.get_text("/").await;
    assert!(home.contains("id=\"nav-referrals\""));
    assert!(home.contains("id=\"dashboard-referrals\""));
}

#[db_test]
async fn no_consent_or_a_note_of_100000_characters_is_refused_and_nothing_written(app: &TestApp) {
    let scene = scene(app).await;
    let without: Vec<(&str, &str)> = fields(&scene, "")
        .into_iter()
        .filter(|(k, _)| *k != "consent")
        .collect();
    let r = scene.sender.post_form("/references", &without).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(
        html.contains("Aucune référence sans consentement"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Amina\""),
        "the typed values are kept"
    );
    assert_eq!(referral_count(app).await, 0);

    let long = "a".repeat(100_000);
    let r = scene
        .sender
        .post_form("/references", &fields(&scene, &long))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("La note compte au plus"), "{}", &html[..500]);
    assert!(html.len() < 60_000, "the note is not sent back whole");
    assert_eq!(referral_count(app).await, 0);
    assert_eq!(
        referral_person::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );

    // An account without an organization cannot send, nor has boxes.
    let loner = app
        .signed_in("seul@exemple.ca", maillage_domain::Role::Member)
        .await;
    let r = loner.post_form("/references", &fields(&scene, "")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, html) = loner.get_text("/references").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("n’est rattaché à aucune organisation"),
        "{html}"
    );
    assert_eq!(referral_count(app).await, 0);
}

#[db_test]
async fn the_service_accepts_or_declines_and_a_forged_jump_is_refused(app: &TestApp) {
    let scene = scene(app).await;
    let first = send(&scene.sender, &fields(&scene, "")).await;
    let second = send(&scene.sender, &fields(&scene, "")).await;

    // Acknowledge, then accept.
    let r = move_to(&scene.receiver, &first, "received", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = move_to(
        &scene.receiver,
        &first,
        "accepted",
        &[("comment", "Première rencontre mardi.")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = scene.sender.get_text(&first).await;
    assert!(html.contains("data-status=\"accepted\""), "{html}");
    assert!(html.contains("Première rencontre mardi."), "the comment");
    assert!(
        html.contains("id=\"move-withdrawn\""),
        "the sender may withdraw"
    );

    // Closing a referral never completed: a forged form, refused.
    let r = scene
        .sender
        .post_form(&format!("{first}/statut"), &[("status", "closed")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(body(r).await.contains("ne suit pas le statut actuel"));
    // A stale page (an old version) is refused too.
    let r = scene
        .receiver
        .post_form(
            &format!("{first}/statut"),
            &[("status", "started"), ("version", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        body(r)
            .await
            .contains("modifié cette référence entre-temps")
    );

    // Decline without a reason, then with one; the sender closes.
    move_to(&scene.receiver, &second, "received", &[]).await;
    let r = move_to(&scene.receiver, &second, "declined", &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Indiquez la raison du refus"));
    let r = move_to(
        &scene.receiver,
        &second,
        "declined",
        &[("reason", "liste_attente")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = move_to(&scene.sender, &second, "closed", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = scene.receiver.get_text(&second).await;
    assert!(html.contains("data-status=\"closed\""));
    assert!(
        html.contains("Liste d’attente"),
        "the decline reason's label"
    );
    assert!(html.contains("Fermée"));

    // The filters of the boxes.
    let (_, closed) = scene
        .sender
        .get_text("/references?boite=envoyees&statut=closed")
        .await;
    assert!(closed.contains(&second) && !closed.contains(&first));
}

#[db_test]
async fn an_unanswered_referral_shows_as_overdue_on_both_sides(app: &TestApp) {
    let scene = scene(app).await;
    let path = send(&scene.sender, &fields(&scene, "")).await;
    let (_, html) = scene.receiver.get_text("/references").await;
    assert!(!html.contains("ref-overdue"), "not yet overdue");
    let id = path.trim_start_matches("/references/");
    let past = chrono::Utc::now() - chrono::Duration::days(10);
    let stmt = Query::update()
        .table(Alias::new("referrals"))
        .value(Alias::new("due_at"), past)
        .and_where(Expr::col(Alias::new("id")).eq(uuid::Uuid::parse_str(id).unwrap()))
        .to_owned();
    app.store.conn().execute(&stmt).await.unwrap();
    let (_, inbox) = scene
        .receiver
        .get_text("/references?boite=recues&en_retard=1")
        .await;
    assert!(
        inbox.contains(&path) && inbox.contains("ref-overdue"),
        "{inbox}"
    );
    let (_, outbox) = scene.sender.get_text("/references?boite=envoyees").await;
    assert!(outbox.contains("ref-overdue"));
    let (_, page) = scene.sender.get_text(&path).await;
    assert!(page.contains("id=\"referral-overdue\""));
    // Acknowledged, it is no longer overdue.
    move_to(&scene.receiver, &path, "received", &[]).await;
    let (_, inbox) = scene
        .receiver
        .get_text("/references?boite=recues&en_retard=1")
        .await;
    assert!(!inbox.contains(&path));
}

#[db_test]
async fn a_service_publishes_its_waiting_list_for_the_directory(app: &TestApp) {
    let scene = scene(app).await;
    let form = format!("/repertoire/services/{}/references", scene.service);
    let (status, html) = scene.receiver.get_text(&form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"capacity-form\""));
    // Another organization's member may not.
    let r = scene.sender.get(&form).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = scene
        .sender
        .post_form(&form, &[("accepts", "1"), ("waiting_weeks", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Bad values: the message, nothing written.
    let r = scene
        .receiver
        .post_form(
            &form,
            &[
                ("accepts", "1"),
                ("ack_days", "cent"),
                ("waiting_weeks", "6"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body(r)
            .await
            .contains("Le délai de réponse va de 0 à 90 jours")
    );
    let r = scene
        .receiver
        .post_form(&form, &[("accepts", "1"), ("waiting_weeks", "500")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let r = scene
        .receiver
        .post_form(
            &form,
            &[
                ("accepts", "1"),
                ("criteria", "Familles du secteur Lac"),
                ("ack_days", "3"),
                ("waiting_weeks", "6"),
                ("asked_fields", "École\n"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let waiting = "Liste d’attente\u{a0}: 6 semaines";
    let service_page = format!("/repertoire/services/{}", scene.service);
    let (_, html) = app.client().get_text(&service_page).await;
    assert!(html.contains(waiting), "{html}");
    assert!(html.contains("3 jours") && html.contains("Familles du secteur Lac"));
    assert!(
        !html.contains("id=\"refer-family\""),
        "a visitor does not refer"
    );
    let (_, html) = scene.sender.get_text(&service_page).await;
    assert!(
        html.contains("id=\"refer-family\""),
        "the CLSC refers from here"
    );
    // The search results, and the directory's list of services.
    app.sync_search().await;
    let (_, html) = app.client().get_text("/repertoire?q=halte-garderie").await;
    assert!(html.contains(waiting), "{html}");
    let (_, html) = app.client().get_text("/repertoire?type=service").await;
    assert!(html.contains(waiting));
    // The form asks for the named field.
    let (_, html) = scene
        .sender
        .get_text(&format!("/references/nouvelle?service={}", scene.service))
        .await;
    assert!(html.contains(waiting) && html.contains("name=\"extra_0\""));
}

#[db_test]
async fn the_capacity_api_reads_for_anyone_and_writes_for_the_service(app: &TestApp) {
    let scene = scene(app).await;
    let form = format!("/repertoire/services/{}/references", scene.service);
    let r = scene
        .receiver
        .post_form(
            &form,
            &[
                ("accepts", "1"),
                ("waiting_weeks", "6"),
                ("asked_fields", "École"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let service_page = format!("/repertoire/services/{}", scene.service);
    // The API reads it, and writes it for the service's organization.
    let r = app
        .client()
        .get(&format!(
            "/api/v1/services/{}/referral-capacity",
            scene.service
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["waiting_weeks"], 6);
    assert_eq!(json["asked_fields"][0], "École");
    let doc: serde_json::Value = app
        .client()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let documented = &doc["paths"]["/api/v1/services/{id}/referral-capacity"];
    assert_eq!(documented["get"]["tags"][0], "referrals", "{documented}");
    assert!(documented["put"]["responses"]["422"].is_object());
    let api = format!("/api/v1/services/{}/referral-capacity", scene.service);
    let r = put(
        &scene.receiver,
        &api,
        serde_json::json!({"accepts_referrals": true, "waiting_weeks": 200}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = put(
        &scene.sender,
        &api,
        serde_json::json!({"accepts_referrals": true, "waiting_weeks": 2}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = put(
        &scene.receiver,
        &api,
        serde_json::json!({"accepts_referrals": false}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    // A service that takes no referrals: no button, and the form says so.
    let (_, html) = scene.sender.get_text(&service_page).await;
    assert!(!html.contains("id=\"refer-family\""));
    let r = scene
        .sender
        .post_form("/references", &fields(&scene, ""))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("ne reçoit pas de références"));
    assert_eq!(referral_count(app).await, 0);
}

/// The route table's placeholder: a referral between two organizations
/// none of the table's accounts works for (they all get its 404).
pub(crate) async fn route_fixture(app: &TestApp) -> Vec<(&'static str, String)> {
    let scene = scene(app).await;
    let path = send(&scene.sender, &fields(&scene, "")).await;
    vec![(
        "referral",
        path.trim_start_matches("/references/").to_owned(),
    )]
}
