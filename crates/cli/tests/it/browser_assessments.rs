//! Self-assessment portraits in a real browser: a school team on a
//! 360 × 740 phone opens its portrait, taps « Créer une action » on an
//! item and comes back to the item linked to its action; the grouping's
//! portrait (stacked bars, table) fits the phone and the desktop, with no
//! serious axe finding. Screenshots: `target/screenshots/assessment-portrait.png`
//! (the grouping's, desktop), `assessment-portrait-phone.png` and
//! `assessment-response-phone.png`.
//!
//! Filling the tool on the phone (`assessment-fill-phone.png`) belongs
//! with `assess-core`'s filling pages; here the school's answers are
//! written through the store.

use maillage_domain::Role;
use maillage_store::repo::accounts;
use maillage_store::repo::audit::Actor;

use crate::assessments_portrait::{respond, setup};
use crate::browser::{
    Browser, chromium_or_skip, click, look, screenshot, sign_in, wait_for_selector, wait_for_text,
};
use crate::harness::{Db, TestApp};

const PHONE_WIDTH: u32 = 360;
const PHONE_HEIGHT: u32 = 740;

async fn fits(page: &chromiumoxide::Page, what: &str) {
    let wide = look(
        page,
        "document.documentElement.scrollWidth > document.documentElement.clientWidth ? 'wide' : ''",
    )
    .await;
    assert_eq!(wide.as_deref(), Some(""), "{what} fits its window");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_team_reads_its_portrait_on_a_phone_and_makes_an_action() {
    let Some(chromium) =
        chromium_or_skip("a_school_team_reads_its_portrait_on_a_phone_and_makes_an_action")
    else {
        return;
    };
    let app = TestApp::spawn(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let ctx = setup(&app).await;
    let email = "equipe@ecole.exemple.ca";
    let pw = app
        .create_user(email, Role::Member, Some("table-de-test"))
        .await;
    let uid = app.user_id(email).await;
    accounts::set_organization(
        &app.store,
        &Actor::system(),
        uid,
        Some(ctx.school_a.clone()),
    )
    .await
    .unwrap();
    let levels = [
        Some("a_developper"),
        Some("a_ameliorer"),
        Some("en_place"),
        Some("non_pertinent"),
        Some("en_place"),
        Some("a_ameliorer"),
        None,
    ];
    let response = respond(
        &app,
        &ctx,
        &ctx.school_a,
        "2026-05-12",
        "submitted",
        &levels,
    )
    .await;
    respond(
        &app,
        &ctx,
        &ctx.school_b,
        "2026-05-14",
        "submitted",
        &levels[1..],
    )
    .await;

    let phone = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;
    let page = phone.open(&app.url("/connexion")).await;
    sign_in(&page, email, &pw).await;
    let portrait = format!("/autoevaluations/{response}/portrait");
    page.goto(app.url(&portrait))
        .await
        .unwrap_or_else(|e| panic!("open {portrait}: {e}"));
    wait_for_selector(&page, "#niveau-a_developper").await;
    fits(&page, "the respondent's portrait").await;
    screenshot(&page, "assessment-response-phone").await;

    let item = ctx.items[0].0;
    click(&page, &format!("#enonce-{item} form button[type=submit]")).await;
    wait_for_selector(&page, &format!("#enonce-{item} a.assess-action-link")).await;
    wait_for_text(&page, "L’action est créée dans le plan").await;

    let grouping = format!(
        "/regroupements/table-de-test/autoevaluations/{}/portrait",
        ctx.tool
    );
    page.goto(app.url(&grouping))
        .await
        .unwrap_or_else(|e| panic!("open {grouping}: {e}"));
    wait_for_selector(&page, "#portrait-barres svg").await;
    fits(&page, "the grouping's portrait").await;
    screenshot(&page, "assessment-portrait-phone").await;
    let axe = crate::browser_layout::axe_findings(&page).await;
    assert!(
        axe.is_empty(),
        "axe-core's serious or critical findings:\n{axe}"
    );
    phone.assert_no_problems();
    phone.close().await;

    let desktop = Browser::launch(&chromium).await;
    let page = desktop.open(&app.url("/connexion")).await;
    sign_in(&page, email, &pw).await;
    page.goto(app.url(&grouping))
        .await
        .unwrap_or_else(|e| panic!("open {grouping}: {e}"));
    wait_for_selector(&page, "#portrait-barres svg").await;
    wait_for_text(&page, "École des Saules").await;
    fits(&page, "the grouping's portrait").await;
    screenshot(&page, "assessment-portrait").await;
    desktop.assert_no_problems();
    desktop.close().await;
    app.stop().await;
}
