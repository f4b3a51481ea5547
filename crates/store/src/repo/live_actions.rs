//! A post-it of a live board becomes an action of the grouping's plan: the
//! action and the link back from the post-it are written in one
//! transaction, so that a post-it never points at a missing action and an
//! action never forgets where it came from.

use maillage_domain::limits;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::live::{self, LiveError, Room};
use super::plans::{self, ActionInput};
use crate::entity::{action_plan, live_answer, live_room, orientation, strategy};
use crate::{Store, StoreError};

/// Why a post-it does not become an action.
#[derive(Debug, thiserror::Error)]
pub enum StickyActionError {
    #[error(transparent)]
    Live(#[from] LiveError),
    /// The strategy is not one of the room's grouping's plans.
    #[error("the strategy belongs to another grouping's plan")]
    ForeignPlan,
}

impl From<StoreError> for StickyActionError {
    fn from(e: StoreError) -> Self {
        StickyActionError::Live(LiveError::Store(e))
    }
}

impl From<sea_orm::DbErr> for StickyActionError {
    fn from(e: sea_orm::DbErr) -> Self {
        StickyActionError::Live(e.into())
    }
}

/// A strategy a post-it may be placed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyChoice {
    pub id: Uuid,
    pub title: String,
    pub plan_title: String,
}

/// The strategies of the grouping's plans, plan by plan in the order of
/// their orientations and positions.
pub async fn strategies_of_grouping(
    store: &Store,
    grouping_id: Uuid,
) -> Result<Vec<StrategyChoice>, StoreError> {
    let conn = store.conn();
    let plans = plans::plans_of(conn, &[grouping_id]).await?;
    let mut out = Vec::new();
    for plan in plans {
        let orientations = orientation::Entity::find()
            .filter(orientation::Column::PlanId.eq(plan.id))
            .order_by_asc(orientation::Column::Position)
            .all(conn)
            .await?;
        let strategies = strategy::Entity::find()
            .filter(strategy::Column::PlanId.eq(plan.id))
            .order_by_asc(strategy::Column::Position)
            .all(conn)
            .await?;
        for o in &orientations {
            for s in strategies.iter().filter(|s| s.orientation_id == o.id) {
                out.push(StrategyChoice {
                    id: s.id,
                    title: s.title.clone(),
                    plan_title: plan.title.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The action's title: the post-it's text, cut at the bound of a name.
fn action_title(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.chars().take(limits::NAME).collect()
}

/// Turns a post-it of the room into an action under `strategy_id` (a
/// strategy of one of the room's grouping's plans) and links the post-it to
/// it. A post-it that already became an action keeps it: its id is
/// returned and nothing is written.
pub async fn sticky_to_action(
    store: &Store,
    actor: &Actor,
    room: &Room,
    answer_id: Uuid,
    strategy_id: Uuid,
) -> Result<Uuid, StickyActionError> {
    let txn = store.write().await?;
    let answer = live_answer::Entity::find_by_id(answer_id)
        .filter(live_answer::Column::RoomId.eq(room.id))
        .one(&txn)
        .await?
        .ok_or(LiveError::NotFound)?;
    if answer.column_name.is_none() {
        return Err(LiveError::NotASticky.into());
    }
    if let Some(existing) = answer.action_id {
        return Ok(existing);
    }
    let strategy = plans::strategy(&txn, strategy_id)
        .await?
        .ok_or(StickyActionError::ForeignPlan)?;
    let plan = action_plan::Entity::find_by_id(strategy.plan_id)
        .one(&txn)
        .await?
        .ok_or(StickyActionError::ForeignPlan)?;
    if plan.grouping_id != room.grouping_id {
        return Err(StickyActionError::ForeignPlan);
    }
    let input = ActionInput {
        title: action_title(answer.text.as_deref().unwrap_or_default()),
        status: maillage_domain::plans::ActionStatus::AVenir
            .as_str()
            .to_owned(),
        weight: 1.0,
        ..ActionInput::default()
    };
    let action = plans::create_action_in(&txn, &strategy, plan.grouping_id, None, &input).await?;
    live::link_action(&txn, room.id, answer_id, action.id).await?;
    audit::record(
        &txn,
        actor,
        "action.create",
        Some(action.id.to_string()),
        Some(serde_json::json!({ "from_live_answer": answer_id })),
    )
    .await?;
    txn.commit().await?;
    Ok(action.id)
}

/// Where an action came from, when a post-it of a live room became it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StickyOrigin {
    pub room_id: Uuid,
    pub room_title: String,
    pub text: String,
}

/// The post-it an action came from, if one did.
pub async fn origin_of_action(
    store: &Store,
    action_id: Uuid,
) -> Result<Option<StickyOrigin>, StoreError> {
    let Some(answer) = live_answer::Entity::find()
        .filter(live_answer::Column::ActionId.eq(action_id))
        .one(store.conn())
        .await?
    else {
        return Ok(None);
    };
    let room = live_room::Entity::find_by_id(answer.room_id)
        .one(store.conn())
        .await?;
    Ok(room.map(|room| StickyOrigin {
        room_id: room.id,
        room_title: room.title,
        text: answer.text.unwrap_or_default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_the_text_on_one_line_within_a_name() {
        assert_eq!(
            action_title("  Kit d’accueil\n(co-construit)  "),
            "Kit d’accueil (co-construit)"
        );
        assert_eq!(action_title(&"é".repeat(400)).chars().count(), limits::NAME);
    }
}
