//! Benchmark of issue 13, fault 3 (docs/perf.md, *Plan import at scale*):
//! `maillage import plan` of 250 to 10,000 rows, timed as a process, on
//! SQLite and (with `MAILLAGE_BENCH_POSTGRES_URL`) PostgreSQL.
//!
//! `cargo build --release -p maillage --bin maillage --example bench_plan_import`
//! then `target/release/examples/bench_plan_import` (the `maillage` binary
//! beside the example's directory is the one run; `MAILLAGE_BIN` names
//! another).
//!
//! On each database: the demo territory (`maillage_store::demo::load`),
//! then for each size a plan file written as CSV in two layouts, each
//! imported once by the command line into the regional instance:
//! - **spread**: 5 orientations × 10 strategies, the actions shared out
//!   among them, one in four a sub-task (as plans are written);
//! - **one strategy**: every action in one strategy, one in four a sub-task
//!   (the probe's case: the import used to read every sibling again for
//!   each row).
//!
//! Leads and partners are demo organizations matched exactly, pathways those
//! of the regional instance. Times are reported, never asserted.

#![expect(
    clippy::cast_precision_loss,
    reason = "budgets of a few thousand dollars"
)]

#[path = "bench_common/mod.rs"]
mod common;

use common::{BenchDb, emit, emit_machine, load_average, ms};

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use maillage_domain::names::{Candidate, Match, Matcher};
use maillage_interop::plan_file::{PlanRow, write_plan_csv};
use maillage_store::Store;
use maillage_store::repo::{directory_pages, groupings};
use serde_json::json;

const POSTGRES_ENV: &str = "MAILLAGE_BENCH_POSTGRES_URL";
const REGIONAL: &str = "mobilisation-famille-slsj";
const SIZES: [usize; 5] = [250, 500, 1_000, 2_000, 10_000];
const STATUSES: [&str; 5] = ["à venir", "en cours", "réalisée", "reportée", "abandonnée"];

/// Organizations the directory matches exactly, and the regional pathways.
async fn names(store: &Store) -> (Vec<String>, Vec<String>) {
    let orgs = directory_pages::organizations_with_aliases(store)
        .await
        .expect("organizations");
    let all: Vec<String> = orgs.iter().map(|(_, name, _)| name.clone()).collect();
    let matcher =
        Matcher::new(
            orgs.into_iter()
                .map(|(id, name, aliases)| Candidate { id, name, aliases }),
        );
    let orgs = all
        .into_iter()
        .filter(|name| matches!(matcher.find(name), Match::Exact { .. }))
        .collect();
    let regional = groupings::find_by_slug(store.conn(), REGIONAL)
        .await
        .expect("grouping")
        .expect("the demo has the SLSJ instance");
    let pathways = groupings::pathways(store.conn(), regional.id)
        .await
        .expect("pathways")
        .into_iter()
        .map(|p| p.name)
        .collect();
    (orgs, pathways)
}

/// `rows` actions in `strategies` strategies (of up to 10 per orientation).
fn plan_rows(orgs: &[String], pathways: &[String], rows: usize, strategies: usize) -> Vec<PlanRow> {
    let base = NaiveDate::from_ymd_opt(2024, 9, 1).expect("a date");
    let per_strategy = rows.div_ceil(strategies);
    (0..rows)
        .map(|n| {
            let s = n / per_strategy;
            let a = n % per_strategy;
            let title = |a: usize| format!("Action {}.{} : activité de soutien", s + 1, a + 1);
            let start = base + chrono::Days::new((n % 365) as u64);
            PlanRow {
                orientation: format!("Orientation {} : agir ensemble", s / 10 + 1),
                year: Some(format!("{}-{}", 2024 + s / 10 % 3, 2025 + s / 10 % 3)),
                strategy: format!("Stratégie {} : mobiliser les partenaires", s + 1),
                action: title(a),
                parent: (a % 4 == 3).then(|| title(a - 3)),
                description: n.is_multiple_of(2).then(|| {
                    format!("Rencontres et ateliers offerts aux familles du territoire (lot {n}).")
                }),
                leads: vec![orgs[(n * 3) % orgs.len()].clone()],
                partners: (0..n % 4)
                    .map(|k| orgs[(n * 7 + k * 13 + 1) % orgs.len()].clone())
                    .collect(),
                pathways: if n % 10 == 9 {
                    Vec::new()
                } else {
                    vec![pathways[n % pathways.len()].clone()]
                },
                audience: n
                    .is_multiple_of(3)
                    .then(|| "Familles d'enfants de 0 à 5 ans".to_owned()),
                start: Some(start),
                end: Some(start + chrono::Days::new(90 + (n % 200) as u64)),
                status: Some(STATUSES[n % STATUSES.len()].to_owned()),
                budget: (!n.is_multiple_of(5)).then(|| (1_000 + (n % 40) * 250) as f64),
                ..PlanRow::default()
            }
        })
        .collect()
}

fn maillage_bin() -> PathBuf {
    std::env::var_os("MAILLAGE_BIN").map_or_else(
        || {
            let exe = std::env::current_exe().expect("this program's path");
            exe.parent()
                .and_then(Path::parent)
                .expect("target/<profile>/examples")
                .join("maillage")
        },
        PathBuf::from,
    )
}

async fn run(db: &BenchDb) {
    let store = Store::open_and_migrate(&db.url)
        .await
        .expect("open and migrate");
    maillage_store::demo::load(&store).await.expect("demo");
    let (orgs, pathways) = names(&store).await;
    store.close().await;
    let work = tempfile::tempdir().expect("temporary directory");
    for rows in SIZES {
        for (layout, strategies) in [("spread", 50), ("one strategy", 1)] {
            let file = work.path().join(format!("plan-{rows}-{strategies}.csv"));
            let csv = write_plan_csv(&plan_rows(&orgs, &pathways, rows, strategies));
            std::fs::write(&file, &csv).expect("write the plan file");
            let load = load_average();
            let t = Instant::now();
            let out = std::process::Command::new(maillage_bin())
                .arg("--data-dir")
                .arg(work.path().join("data"))
                .args(["--database-url", &db.url, "import", "plan"])
                .arg(&file)
                .args(["--grouping", REGIONAL, "--period", "2024-2027", "--json"])
                .args(["--title", &format!("Plan de {rows} actions ({layout})")])
                .output()
                .expect("run maillage");
            let elapsed = t.elapsed();
            assert!(
                out.status.success(),
                "maillage import plan: {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let report: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("the JSON report");
            assert_eq!(report["actions"], rows, "{report}");
            emit(
                "plan_import_cli",
                db.label,
                &json!({"rows": rows, "layout": layout, "strategies": strategies,
                        "csv_bytes": csv.len(), "ms": ms(elapsed), "load_average_before": load}),
            );
        }
    }
}

#[tokio::main]
async fn main() {
    let postgres = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty());
    emit_machine(postgres.is_some());
    run(&BenchDb::sqlite()).await;
    if let Some(url) = &postgres {
        let db = BenchDb::postgres(url, POSTGRES_ENV).await;
        run(&db).await;
        db.drop_database().await;
    }
}
