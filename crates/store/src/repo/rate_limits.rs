//! Limits on how often one client may do one thing, counted in the
//! database so that every node sees the same count (sign-in has its own
//! table, `login_attempts`, which also keeps the outcome of each attempt).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::entity::rate_limit_hit;
use crate::{Store, StoreError};

/// At most `max` actions per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u64,
    pub window: Duration,
}

/// Counts one action of `client` in `bucket` at `now`, unless it would be
/// more than the limit allows: then nothing is counted and the answer is how
/// long until the oldest counted action leaves the window (at least a second).
///
/// The action is counted first and the count read after, so that concurrent
/// requests see each other: under a burst, the limit errs on refusing.
pub async fn admit(
    store: &Store,
    bucket: &str,
    client: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, StoreError> {
    let hit = rate_limit_hit::ActiveModel {
        bucket: Set(bucket.to_owned()),
        client: Set(client.chars().take(100).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(store.conn())
    .await?;
    let in_window = || {
        rate_limit_hit::Entity::find()
            .filter(rate_limit_hit::Column::Bucket.eq(bucket))
            .filter(rate_limit_hit::Column::Client.eq(hit.client.as_str()))
            .filter(rate_limit_hit::Column::At.gt(now - limit.window))
    };
    let count = in_window().count(store.conn()).await?;
    if count <= limit.max {
        return Ok(Ok(()));
    }
    rate_limit_hit::Entity::delete_by_id(hit.id)
        .exec(store.conn())
        .await?;
    let oldest = in_window()
        .order_by_asc(rate_limit_hit::Column::At)
        .one(store.conn())
        .await?
        .map_or(now, |h| h.at);
    let wait = (oldest + limit.window - now).max(Duration::seconds(1));
    Ok(Err(wait))
}

/// Forgets actions older than `before` (no limit looks back that far).
pub async fn purge(store: &Store, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let r = rate_limit_hit::Entity::delete_many()
        .filter(rate_limit_hit::Column::At.lte(before))
        .exec(store.conn())
        .await?;
    Ok(r.rows_affected)
}

/// Whether `client` already used up `limit` in `bucket` at `now`, without
/// counting anything: for limits that count only failures (unknown join
/// codes) but must refuse every try once reached, or a hit would still
/// tell the guesser it found something.
pub async fn exhausted(
    store: &Store,
    bucket: &str,
    client: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let client: String = client.chars().take(100).collect();
    let count = rate_limit_hit::Entity::find()
        .filter(rate_limit_hit::Column::Bucket.eq(bucket))
        .filter(rate_limit_hit::Column::Client.eq(client.as_str()))
        .filter(rate_limit_hit::Column::At.gt(now - limit.window))
        .count(store.conn())
        .await?;
    Ok(count >= limit.max)
}
