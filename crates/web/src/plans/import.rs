//! Plan import (a CSV or XLSX with one row per action, all or nothing) and
//! export (the same format back). The command line uses the same checks.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maillage_domain::names::{Match, normalize};
use maillage_domain::plans::{ActionStatus, PlanStatus, parse_period};
use maillage_interop::grid::{CellProblem, read_grid_bytes};
use maillage_interop::plan_file::{PlanFile, PlanRow, read_plan, write_plan_csv, write_plan_xlsx};
use maillage_store::Store;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::plans::{
    self as repo, ActionInput, ImportedAction, PlanContext, PlanInput,
};
use uuid::Uuid;

use super::access::ReadablePlan;
use super::{grouping_href, plan_href};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::actor;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::groupings::access::EditableGrouping;
use crate::page::Page;

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

/// Resolves the organization names (directory name matching: exact,
/// alias, then fuzzy; ambiguous names are listed, never chosen), the
/// statuses and the pathways of a plan file. Every problem is reported.
pub async fn resolve_plan(
    store: &Store,
    grouping_id: Uuid,
    file: &PlanFile,
) -> Result<Result<Vec<ImportedAction>, Vec<CellProblem>>, maillage_store::StoreError> {
    let (matcher, names) = maillage_store::repo::directory_pages::name_matcher(store).await?;
    let pathways = groupings_repo::pathways(store.conn(), grouping_id).await?;
    let known: Vec<String> = pathways.iter().map(|p| p.name.clone()).collect();
    let pathway_keys: HashMap<String, Uuid> = pathways
        .iter()
        .rev()
        .map(|p| (normalize(&p.name), p.id))
        .collect();
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
    let found: HashMap<String, Match> = crate::bounds::cancellable(move |cancel| {
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
    .ok_or_else(|| maillage_store::StoreError::Invalid("name matching stopped".to_owned()))?;
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
                                format!("« {} »", names.get(id).cloned().unwrap_or_default())
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        problems.push(problem(
                            file,
                            row,
                            column,
                            header,
                            format!("« {name} » est ambigu : {which}; écrivez le nom exact"),
                            format!("`{name}` is ambiguous: {which}; write the exact name"),
                        ));
                    }
                    Match::NoMatch => problems.push(problem(
                        file,
                        row,
                        column,
                        header,
                        format!(
                            "organisation inconnue « {name} » (ajoutez-la d'abord au répertoire)"
                        ),
                        format!("unknown organization `{name}` (add it to the directory first)"),
                    )),
                }
            }
            ids
        };
        let leads = resolve(&row.leads, row.columns.leads.as_ref(), "porteurs");
        let partners = resolve(&row.partners, row.columns.partners.as_ref(), "partenaires");
        let status = match row.status.as_deref() {
            None => ActionStatus::AVenir,
            Some(s) => s.parse().unwrap_or_else(|_| {
                problems.push(problem(
                    file,
                    row,
                    row.columns.status.as_ref(),
                    "statut",
                    format!("statut inconnu « {s} » (à venir, en cours, réalisée, reportée ou abandonnée)"),
                    format!("unknown status `{s}` (upcoming, in progress, done, postponed or abandoned)"),
                ));
                ActionStatus::AVenir
            }),
        };
        let mut pathway_ids = Vec::new();
        for name in &row.pathways {
            match pathway_keys.get(&normalize(name)) {
                Some(id) => pathway_ids.push(*id),
                None => problems.push(problem(
                    file,
                    row,
                    row.columns.pathways.as_ref(),
                    "voies d'action",
                    format!(
                        "voie d'action inconnue « {name} » (voies du regroupement : {})",
                        if known.is_empty() {
                            "aucune".to_owned()
                        } else {
                            known.join(" ; ")
                        }
                    ),
                    format!(
                        "unknown pathway `{name}` (the grouping's pathways: {})",
                        if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known.join("; ")
                        }
                    ),
                )),
            }
        }
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
    Ok(if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    })
}

/// The rows of a plan, as the import reads them.
pub fn export_rows(ctx: &PlanContext) -> Vec<PlanRow> {
    let pathways: HashMap<Uuid, String> = ctx
        .pathways
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let name = |id: &String| super::org_name(&ctx.orgs, id);
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
                    status: Some(a.model.status.clone()),
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

/// Reads, checks and (unless `dry_run`) writes a plan file: the new plan,
/// or every problem (nothing written).
pub async fn import_file(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    plan: &PlanInput,
    file: &PlanFile,
    dry_run: bool,
) -> Result<Result<Option<Uuid>, Vec<CellProblem>>, maillage_store::StoreError> {
    let rows = match resolve_plan(store, grouping_id, file).await? {
        Ok(rows) => rows,
        Err(problems) => return Ok(Err(problems)),
    };
    if dry_run {
        return Ok(Ok(None));
    }
    let created = repo::import_plan(store, actor, grouping_id, plan, &rows).await?;
    Ok(Ok(Some(created.id)))
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/import.html")]
pub struct ImportPage {
    p: Page,
    grouping: String,
    grouping_href: String,
    action: String,
    title: String,
    period: String,
    errors: FieldErrors,
    problems: Vec<String>,
}

pub async fn show_import(
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    p: Page,
) -> Result<ImportPage, AppError> {
    Ok(ImportPage {
        grouping: g.name.clone(),
        grouping_href: grouping_href(&g),
        action: format!("{}/plans/importer", grouping_href(&g)),
        title: String::new(),
        period: String::new(),
        errors: FieldErrors::default(),
        problems: Vec::new(),
        p,
    })
}

pub async fn create_import(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, user }: EditableGrouping,
    p: Page,
    ip: ClientIp,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut title = String::new();
    let mut period = String::new();
    let mut sheet = String::new();
    let mut upload: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("plans-import-error-upload"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("plan.csv").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::BadRequest("plans-import-error-upload"))?;
            if !bytes.is_empty() {
                upload = Some((file_name, bytes.to_vec()));
            }
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("plans-import-error-upload"))?;
            match name.as_str() {
                "title" => title = text,
                "period" => period = text,
                "sheet" => sheet = text,
                _ => {}
            }
        }
    }
    let mut errors = FieldErrors::default();
    let mut problems = Vec::new();
    if title.trim().is_empty() {
        errors.push("title", p.t("plan-error-title"));
    }
    let years = parse_period(&period);
    match years {
        None => errors.push("period", p.t("plans-import-error-period")),
        Some((s, e)) => {
            if let Err(fe) = maillage_domain::plans::validate_period(s, e) {
                errors.push("period", p.t(fe.key));
            }
        }
    }
    if upload.is_none() {
        errors.push("file", p.t("plans-import-error-file"));
    }
    if errors.is_empty()
        && let (Some((file_name, bytes)), Some((start_year, end_year))) = (&upload, years)
    {
        let sheet = (!sheet.trim().is_empty()).then(|| sheet.trim().to_owned());
        match read_grid_bytes(file_name, bytes, sheet.as_deref()) {
            Err(e) => problems.push(e.to_string()),
            Ok(grid) => match read_plan(&grid) {
                Err(list) => problems.extend(list.iter().map(ToString::to_string)),
                Ok(file) => {
                    let plan = PlanInput {
                        title: title.trim().to_owned(),
                        description: None,
                        start_year,
                        end_year,
                        status: PlanStatus::Draft.as_str().to_owned(),
                        weighting: "equal".to_owned(),
                    };
                    match import_file(&state.store, &actor(&user, &ip), g.id, &plan, &file, false)
                        .await?
                    {
                        Ok(Some(id)) => {
                            return Ok(Redirect::to(&format!(
                                "{}?ok=flash-plan-imported",
                                plan_href(id)
                            ))
                            .into_response());
                        }
                        Ok(None) => {}
                        Err(list) => problems.extend(list.iter().map(ToString::to_string)),
                    }
                }
            },
        }
    }
    let page = ImportPage {
        grouping: g.name.clone(),
        grouping_href: grouping_href(&g),
        action: format!("{}/plans/importer", grouping_href(&g)),
        title,
        period,
        errors,
        problems,
        p,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn file_name(ctx: &PlanContext, ext: &str) -> String {
    let slug = maillage_domain::slug::slugify(&ctx.outline.plan.title);
    format!(
        "{}.{ext}",
        if slug.is_empty() {
            "plan".to_owned()
        } else {
            slug
        }
    )
}

pub async fn show_export_csv(
    State(state): State<AppState>,
    ReadablePlan { plan, .. }: ReadablePlan,
) -> Result<Response, AppError> {
    let ctx = repo::plan_context(&state.store, plan.id).await?;
    let body = write_plan_csv(&export_rows(&ctx));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name(&ctx, "csv")),
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn show_export_xlsx(
    State(state): State<AppState>,
    ReadablePlan { plan, .. }: ReadablePlan,
) -> Result<Response, AppError> {
    let ctx = repo::plan_context(&state.store, plan.id).await?;
    let body = write_plan_xlsx(&export_rows(&ctx)).map_err(AppError::internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name(&ctx, "xlsx")),
            ),
        ],
        body,
    )
        .into_response())
}
