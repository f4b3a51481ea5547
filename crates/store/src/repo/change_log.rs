//! The change log: one row per write to a searchable or live table, in the
//! writer's transaction, so followers (search index, live fan-out, other
//! nodes) never miss nor see an uncommitted change.

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::change_log;
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

pub async fn append<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    row_id: &str,
    op: Op,
    grouping_id: Option<Uuid>,
) -> Result<(), StoreError> {
    change_log::ActiveModel {
        table_name: Set(table.to_owned()),
        row_id: Set(row_id.to_owned()),
        op: Set(op.as_str().to_owned()),
        at: Set(Utc::now()),
        grouping_id: Set(grouping_id),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Changes after `after_id`, oldest first.
pub async fn since(
    store: &Store,
    after_id: i64,
    limit: u64,
) -> Result<Vec<change_log::Model>, StoreError> {
    Ok(change_log::Entity::find()
        .filter(change_log::Column::Id.gt(after_id))
        .order_by_asc(change_log::Column::Id)
        .limit(limit)
        .all(store.conn())
        .await?)
}

/// The id of the latest change (0 when the log is empty): what an index
/// rebuilt now has seen.
pub async fn latest_id(store: &Store) -> Result<i64, StoreError> {
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
