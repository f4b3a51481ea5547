//! What the referral pages read besides `repo::referrals`: which rows of
//! a box carry unread notices, the services of an organization (the
//! inbox's filter) and the services a referral may be redirected to.

use std::collections::HashSet;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::referral_notification;

/// The referrals among `ids` for which `user` has unread notices.
pub async fn unread_among<C: ConnectionTrait>(
    conn: &C,
    user: Uuid,
    ids: &[Uuid],
) -> Result<HashSet<Uuid>, StoreError> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<Uuid> = referral_notification::Entity::find()
        .select_only()
        .column(referral_notification::Column::ReferralId)
        .filter(referral_notification::Column::UserId.eq(user))
        .filter(referral_notification::Column::ReadAt.is_null())
        .filter(referral_notification::Column::ReferralId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A service as a select offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceChoice {
    pub id: String,
    pub name: String,
    pub organization: String,
}

/// How many services a redirection's select offers at most (the store
/// refuses any other one with a message).
pub const REDIRECT_CHOICES_MAX: u64 = 500;

fn col(table: &str, column: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

/// An active service: HSDS `active`, or no status at all.
fn is_active() -> sea_orm::sea_query::Condition {
    sea_orm::sea_query::Condition::any()
        .add(col("s", "status").is_null())
        .add(col("s", "status").eq(""))
        .add(col("s", "status").eq("active"))
}

/// The services of `organization`, by name.
pub async fn organization_services<C: ConnectionTrait>(
    conn: &C,
    organization: &str,
) -> Result<Vec<ServiceChoice>, StoreError> {
    let stmt = Query::select()
        .expr_as(col("s", "id"), Alias::new("id"))
        .expr_as(col("s", "name"), Alias::new("name"))
        .from_as(Alias::new("services"), Alias::new("s"))
        .and_where(col("s", "organization_id").eq(organization))
        .order_by((Alias::new("s"), Alias::new("name")), Order::Asc)
        .to_owned();
    let mut out = Vec::new();
    for row in conn.query_all(&stmt).await? {
        out.push(ServiceChoice {
            id: row.try_get("", "id")?,
            name: row
                .try_get::<Option<String>>("", "name")?
                .unwrap_or_default(),
            organization: String::new(),
        });
    }
    Ok(out)
}

/// The active services of the organizations that are current members of
/// `grouping`, except `except`, by organization then name.
pub async fn redirect_targets<C: ConnectionTrait>(
    conn: &C,
    grouping: Uuid,
    except: &str,
) -> Result<Vec<ServiceChoice>, StoreError> {
    let stmt = Query::select()
        .expr_as(col("s", "id"), Alias::new("id"))
        .expr_as(col("s", "name"), Alias::new("name"))
        .expr_as(col("o", "name"), Alias::new("organization"))
        .from_as(Alias::new("services"), Alias::new("s"))
        .join_as(
            JoinType::InnerJoin,
            Alias::new("organizations"),
            Alias::new("o"),
            col("o", "id").equals((Alias::new("s"), Alias::new("organization_id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            Alias::new("memberships"),
            Alias::new("m"),
            col("m", "organization_id").equals((Alias::new("o"), Alias::new("id"))),
        )
        .and_where(col("m", "grouping_id").eq(grouping))
        .and_where(col("m", "left_on").is_null())
        .and_where(col("s", "id").ne(except))
        .cond_where(is_active())
        .order_by((Alias::new("o"), Alias::new("name")), Order::Asc)
        .order_by((Alias::new("s"), Alias::new("name")), Order::Asc)
        .limit(REDIRECT_CHOICES_MAX)
        .to_owned();
    let mut out = Vec::new();
    for row in conn.query_all(&stmt).await? {
        out.push(ServiceChoice {
            id: row.try_get("", "id")?,
            name: row
                .try_get::<Option<String>>("", "name")?
                .unwrap_or_default(),
            organization: row.try_get("", "organization")?,
        });
    }
    Ok(out)
}
