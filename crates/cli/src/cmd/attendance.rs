//! `maillage import attendance` (`docs/architecture.md`): an attendance grid
//! matched against the directory, all or nothing, with the JSON report (the
//! use case `maillage_app::attendance_import`).

use std::path::Path;

use maillage_app::attendance_import::{self, match_grid};
use maillage_domain::numbers::{Language, counted};
use maillage_interop::attendance::read_attendance;
use maillage_interop::grid::read_grid;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{self, EventInput, GridTarget};
use maillage_store::repo::groupings;

use super::{open_store, print_json};
use crate::CliError;
use crate::config::Config;

pub struct Args<'a> {
    pub file: &'a Path,
    pub event: &'a str,
    pub grouping: Option<&'a str>,
    pub sheet: Option<&'a str>,
    pub create_missing: bool,
    pub dry_run: bool,
    pub json: bool,
}

pub async fn import(config: &Config, args: Args<'_>) -> Result<(), CliError> {
    if args.event.trim().is_empty() {
        return Err(CliError::Usage(
            "--event est vide / --event is empty".to_owned(),
        ));
    }
    // Reading the file comes first: a malformed grid is refused before
    // anything else is looked at.
    let grid = read_grid(args.file, args.sheet).map_err(|e| CliError::Usage(e.to_string()))?;
    let grid = read_attendance(&grid).map_err(|problems| {
        for p in &problems {
            eprintln!("{p}");
        }
        CliError::Usage(format!(
            "{}\u{a0}: {} dans la grille\u{202f}; rien n’a été écrit / {} in the grid; nothing was written",
            args.file.display(),
            counted(problems.len(), "problème", "problèmes", Language::French),
            counted(problems.len(), "problem", "problems", Language::English)
        ))
    })?;
    let store = open_store(config).await?;
    let target = target(&store, &args).await?;
    let matched = match_grid(&store, grid).await.map_err(CliError::from)?;
    let report = matched.report(args.event);
    let complete = matched.is_complete(args.create_missing);
    if complete && !args.dry_run {
        attendance_import::import(
            &store,
            &Actor::system(),
            &target,
            &matched.grid.sessions,
            matched.rows(args.create_missing),
        )
        .await?;
        super::search::refresh_index(&store, config).await;
    }
    store.close().await;
    print_report(&args, &report);
    if !complete {
        return Err(CliError::Refused(
            "des noms ne correspondent à aucune organisation ou à plusieurs\u{202f}; rien n’a été écrit (--create-missing crée les organisations inconnues) / some names match no organization or several; nothing was written".to_owned(),
        ));
    }
    if args.dry_run {
        eprintln!(
            "vérification seulement\u{a0}: rien n’a été écrit / dry run: nothing was written"
        );
    }
    Ok(())
}

/// The event the grid goes into: the one of that title (in the grouping,
/// when given), else a new one, done.
async fn target(store: &maillage_store::Store, args: &Args<'_>) -> Result<GridTarget, CliError> {
    let grouping_id = match args.grouping {
        None => None,
        Some(slug) => Some(
            groupings::find_by_slug(store.conn(), slug)
                .await?
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "--grouping «\u{a0}{slug}\u{a0}»\u{a0}: aucun regroupement ne porte cet identifiant / no such grouping"
                    ))
                })?
                .id,
        ),
    };
    let existing: Vec<_> = events::find_by_title(store.conn(), args.event)
        .await?
        .into_iter()
        .filter(|e| grouping_id.is_none_or(|g| e.grouping_id == Some(g)))
        .collect();
    let target = match existing.as_slice() {
        [] => GridTarget::New(EventInput {
            grouping_id,
            title: args.event.to_owned(),
            status: maillage_store::entity::event::EventStatus::Done,
            ..EventInput::default()
        }),
        [one] => GridTarget::Existing(one.id),
        _ => {
            return Err(CliError::Usage(format!(
                "--event «\u{a0}{}\u{a0}»\u{a0}: plusieurs événements portent ce nom\u{202f}; précisez --grouping / several events have this name; give --grouping",
                args.event
            )));
        }
    };
    Ok(target)
}

/// The report on stdout (`--json`) or as a summary, then each name that
/// matched no organization or several, on stderr.
fn print_report(args: &Args<'_>, report: &serde_json::Value) {
    if args.json {
        print_json(report);
    } else {
        let count = |v: &serde_json::Value| usize::try_from(v.as_u64().unwrap_or(0)).unwrap_or(0);
        for s in report["sessions"].as_array().into_iter().flatten() {
            let present = count(&s["present"]);
            eprintln!(
                "{}\u{a0}: {} / {} present",
                s["date"].as_str().unwrap_or_default(),
                counted(
                    present,
                    "organisation présente",
                    "organisations présentes",
                    Language::French
                ),
                present
            );
        }
        let distinct = count(&report["distinct_organizations"]);
        eprintln!(
            "{} / {}",
            counted(
                distinct,
                "organisation distincte",
                "organisations distinctes",
                Language::French
            ),
            counted(
                distinct,
                "distinct organization",
                "distinct organizations",
                Language::English
            )
        );
    }
    for name in report["unmatched"].as_array().into_iter().flatten() {
        eprintln!(
            "{}\u{a0}: «\u{a0}{}\u{a0}» ne correspond à aucune organisation du répertoire / matches no organization",
            args.file.display(),
            name.as_str().unwrap_or_default()
        );
    }
    for a in report["ambiguous"].as_array().into_iter().flatten() {
        eprintln!(
            "{}\u{a0}: «\u{a0}{}\u{a0}» est ambigu ({} organisations possibles) / is ambiguous",
            args.file.display(),
            a["input"].as_str().unwrap_or_default(),
            a["candidates"].as_array().map_or(0, Vec::len)
        );
    }
}

/// The attendance-import use case's refusals, as the command reports them.
impl From<attendance_import::AttendanceImportError> for CliError {
    fn from(e: attendance_import::AttendanceImportError) -> Self {
        use attendance_import::AttendanceImportError as E;
        match e {
            E::Store(e) => CliError::from(e),
            E::Unresolved => CliError::Refused(e.to_string()),
            E::Stopped | E::BadChoice => CliError::Usage(e.to_string()),
        }
    }
}
