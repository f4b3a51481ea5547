//! The public face on the demo: the territory's home page at `/` for an
//! anonymous visitor, the anonymous menu, a public grouping with its
//! published plan, links an anonymous visitor is shown lead only to pages
//! they may see, the sign-in page of a private one, and the signed-in
//! dashboard (events to come, recent activity) — on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_store::entity::event::EventStatus;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::pages as event_pages;
use maillage_store::repo::events::{EventInput, SessionInput};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, asks_sign_in, sign_in_button};
use maillage_test_macros::db_test;

/// An event of `table-de-test` with one session on `date`.
async fn event_on(app: &TestApp, title: &str, status: EventStatus, date: (i32, u32, u32)) -> Uuid {
    let grouping_id = app.grouping("table-de-test").await;
    let session = SessionInput {
        date: chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        place: Some("Le Calypso".to_owned()),
        ..SessionInput::default()
    };
    event_pages::create_event_with_session(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(grouping_id),
            title: title.to_owned(),
            status,
            ..EventInput::default()
        },
        Some(&session),
    )
    .await
    .expect("an event")
    .id
}

/// The local links of a page (`href="/…"`), without fragments, assets and
/// the language switch.
fn local_links(html: &str) -> Vec<String> {
    let mut out: Vec<String> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| {
            !href.is_empty() && !href.starts_with("/static/") && !href.starts_with("/langue/")
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every link of `html` answers the anonymous `client` with a page it may
/// see: never a sign-in page, a refusal, a missing page or an error.
async fn every_link_is_public(client: &TestClient, from: &str, html: &str) {
    let links = local_links(html);
    assert!(!links.is_empty(), "{from} has links");
    for href in links {
        let r = client.get(&href).await;
        let status = r.status();
        assert!(
            status.is_success() || status.is_redirection(),
            "{from} links to {href}, which answers {status} to an anonymous visitor"
        );
    }
}

#[db_test(demo)]
async fn an_anonymous_visitor_finds_the_territory_from_home(app: &TestApp) {
    let coming = event_on(
        app,
        "Forum des partenaires 2031",
        EventStatus::Published,
        (2031, 5, 8),
    )
    .await;
    let draft = event_on(
        app,
        "Brouillon secret 2031",
        EventStatus::Draft,
        (2031, 6, 1),
    )
    .await;
    let past = event_on(
        app,
        "Rencontre passée",
        EventStatus::Published,
        (2019, 6, 1),
    )
    .await;
    let anonymous = app.client();
    let (status, html) = anonymous.get_text("/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"home-intro\""), "{html}");
    assert!(!html.contains("Tableau de bord"));
    // The directory search is a plain GET form.
    assert!(html.contains("action=\"/repertoire\""), "{html}");
    assert!(html.contains("name=\"q\""));
    // Events still to come, with their date and place; never a draft.
    assert!(
        html.contains(&format!("href=\"/evenements/{coming}\"")),
        "{html}"
    );
    assert!(html.contains("8 mai 2031"), "{html}");
    assert!(html.contains("Le Calypso"));
    assert!(!html.contains(&draft.to_string()));
    assert!(!html.contains(&past.to_string()));
    // Groupings and their published plans (not the draft one).
    assert!(html.contains("href=\"/regroupements/mobilisation-famille-slsj\""));
    assert!(html.contains("Plan d'action 2014-2017"), "{html}");
    assert!(!html.contains("(brouillon)"), "{html}");
    // The anonymous menu shows every public area.
    for area in ["/repertoire", "/evenements", "/regroupements", "/plans"] {
        assert!(html.contains(&format!("<a href=\"{area}\"")), "{area}");
    }
    every_link_is_public(&anonymous, "/", &html).await;

    // In English too.
    let english = app.client();
    english.get("/langue/en?suivant=/").await;
    let (status, html) = english.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Upcoming events"), "{html}");
}

#[db_test(demo)]
async fn a_public_grouping_shows_its_published_plan_and_only_public_links(app: &TestApp) {
    let anonymous = app.client();
    let page = "/regroupements/mobilisation-famille-slsj";
    let (status, html) = anonymous.get_text(page).await;
    assert_eq!(status, StatusCode::OK);
    let plans = html.split("id=\"plans\"").nth(1).unwrap_or_default();
    let plans = plans.split("</section>").next().unwrap_or_default();
    assert!(plans.contains("Plan d'action 2014-2017"), "{plans}");
    assert!(plans.contains("Publié"), "{plans}");
    assert!(!plans.contains("Aucun plan"), "{plans}");
    // With its progress (a bar, or « not measured yet »).
    assert!(
        plans.contains("aria-label=\"Avancement\"") || plans.contains("aucune donnée"),
        "{plans}"
    );
    // The network needs an account: not offered to an anonymous visitor.
    assert!(!html.contains(&format!("href=\"{page}/reseau\"")), "{html}");
    every_link_is_public(&anonymous, page, &html).await;

    // The published plan and the portrait are public, and so are their links.
    let plan = app
        .plan_id("mobilisation-famille-slsj", "Plan d'action 2014-2017")
        .await;
    let (status, plan_html) = anonymous.get_text(&format!("/plans/{plan}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!plan_html.contains("id=\"edit-plan\""));
    every_link_is_public(&anonymous, "the plan", &plan_html).await;
    let (status, portrait) = anonymous.get_text(&format!("{page}/portrait")).await;
    assert_eq!(status, StatusCode::OK);
    every_link_is_public(&anonymous, "the portrait", &portrait).await;

    // A draft plan is not listed to an anonymous visitor, and asks to sign in.
    let (_, becancour) = anonymous
        .get_text("/regroupements/groupement-partenaires-0-5-becancour")
        .await;
    assert!(!becancour.contains("(brouillon)"), "{becancour}");
    let draft = app
        .plan_id(
            "groupement-partenaires-0-5-becancour",
            "Plan d'action 2017-2019 (brouillon)",
        )
        .await;
    assert!(asks_sign_in(
        &anonymous.get(&format!("/plans/{draft}")).await
    ));
}

#[db_test]
async fn a_private_page_asks_to_sign_in_instead_of_redirecting(app: &TestApp) {
    let anonymous = app.client();
    let r = anonymous.get("/profil").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = crate::harness::body(r).await;
    assert!(
        html.contains("Connectez-vous pour voir cette page."),
        "{html}"
    );
    assert_eq!(sign_in_button(&html), "/connexion?suivant=/profil");
    // Following it, then signing in, comes back.
    let (status, login) = anonymous.get_text(&sign_in_button(&html)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        login.contains("name=\"suivant\" value=\"/profil\""),
        "{login}"
    );
    // A form sent signed out says so too (and signs in to go home).
    let r = anonymous.post_form("/profil/mot-de-passe", &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = crate::harness::body(r).await;
    assert!(html.contains("Connectez-vous pour continuer"), "{html}");
    assert_eq!(sign_in_button(&html), "/connexion?suivant=/");
    // In English.
    let english = app.client();
    english.get("/langue/en?suivant=/").await;
    let r = english.get("/profil").await;
    let html = crate::harness::body(r).await;
    assert!(html.contains("Sign in to see this page."), "{html}");
}

#[db_test]
async fn the_dashboard_lists_events_to_come_and_recent_activity(app: &TestApp) {
    let coming = event_on(app, "Forum 2031", EventStatus::Published, (2031, 5, 8)).await;
    let later = event_on(app, "Forum 2032", EventStatus::Published, (2032, 5, 8)).await;
    let draft = event_on(app, "Brouillon 2031", EventStatus::Draft, (2031, 6, 1)).await;
    let org = maillage_store::repo::organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Maison de la famille du Fjord".to_owned(),
            description: "Haltes et cafés-rencontres.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization");

    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;
    let (status, html) = viewer.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    let events = html
        .split("id=\"dashboard-events\"")
        .nth(1)
        .unwrap_or_default();
    let events = events.split("</section>").next().unwrap_or_default();
    let first = events.find(&coming.to_string()).expect("the next event");
    let second = events.find(&later.to_string()).expect("the one after");
    assert!(first < second, "soonest first: {events}");
    assert!(
        !events.contains(&draft.to_string()),
        "a viewer sees no draft"
    );
    let activity = html
        .split("id=\"dashboard-activity\"")
        .nth(1)
        .unwrap_or_default();
    let activity = activity.split("</section>").next().unwrap_or_default();
    assert!(
        activity.contains("Maison de la famille du Fjord"),
        "{activity}"
    );
    assert!(
        activity.contains(&format!("/repertoire/organisations/{org}")),
        "{activity}"
    );

    // Its coordinators see the draft among the events to come.
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (_, html) = coordinator.get_text("/").await;
    assert!(html.contains(&draft.to_string()), "{html}");
}
