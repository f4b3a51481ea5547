//! Groupings and the organizations that are their members (minimal for now;
//! the plans issue extends them).

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::change_log::{self, Op};
use crate::entity::{grouping, membership, organization};
use crate::{Store, StoreError};

pub async fn list(store: &Store) -> Result<Vec<grouping::Model>, StoreError> {
    Ok(grouping::Entity::find()
        .order_by_asc(grouping::Column::Name)
        .all(store.conn())
        .await?)
}

pub async fn find_by_slug<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> Result<Option<grouping::Model>, StoreError> {
    Ok(grouping::Entity::find()
        .filter(grouping::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

pub async fn find_by_id(store: &Store, id: Uuid) -> Result<Option<grouping::Model>, StoreError> {
    Ok(grouping::Entity::find_by_id(id).one(store.conn()).await?)
}

pub async fn member_count(store: &Store, grouping_id: Uuid) -> Result<u64, StoreError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .count(store.conn())
        .await?)
}

pub async fn members(
    store: &Store,
    grouping_id: Uuid,
) -> Result<Vec<organization::Model>, StoreError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .find_also_related(organization::Entity)
        .all(store.conn())
        .await?
        .into_iter()
        .filter_map(|(_, org)| org)
        .collect())
}

/// Creates the grouping or updates its name, kind and parent (by slug).
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    name: &str,
    kind: &str,
    parent_id: Option<Uuid>,
) -> Result<grouping::Model, StoreError> {
    let now = Utc::now();
    let model = match find_by_slug(conn, slug).await? {
        Some(existing) => {
            if existing.name == name && existing.kind == kind && existing.parent_id == parent_id {
                return Ok(existing);
            }
            let mut active: grouping::ActiveModel = existing.into();
            active.name = Set(name.to_owned());
            active.kind = Set(kind.to_owned());
            active.parent_id = Set(parent_id);
            active.updated_at = Set(now);
            let updated = active.update(conn).await?;
            change_log::append(
                conn,
                "groupings",
                &updated.id.to_string(),
                Op::Update,
                Some(updated.id),
            )
            .await?;
            return Ok(updated);
        }
        None => {
            grouping::ActiveModel {
                id: Set(Uuid::new_v4()),
                slug: Set(slug.to_owned()),
                name: Set(name.to_owned()),
                kind: Set(kind.to_owned()),
                parent_id: Set(parent_id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(conn)
            .await?
        }
    };
    change_log::append(
        conn,
        "groupings",
        &model.id.to_string(),
        Op::Insert,
        Some(model.id),
    )
    .await?;
    Ok(model)
}

pub async fn add_member<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    organization_id: &str,
) -> Result<(), StoreError> {
    if membership::Entity::find_by_id((grouping_id, organization_id.to_owned()))
        .one(conn)
        .await?
        .is_some()
    {
        return Ok(());
    }
    membership::ActiveModel {
        grouping_id: Set(grouping_id),
        organization_id: Set(organization_id.to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn organization_count(store: &Store) -> Result<u64, StoreError> {
    Ok(organization::Entity::find().count(store.conn()).await?)
}
