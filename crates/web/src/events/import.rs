//! The upload page of attendance grids, where a coordinator confirms fuzzy
//! matches and resolves ambiguous and unknown names before anything is
//! written; the matching, the report and the write are the use case
//! `maillage_app::attendance_import`, shared with `maillage import
//! attendance`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::NaiveDate;
use maillage_app::attendance_import::{
    self, Chosen, Matched, Resolution, grid_of, match_grid, rows_from_choices,
};
use maillage_interop::attendance::read_attendance;
use maillage_interop::grid::read_grid_bytes;
use maillage_store::repo::events::GridTarget;
use serde::{Deserialize, Serialize};

use super::access::ManagedEvent;
use super::manage_href;
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::actor;
use crate::error::AppError;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/presences/importer",
            get(show_import)
                .post(create_preview)
                .layer(crate::bounds::upload_limit()),
        )
        .route(
            "/evenements/{event}/presences/confirmer",
            post(create_import).layer(crate::bounds::upload_limit()),
        )
}

// ---------- the upload page ----------

#[derive(Template, WebTemplate)]
#[template(path = "events/import_upload.html")]
pub struct UploadPage {
    p: Page,
    title: String,
    back: String,
    action: String,
    problems: Vec<String>,
}

pub async fn show_import(
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
) -> Result<UploadPage, AppError> {
    Ok(UploadPage {
        action: format!("/evenements/{}/presences/importer", e.id),
        back: manage_href(e.id),
        title: e.title,
        problems: Vec::new(),
        p,
    })
}

/// The grid carried from the preview to the confirmation (a hidden field:
/// nothing is written before the coordinator confirms).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CarriedGrid {
    pub dates: Vec<NaiveDate>,
    pub rows: Vec<(String, Vec<bool>)>,
}

pub struct ReviewRow {
    pub index: usize,
    pub input: String,
    pub marks: String,
    pub method: &'static str,
    /// The organization chosen by default (`new` to create one).
    pub selected: String,
    pub options: Vec<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/import_review.html")]
pub struct ReviewPage {
    p: Page,
    title: String,
    back: String,
    action: String,
    carried: String,
    dates: Vec<String>,
    counts: Vec<usize>,
    rows: Vec<ReviewRow>,
    to_resolve: usize,
    errors: Vec<String>,
}

fn review_rows(matched: &Matched) -> Vec<ReviewRow> {
    matched
        .grid
        .rows
        .iter()
        .zip(&matched.resolutions)
        .enumerate()
        .map(|(index, (row, r))| {
            let name = |id: &str| {
                matched
                    .names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_owned())
            };
            let mut options: Vec<(String, String)> = match r {
                Resolution::Ambiguous(ids) => ids.iter().map(|id| (id.clone(), name(id))).collect(),
                _ => r
                    .id()
                    .map(|id| vec![(id.to_owned(), name(id))])
                    .unwrap_or_default(),
            };
            options.push(("new".to_owned(), String::new()));
            ReviewRow {
                index,
                input: row.name_single_line.clone(),
                marks: row
                    .present
                    .iter()
                    .map(|p| if *p { "x" } else { "·" })
                    .collect::<Vec<_>>()
                    .join(" "),
                method: r.method(),
                selected: match r {
                    Resolution::Ambiguous(_) => String::new(),
                    Resolution::Unmatched => "new".to_owned(),
                    _ => r.id().unwrap_or_default().to_owned(),
                },
                options,
            }
        })
        .collect()
}

fn review_page(
    p: Page,
    e: &maillage_store::entity::event::Model,
    matched: &Matched,
    errors: Vec<String>,
) -> ReviewPage {
    let report = matched.report(&e.title);
    let counts = report["sessions"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|x| usize::try_from(x["present"].as_u64().unwrap_or(0)).unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    let carried = CarriedGrid {
        dates: matched.grid.sessions.clone(),
        rows: matched
            .grid
            .rows
            .iter()
            .map(|r| (r.name_single_line.clone(), r.present.clone()))
            .collect(),
    };
    let rows = review_rows(matched);
    ReviewPage {
        action: format!("/evenements/{}/presences/confirmer", e.id),
        back: format!("/evenements/{}/presences/importer", e.id),
        title: e.title.clone(),
        carried: serde_json::to_string(&carried).unwrap_or_default(),
        dates: matched
            .grid
            .sessions
            .iter()
            .map(|d| crate::plans::date_text(Some(*d), p.lang))
            .collect(),
        counts,
        to_resolve: rows
            .iter()
            .filter(|r| r.method != "exact" && r.method != "alias")
            .count(),
        rows,
        errors,
        p,
    }
}

/// Reads the uploaded grid and shows what it would write.
pub async fn create_preview(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut upload: Option<(String, Vec<u8>)> = None;
    let mut sheet = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("attendance-import-error-upload"))?
    {
        match field.name().unwrap_or_default() {
            "file" => {
                let name = field.file_name().unwrap_or("presences.csv").to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::BadRequest("attendance-import-error-upload"))?;
                if !bytes.is_empty() {
                    upload = Some((name, bytes.to_vec()));
                }
            }
            "sheet" => {
                sheet = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest("attendance-import-error-upload"))?;
            }
            _ => {}
        }
    }
    let refuse = |p: Page, problems: Vec<String>| {
        let page = UploadPage {
            action: format!("/evenements/{}/presences/importer", e.id),
            back: manage_href(e.id),
            title: e.title.clone(),
            problems,
            p,
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let Some((name, bytes)) = upload else {
        let msg = p.t("attendance-import-error-file");
        return refuse(p, vec![msg]);
    };
    let sheet = (!sheet.trim().is_empty()).then(|| sheet.trim().to_owned());
    let grid = match read_grid_bytes(&name, &bytes, sheet.as_deref()) {
        Ok(g) => g,
        Err(err) => return refuse(p, vec![err.to_string()]),
    };
    let grid = match read_attendance(&grid) {
        Ok(g) => g,
        Err(problems) => return refuse(p, problems.iter().map(ToString::to_string).collect()),
    };
    let matched = match_grid(&state.store, grid).await?;
    Ok(review_page(p, &e, &matched, Vec::new()).into_response())
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    grid: String,
    /// One choice per row, in row order: an organization id or `new`.
    #[serde(default)]
    choice: Vec<String>,
}

/// Writes the grid with the coordinator's choices: every row resolved or
/// nothing written.
pub async fn create_import(
    State(state): State<AppState>,
    ManagedEvent { event: e, user }: ManagedEvent,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let carried: CarriedGrid = serde_json::from_str(&form.grid)
        .map_err(|_| AppError::BadRequest("attendance-import-error-upload"))?;
    let Chosen { rows, unresolved } =
        rows_from_choices(&state.store, &carried.dates, &carried.rows, &form.choice).await?;
    if !unresolved.is_empty() {
        // Show the review again, with the names still to resolve.
        let grid = grid_of(&carried.dates, &carried.rows);
        let reviewed = match_grid(&state.store, grid).await?;
        let errors = unresolved
            .iter()
            .map(|n| p.t1("attendance-import-error-unresolved", "name", n))
            .collect();
        let page = review_page(p, &e, &reviewed, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    attendance_import::import(
        &state.store,
        &actor(&user, &ip),
        &GridTarget::Existing(e.id),
        &carried.dates,
        Some(rows),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/evenements/{}/presences?ok=flash-attendance-imported",
        e.id
    ))
    .into_response())
}
