//! `maillage import plan` and `maillage export plan`: an action plan as a
//! CSV or XLSX file with one row per action (the format of the web pages'
//! import and export).

use std::path::Path;

use maillage_app::plan_import::{PlanImportError, export_rows, import_file};
use maillage_domain::numbers::{Language, counted};
use maillage_domain::plans::{PlanStatus, Weighting, parse_period, validate_period};
use maillage_interop::grid::{CellProblem, read_grid};
use maillage_interop::plan_file::{read_plan, write_plan_csv, write_plan_xlsx};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::plans::PlanInput;
use maillage_store::repo::{groupings, plans};
use serde_json::json;

use super::{open_store, print_json};
use crate::CliError;
use crate::config::Config;

pub struct ImportArgs<'a> {
    pub path: &'a Path,
    pub grouping: &'a str,
    pub title: &'a str,
    pub period: &'a str,
    pub sheet: Option<&'a str>,
    pub published: bool,
    pub dry_run: bool,
    pub json: bool,
}

fn problems_json(problems: &[CellProblem]) -> serde_json::Value {
    json!(
        problems
            .iter()
            .map(|p| json!({
                "file": p.file, "row": p.row, "column": p.column, "header": p.header,
                "message": p.message, "message_en": p.message_en,
            }))
            .collect::<Vec<_>>()
    )
}

fn report_problems(json: bool, dry_run: bool, problems: &[CellProblem]) {
    if json {
        print_json(&json!({"ok": false, "dry_run": dry_run, "problems": problems_json(problems)}));
    }
    for p in problems {
        eprintln!("{p}");
    }
}

pub async fn import(config: &Config, args: ImportArgs<'_>) -> Result<(), CliError> {
    let (start_year, end_year) = parse_period(args.period).ok_or_else(|| {
        CliError::Usage(format!(
            "--period «\u{a0}{}\u{a0}»\u{a0}: période illisible (ex.\u{a0}: 2014-2017) / unreadable period",
            args.period
        ))
    })?;
    validate_period(start_year, end_year).map_err(|_| {
        CliError::Usage(format!(
            "--period «\u{a0}{}\u{a0}»\u{a0}: la période se termine avant de commencer ou sort de 1900-2100 / the period ends before it starts or is outside 1900-2100",
            args.period
        ))
    })?;
    if args.title.trim().is_empty() {
        return Err(CliError::Usage(
            "--title est vide / --title is empty".to_owned(),
        ));
    }
    let grid = read_grid(args.path, args.sheet).map_err(|e| CliError::Usage(e.to_string()))?;
    let file = match read_plan(&grid) {
        Ok(file) => file,
        Err(problems) => {
            report_problems(args.json, args.dry_run, &problems);
            return Err(CliError::Usage(format!(
                "{}\u{a0}: {}\u{202f}; rien n’a été écrit / {}; nothing was written",
                args.path.display(),
                counted(problems.len(), "problème", "problèmes", Language::French),
                counted(problems.len(), "problem", "problems", Language::English)
            )));
        }
    };
    let store = open_store(config).await?;
    let grouping = groupings::find_by_slug(store.conn(), args.grouping)
        .await?
        .ok_or_else(|| {
            CliError::Usage(format!(
                "--grouping «\u{a0}{}\u{a0}»\u{a0}: aucun regroupement ne porte cet identifiant / no such grouping",
                args.grouping
            ))
        })?;
    let input = PlanInput {
        title: args.title.trim().to_owned(),
        description: None,
        start_year,
        end_year,
        status: if args.published {
            PlanStatus::Published
        } else {
            PlanStatus::Draft
        }
        .as_str()
        .to_owned(),
        weighting: Weighting::Equal.as_str().to_owned(),
    };
    let outcome = import_file(
        &store,
        &Actor::system(),
        grouping.id,
        &input,
        &file,
        args.dry_run,
    )
    .await;
    store.close().await;
    match outcome {
        Err(PlanImportError::Problems(problems)) => {
            report_problems(args.json, args.dry_run, &problems);
            Err(CliError::Refused(format!(
                "{} refusé\u{a0}: {}\u{202f}; rien n’a été écrit / refused: {}; nothing was written",
                args.path.display(),
                counted(problems.len(), "problème", "problèmes", Language::French),
                counted(problems.len(), "problem", "problems", Language::English)
            )))
        }
        Ok(plan_id) => {
            if args.json {
                print_json(&json!({
                    "ok": true, "dry_run": args.dry_run, "plan_id": plan_id,
                    "grouping": grouping.slug, "actions": file.rows.len(),
                    "warnings": problems_json(&file.warnings),
                }));
            } else {
                for w in &file.warnings {
                    eprintln!("{w}");
                }
                match plan_id {
                    Some(id) => eprintln!(
                        "plan importé / imported: {id} ({} actions)",
                        file.rows.len()
                    ),
                    None => eprintln!(
                        "vérification seulement\u{a0}: rien n’a été écrit / dry run: nothing was written"
                    ),
                }
            }
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

impl From<PlanImportError> for CliError {
    fn from(e: PlanImportError) -> Self {
        match e {
            PlanImportError::Store(e) => e.into(),
            other => CliError::Refused(other.to_string()),
        }
    }
}

pub async fn export(config: &Config, plan: &str, out: &Path, json: bool) -> Result<(), CliError> {
    let id = uuid::Uuid::parse_str(plan).map_err(|_| {
        CliError::Usage(format!(
            "«\u{a0}{plan}\u{a0}» n’est pas un identifiant de plan / not a plan id"
        ))
    })?;
    let store = open_store(config).await?;
    if plans::plan(store.conn(), id).await?.is_none() {
        return Err(CliError::Usage(format!(
            "aucun plan «\u{a0}{plan}\u{a0}» / no such plan"
        )));
    }
    let ctx = plans::plan_context(&store, id).await?;
    store.close().await;
    let rows = export_rows(&ctx);
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if is_xlsx {
        write_plan_xlsx(&rows).map_err(|e| CliError::Refused(e.to_string()))?
    } else {
        write_plan_csv(&rows).into_bytes()
    };
    std::fs::write(out, bytes).map_err(|e| CliError::Usage(format!("{} : {e}", out.display())))?;
    if json {
        print_json(
            &json!({"plan_id": id, "file": out.display().to_string(), "actions": rows.len()}),
        );
    } else {
        eprintln!("{} actions → {}", rows.len(), out.display());
    }
    Ok(())
}
