//! What the `bench_*` examples share: how a result line is printed, a
//! fresh database on either backend, and an HTTP client signed in as an
//! admin. Included by each example with `#[path]` (an example is its own
//! crate), so each uses only part of it.
#![allow(
    dead_code,
    reason = "each example uses part of this module; `expect` would be unfulfilled in the others"
)]

use std::time::Duration;

use maillage_domain::{Email, Role, password};
use maillage_store::Store;
use maillage_store::repo::accounts;
use maillage_store::repo::audit::Actor;
use maillage_web::{AppState, WebConfig};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sea_orm::ConnectionTrait;
use serde_json::json;
use tokio::sync::oneshot;

pub fn profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

pub fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "unknown".to_owned(),
            |o| String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        )
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

/// One JSON line, as `bench/directory.sh` prints them.
pub fn emit(measure: &str, db: &str, result: &serde_json::Value) {
    println!(
        "{}",
        json!({"measure": measure, "db": db, "profile": profile(), "load_average": load_average(), "result": result})
    );
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

/// p50, p95, p99, max and mean in milliseconds (nearest-rank).
pub fn percentiles(mut l: Vec<Duration>) -> serde_json::Value {
    l.sort_unstable();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a rank among a few hundred samples"
    )]
    let at = |p: f64| {
        let rank = (p * l.len() as f64).ceil() as usize;
        ms(l[rank.clamp(1, l.len()) - 1])
    };
    let mean = l.iter().sum::<Duration>() / u32::try_from(l.len()).expect("a few hundred");
    json!({"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": ms(*l.last().expect("samples")), "mean": ms(mean)})
}

/// A fresh database: SQLite in a temporary directory, or a new PostgreSQL
/// database (dropped by [`BenchDb::drop_database`]).
pub struct BenchDb {
    pub label: &'static str,
    pub url: String,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl BenchDb {
    pub fn sqlite() -> BenchDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        BenchDb {
            label: "sqlite",
            url: maillage_store::default_database_url(dir.path()),
            _dir: dir,
            pg: None,
        }
    }

    /// `admin_url` comes from the variable `env` (named in the message
    /// when the server cannot be reached).
    pub async fn postgres(admin_url: &str, env: &str) -> BenchDb {
        let name = format!("maillage_bench_{}", uuid::Uuid::new_v4().simple());
        let admin = sea_orm::Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach {env}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create the benchmark database");
        admin.close().await.ok();
        let mut url = url::Url::parse(admin_url).expect("a PostgreSQL URL");
        url.set_path(&format!("/{name}"));
        BenchDb {
            label: "postgresql",
            url: url.to_string(),
            _dir: tempfile::tempdir().expect("temporary directory"),
            pg: Some((admin_url.to_owned(), name)),
        }
    }

    pub async fn drop_database(&self) {
        if let Some((admin_url, name)) = &self.pg
            && let Ok(admin) = sea_orm::Database::connect(admin_url).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
            admin.close().await.ok();
        }
    }
}

pub fn csrf_of(html: &str) -> Option<String> {
    const START: &str = "name=\"csrf\" value=\"";
    let from = html.find(START)? + START.len();
    let len = html[from..].find('"')?;
    Some(html[from..from + len].to_owned())
}

/// A client signed in as a new admin `email`.
pub async fn admin_client(store: &Store, base: &str, email: &str) -> reqwest::Client {
    let pw = format!("mot-de-passe-{}", uuid::Uuid::new_v4().simple());
    accounts::create_user(
        store,
        &Actor::system(),
        accounts::NewUser {
            email: Email::parse(email).expect("e-mail"),
            display_name: "Banc d'essai".to_owned(),
            password_hash: password::hash(&pw).expect("hash"),
            role: Role::Admin,
            grouping_id: None,
            must_change_password: false,
        },
    )
    .await
    .expect("create the admin");
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("HTTP client");
    let login = http
        .get(format!("{base}/connexion"))
        .send()
        .await
        .expect("GET /connexion")
        .text()
        .await
        .expect("login page");
    let token = csrf_of(&login).expect("the login page has a CSRF token");
    let r = http
        .post(format!("{base}/connexion"))
        .form(&[
            ("email", email),
            ("password", pw.as_str()),
            ("csrf", token.as_str()),
        ])
        .send()
        .await
        .expect("POST /connexion");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the admin signs in");
    http
}

/// The first line of a run: the machine, and where the figures come from.
pub fn emit_machine(postgresql: bool) {
    emit(
        "machine",
        "-",
        &json!({
            "cpus": std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
            "date": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            // HEAD when the program runs, which may be newer than the
            // tree it was built from when others commit meanwhile.
            "head_at_run": commit(),
            "profile": profile(),
            "postgresql": postgresql,
        }),
    );
}

/// The application on port 0 of this process.
pub struct Server {
    pub addr: std::net::SocketAddr,
    pub shutdown: oneshot::Sender<()>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

pub async fn serve(store: &Store) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind port 0");
    let addr = listener.local_addr().expect("local address");
    let search = maillage_web::search_sync::in_memory(store)
        .await
        .expect("search index");
    let state = AppState::new(store.clone(), WebConfig::default(), search);
    let (shutdown, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(maillage_web::serve(listener, state, async {
        let _ = rx.await;
    }));
    Server {
        addr,
        shutdown,
        task,
    }
}

/// One row of the summary table printed at the end.
pub struct Line {
    pub db: &'static str,
    pub what: String,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// A row from a result with `latency_ms` percentiles.
pub fn line(db: &'static str, what: &str, r: &serde_json::Value) -> Line {
    let f = |k: &str| r["latency_ms"][k].as_f64().unwrap_or(f64::NAN);
    Line {
        db,
        what: what.to_owned(),
        p50: f("p50"),
        p95: f("p95"),
        p99: f("p99"),
        max: f("max"),
    }
}

pub fn print_table(table: &[Line]) {
    let f = |x: f64| {
        if x.is_nan() {
            "–".to_owned()
        } else {
            format!("{x:.2}")
        }
    };
    eprintln!();
    eprintln!(
        "{:<11} {:<84} {:>9} {:>9} {:>9} {:>9}",
        "database", "measure (ms)", "p50", "p95", "p99", "max"
    );
    for l in table {
        eprintln!(
            "{:<11} {:<84} {:>9} {:>9} {:>9} {:>9}",
            l.db,
            l.what,
            f(l.p50),
            f(l.p95),
            f(l.p99),
            f(l.max)
        );
    }
}
