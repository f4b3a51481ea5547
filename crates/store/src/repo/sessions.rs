//! Server-side sessions and login attempts, stored in the app's database so
//! that any node behind a load balancer can serve any request.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::entity::{login_attempt, session, user};
use crate::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct NewSession {
    /// Digest of the cookie token, never the token itself.
    pub id: String,
    pub user_id: Uuid,
    pub csrf_token: String,
    pub ttl: Duration,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub async fn create(store: &Store, new: NewSession) -> Result<session::Model, StoreError> {
    let now = Utc::now();
    Ok(session::ActiveModel {
        id: Set(new.id),
        user_id: Set(new.user_id),
        csrf_token: Set(new.csrf_token),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + new.ttl),
        ip: Set(new.ip),
        user_agent: Set(new.user_agent.map(|ua| ua.chars().take(300).collect())),
    }
    .insert(store.conn())
    .await?)
}

/// What a session cookie leads to.
#[derive(Debug, Clone)]
pub enum Lookup {
    Live(Box<(session::Model, user::Model)>),
    Expired,
    Unknown,
}

/// Finds the session and its account; an expired session or one whose
/// account was deactivated is deleted and reported as expired.
pub async fn lookup(store: &Store, id: &str, now: DateTime<Utc>) -> Result<Lookup, StoreError> {
    let found = session::Entity::find_by_id(id.to_owned())
        .one(store.conn())
        .await?;
    let Some(session) = found else {
        return Ok(Lookup::Unknown);
    };
    let user = user::Entity::find_by_id(session.user_id)
        .one(store.conn())
        .await?;
    match user {
        Some(user) if user.active && session.expires_at > now => {
            Ok(Lookup::Live(Box::new((session, user))))
        }
        _ => {
            delete(store, id).await?;
            Ok(Lookup::Expired)
        }
    }
}

/// Slides the idle expiry forward (sessions are touched at most once a minute
/// by the caller to keep writes rare).
pub async fn touch(
    store: &Store,
    id: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            session::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(expires_at),
        )
        .filter(session::Column::Id.eq(id))
        .exec(store.conn())
        .await?;
    Ok(())
}

pub async fn delete(store: &Store, id: &str) -> Result<(), StoreError> {
    session::Entity::delete_by_id(id.to_owned())
        .exec(store.conn())
        .await?;
    Ok(())
}

pub async fn purge_expired(store: &Store, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let r = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now))
        .exec(store.conn())
        .await?;
    let _ = login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lte(now - Duration::days(1)))
        .exec(store.conn())
        .await?;
    super::rate_limits::purge(store, now - Duration::days(1)).await?;
    Ok(r.rows_affected)
}

pub async fn record_attempt(
    store: &Store,
    email: &str,
    ip: &str,
    success: bool,
) -> Result<(), StoreError> {
    login_attempt::ActiveModel {
        email: Set(email.chars().take(254).collect()),
        ip: Set(ip.to_owned()),
        success: Set(success),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(store.conn())
    .await?;
    Ok(())
}

/// Failed attempts since `since`, for this e-mail and for this IP.
pub async fn recent_failures(
    store: &Store,
    email: &str,
    ip: &str,
    since: DateTime<Utc>,
) -> Result<(u64, u64), StoreError> {
    let base = || {
        login_attempt::Entity::find()
            .filter(login_attempt::Column::Success.eq(false))
            .filter(login_attempt::Column::At.gt(since))
    };
    let by_email = base()
        .filter(login_attempt::Column::Email.eq(email))
        .count(store.conn())
        .await?;
    let by_ip = base()
        .filter(login_attempt::Column::Ip.eq(ip))
        .count(store.conn())
        .await?;
    Ok((by_email, by_ip))
}
