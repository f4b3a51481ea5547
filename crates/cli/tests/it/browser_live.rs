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

const PHONE_WIDTH: u32 = 360;
const PHONE_HEIGHT: u32 = 740;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_phone_answer_reaches_the_projector_without_reload() {
    let Some(chromium) = chromium_or_skip("live_phone_answer_reaches_the_projector_without_reload")
    else {
        return;
    };
    let app = TestApp::spawn(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let email = "animation.direct@exemple.ca";
    let password = app
        .create_user(email, Role::Coordinator, Some("table-de-test"))
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

    // The presenter's screen, signed in, left open on the projector page.
    let presenter = Browser::launch(&chromium).await;
    let projector = presenter.open(&app.url("/connexion")).await;
    sign_in(&projector, email, &password).await;
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

    // A participant's phone, in a browser of its own (its own cookies).
    let phone = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;
    let page = phone.open(&app.url("/rejoindre")).await;
    wait_for_selector(&page, "#code").await;
    let code = room.code.as_str();
    type_into(&page, "#code", &format!("{} {}", &code[..4], &code[4..])).await;
    click(&page, "#join-code").await;
    wait_for_path(&page, &room.code.join_path()).await;
    wait_for_selector(&page, "#join-room").await;
    type_into(&page, "#nickname", "Camille").await;
    click(&page, "#join-room").await;
    wait_for_selector(&page, "#answer-text").await;
    wait_for_text(&page, "Un mot pour la journée").await;
    type_into(&page, "#answer-text", "Écoute active").await;
    click(&page, "#send-answer").await;
    wait_for_selector(&page, "#live-flash").await;
    wait_for_text(&page, "Écoute active").await;
    screenshot(&page, "live-phone").await;

    // The projector was not reloaded: the stream brought the answer.
    wait_for_text(&projector, "Écoute active").await;
    screenshot(&projector, "live-projector").await;

    phone.assert_no_problems();
    presenter.assert_no_problems();
    phone.close().await;
    presenter.close().await;
    app.stop().await;
}
