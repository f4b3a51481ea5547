//! The activities' search index of this node. It is built from the store
//! on the first search and rebuilt when [`repo::search_stamp`] (toolkit
//! and activity counts, the latest change to any toolkit) differs from the
//! one it was built from: a change made on this node or another one, by a
//! page, the API or the demo loader, is searchable at the next search.

use std::sync::Mutex;

use maillage_search::activities::{ActivityDoc, ActivityHit, ActivityIndex};
use maillage_store::Store;
use maillage_store::repo::toolkits::{self as repo, ActivityRow, SearchStamp};

use super::audience_label;
use crate::error::AppError;
use crate::i18n::Lang;

/// At most this many activities come back from one search.
pub const MAX_HITS: usize = 200;

#[derive(Default)]
pub struct ToolkitSearch {
    index: Mutex<Option<std::sync::Arc<ActivityIndex>>>,
    stamp: Mutex<Option<SearchStamp>>,
    /// One rebuild at a time; searches meanwhile wait for it.
    rebuilding: tokio::sync::Mutex<()>,
}

/// What of an activity is searched: its title; its toolkit, theme and
/// audiences (French labels and codes); its texts.
pub fn doc_of(row: &ActivityRow) -> ActivityDoc {
    let a = &row.activity;
    let mut context = vec![row.toolkit_title.clone(), row.theme_title.clone()];
    for audience in row.audiences() {
        context.push(audience_label(Lang::Fr, audience));
        context.push(audience.as_str().to_owned());
    }
    ActivityDoc {
        id: a.id.to_string(),
        title: a.title.clone(),
        context,
        body: vec![
            a.objectives.clone(),
            a.material.clone(),
            a.steps.clone(),
            a.tips.clone(),
        ],
    }
}

impl ToolkitSearch {
    fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The index, rebuilt first when the toolkits changed since.
    async fn fresh(&self, store: &Store) -> Result<std::sync::Arc<ActivityIndex>, AppError> {
        let stamp = repo::search_stamp(store.conn()).await?;
        if let Some(index) = self.current(&stamp) {
            return Ok(index);
        }
        let _rebuilding = self.rebuilding.lock().await;
        if let Some(index) = self.current(&stamp) {
            return Ok(index);
        }
        // Read after the stamp: the documents are at least as new as it.
        let docs: Vec<ActivityDoc> = repo::all_activities(store.conn())
            .await?
            .iter()
            .map(doc_of)
            .collect();
        let existing = Self::lock(&self.index).clone();
        let index = tokio::task::spawn_blocking(move || {
            let index = match existing {
                Some(index) => index,
                None => std::sync::Arc::new(ActivityIndex::new()?),
            };
            index.rebuild(docs)?;
            Ok::<_, maillage_search::SearchError>(index)
        })
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
        *Self::lock(&self.index) = Some(index.clone());
        *Self::lock(&self.stamp) = Some(stamp);
        Ok(index)
    }

    fn current(&self, stamp: &SearchStamp) -> Option<std::sync::Arc<ActivityIndex>> {
        if Self::lock(&self.stamp).as_ref() == Some(stamp) {
            Self::lock(&self.index).clone()
        } else {
            None
        }
    }

    /// The activities matching `query`, best first.
    pub async fn search(&self, store: &Store, query: &str) -> Result<Vec<ActivityHit>, AppError> {
        let index = self.fresh(store).await?;
        let query = query.to_owned();
        tokio::task::spawn_blocking(move || index.search(&query, MAX_HITS))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)
    }
}
