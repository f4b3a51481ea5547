//! What the live JSON API reads in one call: a room's activities with
//! their answer counts and its participant count (the coordinator's view),
//! and the open activity with its results (the participants' view).

use std::collections::HashMap;

use maillage_domain::live::Results;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::live::{self, Activity, Room};
use crate::entity::live_answer;
use crate::{Store, StoreError};

/// A room's activities in the order they run, with how many answers each
/// received (hidden and merged ones included: they were sent), and how
/// many devices joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub activities: Vec<(Activity, u64)>,
    pub participants: u64,
}

pub async fn overview(store: &Store, room_id: Uuid) -> Result<Overview, StoreError> {
    let activities = live::activities(store, room_id).await?;
    let answered: Vec<Uuid> = live_answer::Entity::find()
        .select_only()
        .column(live_answer::Column::ActivityId)
        .filter(live_answer::Column::RoomId.eq(room_id))
        .into_tuple()
        .all(store.conn())
        .await?;
    let mut counts: HashMap<Uuid, u64> = HashMap::new();
    for id in answered {
        *counts.entry(id).or_default() += 1;
    }
    Ok(Overview {
        activities: activities
            .into_iter()
            .map(|a| {
                let n = counts.get(&a.id).copied().unwrap_or_default();
                (a, n)
            })
            .collect(),
        participants: live::participant_count(store, room_id).await?,
    })
}

/// The activity the room runs now, with its results unless the presenter
/// hides them from participants.
pub async fn open_state(
    store: &Store,
    room: &Room,
) -> Result<Option<(Activity, Option<Results>)>, StoreError> {
    let Some(activity) = live::open_activity(store, room.id).await? else {
        return Ok(None);
    };
    let results = if activity.results_hidden {
        None
    } else {
        Some(live::results(store, &activity).await?)
    };
    Ok(Some((activity, results)))
}
