//! Live participation: rooms, their activities, the devices that joined and
//! what they answered. What an answer may be and what the results say is
//! decided by `maillage_domain::live`; this module keeps the rows, in one
//! transaction per change, and refuses what the database must refuse even
//! under concurrent requests (a code taken by another open room, a second
//! poll vote from one device, a second vote for one post-it).
//!
//! Every change returns the room it touched, so that the caller can publish
//! it to the live streams after the commit.

use chrono::{DateTime, Utc};
use maillage_domain::live::{
    ActivityDraft, ActivityKind, ActivityStatus, Answer, AnswerError, AnswerInput, AnswerRow,
    JoinCode, MAX_ACTIVITIES, MAX_PROMPT, Results, Settings, validate_answer,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, SqlErr,
};
use serde::Serialize;
use uuid::Uuid;

use super::audit::{self, Actor};
use crate::entity::{
    event, event_session, live_activity, live_answer, live_participant, live_room, live_vote, team,
};
use crate::{Store, StoreError};

/// Why a live change is refused. The web layer maps each to its status:
/// `NotFound` 404, `Closed`/`AlreadyAnswered`/`AlreadyVoted` 409, the
/// others 422.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Answer(#[from] AnswerError),
    #[error("this device already answered this activity")]
    AlreadyAnswered,
    #[error("this device already voted for this answer")]
    AlreadyVoted,
    #[error("this activity takes no votes")]
    NoVotes,
    #[error("the room is closed")]
    RoomClosed,
    #[error("the title is empty or too long")]
    Title,
    #[error("the session is not one of the grouping's events")]
    ForeignSession,
    #[error("the team is not one of the session's event")]
    ForeignTeam,
    #[error("a room holds at most {MAX_ACTIVITIES} activities")]
    TooManyActivities,
    #[error("an answer cannot be merged into itself or into another activity's")]
    BadMerge,
    #[error("only a board's post-its become plan actions")]
    NotASticky,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<DbErr> for LiveError {
    fn from(e: DbErr) -> Self {
        LiveError::Store(StoreError::Db(e))
    }
}

impl LiveError {
    /// A refusal because of the state of things (409) rather than the
    /// request (422).
    pub fn is_conflict(&self) -> bool {
        match self {
            LiveError::Answer(e) => e.is_conflict(),
            LiveError::AlreadyAnswered | LiveError::AlreadyVoted | LiveError::RoomClosed => true,
            _ => false,
        }
    }
}

fn unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// A room as the pages and the API read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Room {
    pub id: Uuid,
    pub grouping_id: Uuid,
    pub session_id: Option<Uuid>,
    pub title: String,
    pub code: JoinCode,
    pub open: bool,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl From<live_room::Model> for Room {
    fn from(m: live_room::Model) -> Self {
        Room {
            id: m.id,
            grouping_id: m.grouping_id,
            session_id: m.session_id,
            title: m.title,
            // Codes are written by `JoinCode::random` only.
            code: JoinCode::parse(&m.code).unwrap_or_else(JoinCode::random),
            open: m.open_code.is_some(),
            created_at: m.created_at,
            closed_at: m.closed_at,
        }
    }
}

/// An activity as the pages and the API read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    pub id: Uuid,
    pub room_id: Uuid,
    pub position: i32,
    pub kind: ActivityKind,
    pub prompt: String,
    pub settings: Settings,
    pub status: ActivityStatus,
    pub results_hidden: bool,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl TryFrom<live_activity::Model> for Activity {
    type Error = StoreError;

    fn try_from(m: live_activity::Model) -> Result<Self, StoreError> {
        let bad = |what: &str| StoreError::Invalid(format!("live activity {}: bad {what}", m.id));
        Ok(Activity {
            id: m.id,
            room_id: m.room_id,
            position: m.position,
            kind: ActivityKind::parse(&m.kind).ok_or_else(|| bad("kind"))?,
            settings: serde_json::from_str(&m.settings).map_err(|_| bad("settings"))?,
            status: ActivityStatus::parse(&m.status).ok_or_else(|| bad("status"))?,
            prompt: m.prompt,
            results_hidden: m.results_hidden,
            opened_at: m.opened_at,
            closed_at: m.closed_at,
        })
    }
}

/// A device that joined a room.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    pub id: Uuid,
    pub room_id: Uuid,
    pub nickname: Option<String>,
    pub team_id: Option<Uuid>,
}

impl From<live_participant::Model> for Participant {
    fn from(m: live_participant::Model) -> Self {
        Participant {
            id: m.id,
            room_id: m.room_id,
            nickname: m.nickname,
            team_id: m.team_id,
        }
    }
}

/// One answer with what moderation and exports need (results leave out
/// hidden and merged answers; this does not).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerView {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub text: Option<String>,
    pub column: Option<String>,
    pub choices: Vec<String>,
    pub value: Option<i32>,
    pub votes: i32,
    pub answered: bool,
    pub hidden: bool,
    pub merged_into: Option<Uuid>,
    pub action_id: Option<Uuid>,
    pub nickname: Option<String>,
    pub team_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl AnswerView {
    pub fn row(&self) -> AnswerRow {
        AnswerRow {
            id: self.id,
            text: self.text.clone(),
            column: self.column.clone(),
            choices: self.choices.clone(),
            value: self.value,
            votes: self.votes,
            answered: self.answered,
            hidden: self.hidden,
            merged_into: self.merged_into,
        }
    }
}

/// What a new room is made of.
#[derive(Debug, Clone)]
pub struct NewRoom {
    pub grouping_id: Uuid,
    pub session_id: Option<Uuid>,
    pub title: String,
}

fn clean_title(raw: &str) -> Result<String, LiveError> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() || title.chars().count() > MAX_PROMPT {
        Err(LiveError::Title)
    } else {
        Ok(title)
    }
}

/// The session must be one of the grouping's events (a room cannot carry
/// another grouping's meeting).
async fn check_session<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    session_id: Option<Uuid>,
) -> Result<(), LiveError> {
    let Some(session_id) = session_id else {
        return Ok(());
    };
    let session = event_session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .ok_or(LiveError::ForeignSession)?;
    let event = event::Entity::find_by_id(session.event_id)
        .one(conn)
        .await?
        .ok_or(LiveError::ForeignSession)?;
    if event.grouping_id == Some(grouping_id) {
        Ok(())
    } else {
        Err(LiveError::ForeignSession)
    }
}

/// How many times a new room draws a code before giving up (with 90
/// million codes, a clash is already rare once).
const CODE_DRAWS: usize = 20;

/// Creates an open room with a code no other open room holds.
pub async fn create_room(
    store: &Store,
    actor: &Actor,
    new: &NewRoom,
    now: DateTime<Utc>,
) -> Result<Room, LiveError> {
    let title = clean_title(&new.title)?;
    check_session(store.conn(), new.grouping_id, new.session_id).await?;
    for _ in 0..CODE_DRAWS {
        let code = JoinCode::random();
        let txn = store.write().await?;
        let inserted = live_room::ActiveModel {
            id: Set(Uuid::new_v4()),
            grouping_id: Set(new.grouping_id),
            session_id: Set(new.session_id),
            title: Set(title.clone()),
            code: Set(code.to_string()),
            open_code: Set(Some(code.to_string())),
            created_by: Set(actor.user_id),
            created_at: Set(now),
            closed_at: Set(None),
        }
        .insert(&txn)
        .await;
        match inserted {
            Ok(room) => {
                audit::record(
                    &txn,
                    actor,
                    "live.room_create",
                    Some(room.id.to_string()),
                    None,
                )
                .await?;
                txn.commit().await?;
                return Ok(room.into());
            }
            Err(e) if unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Invalid("no free join code found".into()).into())
}

/// Changes a room's title and session.
pub async fn update_room(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    title: &str,
    session_id: Option<Uuid>,
) -> Result<Room, LiveError> {
    let title = clean_title(title)?;
    let txn = store.write().await?;
    let room = live_room::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)?;
    check_session(&txn, room.grouping_id, session_id).await?;
    let mut active: live_room::ActiveModel = room.into();
    active.title = Set(title);
    active.session_id = Set(session_id);
    let room = active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "live.room_update",
        Some(room_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(room.into())
}

/// Closes a room (its open activity too): its code stops working and may
/// be drawn again by another room. The answers stay.
pub async fn close_room(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Room, LiveError> {
    let txn = store.write().await?;
    let room = live_room::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)?;
    close_open_activities(&txn, room_id, now).await?;
    let mut active: live_room::ActiveModel = room.into();
    active.open_code = Set(None);
    active.closed_at = Set(Some(now));
    let room = active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "live.room_close",
        Some(room_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(room.into())
}

/// Opens a closed room again (at the next session): with its own code if
/// no open room took it meanwhile, otherwise with a new one.
pub async fn reopen_room(store: &Store, actor: &Actor, room_id: Uuid) -> Result<Room, LiveError> {
    let room = find_room(store, room_id)
        .await?
        .ok_or(LiveError::NotFound)?;
    if room.open {
        return Ok(room);
    }
    let mut code = room.code.clone();
    for _ in 0..CODE_DRAWS {
        let txn = store.write().await?;
        let updated = live_room::Entity::update_many()
            .col_expr(live_room::Column::OpenCode, Expr::value(code.to_string()))
            .col_expr(live_room::Column::Code, Expr::value(code.to_string()))
            .col_expr(
                live_room::Column::ClosedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(live_room::Column::Id.eq(room_id))
            .exec(&txn)
            .await;
        match updated {
            Ok(_) => {
                audit::record(
                    &txn,
                    actor,
                    "live.room_reopen",
                    Some(room_id.to_string()),
                    None,
                )
                .await?;
                txn.commit().await?;
                return find_room(store, room_id).await?.ok_or(LiveError::NotFound);
            }
            Err(e) if unique_violation(&e) => code = JoinCode::random(),
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Invalid("no free join code found".into()).into())
}

/// Deletes a room with its activities and answers.
pub async fn delete_room(store: &Store, actor: &Actor, room_id: Uuid) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let deleted = live_room::Entity::delete_by_id(room_id).exec(&txn).await?;
    if deleted.rows_affected == 0 {
        return Err(LiveError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        "live.room_delete",
        Some(room_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn find_room(store: &Store, room_id: Uuid) -> Result<Option<Room>, StoreError> {
    Ok(live_room::Entity::find_by_id(room_id)
        .one(store.conn())
        .await?
        .map(Room::from))
}

/// The open room that holds `code` (closed rooms do not answer to theirs).
pub async fn find_open_room(store: &Store, code: &JoinCode) -> Result<Option<Room>, StoreError> {
    Ok(live_room::Entity::find()
        .filter(live_room::Column::OpenCode.eq(code.as_str()))
        .one(store.conn())
        .await?
        .map(Room::from))
}

/// A grouping's rooms, the newest first.
pub async fn rooms_of_grouping(store: &Store, grouping_id: Uuid) -> Result<Vec<Room>, StoreError> {
    Ok(live_room::Entity::find()
        .filter(live_room::Column::GroupingId.eq(grouping_id))
        .order_by_desc(live_room::Column::CreatedAt)
        .all(store.conn())
        .await?
        .into_iter()
        .map(Room::from)
        .collect())
}

/// The rooms held at an event's sessions, in the order they were created.
pub async fn rooms_of_event(store: &Store, event_id: Uuid) -> Result<Vec<Room>, StoreError> {
    let sessions: Vec<Uuid> = event_session::Entity::find()
        .filter(event_session::Column::EventId.eq(event_id))
        .all(store.conn())
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    Ok(live_room::Entity::find()
        .filter(live_room::Column::SessionId.is_in(sessions))
        .order_by_asc(live_room::Column::CreatedAt)
        .all(store.conn())
        .await?
        .into_iter()
        .map(Room::from)
        .collect())
}

/// A room's activities, in the order they run.
pub async fn activities(store: &Store, room_id: Uuid) -> Result<Vec<Activity>, StoreError> {
    live_activity::Entity::find()
        .filter(live_activity::Column::RoomId.eq(room_id))
        .order_by_asc(live_activity::Column::Position)
        .order_by_asc(live_activity::Column::CreatedAt)
        .all(store.conn())
        .await?
        .into_iter()
        .map(Activity::try_from)
        .collect()
}

/// One activity of the room (`None` when it belongs to another room).
pub async fn find_activity(
    store: &Store,
    room_id: Uuid,
    activity_id: Uuid,
) -> Result<Option<Activity>, StoreError> {
    live_activity::Entity::find_by_id(activity_id)
        .filter(live_activity::Column::RoomId.eq(room_id))
        .one(store.conn())
        .await?
        .map(Activity::try_from)
        .transpose()
}

/// The activity the room runs now, if any.
pub async fn open_activity(store: &Store, room_id: Uuid) -> Result<Option<Activity>, StoreError> {
    live_activity::Entity::find()
        .filter(live_activity::Column::RoomId.eq(room_id))
        .filter(live_activity::Column::Status.eq(ActivityStatus::Open.as_str()))
        .one(store.conn())
        .await?
        .map(Activity::try_from)
        .transpose()
}

/// Adds an activity at the end of the room's list (as a draft).
pub async fn add_activity(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    draft: &ActivityDraft,
    now: DateTime<Utc>,
) -> Result<Activity, LiveError> {
    let txn = store.write().await?;
    live_room::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)?;
    let existing = live_activity::Entity::find()
        .filter(live_activity::Column::RoomId.eq(room_id))
        .order_by_desc(live_activity::Column::Position)
        .all(&txn)
        .await?;
    if existing.len() >= MAX_ACTIVITIES {
        return Err(LiveError::TooManyActivities);
    }
    let position = existing.first().map_or(1, |a| a.position + 1);
    let activity = live_activity::ActiveModel {
        id: Set(Uuid::new_v4()),
        room_id: Set(room_id),
        position: Set(position),
        kind: Set(draft.kind.as_str().to_owned()),
        prompt: Set(draft.prompt.clone()),
        settings: Set(settings_json(&draft.settings)),
        status: Set(ActivityStatus::Draft.as_str().to_owned()),
        results_hidden: Set(false),
        opened_at: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        "live.activity_create",
        Some(activity.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Activity::try_from(activity)?)
}

fn settings_json(settings: &Settings) -> String {
    serde_json::to_string(settings).unwrap_or_else(|_| "{}".to_owned())
}

/// Rewrites an activity's prompt and settings. Its kind stays: answers
/// already given were given to that kind.
pub async fn update_activity(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    activity_id: Uuid,
    draft: &ActivityDraft,
) -> Result<Activity, LiveError> {
    let txn = store.write().await?;
    let model = room_activity(&txn, room_id, activity_id).await?;
    let mut active: live_activity::ActiveModel = model.into();
    active.kind = Set(draft.kind.as_str().to_owned());
    active.prompt = Set(draft.prompt.clone());
    active.settings = Set(settings_json(&draft.settings));
    let model = active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "live.activity_update",
        Some(activity_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Activity::try_from(model)?)
}

/// Deletes an activity and its answers.
pub async fn delete_activity(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    activity_id: Uuid,
) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let deleted = live_activity::Entity::delete_many()
        .filter(live_activity::Column::Id.eq(activity_id))
        .filter(live_activity::Column::RoomId.eq(room_id))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(LiveError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        "live.activity_delete",
        Some(activity_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves an activity one place earlier (`up`) or later in the room's list.
pub async fn move_activity(
    store: &Store,
    room_id: Uuid,
    activity_id: Uuid,
    up: bool,
) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let list = live_activity::Entity::find()
        .filter(live_activity::Column::RoomId.eq(room_id))
        .order_by_asc(live_activity::Column::Position)
        .order_by_asc(live_activity::Column::CreatedAt)
        .all(&txn)
        .await?;
    let at = list
        .iter()
        .position(|a| a.id == activity_id)
        .ok_or(LiveError::NotFound)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    if let Some(other) = other.filter(|o| *o < list.len()) {
        // Positions are rewritten 1..n so that equal positions (none are
        // written, but a hand-edited database may hold some) end.
        let mut order: Vec<Uuid> = list.iter().map(|a| a.id).collect();
        order.swap(at, other);
        for (i, id) in order.iter().enumerate() {
            live_activity::Entity::update_many()
                .col_expr(
                    live_activity::Column::Position,
                    Expr::value(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                )
                .filter(live_activity::Column::Id.eq(*id))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// An activity of the room, in the transaction (404 when it is another
/// room's: an id from elsewhere never reaches that room's rows).
async fn room_activity<C: ConnectionTrait>(
    conn: &C,
    room_id: Uuid,
    activity_id: Uuid,
) -> Result<live_activity::Model, LiveError> {
    live_activity::Entity::find_by_id(activity_id)
        .filter(live_activity::Column::RoomId.eq(room_id))
        .one(conn)
        .await?
        .ok_or(LiveError::NotFound)
}

async fn close_open_activities<C: ConnectionTrait>(
    conn: &C,
    room_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    live_activity::Entity::update_many()
        .col_expr(
            live_activity::Column::Status,
            Expr::value(ActivityStatus::Closed.as_str()),
        )
        .col_expr(live_activity::Column::ClosedAt, Expr::value(now))
        .filter(live_activity::Column::RoomId.eq(room_id))
        .filter(live_activity::Column::Status.eq(ActivityStatus::Open.as_str()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Opens an activity; the one open before is closed (one at a time). A
/// closed room cannot run activities.
pub async fn start_activity(
    store: &Store,
    room_id: Uuid,
    activity_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Activity, LiveError> {
    let txn = store.write().await?;
    let room = live_room::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)?;
    if room.open_code.is_none() {
        return Err(LiveError::RoomClosed);
    }
    let model = room_activity(&txn, room_id, activity_id).await?;
    close_open_activities(&txn, room_id, now).await?;
    let mut active: live_activity::ActiveModel = model.into();
    active.status = Set(ActivityStatus::Open.as_str().to_owned());
    active.opened_at = Set(Some(now));
    active.closed_at = Set(None);
    let model = active.update(&txn).await?;
    txn.commit().await?;
    Ok(Activity::try_from(model)?)
}

/// Closes an activity (its answers stay; it may be opened again).
pub async fn stop_activity(
    store: &Store,
    room_id: Uuid,
    activity_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Activity, LiveError> {
    let txn = store.write().await?;
    let model = room_activity(&txn, room_id, activity_id).await?;
    let mut active: live_activity::ActiveModel = model.into();
    active.status = Set(ActivityStatus::Closed.as_str().to_owned());
    active.closed_at = Set(Some(now));
    let model = active.update(&txn).await?;
    txn.commit().await?;
    Ok(Activity::try_from(model)?)
}

/// Shows or hides an activity's results to participants (the presenter
/// always sees them).
pub async fn set_results_hidden(
    store: &Store,
    room_id: Uuid,
    activity_id: Uuid,
    hidden: bool,
) -> Result<Activity, LiveError> {
    let txn = store.write().await?;
    let model = room_activity(&txn, room_id, activity_id).await?;
    let mut active: live_activity::ActiveModel = model.into();
    active.results_hidden = Set(hidden);
    let model = active.update(&txn).await?;
    txn.commit().await?;
    Ok(Activity::try_from(model)?)
}

/// Joins a room with a device's token (its digest is kept): the same token
/// joining again is the same participant, with the nickname and team it
/// gives now. A team must be one of the room's event's.
pub async fn join(
    store: &Store,
    room: &Room,
    token_digest: &str,
    nickname: Option<String>,
    team_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Participant, LiveError> {
    if !room.open {
        return Err(LiveError::RoomClosed);
    }
    if let Some(team_id) = team_id {
        let team = team::Entity::find_by_id(team_id)
            .one(store.conn())
            .await?
            .ok_or(LiveError::ForeignTeam)?;
        let session = match room.session_id {
            Some(s) => {
                event_session::Entity::find_by_id(s)
                    .one(store.conn())
                    .await?
            }
            None => None,
        };
        if session.is_none_or(|s| s.event_id != team.event_id) {
            return Err(LiveError::ForeignTeam);
        }
    }
    let txn = store.write().await?;
    let existing = live_participant::Entity::find()
        .filter(live_participant::Column::RoomId.eq(room.id))
        .filter(live_participant::Column::TokenDigest.eq(token_digest))
        .one(&txn)
        .await?;
    let model = if let Some(existing) = existing {
        let mut active: live_participant::ActiveModel = existing.into();
        active.nickname = Set(nickname);
        active.team_id = Set(team_id);
        active.update(&txn).await?
    } else {
        live_participant::ActiveModel {
            id: Set(Uuid::new_v4()),
            room_id: Set(room.id),
            token_digest: Set(token_digest.to_owned()),
            nickname: Set(nickname),
            team_id: Set(team_id),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?
    };
    txn.commit().await?;
    Ok(model.into())
}

/// The participant of `room_id` that holds the token (by its digest); a
/// token of another room is no participant here.
pub async fn participant(
    store: &Store,
    room_id: Uuid,
    token_digest: &str,
) -> Result<Option<Participant>, StoreError> {
    Ok(live_participant::Entity::find()
        .filter(live_participant::Column::RoomId.eq(room_id))
        .filter(live_participant::Column::TokenDigest.eq(token_digest))
        .one(store.conn())
        .await?
        .map(Participant::from))
}

/// How many devices joined the room.
pub async fn participant_count(store: &Store, room_id: Uuid) -> Result<u64, StoreError> {
    Ok(live_participant::Entity::find()
        .filter(live_participant::Column::RoomId.eq(room_id))
        .count(store.conn())
        .await?)
}

/// Keeps a participant's answer to an activity of their room, checked by
/// `maillage_domain::live::validate_answer` against the activity as it is
/// inside the transaction (so an activity closed meanwhile refuses it).
pub async fn answer(
    store: &Store,
    participant: &Participant,
    activity_id: Uuid,
    input: &AnswerInput,
    now: DateTime<Utc>,
) -> Result<Uuid, LiveError> {
    let txn = store.write().await?;
    let model = room_activity(&txn, participant.room_id, activity_id).await?;
    let activity = Activity::try_from(model)?;
    let answer = validate_answer(activity.kind, &activity.settings, activity.status, input)?;
    let mut row = live_answer::ActiveModel {
        id: Set(Uuid::new_v4()),
        activity_id: Set(activity.id),
        room_id: Set(participant.room_id),
        participant_id: Set(Some(participant.id)),
        once_per: Set(activity.kind.answers_once().then_some(participant.id)),
        text: Set(None),
        column_name: Set(None),
        choices: Set(None),
        value: Set(None),
        votes: Set(0),
        answered: Set(false),
        hidden: Set(false),
        merged_into: Set(None),
        action_id: Set(None),
        created_at: Set(now),
    };
    match answer {
        Answer::Text(text) => row.text = Set(Some(text)),
        Answer::Sticky { column, text } => {
            row.column_name = Set(Some(column));
            row.text = Set(Some(text));
        }
        Answer::Choices(choices) => {
            row.choices = Set(Some(
                serde_json::to_string(&choices).unwrap_or_else(|_| "[]".into()),
            ));
        }
        Answer::Value(v) => row.value = Set(Some(v)),
    }
    match row.insert(&txn).await {
        Ok(saved) => {
            txn.commit().await?;
            Ok(saved.id)
        }
        Err(e) if unique_violation(&e) => Err(LiveError::AlreadyAnswered),
        Err(e) => Err(e.into()),
    }
}

/// A participant's vote for a post-it or a question of their room, while
/// its activity is open; once per answer and device.
pub async fn vote(
    store: &Store,
    participant: &Participant,
    answer_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let answer = live_answer::Entity::find_by_id(answer_id)
        .filter(live_answer::Column::RoomId.eq(participant.room_id))
        .filter(live_answer::Column::Hidden.eq(false))
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)?;
    let activity = live_activity::Entity::find_by_id(answer.activity_id)
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)
        .and_then(|m| Activity::try_from(m).map_err(LiveError::from))?;
    if !activity.kind.has_votes() {
        return Err(LiveError::NoVotes);
    }
    if activity.status != ActivityStatus::Open {
        return Err(AnswerError::Closed.into());
    }
    let inserted = live_vote::ActiveModel {
        answer_id: Set(answer_id),
        participant_id: Set(participant.id),
        created_at: Set(now),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if unique_violation(&e) => return Err(LiveError::AlreadyVoted),
        Err(e) => return Err(e.into()),
    }
    live_answer::Entity::update_many()
        .col_expr(
            live_answer::Column::Votes,
            Expr::col(live_answer::Column::Votes).add(1),
        )
        .filter(live_answer::Column::Id.eq(answer_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Finds an answer of the room (moderation).
async fn room_answer<C: ConnectionTrait>(
    conn: &C,
    room_id: Uuid,
    answer_id: Uuid,
) -> Result<live_answer::Model, LiveError> {
    live_answer::Entity::find_by_id(answer_id)
        .filter(live_answer::Column::RoomId.eq(room_id))
        .one(conn)
        .await?
        .ok_or(LiveError::NotFound)
}

/// Hides an answer from the results (or shows it again).
pub async fn set_answer_hidden(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    answer_id: Uuid,
    hidden: bool,
) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let model = room_answer(&txn, room_id, answer_id).await?;
    let mut active: live_answer::ActiveModel = model.into();
    active.hidden = Set(hidden);
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        if hidden {
            "live.answer_hide"
        } else {
            "live.answer_show"
        },
        Some(answer_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Marks a question answered (or not).
pub async fn set_answered(
    store: &Store,
    room_id: Uuid,
    answer_id: Uuid,
    answered: bool,
) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let model = room_answer(&txn, room_id, answer_id).await?;
    let mut active: live_answer::ActiveModel = model.into();
    active.answered = Set(answered);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Merges an answer into another of the same activity: it leaves the
/// results and its votes count for the other. Merging into an answer that
/// was itself merged goes to where that one went.
pub async fn merge_answer(
    store: &Store,
    actor: &Actor,
    room_id: Uuid,
    answer_id: Uuid,
    into_id: Uuid,
) -> Result<(), LiveError> {
    let txn = store.write().await?;
    let answer = room_answer(&txn, room_id, answer_id).await?;
    let mut into = room_answer(&txn, room_id, into_id).await?;
    if let Some(target) = into.merged_into {
        into = room_answer(&txn, room_id, target).await?;
    }
    if into.id == answer.id || into.activity_id != answer.activity_id {
        return Err(LiveError::BadMerge);
    }
    // Answers merged into this one follow it.
    live_answer::Entity::update_many()
        .col_expr(live_answer::Column::MergedInto, Expr::value(into.id))
        .filter(live_answer::Column::MergedInto.eq(answer.id))
        .exec(&txn)
        .await?;
    let mut active: live_answer::ActiveModel = answer.into();
    active.merged_into = Set(Some(into.id));
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "live.answer_merge",
        Some(answer_id.to_string()),
        Some(serde_json::json!({ "into": into.id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every answer of an activity, oldest first, with the participant's
/// nickname and team (moderation, exports).
pub async fn answers(store: &Store, activity_id: Uuid) -> Result<Vec<AnswerView>, StoreError> {
    let rows = live_answer::Entity::find()
        .filter(live_answer::Column::ActivityId.eq(activity_id))
        .order_by_asc(live_answer::Column::CreatedAt)
        .order_by_asc(live_answer::Column::Id)
        .find_also_related(live_participant::Entity)
        .all(store.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(a, p)| AnswerView {
            id: a.id,
            activity_id: a.activity_id,
            choices: a
                .choices
                .as_deref()
                .and_then(|c| serde_json::from_str(c).ok())
                .unwrap_or_default(),
            text: a.text,
            column: a.column_name,
            value: a.value,
            votes: a.votes,
            answered: a.answered,
            hidden: a.hidden,
            merged_into: a.merged_into,
            action_id: a.action_id,
            nickname: p.as_ref().and_then(|p| p.nickname.clone()),
            team_id: p.and_then(|p| p.team_id),
            created_at: a.created_at,
        })
        .collect())
}

/// An activity's results as `maillage_domain::live::results` computes them
/// from its answers.
pub async fn results(store: &Store, activity: &Activity) -> Result<Results, StoreError> {
    let rows: Vec<AnswerRow> = answers(store, activity.id)
        .await?
        .iter()
        .map(AnswerView::row)
        .collect();
    Ok(maillage_domain::live::results(
        activity.kind,
        &activity.settings,
        &rows,
    ))
}

/// Records that a post-it became a plan action (the action is created by
/// the plans area in the same transaction).
pub async fn link_action<C: ConnectionTrait>(
    conn: &C,
    room_id: Uuid,
    answer_id: Uuid,
    action_id: Uuid,
) -> Result<(), LiveError> {
    let answer = room_answer(conn, room_id, answer_id).await?;
    if answer.column_name.is_none() {
        return Err(LiveError::NotASticky);
    }
    let mut active: live_answer::ActiveModel = answer.into();
    active.action_id = Set(Some(action_id));
    active.update(conn).await?;
    Ok(())
}
