//! `TestApp`: the real application on port 0 against a fresh database
//! (SQLite in a temporary directory, or a new PostgreSQL database created on
//! `MAILLAGE_TEST_POSTGRES_URL` and dropped afterwards), and `TestClient`,
//! a browser-like HTTP client with its own cookies and CSRF handling.
//!
//! Without `MAILLAGE_TEST_POSTGRES_URL` the PostgreSQL half of a test is
//! skipped, unless `MAILLAGE_REQUIRE_POSTGRES=1` (CI): then it fails.

use std::net::SocketAddr;

use maillage_domain::{Email, Role, password};
use maillage_store::Store;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::pages as event_pages;
use maillage_store::repo::events::{EventInput, SessionInput};
use maillage_store::repo::{accounts, groupings, plans};
use maillage_web::{AppState, WebConfig};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sea_orm::ConnectionTrait;
use tokio::sync::oneshot;

pub const POSTGRES_ENV: &str = "MAILLAGE_TEST_POSTGRES_URL";
/// Set to `1`, a PostgreSQL half may not be skipped for want of a URL.
pub const REQUIRE_POSTGRES_ENV: &str = "MAILLAGE_REQUIRE_POSTGRES";

/// The PostgreSQL server the tests create their databases on; `None`
/// skips the PostgreSQL half of a test. Panics instead when
/// `MAILLAGE_REQUIRE_POSTGRES=1`, so that CI never skips it silently.
pub fn postgres_admin_url() -> Option<String> {
    let url = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty());
    assert!(
        url.is_some() || std::env::var(REQUIRE_POSTGRES_ENV).as_deref() != Ok("1"),
        "{POSTGRES_ENV} is not set, but {REQUIRE_POSTGRES_ENV}=1 forbids skipping \
         the PostgreSQL half of this test"
    );
    url
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A PostgreSQL database made for one test and dropped after it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop cannot await; a short-lived runtime on its own thread can.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let admin = sea_orm::Database::connect(&admin_url).await.ok()?;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
                Some(())
            })
        })
        .join();
    }
}

/// The URL of `database` on the server of `admin_url`.
fn with_database(admin_url: &str, database: &str) -> String {
    let mut url = url::Url::parse(admin_url).expect("MAILLAGE_TEST_POSTGRES_URL is a URL");
    url.set_path(&format!("/{database}"));
    url.to_string()
}

/// A fresh, migrated database for one test; `None` for PostgreSQL when
/// `MAILLAGE_TEST_POSTGRES_URL` is not set.
pub struct TestDb {
    pub url: String,
    pub dir: tempfile::TempDir,
    _pg: Option<PgDatabase>,
}

impl TestDb {
    pub async fn new(db: Db) -> Option<TestDb> {
        let dir = tempfile::tempdir().expect("temporary directory");
        match db {
            Db::Sqlite => Some(TestDb {
                url: maillage_store::default_database_url(dir.path()),
                dir,
                _pg: None,
            }),
            Db::Postgres => {
                let admin_url = postgres_admin_url()?;
                let name = format!("maillage_test_{}", uuid::Uuid::new_v4().simple());
                let admin = sea_orm::Database::connect(&admin_url)
                    .await
                    .expect("cannot reach MAILLAGE_TEST_POSTGRES_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create the test database");
                let _ = admin.close().await;
                Some(TestDb {
                    url: with_database(&admin_url, &name),
                    dir,
                    _pg: Some(PgDatabase { admin_url, name }),
                })
            }
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub search: std::sync::Arc<maillage_search::SearchIndex>,
    pub db: TestDb,
    /// The server's live fan-out (tests publish a change made in the store).
    pub live: std::sync::Arc<maillage_app::live_hub::LiveHub>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> Option<TestApp> {
        Self::spawn_with_config(db, WebConfig::default()).await
    }

    /// Like `spawn`, with web settings of its own (an SMTP relay…).
    pub async fn spawn_with_config(db: Db, config: WebConfig) -> Option<TestApp> {
        let db = TestDb::new(db).await?;
        let store = Store::open_and_migrate(&db.url)
            .await
            .expect("open and migrate");
        Some(Self::serve_with(db, store, config).await)
    }

    /// Like `spawn`, with the demo territory loaded (and indexed) first.
    pub async fn spawn_with_demo(db: Db) -> Option<TestApp> {
        let db = TestDb::new(db).await?;
        let store = Store::open_and_migrate(&db.url)
            .await
            .expect("open and migrate");
        maillage_store::demo::load(&store)
            .await
            .expect("demo loads");
        Some(Self::serve(db, store).await)
    }

    /// Another node on the same database, with its own search index, as
    /// behind a load balancer (the database is dropped with the first node).
    pub async fn second_node(&self) -> TestApp {
        let store = Store::open_and_migrate(&self.db.url)
            .await
            .expect("second node connects");
        let db = TestDb {
            url: self.db.url.clone(),
            dir: tempfile::tempdir().unwrap(),
            _pg: None,
        };
        Self::serve(db, store).await
    }

    /// Applies pending changes to the search index now (the server's
    /// follower would within a poll interval).
    pub async fn sync_search(&self) {
        maillage_web::search_sync::catch_up(&self.store, &self.search)
            .await
            .expect("index follows");
    }

    async fn serve(db: TestDb, store: Store) -> TestApp {
        Self::serve_with(db, store, WebConfig::default()).await
    }

    async fn serve_with(db: TestDb, store: Store, config: WebConfig) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let search = maillage_web::search_sync::in_memory(&store)
            .await
            .expect("search index");
        let state = AppState::new(store.clone(), config, search.clone());
        let live = state.live.clone();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(maillage_web::serve(listener, state, async {
            let _ = rx.await;
        }));
        TestApp {
            addr,
            store,
            db,
            search,
            live,
            shutdown: Some(tx),
            server: Some(server),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A new visitor with an empty cookie jar.
    pub fn client(&self) -> TestClient {
        TestClient {
            base: format!("http://{}", self.addr),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .expect("HTTP client"),
        }
    }

    /// Creates an account directly in the store and returns its password.
    pub async fn create_user(&self, email: &str, role: Role, grouping: Option<&str>) -> String {
        let grouping_id = match grouping {
            Some(slug) => Some(self.grouping(slug).await),
            None => None,
        };
        let pw = format!(
            "mot-de-passe-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        accounts::create_user(
            &self.store,
            &Actor::system(),
            accounts::NewUser {
                email: Email::parse(email).expect("test e-mail"),
                display_name: email.split('@').next().unwrap_or("x").to_owned(),
                password_hash: password::hash(&pw).expect("hash"),
                role,
                grouping_id,
                must_change_password: false,
            },
        )
        .await
        .expect("create user");
        pw
    }

    /// The id of a grouping, created on the fly when missing.
    pub async fn grouping(&self, slug: &str) -> uuid::Uuid {
        // An existing grouping (the demo's) keeps its name and parent.
        if let Some(g) = groupings::find_by_slug(self.store.conn(), slug)
            .await
            .expect("grouping lookup")
        {
            return g.id;
        }
        groupings::upsert(
            self.store.conn(),
            slug,
            &format!("Regroupement {slug}"),
            maillage_domain::plans::GroupingKind::LocalGrouping,
            None,
        )
        .await
        .expect("grouping")
        .id
    }

    /// A signed-in client for a new account with `role`.
    /// The id of the plan titled `title` in the grouping `slug`.
    pub async fn plan_id(&self, slug: &str, title: &str) -> uuid::Uuid {
        let g = groupings::find_by_slug(self.store.conn(), slug)
            .await
            .unwrap()
            .expect("grouping");
        plans::plans_of(self.store.conn(), &[g.id])
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.title == title)
            .unwrap_or_else(|| panic!("plan {title}"))
            .id
    }

    /// A published event of the test grouping, with the session given.
    pub async fn published_event(
        &self,
        title: &str,
        capacity: Option<i32>,
        session: Option<&SessionInput>,
    ) -> uuid::Uuid {
        let grouping_id = self.grouping("table-de-test").await;
        event_pages::create_event_with_session(
            &self.store,
            &Actor::system(),
            &EventInput {
                grouping_id: Some(grouping_id),
                title: title.to_owned(),
                capacity,
                status: maillage_store::entity::event::EventStatus::Published,
                ..EventInput::default()
            },
            session,
        )
        .await
        .expect("create the event")
        .id
    }

    pub async fn signed_in(&self, email: &str, role: Role) -> TestClient {
        let grouping = role.is_scoped().then_some("table-de-test");
        let pw = self.create_user(email, role, grouping).await;
        let client = self.client();
        let r = client.login(email, &pw).await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "login of {email} should succeed"
        );
        client
    }

    pub async fn user_id(&self, email: &str) -> uuid::Uuid {
        accounts::find_by_email(self.store.conn(), &Email::parse(email).unwrap())
            .await
            .unwrap()
            .expect("user exists")
            .id
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.store.clone().close().await;
    }
}

/// A signed-in client for a new account holding `role` in the grouping
/// `slug` (created on the fly when missing).
pub async fn member_of(app: &TestApp, email: &str, role: Role, slug: &str) -> TestClient {
    let pw = app.create_user(email, role, Some(slug)).await;
    let client = app.client();
    assert_eq!(
        client.login(email, &pw).await.status(),
        StatusCode::SEE_OTHER
    );
    client
}

/// Extracts the CSRF token of the first form of a page.
pub fn csrf_of(html: &str) -> Option<String> {
    const START: &str = "name=\"csrf\" value=\"";
    let from = html.find(START)? + START.len();
    let len = html[from..].find('"')?;
    Some(html[from..from + len].to_owned())
}

pub struct TestClient {
    pub base: String,
    pub http: reqwest::Client,
}

impl TestClient {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// Status and body, with askama's entity escapes undone so that tests
    /// can look for French text as written.
    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        let status = r.status();
        (status, body(r).await)
    }

    /// The CSRF token this visitor's forms carry (from the login page when
    /// signed out, from the profile page when signed in).
    pub async fn csrf(&self) -> String {
        let (_, html) = self.get_text("/profil").await;
        if let Some(t) = csrf_of(&html) {
            return t;
        }
        let (_, html) = self.get_text("/connexion").await;
        csrf_of(&html).expect("the login page has a CSRF token")
    }

    /// Posts a form with this visitor's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &token));
        self.http
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form exactly as given (no token added).
    pub async fn post_form_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/connexion", &[("email", email), ("password", password)])
            .await
    }
}

/// The body of a page, with askama's entity escapes undone.
pub async fn body(r: reqwest::Response) -> String {
    r.text()
        .await
        .expect("body")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether the response is the page that asks a signed-out visitor to sign
/// in (401, with a button to `/connexion?suivant=…`): pages that need an
/// account answer so rather than redirect.
pub fn asks_sign_in(r: &reqwest::Response) -> bool {
    r.status() == StatusCode::UNAUTHORIZED && location(r).is_empty()
}

/// The target of the sign-in page's button (`/connexion?suivant=…`).
pub fn sign_in_button(html: &str) -> String {
    let start = "id=\"sign-in-button\" href=\"";
    let from = html.find(start).expect("the sign-in button") + start.len();
    let len = html[from..].find('"').expect("the end of the href");
    html[from..from + len]
        .replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Makes a response stable for a snapshot: what differs from one run, one
/// database or one day to the next becomes a placeholder. Every UUID becomes
/// `[id-N]`, numbered in order of first appearance (so that the same id
/// reads the same everywhere in a snapshot), a timestamp (`2026-12-07T…`)
/// becomes `[timestamp]`, today's date `[today]`, and the value of a CSRF
/// field or header `[csrf]`.
#[derive(Default)]
pub struct Redactions {
    ids: Vec<String>,
}

impl Redactions {
    pub fn new() -> Redactions {
        Redactions::default()
    }

    /// `text` with its ids, timestamps, today's date and CSRF tokens replaced.
    pub fn text(&mut self, text: &str) -> String {
        let text = self.uuids(text);
        let text = redact_csrf(&text);
        let text = redact_timestamps(&text);
        let today = chrono::Utc::now().date_naive().to_string();
        text.replace(&today, "[today]")
    }

    /// `value` with every string (and object key) redacted as `text` does.
    pub fn json(&mut self, value: &serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(s) => Value::String(self.text(s)),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.json(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (self.text(k), self.json(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn uuids(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(id) = rest.get(..36).filter(|c| uuid::Uuid::try_parse(c).is_ok()) {
                let id = id.to_ascii_lowercase();
                let n = if let Some(i) = self.ids.iter().position(|known| *known == id) {
                    i + 1
                } else {
                    self.ids.push(id);
                    self.ids.len()
                };
                out.push_str("[id-");
                out.push_str(&n.to_string());
                out.push(']');
                rest = &rest[36..];
            } else {
                let c = rest.chars().next().expect("not empty");
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }
}

/// The value of every `name="csrf" value="…"` field and `"x-csrf-token": "…"`
/// header as `[csrf]`.
fn redact_csrf(text: &str) -> String {
    let mut text = text.to_owned();
    for start in ["name=\"csrf\" value=\"", "\"x-csrf-token\": \""] {
        let mut from = 0;
        while let Some(at) = text[from..].find(start) {
            let value = from + at + start.len();
            let len = text[value..].find('"').unwrap_or(0);
            text.replace_range(value..value + len, "[csrf]");
            from = value + "[csrf]".len();
        }
    }
    text
}

/// Every RFC 3339 timestamp (`2026-12-07T06:10:00.123+00:00`, `…Z`) as
/// `[timestamp]`.
fn redact_timestamps(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i + 19 <= bytes.len() {
        let shape = b"dddd-dd-ddTdd:dd:dd";
        let is_stamp = bytes[i..i + 19].iter().zip(shape).all(|(b, s)| match s {
            b'd' => b.is_ascii_digit(),
            s => b == s,
        });
        if !is_stamp {
            i += 1;
            continue;
        }
        let mut end = i + 19;
        if bytes.get(end) == Some(&b'.') {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        match bytes.get(end) {
            Some(b'Z') => end += 1,
            Some(b'+' | b'-')
                if bytes.get(end + 1..end + 6).is_some_and(|z| {
                    z[0].is_ascii_digit() && z[1].is_ascii_digit() && z[2] == b':'
                }) =>
            {
                end += 6;
            }
            _ => {}
        }
        out.push_str(&text[copied..i]);
        out.push_str("[timestamp]");
        i = end;
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}
