//! What the event pages need beyond the core repository: creating an event
//! with its first session in one transaction, adding and removing sessions,
//! and who is present at one session (the check-in page).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{self as events, SessionInput};
use crate::entity::{attendance, event_session};
use crate::{Store, StoreError};

pub use super::create_event_with_session;

/// A new session; `SessionDateTaken` when the event already has one on that date
/// (a date is one session: the attendance grid has one column per date).
pub async fn add_session(
    store: &Store,
    event_id: Uuid,
    input: &SessionInput,
) -> Result<event_session::Model, StoreError> {
    let txn = store.write().await?;
    let existing = events::sessions(&txn, event_id).await?;
    if existing.iter().any(|s| s.date == input.date) {
        return Err(StoreError::SessionDateTaken);
    }
    let model = events::ensure_session(&txn, event_id, input).await?;
    txn.commit().await?;
    Ok(model)
}

pub async fn session<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    id: Uuid,
) -> Result<Option<event_session::Model>, StoreError> {
    Ok(event_session::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|s| s.event_id == event_id))
}

/// Deletes a session with its presences, whatever the database's foreign
/// key enforcement.
pub async fn delete_session(store: &Store, event_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    session(&txn, event_id, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    attendance::Entity::delete_many()
        .filter(attendance::Column::SessionId.eq(id))
        .exec(&txn)
        .await?;
    event_session::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// The presences recorded at one session, oldest first.
pub async fn session_attendance<C: ConnectionTrait>(
    conn: &C,
    session_id: Uuid,
) -> Result<Vec<attendance::Model>, StoreError> {
    Ok(attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .order_by_asc(attendance::Column::Id)
        .all(conn)
        .await?)
}

/// Removes one walk-in (a presence without registration).
pub async fn delete_walk_in(store: &Store, session_id: Uuid, id: i64) -> Result<(), StoreError> {
    let res = attendance::Entity::delete_many()
        .filter(attendance::Column::Id.eq(id))
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::RegistrationId.is_null())
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// For each event that has sessions: the date of its first one and how many
/// it has (one query, for the list of events).
pub async fn session_summaries<C: ConnectionTrait>(
    conn: &C,
) -> Result<std::collections::HashMap<Uuid, (chrono::NaiveDate, usize)>, StoreError> {
    let mut out: std::collections::HashMap<Uuid, (chrono::NaiveDate, usize)> =
        std::collections::HashMap::new();
    for s in event_session::Entity::find()
        .order_by_asc(event_session::Column::Date)
        .all(conn)
        .await?
    {
        out.entry(s.event_id).or_insert((s.date, 0)).1 += 1;
    }
    Ok(out)
}
