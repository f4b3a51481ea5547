//! `maillage search`: the same engine and JSON shape as `/api/v1/search`.

use maillage_app::search_sync;
use maillage_search::{Filters, SearchIndex};
use maillage_store::Store;
use serde_json::json;

use super::{open_store, print_json};
use crate::CliError;
use crate::config::Config;

/// Brings the data directory's index up to date after a write, unless a
/// running server holds it (that server follows the change log itself).
pub async fn refresh_index(store: &Store, config: &Config) {
    match SearchIndex::open(&config.data_dir.join(search_sync::INDEX_DIR)) {
        Ok(index) => {
            if let Err(e) = search_sync::refresh(store, &std::sync::Arc::new(index)).await {
                tracing::warn!(error = %e, "search index not refreshed");
            }
        }
        Err(e) => tracing::info!(error = %e, "search index in use: the server will refresh it"),
    }
}

pub async fn run(config: &Config, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    let store = open_store(config).await?;
    let dir = config.data_dir.join(search_sync::INDEX_DIR);
    let index = match search_sync::open(&store, &config.data_dir).await {
        Ok(index) => index,
        // A server holds the writer: read what it keeps fresh.
        Err(_) => std::sync::Arc::new(
            SearchIndex::open_read_only(&dir).map_err(|e| CliError::Refused(e.to_string()))?,
        ),
    };
    store.close().await;
    let hits = index
        .search(query, limit, &Filters::default(), false)
        .map_err(|e| CliError::Refused(e.to_string()))?;
    if json {
        print_json(&json!({"query": query, "hits": hits}));
    } else if hits.is_empty() {
        eprintln!("aucun résultat / no results");
    } else {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for h in &hits {
            let kind = match h.kind {
                maillage_search::Kind::Organization => "organisation",
                maillage_search::Kind::Service => "service",
            };
            // A closed pipe ends the listing quietly.
            if writeln!(
                out,
                "{:>7.2}  {kind:<12}  {}  —  {}  [{}]",
                h.score, h.name, h.organization, h.id
            )
            .is_err()
            {
                break;
            }
        }
    }
    Ok(())
}
