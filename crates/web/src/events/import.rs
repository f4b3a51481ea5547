//! Attendance grids (DESIGN §4 `maillage import attendance`): matching the
//! names of a grid against the directory (exact, alias, then fuzzy; an
//! ambiguous name is never resolved silently), the JSON report, and the
//! upload page where a coordinator confirms fuzzy matches and resolves
//! ambiguous and unknown names before anything is written.

use std::collections::{BTreeSet, HashMap};

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::NaiveDate;
use maillage_domain::names::Match;
use maillage_interop::attendance::{AttendanceGrid, read_attendance};
use maillage_interop::grid::read_grid_bytes;
use maillage_store::Store;
use maillage_store::repo::events::{self as repo, GridOrganization, GridRow, GridTarget};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

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

/// How a name of the grid was matched.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    Exact(String),
    Alias(String),
    Fuzzy(String, f64),
    Ambiguous(Vec<String>),
    Unmatched,
}

impl Resolution {
    pub fn id(&self) -> Option<&str> {
        match self {
            Resolution::Exact(id) | Resolution::Alias(id) | Resolution::Fuzzy(id, _) => Some(id),
            _ => None,
        }
    }

    pub fn method(&self) -> &'static str {
        match self {
            Resolution::Exact(_) => "exact",
            Resolution::Alias(_) => "alias",
            Resolution::Fuzzy(..) => "fuzzy",
            Resolution::Ambiguous(_) => "ambiguous",
            Resolution::Unmatched => "unmatched",
        }
    }
}

/// The grid's rows matched against the directory.
pub struct Matched {
    pub grid: AttendanceGrid,
    pub resolutions: Vec<Resolution>,
    /// Organization names by id (for the report).
    pub names: HashMap<String, String>,
}

pub async fn match_grid(
    store: &Store,
    grid: AttendanceGrid,
) -> Result<Matched, maillage_store::StoreError> {
    let (matcher, names) = maillage_store::repo::directory_pages::name_matcher(store).await?;
    let inputs: Vec<String> = grid
        .rows
        .iter()
        .map(|row| row.name_single_line.clone())
        .collect();
    // Off the async threads, and given up as soon as the request is gone.
    let resolutions = crate::bounds::cancellable(move |cancel| {
        let mut out = Vec::with_capacity(inputs.len());
        for input in &inputs {
            if cancel.is_set() {
                return None;
            }
            out.push(match matcher.find(input) {
                Match::Exact { id } => Resolution::Exact(id),
                Match::Alias { id } => Resolution::Alias(id),
                Match::Fuzzy { id, score } => Resolution::Fuzzy(id, score),
                Match::Ambiguous { candidates } => {
                    Resolution::Ambiguous(candidates.into_iter().map(|(id, _)| id).collect())
                }
                Match::NoMatch => Resolution::Unmatched,
            });
        }
        Some(out)
    })
    .await
    .ok_or_else(|| maillage_store::StoreError::Invalid("name matching stopped".to_owned()))?;
    Ok(Matched {
        grid,
        resolutions,
        names,
    })
}

impl Matched {
    /// Whether every name resolves to one organization (unknown names count
    /// as resolved when they are to be created).
    pub fn is_complete(&self, create_missing: bool) -> bool {
        self.resolutions.iter().all(|r| match r {
            Resolution::Ambiguous(_) => false,
            Resolution::Unmatched => create_missing,
            _ => true,
        })
    }

    /// The organization key of each row: its id, or its name when unknown.
    fn key(&self, i: usize) -> String {
        self.resolutions[i].id().map_or_else(
            || format!("?{}", self.grid.rows[i].name_single_line),
            str::to_owned,
        )
    }

    /// The JSON report of DESIGN §4, keys exactly as the contract says.
    pub fn report(&self, event: &str) -> Value {
        let mut present: Vec<BTreeSet<String>> = vec![BTreeSet::new(); self.grid.sessions.len()];
        let mut distinct = BTreeSet::new();
        for (i, row) in self.grid.rows.iter().enumerate() {
            let key = self.key(i);
            distinct.insert(key.clone());
            for (s, p) in row.present.iter().enumerate() {
                if *p {
                    present[s].insert(key.clone());
                }
            }
        }
        let mut matched = Vec::new();
        let mut unmatched = Vec::new();
        let mut ambiguous = Vec::new();
        for (row, r) in self.grid.rows.iter().zip(&self.resolutions) {
            match r {
                Resolution::Ambiguous(ids) => {
                    ambiguous.push(json!({"input": row.input, "candidates": ids}));
                }
                Resolution::Unmatched => unmatched.push(json!(row.input)),
                _ => {
                    let id = r.id().unwrap_or_default();
                    matched.push(json!({
                        "input": row.input,
                        "organization_id": id,
                        "organization": self.names.get(id).cloned().unwrap_or_default(),
                        "method": r.method(),
                    }));
                }
            }
        }
        json!({
            "event": event,
            "sessions": self.grid.sessions.iter().zip(&present).map(|(d, p)| json!({
                "date": d.format("%Y-%m-%d").to_string(),
                "present": p.len(),
            })).collect::<Vec<_>>(),
            "distinct_organizations": distinct.len(),
            "matched": matched,
            "unmatched": unmatched,
            "ambiguous": ambiguous,
        })
    }

    /// The rows to write; `None` while a name is unresolved. Fuzzy matches
    /// (confirmed by writing them) become aliases.
    pub fn rows(&self, create_missing: bool) -> Option<Vec<GridRow>> {
        self.grid
            .rows
            .iter()
            .zip(&self.resolutions)
            .map(|(row, r)| {
                let organization = match r {
                    Resolution::Exact(id) | Resolution::Alias(id) | Resolution::Fuzzy(id, _) => {
                        GridOrganization::Known(id.clone())
                    }
                    Resolution::Unmatched if create_missing => {
                        GridOrganization::New(row.name_single_line.clone())
                    }
                    _ => return None,
                };
                Some(GridRow {
                    organization,
                    present: row.present.clone(),
                    new_alias: matches!(r, Resolution::Fuzzy(..))
                        .then(|| row.name_single_line.clone()),
                })
            })
            .collect()
    }
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
    if carried.rows.len() != form.choice.len()
        || carried
            .rows
            .iter()
            .any(|(_, p)| p.len() != carried.dates.len())
    {
        return Err(AppError::BadRequest("attendance-import-error-upload"));
    }
    let (matcher, names) =
        maillage_store::repo::directory_pages::name_matcher(&state.store).await?;
    let mut rows = Vec::new();
    let mut unresolved = Vec::new();
    for ((name, present), choice) in carried.rows.iter().zip(&form.choice) {
        let organization = match choice.as_str() {
            "" => {
                unresolved.push(name.clone());
                continue;
            }
            "new" => GridOrganization::New(name.clone()),
            id if names.contains_key(id) => GridOrganization::Known(id.to_owned()),
            _ => return Err(AppError::BadRequest("attendance-import-error-upload")),
        };
        // What the coordinator chose for a name the directory did not know
        // as such becomes an alias, so that the next grid matches it.
        let new_alias = match (&organization, matcher.find(name)) {
            (
                GridOrganization::Known(id),
                Match::Exact { id: found } | Match::Alias { id: found },
            ) if found == *id => None,
            (GridOrganization::Known(_), _) => Some(name.clone()),
            (GridOrganization::New(_), _) => None,
        };
        rows.push(GridRow {
            organization,
            present: present.clone(),
            new_alias,
        });
    }
    if !unresolved.is_empty() {
        // Show the review again, with the names still to resolve.
        let grid = AttendanceGrid {
            file: String::new(),
            sessions: carried.dates.clone(),
            session_columns: Vec::new(),
            name_column: String::new(),
            name_header: String::new(),
            header_row: 1,
            rows: carried
                .rows
                .iter()
                .enumerate()
                .map(|(i, (n, pr))| maillage_interop::attendance::AttendanceRow {
                    row: i + 2,
                    input: n.clone(),
                    name_single_line: n.clone(),
                    present: pr.clone(),
                })
                .collect(),
        };
        let reviewed = match_grid(&state.store, grid).await?;
        let errors = unresolved
            .iter()
            .map(|n| p.t1("attendance-import-error-unresolved", "name", n))
            .collect();
        let page = review_page(p, &e, &reviewed, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    repo::import_grid(
        &state.store,
        &actor(&user, &ip),
        &GridTarget::Existing(e.id),
        &carried.dates,
        &rows,
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/evenements/{}/presences?ok=flash-attendance-imported",
        e.id
    ))
    .into_response())
}
