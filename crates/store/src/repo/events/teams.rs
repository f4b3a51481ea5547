//! The teams (tables) of an event and their facilitators, the reflection
//! canvas and its answers, the facilitators' observations and the mosaic's
//! stickies.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::registrations;
use crate::entity::{
    canvas_answer, canvas_question, observation, registration, sticky, team, team_member,
};
use crate::repo::groupings::org_briefs;
use crate::repo::order::{move_among, position, renumber};
use crate::{Store, StoreError};

// ---------- teams ----------

/// A team with its members (registrations), by name.
#[derive(Debug, Clone)]
pub struct TeamView {
    pub team: team::Model,
    pub members: Vec<registration::Model>,
}

/// Teams in their order.
pub async fn teams<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<team::Model>, StoreError> {
    Ok(team::Entity::find()
        .filter(team::Column::EventId.eq(event_id))
        .order_by_asc(team::Column::Position)
        .order_by_asc(team::Column::Name)
        .all(conn)
        .await?)
}

pub async fn team_of_event<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    id: Uuid,
) -> Result<Option<team::Model>, StoreError> {
    Ok(team::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|t| t.event_id == event_id))
}

/// Teams in their order, each with its members by name.
pub async fn teams_with_members<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<TeamView>, StoreError> {
    let list = teams(conn, event_id).await?;
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let members = team_member::Entity::find()
        .filter(team_member::Column::TeamId.is_in(list.iter().map(|t| t.id)))
        .all(conn)
        .await?;
    let regs: HashMap<Uuid, registration::Model> = registrations(conn, event_id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mut by_team: HashMap<Uuid, Vec<registration::Model>> = HashMap::new();
    for m in members {
        if let Some(r) = regs.get(&m.registration_id) {
            by_team.entry(m.team_id).or_default().push(r.clone());
        }
    }
    Ok(list
        .into_iter()
        .map(|t| {
            let mut members = by_team.remove(&t.id).unwrap_or_default();
            members.sort_by_key(|m| m.name.to_lowercase());
            TeamView { team: t, members }
        })
        .collect())
}

/// The team a registrant belongs to, if any.
pub async fn team_of_registration<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    registration_id: Uuid,
) -> Result<Option<TeamView>, StoreError> {
    Ok(teams_with_members(conn, event_id)
        .await?
        .into_iter()
        .find(|t| t.members.iter().any(|m| m.id == registration_id)))
}

pub async fn create_team_in<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    name: &str,
    facilitator: Option<String>,
) -> Result<team::Model, StoreError> {
    let count = teams(conn, event_id).await?.len();
    Ok(team::ActiveModel {
        id: Set(Uuid::new_v4()),
        event_id: Set(event_id),
        name: Set(name.trim().to_owned()),
        facilitator: Set(facilitator),
        position: Set(position(count)),
    }
    .insert(conn)
    .await?)
}

pub async fn update_team(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    name: &str,
    facilitator: Option<String>,
) -> Result<team::Model, StoreError> {
    let found = team_of_event(store.conn(), event_id, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut active: team::ActiveModel = found.into();
    active.name = Set(name.trim().to_owned());
    active.facilitator = Set(facilitator);
    Ok(active.update(store.conn()).await?)
}

pub async fn move_team(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    step: i32,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let ids = teams(&txn, event_id)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    move_among(&txn, "teams", ids, id, step).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a team: its members become unassigned; its observations and
/// stickies stay, as general ones.
pub async fn delete_team(store: &Store, event_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    team_of_event(&txn, event_id, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(id))
        .exec(&txn)
        .await?;
    for table in ["observations", "stickies"] {
        txn.execute(
            &Query::update()
                .table(Alias::new(table))
                .value(Alias::new("team_id"), Option::<Uuid>::None)
                .and_where(Expr::col(Alias::new("team_id")).eq(id))
                .to_owned(),
        )
        .await?;
    }
    team::Entity::delete_by_id(id).exec(&txn).await?;
    let rest = teams(&txn, event_id)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect::<Vec<_>>();
    renumber(&txn, "teams", &rest).await?;
    txn.commit().await?;
    Ok(())
}

/// Why an assignment is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignRefusal {
    /// The registrant is on the waiting list or cancelled.
    NotConfirmed,
}

/// Puts a registrant in a team (`None`: in no team); a person is in one
/// team at most.
pub async fn assign(
    store: &Store,
    event_id: Uuid,
    registration_id: Uuid,
    team_id: Option<Uuid>,
) -> Result<Result<(), AssignRefusal>, StoreError> {
    let txn = store.write().await?;
    let reg = registration::Entity::find_by_id(registration_id)
        .one(&txn)
        .await?
        .filter(|r| r.event_id == event_id)
        .ok_or(StoreError::NotFound)?;
    if let Some(t) = team_id {
        team_of_event(&txn, event_id, t)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !reg.status.is_confirmed() {
            return Ok(Err(AssignRefusal::NotConfirmed));
        }
    }
    let ids: Vec<Uuid> = teams(&txn, event_id)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    team_member::Entity::delete_many()
        .filter(team_member::Column::RegistrationId.eq(registration_id))
        .filter(team_member::Column::TeamId.is_in(ids))
        .exec(&txn)
        .await?;
    if let Some(t) = team_id {
        team_member::ActiveModel {
            team_id: Set(t),
            registration_id: Set(registration_id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Splits the confirmed registrants into `count` teams mixing the sectors
/// of their organizations: the first `count` teams are reused (names and
/// facilitators kept), missing ones are created with `name_of(n)` (n from
/// 1), every earlier assignment is replaced. All in one transaction.
pub async fn auto_assign(
    store: &Store,
    event_id: Uuid,
    count: usize,
    name_of: impl Fn(usize) -> String,
) -> Result<Vec<team::Model>, StoreError> {
    if count == 0 {
        return Err(StoreError::Invalid("no team".to_owned()));
    }
    let txn = store.write().await?;
    let confirmed: Vec<registration::Model> = registrations(&txn, event_id)
        .await?
        .into_iter()
        .filter(|r| r.status.is_confirmed())
        .collect();
    let org_ids: Vec<String> = confirmed
        .iter()
        .filter_map(|r| r.organization_id.clone())
        .collect();
    let briefs = org_briefs(&txn, Some(&org_ids)).await?;
    let people: Vec<(String, Option<String>)> = confirmed
        .iter()
        .map(|r| {
            let sector = r
                .organization_id
                .as_ref()
                .and_then(|o| briefs.get(o))
                .and_then(|b| b.sector.clone());
            (r.id.to_string(), sector)
        })
        .collect();
    let split = maillage_domain::events::assign_teams(&people, count);
    let mut existing = teams(&txn, event_id).await?;
    team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.is_in(existing.iter().map(|t| t.id)))
        .exec(&txn)
        .await?;
    while existing.len() < count {
        let n = existing.len() + 1;
        existing.push(create_team_in(&txn, event_id, &name_of(n), None).await?);
    }
    for (t, members) in existing.iter().zip(&split) {
        for id in members {
            let Ok(registration_id) = Uuid::parse_str(id) else {
                continue;
            };
            team_member::ActiveModel {
                team_id: Set(t.id),
                registration_id: Set(registration_id),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    existing.truncate(count);
    Ok(existing)
}

// ---------- canvas ----------

/// The canvas: its questions in order and every answer.
#[derive(Debug, Clone, Default)]
pub struct Canvas {
    pub questions: Vec<canvas_question::Model>,
    pub answers: Vec<canvas_answer::Model>,
}

impl Canvas {
    /// The answers to one question, oldest first.
    pub fn answers_to(&self, question_id: Uuid) -> impl Iterator<Item = &canvas_answer::Model> {
        self.answers
            .iter()
            .filter(move |a| a.question_id == question_id)
    }
}

pub async fn canvas_questions<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<canvas_question::Model>, StoreError> {
    Ok(canvas_question::Entity::find()
        .filter(canvas_question::Column::EventId.eq(event_id))
        .order_by_asc(canvas_question::Column::Position)
        .all(conn)
        .await?)
}

/// Questions and answers of the event's canvas.
pub async fn canvas<C: ConnectionTrait>(conn: &C, event_id: Uuid) -> Result<Canvas, StoreError> {
    Ok(Canvas {
        questions: canvas_questions(conn, event_id).await?,
        answers: canvas_answer::Entity::find()
            .filter(canvas_answer::Column::EventId.eq(event_id))
            .order_by_asc(canvas_answer::Column::CreatedAt)
            .all(conn)
            .await?,
    })
}

pub async fn add_canvas_questions(
    store: &Store,
    event_id: Uuid,
    prompts: &[&str],
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let mut count = canvas_questions(&txn, event_id).await?.len();
    for prompt in prompts {
        canvas_question::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            prompt: Set(prompt.trim().to_owned()),
            position: Set(position(count)),
        }
        .insert(&txn)
        .await?;
        count += 1;
    }
    txn.commit().await?;
    Ok(())
}

async fn canvas_question_of<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    id: Uuid,
) -> Result<canvas_question::Model, StoreError> {
    canvas_question::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|q| q.event_id == event_id)
        .ok_or(StoreError::NotFound)
}

pub async fn update_canvas_question(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    prompt: &str,
) -> Result<(), StoreError> {
    let found = canvas_question_of(store.conn(), event_id, id).await?;
    let mut active: canvas_question::ActiveModel = found.into();
    active.prompt = Set(prompt.trim().to_owned());
    active.update(store.conn()).await?;
    Ok(())
}

pub async fn move_canvas_question(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    step: i32,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let ids = canvas_questions(&txn, event_id)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    move_among(&txn, "canvas_questions", ids, id, step).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a question and its answers.
pub async fn delete_canvas_question(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    canvas_question_of(&txn, event_id, id).await?;
    canvas_answer::Entity::delete_many()
        .filter(canvas_answer::Column::QuestionId.eq(id))
        .exec(&txn)
        .await?;
    canvas_question::Entity::delete_by_id(id).exec(&txn).await?;
    let rest: Vec<Uuid> = canvas_questions(&txn, event_id)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    renumber(&txn, "canvas_questions", &rest).await?;
    txn.commit().await?;
    Ok(())
}

/// Saves a participant's canvas: their earlier answers are replaced by
/// `answers` (question, text; blank texts are dropped), all of them in the
/// name of `organization_id` when given. Questions of another event are
/// refused as not found; nothing is written then.
pub async fn save_canvas_answers(
    store: &Store,
    event_id: Uuid,
    registration_id: Uuid,
    organization_id: Option<String>,
    answers: &[(Uuid, String)],
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let questions: Vec<Uuid> = canvas_questions(&txn, event_id)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    if answers.iter().any(|(q, _)| !questions.contains(q)) {
        return Err(StoreError::NotFound);
    }
    canvas_answer::Entity::delete_many()
        .filter(canvas_answer::Column::EventId.eq(event_id))
        .filter(canvas_answer::Column::RegistrationId.eq(registration_id))
        .exec(&txn)
        .await?;
    let now = Utc::now();
    for (question_id, text) in answers {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        canvas_answer::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            question_id: Set(*question_id),
            registration_id: Set(Some(registration_id)),
            organization_id: Set(organization_id.clone()),
            text: Set(text.to_owned()),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

// ---------- observations ----------

pub async fn observations<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<observation::Model>, StoreError> {
    Ok(observation::Entity::find()
        .filter(observation::Column::EventId.eq(event_id))
        .order_by_asc(observation::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Records an observation; `team_id` must be a team of the event.
pub async fn add_observation(
    store: &Store,
    event_id: Uuid,
    team_id: Option<Uuid>,
    text: &str,
    new_contacts: Option<i32>,
    author_id: Option<Uuid>,
) -> Result<observation::Model, StoreError> {
    let txn = store.write().await?;
    if let Some(t) = team_id {
        team_of_event(&txn, event_id, t)
            .await?
            .ok_or(StoreError::NotFound)?;
    }
    let model = observation::ActiveModel {
        id: Set(Uuid::new_v4()),
        event_id: Set(event_id),
        team_id: Set(team_id),
        text: Set(text.trim().to_owned()),
        new_contacts: Set(new_contacts),
        author_id: Set(author_id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

pub async fn delete_observation(store: &Store, event_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let res = observation::Entity::delete_many()
        .filter(observation::Column::Id.eq(id))
        .filter(observation::Column::EventId.eq(event_id))
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

// ---------- stickies ----------

/// The mosaic's stickies, by team then in the order they were typed.
pub async fn stickies<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<sticky::Model>, StoreError> {
    Ok(sticky::Entity::find()
        .filter(sticky::Column::EventId.eq(event_id))
        .order_by_asc(sticky::Column::Position)
        .order_by_asc(sticky::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Adds one sticky per line, after the existing ones.
pub async fn add_stickies(
    store: &Store,
    event_id: Uuid,
    team_id: Option<Uuid>,
    lines: &[String],
) -> Result<usize, StoreError> {
    let txn = store.write().await?;
    if let Some(t) = team_id {
        team_of_event(&txn, event_id, t)
            .await?
            .ok_or(StoreError::NotFound)?;
    }
    let mut next = stickies(&txn, event_id).await?.len();
    let now = Utc::now();
    for line in lines {
        sticky::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            team_id: Set(team_id),
            text: Set(line.trim().to_owned()),
            position: Set(position(next)),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        next += 1;
    }
    txn.commit().await?;
    Ok(lines.len())
}

pub async fn delete_sticky(store: &Store, event_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let res = sticky::Entity::delete_many()
        .filter(sticky::Column::Id.eq(id))
        .filter(sticky::Column::EventId.eq(event_id))
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Adds a team at the end of the event's list, in its own write: counting
/// and inserting are one, so two added at once never share a position.
pub async fn create_team(
    store: &Store,
    event_id: Uuid,
    name: &str,
    facilitator: Option<String>,
) -> Result<team::Model, StoreError> {
    let txn = store.write().await?;
    let created = create_team_in(&txn, event_id, name, facilitator).await?;
    txn.commit().await?;
    Ok(created)
}
