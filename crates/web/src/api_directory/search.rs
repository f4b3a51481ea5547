//! `GET /api/v1/search?q=&limit=`: the engine and JSON shape of
//! `maillage search --json` (`docs/architecture.md`, « The command line »).

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maillage_search::{Filters, Found, Hit, Kind};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::TAG_DIRECTORY;
use super::query::{FromQuery, Params, QueryMap, bad_request};
use crate::AppState;
use crate::api::ErrorBody;
use crate::error::AppError;

/// Hits when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;
/// The largest `limit`; larger values are lowered to it.
pub const MAX_LIMIT: i64 = 100;

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to look for: names, aliases and abbreviations, descriptions,
    /// taxonomy terms, towns. Case and accents never matter, French stop
    /// words are optional and a word of 5+ letters may carry one typo. A
    /// blank or punctuation-only query has no hits.
    q: Option<String>,
    /// How many hits at most (1 to 100; 0 or less counts as 1, more than
    /// 100 as 100).
    #[param(minimum = 1, maximum = 100, default = 10)]
    limit: Option<i64>,
    /// Which page of `limit` hits, from 1 (0 or less counts as 1). The
    /// `X-Total-Count` header says how many hits there are in all; pages end
    /// at the 1,000th hit.
    #[param(minimum = 1, default = 1)]
    page: Option<i64>,
}

impl FromQuery for SearchQuery {
    const NAMES: &'static [&'static str] = &["q", "limit", "page"];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        let number = |name: &str| {
            match q.text(name) {
            None => Ok(None),
            Some(text) => parse_limit(&text).map(Some).ok_or_else(|| {
                bad_request(
                    q.lang,
                    &format!(
                        "Le paramètre «\u{a0}{name}\u{a0}» doit être un nombre entier (reçu\u{a0}: «\u{a0}{text}\u{a0}»)."
                    ),
                    &format!("The parameter \"{name}\" must be a whole number (got \"{text}\")."),
                )
            }),
        }
        };
        Ok(SearchQuery {
            q: q.raw("q").map(str::to_owned),
            limit: number("limit")?,
            page: number("page")?,
        })
    }
}

/// A whole number, saturated to `i64` when it has too many digits.
fn parse_limit(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i64>().unwrap_or(if text.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    }))
}

/// The hits skipped before page `page` of `limit` hits.
fn offset_of(page: Option<i64>, limit: usize) -> usize {
    let page = usize::try_from(page.unwrap_or(1).max(1)).unwrap_or(usize::MAX);
    (page - 1).saturating_mul(limit)
}

/// `limit` brought into `1..=MAX_LIMIT`.
fn clamp_limit(limit: Option<i64>) -> usize {
    limit.map_or(DEFAULT_LIMIT, |l| {
        usize::try_from(l.clamp(1, MAX_LIMIT)).unwrap_or(DEFAULT_LIMIT)
    })
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Organization,
    Service,
}

/// One hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    kind: HitKind,
    /// The HSDS id of the organization or service.
    id: String,
    name: String,
    /// The organization's name (for an organization, its own).
    organization: String,
    /// Higher is better; its integer part is how many meaningful words of
    /// the query the hit contains. Comparable only within one query.
    score: f64,
}

impl From<Hit> for SearchHit {
    fn from(h: Hit) -> Self {
        SearchHit {
            kind: match h.kind {
                Kind::Organization => HitKind::Organization,
                Kind::Service => HitKind::Service,
            },
            id: h.id,
            name: h.name,
            organization: h.organization,
            score: h.score,
        }
    }
}

/// The hits of a query, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    /// The query as received.
    query: String,
    hits: Vec<SearchHit>,
}

/// Searches organizations and services, best first.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = TAG_DIRECTORY,
    params(SearchQuery),
    responses(
        (status = 200, description = "The hits, best first", body = SearchResults,
            headers(("X-Total-Count" = u64, description = "How many hits the query has in all"))),
        (status = 400, description = "`limit` is not a whole number, or an unknown parameter", body = ErrorBody)
    )
)]
pub async fn list_search_hits(
    State(state): State<AppState>,
    Params(p): Params<SearchQuery>,
) -> Result<Response, AppError> {
    let query = p.q.unwrap_or_default();
    let limit = clamp_limit(p.limit);
    let offset = offset_of(p.page, limit);
    let search = state.search.clone();
    let text = query.clone();
    let found = tokio::task::spawn_blocking(move || {
        search.search_page(&text, offset, limit, &Filters::default(), false)
    })
    .await
    .map_err(AppError::internal)?
    .unwrap_or_else(|e| {
        // A query is never worth an error: nothing matches.
        tracing::warn!(error = %e, "search failed");
        Found::default()
    });
    let body = Json(SearchResults {
        query,
        hits: found.hits.into_iter().map(SearchHit::from).collect(),
    });
    Ok(([("x-total-count", found.total.to_string())], body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_clamped_and_must_be_numbers() {
        assert_eq!(clamp_limit(None), 10);
        assert_eq!(clamp_limit(parse_limit("0")), 1);
        assert_eq!(clamp_limit(parse_limit("-7")), 1);
        assert_eq!(clamp_limit(parse_limit("42")), 42);
        assert_eq!(clamp_limit(parse_limit("1000")), 100);
        assert_eq!(clamp_limit(parse_limit("99999999999999999999999")), 100);
        assert_eq!(clamp_limit(parse_limit("-99999999999999999999999")), 1);
        for bad in ["abc", "1.5", "", "-", "1e3", "١٢"] {
            assert_eq!(parse_limit(bad), None, "{bad}");
        }
        assert_eq!(offset_of(None, 10), 0);
        assert_eq!(offset_of(Some(-3), 10), 0);
        assert_eq!(offset_of(Some(3), 10), 20);
        assert_eq!(offset_of(Some(i64::MAX), 100), usize::MAX);
    }
}
