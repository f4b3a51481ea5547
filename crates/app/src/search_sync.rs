//! Keeps a node's search index in step with the database: rebuilt when
//! missing or of another schema version, then fed from the change log
//! (every write to a searchable table appends to it in its transaction), so
//! that every node sharing a PostgreSQL database converges within a
//! polling interval and the node that wrote sees its write at once.
//!
//! The store reads rows ([`SearchRow`]) and knows nothing of the index; the
//! index knows nothing of the store; [`document`] joins them here. The
//! server (`maillage serve`, through `maillage-web`) and the command line
//! (`maillage search`, the importers) both use this module.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use maillage_search::{Doc, Kind, SearchError, SearchIndex};
use maillage_store::repo::directory::{self, SearchKind, SearchRow, SearchScope};
use maillage_store::repo::{change_log, hsds};
use maillage_store::{Store, StoreError};

/// The index directory inside the data directory.
pub const INDEX_DIR: &str = "search-index";

/// How often a node looks for changes written by others.
pub const POLL: Duration = Duration::from_millis(250);

/// Most change-log rows read at once.
const BATCH: u64 = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("search index: {0}")]
    Index(#[from] SearchError),
    #[error("index task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// The document of one searchable row.
pub fn document(row: SearchRow) -> Doc {
    Doc {
        kind: match row.kind {
            SearchKind::Organization => Kind::Organization,
            SearchKind::Service => Kind::Service,
        },
        id: row.id,
        name: row.name,
        aliases: row.aliases,
        organization_id: row.organization_id,
        organization: row.organization,
        description: row.description,
        terms: row.terms,
        towns: row.towns,
        sector: row.sector,
        territories: row.territories,
        languages: row.languages,
        age_groups: row.age_groups,
    }
}

/// The documents of the directory (or of some of it). Those that no longer
/// exist are simply absent: the caller deletes them.
pub async fn documents(store: &Store, scope: &SearchScope) -> Result<Vec<Doc>, StoreError> {
    Ok(directory::search_rows(store.conn(), scope)
        .await?
        .into_iter()
        .map(document)
        .collect())
}

/// Rebuilds the whole index from the database.
pub async fn rebuild(store: &Store, index: &Arc<SearchIndex>) -> Result<usize, SyncError> {
    let upto = change_log::latest_id(store).await?;
    let docs = documents(store, &SearchScope::All).await?;
    let index = Arc::clone(index);
    blocking(move || index.rebuild(docs, upto)).await
}

/// Index writes commit and sync to disk: keep them off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> Result<T, SyncError> {
    Ok(tokio::task::spawn_blocking(f).await??)
}

/// Opens (or creates) the index of a data directory and brings it up to
/// date.
pub async fn open(store: &Store, data_dir: &Path) -> Result<Arc<SearchIndex>, SyncError> {
    let index = SearchIndex::open(&data_dir.join(INDEX_DIR))?;
    prepare(store, index).await
}

/// An in-memory index (tests), built from the database.
pub async fn in_memory(store: &Store) -> Result<Arc<SearchIndex>, SyncError> {
    prepare(store, SearchIndex::in_memory()?).await
}

async fn prepare(store: &Store, index: SearchIndex) -> Result<Arc<SearchIndex>, SyncError> {
    let index = Arc::new(index);
    refresh(store, &index).await?;
    Ok(index)
}

/// Rebuilds a new or outdated index, otherwise applies what it missed.
pub async fn refresh(store: &Store, index: &Arc<SearchIndex>) -> Result<(), SyncError> {
    if index.needs_rebuild() || index.last_change_id() == 0 {
        rebuild(store, index).await?;
    } else {
        catch_up(store, index).await?;
    }
    Ok(())
}

/// Applies the change-log rows the index has not seen; returns how many.
pub async fn catch_up(store: &Store, index: &Arc<SearchIndex>) -> Result<usize, SyncError> {
    let mut applied = 0;
    loop {
        let after = index.last_change_id();
        let rows = change_log::since(store, after, BATCH).await?;
        let Some(last) = rows.last().map(|r| r.id) else {
            return Ok(applied);
        };
        applied += rows.len();
        if rows.iter().any(|r| r.table_name == hsds::CHANGE_ALL) {
            let docs = documents(store, &SearchScope::All).await?;
            let index = Arc::clone(index);
            blocking(move || index.rebuild(docs, last)).await?;
            continue;
        }
        let mut orgs = BTreeSet::new();
        let mut services = BTreeSet::new();
        for r in &rows {
            match r.table_name.as_str() {
                "organizations" => {
                    orgs.insert(r.row_id.clone());
                }
                "services" => {
                    services.insert(r.row_id.clone());
                }
                _ => {}
            }
        }
        let (docs, deletes) = if orgs.is_empty() && services.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            changed_documents(store, orgs, services).await?
        };
        let index = Arc::clone(index);
        blocking(move || index.apply(docs, deletes, last)).await?;
    }
}

/// The documents of the changed organizations and services (and of the
/// services of a changed organization, which carry its name), and those to
/// delete: the changed ones the database no longer has.
async fn changed_documents(
    store: &Store,
    orgs: BTreeSet<String>,
    mut services: BTreeSet<String>,
) -> Result<(Vec<Doc>, Vec<(Kind, String)>), StoreError> {
    let org_list: Vec<String> = orgs.iter().cloned().collect();
    for s in
        directory::rows_where(store.conn(), "service", "organization_id", Some(&org_list)).await?
    {
        if let Some(id) = s.get("id") {
            services.insert(id.clone());
        }
    }
    let scope = SearchScope::Some {
        organizations: org_list,
        services: services.iter().cloned().collect(),
    };
    let docs = documents(store, &scope).await?;
    let present: BTreeSet<(bool, &str)> = docs
        .iter()
        .map(|d| (d.kind == Kind::Organization, d.id.as_str()))
        .collect();
    let deletes = orgs
        .iter()
        .filter(|id| !present.contains(&(true, id.as_str())))
        .map(|id| (Kind::Organization, id.clone()))
        .chain(
            services
                .iter()
                .filter(|id| !present.contains(&(false, id.as_str())))
                .map(|id| (Kind::Service, id.clone())),
        )
        .collect();
    Ok((docs, deletes))
}

/// Follows the change log until the process ends.
pub fn spawn_follower(store: Store, index: Arc<SearchIndex>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = catch_up(&store, &index).await {
                tracing::warn!(error = %e, "search index could not follow the change log");
            }
        }
    })
}
