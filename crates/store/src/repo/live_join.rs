//! What a participant's phone shows: the teams a device may join with,
//! and the room as one participant sees it (the open activity, its
//! results unless hidden, what this device already answered and voted).
//! Read-only; the changes are `repo::live`'s.

use maillage_domain::live::{ActivityStatus, Results};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::live::{Activity, Participant, Room, open_activity, participant, results};
use crate::entity::{event_session, live_answer, live_vote, team};
use crate::{Store, StoreError};

/// A team a participant may say they sit at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamChoice {
    pub id: Uuid,
    pub name: String,
}

/// The teams of the room's event (none when the room has no session), in
/// their order.
pub async fn teams_of_room(store: &Store, room: &Room) -> Result<Vec<TeamChoice>, StoreError> {
    let Some(session_id) = room.session_id else {
        return Ok(Vec::new());
    };
    let Some(session) = event_session::Entity::find_by_id(session_id)
        .one(store.conn())
        .await?
    else {
        return Ok(Vec::new());
    };
    Ok(team::Entity::find()
        .filter(team::Column::EventId.eq(session.event_id))
        .order_by_asc(team::Column::Position)
        .order_by_asc(team::Column::Name)
        .all(store.conn())
        .await?
        .into_iter()
        .map(|t| TeamChoice {
            id: t.id,
            name: t.name,
        })
        .collect())
}

/// The room as one participant sees it now.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneView {
    /// The open activity, if any.
    pub activity: Option<Activity>,
    /// Its results, unless the presenter hides them.
    pub results: Option<Results>,
    /// How many answers this device gave to the open activity.
    pub answered: u64,
    /// The answers (post-its, questions) this device voted for.
    pub voted: Vec<Uuid>,
}

/// The open activity of the room as the participant sees it.
pub async fn phone_view(
    store: &Store,
    room_id: Uuid,
    participant_id: Uuid,
) -> Result<PhoneView, StoreError> {
    let Some(activity) = open_activity(store, room_id)
        .await?
        .filter(|a| a.status == ActivityStatus::Open)
    else {
        return Ok(PhoneView {
            activity: None,
            results: None,
            answered: 0,
            voted: Vec::new(),
        });
    };
    let answered = live_answer::Entity::find()
        .filter(live_answer::Column::ActivityId.eq(activity.id))
        .filter(live_answer::Column::ParticipantId.eq(participant_id))
        .count(store.conn())
        .await?;
    let voted = if activity.kind.has_votes() {
        live_vote::Entity::find()
            .filter(live_vote::Column::ParticipantId.eq(participant_id))
            .all(store.conn())
            .await?
            .into_iter()
            .map(|v| v.answer_id)
            .collect()
    } else {
        Vec::new()
    };
    let results = if activity.results_hidden {
        None
    } else {
        Some(results(store, &activity).await?)
    };
    Ok(PhoneView {
        activity: Some(activity),
        results,
        answered,
        voted,
    })
}

/// What the phone page of a room shows a device: the room as its
/// participant sees it, or, before it joined, the teams it may join with.
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneState {
    Joined {
        participant: Participant,
        view: Box<PhoneView>,
    },
    NotJoined {
        teams: Vec<TeamChoice>,
    },
}

/// The phone page's state for the device whose token has `token_digest`
/// (a token of another room is no participant here).
pub async fn phone_state(
    store: &Store,
    room: &Room,
    token_digest: Option<&str>,
) -> Result<PhoneState, StoreError> {
    let joined = match token_digest {
        Some(digest) => participant(store, room.id, digest).await?,
        None => None,
    };
    Ok(match joined {
        Some(participant) => {
            let view = phone_view(store, room.id, participant.id).await?;
            PhoneState::Joined {
                participant,
                view: Box::new(view),
            }
        }
        None => PhoneState::NotJoined {
            teams: teams_of_room(store, room).await?,
        },
    })
}
