//! Benchmark of issue 5 (docs/perf.md, *Action plans*): plan import of 2,000
//! rows, and render time of the plan page, the coverage portrait (matrix)
//! and `/api/v1/plans/{id}` for a plan of 2,000 actions and for a regional
//! roll-up over 50 local groupings.
//!
//! `cargo run --release --example bench_plans -p maillage`
//!
//! On SQLite in a temporary directory, then, when
//! `MAILLAGE_BENCH_POSTGRES_URL` is set (e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`), on a new PostgreSQL
//! database created there and dropped afterwards. Steps, on each database:
//!
//! 1. the demo territory (`maillage_store::demo::load`);
//! 2. a 2,000-row plan file built in memory (5 orientations × 10 strategies
//!    × 40 actions, one in four a sub-task; leads and partners among the
//!    demo organizations, pathways among those of `mobilisation-famille-slsj`,
//!    every status), written as CSV, then imported as `maillage import plan`
//!    does (read the grid, read the plan, check and write in one
//!    transaction), 3 times into 3 new plans of 3 new local groupings;
//! 3. 50 local groupings under `mobilisation-famille-slsj`, each with one
//!    published plan of 40 actions;
//! 4. the app on port 0 in this process, an admin signed in, 20 warm-up
//!    requests then 300 sequential GETs of each page, every response checked
//!    (status 200 and the expected content);
//! 5. one JSON line per measurement on stdout, then a table.
//!
//! Times are reported, never asserted.

#![expect(
    clippy::cast_precision_loss,
    reason = "statistics of a few hundred requests"
)]

#[path = "bench_common/mod.rs"]
mod common;

use common::{
    BenchDb, Line, admin_client, emit, emit_machine, line, median, ms, percentiles, print_table,
    serve,
};

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use maillage_domain::names::{Candidate, Match, Matcher};
use maillage_domain::plans::PlanStatus;
use maillage_interop::grid::read_grid_bytes;
use maillage_interop::plan_file::{PlanRow, read_plan, write_plan_csv};
use maillage_store::Store;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::plans::PlanInput;
use maillage_store::repo::{directory_pages, groupings};
use reqwest::StatusCode;
use serde_json::json;

const POSTGRES_ENV: &str = "MAILLAGE_BENCH_POSTGRES_URL";
const REGIONAL: &str = "mobilisation-famille-slsj";
const IMPORT_RUNS: usize = 3;
const LOCAL_GROUPINGS: usize = 50;
const WARMUP: usize = 20;
const REQUESTS: usize = 300;
const ADMIN_EMAIL: &str = "banc-essai@example.org";

const STATUSES: [Option<&str>; 6] = [
    Some("à venir"),
    Some("en cours"),
    Some("réalisée"),
    Some("en cours"),
    Some("reportée"),
    Some("abandonnée"),
];

// ---------------------------------------------------------------- database

// ---------------------------------------------------------------- plan files

/// What a generated plan draws from.
struct Names {
    /// Organization names the directory matches exactly (no ambiguity).
    orgs: Vec<String>,
    /// The pathways of the regional instance.
    pathways: Vec<String>,
}

/// `orientations × strategies × actions` rows; one action in four (the
/// fourth of each run) is a sub-task of the first; `seed` shifts the
/// choices so that plans differ.
fn plan_rows(
    names: &Names,
    orientations: usize,
    strategies: usize,
    actions: usize,
    seed: usize,
) -> Vec<PlanRow> {
    let base = NaiveDate::from_ymd_opt(2024, 9, 1).expect("a date");
    let orgs = &names.orgs;
    let pathways = &names.pathways;
    let mut rows = Vec::with_capacity(orientations * strategies * actions);
    for o in 0..orientations {
        let orientation = format!("Orientation {} : agir ensemble pour les familles", o + 1);
        let year = Some(format!("{}-{}", 2024 + o % 3, 2025 + o % 3));
        for s in 0..strategies {
            let strategy = format!("Stratégie {}.{} : mobiliser les partenaires", o + 1, s + 1);
            for a in 0..actions {
                let n = seed + rows.len();
                let title = |a: usize| {
                    format!("Action {}.{}.{} : activité de soutien", o + 1, s + 1, a + 1)
                };
                let partners = (0..n % 4)
                    .map(|k| orgs[(n * 7 + k * 13 + 1) % orgs.len()].clone())
                    .collect();
                let wanted: Vec<String> = match n % 10 {
                    9 => Vec::new(),
                    k if k % 3 == 0 => vec![
                        pathways[n % pathways.len()].clone(),
                        pathways[(n + 1) % pathways.len()].clone(),
                    ],
                    _ => vec![pathways[n % pathways.len()].clone()],
                };
                let start = base + chrono::Days::new((n % 365) as u64);
                rows.push(PlanRow {
                    orientation: orientation.clone(),
                    year: year.clone(),
                    strategy: strategy.clone(),
                    action: title(a),
                    parent: (a % 4 == 3).then(|| title(a - 3)),
                    description: n.is_multiple_of(2).then(|| {
                        format!(
                            "Rencontres et ateliers offerts aux familles du territoire (lot {n})."
                        )
                    }),
                    leads: vec![orgs[(n * 3) % orgs.len()].clone()],
                    partners,
                    pathways: wanted,
                    audience: n
                        .is_multiple_of(3)
                        .then(|| "Familles d'enfants de 0 à 5 ans".to_owned()),
                    start: Some(start),
                    end: Some(start + chrono::Days::new(90 + (n % 200) as u64)),
                    status: STATUSES[n % STATUSES.len()].map(str::to_owned),
                    budget: (!n.is_multiple_of(5)).then(|| (1_000 + (n % 40) * 250) as f64),
                    ..PlanRow::default()
                });
            }
        }
    }
    rows
}

async fn names(store: &Store) -> Names {
    let orgs = directory_pages::organizations_with_aliases(store)
        .await
        .expect("organizations");
    let all: Vec<String> = orgs.iter().map(|(_, name, _)| name.clone()).collect();
    let matcher =
        Matcher::new(
            orgs.into_iter()
                .map(|(id, name, aliases)| Candidate { id, name, aliases }),
        );
    let orgs: Vec<String> = all
        .into_iter()
        .filter(|name| matches!(matcher.find(name), Match::Exact { .. }))
        .collect();
    let regional = groupings::find_by_slug(store.conn(), REGIONAL)
        .await
        .expect("grouping")
        .expect("the demo has the SLSJ instance");
    let pathways: Vec<String> = groupings::pathways(store.conn(), regional.id)
        .await
        .expect("pathways")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(
        !orgs.is_empty() && !pathways.is_empty(),
        "demo organizations and pathways"
    );
    Names { orgs, pathways }
}

/// A grouping (created) with the regional pathways.
async fn grouping_with_pathways(
    store: &Store,
    slug: &str,
    name: &str,
    parent: Option<uuid::Uuid>,
    pathways: &[String],
) -> uuid::Uuid {
    let g = groupings::upsert(
        store.conn(),
        slug,
        name,
        maillage_domain::plans::GroupingKind::LocalGrouping,
        parent,
    )
    .await
    .expect("grouping");
    for p in pathways {
        groupings::create_pathway_in(store.conn(), g.id, p, None)
            .await
            .expect("pathway");
    }
    g.id
}

fn plan_input(title: &str) -> PlanInput {
    PlanInput {
        title: title.to_owned(),
        description: None,
        start_year: 2024,
        end_year: 2027,
        status: PlanStatus::Published.as_str().to_owned(),
        weighting: "equal".to_owned(),
    }
}

/// Times of one import: reading the file, checking it only (dry run), and
/// checking and writing it (what `maillage import plan` does after reading).
struct ImportTimes {
    read: Duration,
    check: Duration,
    write: Duration,
    plan_id: uuid::Uuid,
}

async fn import(store: &Store, grouping_id: uuid::Uuid, title: &str, csv: &[u8]) -> ImportTimes {
    let t = Instant::now();
    let grid = read_grid_bytes("plan.csv", csv, None).expect("the CSV reads");
    let file = read_plan(&grid).unwrap_or_else(|p| panic!("the plan reads: {p:?}"));
    let read = t.elapsed();
    let input = plan_input(title);
    let t = Instant::now();
    maillage_app::plan_import::import_file(
        store,
        &Actor::system(),
        grouping_id,
        &input,
        &file,
        true,
    )
    .await
    .unwrap_or_else(|e| panic!("the plan checks: {e:?}"));
    let check = t.elapsed();
    let t = Instant::now();
    let plan_id = maillage_app::plan_import::import_file(
        store,
        &Actor::system(),
        grouping_id,
        &input,
        &file,
        false,
    )
    .await
    .unwrap_or_else(|e| panic!("the plan imports: {e:?}"))
    .expect("a plan is written");
    ImportTimes {
        read,
        check,
        write: t.elapsed(),
        plan_id,
    }
}

// ---------------------------------------------------------------- HTTP

/// Checks the first response of a page: what it found, or what is wrong.
type Check = Box<dyn Fn(&str) -> Result<String, String>>;

/// A page to time, with what every response must contain and a deeper
/// check of the first one.
struct Page {
    name: &'static str,
    path: String,
    marker: &'static str,
    check: Check,
}

async fn get(http: &reqwest::Client, url: &str, page: &Page) -> (Duration, String) {
    let t = Instant::now();
    let r = http
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {}: {e}", page.path));
    let status = r.status();
    let body = r.text().await.expect("body");
    let latency = t.elapsed();
    assert!(
        status == StatusCode::OK && body.contains(page.marker),
        "GET {}: HTTP {status}, {} bytes, `{}` {}; begins with: {}",
        page.path,
        body.len(),
        page.marker,
        if body.contains(page.marker) {
            "found"
        } else {
            "missing"
        },
        body.chars().take(300).collect::<String>()
    );
    (latency, body)
}

async fn time_page(http: &reqwest::Client, base: &str, page: &Page) -> serde_json::Value {
    let url = format!("{base}{}", page.path);
    let (_, first) = get(http, &url, page).await;
    let detail = (page.check)(&first).unwrap_or_else(|e| panic!("GET {}: {e}", page.path));
    for _ in 1..WARMUP {
        get(http, &url, page).await;
    }
    let mut latencies = Vec::with_capacity(REQUESTS);
    let mut bytes = 0;
    for _ in 0..REQUESTS {
        let (latency, body) = get(http, &url, page).await;
        bytes = body.len();
        latencies.push(latency);
    }
    json!({
        "page": page.name, "path": page.path, "requests": REQUESTS, "errors": 0,
        "bytes": bytes, "content": detail, "latency_ms": percentiles(latencies),
    })
}

/// The number in the first card of a portrait (its action count).
fn portrait_actions(html: &str) -> Option<usize> {
    const START: &str = "<div class=\"card\"><h2>";
    let from = html.find(START)? + START.len();
    let len = html[from..].find('<')?;
    html[from..from + len].trim().parse().ok()
}

fn count_api_actions(v: &serde_json::Value) -> usize {
    v.as_array().map_or(0, |list| {
        list.iter()
            .map(|a| 1 + count_api_actions(&a["subtasks"]))
            .sum()
    })
}

fn pages(plan_id: uuid::Uuid, local_slug: &str, actions: usize, regional_min: usize) -> Vec<Page> {
    vec![
        Page {
            name: "plan page (2,000 actions)",
            path: format!("/plans/{plan_id}"),
            marker: "id=\"plan\"",
            check: Box::new(move |html| {
                let n = html.matches("class=\"action depth-").count();
                if n == actions {
                    Ok(format!("{n} actions shown"))
                } else {
                    Err(format!("{n} actions shown, {actions} expected"))
                }
            }),
        },
        Page {
            name: "portrait, local (2,000 actions)",
            path: format!("/regroupements/{local_slug}/portrait"),
            marker: "id=\"coverage-matrix\"",
            check: Box::new(move |html| match portrait_actions(html) {
                Some(n) if n == actions => Ok(format!("{n} actions counted")),
                other => Err(format!("{other:?} actions counted, {actions} expected")),
            }),
        },
        Page {
            name: "portrait, regional (SLSJ + 50 local)",
            path: format!("/regroupements/{REGIONAL}/portrait"),
            marker: "id=\"coverage-matrix\"",
            check: Box::new(move |html| {
                let locals = html.matches("href=\"/regroupements/table-locale-").count();
                match portrait_actions(html) {
                    Some(n)
                        if n >= regional_min
                            && locals == LOCAL_GROUPINGS
                            && html.contains("id=\"regroupements-locaux\"") =>
                    {
                        Ok(format!(
                            "{n} actions counted, {locals} bench local groupings listed"
                        ))
                    }
                    other => Err(format!(
                        "{other:?} actions counted (≥ {regional_min} expected), {locals} bench local groupings listed"
                    )),
                }
            }),
        },
        Page {
            name: "API plan (2,000 actions)",
            path: format!("/api/v1/plans/{plan_id}"),
            marker: "\"orientations\"",
            check: Box::new(move |body| {
                let v: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
                let n: usize = v["orientations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|o| o["strategies"].as_array().into_iter().flatten())
                    .map(|s| count_api_actions(&s["actions"]))
                    .sum();
                if n == actions {
                    Ok(format!("{n} actions in the JSON"))
                } else {
                    Err(format!("{n} actions in the JSON, {actions} expected"))
                }
            }),
        },
    ]
}

// ---------------------------------------------------------------- run
async fn run(db: &BenchDb, table: &mut Vec<Line>) {
    let label = db.label;
    let store = Store::open_and_migrate(&db.url)
        .await
        .expect("open and migrate");
    let t = Instant::now();
    let demo = maillage_store::demo::load(&store)
        .await
        .expect("demo loads");
    emit(
        "demo_load",
        label,
        &json!({"seconds": t.elapsed().as_secs_f64(), "organizations": demo.organizations, "groupings": demo.groupings}),
    );
    let names = names(&store).await;
    let rows = plan_rows(&names, 5, 10, 40, 0);

    // Plan import: 3 runs, each into a new local grouping.
    let plan_id = plan_imports(&store, &names, &rows, label, table).await;

    // Regional roll-up: 50 local groupings of 40 actions each.
    regional_roll_up(&store, &names, label).await;

    // Pages over HTTP.
    let server = serve(&store).await;
    let base = format!("http://{}", server.addr);
    let http = admin_client(&store, &base, ADMIN_EMAIL).await;
    for page in pages(
        plan_id,
        "table-banc-essai-1",
        rows.len(),
        LOCAL_GROUPINGS * 40,
    ) {
        let r = time_page(&http, &base, &page).await;
        emit("page", label, &r);
        table.push(line(label, page.name, &r));
    }
    let _ = server.shutdown.send(());
    let _ = server.task.await;
    store.close().await;
}

/// `IMPORT_RUNS` imports of the plan of `rows`, each into a new local
/// grouping, then their median; returns the first run's plan.
async fn plan_imports(
    store: &Store,
    names: &Names,
    rows: &[PlanRow],
    label: &'static str,
    table: &mut Vec<Line>,
) -> uuid::Uuid {
    let csv = write_plan_csv(rows).into_bytes();
    let mut runs = Vec::new();
    for run in 1..=IMPORT_RUNS {
        let slug = format!("table-banc-essai-{run}");
        let g = grouping_with_pathways(
            store,
            &slug,
            &format!("Table banc d'essai {run}"),
            None,
            &names.pathways,
        )
        .await;
        let times = import(store, g, &format!("Plan de 2 000 actions ({run})"), &csv).await;
        emit(
            "plan_import_2000",
            label,
            &json!({"run": run, "rows": rows.len(), "csv_bytes": csv.len(),
                    "read_ms": ms(times.read), "check_only_ms": ms(times.check),
                    "check_and_write_ms": ms(times.write), "read_check_write_ms": ms(times.read + times.write)}),
        );
        runs.push(times);
    }
    let import_median = median(runs.iter().map(|r| r.read + r.write).collect());
    let read_median = median(runs.iter().map(|r| r.read).collect());
    let check_median = median(runs.iter().map(|r| r.check).collect());
    emit(
        "plan_import_2000_median",
        label,
        &json!({"runs": IMPORT_RUNS, "read_ms": ms(read_median), "check_only_ms": ms(check_median), "read_check_write_ms": ms(import_median)}),
    );
    table.push(Line {
        db: label,
        what: format!(
            "import of 2,000 rows (median of {IMPORT_RUNS}; read {} ms, check only {} ms)",
            ms(read_median),
            ms(check_median)
        ),
        p50: ms(import_median),
        p95: f64::NAN,
        p99: f64::NAN,
        max: runs
            .iter()
            .map(|r| ms(r.read + r.write))
            .fold(0.0, f64::max),
    });
    runs[0].plan_id
}

/// `LOCAL_GROUPINGS` local groupings under the regional one, each with a
/// plan of 40 actions.
async fn regional_roll_up(store: &Store, names: &Names, label: &'static str) {
    let t = Instant::now();
    let regional = groupings::find_by_slug(store.conn(), REGIONAL)
        .await
        .expect("grouping")
        .expect("SLSJ");
    for i in 1..=LOCAL_GROUPINGS {
        let g = grouping_with_pathways(
            store,
            &format!("table-locale-{i:02}"),
            &format!("Table locale {i:02} (banc d'essai)"),
            Some(regional.id),
            &names.pathways,
        )
        .await;
        let csv = write_plan_csv(&plan_rows(names, 2, 4, 5, i * 41)).into_bytes();
        import(store, g, &format!("Plan local {i:02}"), &csv).await;
    }
    emit(
        "regional_setup",
        label,
        &json!({"local_groupings": LOCAL_GROUPINGS, "actions_each": 40, "seconds": t.elapsed().as_secs_f64()}),
    );
}

#[tokio::main]
async fn main() {
    let postgres = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty());
    emit_machine(postgres.is_some());
    let mut table = Vec::new();
    run(&BenchDb::sqlite(), &mut table).await;
    if let Some(url) = &postgres {
        let db = BenchDb::postgres(url, POSTGRES_ENV).await;
        run(&db, &mut table).await;
        db.drop_database().await;
    }
    print_table(&table);
}
