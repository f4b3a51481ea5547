//! `maillage import hsds` and `maillage export hsds`.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use maillage_interop::hsds::{self as package, KnownIds, Package, Problem, ProblemKind};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::hsds::{self, TableRows};
use serde_json::json;

use super::{open_store, print_json};
use crate::CliError;
use crate::config::Config;

/// A spinner on stderr when it is a terminal; nothing otherwise.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new() -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("valid template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    pub fn step(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_owned());
        }
    }

    pub fn done(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

struct DatabaseIds(HashMap<&'static str, HashSet<String>>);

impl KnownIds for DatabaseIds {
    fn contains(&self, resource: &str, id: &str) -> bool {
        self.0.get(resource).is_some_and(|ids| ids.contains(id))
    }
}

fn problems_json(problems: &[Problem]) -> serde_json::Value {
    json!(problems
        .iter()
        .map(|p| json!({"file": p.file, "line": p.line, "column": p.column, "message": p.message, "kind": p.kind}))
        .collect::<Vec<_>>())
}

fn to_rows(package: &Package) -> Vec<TableRows> {
    package
        .tables
        .iter()
        .map(|t| TableRows {
            table: t.table,
            rows: t.rows.iter().map(|r| r.values.clone()).collect(),
        })
        .collect()
}

pub async fn import(
    config: &Config,
    path: &Path,
    json: bool,
    dry_run: bool,
) -> Result<(), CliError> {
    let progress = Progress::new();
    progress.step("lecture du paquet / reading the package");
    let (package, mut problems) =
        package::read_package(path).map_err(|e| CliError::Usage(e.to_string()))?;
    let store = open_store(config).await?;
    progress.step("validation");
    let known = DatabaseIds(hsds::known_ids(&store).await?);
    problems.extend(package::validate(&package, &known));
    if !problems.is_empty() {
        progress.done();
        if json {
            print_json(
                &json!({"ok": false, "dry_run": dry_run, "problems": problems_json(&problems)}),
            );
        }
        for p in &problems {
            eprintln!("{p}");
        }
        let message = format!(
            "{} refused: {}; nothing was written",
            path.display(),
            maillage_domain::numbers::counted(
                problems.len(),
                "problem",
                "problems",
                maillage_domain::numbers::Language::English
            )
        );
        // Malformed input exits 2 even when rules are broken as well: the
        // package has to be repaired before its rules can be judged.
        return Err(
            if problems.iter().any(|p| p.kind == ProblemKind::Malformed) {
                CliError::Usage(message)
            } else {
                CliError::Refused(message)
            },
        );
    }
    progress.step("écriture / writing");
    let report = hsds::import(&store, &Actor::system(), &to_rows(&package), dry_run).await?;
    if !dry_run {
        progress.step("index de recherche / search index");
        super::search::refresh_index(&store, config).await;
    }
    progress.done();
    if json {
        print_json(&json!({"ok": true, "dry_run": dry_run, "tables": report.tables}));
    } else {
        for t in &report.tables {
            eprintln!(
                "{}: {} inserted, {} updated, {} unchanged",
                t.file, t.inserted, t.updated, t.unchanged
            );
        }
        if dry_run {
            eprintln!("dry run: nothing was written");
        }
    }
    store.close().await;
    Ok(())
}

pub async fn export(config: &Config, dir: &Path, force: bool, json: bool) -> Result<(), CliError> {
    let store = open_store(config).await?;
    let rows = hsds::export(&store).await?;
    store.close().await;
    let package = Package::from_rows(rows.into_iter().map(|t| (t.table, t.rows)));
    let report =
        package::write_package(dir, &package, force).map_err(|e| CliError::Usage(e.to_string()))?;
    if json {
        print_json(&json!({"dir": dir.display().to_string(), "files": report.files}));
    } else {
        eprintln!("exported to {}", dir.display());
    }
    Ok(())
}
