//! The search index's documents, made from the rows the store reads: the
//! store knows nothing of the index and the index nothing of the store.

use maillage_search::{Doc, Kind};
use maillage_store::repo::directory::{self, SearchKind, SearchRow, SearchScope};
use maillage_store::{Store, StoreError};

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
