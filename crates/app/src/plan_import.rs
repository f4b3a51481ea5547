//! The plan import and export use case, shared by the web pages and
//! `maillage import plan` / `maillage export plan`: a CSV or XLSX with one
//! row per action, checked as a whole (organization names through the
//! directory's matcher, statuses, pathways) and written all or nothing.

use std::collections::HashMap;

use crate::cancel::cancellable;

use maillage_domain::names::{Match, Matcher, normalize};
use maillage_domain::plans::ActionStatus;
use maillage_interop::grid::CellProblem;
use maillage_interop::plan_file::{PlanFile, PlanRow};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::plans::{
    self as repo, ActionInput, ImportedAction, PlanContext, PlanInput,
};
use maillage_store::{Store, StoreError};
use uuid::Uuid;

/// Why a plan file was not imported.
#[derive(Debug, thiserror::Error)]
pub enum PlanImportError {
    /// The file names unknown or ambiguous organizations, statuses or
    /// pathways: every problem, nothing written.
    #[error(
        "{} in the plan file",
        maillage_domain::numbers::counted(
            .0.len(),
            "problem",
            "problems",
            maillage_domain::numbers::Language::English
        )
    )]
    Problems(Vec<CellProblem>),
    /// The caller went away while the names were being matched.
    #[error("name matching stopped")]
    Stopped,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn problem(
    file: &PlanFile,
    row: &PlanRow,
    column: Option<&String>,
    header: &str,
    fr: String,
    en: String,
) -> CellProblem {
    CellProblem {
        file: file.file.clone(),
        row: row.row,
        column: column.cloned(),
        header: Some(header.to_owned()),
        message: fr,
        message_en: en,
    }
}

/// The status of a row (`à venir` when blank); an unknown one is a problem.
fn row_status(file: &PlanFile, row: &PlanRow, problems: &mut Vec<CellProblem>) -> ActionStatus {
    match row.status.as_deref() {
        None => ActionStatus::AVenir,
        Some(s) => s.parse().unwrap_or_else(|_| {
            problems.push(problem(
                file,
                row,
                row.columns.status.as_ref(),
                "statut",
                format!(
                    "statut inconnu «\u{a0}{s}\u{a0}» (à venir, en cours, réalisée, reportée ou abandonnée)"
                ),
                format!(
                    "unknown status `{s}` (upcoming, in progress, done, postponed or abandoned)"
                ),
            ));
            ActionStatus::AVenir
        }),
    }
}

/// The pathways a row names, among the grouping's; an unknown one is a
/// problem.
fn row_pathways(
    file: &PlanFile,
    row: &PlanRow,
    pathway_keys: &HashMap<String, Uuid>,
    known: &[String],
    problems: &mut Vec<CellProblem>,
) -> Vec<Uuid> {
    let mut pathway_ids = Vec::new();
    for name in &row.pathways {
        match pathway_keys.get(&normalize(name)) {
            Some(id) => pathway_ids.push(*id),
            None => problems.push(problem(
                file,
                row,
                row.columns.pathways.as_ref(),
                "voies d’action",
                format!(
                    "voie d’action inconnue «\u{a0}{name}\u{a0}» (voies du regroupement\u{a0}: {})",
                    if known.is_empty() {
                        "aucune".to_owned()
                    } else {
                        known.join(" ; ")
                    }
                ),
                format!(
                    "unknown pathway `{name}` (the grouping’s pathways: {})",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join("; ")
                    }
                ),
            )),
        }
    }
    pathway_ids
}

/// The directory's match of every organization name of the file.
async fn match_names(
    matcher: Matcher,
    file: &PlanFile,
) -> Result<HashMap<String, Match>, PlanImportError> {
    // A plan names the same organizations on many rows: each distinct name
    // is matched once, off the async threads, and given up as soon as the
    // request is gone.
    let distinct: Vec<String> = file
        .rows
        .iter()
        .flat_map(|row| row.leads.iter().chain(&row.partners))
        .collect::<std::collections::HashSet<&String>>()
        .into_iter()
        .cloned()
        .collect();
    cancellable(move |cancel| {
        let mut found = HashMap::with_capacity(distinct.len());
        for name in distinct {
            if cancel.is_set() {
                return None;
            }
            let outcome = matcher.find(&name);
            found.insert(name, outcome);
        }
        Some(found)
    })
    .await
    .ok_or(PlanImportError::Stopped)
}

/// Resolves the organization names (directory name matching: exact,
/// alias, then fuzzy; ambiguous names are listed, never chosen), the
/// statuses and the pathways of a plan file. Every problem is reported.
pub async fn resolve_plan(
    store: &Store,
    grouping_id: Uuid,
    file: &PlanFile,
) -> Result<Vec<ImportedAction>, PlanImportError> {
    let (matcher, names) = maillage_store::repo::directory_pages::name_matcher(store).await?;
    let pathways = groupings_repo::pathways(store.conn(), grouping_id).await?;
    let known: Vec<String> = pathways.iter().map(|p| p.name.clone()).collect();
    let pathway_keys: HashMap<String, Uuid> = pathways
        .iter()
        .rev()
        .map(|p| (normalize(&p.name), p.id))
        .collect();
    let found = match_names(matcher, file).await?;
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        let mut resolve = |list: &[String], column: Option<&String>, header: &str| -> Vec<String> {
            let mut ids = Vec::new();
            for name in list {
                match found[name.as_str()].clone() {
                    Match::Exact { id } | Match::Alias { id } | Match::Fuzzy { id, .. } => {
                        ids.push(id);
                    }
                    Match::Ambiguous { candidates } => {
                        let which = candidates
                            .iter()
                            .map(|(id, _)| {
                                format!("«\u{a0}{}\u{a0}»", names.get(id).cloned().unwrap_or_default())
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        problems.push(problem(
                            file,
                            row,
                            column,
                            header,
                            format!("«\u{a0}{name}\u{a0}» est ambigu\u{a0}: {which}\u{202f}; écrivez le nom exact"),
                            format!("`{name}` is ambiguous: {which}; write the exact name"),
                        ));
                    }
                    Match::NoMatch => problems.push(problem(
                        file,
                        row,
                        column,
                        header,
                        format!(
                            "organisation inconnue «\u{a0}{name}\u{a0}» (ajoutez-la d’abord au répertoire)"
                        ),
                        format!("unknown organization `{name}` (add it to the directory first)"),
                    )),
                }
            }
            ids
        };
        let leads = resolve(&row.leads, row.columns.leads.as_ref(), "porteurs");
        let partners = resolve(&row.partners, row.columns.partners.as_ref(), "partenaires");
        let status = row_status(file, row, &mut problems);
        let pathway_ids = row_pathways(file, row, &pathway_keys, &known, &mut problems);
        out.push(ImportedAction {
            orientation: row.orientation.clone(),
            year_label: row.year.clone(),
            strategy: row.strategy.clone(),
            parent: row.parent.clone(),
            action: ActionInput {
                title: row.action.clone(),
                description: row.description.clone(),
                audience: row.audience.clone(),
                start_on: row.start,
                end_on: row.end,
                status: status.as_str().to_owned(),
                budget: row.budget,
                documents: Vec::new(),
                leads,
                partners,
                pathways: pathway_ids,
                weight: 1.0,
            },
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(PlanImportError::Problems(problems))
    }
}

/// The rows of a plan, as the import reads them.
pub fn export_rows(ctx: &PlanContext) -> Vec<PlanRow> {
    let pathways: HashMap<Uuid, String> = ctx
        .pathways
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let name = |id: &String| {
        ctx.orgs
            .get(id)
            .map_or_else(|| id.clone(), |o| o.name.clone())
    };
    let mut rows = Vec::new();
    for o in &ctx.outline.orientations {
        for s in &o.strategies {
            let mut stack: Vec<(&repo::ActionNode, Option<String>)> =
                s.actions.iter().rev().map(|a| (a, None)).collect();
            while let Some((a, parent)) = stack.pop() {
                rows.push(PlanRow {
                    orientation: o.model.title.clone(),
                    year: o.model.year_label.clone(),
                    strategy: s.model.title.clone(),
                    action: a.model.title.clone(),
                    parent,
                    description: a.model.description.clone(),
                    leads: a.leads.iter().map(name).collect(),
                    partners: a.partners.iter().map(name).collect(),
                    pathways: a
                        .pathways
                        .iter()
                        .filter_map(|p| pathways.get(p).cloned())
                        .collect(),
                    audience: a.model.audience.clone(),
                    start: a.model.start_on,
                    end: a.model.end_on,
                    status: Some(
                        maillage_domain::plans::ActionStatus::from(a.model.status)
                            .file_label()
                            .to_owned(),
                    ),
                    budget: a.model.budget,
                    ..PlanRow::default()
                });
                stack.extend(
                    a.children
                        .iter()
                        .rev()
                        .map(|c| (c, Some(a.model.title.clone()))),
                );
            }
        }
    }
    rows
}

/// Checks and (unless `dry_run`) writes a plan file: the new plan's id
/// (`None` on a dry run), or every problem ([`PlanImportError::Problems`],
/// nothing written).
pub async fn import_file(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    plan: &PlanInput,
    file: &PlanFile,
    dry_run: bool,
) -> Result<Option<Uuid>, PlanImportError> {
    let rows = resolve_plan(store, grouping_id, file).await?;
    if dry_run {
        return Ok(None);
    }
    let created = repo::import_plan(store, actor, grouping_id, plan, &rows).await?;
    Ok(Some(created.id))
}
