//! The attendance-import use case (`maillage import attendance`, `docs/architecture.md`,
//! and the upload page of an event): the names of a grid matched against
//! the directory (exact, alias, then fuzzy; an ambiguous name is never
//! resolved silently), the JSON report, the rows to write, and the write
//! itself — all or nothing.

use std::collections::{BTreeSet, HashMap};

use crate::cancel::cancellable;

use chrono::NaiveDate;
use maillage_domain::names::Match;
use maillage_interop::attendance::AttendanceGrid;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{self as repo, GridOrganization, GridRow, GridTarget};
use maillage_store::{Store, StoreError};
use serde_json::{Value, json};
use uuid::Uuid;

/// Why an attendance import did not go through.
#[derive(Debug, thiserror::Error)]
pub enum AttendanceImportError {
    /// The caller went away while names were being matched.
    #[error("name matching stopped")]
    Stopped,
    /// Some names match no organization or several: nothing was written.
    #[error("unresolved names")]
    Unresolved,
    /// A choice of the review form names no organization of the directory,
    /// or the form does not match the grid it carries.
    #[error("a choice that is not an organization of the directory")]
    BadChoice,
    #[error(transparent)]
    Store(#[from] StoreError),
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

/// Matches every name of the grid against the directory, off the async
/// threads; stopped (and [`AttendanceImportError::Stopped`]) when the
/// caller's future is dropped.
pub async fn match_grid(
    store: &Store,
    grid: AttendanceGrid,
) -> Result<Matched, AttendanceImportError> {
    let (matcher, names) = maillage_store::repo::directory_pages::name_matcher(store).await?;
    let inputs: Vec<String> = grid
        .rows
        .iter()
        .map(|row| row.name_single_line.clone())
        .collect();
    // Off the async threads, and given up as soon as the request is gone.
    let resolutions = cancellable(move |cancel| {
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
    .ok_or(AttendanceImportError::Stopped)?;
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

    /// The JSON report, keys exactly as `docs/architecture.md` (« The command line ») gives them.
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

/// Writes the matched grid into `target` in one transaction (sessions,
/// created organizations, aliases of confirmed fuzzy matches, presences);
/// [`AttendanceImportError::Unresolved`] while a name is unresolved. Returns
/// the event written into.
pub async fn import(
    store: &Store,
    actor: &Actor,
    target: &GridTarget,
    sessions: &[NaiveDate],
    rows: Option<Vec<GridRow>>,
) -> Result<Uuid, AttendanceImportError> {
    let rows = rows.ok_or(AttendanceImportError::Unresolved)?;
    Ok(repo::import_grid(store, actor, target, sessions, &rows).await?)
}

/// What the coordinator chose for the names of a reviewed grid: the rows
/// to write, and the names still without a choice.
#[derive(Debug, Default)]
pub struct Chosen {
    pub rows: Vec<GridRow>,
    pub unresolved: Vec<String>,
}

/// The rows of a reviewed grid (`rows`: each name with its presences) with
/// the coordinator's choice for each (`""` none yet, `new` to create it,
/// else an organization id). A name chosen for an organization the
/// directory did not know it by becomes an alias, so that the next grid
/// matches it.
pub async fn rows_from_choices(
    store: &Store,
    dates: &[NaiveDate],
    rows: &[(String, Vec<bool>)],
    choices: &[String],
) -> Result<Chosen, AttendanceImportError> {
    if rows.len() != choices.len() || rows.iter().any(|(_, p)| p.len() != dates.len()) {
        return Err(AttendanceImportError::BadChoice);
    }
    let (matcher, names) = maillage_store::repo::directory_pages::name_matcher(store).await?;
    let mut chosen = Chosen::default();
    for ((name, present), choice) in rows.iter().zip(choices) {
        let organization = match choice.as_str() {
            "" => {
                chosen.unresolved.push(name.clone());
                continue;
            }
            "new" => GridOrganization::New(name.clone()),
            id if names.contains_key(id) => GridOrganization::Known(id.to_owned()),
            _ => return Err(AttendanceImportError::BadChoice),
        };
        let new_alias = match (&organization, matcher.find(name)) {
            (
                GridOrganization::Known(id),
                Match::Exact { id: found } | Match::Alias { id: found },
            ) if found == *id => None,
            (GridOrganization::Known(_), _) => Some(name.clone()),
            (GridOrganization::New(_), _) => None,
        };
        chosen.rows.push(GridRow {
            organization,
            present: present.clone(),
            new_alias,
        });
    }
    Ok(chosen)
}

/// A grid rebuilt from the rows a review form carries (to match and show
/// it again).
pub fn grid_of(dates: &[NaiveDate], rows: &[(String, Vec<bool>)]) -> AttendanceGrid {
    AttendanceGrid {
        file: String::new(),
        sessions: dates.to_vec(),
        session_columns: Vec::new(),
        name_column: String::new(),
        name_header: String::new(),
        header_row: 1,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (n, pr))| maillage_interop::attendance::AttendanceRow {
                row: i + 2,
                input: n.clone(),
                name_single_line: n.clone(),
                present: pr.clone(),
            })
            .collect(),
    }
}
