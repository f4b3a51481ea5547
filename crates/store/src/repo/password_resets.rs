//! « Mot de passe oublié » links: created for an active account, found by
//! their token's digest while valid, and used once to set a new password.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::audit::{self, Actor};
use crate::entity::{password_reset, session, user};
use crate::{Store, StoreError};

/// Keeps a new link (its digest) for the account, valid for `ttl` from `now`.
pub async fn create(
    store: &Store,
    actor: &Actor,
    user: &user::Model,
    token_digest: String,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    password_reset::ActiveModel {
        token_digest: Set(token_digest),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + ttl),
        used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        "user.password_reset_request",
        Some(user.email.clone()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The account of a link that is neither used nor expired, if the account
/// is still active.
pub async fn valid_user<C: ConnectionTrait>(
    conn: &C,
    token_digest: &str,
    now: DateTime<Utc>,
) -> Result<Option<user::Model>, StoreError> {
    let Some(link) = password_reset::Entity::find_by_id(token_digest.to_owned())
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(link.user_id)
        .one(conn)
        .await?
        .filter(|u| u.active))
}

/// Uses the link: the account gets `password_hash`, every session of it
/// ends, and every other open link of it is spent too. `NotFound` when the
/// link is unknown, used, expired or its account inactive — nothing is
/// written then. The link is marked used by one conditional update, so two
/// requests racing with it cannot both succeed.
pub async fn use_link(
    store: &Store,
    actor: &Actor,
    token_digest: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let user = valid_user(&txn, token_digest, now)
        .await?
        .ok_or(StoreError::NotFound)?;
    let spent = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::TokenDigest.eq(token_digest))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(StoreError::NotFound);
    }
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let email = user.email.clone();
    let user_id: Uuid = user.id;
    let mut model: user::ActiveModel = user.into();
    model.password_hash = Set(password_hash);
    model.must_change_password = Set(false);
    model.updated_at = Set(now);
    model.update(&txn).await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(&txn, actor, "user.password_reset", Some(email), None).await?;
    txn.commit().await?;
    Ok(())
}
