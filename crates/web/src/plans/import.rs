//! Plan import (a CSV or XLSX with one row per action, all or nothing) and
//! export (the same format back): the pages of the use case in
//! `maillage_app::plan_import`, which the command line runs too.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maillage_app::plan_import::{PlanImportError, export_rows, import_file};
use maillage_domain::plans::{PlanStatus, Weighting, parse_period};
use maillage_interop::grid::read_grid_bytes;
use maillage_interop::plan_file::{read_plan, write_plan_csv, write_plan_xlsx};
use maillage_store::repo::plans::{self as repo, PlanContext, PlanInput};

use super::access::ReadablePlan;
use super::{grouping_href, plan_href};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::actor;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::groupings::access::EditableGrouping;
use crate::page::Page;

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

/// The fields of the import form.
#[derive(Default)]
struct ImportForm {
    title: String,
    period: String,
    sheet: String,
    /// The file's name and bytes, when one was sent.
    upload: Option<(String, Vec<u8>)>,
}

async fn read_form(multipart: &mut Multipart) -> Result<ImportForm, AppError> {
    let mut form = ImportForm::default();
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
                form.upload = Some((file_name, bytes.to_vec()));
            }
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest("plans-import-error-upload"))?;
            match name.as_str() {
                "title" => form.title = text,
                "period" => form.period = text,
                "sheet" => form.sheet = text,
                _ => {}
            }
        }
    }
    Ok(form)
}

pub async fn create_import(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, user }: EditableGrouping,
    p: Page,
    ip: ClientIp,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let ImportForm {
        title,
        period,
        sheet,
        upload,
    } = read_form(&mut multipart).await?;
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
                        weighting: Weighting::Equal.as_str().to_owned(),
                    };
                    match import_file(&state.store, &actor(&user, &ip), g.id, &plan, &file, false)
                        .await
                    {
                        Ok(Some(id)) => {
                            return Ok(Redirect::to(&format!(
                                "{}?ok=flash-plan-imported",
                                plan_href(id)
                            ))
                            .into_response());
                        }
                        Ok(None) => {}
                        Err(PlanImportError::Problems(list)) => {
                            problems.extend(list.iter().map(ToString::to_string));
                        }
                        Err(e) => return Err(e.into()),
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
