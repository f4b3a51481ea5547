//! What the coordinator's live pages read, one call per page: a grouping's
//! rooms with their counts and the sessions a room may belong to, a room
//! with its activities, and the presenter's and projector's view of the
//! activity being run (its answers and results computed from the same
//! rows).

use std::collections::HashMap;

use chrono::NaiveDate;
use maillage_domain::live::{ActivityStatus, AnswerRow, Results};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::events::{events_of, sessions_of_events};
use super::live::{self, Activity, AnswerView, Room};
use crate::entity::{event, event_session, grouping, live_activity, live_answer, live_participant};
use crate::{Store, StoreError};

/// A session of one of the grouping's events, as a room names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRef {
    pub id: Uuid,
    pub event_id: Uuid,
    pub event_title: String,
    pub date: NaiveDate,
    pub starts_at: Option<String>,
}

/// A room in its grouping's list, with what it holds.
#[derive(Debug, Clone)]
pub struct RoomSummary {
    pub room: Room,
    pub session: Option<SessionRef>,
    pub activities: u64,
    pub participants: u64,
    pub answers: u64,
}

/// The grouping's rooms (newest first) and the sessions a new room may
/// belong to (the grouping's events' sessions, by date).
#[derive(Debug, Clone)]
pub struct RoomsOfGrouping {
    pub rooms: Vec<RoomSummary>,
    pub sessions: Vec<SessionRef>,
}

async fn grouping_sessions(
    store: &Store,
    grouping_id: Uuid,
) -> Result<Vec<SessionRef>, StoreError> {
    let events: Vec<event::Model> = events_of(store.conn(), Some(&[grouping_id])).await?;
    let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    let by_event = sessions_of_events(store.conn(), &ids).await?;
    let titles: HashMap<Uuid, &str> = events.iter().map(|e| (e.id, e.title.as_str())).collect();
    let mut out: Vec<SessionRef> = by_event
        .into_values()
        .flatten()
        .map(|s| session_ref(&s, titles.get(&s.event_id).copied().unwrap_or_default()))
        .collect();
    out.sort_by(|a, b| {
        (a.date, &a.starts_at, &a.event_title).cmp(&(b.date, &b.starts_at, &b.event_title))
    });
    Ok(out)
}

fn session_ref(s: &event_session::Model, title: &str) -> SessionRef {
    SessionRef {
        id: s.id,
        event_id: s.event_id,
        event_title: title.to_owned(),
        date: s.date,
        starts_at: s.starts_at.clone(),
    }
}

/// How many rows of `column` each room has (one query).
async fn counts_by_room<E>(
    store: &Store,
    column: E::Column,
    rooms: &[Uuid],
) -> Result<HashMap<Uuid, u64>, StoreError>
where
    E: EntityTrait,
{
    if rooms.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i64)> = E::find()
        .select_only()
        .column(column)
        .column_as(Expr::from(Func::count(Expr::col(column))), "n")
        .filter(column.is_in(rooms.iter().copied()))
        .group_by(column)
        .into_tuple()
        .all(store.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or_default()))
        .collect())
}

/// The rooms page of a grouping.
pub async fn rooms_of_grouping(
    store: &Store,
    grouping_id: Uuid,
) -> Result<RoomsOfGrouping, StoreError> {
    let rooms = live::rooms_of_grouping(store, grouping_id).await?;
    let sessions = grouping_sessions(store, grouping_id).await?;
    let ids: Vec<Uuid> = rooms.iter().map(|r| r.id).collect();
    let activities =
        counts_by_room::<live_activity::Entity>(store, live_activity::Column::RoomId, &ids).await?;
    let participants =
        counts_by_room::<live_participant::Entity>(store, live_participant::Column::RoomId, &ids)
            .await?;
    let answers =
        counts_by_room::<live_answer::Entity>(store, live_answer::Column::RoomId, &ids).await?;
    // A room's session may be of an event that left the grouping since:
    // it is still named.
    let mut known: HashMap<Uuid, SessionRef> = sessions.iter().map(|s| (s.id, s.clone())).collect();
    for room in &rooms {
        if let Some(sid) = room.session_id
            && !known.contains_key(&sid)
            && let Some(s) = session_by_id(store, sid).await?
        {
            known.insert(sid, s);
        }
    }
    Ok(RoomsOfGrouping {
        rooms: rooms
            .into_iter()
            .map(|room| RoomSummary {
                session: room.session_id.and_then(|s| known.get(&s).cloned()),
                activities: activities.get(&room.id).copied().unwrap_or_default(),
                participants: participants.get(&room.id).copied().unwrap_or_default(),
                answers: answers.get(&room.id).copied().unwrap_or_default(),
                room,
            })
            .collect(),
        sessions,
    })
}

async fn session_by_id(store: &Store, id: Uuid) -> Result<Option<SessionRef>, StoreError> {
    let Some(s) = event_session::Entity::find_by_id(id)
        .one(store.conn())
        .await?
    else {
        return Ok(None);
    };
    let title = event::Entity::find_by_id(s.event_id)
        .one(store.conn())
        .await?
        .map(|e| e.title)
        .unwrap_or_default();
    Ok(Some(session_ref(&s, &title)))
}

/// The grouping a room belongs to, by its slug and name.
#[derive(Debug, Clone)]
pub struct GroupingRef {
    pub slug: String,
    pub name: String,
}

/// The prepare page of a room: its grouping, its session, its
/// activities in order, and the sessions it may be moved to.
#[derive(Debug, Clone)]
pub struct RoomPlan {
    pub grouping: GroupingRef,
    pub session: Option<SessionRef>,
    pub sessions: Vec<SessionRef>,
    pub activities: Vec<Activity>,
}

async fn grouping_ref(store: &Store, id: Uuid) -> Result<GroupingRef, StoreError> {
    let g = grouping::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(GroupingRef {
        slug: g.slug,
        name: g.name,
    })
}

pub async fn room_plan(store: &Store, room: &Room) -> Result<RoomPlan, StoreError> {
    let sessions = grouping_sessions(store, room.grouping_id).await?;
    let session = match room.session_id {
        Some(id) => match sessions.iter().find(|s| s.id == id) {
            Some(s) => Some(s.clone()),
            None => session_by_id(store, id).await?,
        },
        None => None,
    };
    Ok(RoomPlan {
        grouping: grouping_ref(store, room.grouping_id).await?,
        session,
        sessions,
        activities: live::activities(store, room.id).await?,
    })
}

/// The activity a page is about and what was answered to it.
#[derive(Debug, Clone)]
pub struct Running {
    pub activity: Activity,
    pub answers: Vec<AnswerView>,
    pub results: Results,
}

/// What the presenter sees: the room's activities, the one being run (the
/// open one, else the one opened last, else the first), its answers and
/// results, and how many devices joined.
#[derive(Debug, Clone)]
pub struct Presenting {
    pub grouping: GroupingRef,
    pub activities: Vec<Activity>,
    pub current: Option<Running>,
    pub participants: u64,
}

/// The activity a presenter's page is about: the open one, else the one
/// opened last, else the first.
pub fn current_activity(activities: &[Activity]) -> Option<&Activity> {
    activities
        .iter()
        .find(|a| a.status == ActivityStatus::Open)
        .or_else(|| {
            activities
                .iter()
                .filter(|a| a.opened_at.is_some())
                .max_by_key(|a| a.opened_at)
        })
        .or_else(|| activities.first())
}

async fn running(store: &Store, activity: Activity) -> Result<Running, StoreError> {
    let answers = live::answers(store, activity.id).await?;
    let rows: Vec<AnswerRow> = answers.iter().map(AnswerView::row).collect();
    let results = maillage_domain::live::results(activity.kind, &activity.settings, &rows);
    Ok(Running {
        activity,
        answers,
        results,
    })
}

pub async fn presenting(store: &Store, room: &Room) -> Result<Presenting, StoreError> {
    let activities = live::activities(store, room.id).await?;
    let current = match current_activity(&activities) {
        Some(a) => Some(running(store, a.clone()).await?),
        None => None,
    };
    Ok(Presenting {
        grouping: grouping_ref(store, room.grouping_id).await?,
        activities,
        current,
        participants: live::participant_count(store, room.id).await?,
    })
}

/// What the projector shows: the open activity and its results (the
/// page leaves out results hidden to participants).
#[derive(Debug, Clone)]
pub struct Projecting {
    pub current: Option<Running>,
    pub participants: u64,
}

pub async fn projecting(store: &Store, room: &Room) -> Result<Projecting, StoreError> {
    let current = match live::open_activity(store, room.id).await? {
        Some(a) => Some(running(store, a).await?),
        None => None,
    };
    Ok(Projecting {
        current,
        participants: live::participant_count(store, room.id).await?,
    })
}

/// The grouping, the rooms of an event's sessions and its first session
/// (the event's page links to them).
pub async fn rooms_of_event(
    store: &Store,
    event_id: Uuid,
) -> Result<(Option<GroupingRef>, Vec<Room>, Option<Uuid>), StoreError> {
    let Some(e) = event::Entity::find_by_id(event_id)
        .one(store.conn())
        .await?
    else {
        return Err(StoreError::NotFound);
    };
    let grouping = match e.grouping_id {
        Some(g) => Some(grouping_ref(store, g).await?),
        None => None,
    };
    let first = super::events::sessions(store.conn(), event_id)
        .await?
        .first()
        .map(|s| s.id);
    Ok((
        grouping,
        live::rooms_of_event(store, event_id).await?,
        first,
    ))
}

/// Deletes a room; the slug of its grouping, whose rooms' page comes next.
pub async fn delete_room(
    store: &Store,
    actor: &super::audit::Actor,
    room: &Room,
) -> Result<String, live::LiveError> {
    let grouping = grouping_ref(store, room.grouping_id).await?;
    live::delete_room(store, actor, room.id).await?;
    Ok(grouping.slug)
}
