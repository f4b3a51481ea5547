//! Benchmark of issue 18 (docs/perf.md, *Referrals*): the purge of a
//! million closed referrals while the application serves requests, and
//! the inbox of a service with 10,000 referrals.
//!
//! `cargo run --release --example bench_referrals -p maillage`
//! (`MAILLAGE_BENCH_REFERRALS=N`: N closed referrals instead of 1,000,000;
//! `MAILLAGE_BENCH_INBOX=N`: an inbox of N instead of 10,000)
//!
//! On SQLite in a temporary directory (the default database, and the one
//! where one writer at a time makes a long purge a risk for requests):
//!
//! 1. a grouping, a CLSC and two community organizations (members), a
//!    service of each, a member account of the first receiver;
//! 2. N closed referrals, closed two years ago, each with its person and
//!    one history line with a comment, written by batched raw inserts,
//!    10,000 referrals per transaction;
//! 3. the application on port 0; a signed-in client of the receiver and an
//!    anonymous one; 200 requests of each page before the purge (idle);
//! 4. `referrals_purge::purge` as the daily task runs it (batches of 500,
//!    a 20 ms pause between them), while the two clients request their
//!    pages one after the other without pause; the purge's time, and the
//!    latencies of each page during it;
//! 5. an inbox of 10,000 referrals for the second receiver (in the same
//!    database, beside the million): 20 warm-ups then 200 requests of its
//!    first page (50 rows) through the store (`referrals::list_box`) and,
//!    when the routes are there, `GET /references?boite=recues` and
//!    `GET /api/v1/referrals?box=inbox`;
//! 6. one JSON line per measurement on stdout, then a table.
//!
//! The pages measured during the purge are the inbox (`/references`) when
//! the branch serves it, else the account's page (`/profil`: a session
//! and an account read per request), and `/healthz`. Every response is
//! checked (status 200). Times are reported, never asserted.

#![expect(
    clippy::cast_precision_loss,
    reason = "statistics of a few thousand requests"
)]

#[path = "bench_common/mod.rs"]
mod common;

use common::{
    BenchDb, Line, csrf_of, emit, emit_machine, line, ms, percentiles, print_table, serve,
};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use maillage_domain::directory::{OrganizationInput, ServiceInput};
use maillage_domain::{Email, Role, password};
use maillage_store::Store;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::referrals::{self, BoxFilter, BoxKind};
use maillage_store::repo::referrals_purge::{self, Batches};
use maillage_store::repo::{accounts, groupings, organizations};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, Query};
use serde_json::json;
use uuid::Uuid;

const REFERRALS: usize = 1_000_000;
const INBOX: usize = 10_000;
const PER_TRANSACTION: usize = 10_000;
const PER_STATEMENT: usize = 500;
const IDLE_REQUESTS: usize = 200;
const WARMUP: usize = 20;
const REQUESTS: usize = 200;
const MEMBER_EMAIL: &str = "accueil@banc-references.test";

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Scene {
    grouping: Uuid,
    sender: String,
    receiver: String,
    receiver_service: String,
    second: String,
    second_service: String,
    member_password: String,
}

async fn organization(store: &Store, name: &str, sector: &str, grouping: Uuid) -> String {
    let id = organizations::create_organization(
        store,
        &Actor::system(),
        &OrganizationInput {
            name: name.to_owned(),
            sector: sector.to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("organization");
    groupings::add_member(store.conn(), grouping, &id)
        .await
        .expect("membership");
    id
}

async fn service(store: &Store, organization: &str, name: &str) -> String {
    organizations::create_service(
        store,
        &Actor::system(),
        organization,
        &ServiceInput {
            name: name.to_owned(),
            status: "active".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("service")
}

async fn scene(store: &Store) -> Scene {
    let g = groupings::upsert(
        store.conn(),
        "banc-references",
        "Table du banc d'essai des références",
        maillage_domain::plans::GroupingKind::LocalGrouping,
        None,
    )
    .await
    .expect("grouping");
    let sender = organization(
        store,
        "CLSC du banc d'essai",
        "sante-services-sociaux",
        g.id,
    )
    .await;
    let receiver = organization(store, "Maison de la famille du banc", "communautaire", g.id).await;
    let second = organization(store, "Carrefour jeunesse du banc", "communautaire", g.id).await;
    let receiver_service = service(store, &receiver, "Halte-garderie").await;
    let second_service = service(store, &second, "Aide aux devoirs").await;
    let member_password = format!("mot-de-passe-{}", Uuid::new_v4().simple());
    let user = accounts::create_user(
        store,
        &Actor::system(),
        accounts::NewUser {
            email: Email::parse(MEMBER_EMAIL).expect("e-mail"),
            display_name: "Accueil".to_owned(),
            password_hash: password::hash(&member_password).expect("hash"),
            role: Role::Member,
            grouping_id: Some(g.id),
            must_change_password: false,
        },
    )
    .await
    .expect("member");
    accounts::set_organization(store, &Actor::system(), user.id, Some(second.clone()))
        .await
        .expect("organization of the member");
    Scene {
        grouping: g.id,
        sender,
        receiver,
        receiver_service,
        second,
        second_service,
        member_password,
    }
}

/// Where seeded referrals go.
struct Target<'a> {
    scene: &'a Scene,
    to: &'a str,
    service: &'a str,
    sent_at: DateTime<Utc>,
    /// Closed at this instant (plus one second per referral), or open.
    closed: Option<DateTime<Utc>>,
}

/// The three inserts of referrals `from..to_index`: the referrals, their
/// people, their history lines.
#[expect(
    clippy::too_many_lines,
    reason = "one row of each of the three tables, column by column"
)]
fn statements(
    target: &Target<'_>,
    from: usize,
    to_index: usize,
) -> [sea_orm::sea_query::InsertStatement; 3] {
    let status = if target.closed.is_some() {
        "closed"
    } else {
        "sent"
    };
    let until = chrono::NaiveDate::from_ymd_opt(2099, 12, 31).expect("a date");
    let mut referrals_q = Query::insert();
    referrals_q.into_table(Alias::new("referrals")).columns(
        [
            "id",
            "grouping_id",
            "from_organization_id",
            "to_organization_id",
            "service_id",
            "service_name",
            "reason",
            "urgency",
            "status",
            "consent_given_by",
            "consent_shared",
            "consent_until",
            "consent_at",
            "sent_at",
            "due_at",
            "acknowledged_at",
            "closed_at",
            "updated_at",
            "version",
        ]
        .map(Alias::new),
    );
    let mut people_q = Query::insert();
    people_q.into_table(Alias::new("referral_people")).columns(
        [
            "referral_id",
            "first_name",
            "contact",
            "language",
            "age_group",
            "note",
        ]
        .map(Alias::new),
    );
    let mut events_q = Query::insert();
    events_q.into_table(Alias::new("referral_events")).columns(
        [
            "id",
            "referral_id",
            "at",
            "actor_name",
            "side",
            "from_status",
            "to_status",
            "comment",
        ]
        .map(Alias::new),
    );
    for k in from..to_index {
        let id = Uuid::new_v4();
        let offset = chrono::Duration::seconds(i64::try_from(k).unwrap_or(0));
        let sent = target.sent_at + offset;
        let closed_at = target.closed.map(|c| c + offset);
        let at = closed_at.unwrap_or(sent);
        referrals_q.values_panic([
            Expr::val(id),
            Expr::val(target.scene.grouping),
            Expr::val(target.scene.sender.as_str()),
            Expr::val(target.to),
            Expr::val(target.service),
            Expr::val("Service du banc d'essai"),
            Expr::val(format!("Motif écrit à la main n° {k}")),
            Expr::val("normal"),
            Expr::val(status),
            Expr::val("person"),
            Expr::val("prénom, téléphone, motif"),
            Expr::val(until),
            Expr::val(sent),
            Expr::val(sent),
            Expr::val(sent + chrono::Duration::days(5)),
            Expr::val(closed_at.map(|_| sent)),
            Expr::val(closed_at),
            Expr::val(at),
            Expr::val(1),
        ]);
        people_q.values_panic([
            Expr::val(id),
            Expr::val(format!("Prénom{k}")),
            Expr::val(format!("819 555-{:04}", k % 10_000)),
            Expr::val("fr"),
            Expr::val("25-64"),
            Expr::val("Une note de quelques mots entre les deux organismes."),
        ]);
        events_q.values_panic([
            Expr::val(Uuid::new_v4()),
            Expr::val(id),
            Expr::val(at),
            Expr::val("Accueil"),
            Expr::val("receiver"),
            Expr::val(closed_at.map(|_| "completed")),
            Expr::val(status),
            Expr::val("Un commentaire sur la suite donnée."),
        ]);
    }
    [referrals_q, people_q, events_q]
}

/// `count` referrals to the target, `PER_TRANSACTION` per transaction.
async fn seed(store: &Store, target: &Target<'_>, count: usize) -> Duration {
    let started = Instant::now();
    let mut done = 0;
    while done < count {
        let txn = store.write().await.expect("transaction");
        let end = (done + PER_TRANSACTION).min(count);
        let mut from = done;
        while from < end {
            let stop = (from + PER_STATEMENT).min(end);
            for statement in statements(target, from, stop) {
                txn.execute(&statement).await.expect("insert");
            }
            from = stop;
        }
        txn.commit().await.expect("commit");
        done = end;
        if done % 100_000 == 0 || done == count {
            eprintln!(
                "  {done} referrals written ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    started.elapsed()
}

async fn member_client(base: &str, password: &str) -> reqwest::Client {
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
    let token = csrf_of(&login).expect("CSRF token");
    let r = http
        .post(format!("{base}/connexion"))
        .form(&[
            ("email", MEMBER_EMAIL),
            ("password", password),
            ("csrf", token.as_str()),
        ])
        .send()
        .await
        .expect("POST /connexion");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the member signs in");
    http
}

async fn timed_get(http: &reqwest::Client, url: &str) -> Duration {
    let t = Instant::now();
    let r = http.get(url).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK, "{url}");
    r.bytes().await.expect("body");
    t.elapsed()
}

async fn answers(http: &reqwest::Client, url: &str) -> bool {
    http.get(url)
        .send()
        .await
        .is_ok_and(|r| r.status() == StatusCode::OK)
}

/// Requests `url` one after the other until `stop`; the latencies.
fn hammer(
    http: reqwest::Client,
    url: String,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<Vec<Duration>> {
    tokio::spawn(async move {
        let mut l = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            l.push(timed_get(&http, &url).await);
        }
        l
    })
}

#[expect(clippy::too_many_lines, reason = "the steps of the docs, in order")]
#[tokio::main]
async fn main() {
    let total = env_count("MAILLAGE_BENCH_REFERRALS", REFERRALS);
    let inbox = env_count("MAILLAGE_BENCH_INBOX", INBOX);
    emit_machine(false);
    let db = BenchDb::sqlite();
    let store = Store::open_and_migrate(&db.url).await.expect("database");
    let bench = scene(&store).await;
    let mut table: Vec<Line> = Vec::new();

    let two_years_ago = Utc::now() - chrono::Duration::days(730);
    eprintln!("seeding {total} closed referrals…");
    let seeding = seed(
        &store,
        &Target {
            scene: &bench,
            to: &bench.receiver,
            service: &bench.receiver_service,
            sent_at: two_years_ago,
            closed: Some(two_years_ago),
        },
        total,
    )
    .await;
    emit(
        "referrals_seed",
        db.label,
        &json!({"referrals": total, "seconds": seeding.as_secs_f64()}),
    );

    let server = serve(&store).await;
    let base = format!("http://{}", server.addr);
    let member = member_client(&base, &bench.member_password).await;
    let anonymous = reqwest::Client::new();
    let inbox_page = format!("{base}/references?boite=recues");
    let inbox_api = format!("{base}/api/v1/referrals?box=inbox");
    let page = if answers(&member, &inbox_page).await {
        inbox_page.clone()
    } else {
        format!("{base}/profil")
    };
    let health = format!("{base}/healthz");
    let page_name = page.trim_start_matches(&base).to_owned();

    let mut idle = Vec::new();
    let mut idle_health = Vec::new();
    for _ in 0..IDLE_REQUESTS {
        idle.push(timed_get(&member, &page).await);
        idle_health.push(timed_get(&anonymous, &health).await);
    }
    for (what, latencies) in [
        (format!("GET {page_name}, idle"), idle),
        ("GET /healthz, idle".to_owned(), idle_health),
    ] {
        let result =
            json!({"latency_ms": percentiles(latencies.clone()), "requests": latencies.len()});
        emit(
            "page_idle",
            db.label,
            &json!({"what": what, "result": result}),
        );
        table.push(line(db.label, &what, &result));
    }

    let stop = Arc::new(AtomicBool::new(false));
    let pages = hammer(member.clone(), page.clone(), stop.clone());
    let healths = hammer(anonymous.clone(), health.clone(), stop.clone());
    let started = Instant::now();
    let purged = referrals_purge::purge(&store, Utc::now(), &Batches::default(), &|_| {})
        .await
        .expect("purge");
    let purge_time = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let during = pages.await.expect("page task");
    let during_health = healths.await.expect("health task");
    assert_eq!(
        usize::try_from(purged).ok(),
        Some(total),
        "every referral purged"
    );
    emit(
        "referrals_purge",
        db.label,
        &json!({"purged": purged, "seconds": purge_time.as_secs_f64(), "per_second": purged as f64 / purge_time.as_secs_f64(), "batch": Batches::default().size, "pause_ms": ms(Batches::default().pause)}),
    );
    for (what, latencies) in [
        (
            format!("GET {page_name} during the purge of {total}"),
            during,
        ),
        (
            format!("GET /healthz during the purge of {total}"),
            during_health,
        ),
    ] {
        let result =
            json!({"latency_ms": percentiles(latencies.clone()), "requests": latencies.len()});
        emit(
            "page_during_purge",
            db.label,
            &json!({"what": what, "result": result}),
        );
        table.push(line(db.label, &what, &result));
    }

    eprintln!("seeding an inbox of {inbox}…");
    seed(
        &store,
        &Target {
            scene: &bench,
            to: &bench.second,
            service: &bench.second_service,
            sent_at: Utc::now() - chrono::Duration::days(30),
            closed: None,
        },
        inbox,
    )
    .await;
    let user = accounts::find_by_email(store.conn(), &Email::parse(MEMBER_EMAIL).expect("e-mail"))
        .await
        .expect("account")
        .expect("the member");
    let view = accounts::view(&store, user.id)
        .await
        .expect("view")
        .expect("the member");
    let principal = view.principal();
    let actor = referrals::Actor {
        user_id: user.id,
        name: &user.display_name,
        organization_id: user.organization_id.as_deref(),
        principal: &principal,
        ip: None,
    };
    let filter = BoxFilter {
        page: 1,
        per_page: 50,
        ..BoxFilter::default()
    };
    let mut store_l = Vec::new();
    for k in 0..WARMUP + REQUESTS {
        let started = Instant::now();
        let box_page = referrals::list_box(&store, &actor, BoxKind::Inbox, &filter, Utc::now())
            .await
            .expect("inbox");
        assert_eq!(usize::try_from(box_page.total).ok(), Some(inbox));
        if k >= WARMUP {
            store_l.push(started.elapsed());
        }
    }
    let what = format!("store list_box, inbox of {inbox}, first page of 50");
    let result = json!({"latency_ms": percentiles(store_l.clone()), "requests": store_l.len()});
    emit("inbox", db.label, &json!({"what": what, "result": result}));
    table.push(line(db.label, &what, &result));
    for url in [inbox_page, inbox_api] {
        let name = url.trim_start_matches(&base).to_owned();
        if !answers(&member, &url).await {
            emit(
                "inbox",
                db.label,
                &json!({"what": format!("GET {name}"), "result": "route not served by this build"}),
            );
            continue;
        }
        let mut latencies = Vec::new();
        for k in 0..WARMUP + REQUESTS {
            let took = timed_get(&member, &url).await;
            if k >= WARMUP {
                latencies.push(took);
            }
        }
        let what = format!("GET {name}, inbox of {inbox}");
        let result =
            json!({"latency_ms": percentiles(latencies.clone()), "requests": latencies.len()});
        emit("inbox", db.label, &json!({"what": what, "result": result}));
        table.push(line(db.label, &what, &result));
    }

    let _ = server.shutdown.send(());
    let _ = server.task.await;
    eprintln!(
        "purge of {total}: {:.1} s ({:.0} referrals/s); seeding {:.1} s",
        purge_time.as_secs_f64(),
        total as f64 / purge_time.as_secs_f64(),
        seeding.as_secs_f64()
    );
    print_table(&table);
}
