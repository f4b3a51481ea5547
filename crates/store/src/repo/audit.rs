//! The audit log of sensitive reads and writes.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use crate::entity::audit_log;
use crate::{Store, StoreError};

/// Who did something, and from where.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub ip: Option<String>,
}

impl Actor {
    pub fn system() -> Self {
        Self::default()
    }
}

pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    action: &str,
    target: Option<String>,
    detail: Option<serde_json::Value>,
) -> Result<(), StoreError> {
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(actor.user_id),
        action: Set(action.to_owned()),
        target: Set(target),
        ip: Set(actor.ip.clone()),
        detail: Set(detail.map(|d| d.to_string())),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn recent(store: &Store, limit: u64) -> Result<Vec<audit_log::Model>, StoreError> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(store.conn())
        .await?)
}
