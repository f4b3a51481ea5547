//! Lists: which rows match (filters, full-text `search`, `modified_after`),
//! in which order, and one page of them in the HSDS paging envelope — or
//! every one of them as NDJSON with `format=ndjson`.

use std::collections::HashMap;

use axum::Json;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use maillage_search::{Filters, Kind};
use maillage_store::repo::directory_pages::sort_key;
use maillage_store::repo::hsds_api::Key;
use serde::Serialize;

use super::query::{ListFormat, Paging, parse_datetime};
use super::schema::Page;
use crate::AppState;
use crate::error::AppError;

/// Rows built per round trip when streaming a whole list as NDJSON.
const NDJSON_BATCH: usize = 500;

/// Full-text search of the index: the ids of `kind` matching `query`, best
/// first, with their rank. At most [`maillage_search::MAX_LIMIT`] hits.
pub async fn search_ranks(
    state: &AppState,
    query: &str,
    kind: Kind,
) -> Result<HashMap<String, usize>, AppError> {
    let search = state.search.clone();
    let query = query.to_owned();
    let filters = Filters {
        kind: Some(kind),
        ..Filters::default()
    };
    let hits = tokio::task::spawn_blocking(move || {
        search.search(&query, maillage_search::MAX_LIMIT, &filters, false)
    })
    .await
    .map_err(AppError::internal)?
    .unwrap_or_else(|e| {
        // A query is never worth an error: nothing matches.
        tracing::warn!(error = %e, "directory API search failed");
        Vec::new()
    });
    Ok(hits
        .into_iter()
        .enumerate()
        .map(|(rank, hit)| (hit.id, rank))
        .collect())
}

/// Keeps the keys whose id (or, with `by_service`, service id) is ranked,
/// best rank first; the previous order breaks ties.
pub fn keep_ranked(keys: Vec<Key>, ranks: &HashMap<String, usize>, by_service: bool) -> Vec<Key> {
    let mut kept: Vec<(usize, Key)> = keys
        .into_iter()
        .filter_map(|k| {
            let id = if by_service {
                k.service_id.as_deref()?
            } else {
                k.id.as_str()
            };
            ranks.get(id).map(|r| (*r, k))
        })
        .collect();
    // Stable: equal ranks keep the name order.
    kept.sort_by_key(|(rank, _)| *rank);
    kept.into_iter().map(|(_, k)| k).collect()
}

/// Plain-text search for the tables the index does not cover: every word
/// of `query` (case and accents aside) is in one of the key's texts.
pub fn keep_matching_text(keys: Vec<Key>, query: &str) -> Vec<Key> {
    let words: Vec<String> = sort_key(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    keys.into_iter()
        .filter(|k| {
            let text = sort_key(&k.texts.join(" "));
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

/// Keeps the keys modified on or after `after` (those without a readable
/// `last_modified` are left out: nothing says they changed).
pub fn keep_modified_after(keys: Vec<Key>, after: DateTime<Utc>) -> Vec<Key> {
    keys.into_iter()
        .filter(|k| {
            k.last_modified
                .as_deref()
                .and_then(parse_datetime)
                .is_some_and(|t| t >= after)
        })
        .collect()
}

/// The HSDS envelope of page `page` of a list of `total` items.
pub fn page_of<T>(total: usize, page: u64, per_page: u64, contents: Vec<T>) -> Page<T> {
    let total = total as u64;
    let total_pages = total.div_ceil(per_page.max(1));
    Page {
        total_items: total,
        total_pages,
        page_number: page,
        size: contents.len() as u64,
        first_page: page == 1,
        last_page: page >= total_pages,
        empty: contents.is_empty(),
        contents,
    }
}

/// The ids of page `paging.page` (empty past the last page).
fn page_ids(ids: &[String], paging: Paging) -> &[String] {
    let start = usize::try_from((paging.page - 1).saturating_mul(paging.per_page))
        .unwrap_or(usize::MAX)
        .min(ids.len());
    let len = usize::try_from(paging.per_page).unwrap_or(usize::MAX);
    &ids[start..start.saturating_add(len).min(ids.len())]
}

/// Answers a list: one page in the HSDS envelope, or with
/// `format=ndjson` every item on its own line. `build` makes the items of
/// some ids, in their order.
pub async fn respond<T, F, Fut>(
    ids: Vec<String>,
    paging: Paging,
    build: F,
) -> Result<Response, AppError>
where
    T: Serialize,
    F: Fn(Vec<String>) -> Fut,
    Fut: Future<Output = Result<Vec<T>, AppError>>,
{
    match paging.format {
        ListFormat::Json => {
            let contents = build(page_ids(&ids, paging).to_vec()).await?;
            Ok(Json(page_of(ids.len(), paging.page, paging.per_page, contents)).into_response())
        }
        ListFormat::Ndjson => {
            let mut body = String::new();
            for chunk in ids.chunks(NDJSON_BATCH) {
                for item in build(chunk.to_vec()).await? {
                    let line = serde_json::to_string(&item).map_err(AppError::internal)?;
                    body.push_str(&line);
                    body.push('\n');
                }
            }
            Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response())
        }
    }
}

/// The ids of keys, in order.
pub fn ids(keys: Vec<Key>) -> Vec<String> {
    keys.into_iter().map(|k| k.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, texts: &[&str]) -> Key {
        Key {
            id: id.to_owned(),
            texts: texts.iter().map(|t| (*t).to_owned()).collect(),
            ..Key::default()
        }
    }

    #[test]
    fn pages_count_from_one() {
        let p = page_of(5, 1, 2, vec![1, 2]);
        assert_eq!(
            (p.total_pages, p.size, p.first_page, p.last_page, p.empty),
            (3, 2, true, false, false)
        );
        let p = page_of(5, 3, 2, vec![5]);
        assert_eq!((p.size, p.first_page, p.last_page), (1, false, true));
        let p = page_of::<u8>(5, 4, 2, vec![]);
        assert!(p.last_page && p.empty);
        let p = page_of::<u8>(0, 1, 50, vec![]);
        assert_eq!(
            (p.total_pages, p.first_page, p.last_page, p.empty),
            (0, true, true, true)
        );
    }

    #[test]
    fn page_ids_slice_and_go_past_the_end() {
        let ids: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        let paging = |page, per_page| Paging {
            page,
            per_page,
            format: ListFormat::Json,
        };
        assert_eq!(page_ids(&ids, paging(2, 2)), ["2", "3"]);
        assert_eq!(page_ids(&ids, paging(3, 2)), ["4"]);
        assert!(page_ids(&ids, paging(9, 2)).is_empty());
        assert!(page_ids(&ids, paging(u64::from(u32::MAX), 500)).is_empty());
    }

    #[test]
    fn text_search_ignores_case_and_accents() {
        let keys = vec![
            key("1", &["Groupes d'âge", "Âges des personnes"]),
            key("2", &["Secteurs"]),
        ];
        let found = keep_matching_text(keys.clone(), "GROUPES age");
        assert_eq!(ids(found), ["1"]);
        assert!(keep_matching_text(keys, "!!!").is_empty());
    }

    #[test]
    fn ranked_keys_come_best_first() {
        let keys = vec![key("a", &[]), key("b", &[]), key("c", &[])];
        let ranks: HashMap<String, usize> = [("c".to_owned(), 0), ("a".to_owned(), 1)].into();
        assert_eq!(ids(keep_ranked(keys, &ranks, false)), ["c", "a"]);
    }

    #[test]
    fn modified_after_needs_a_date() {
        let mut old = key("old", &[]);
        old.last_modified = Some("2020-01-01T00:00:00Z".to_owned());
        let mut new = key("new", &[]);
        new.last_modified = Some("2024-06-01".to_owned());
        let none = key("none", &[]);
        let after = parse_datetime("2024-01-01").unwrap();
        assert_eq!(
            ids(keep_modified_after(vec![old, new, none], after)),
            ["new"]
        );
    }
}
