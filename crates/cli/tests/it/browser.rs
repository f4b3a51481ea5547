//! Browser tests: the real application driven by headless Chromium.
//!
//! Chromium is found through `MAILLAGE_CHROMIUM`, `/usr/bin/chromium` or
//! `chromium` in `PATH`. Without it the tests are skipped, unless
//! `MAILLAGE_REQUIRE_BROWSER=1` (then they fail). Screenshots of the pages
//! visited are saved under `target/screenshots/` for a human to look at.
//!
//! Waits poll the page a bounded number of times and fail with what the page
//! shows; nothing asserts on elapsed time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::input::InsertTextParams;
use chromiumoxide::cdp::browser_protocol::log::{EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::browser_protocol::network::EventResponseReceived;
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::page::ScreenshotParams;
use chromiumoxide::{BrowserConfig, Page};
use futures::StreamExt;
use maillage_domain::Role;

use crate::harness::{Db, TestApp};

const REQUIRE_ENV: &str = "MAILLAGE_REQUIRE_BROWSER";
const CHROMIUM_ENV: &str = "MAILLAGE_CHROMIUM";

/// How often and how many times a wait looks at the page (about 10 s).
const POLL_EVERY: Duration = Duration::from_millis(100);
const POLL_TRIES: u32 = 100;
/// The longest a single look at the page may take (a look made while the
/// page navigates may never be answered).
const LOOK_TIMEOUT: Duration = Duration::from_secs(2);

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// The Chromium to drive: `MAILLAGE_CHROMIUM`, `/usr/bin/chromium`, or
/// `chromium` (or `chromium-browser`) in `PATH`.
fn chromium_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CHROMIUM_ENV).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let default = PathBuf::from("/usr/bin/chromium");
    if default.is_file() {
        return Some(default);
    }
    let dirs = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium, or `None` when the test should be skipped; panics when it is
/// missing although `MAILLAGE_REQUIRE_BROWSER=1`.
pub(crate) fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium_path();
    if found.is_none() {
        assert!(
            std::env::var(REQUIRE_ENV).as_deref() != Ok("1"),
            "{REQUIRE_ENV}=1 but Chromium was not found: install it with apt-get install chromium \
             (or point {CHROMIUM_ENV} at a Chromium binary)"
        );
        eprintln!(
            "skipped {test}: Chromium was not found (set {CHROMIUM_ENV}, or install it with \
             apt-get install chromium; {REQUIRE_ENV}=1 makes this a failure)"
        );
    }
    found
}

/// Where screenshots go: `$CARGO_TARGET_DIR/screenshots`, or the
/// workspace's `target/screenshots`.
fn screenshot_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate lives in <workspace>/crates/cli");
    let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    };
    target.join("screenshots")
}

/// Describes what sticks out of the viewport sideways (the page then
/// scrolls horizontally), or `""`: the outermost elements past the right
/// edge, and the positioned ones.
const HORIZONTAL_OVERFLOW: &str = r"(() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return '';
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const past = (el) => el && el.getBoundingClientRect().right > width + 1;
  // Positioned elements escape the clipping of a scrolling ancestor that
  // is not their containing block.
  const loose = (el) => ['absolute', 'fixed'].includes(getComputedStyle(el).position);
  const culprits = [...document.querySelectorAll('body *')]
    .filter((el) => past(el) && (!past(el.parentElement) || loose(el)))
    .slice(0, 8)
    .map((el) => name(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)');
  return 'the page is ' + root.scrollWidth + 'px wide in a ' + width + 'px viewport: '
    + culprits.join(', ');
})()";

/// Saves a full-page PNG of `page` as `screenshots/NAME.png`, warning
/// (without failing) when the page overflows sideways.
pub(crate) async fn screenshot(page: &Page, name: &str) -> PathBuf {
    if let Some(overflow) = look(page, HORIZONTAL_OVERFLOW)
        .await
        .filter(|o| !o.is_empty())
    {
        eprintln!("layout warning on {name}: {overflow}");
    }
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("create the screenshot directory");
    let path = dir.join(format!("{name}.png"));
    let params = ScreenshotParams::builder()
        .format(CaptureScreenshotFormat::Png)
        .full_page(true)
        .build();
    page.save_screenshot(params, &path)
        .await
        .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
    eprintln!("screenshot: {}", path.display());
    path
}

/// Evaluates `js` for a string, or `None` when the page cannot answer now
/// (it is navigating, say).
pub(crate) async fn look(page: &Page, js: &str) -> Option<String> {
    let result = tokio::time::timeout(LOOK_TIMEOUT, page.evaluate(js))
        .await
        .ok()?
        .ok()?;
    result.into_value::<String>().ok()
}

/// What the page shows, for failure messages.
pub(crate) async fn describe(page: &Page) -> String {
    let url = look(page, "location.href").await.unwrap_or_default();
    let text = look(page, "document.body ? document.body.innerText : ''")
        .await
        .unwrap_or_else(|| "(the page did not answer)".to_owned());
    format!("URL {url}\n----- page text -----\n{text}\n---------------------")
}

/// A JavaScript string literal for `s`.
pub(crate) fn js_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// Polls `check` (a JavaScript expression giving `"yes"` when satisfied)
/// until it holds; fails with what the page shows otherwise.
pub(crate) async fn wait_until(page: &Page, check: &str, what: &str) {
    for _ in 0..POLL_TRIES {
        if look(page, check).await.as_deref() == Some("yes") {
            return;
        }
        tokio::time::sleep(POLL_EVERY).await;
    }
    panic!("timed out waiting for {what}\n{}", describe(page).await);
}

/// Waits until an element matches `css`.
pub(crate) async fn wait_for_selector(page: &Page, css: &str) {
    let check = format!("document.querySelector({}) ? 'yes' : 'no'", js_str(css));
    wait_until(page, &check, &format!("an element matching `{css}`")).await;
}

/// The text of the page with runs of white space made single spaces
/// (`textContent`, so CSS `text-transform` does not change it).
const PAGE_TEXT: &str = "(document.body ? document.body.textContent : '').replace(/\\s+/g, ' ')";

/// Waits until the text of the page contains `text` (its no-break spaces
/// made single spaces too, as in `PAGE_TEXT`).
pub(crate) async fn wait_for_text(page: &Page, text: &str) {
    let check = format!(
        "{PAGE_TEXT}.includes({}.replace(/\\s+/g, ' ')) ? 'yes' : 'no'",
        js_str(text)
    );
    wait_until(page, &check, &format!("the text {text:?}")).await;
}

/// Waits until the page's path is `path`.
pub(crate) async fn wait_for_path(page: &Page, path: &str) {
    let check = format!("location.pathname === {} ? 'yes' : 'no'", js_str(path));
    wait_until(page, &check, &format!("the path {path}")).await;
}

/// The text of the page (see `PAGE_TEXT`).
async fn body_text(page: &Page) -> String {
    look(page, PAGE_TEXT)
        .await
        .expect("the page answers with its text")
}

/// The value of a JavaScript string expression, which must exist.
///
/// Asked up to five times: on a loaded machine a long page (the API
/// documentation) may take longer than one [`LOOK_TIMEOUT`] to walk.
pub(crate) async fn eval_str(page: &Page, js: &str) -> String {
    for _ in 0..5 {
        if let Some(v) = look(page, js).await {
            return v;
        }
    }
    panic!("`{js}` gave no string\n{}", describe(page).await)
}

/// Clicks the element matching `css`.
pub(crate) async fn click(page: &Page, css: &str) {
    let element = match page.find_element(css).await {
        Ok(e) => e,
        Err(e) => panic!("no element matches `{css}`: {e}\n{}", describe(page).await),
    };
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("click `{css}`: {e}"));
}

/// Types `text` into the input matching `css`.
pub(crate) async fn type_into(page: &Page, css: &str, text: &str) {
    let element = match page.find_element(css).await {
        Ok(e) => e,
        Err(e) => panic!("no element matches `{css}`: {e}\n{}", describe(page).await),
    };
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("focus `{css}`: {e}"));
    if text.is_ascii() {
        element
            .type_str(text)
            .await
            .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    } else {
        // Key events exist for ASCII only; accented letters come as a
        // keyboard layout or an input method would give them.
        page.execute(InsertTextParams::new(text))
            .await
            .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }
}

/// Signs in through the login form of the page (which must show it) and
/// waits to leave the login page.
pub(crate) async fn sign_in(page: &Page, email: &str, password: &str) {
    wait_for_selector(page, "form[action=\"/connexion\"] #email").await;
    type_into(page, "#email", email).await;
    type_into(page, "#password", password).await;
    click(page, "form[action=\"/connexion\"] button[type=submit]").await;
    let check = "location.pathname !== '/connexion' ? 'yes' : 'no'";
    wait_until(page, check, &format!("{email} to be signed in")).await;
}

/// Signs out through the header's button and waits for the login page.
async fn sign_out(page: &Page) {
    click(page, "form[action=\"/deconnexion\"] button.link").await;
    wait_for_path(page, "/connexion").await;
    wait_for_selector(page, "form[action=\"/connexion\"] #email").await;
}

/// A headless Chromium with a fresh profile, and what went wrong in its
/// pages (script errors, console errors, failed loads).
pub(crate) struct Browser {
    inner: chromiumoxide::Browser,
    handler: tokio::task::JoinHandle<()>,
    problems: Arc<Mutex<Vec<String>>>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) async fn launch(chromium: &Path) -> Browser {
        Browser::launch_sized(chromium, WIDTH, HEIGHT, false).await
    }

    /// A browser whose window is `width` × `height`, as a phone's when
    /// `mobile` (touch, device-width viewport).
    pub(crate) async fn launch_sized(
        chromium: &Path,
        width: u32,
        height: u32,
        mobile: bool,
    ) -> Browser {
        let profile = tempfile::tempdir().expect("a profile directory");
        let config = BrowserConfig::builder()
            .chrome_executable(chromium)
            .user_data_dir(profile.path())
            .no_sandbox()
            .window_size(width, height)
            .viewport(Viewport {
                width,
                height,
                emulating_mobile: mobile,
                has_touch: mobile,
                ..Viewport::default()
            })
            .arg("disable-gpu")
            .arg("disable-quic")
            .arg("disable-background-networking")
            .arg("disable-component-update")
            .arg("disable-sync")
            .arg("no-first-run")
            .build()
            .unwrap_or_else(|e| panic!("browser configuration: {e}"));
        let (inner, mut handler) = chromiumoxide::Browser::launch(config)
            .await
            .unwrap_or_else(|e| panic!("launch {}: {e}", chromium.display()));
        let handler = tokio::spawn(async move {
            while let Some(event) = handler.next().await {
                if event.is_err() {
                    break;
                }
            }
        });
        Browser {
            inner,
            handler,
            problems: Arc::default(),
            _profile: profile,
        }
    }

    /// A new tab watched for problems, showing `url` once loaded.
    pub(crate) async fn open(&self, url: &str) -> Page {
        let page = self.inner.new_page("about:blank").await.expect("a new tab");
        self.watch(&page).await;
        page.goto(url)
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
        page
    }

    /// Records the page's uncaught exceptions, console errors, error log
    /// entries (failed loads, CSP violations) and HTTP error responses.
    async fn watch(&self, page: &Page) {
        let mut exceptions = page
            .event_listener::<EventExceptionThrown>()
            .await
            .expect("listen for exceptions");
        let problems = Arc::clone(&self.problems);
        tokio::spawn(async move {
            while let Some(e) = exceptions.next().await {
                let d = &e.exception_details;
                let detail = d
                    .exception
                    .as_ref()
                    .and_then(|o| o.description.clone())
                    .unwrap_or_default();
                let at = d.url.clone().unwrap_or_default();
                record(
                    &problems,
                    format!("exception: {} {detail} at {at}:{}", d.text, d.line_number),
                );
            }
        });

        let mut console = page
            .event_listener::<EventConsoleApiCalled>()
            .await
            .expect("listen to the console");
        let problems = Arc::clone(&self.problems);
        tokio::spawn(async move {
            while let Some(e) = console.next().await {
                if e.r#type == ConsoleApiCalledType::Error {
                    let args: Vec<String> = e
                        .args
                        .iter()
                        .map(|a| match (&a.value, &a.description) {
                            (Some(v), _) => v.to_string(),
                            (None, Some(d)) => d.clone(),
                            (None, None) => String::new(),
                        })
                        .collect();
                    record(&problems, format!("console.error: {}", args.join(" ")));
                }
            }
        });

        let mut log = page
            .event_listener::<EventEntryAdded>()
            .await
            .expect("listen to the log");
        let problems = Arc::clone(&self.problems);
        tokio::spawn(async move {
            while let Some(e) = log.next().await {
                let entry = &e.entry;
                let url = entry.url.clone().unwrap_or_default();
                if entry.level == LogEntryLevel::Error && !url.ends_with("/favicon.ico") {
                    record(&problems, format!("log: {} ({url})", entry.text));
                }
            }
        });

        let mut responses = page
            .event_listener::<EventResponseReceived>()
            .await
            .expect("listen to responses");
        let problems = Arc::clone(&self.problems);
        tokio::spawn(async move {
            while let Some(e) = responses.next().await {
                let r = &e.response;
                if r.status >= 400 && !r.url.ends_with("/favicon.ico") {
                    record(&problems, format!("HTTP {} for {}", r.status, r.url));
                }
            }
        });
    }

    /// Fails when a page of this browser reported a problem.
    pub(crate) fn assert_no_problems(&self) {
        let problems = self.problems.lock().expect("problems lock").clone();
        assert!(
            problems.is_empty(),
            "the pages reported problems:\n{}",
            problems.join("\n")
        );
    }

    pub(crate) async fn close(mut self) {
        if self.inner.close().await.is_err() {
            let _ = self.inner.kill().await;
        }
        let _ = self.inner.wait().await;
        let _ = self.handler.await;
    }
}

fn record(problems: &Mutex<Vec<String>>, problem: String) {
    eprintln!("browser problem: {problem}");
    problems.lock().expect("problems lock").push(problem);
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_dashboard_language_logout() {
    let Some(chromium) = chromium_or_skip("login_dashboard_language_logout") else {
        return;
    };
    let app = TestApp::spawn_with_demo(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let email = "admin.navigateur@example.org";
    let password = app.create_user(email, Role::Admin, None).await;
    let browser = Browser::launch(&chromium).await;

    // The login page, in French by default.
    let page = browser.open(&app.url("/connexion")).await;
    wait_for_selector(&page, "form[action=\"/connexion\"] #email").await;
    assert_eq!(
        eval_str(&page, "document.documentElement.lang").await,
        "fr-CA"
    );
    screenshot(&page, "login-fr").await;

    // Signing in lands on the French dashboard.
    sign_in(&page, email, &password).await;
    wait_for_path(&page, "/").await;
    wait_for_text(&page, "Tableau de bord").await;
    let text = body_text(&page).await;
    assert!(
        text.contains("Bienvenue dans maillage"),
        "French dashboard:\n{text}"
    );
    assert!(text.contains("Se déconnecter"), "French dashboard:\n{text}");
    assert_eq!(
        eval_str(&page, "document.querySelector('h1').textContent.trim()").await,
        "Tableau de bord"
    );
    assert_eq!(
        eval_str(&page, "document.querySelector('a.lang').textContent.trim()").await,
        "English"
    );
    screenshot(&page, "dashboard-fr").await;

    // The language link switches to English and stays on the dashboard.
    click(&page, "a.lang").await;
    wait_for_text(&page, "Welcome to maillage").await;
    wait_for_path(&page, "/").await;
    let text = body_text(&page).await;
    assert!(text.contains("Dashboard"), "English dashboard:\n{text}");
    assert!(text.contains("Sign out"), "English dashboard:\n{text}");
    assert_eq!(
        eval_str(&page, "document.querySelector('h1').textContent.trim()").await,
        "Dashboard"
    );
    assert_eq!(
        eval_str(&page, "document.querySelector('a.lang').textContent.trim()").await,
        "Français"
    );
    assert_eq!(eval_str(&page, "document.documentElement.lang").await, "en");
    screenshot(&page, "dashboard-en").await;

    // Signing out shows the login page, still in English (a cookie).
    sign_out(&page).await;
    wait_for_text(&page, "You are signed out.").await;
    assert_eq!(eval_str(&page, "document.documentElement.lang").await, "en");
    screenshot(&page, "logged-out").await;

    // Signed out, `/` is the territory's home page.
    page.goto(app.url("/")).await.expect("open the home page");
    wait_for_selector(&page, "#home-intro").await;
    wait_for_path(&page, "/").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_invites_a_user() {
    let Some(chromium) = chromium_or_skip("admin_invites_a_user") else {
        return;
    };
    let app = TestApp::spawn_with_demo(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let admin = "admin.invitations@example.org";
    let admin_password = app.create_user(admin, Role::Admin, None).await;
    let browser = Browser::launch(&chromium).await;

    let page = browser.open(&app.url("/connexion")).await;
    sign_in(&page, admin, &admin_password).await;
    wait_for_text(&page, "Tableau de bord").await;

    // The users page, through the navigation.
    click(&page, "nav.main a[href=\"/admin/utilisateurs\"]").await;
    wait_for_path(&page, "/admin/utilisateurs").await;
    wait_for_selector(&page, "#users").await;
    wait_for_selector(&page, "#invite-email").await;
    assert!(
        body_text(&page).await.contains(admin),
        "the admin is listed\n{}",
        describe(&page).await
    );
    screenshot(&page, "users-fr").await;

    // Invite a coordinator of the first grouping of the demo.
    let invited = "coordination.invitee@example.org";
    let name = "Camille Invitée";
    type_into(&page, "#invite-email", invited).await;
    type_into(&page, "#invite-name", name).await;
    let role = eval_str(
        &page,
        "(() => { const s = document.querySelector('#invite-role'); s.value = 'coordinator'; \
         s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()",
    )
    .await;
    assert_eq!(role, "coordinator", "the role select offers coordinator");
    let grouping = eval_str(
        &page,
        "(() => { const s = document.querySelector('#invite-grouping'); \
         if (s.options.length < 2) return ''; s.selectedIndex = 1; \
         s.dispatchEvent(new Event('change', {bubbles: true})); \
         return s.options[1].text; })()",
    )
    .await;
    assert!(
        !grouping.is_empty(),
        "the demo has groupings\n{}",
        describe(&page).await
    );
    click(
        &page,
        "form[action=\"/admin/utilisateurs\"] button[type=submit]",
    )
    .await;

    // The one-time password is shown once.
    wait_for_selector(&page, "#one-time-password").await;
    let text = body_text(&page).await;
    assert!(
        text.contains(invited),
        "the page names the new account:\n{text}"
    );
    let one_time = eval_str(
        &page,
        "document.querySelector('#one-time-password').textContent",
    )
    .await;
    let one_time = one_time.trim().to_owned();
    assert!(one_time.len() >= 10, "a one-time password: {one_time:?}");
    screenshot(&page, "user-invited").await;

    // The new account is listed with its role.
    click(&page, "a.button[href=\"/admin/utilisateurs\"]").await;
    wait_for_selector(&page, &format!("#users tr[data-email=\"{invited}\"]")).await;
    let cell = |n: u8| {
        format!(
            "document.querySelector('#users tr[data-email=\"{invited}\"] td:nth-child({n})')\
             .textContent.replace(/\\s+/g, ' ').trim()"
        )
    };
    assert_eq!(eval_str(&page, &cell(1)).await, name);
    assert_eq!(
        eval_str(&page, &cell(3)).await,
        format!("Coordination · {grouping}")
    );

    // The new user signs in with the one-time password and must replace it.
    sign_out(&page).await;
    wait_for_text(&page, "Vous êtes déconnecté·e.").await;
    sign_in(&page, invited, &one_time).await;
    wait_for_path(&page, "/profil").await;
    wait_for_text(&page, "Remplacez d’abord votre mot de passe à usage unique").await;
    let text = body_text(&page).await;
    assert!(text.contains(name), "the profile shows the name:\n{text}");
    assert!(
        text.contains(&grouping),
        "the profile shows the grouping:\n{text}"
    );
    wait_for_selector(&page, "form[action=\"/profil/mot-de-passe\"] #new").await;
    screenshot(&page, "first-login-profile").await;

    // Until then, other pages send back to the profile.
    page.goto(app.url("/")).await.expect("open the dashboard");
    wait_for_path(&page, "/profil").await;
    wait_for_text(&page, "Remplacez d’abord votre mot de passe à usage unique").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// Directory
// ---------------------------------------------------------------------------

/// The demo, searchable: `spawn_with_demo` loads it after the index was
/// built, and the follower would catch up within a moment anyway.
async fn demo_app() -> TestApp {
    let app = TestApp::spawn_with_demo(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    maillage_web::search_sync::catch_up(&app.store, &app.search)
        .await
        .expect("the index catches up");
    app
}

async fn demo_org_id(app: &TestApp, name: &str) -> String {
    maillage_store::repo::directory_pages::organizations_with_aliases(&app.store)
        .await
        .expect("organizations")
        .into_iter()
        .find(|(_, n, _)| n == name)
        .unwrap_or_else(|| panic!("no organization named {name}"))
        .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_search_as_you_type() {
    let Some(chromium) = chromium_or_skip("directory_search_as_you_type") else {
        return;
    };
    let app = demo_app().await;
    let browser = Browser::launch(&chromium).await;

    // Public: no account needed.
    let page = browser.open(&app.url("/repertoire")).await;
    wait_for_selector(&page, "#q").await;
    wait_for_selector(&page, "#result-list .result").await;
    assert_eq!(
        eval_str(&page, "document.documentElement.lang").await,
        "fr-CA"
    );
    // htmx must be ready before typing (it is loaded with `defer`).
    wait_until(
        &page,
        "window.htmx && document.readyState === 'complete' ? 'yes' : 'no'",
        "htmx to load",
    )
    .await;
    // Set in this document: a page load would forget it.
    eval_str(&page, "(window.sameDocument = 'yes')").await;

    // Typed without accents, never submitted.
    type_into(&page, "#q", "femmes mieux etre jonq").await;
    let first = "(() => { const a = document.querySelector('#result-list .result a'); \
                 return a ? a.textContent.trim() : ''; })()";
    wait_until(
        &page,
        &format!(
            "{first} === {} ? 'yes' : 'no'",
            js_str("Centre de femmes Mieux-Être de Jonquière")
        ),
        "the organization to come first as one types",
    )
    .await;
    assert_eq!(
        eval_str(&page, "window.sameDocument || 'reloaded'").await,
        "yes",
        "the results came without a page load"
    );
    wait_until(
        &page,
        "location.pathname === '/repertoire' && location.search.includes('q=') ? 'yes' : 'no'",
        "the address to show the search",
    )
    .await;
    screenshot(&page, "directory-search").await;

    // A filter narrows the results in place too.
    eval_str(
        &page,
        "(() => { const s = document.querySelector('#f-type'); s.value = 'service'; \
         s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()",
    )
    .await;
    wait_until(
        &page,
        "document.querySelector('#result-list .result[data-kind=\"organization\"]') === null \
         && document.querySelector('#result-list .result[data-kind=\"service\"]') !== null \
         ? 'yes' : 'no'",
        "only services",
    )
    .await;

    // Following a result opens the organization's page.
    eval_str(
        &page,
        "(() => { const s = document.querySelector('#f-type'); s.value = ''; \
         s.dispatchEvent(new Event('change', {bubbles: true})); return 'ok'; })()",
    )
    .await;
    wait_until(
        &page,
        "document.querySelector('#result-list .result[data-kind=\"organization\"] a') ? 'yes' : 'no'",
        "organizations again",
    )
    .await;
    click(&page, "#result-list .result[data-kind=\"organization\"] a").await;
    wait_for_selector(&page, "#organisation").await;
    wait_for_text(&page, "Accueil et écoute").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinator_edits_an_organization() {
    let Some(chromium) = chromium_or_skip("coordinator_edits_an_organization") else {
        return;
    };
    let app = demo_app().await;
    let email = "coordination.repertoire@example.org";
    let password = app
        .create_user(email, Role::Coordinator, Some("table-de-test"))
        .await;
    let id = demo_org_id(&app, "Aide-Parents Plus").await;
    let browser = Browser::launch(&chromium).await;

    let page = browser
        .open(&app.url(&format!(
            "/connexion?suivant=/repertoire/organisations/{id}"
        )))
        .await;
    sign_in(&page, email, &password).await;
    wait_for_selector(&page, "#organisation").await;
    screenshot(&page, "organization").await;

    click(&page, "#edit-organization").await;
    wait_for_path(&page, &format!("/repertoire/organisations/{id}/modifier")).await;
    wait_for_selector(&page, "textarea#description").await;
    let new_text = "Soutien aux parents de Jonquière : écoute, ateliers et entraide.";
    eval_str(
        &page,
        "(() => { const t = document.querySelector('#description'); t.value = ''; return 'ok'; })()",
    )
    .await;
    type_into(&page, "#description", new_text).await;
    click(&page, "#save").await;

    wait_for_path(&page, &format!("/repertoire/organisations/{id}")).await;
    wait_for_text(&page, "Les modifications ont été enregistrées.").await;
    wait_for_text(&page, new_text).await;
    screenshot(&page, "organization-edited").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

/// Every other directory page, for a human to look at (and for the layout
/// warnings of `screenshot`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_pages_screenshots() {
    let Some(chromium) = chromium_or_skip("directory_pages_screenshots") else {
        return;
    };
    let app = demo_app().await;
    let email = "admin.repertoire@example.org";
    let password = app.create_user(email, Role::Admin, None).await;
    let id = demo_org_id(&app, "Centre de femmes Mieux-Être de Jonquière").await;
    let view = maillage_store::repo::directory::organization(&app.store, &id)
        .await
        .expect("read")
        .expect("exists");
    let service = view.services[0].get("id").cloned().expect("a service id");
    let browser = Browser::launch(&chromium).await;

    let page = browser.open(&app.url("/connexion")).await;
    sign_in(&page, email, &password).await;

    let pages = [
        ("/repertoire".to_owned(), "directory-list"),
        (format!("/repertoire/services/{service}"), "service"),
        (
            format!("/repertoire/services/{service}/modifier"),
            "service-form",
        ),
        (
            "/repertoire/organisations/nouvelle".to_owned(),
            "organization-new",
        ),
        (format!("/repertoire/organisations/{id}/fusionner"), "merge"),
        (
            format!("/repertoire/organisations/{id}/representants"),
            "representatives",
        ),
        ("/repertoire/a-verifier".to_owned(), "stale"),
        ("/repertoire/propositions".to_owned(), "proposals"),
        (
            "/repertoire/organisations/inconnue".to_owned(),
            "organization-404",
        ),
    ];
    for (path, name) in &pages {
        page.goto(app.url(path)).await.expect("open a page");
        wait_for_selector(&page, "main h1").await;
        screenshot(&page, name).await;
    }

    // The form with every message, and the confirmation of a merge.
    page.goto(app.url("/repertoire/organisations/nouvelle"))
        .await
        .expect("open the form");
    wait_for_selector(&page, "#website").await;
    type_into(&page, "#website", "pas-une-adresse").await;
    click(&page, "#save").await;
    wait_for_selector(&page, "#form-errors").await;
    screenshot(&page, "organization-new-errors").await;

    page.goto(app.url(&format!("/repertoire/organisations/{id}/fusionner")))
        .await
        .expect("open the merge page");
    wait_for_selector(&page, "#autre_id").await;
    let other = demo_org_id(&app, "Centre du Mieux-Vivre").await;
    type_into(&page, "#autre_id", &other).await;
    click(&page, "form.merge-form button[type=submit]").await;
    wait_for_selector(&page, "#confirm-merge").await;
    screenshot(&page, "merge-confirm").await;

    // In English.
    page.goto(app.url("/langue/en?suivant=/repertoire?q=parents"))
        .await
        .expect("switch to English");
    wait_for_text(&page, "Directory of organizations and services").await;
    screenshot(&page, "directory-search-en").await;

    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// Groupings and plans
// ---------------------------------------------------------------------------

/// A coordinator of the regional instance opens the plan, edits an action
/// (status and title), sees it on the plan, then reads the coverage portrait
/// with its gaps.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinator_edits_an_action_and_reads_the_portrait() {
    let Some(chromium) = chromium_or_skip("coordinator_edits_an_action_and_reads_the_portrait")
    else {
        return;
    };
    let app = demo_app().await;
    let email = "coordination.plans@example.org";
    let password = app
        .create_user(email, Role::Coordinator, Some("mobilisation-famille-slsj"))
        .await;
    let g = maillage_store::repo::groupings::find_by_slug(
        app.store.conn(),
        "mobilisation-famille-slsj",
    )
    .await
    .unwrap()
    .unwrap();
    let plan = maillage_store::repo::plans::plans_of(app.store.conn(), &[g.id])
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.title == "Plan d'action 2014-2017")
        .expect("the demo plan");
    let outline = maillage_store::repo::plans::outline(app.store.conn(), plan.id)
        .await
        .unwrap();
    let action = outline.actions()[0].model.id;
    let browser = Browser::launch(&chromium).await;

    let page = browser
        .open(&app.url(&format!("/connexion?suivant=/plans/{}", plan.id)))
        .await;
    sign_in(&page, email, &password).await;
    wait_for_selector(&page, "#plan").await;
    wait_for_selector(&page, "#plan-progress progress").await;
    screenshot(&page, "plan").await;

    page.goto(app.url(&format!("/actions/{action}")))
        .await
        .expect("the action page");
    wait_for_selector(&page, "#edit-action").await;
    click(&page, "#edit-action").await;
    wait_for_path(&page, &format!("/actions/{action}/modifier")).await;
    wait_for_selector(&page, "#action-form").await;
    screenshot(&page, "action-form").await;
    let title = "Répertoire des 13 activités porteuses (mis à jour)";
    eval_str(
        &page,
        "(() => { document.querySelector('#title').value = ''; document.querySelector('#status').value = 'realisee'; return 'ok'; })()",
    )
    .await;
    type_into(&page, "#title", title).await;
    click(&page, "#save").await;
    wait_for_path(&page, &format!("/actions/{action}")).await;
    wait_for_text(&page, "L’action a été enregistrée.").await;
    wait_for_text(&page, title).await;
    wait_for_text(&page, "Réalisée").await;
    screenshot(&page, "action").await;

    page.goto(app.url("/regroupements/mobilisation-famille-slsj/portrait"))
        .await
        .expect("the portrait");
    wait_for_selector(&page, "#coverage-matrix").await;
    wait_for_text(&page, "aucune action sur cette voie").await;
    let gaps = eval_str(
        &page,
        "String(document.querySelectorAll('#coverage-matrix td.gap').length)",
    )
    .await;
    assert!(
        gaps.parse::<usize>().unwrap_or(0) > 0,
        "the matrix shows gaps: {gaps}"
    );
    screenshot(&page, "portrait").await;

    page.goto(app.url("/regroupements/groupement-partenaires-0-5-becancour"))
        .await
        .expect("a grouping");
    wait_for_selector(&page, "#composition svg").await;
    screenshot(&page, "grouping").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// Events: registration and check-in
// ---------------------------------------------------------------------------

/// A published event of Commun'Enfant Jonquière with two sessions, for the
/// browser tests of the event pages.
async fn browser_event(app: &TestApp) -> (uuid::Uuid, uuid::Uuid) {
    use maillage_store::repo::events::{self, pages as event_pages};
    let g =
        maillage_store::repo::groupings::find_by_slug(app.store.conn(), "commun-enfant-jonquiere")
            .await
            .unwrap()
            .expect("the demo grouping");
    let session = |d: u32| events::SessionInput {
        date: chrono::NaiveDate::from_ymd_opt(2031, 5, d).unwrap(),
        starts_at: Some("09:00".to_owned()),
        ends_at: Some("16:00".to_owned()),
        place: Some("Le Calypso".to_owned()),
        address: Some("rue d'Auteuil, Jonquière".to_owned()),
    };
    let e = event_pages::create_event_with_session(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &events::EventInput {
            grouping_id: Some(g.id),
            title: "Regard sur les pratiques 2031".to_owned(),
            description: Some("Se connaître et se reconnaître afin de créer des ponts.".to_owned()),
            intentions: vec![
                "Mieux comprendre la réalité des différents réseaux".to_owned(),
                "Mieux collaborer ensemble".to_owned(),
            ],
            audience: Some("Personnes intervenantes auprès des familles".to_owned()),
            capacity: Some(150),
            status: maillage_store::entity::event::EventStatus::Published,
            registration_closes_on: None,
        },
        Some(&session(6)),
    )
    .await
    .unwrap();
    event_pages::add_session(&app.store, e.id, &session(27))
        .await
        .unwrap();
    let first = events::sessions(app.store.conn(), e.id).await.unwrap()[0].id;
    (e.id, first)
}

/// An anonymous participant registers, picking their organization among
/// the suggestions; a coordinator checks them in on the tablet page and
/// reads the attendance table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participant_registers_and_is_checked_in() {
    let Some(chromium) = chromium_or_skip("participant_registers_and_is_checked_in") else {
        return;
    };
    let app = demo_app().await;
    let (event, session) = browser_event(&app).await;
    let browser = Browser::launch(&chromium).await;

    let page = browser
        .open(&app.url(&format!("/evenements/{event}")))
        .await;
    wait_for_selector(&page, "#registration-form").await;
    wait_for_text(&page, "150 places restantes").await;
    screenshot(&page, "event-public").await;
    type_into(&page, "#name", "Josette Tremblay").await;
    type_into(&page, "#email", "josette@example.org").await;
    type_into(&page, "#organization_text", "Carrefour jeunesse").await;
    wait_for_selector(
        &page,
        "#org-options input[name=\"organization_id\"]:not([value=\"\"])",
    )
    .await;
    click(
        &page,
        "#org-options input[name=\"organization_id\"]:not([value=\"\"])",
    )
    .await;
    type_into(&page, "#role", "Intervenante").await;
    click(&page, "#register").await;
    wait_for_text(&page, "Inscription confirmée").await;
    wait_for_text(&page, "votre inscription est confirmée").await;
    wait_for_selector(&page, "#personal-href").await;
    screenshot(&page, "event-registered").await;
    let regs = maillage_store::repo::events::registrations(app.store.conn(), event)
        .await
        .unwrap();
    assert_eq!(regs.len(), 1);
    let org = regs[0]
        .organization_id
        .clone()
        .expect("the picked organization");
    assert_eq!(
        demo_org_id(&app, "Carrefour jeunesse-emploi Saguenay").await,
        org
    );
    let registration = regs[0].id;

    let email = "accueil.jonquiere@example.org";
    let password = app
        .create_user(email, Role::Coordinator, Some("commun-enfant-jonquiere"))
        .await;
    let checkin = format!("/evenements/{event}/seances/{session}/accueil");
    let page = browser
        .open(&app.url(&format!("/connexion?suivant={checkin}")))
        .await;
    sign_in(&page, email, &password).await;
    wait_for_selector(&page, "#checkin-list").await;
    assert_eq!(
        eval_str(
            &page,
            "document.querySelector('#count-present').textContent"
        )
        .await,
        "0"
    );
    type_into(&page, "#q", "josette").await;
    wait_for_selector(&page, &format!("#r-{registration}")).await;
    click(&page, &format!("#r-{registration} button[type=submit]")).await;
    wait_until(
        &page,
        "document.querySelector('#count-present') && document.querySelector('#count-present').textContent === '1' ? 'yes' : 'no'",
        "the present count to become 1",
    )
    .await;
    wait_for_text(&page, "Présence notée.").await;
    screenshot(&page, "event-checkin").await;

    page.goto(app.url(&format!("/evenements/{event}/presences")))
        .await
        .expect("the attendance table");
    wait_for_selector(&page, "#attendance-grid").await;
    wait_for_text(&page, "Carrefour jeunesse-emploi Saguenay").await;
    wait_for_selector(&page, "#secteurs svg").await;
    screenshot(&page, "event-attendance").await;

    page.goto(app.url(&format!("/evenements/{event}/gestion")))
        .await
        .expect("the management page");
    wait_for_selector(&page, "#registrants").await;
    wait_for_text(&page, "Josette Tremblay").await;
    screenshot(&page, "event-manage").await;
    page.goto(app.url("/evenements"))
        .await
        .expect("the list of events");
    wait_for_text(&page, "Regard sur les pratiques 2031").await;
    screenshot(&page, "event-list").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// Events: the bilan
// ---------------------------------------------------------------------------

/// The coordinator opens the bilan of an event shaped like seed 004, edits
/// its first section and sees the edit; the page printed (print media)
/// hides the forms and the navigation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinator_edits_the_bilan() {
    let Some(chromium) = chromium_or_skip("coordinator_edits_the_bilan") else {
        return;
    };
    let app = demo_app().await;
    let event = crate::events_report::osons_event(&app).await;
    let email = "coordination.bilan@example.org";
    let password = app
        .create_user(email, Role::Coordinator, Some("table-de-test"))
        .await;
    let browser = Browser::launch(&chromium).await;
    let page = browser
        .open(&app.url(&format!("/connexion?suivant=/evenements/{event}/bilan")))
        .await;
    sign_in(&page, email, &password).await;
    wait_for_selector(&page, "#bilan #section-presences #bilan-grille").await;
    wait_for_selector(&page, "#bilan-secteurs-figure svg").await;
    wait_for_text(&page, "Osons l'aventure").await;
    screenshot(&page, "bilan").await;

    click(&page, "#section-origine summary").await;
    wait_for_selector(&page, "#contenu-origine").await;
    eval_str(
        &page,
        "(() => { document.querySelector('#contenu-origine').value = ''; return 'ok'; })()",
    )
    .await;
    let text = "Lancée en 2017, cette action émane du regroupement Commun'Enfant.";
    type_into(&page, "#contenu-origine", text).await;
    click(&page, "#save-origine").await;
    wait_for_text(&page, "La section a été enregistrée.").await;
    wait_for_selector(&page, "#section-origine .report-edited").await;
    let shown = eval_str(
        &page,
        "document.querySelector('#texte-origine').textContent",
    )
    .await;
    assert!(shown.contains(text), "the edit is shown: {shown}");
    wait_for_selector(&page, "#reset-origine").await;

    page.execute(
        chromiumoxide::cdp::browser_protocol::emulation::SetEmulatedMediaParams::builder()
            .media("print")
            .build(),
    )
    .await
    .expect("emulate print media");
    let hidden = eval_str(
        &page,
        "[...document.querySelectorAll('.report-edit, header.site nav.main, #bilan-downloads')].every((el) => getComputedStyle(el).display === 'none') ? 'yes' : 'no'",
    )
    .await;
    assert_eq!(hidden, "yes", "print hides forms and navigation");
    screenshot(&page, "bilan-print").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// Events: teams, canvas and evaluation
// ---------------------------------------------------------------------------

/// The coordinator splits the registrants into tables mixing sectors and
/// adds the canvas « Regard sur les pratiques »; a participant fills it on
/// their personal page, then answers the evaluation once; the coordinator
/// reads the results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_canvas_and_evaluation() {
    let Some(chromium) = chromium_or_skip("teams_canvas_and_evaluation") else {
        return;
    };
    let app = demo_app().await;
    let (event, _) = browser_event(&app).await;
    let orgs = [
        "Carrefour jeunesse-emploi Saguenay",
        "Aide-Parents Plus",
        "Ville de Saguenay",
        "Centre d'intervention familiale Le Transit",
    ];
    let mut tokens = Vec::new();
    for (i, name) in orgs.iter().cycle().take(8).enumerate() {
        let org = Some(demo_org_id(&app, name).await);
        let r = maillage_store::repo::events::register(
            &app.store,
            event,
            &maillage_store::repo::events::RegistrationInput {
                name: format!("Participante {i}"),
                email: format!("participante{i}@example.org"),
                organization_id: org,
                ..Default::default()
            },
            chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            |_, _| "Confirmation".to_owned(),
        )
        .await
        .unwrap()
        .expect("registered");
        tokens.push(r.token);
    }
    let email = "animation.jonquiere@example.org";
    let password = app
        .create_user(email, Role::Coordinator, Some("commun-enfant-jonquiere"))
        .await;
    let browser = Browser::launch(&chromium).await;
    let page = browser
        .open(&app.url(&format!("/connexion?suivant=/evenements/{event}/equipes")))
        .await;
    sign_in(&page, email, &password).await;
    wait_for_selector(&page, "#auto-split").await;
    eval_str(
        &page,
        "(() => { document.querySelector('#team-count').value = ''; return 'ok'; })()",
    )
    .await;
    type_into(&page, "#team-count", "2").await;
    click(&page, "#auto-split").await;
    wait_for_text(&page, "en mélangeant les secteurs").await;
    wait_for_text(&page, "Table 2").await;
    screenshot(&page, "event-teams").await;

    page.goto(app.url(&format!("/evenements/{event}/canevas")))
        .await
        .expect("the canvas page");
    click(&page, "#canvas-preset button").await;
    wait_for_text(&page, "LES BONS COUPS ET LES DÉFIS").await;
    // Tabs left in the background stall navigations: the coordinator's
    // steps come first, the participant's tab next, the results in a new tab.
    page.goto(app.url(&format!("/evenements/{event}/evaluation")))
        .await
        .expect("the survey builder");
    click(&page, "#evaluation-preset button").await;
    wait_for_text(&page, "Votre sujet chouchou pour la prochaine rencontre").await;

    let me = browser
        .open(&app.url(&format!("/evenements/{event}/moi/{}", tokens[0])))
        .await;
    wait_for_selector(&me, "#my-team-name").await;
    wait_for_selector(&me, "#canevas textarea").await;
    type_into(
        &me,
        "#canevas textarea",
        "Créer des ponts pour le mieux-être des familles",
    )
    .await;
    click(&me, "#save-canvas").await;
    wait_for_text(&me, "Vos réponses sont enregistrées.").await;
    screenshot(&me, "event-personal-page").await;

    me.goto(app.url(&format!(
        "/evenements/{event}/evaluation/repondre?jeton={}",
        tokens[0]
    )))
    .await
    .expect("the evaluation");
    wait_for_selector(&me, "#send-evaluation").await;
    click(&me, ".survey-question .scale input[value=\"5\"]").await;
    click(&me, "#send-evaluation").await;
    wait_for_text(&me, "Votre évaluation est enregistrée.").await;
    wait_for_path(&me, &format!("/evenements/{event}/evaluation/repondre")).await;

    let page = browser
        .open(&app.url(&format!("/evenements/{event}/evaluation/resultats")))
        .await;
    wait_for_text(&page, "1 réponse").await;
    wait_for_selector(&page, ".survey-result svg").await;
    screenshot(&page, "event-evaluation-results").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// Network (helper N)
// ---------------------------------------------------------------------------

/// A member opens the grouping's network page and its interactive view:
/// the wheel zooms (the viewBox changes), hovering an organization
/// highlights its neighbours; then the event's network with its new links.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn network_page_and_interactive_view() {
    let Some(chromium) = chromium_or_skip("network_page_and_interactive_view") else {
        return;
    };
    let app = TestApp::spawn(Db::Sqlite)
        .await
        .expect("SQLite is always available");
    let f = crate::network::network_fixture(&app).await;
    let email = "reseau.navigateur@example.org";
    let password = app
        .create_user(email, Role::Coordinator, Some(crate::network::GROUPING))
        .await;
    let browser = Browser::launch(&chromium).await;
    let page = browser
        .open(&app.url(&format!(
            "/connexion?suivant=/regroupements/{}/reseau",
            crate::network::GROUPING
        )))
        .await;
    sign_in(&page, email, &password).await;
    wait_for_selector(&page, "#network-svg.is-interactive .net-node").await;
    wait_for_selector(&page, "#croissance svg").await;
    let before = eval_str(
        &page,
        "document.querySelector('#network-svg').getAttribute('viewBox')",
    )
    .await;
    eval_str(
        &page,
        "(() => { const s = document.querySelector('#network-svg'); const r = s.getBoundingClientRect(); \
         s.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, clientX: r.left + r.width / 2, \
         clientY: r.top + r.height / 2, bubbles: true, cancelable: true })); return 'ok'; })()",
    )
    .await;
    let after = eval_str(
        &page,
        "document.querySelector('#network-svg').getAttribute('viewBox')",
    )
    .await;
    assert_ne!(before, after, "the wheel zooms");
    // Hover: the node and its neighbours stand out.
    let focused = eval_str(
        &page,
        "(() => { const n = document.querySelector('#network-svg .net-node'); \
         n.dispatchEvent(new MouseEvent('mouseenter')); \
         const s = document.querySelector('#network-svg'); \
         return s.classList.contains('has-focus') && n.classList.contains('is-focus') ? 'yes' : 'no'; })()",
    )
    .await;
    assert_eq!(focused, "yes");
    eval_str(
        &page,
        "(() => { document.querySelector('#network-svg .net-node').dispatchEvent(new MouseEvent('mouseleave')); return 'ok'; })()",
    )
    .await;
    // The reset button brings the whole network back.
    click(&page, ".network-toolbar button[data-zoom='reset']").await;
    let reset = eval_str(
        &page,
        "document.querySelector('#network-svg').getAttribute('viewBox')",
    )
    .await;
    assert_eq!(reset, before);
    screenshot(&page, "network").await;

    page.goto(app.url(&format!("/evenements/{}/reseau", f.event)))
        .await
        .expect("event network");
    wait_for_selector(&page, "#seance-2 .network-new-count").await;
    let second = eval_str(
        &page,
        "document.querySelector('#seance-2 .network-new-count').textContent",
    )
    .await;
    assert_eq!(second, "5 nouveaux liens");
    wait_for_selector(&page, "#network-svg.is-interactive").await;
    screenshot(&page, "network-event").await;

    // The person level, offered to the grouping's coordinator: the four
    // people present, interactive too, and no e-mail anywhere.
    page.goto(app.url(&format!(
        "/regroupements/{}/reseau?niveau=personnes",
        crate::network::GROUPING
    )))
    .await
    .expect("person level");
    wait_for_selector(&page, "#network-svg.is-interactive .net-node").await;
    let level = eval_str(
        &page,
        "document.querySelector('input[name=niveau]:checked').value",
    )
    .await;
    assert_eq!(level, "personnes");
    let people = eval_str(
        &page,
        "document.querySelector('#network-nodes').textContent.trim()",
    )
    .await;
    assert_eq!(people, "4");
    let html = eval_str(&page, "document.documentElement.outerHTML").await;
    assert!(!html.contains("@exemple.ca"), "no e-mail on the page");
    screenshot(&page, "network-people").await;

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------
// The public face on a phone
// ---------------------------------------------------------------------------

/// The width of a common phone (an iPhone 12 to 15), in CSS pixels.
const PHONE_WIDTH: u32 = 390;
const PHONE_HEIGHT: u32 = 844;

/// Fails when the page is wider than its viewport, naming what sticks out.
async fn assert_fits(page: &Page, name: &str) {
    let overflow = look(page, HORIZONTAL_OVERFLOW).await.unwrap_or_default();
    assert!(
        overflow.is_empty(),
        "{name} at {PHONE_WIDTH} px: {overflow}"
    );
}

/// An anonymous visitor on a phone goes from the home page to an event,
/// registers, and lands on the confirmation page (post/redirect/get: a
/// reload shows it again), every page as wide as the phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_home_to_registration_on_a_phone() {
    let Some(chromium) = chromium_or_skip("anonymous_home_to_registration_on_a_phone") else {
        return;
    };
    let app = demo_app().await;
    let (event, _) = browser_event(&app).await;
    let browser = Browser::launch_sized(&chromium, PHONE_WIDTH, PHONE_HEIGHT, true).await;

    let page = browser.open(&app.url("/")).await;
    wait_for_selector(&page, "#home-intro").await;
    wait_for_selector(&page, "#home-search input[name=\"q\"]").await;
    assert_eq!(
        eval_str(&page, "String(document.documentElement.clientWidth)").await,
        PHONE_WIDTH.to_string()
    );
    screenshot(&page, "home-390").await;
    assert_fits(&page, "the home page").await;

    let link = format!("#home-events a[href=\"/evenements/{event}\"]");
    wait_for_selector(&page, &link).await;
    click(&page, &link).await;
    wait_for_path(&page, &format!("/evenements/{event}")).await;
    wait_for_selector(&page, "#registration-form").await;
    screenshot(&page, "event-390").await;
    assert_fits(&page, "the event page").await;

    type_into(&page, "#name", "Josette Tremblay").await;
    type_into(&page, "#email", "josette@example.org").await;
    type_into(&page, "#organization_text", "Organisme de quartier").await;
    click(&page, "#register").await;
    wait_for_text(&page, "Inscription confirmée").await;
    wait_for_selector(&page, "#registration-summary").await;
    let path = eval_str(&page, "location.pathname").await;
    assert!(
        path.starts_with(&format!("/evenements/{event}/moi/")) && path.ends_with("/inscription"),
        "the confirmation has its own address: {path}"
    );
    let text = body_text(&page).await;
    assert!(text.contains("6 mai 2031"), "{text}");
    assert!(text.contains("Le Calypso"), "{text}");
    assert!(!text.contains("Aucun serveur de courriel"), "{text}");
    assert!(
        !text.contains("Bonjour Josette"),
        "no raw e-mail text: {text}"
    );
    let url = eval_str(
        &page,
        "document.querySelector('#personal-href').textContent",
    )
    .await;
    assert!(
        url.starts_with("http://"),
        "the personal link in full: {url}"
    );
    screenshot(&page, "registered-390").await;
    assert_fits(&page, "the confirmation page").await;

    // A reload shows the confirmation again (no « Action non permise »).
    page.reload().await.expect("reload the confirmation");
    wait_for_text(&page, "Inscription confirmée").await;
    let regs = maillage_store::repo::events::registrations(app.store.conn(), event)
        .await
        .unwrap();
    assert_eq!(regs.len(), 1, "one registration, however often it is shown");

    browser.assert_no_problems();
    browser.close().await;
    app.stop().await;
}
