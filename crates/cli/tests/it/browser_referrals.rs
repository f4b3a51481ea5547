//! Referrals in a real browser: the CLSC's intervenante, on a 360 × 740
//! phone, finds the community organization's service, taps « Référer une
//! famille », fills the form (consent ticked) and sends it; the community
//! organization's account opens its inbox and accepts the referral (after
//! acknowledging it). Each page fits the phone and has no serious axe
//! finding. Screenshots: `target/screenshots/referral-send-phone.png`
//! and `referral-accept.png`.

use maillage_domain::Role;

use crate::browser::{
    Browser, chromium_or_skip, click, js_str, look, screenshot, sign_in, type_into,
    wait_for_selector, wait_for_text,
};
use crate::harness::{Db, TestApp};
use crate::referrals_scene::{scene, set_organization};

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

async fn no_axe_finding(page: &chromiumoxide::Page, what: &str) {
    let axe = crate::browser_layout::axe_findings(page).await;
    assert!(
        axe.is_empty(),
        "{what}: axe-core's serious or critical findings:\n{axe}"
    );
}

async fn goto(page: &chromiumoxide::Page, app: &TestApp, path: &str) {
    page.goto(app.url(path))
        .await
        .unwrap_or_else(|e| panic!("open {path}: {e}"));
}

/// Picks `value` in the select matching `css`, as a tap on its option does.
async fn choose(page: &chromiumoxide::Page, css: &str, value: &str) {
    let js = format!(
        "(() => {{ const s = document.querySelector({}); s.value = {}; \
         s.dispatchEvent(new Event('change', {{bubbles: true}})); return s.value; }})()",
        js_str(css),
        js_str(value)
    );
    assert_eq!(
        look(page, &js).await.as_deref(),
        Some(value),
        "{css} = {value}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clsc_sends_a_referral_on_a_phone_and_the_community_organization_accepts_it() {
    let Some(chromium) = chromium_or_skip(
        "a_clsc_sends_a_referral_on_a_phone_and_the_community_organization_accepts_it",
    ) else {
        return;
    };
    let app = TestApp::spawn(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let scene = scene(&app).await;
    // Accounts with passwords for the browser, one per organization.
    let sender = "intervenante.mobile@clsc.test";
    let sender_pw = app
        .create_user(sender, Role::Member, Some(&scene.grouping_slug))
        .await;
    set_organization(&app, sender, &scene.sender_org).await;
    let receiver = "accueil.mobile@maisonfamille.test";
    let receiver_pw = app
        .create_user(receiver, Role::Member, Some(&scene.grouping_slug))
        .await;
    set_organization(&app, receiver, &scene.receiver_org).await;

    let phone = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;
    let page = phone.open(&app.url("/connexion")).await;
    sign_in(&page, sender, &sender_pw).await;
    goto(
        &page,
        &app,
        &format!("/repertoire/services/{}", scene.service),
    )
    .await;
    wait_for_selector(&page, "#refer-family").await;
    click(&page, "#refer-family").await;
    wait_for_selector(&page, "#referral-form").await;
    fits(&page, "the referral form").await;
    no_axe_finding(&page, "the referral form").await;
    type_into(&page, "#ref-first-name", "Amina").await;
    type_into(&page, "#ref-contact", "819 555-0101").await;
    choose(&page, "#ref-age-group", "0-5").await;
    type_into(&page, "#ref-reason", "Soutien parental").await;
    type_into(&page, "#ref-note", "Préfère être appelée le matin.").await;
    click(&page, "#ref-consent").await;
    click(&page, "#ref-given-guardian").await;
    screenshot(&page, "referral-send-phone").await;
    click(&page, "#send-referral").await;
    wait_for_text(&page, "La référence est envoyée").await;
    wait_for_text(&page, "Référence de Amina").await;
    fits(&page, "the sent referral").await;
    no_axe_finding(&page, "the sent referral").await;
    let path = look(&page, "location.pathname")
        .await
        .expect("the referral's address");
    // The outbox on the phone lists it.
    goto(&page, &app, "/references?boite=envoyees").await;
    wait_for_selector(&page, &format!("#referrals a[href={}]", js_str(&path))).await;
    fits(&page, "the outbox").await;
    no_axe_finding(&page, "the outbox").await;
    phone.assert_no_problems();
    phone.close().await;

    let desktop = Browser::launch(&chromium).await;
    let page = desktop.open(&app.url("/connexion")).await;
    sign_in(&page, receiver, &receiver_pw).await;
    goto(&page, &app, "/references").await;
    wait_for_selector(&page, "#referrals .ref-unread").await;
    wait_for_text(&page, "CLSC de la Vallée").await;
    no_axe_finding(&page, "the inbox").await;
    click(&page, &format!("#referrals a[href={}]", js_str(&path))).await;
    wait_for_selector(&page, "#do-received").await;
    click(&page, "#do-received").await;
    wait_for_selector(&page, "#do-accepted").await;
    type_into(&page, "#comment-accepted", "Première rencontre mardi.").await;
    click(&page, "#do-accepted").await;
    wait_for_text(&page, "Le statut de la référence est à jour").await;
    wait_for_selector(&page, "#referral[data-status=accepted]").await;
    wait_for_text(&page, "Première rencontre mardi.").await;
    fits(&page, "the accepted referral").await;
    no_axe_finding(&page, "the accepted referral").await;
    screenshot(&page, "referral-accept").await;
    // What the service publishes, from its page.
    goto(
        &page,
        &app,
        &format!("/repertoire/services/{}", scene.service),
    )
    .await;
    click(&page, "#edit-capacity").await;
    wait_for_selector(&page, "#capacity-form").await;
    no_axe_finding(&page, "the capacity form").await;
    type_into(&page, "#cap-waiting", "6").await;
    click(&page, "#save-capacity").await;
    wait_for_text(&page, "Liste d’attente : 6 semaines").await;
    no_axe_finding(&page, "the service with its capacity").await;
    desktop.assert_no_problems();
    desktop.close().await;
    app.stop().await;
}
