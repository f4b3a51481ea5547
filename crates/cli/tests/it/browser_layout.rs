//! Every HTML page of the route table in a real browser: as wide as a
//! 360 px phone and a 1366 px laptop without scrolling sideways, and free
//! of serious or critical accessibility findings by axe-core (vendored in
//! `crates/web/static/vendor/axe.min.js`, injected into each page by the
//! test only; the application never serves it). Screenshots of the main
//! pages at both widths go to `target/screenshots/layout-*.png` (the home,
//! signed in and as a visitor without an account (`layout-public-home-*`),
//! a grouping, a plan, the portrait, the network, `/style`, `/api/docs`).
//!
//! The public pages are looked at first as a visitor without an account,
//! then every page as an administrator; one tab each, to keep the run short.

use std::fmt::Write as _;

use chromiumoxide::Page;
use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use maillage_domain::Role;

use crate::browser::{Browser, chromium_or_skip, eval_str, look, screenshot, sign_in, wait_until};
use crate::harness::{Db, TestApp, TestClient};
use crate::routes::{Fixture, Method, ROUTES, Who, fixture};

const AXE: &str = include_str!("../../../web/static/vendor/axe.min.js");

const PHONE: i64 = 360;
const LAPTOP: i64 = 1366;
const HEIGHT: i64 = 900;

/// How long axe may take on one page (a network page has many nodes).
const AXE_TIMEOUT: std::time::Duration = std::time::Duration::from_mins(1);

/// `document.documentElement.scrollWidth` when it is wider than the
/// window, with the widest element that is not inside a scrolling box
/// (a wrapped table scrolls by itself and is not to blame), or `""`.
const TOO_WIDE: &str = r"(() => {
  const root = document.documentElement;
  if (root.scrollWidth <= window.innerWidth) return '';
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  let widest = null, right = 0;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect().right;
    if (r > right && !scrolls(el)) { widest = el; right = r; }
  }
  return root.scrollWidth + 'px wide in ' + window.innerWidth + 'px; widest: '
    + (widest ? name(widest) + ' (right edge ' + Math.round(right) + 'px)' : '?');
})()";

/// The serious and critical findings of axe on the page, one a line.
const AXE_RUN: &str = r"axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 5)
    .map((n) => n.target.join(' ')).join(' | '))
  .join('\n'))";

/// The most powerful account a route admits.
fn most_powerful(allowed: &[Who]) -> Option<Who> {
    [
        Who::Admin,
        Who::Coordinator,
        Who::Member,
        Who::Viewer,
        Who::Anonymous,
    ]
    .into_iter()
    .find(|w| allowed.contains(w))
}

/// The route's path with the fixture's ids, as `routes.rs` fills it.
fn fill(path: &str, f: &Fixture) -> String {
    let path = path
        .replace("{user}", &f.bystander)
        .replace("{org}", &f.org)
        .replace("{service}", &f.service)
        .replace("{proposal}", &f.proposal);
    f.ids
        .iter()
        .fold(path, |p, (k, v)| p.replace(&format!("{{{k}}}"), v))
}

/// Pages only: no API, static file, health check, redirect or download.
fn is_page(path: &str) -> bool {
    let bare = path.split('?').next().unwrap_or(path);
    let skipped = [
        "/api/v1", "/static/", "/healthz", "/readyz", "/langue/", "/favicon",
    ];
    let file = bare.rsplit('/').next().unwrap_or_default();
    let download = file.rsplit_once('.').is_some_and(|(_, ext)| ext != "html");
    !skipped.iter().any(|s| bare.starts_with(s)) && !download
}

/// Whether `path` answers a page to show (a redirect leads to one): not
/// a file to download (a bilan's standalone HTML is an attachment), nor a
/// fragment that htmx puts into a page (search results as one types).
async fn is_html(probe: &TestClient, path: &str) -> bool {
    let response = probe.get(path).await;
    if response.status().is_redirection() {
        return true;
    }
    // An error page (a reset link the fixture cannot make valid answers
    // 410) is the error template, looked at elsewhere.
    if !response.status().is_success() {
        return false;
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    if !header("content-type").starts_with("text/html")
        || header("content-disposition").starts_with("attachment")
    {
        return false;
    }
    let body = response.text().await.unwrap_or_default();
    body.trim_start()
        .to_ascii_lowercase()
        .starts_with("<!doctype html")
}

async fn set_width(page: &Page, width: i64) {
    page.execute(SetDeviceMetricsOverrideParams::new(
        width, HEIGHT, 1.0, false,
    ))
    .await
    .unwrap_or_else(|e| panic!("set the window to {width} px: {e}"));
}

/// Opens `path` and waits until it is loaded (and, for the API
/// documentation, drawn by its script).
async fn open(page: &Page, app: &TestApp, path: &str) {
    page.goto(app.url(path))
        .await
        .unwrap_or_else(|e| panic!("open {path}: {e}"));
    wait_until(
        page,
        "document.readyState === 'complete' ? 'yes' : 'no'",
        &format!("{path} to load"),
    )
    .await;
    if path.starts_with("/api/docs") {
        wait_until(
            page,
            "document.querySelector('#swagger-ui .opblock') ? 'yes' : 'no'",
            "Swagger UI to draw the API",
        )
        .await;
    }
}

/// axe's serious and critical findings on the page, or `""`.
pub(crate) async fn axe_findings(page: &Page) -> String {
    if look(page, "typeof axe").await.as_deref() != Some("object") {
        page.evaluate_expression(format!("{AXE}\n;'axe'"))
            .await
            .expect("axe-core loads");
    }
    let run = tokio::time::timeout(AXE_TIMEOUT, page.evaluate_expression(AXE_RUN))
        .await
        .expect("axe answers within its time")
        .expect("axe runs");
    run.into_value::<String>().expect("axe's findings as text")
}

/// The demo territory, the route table's fixture and a signed-in admin.
async fn layout_app() -> (TestApp, Fixture, String, String) {
    let app = TestApp::spawn_with_demo(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    maillage_web::search_sync::catch_up(&app.store, &app.search)
        .await
        .expect("the index catches up");
    let fixture = fixture(&app).await;
    let email = "admin.mise-en-page@example.org".to_owned();
    let password = app.create_user(&email, Role::Admin, None).await;
    (app, fixture, email, password)
}

/// What one pass over the route table found: pages too wide, axe's
/// findings, and how many pages were looked at.
#[derive(Default)]
struct Findings {
    too_wide: String,
    axe: String,
    seen: usize,
}

/// Looks at every GET page of the route table that `who` is the most
/// powerful visitor to see (`Who::Admin`), or that `who` may see at all
/// (`Who::Anonymous`: the public face), in `page`, at both widths.
async fn check_pages(
    page: &Page,
    app: &TestApp,
    probe: &TestClient,
    who: Who,
    fixture: &Fixture,
) -> Findings {
    let mut found = Findings::default();
    for route in ROUTES {
        if !matches!(route.method, Method::Get) || !is_page(route.path) {
            continue;
        }
        let wanted = match who {
            Who::Anonymous => route.allowed.contains(&Who::Anonymous),
            // Every row admits the administrator; should one day a row not,
            // its page is left to the route table's own test.
            _ => most_powerful(route.allowed) == Some(who),
        };
        if !wanted {
            continue;
        }
        let path = fill(route.path, fixture);
        if !is_html(probe, &path).await {
            continue;
        }
        found.seen += 1;
        set_width(page, PHONE).await;
        open(page, app, &path).await;
        for width in [PHONE, LAPTOP] {
            set_width(page, width).await;
            let wide = eval_str(page, TOO_WIDE).await;
            if !wide.is_empty() {
                let _ = writeln!(found.too_wide, "{who:?} {path} at {width} px: {wide}");
            }
        }
        let axe = axe_findings(page).await;
        if !axe.is_empty() {
            let _ = writeln!(
                found.axe,
                "{who:?} {path}:\n  {}",
                axe.replace('\n', "\n  ")
            );
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_passes_axe() {
    let Some(chromium) = chromium_or_skip("every_page_fits_a_phone_and_passes_axe") else {
        return;
    };
    let (app, fixture, email, password) = layout_app().await;

    // The public face first, in a browser that never signed in.
    let anonymous = Browser::launch(&chromium).await;
    let page = anonymous.open(&app.url("/")).await;
    let public = check_pages(&page, &app, &app.client(), Who::Anonymous, &fixture).await;
    anonymous.assert_no_problems();
    anonymous.close().await;

    let browser = Browser::launch(&chromium).await;
    let page = browser.open(&app.url("/connexion")).await;
    sign_in(&page, &email, &password).await;
    let probe = app
        .signed_in("sonde.mise-en-page@example.org", Role::Admin)
        .await;
    let admin = check_pages(&page, &app, &probe, Who::Admin, &fixture).await;

    assert!(
        public.seen > 10,
        "the route table lists public pages ({} seen)",
        public.seen
    );
    assert!(
        admin.seen > 40,
        "the route table lists pages ({} seen)",
        admin.seen
    );
    let too_wide = public.too_wide + &admin.too_wide;
    assert!(
        too_wide.is_empty(),
        "pages wider than the window:\n{too_wide}"
    );
    let axe = public.axe + &admin.axe;
    assert!(
        axe.is_empty(),
        "axe-core's serious or critical findings:\n{axe}"
    );
    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn main_pages_screenshots_at_both_widths() {
    let Some(chromium) = chromium_or_skip("main_pages_screenshots_at_both_widths") else {
        return;
    };
    let (app, _fixture, email, password) = layout_app().await;
    let plan = app
        .plan_id("mobilisation-famille-slsj", "Plan d'action 2014-2017")
        .await;
    let browser = Browser::launch(&chromium).await;
    let page = browser.open(&app.url("/connexion")).await;
    sign_in(&page, &email, &password).await;
    let pages = [
        ("/".to_owned(), "home"),
        (
            "/regroupements/groupement-partenaires-0-5-becancour".to_owned(),
            "grouping",
        ),
        (format!("/plans/{plan}"), "plan"),
        (
            "/regroupements/mobilisation-famille-slsj/portrait".to_owned(),
            "portrait",
        ),
        ("/reseau".to_owned(), "network"),
        ("/style".to_owned(), "style"),
        ("/api/docs".to_owned(), "api-docs"),
    ];
    for width in [PHONE, LAPTOP] {
        for (path, name) in &pages {
            // A full-page screenshot resets the window's size afterwards.
            set_width(&page, width).await;
            open(&page, &app, path).await;
            let shot = screenshot(&page, &format!("layout-{name}-{width}")).await;
            assert!(shot.is_file(), "{} was written", shot.display());
        }
    }
    browser.assert_no_problems();
    browser.close().await;

    // The home page as a visitor without an account sees it.
    let anonymous = Browser::launch(&chromium).await;
    let page = anonymous.open(&app.url("/")).await;
    for width in [PHONE, LAPTOP] {
        set_width(&page, width).await;
        open(&page, &app, "/").await;
        let shot = screenshot(&page, &format!("layout-public-home-{width}")).await;
        assert!(shot.is_file(), "{} was written", shot.display());
    }
    anonymous.assert_no_problems();
    anonymous.close().await;
    app.stop().await;
}

/// The icons a browser or a phone asks for answer with their type, the web
/// manifest names only icons that exist, and every page links them.
#[maillage_test_macros::db_test]
async fn icons_and_manifest_answer(app: &TestApp) {
    let client = app.client();
    let favicon = client.get("/favicon.ico").await;
    assert_eq!(favicon.status(), reqwest::StatusCode::OK);
    assert_eq!(favicon.headers()["content-type"], "image/x-icon");
    let bytes = favicon.bytes().await.expect("the icon");
    assert_eq!(&bytes[..4], &[0, 0, 1, 0], "an ICO file");

    let manifest = client.get("/static/manifest.webmanifest").await;
    assert_eq!(
        manifest.headers()["content-type"],
        "application/manifest+json"
    );
    let manifest: serde_json::Value = manifest.json().await.expect("the manifest is JSON");
    assert_eq!(manifest["start_url"], "/");
    let icons = manifest["icons"].as_array().expect("icons");
    assert!(icons.len() >= 3, "{manifest}");
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let response = client.get(src).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{src}");
        assert_eq!(
            response.headers()["content-type"].to_str().ok(),
            icon["type"].as_str(),
            "{src}"
        );
    }

    let (_, html) = client.get_text("/connexion").await;
    for link in [
        "rel=\"icon\" href=\"/favicon.ico\"",
        "href=\"/static/icons/favicon.svg",
        "rel=\"apple-touch-icon\"",
        "rel=\"manifest\" href=\"/static/manifest.webmanifest",
    ] {
        assert!(html.contains(link), "{link} in\n{html}");
    }
}

/// The API documentation works without an account and without inline
/// script: its viewer and its starter are files, and the page links the
/// OpenAPI document for those without JavaScript.
#[maillage_test_macros::db_test]
async fn the_api_documentation_page(app: &TestApp) {
    let client = app.client();
    let (status, html) = client.get_text("/api/docs").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(html.contains("Documentation de l’API"), "{html}");
    assert!(html.contains("<script src=\"/static/vendor/swagger-ui-bundle.js"));
    assert!(html.contains("<script src=\"/static/api-docs.js"));
    assert!(html.contains("href=\"/api/v1/openapi.json\""));
    assert!(!html.contains("<script>"), "no inline script");
    for (path, kind) in [
        ("/static/vendor/swagger-ui-bundle.js", "text/javascript"),
        ("/static/vendor/swagger-ui.css", "text/css"),
        ("/static/api-docs.js", "text/javascript"),
    ] {
        let response = client.get(path).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{path}");
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap_or_default();
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
    }
    let csp = client.get("/api/docs").await.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(csp.contains("script-src 'self';"), "the site's CSP: {csp}");
    client.get("/langue/en?suivant=/api/docs").await;
    let (_, html) = client.get_text("/api/docs").await;
    assert!(html.contains("API documentation"), "{html}");
}

/// `/style` shows every kind of component with its class names, in both
/// languages; only administrators see it (the route table checks who).
#[maillage_test_macros::db_test]
async fn the_style_page_shows_every_component(app: &TestApp) {
    let admin = app.signed_in("style@example.org", Role::Admin).await;
    let (status, html) = admin.get_text("/style").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    for needle in [
        "Guide des composants",
        "type=\"search\"",
        "type=\"email\"",
        "type=\"password\"",
        "type=\"url\"",
        "type=\"tel\"",
        "type=\"number\"",
        "type=\"date\"",
        "type=\"time\"",
        "type=\"file\"",
        "type=\"checkbox\"",
        "type=\"radio\"",
        "<select",
        "<textarea",
        "class=\"primary\"",
        "class=\"secondary\"",
        "class=\"danger\"",
        "class=\"link\"",
        "class=\"table-wrap\"",
        "class=\"card\"",
        "class=\"badge",
        "class=\"flash success\"",
        "class=\"flash error\"",
        "class=\"pager\"",
        "<svg",
        "charts::bar_chart",
        "charts::line_chart",
    ] {
        assert!(html.contains(needle), "{needle} on /style");
    }
    admin.get("/langue/en?suivant=/style").await;
    let (_, html) = admin.get_text("/style").await;
    assert!(html.contains("Component guide"), "{html}");
}
