//! Live participation in two browsers at once: the presenter, signed in
//! as a coordinator, shows the room's projector page; a participant on a
//! 360 × 740 phone types the room's code at `/rejoindre`, joins and answers
//! the word cloud; the projector shows the answer without a reload (the
//! room's stream tells its page to refresh). Waits poll the pages a
//! bounded number of times; nothing asserts on elapsed time. Screenshots:
//! `target/screenshots/live-projector.png` and `live-phone.png`.

use maillage_domain::Role;
use maillage_domain::live::ActivityInput;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::live::{self as repo, NewRoom};

use crate::browser::{
    Browser, chromium_or_skip, click, screenshot, sign_in, type_into, wait_for_path,
    wait_for_selector, wait_for_text, wait_until,
};
use crate::harness::{Db, TestApp};
use chromiumoxide::Page;

const PHONE_WIDTH: u32 = 360;
const PHONE_HEIGHT: u32 = 740;

/// Marks the page's window: a reload would lose the mark.
async fn mark(page: &Page) {
    page.evaluate("window.liveNotReloaded = 'yes'; 'ok'")
        .await
        .expect("mark the page");
}

async fn assert_marked(page: &Page) {
    wait_until(
        page,
        "window.liveNotReloaded === 'yes' ? 'yes' : 'no'",
        "the page not to have been reloaded",
    )
    .await;
}

/// A coordinator, an open room of `table-de-test` and its word cloud, open.
async fn room_with_cloud(app: &TestApp) -> (String, String, maillage_store::repo::live::Room) {
    let email = "animation.direct@exemple.ca".to_owned();
    let password = app
        .create_user(&email, Role::Coordinator, Some("table-de-test"))
        .await;
    let grouping_id = app.grouping("table-de-test").await;
    let room = repo::create_room(
        &app.store,
        &Actor::system(),
        &NewRoom {
            grouping_id,
            session_id: None,
            title: "Forum en direct".to_owned(),
        },
        chrono::Utc::now(),
    )
    .await
    .expect("a room");
    let draft = ActivityInput {
        kind: "word_cloud".to_owned(),
        prompt: "Un mot pour la journée".to_owned(),
        ..ActivityInput::default()
    }
    .validate()
    .expect("a word cloud");
    let cloud = repo::add_activity(
        &app.store,
        &Actor::system(),
        room.id,
        &draft,
        chrono::Utc::now(),
    )
    .await
    .expect("an activity");
    repo::start_activity(&app.store, room.id, cloud.id, chrono::Utc::now())
        .await
        .expect("opened");
    (email, password, room)
}

/// Types the room's code at `/rejoindre` on `page`, joins as `nickname`
/// and waits for the word cloud's form.
async fn join_on_phone(page: &Page, room: &maillage_store::repo::live::Room, nickname: &str) {
    wait_for_selector(page, "#code").await;
    let code = room.code.as_str();
    type_into(page, "#code", &format!("{} {}", &code[..4], &code[4..])).await;
    click(page, "#join-code").await;
    wait_for_path(page, &room.code.join_path()).await;
    wait_for_selector(page, "#join-room").await;
    type_into(page, "#nickname", nickname).await;
    click(page, "#join-room").await;
    wait_for_selector(page, "#answer-text").await;
    wait_for_text(page, "Un mot pour la journée").await;
}

/// The phone alone: it joins, answers, and another device's answer shows
/// in its results without a reload (the room's stream).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_phone_results_follow_the_room_without_reload() {
    let Some(chromium) = chromium_or_skip("live_phone_results_follow_the_room_without_reload")
    else {
        return;
    };
    let app = TestApp::spawn(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let (_, _, room) = room_with_cloud(&app).await;
    let phone = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;
    let page = phone.open(&app.url("/join")).await;
    join_on_phone(&page, &room, "Alex").await;
    type_into(&page, "#answer-text", "Écoute active").await;
    click(&page, "#send-answer").await;
    wait_for_selector(&page, "#live-flash").await;
    wait_for_text(&page, "Écoute active").await;
    wait_until(
        &page,
        "document.querySelector('[data-live-connected]') ? 'yes' : 'no'",
        "the phone to listen to the room's stream",
    )
    .await;
    mark(&page).await;

    // Another device answers through the form.
    let other = app.client();
    let joined = other.post_form(&room.code.join_path(), &[]).await;
    assert_eq!(joined.status(), reqwest::StatusCode::SEE_OTHER);
    let activity = repo::open_activity(&app.store, room.id)
        .await
        .unwrap()
        .expect("the open word cloud");
    let sent = other
        .post_form(
            &format!("{}/activites/{}", room.code.join_path(), activity.id),
            &[("text", "Confiance partagée")],
        )
        .await;
    assert_eq!(sent.status(), reqwest::StatusCode::SEE_OTHER);

    wait_for_text(&page, "Confiance partagée").await;
    assert_marked(&page).await;
    screenshot(&page, "live-phone-results").await;
    // The joined page is no row of the route table: axe looks at it here.
    let axe = crate::browser_layout::axe_findings(&page).await;
    assert!(
        axe.is_empty(),
        "axe-core's serious or critical findings:\n{axe}"
    );
    let wide = crate::browser::look(
        &page,
        "document.documentElement.scrollWidth > document.documentElement.clientWidth ? 'wide' : ''",
    )
    .await;
    assert_eq!(wide.as_deref(), Some(""), "the phone page fits 360 px");
    phone.assert_no_problems();
    phone.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_phone_answer_reaches_the_projector_without_reload() {
    let Some(chromium) = chromium_or_skip("live_phone_answer_reaches_the_projector_without_reload")
    else {
        return;
    };
    let app = TestApp::spawn(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let (email, password, room) = room_with_cloud(&app).await;

    // The presenter's screen, signed in, left open on the projector page.
    let presenter = Browser::launch(&chromium).await;
    let projector = presenter.open(&app.url("/connexion")).await;
    sign_in(&projector, &email, &password).await;
    let projection = format!("/salles/{}/projection", room.id);
    projector
        .goto(app.url(&projection))
        .await
        .unwrap_or_else(|e| panic!("open {projection}: {e}"));
    wait_for_path(&projector, &projection).await;
    wait_for_text(&projector, "Un mot pour la journée").await;
    // The page listens to the room's stream before anyone answers.
    wait_until(
        &projector,
        "document.querySelector('[data-live-connected]') ? 'yes' : 'no'",
        "the projector to listen to the room's stream",
    )
    .await;

    // Gone if the page were loaded again.
    mark(&projector).await;

    // A participant's phone, in a browser of its own (its own cookies).
    let phone = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;
    let page = phone.open(&app.url("/rejoindre")).await;
    join_on_phone(&page, &room, "Camille").await;
    type_into(&page, "#answer-text", "Écoute active").await;
    click(&page, "#send-answer").await;
    wait_for_selector(&page, "#live-flash").await;
    wait_for_text(&page, "Écoute active").await;
    screenshot(&page, "live-phone").await;

    // The projector was not reloaded: the stream brought the answer.
    wait_for_text(&projector, "Écoute active").await;
    assert_marked(&projector).await;
    screenshot(&projector, "live-projector").await;

    phone.assert_no_problems();
    presenter.assert_no_problems();
    phone.close().await;
    presenter.close().await;
    app.stop().await;
}
