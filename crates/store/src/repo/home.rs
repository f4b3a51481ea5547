//! What the home page and the dashboard read: the sessions still to come
//! and the latest changes of the change log.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::StoreError;
use crate::entity::{change_log, event_session};

/// Sessions on `from` or later, earliest first (all events; the caller
/// keeps those the visitor may see).
pub async fn sessions_from<C: ConnectionTrait>(
    conn: &C,
    from: NaiveDate,
) -> Result<Vec<event_session::Model>, StoreError> {
    Ok(event_session::Entity::find()
        .filter(event_session::Column::Date.gte(from))
        .order_by_asc(event_session::Column::Date)
        .order_by_asc(event_session::Column::Position)
        .all(conn)
        .await?)
}

/// The latest change of each of up to `limit` rows of `tables`, latest
/// first (a row changed twice appears once, at its latest change).
pub async fn recent_changes<C: ConnectionTrait>(
    conn: &C,
    tables: &[&str],
    limit: usize,
) -> Result<Vec<change_log::Model>, StoreError> {
    // A few times the limit: rows changed several times in a row collapse.
    let window = u64::try_from(limit.saturating_mul(5)).unwrap_or(u64::MAX);
    let rows = change_log::Entity::find()
        .filter(change_log::Column::TableName.is_in(tables.iter().copied()))
        .order_by_desc(change_log::Column::Id)
        .limit(window)
        .all(conn)
        .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|r| seen.insert((r.table_name.clone(), r.row_id.clone())))
        .take(limit)
        .collect())
}
