//! Self-assessment portraits in a real browser: a school team on a
//! 360 × 740 phone opens its portrait, taps « Créer une action » on an
//! item and comes back to the item linked to its action; the grouping's
//! portrait (stacked bars, table) fits the phone and the desktop, with no
//! serious axe finding. Screenshots: `target/screenshots/assessment-portrait.png`
//! (the grouping's, desktop), `assessment-portrait-phone.png` and
//! `assessment-response-phone.png`.
//!
//! `a_school_team_fills_the_tool_on_a_phone` fills seed 003's items on the
//! phone by tapping (`assessment-fill-phone.png`); the portrait test writes
//! its answers through the store.

use maillage_domain::Role;
use maillage_store::repo::accounts;
use maillage_store::repo::audit::Actor;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::assessments_portrait::{respond, setup};
use crate::browser::{
    Browser, chromium_or_skip, click, look, screenshot, sign_in, type_into, wait_for_selector,
    wait_for_text,
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_team_fills_the_tool_on_a_phone() {
    let Some(chromium) = chromium_or_skip("a_school_team_fills_the_tool_on_a_phone") else {
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
    let open = vec![None; ctx.items.len()];
    let response = respond(&app, &ctx, &ctx.school_a, "2026-05-12", "draft", &open).await;

    let phone = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;
    let page = phone.open(&app.url("/connexion")).await;
    sign_in(&page, email, &pw).await;
    let form = format!("/autoevaluations/{response}");
    page.goto(app.url(&form))
        .await
        .unwrap_or_else(|e| panic!("open {form}: {e}"));
    wait_for_selector(&page, "#response-form").await;
    fits(&page, "the filling form").await;
    // A level per item, tapped on its label as a thumb would.
    let levels = ["a_developper", "a_ameliorer", "en_place"];
    for (n, (item, _)) in ctx.items.iter().enumerate() {
        let level = levels[n % levels.len()];
        click(
            &page,
            &format!("#item-{item} input[type=radio][value={level}]"),
        )
        .await;
    }
    let first = ctx.items[0].0;
    type_into(
        &page,
        &format!("#comment-{first}"),
        "On connaît mal le quartier : <b>à voir</b>",
    )
    .await;
    click(&page, "#save-draft").await;
    wait_for_text(&page, "Brouillon enregistré").await;
    let kept = look(
        &page,
        &format!("document.querySelector('#item-{first} input[value=a_developper]').checked ? 'yes' : 'no'"),
    )
    .await;
    assert_eq!(
        kept.as_deref(),
        Some("yes"),
        "the draft keeps the tapped level"
    );
    screenshot(&page, "assessment-fill-phone").await;
    click(&page, "#submit-response").await;
    wait_for_text(&page, "Réponse soumise").await;
    wait_for_text(&page, "On connaît mal le quartier : <b>à voir</b>").await;
    fits(&page, "the submitted response").await;
    phone.assert_no_problems();
    phone.close().await;

    let stored = maillage_store::entity::assessment_answer::Entity::find()
        .filter(maillage_store::entity::assessment_answer::Column::ResponseId.eq(response))
        .all(app.store.conn())
        .await
        .unwrap();
    assert_eq!(
        stored.iter().filter(|a| a.level.is_some()).count(),
        ctx.items.len(),
        "every tapped level is stored"
    );
    app.stop().await;
}
