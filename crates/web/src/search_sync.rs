//! Keeps a node's search index in step with the database: rebuilt when
//! missing or of another schema version, then fed from the change log
//! (every write to a searchable table appends to it in its transaction), so
//! that every node sharing a PostgreSQL database converges within a
//! polling interval and the node that wrote sees its write at once.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use maillage_search::{Kind, SearchIndex};
use maillage_app::search_sync::documents;
use maillage_store::repo::directory::{self, SearchScope};
use maillage_store::repo::{change_log, hsds};
use maillage_store::{Store, StoreError};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

/// The index directory inside the data directory.
pub const INDEX_DIR: &str = "search-index";

/// How often a node looks for changes written by others.
pub const POLL: Duration = Duration::from_millis(250);

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("search index: {0}")]
    Index(#[from] maillage_search::SearchError),
}

async fn latest_change_id(store: &Store) -> Result<i64, StoreError> {
    let stmt = Query::select()
        .expr_as(Expr::col(Alias::new("id")).max(), Alias::new("m"))
        .from(Alias::new("change_log"))
        .to_owned();
    let row = store.conn().query_one(&stmt).await?;
    Ok(match row {
        Some(r) => r.try_get::<Option<i64>>("", "m")?.unwrap_or(0),
        None => 0,
    })
}

/// Rebuilds the whole index from the database.
pub async fn rebuild(store: &Store, index: &Arc<SearchIndex>) -> Result<usize, SyncError> {
    let upto = latest_change_id(store).await?;
    let docs = documents(store, &SearchScope::All).await?;
    let index = Arc::clone(index);
    blocking(move || index.rebuild(docs, upto)).await
}

/// Index writes commit and sync to disk: keep them off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, maillage_search::SearchError> + Send + 'static,
) -> Result<T, SyncError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| SyncError::Store(StoreError::Invalid(format!("index task failed: {e}"))))?
        .map_err(SyncError::from)
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
        let rows = change_log::since(store, after, 5_000).await?;
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
        if orgs.is_empty() && services.is_empty() {
            let index = Arc::clone(index);
            blocking(move || index.apply(Vec::new(), Vec::new(), last)).await?;
            continue;
        }
        // An organization's services carry its name: reindex them too.
        let org_list: Vec<String> = orgs.iter().cloned().collect();
        for s in directory::rows_where(store.conn(), "service", "organization_id", Some(&org_list))
            .await?
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
        let index = Arc::clone(index);
        blocking(move || index.apply(docs, deletes, last)).await?;
    }
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
