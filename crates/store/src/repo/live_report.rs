//! What live rooms leave behind once the meeting is over: a room's every
//! answer for its export, and an event's rooms with their results for the
//! event's bilan.

use std::collections::HashMap;

use maillage_domain::live::{ActivityStatus, Results};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::live::{self, Activity, AnswerView, Room};
use crate::entity::team;
use crate::{Store, StoreError};

/// An activity with every one of its answers (hidden and merged ones too).
#[derive(Debug, Clone)]
pub struct ActivityAnswers {
    pub activity: Activity,
    pub answers: Vec<AnswerView>,
}

/// Everything a room's export writes.
#[derive(Debug, Clone, Default)]
pub struct RoomExport {
    /// In the order they run.
    pub activities: Vec<ActivityAnswers>,
    /// The names of the teams the participants gave, by id.
    pub teams: HashMap<Uuid, String>,
}

/// A room's activities with all their answers, and the names of the teams
/// the answers name.
pub async fn room_export(store: &Store, room_id: Uuid) -> Result<RoomExport, StoreError> {
    let mut activities = Vec::new();
    for activity in live::activities(store, room_id).await? {
        let answers = live::answers(store, activity.id).await?;
        activities.push(ActivityAnswers { activity, answers });
    }
    let mut team_ids: Vec<Uuid> = activities
        .iter()
        .flat_map(|a| a.answers.iter().filter_map(|x| x.team_id))
        .collect();
    team_ids.sort();
    team_ids.dedup();
    let teams = if team_ids.is_empty() {
        HashMap::new()
    } else {
        team::Entity::find()
            .filter(team::Column::Id.is_in(team_ids))
            .all(store.conn())
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect()
    };
    Ok(RoomExport { activities, teams })
}

/// An activity that ran, with its results.
#[derive(Debug, Clone)]
pub struct ActivityResults {
    pub activity: Activity,
    pub results: Results,
}

/// A room of an event's sessions and what its activities gave.
#[derive(Debug, Clone)]
pub struct RoomResults {
    pub room: Room,
    pub activities: Vec<ActivityResults>,
}

/// The rooms held at an event's sessions, in the order they were created,
/// with the results of the activities that ran (drafts never did).
pub async fn event_results(store: &Store, event_id: Uuid) -> Result<Vec<RoomResults>, StoreError> {
    let mut rooms = Vec::new();
    for room in live::rooms_of_event(store, event_id).await? {
        let mut activities = Vec::new();
        for activity in live::activities(store, room.id).await? {
            if activity.status == ActivityStatus::Draft {
                continue;
            }
            let results = live::results(store, &activity).await?;
            activities.push(ActivityResults { activity, results });
        }
        rooms.push(RoomResults { room, activities });
    }
    Ok(rooms)
}
