//! API tokens: created, listed and revoked by their owner, and looked up by
//! digest on every bearer request. The token itself is never stored.

use chrono::{DateTime, Duration, Utc};
use maillage_domain::token::ApiScope;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::audit::{self, Actor};
use crate::entity::{api_token, api_token_address, user};
use crate::{Store, StoreError};

/// Last use is written at most this often per token, so that a busy
/// script does not turn every read into a write.
const TOUCH_EVERY_SECONDS: i64 = 60;

#[derive(Debug, Clone)]
pub struct NewToken {
    pub user_id: Uuid,
    pub name: String,
    pub scope: ApiScope,
    /// Digest of the token shown to its owner.
    pub digest: String,
    pub expires_at: Option<DateTime<Utc>>,
}

/// The expiry of a token that lives `days` days from now.
pub fn days_from_now(days: u32) -> DateTime<Utc> {
    Utc::now() + Duration::days(i64::from(days))
}

/// Creates a token and audits it, in one transaction.
pub async fn create(
    store: &Store,
    actor: &Actor,
    new: NewToken,
) -> Result<api_token::Model, StoreError> {
    let txn = store.write().await?;
    let created = api_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(new.user_id),
        name: Set(new.name),
        scope: Set(new.scope.as_str().to_owned()),
        token_digest: Set(new.digest),
        created_at: Set(Utc::now()),
        expires_at: Set(new.expires_at),
        last_used_at: Set(None),
        last_used_ip: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        "api_token.create",
        Some(created.id.to_string()),
        Some(json!({
            "user": created.user_id,
            "name": created.name,
            "scope": created.scope,
            "expires_at": created.expires_at,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The tokens of one account, newest first, revoked ones included (the
/// page shows them as such).
pub async fn list_for_user(
    store: &Store,
    user_id: Uuid,
) -> Result<Vec<api_token::Model>, StoreError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_asc(api_token::Column::Id)
        .all(store.conn())
        .await?)
}

async fn own_token<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    id: Uuid,
) -> Result<api_token::Model, StoreError> {
    // Another account's token is as absent as an unknown one.
    api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(user_id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// One of `user_id`'s tokens; another account's token is as absent as an
/// unknown one.
pub async fn find_own(
    store: &Store,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<api_token::Model>, StoreError> {
    match own_token(store.conn(), user_id, id).await {
        Ok(token) => Ok(Some(token)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Renames one of `user_id`'s tokens.
pub async fn rename(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    id: Uuid,
    name: String,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let token = own_token(&txn, user_id, id).await?;
    let before = token.name.clone();
    let mut active: api_token::ActiveModel = token.into();
    active.name = Set(name.clone());
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "api_token.rename",
        Some(id.to_string()),
        Some(json!({"before": before, "after": name})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Revokes one of `user_id`'s tokens; revoking it again changes nothing.
pub async fn revoke(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let token = own_token(&txn, user_id, id).await?;
    if token.revoked_at.is_some() {
        return Ok(());
    }
    let mut active: api_token::ActiveModel = token.into();
    active.revoked_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    audit::record(&txn, actor, "api_token.revoke", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(())
}

/// A token that may be used now, and its scope.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub token_id: Uuid,
    pub user_id: Uuid,
    pub scope: ApiScope,
}

/// Finds the live token of `digest`: not revoked, not expired, its account
/// active. Records its use; the first use from an address is audited.
pub async fn authenticate(
    store: &Store,
    digest: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<Option<Authenticated>, StoreError> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenDigest.eq(digest))
        .one(store.conn())
        .await?
    else {
        return Ok(None);
    };
    if token.revoked_at.is_some() || token.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    let Ok(scope) = token.scope.parse::<ApiScope>() else {
        return Ok(None);
    };
    let active = user::Entity::find_by_id(token.user_id)
        .one(store.conn())
        .await?
        .is_some_and(|u| u.active);
    if !active {
        return Ok(None);
    }
    let new_address = token.last_used_ip.as_deref() != Some(ip);
    if new_address {
        record_address(store, &token, ip, now).await?;
    }
    let stale = token
        .last_used_at
        .is_none_or(|at| now - at > Duration::seconds(TOUCH_EVERY_SECONDS));
    if new_address || stale {
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .col_expr(
                api_token::Column::LastUsedIp,
                sea_orm::sea_query::Expr::value(ip.to_owned()),
            )
            .filter(api_token::Column::Id.eq(token.id))
            .exec(store.conn())
            .await?;
    }
    Ok(Some(Authenticated {
        token_id: token.id,
        user_id: token.user_id,
        scope,
    }))
}

/// Remembers `ip` for the token; audits it when it was never seen before.
/// Two concurrent first uses insert one row: only that one is audited.
async fn record_address(
    store: &Store,
    token: &api_token::Model,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    use api_token_address::Column as A;
    let txn = store.write().await?;
    let insert = Query::insert()
        .into_table(api_token_address::Entity)
        .columns([A::TokenId, A::Ip, A::FirstSeenAt])
        .values_panic([token.id.into(), ip.into(), now.into()])
        .on_conflict(
            OnConflict::columns([A::TokenId, A::Ip])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    let written = txn.execute(&insert).await?.rows_affected();
    if written > 0 {
        audit::record(
            &txn,
            &Actor {
                user_id: Some(token.user_id),
                ip: Some(ip.to_owned()),
            },
            "api_token.new_address",
            Some(token.id.to_string()),
            None,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
