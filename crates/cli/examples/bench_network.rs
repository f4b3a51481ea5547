//! Benchmark of issue 7 (the network page for 20,000 organizations):
//! render time of `/regroupements/{slug}/reseau` once the layout is cached,
//! and of the first (cold) view that computes it.
//!
//! `cargo run --release --example bench_network -p maillage`
//!
//! On SQLite in a temporary directory: 20,000 organizations (sectors in
//! turn) members of one grouping, 1,250 events of two sessions each with 8
//! organizations drawn (seeded) at each session — about 70,000 links from
//! co-attendance. The app on port 0 in this process, an admin signed in,
//! one cold request, then 5 warm-up and 200 timed sequential GETs (status
//! 200 and the SVG checked). One JSON line per measurement on stdout.
//! Times are reported, never asserted.

#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "statistics of a few dozen requests"
)]

#[path = "bench_common/mod.rs"]
mod common;

use common::{admin_client, ms, profile, serve};

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use maillage_domain::charts::SECTOR_CODES;
use maillage_store::Store;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{events, groupings};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Query};
use serde_json::json;

const ORGS: usize = 20_000;
const EVENTS: usize = 1_250;
const PER_SESSION: usize = 8;
const WARMUP: usize = 5;
const REQUESTS: usize = 200;
const SLUG: &str = "banc-reseau";
const ADMIN_EMAIL: &str = "banc-reseau@example.org";

/// SplitMix64, for a reproducible draw.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

async fn build(store: &Store) -> uuid::Uuid {
    let conn = store.conn();
    let g = groupings::upsert(
        conn,
        SLUG,
        "Banc d'essai du réseau",
        maillage_domain::plans::GroupingKind::LocalGrouping,
        None,
    )
    .await
    .expect("grouping");
    let now = Utc::now();
    let ids: Vec<String> = (0..ORGS).map(|i| format!("banc-org-{i:05}")).collect();
    for chunk in ids.chunks(500) {
        let mut q = Query::insert()
            .into_table(Alias::new("organizations"))
            .columns(["id", "name", "sector", "created_at", "updated_at"].map(Alias::new))
            .to_owned();
        for id in chunk {
            let n: usize = id[9..].parse().unwrap_or(0);
            q.values_panic([
                id.clone().into(),
                format!("Organisme {n:05}").into(),
                SECTOR_CODES[n % SECTOR_CODES.len()].to_owned().into(),
                now.into(),
                now.into(),
            ]);
        }
        conn.execute(&q).await.expect("organizations");
        let mut m = Query::insert()
            .into_table(Alias::new("memberships"))
            .columns(["grouping_id", "organization_id", "created_at", "role"].map(Alias::new))
            .to_owned();
        for id in chunk {
            m.values_panic([g.id.into(), id.clone().into(), now.into(), "member".into()]);
        }
        conn.execute(&m).await.expect("memberships");
    }
    let mut rng = Rng(7);
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    for e in 0..EVENTS {
        let event = events::create_event(
            store,
            &Actor::system(),
            &events::EventInput {
                grouping_id: Some(g.id),
                title: format!("Rencontre {e}"),
                status: maillage_store::entity::event::EventStatus::Published,
                ..Default::default()
            },
        )
        .await
        .expect("event");
        let mut q = Query::insert()
            .into_table(Alias::new("attendance"))
            .columns(
                [
                    "event_id",
                    "session_id",
                    "organization_id",
                    "source",
                    "created_at",
                ]
                .map(Alias::new),
            )
            .to_owned();
        for s in 0..2 {
            let day = start + chrono::Days::new((e * 3 + s * 30) as u64);
            let session = events::ensure_session(
                conn,
                event.id,
                &events::SessionInput {
                    date: day,
                    ..Default::default()
                },
            )
            .await
            .expect("session");
            let mut seen = std::collections::HashSet::new();
            while seen.len() < PER_SESSION {
                seen.insert(rng.below(ORGS));
            }
            for o in seen {
                q.values_panic([
                    event.id.into(),
                    session.id.into(),
                    ids[o].clone().into(),
                    "grid".into(),
                    now.into(),
                ]);
            }
        }
        conn.execute(&q).await.expect("attendance");
    }
    g.id
}

async fn get(http: &reqwest::Client, url: &str) -> (Duration, usize) {
    let t = Instant::now();
    let r = http.get(url).send().await.expect("GET");
    let status = r.status();
    let body = r.text().await.expect("body");
    let d = t.elapsed();
    assert_eq!(status, StatusCode::OK, "{url}");
    assert!(
        body.contains("id=\"network-svg\""),
        "the page has its drawing"
    );
    (d, body.len())
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let store = Store::open_and_migrate(&url).await.expect("store");
    let t = Instant::now();
    build(&store).await;
    let built = t.elapsed();
    println!(
        "{}",
        json!({"measure": "build", "db": "sqlite", "profile": profile(), "organizations": ORGS,
               "events": EVENTS, "ms": ms(built)})
    );
    let server = serve(&store).await;
    let base = format!("http://{}", server.addr);
    let http = admin_client(&store, &base, ADMIN_EMAIL).await;
    let page = format!("{base}/regroupements/{SLUG}/reseau");
    let (cold, bytes) = get(&http, &page).await;
    println!(
        "{}",
        json!({"measure": "network_page_cold", "db": "sqlite", "profile": profile(),
               "ms": ms(cold), "bytes": bytes})
    );
    for _ in 0..WARMUP {
        get(&http, &page).await;
    }
    let mut times = Vec::new();
    for _ in 0..REQUESTS {
        times.push(get(&http, &page).await.0);
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{}",
        json!({"measure": "network_page_cached", "db": "sqlite", "profile": profile(),
               "requests": REQUESTS, "p50_ms": ms(at(0.5)), "p95_ms": ms(at(0.95)),
               "p99_ms": ms(at(0.99)), "max_ms": ms(at(1.0)), "bytes": bytes})
    );
    // For looking at what the page is made of.
    if let Ok(path) = std::env::var("MAILLAGE_BENCH_SAVE_PAGE") {
        let body = http
            .get(&page)
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        std::fs::write(path, body).expect("save the page");
    }
    let _ = server.shutdown.send(());
    let _ = server.task.await;
}
