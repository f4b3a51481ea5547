//! Multi-year action plans: orientations → strategies → actions (and
//! sub-tasks), the organizations that lead them or take part, the pathways
//! they serve, and indicators with their measurements.
//!
//! A plan page needs the whole outline: it is loaded with one query per
//! table (not per node), for one plan or for the plans of a whole region.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::batch;
use super::groupings::{self, OrgBrief};
pub use super::order::neighbour;
use super::order::{move_among, position, renumber};
use crate::entity::action_organization::ActionRole;
use crate::entity::{
    action, action_organization, action_pathway, action_plan, grouping, indicator, measurement,
    orientation, pathway, strategy,
};
use crate::{Store, StoreError};

// ---------- plans ----------

/// A plan status as forms, files and the API write it (a code or a label),
/// as stored.
fn plan_status(text: &str) -> Result<action_plan::Status, StoreError> {
    text.parse::<maillage_domain::plans::PlanStatus>()
        .map(Into::into)
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

fn weighting(text: &str) -> Result<action_plan::Weighting, StoreError> {
    text.parse::<maillage_domain::plans::Weighting>()
        .map(Into::into)
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

fn action_status(text: &str) -> Result<action::Status, StoreError> {
    text.parse::<maillage_domain::plans::ActionStatus>()
        .map(Into::into)
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanInput {
    pub title: String,
    pub description: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
    /// `draft` or `published`.
    pub status: String,
    /// `equal`, `custom` or `budget`.
    pub weighting: String,
}

pub async fn plans_of<C: ConnectionTrait>(
    conn: &C,
    grouping_ids: &[Uuid],
) -> Result<Vec<action_plan::Model>, StoreError> {
    Ok(action_plan::Entity::find()
        .filter(action_plan::Column::GroupingId.is_in(grouping_ids.iter().copied()))
        .order_by_desc(action_plan::Column::StartYear)
        .order_by_asc(action_plan::Column::Title)
        .all(conn)
        .await?)
}

pub async fn plan<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<action_plan::Model>, StoreError> {
    Ok(action_plan::Entity::find_by_id(id).one(conn).await?)
}

async fn insert_plan(
    txn: &DatabaseTransaction,
    id: Uuid,
    grouping_id: Uuid,
    input: &PlanInput,
) -> Result<action_plan::Model, StoreError> {
    let now = Utc::now();
    Ok(action_plan::ActiveModel {
        id: Set(id),
        grouping_id: Set(grouping_id),
        title: Set(input.title.clone()),
        description: Set(input.description.clone()),
        start_year: Set(input.start_year),
        end_year: Set(input.end_year),
        status: Set(plan_status(&input.status)?),
        weighting: Set(weighting(&input.weighting)?),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?)
}

pub async fn create_plan(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    input: &PlanInput,
) -> Result<action_plan::Model, StoreError> {
    let txn = store.write().await?;
    let model = insert_plan(&txn, Uuid::new_v4(), grouping_id, input).await?;
    audit::record(&txn, actor, "plan.create", Some(model.id.to_string()), None).await?;
    txn.commit().await?;
    Ok(model)
}

pub async fn update_plan(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    version: i32,
    input: &PlanInput,
) -> Result<action_plan::Model, StoreError> {
    let txn = store.write().await?;
    let existing = plan(&txn, id).await?.ok_or(StoreError::NotFound)?;
    if existing.version != version {
        return Err(StoreError::Stale("plan"));
    }
    let mut active: action_plan::ActiveModel = existing.into();
    active.title = Set(input.title.clone());
    active.description = Set(input.description.clone());
    active.start_year = Set(input.start_year);
    active.end_year = Set(input.end_year);
    active.status = Set(plan_status(&input.status)?);
    active.weighting = Set(weighting(&input.weighting)?);
    active.version = Set(version + 1);
    active.updated_at = Set(Utc::now());
    let updated = active.update(&txn).await?;
    audit::record(&txn, actor, "plan.update", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(updated)
}

pub async fn delete_plan(store: &Store, actor: &Actor, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    // Children first: SQLite cascades only along declared keys, and
    // indicators hang from several parents.
    for table in ["indicators", "actions", "strategies", "orientations"] {
        txn.execute(
            &Query::delete()
                .from_table(Alias::new(table))
                .and_where(Expr::col(Alias::new("plan_id")).eq(id))
                .to_owned(),
        )
        .await?;
    }
    let res = action_plan::Entity::delete_by_id(id).exec(&txn).await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(&txn, actor, "plan.delete", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(())
}

// ---------- orientations and strategies ----------

pub async fn orientation<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<orientation::Model>, StoreError> {
    Ok(orientation::Entity::find_by_id(id).one(conn).await?)
}

async fn orientation_ids<C: ConnectionTrait>(
    conn: &C,
    plan_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(orientation::Entity::find()
        .filter(orientation::Column::PlanId.eq(plan_id))
        .order_by_asc(orientation::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

pub async fn create_orientation<C: ConnectionTrait>(
    conn: &C,
    plan_id: Uuid,
    title: &str,
    year_label: Option<String>,
) -> Result<orientation::Model, StoreError> {
    let count = orientation_ids(conn, plan_id).await?.len();
    Ok(orientation::ActiveModel {
        id: Set(Uuid::new_v4()),
        plan_id: Set(plan_id),
        title: Set(title.to_owned()),
        year_label: Set(year_label),
        position: Set(position(count)),
        weight: Set(1.0),
    }
    .insert(conn)
    .await?)
}

pub async fn update_orientation(
    store: &Store,
    id: Uuid,
    title: &str,
    year_label: Option<String>,
    weight: f64,
) -> Result<(), StoreError> {
    let found = orientation(store.conn(), id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut active: orientation::ActiveModel = found.into();
    active.title = Set(title.to_owned());
    active.year_label = Set(year_label);
    active.weight = Set(weight);
    active.update(store.conn()).await?;
    Ok(())
}

pub async fn delete_orientation(store: &Store, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let found = orientation(&txn, id).await?.ok_or(StoreError::NotFound)?;
    let strategies: Vec<Uuid> = strategy::Entity::find()
        .filter(strategy::Column::OrientationId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    for s in strategies {
        delete_strategy_in(&txn, s).await?;
    }
    orientation::Entity::delete_by_id(id).exec(&txn).await?;
    let rest = orientation_ids(&txn, found.plan_id).await?;
    renumber(&txn, "orientations", &rest).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn move_orientation(store: &Store, id: Uuid, step: i32) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let found = orientation(&txn, id).await?.ok_or(StoreError::NotFound)?;
    let siblings = orientation_ids(&txn, found.plan_id).await?;
    move_among(&txn, "orientations", siblings, id, step).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn strategy<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<strategy::Model>, StoreError> {
    Ok(strategy::Entity::find_by_id(id).one(conn).await?)
}

async fn strategy_ids<C: ConnectionTrait>(
    conn: &C,
    orientation_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(strategy::Entity::find()
        .filter(strategy::Column::OrientationId.eq(orientation_id))
        .order_by_asc(strategy::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

pub async fn create_strategy<C: ConnectionTrait>(
    conn: &C,
    orientation: &orientation::Model,
    title: &str,
) -> Result<strategy::Model, StoreError> {
    let count = strategy_ids(conn, orientation.id).await?.len();
    Ok(strategy::ActiveModel {
        id: Set(Uuid::new_v4()),
        plan_id: Set(orientation.plan_id),
        orientation_id: Set(orientation.id),
        title: Set(title.to_owned()),
        position: Set(position(count)),
        weight: Set(1.0),
    }
    .insert(conn)
    .await?)
}

pub async fn update_strategy(
    store: &Store,
    id: Uuid,
    title: &str,
    weight: f64,
) -> Result<(), StoreError> {
    let found = strategy(store.conn(), id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut active: strategy::ActiveModel = found.into();
    active.title = Set(title.to_owned());
    active.weight = Set(weight);
    active.update(store.conn()).await?;
    Ok(())
}

async fn delete_strategy_in<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<(), StoreError> {
    conn.execute(
        &Query::delete()
            .from_table(Alias::new("indicators"))
            .and_where(Expr::col(Alias::new("strategy_id")).eq(id))
            .to_owned(),
    )
    .await?;
    strategy::Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}

pub async fn delete_strategy(store: &Store, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let found = strategy(&txn, id).await?.ok_or(StoreError::NotFound)?;
    delete_strategy_in(&txn, id).await?;
    let rest = strategy_ids(&txn, found.orientation_id).await?;
    renumber(&txn, "strategies", &rest).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn move_strategy(store: &Store, id: Uuid, step: i32) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let found = strategy(&txn, id).await?.ok_or(StoreError::NotFound)?;
    let siblings = strategy_ids(&txn, found.orientation_id).await?;
    move_among(&txn, "strategies", siblings, id, step).await?;
    txn.commit().await?;
    Ok(())
}

// ---------- actions ----------

/// What the action form edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionInput {
    pub title: String,
    pub description: Option<String>,
    pub audience: Option<String>,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
    pub status: String,
    pub budget: Option<f64>,
    pub documents: Vec<String>,
    pub leads: Vec<String>,
    pub partners: Vec<String>,
    pub pathways: Vec<Uuid>,
    pub weight: f64,
}

pub async fn action<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<action::Model>, StoreError> {
    Ok(action::Entity::find_by_id(id).one(conn).await?)
}

async fn sibling_actions<C: ConnectionTrait>(
    conn: &C,
    strategy_id: Uuid,
    parent_id: Option<Uuid>,
) -> Result<Vec<Uuid>, StoreError> {
    let mut q = action::Entity::find().filter(action::Column::StrategyId.eq(strategy_id));
    q = match parent_id {
        Some(p) => q.filter(action::Column::ParentId.eq(p)),
        None => q.filter(action::Column::ParentId.is_null()),
    };
    Ok(q.order_by_asc(action::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect())
}

/// The organizations of an action with their role (an organization both
/// leading and partnering leads), and its distinct pathways.
fn action_links(input: &ActionInput) -> (Vec<(&String, ActionRole)>, Vec<Uuid>) {
    let mut seen: Vec<&str> = Vec::new();
    let mut orgs = Vec::new();
    let all = input
        .leads
        .iter()
        .map(|o| (o, ActionRole::Lead))
        .chain(input.partners.iter().map(|o| (o, ActionRole::Partner)));
    for (org, role) in all {
        if seen.contains(&org.as_str()) {
            continue;
        }
        seen.push(org);
        orgs.push((org, role));
    }
    let mut pathways = input.pathways.clone();
    pathways.sort();
    pathways.dedup();
    (orgs, pathways)
}

async fn write_action_links<C: ConnectionTrait>(
    conn: &C,
    action_id: Uuid,
    input: &ActionInput,
) -> Result<(), StoreError> {
    action_organization::Entity::delete_many()
        .filter(action_organization::Column::ActionId.eq(action_id))
        .exec(conn)
        .await?;
    action_pathway::Entity::delete_many()
        .filter(action_pathway::Column::ActionId.eq(action_id))
        .exec(conn)
        .await?;
    let (orgs, pathways) = action_links(input);
    for (org, role) in orgs {
        action_organization::ActiveModel {
            action_id: Set(action_id),
            organization_id: Set(org.clone()),
            role: Set(role),
        }
        .insert(conn)
        .await?;
    }
    for p in pathways {
        action_pathway::ActiveModel {
            action_id: Set(action_id),
            pathway_id: Set(p),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

pub async fn create_action_in<C: ConnectionTrait>(
    conn: &C,
    strategy: &strategy::Model,
    grouping_id: Uuid,
    parent_id: Option<Uuid>,
    input: &ActionInput,
) -> Result<action::Model, StoreError> {
    let count = sibling_actions(conn, strategy.id, parent_id).await?.len();
    let now = Utc::now();
    let model = action::ActiveModel {
        id: Set(Uuid::new_v4()),
        plan_id: Set(strategy.plan_id),
        grouping_id: Set(grouping_id),
        strategy_id: Set(strategy.id),
        parent_id: Set(parent_id),
        title: Set(input.title.clone()),
        description: Set(input.description.clone()),
        audience: Set(input.audience.clone()),
        start_on: Set(input.start_on),
        end_on: Set(input.end_on),
        status: Set(action_status(&input.status)?),
        budget: Set(input.budget),
        documents: Set((!input.documents.is_empty()).then(|| input.documents.join("\n"))),
        position: Set(position(count)),
        weight: Set(input.weight),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    write_action_links(conn, model.id, input).await?;
    Ok(model)
}

pub async fn create_action(
    store: &Store,
    actor: &Actor,
    strategy_id: Uuid,
    parent_id: Option<Uuid>,
    input: &ActionInput,
) -> Result<action::Model, StoreError> {
    let txn = store.write().await?;
    let s = strategy(&txn, strategy_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let p = plan(&txn, s.plan_id).await?.ok_or(StoreError::NotFound)?;
    if let Some(parent) = parent_id {
        let parent = action(&txn, parent).await?.ok_or(StoreError::NotFound)?;
        if parent.strategy_id != strategy_id {
            return Err(StoreError::Invalid("parent of another strategy".to_owned()));
        }
    }
    let model = create_action_in(&txn, &s, p.grouping_id, parent_id, input).await?;
    audit::record(
        &txn,
        actor,
        "action.create",
        Some(model.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

pub async fn update_action(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    version: i32,
    input: &ActionInput,
) -> Result<action::Model, StoreError> {
    let txn = store.write().await?;
    let existing = action(&txn, id).await?.ok_or(StoreError::NotFound)?;
    if existing.version != version {
        return Err(StoreError::Stale("action"));
    }
    let mut active: action::ActiveModel = existing.into();
    active.title = Set(input.title.clone());
    active.description = Set(input.description.clone());
    active.audience = Set(input.audience.clone());
    active.start_on = Set(input.start_on);
    active.end_on = Set(input.end_on);
    active.status = Set(action_status(&input.status)?);
    active.budget = Set(input.budget);
    active.documents = Set((!input.documents.is_empty()).then(|| input.documents.join("\n")));
    active.weight = Set(input.weight);
    active.version = Set(version + 1);
    active.updated_at = Set(Utc::now());
    let updated = active.update(&txn).await?;
    write_action_links(&txn, id, input).await?;
    audit::record(&txn, actor, "action.update", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(updated)
}

pub async fn delete_action(store: &Store, actor: &Actor, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let found = action(&txn, id).await?.ok_or(StoreError::NotFound)?;
    // Sub-tasks and indicators go with it (declared cascades, spelled out
    // for SQLite connections opened without foreign keys).
    let mut doomed = vec![id];
    let mut i = 0;
    while i < doomed.len() {
        let kids: Vec<Uuid> = action::Entity::find()
            .filter(action::Column::ParentId.eq(doomed[i]))
            .all(&txn)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        doomed.extend(kids);
        i += 1;
    }
    for a in doomed.iter().rev() {
        txn.execute(
            &Query::delete()
                .from_table(Alias::new("indicators"))
                .and_where(Expr::col(Alias::new("action_id")).eq(*a))
                .to_owned(),
        )
        .await?;
        action::Entity::delete_by_id(*a).exec(&txn).await?;
    }
    let rest = sibling_actions(&txn, found.strategy_id, found.parent_id).await?;
    renumber(&txn, "actions", &rest).await?;
    audit::record(&txn, actor, "action.delete", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn move_action(store: &Store, id: Uuid, step: i32) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let found = action(&txn, id).await?.ok_or(StoreError::NotFound)?;
    let siblings = sibling_actions(&txn, found.strategy_id, found.parent_id).await?;
    move_among(&txn, "actions", siblings, id, step).await?;
    txn.commit().await?;
    Ok(())
}

/// Organizations of an action: (lead ids, partner ids).
pub async fn action_organizations<C: ConnectionTrait>(
    conn: &C,
    action_id: Uuid,
) -> Result<(Vec<String>, Vec<String>), StoreError> {
    let mut leads = Vec::new();
    let mut partners = Vec::new();
    for row in action_organization::Entity::find()
        .filter(action_organization::Column::ActionId.eq(action_id))
        .all(conn)
        .await?
    {
        if row.role == ActionRole::Lead {
            leads.push(row.organization_id);
        } else {
            partners.push(row.organization_id);
        }
    }
    Ok((leads, partners))
}

// ---------- indicators ----------

/// What the indicator form edits.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub baseline_value: Option<f64>,
    pub baseline_on: Option<NaiveDate>,
    pub target_value: f64,
    pub target_on: Option<NaiveDate>,
    pub weight: f64,
}

/// What an indicator measures: an action or a strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorOf {
    Action(Uuid),
    Strategy(Uuid),
}

pub async fn indicator<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<indicator::Model>, StoreError> {
    Ok(indicator::Entity::find_by_id(id).one(conn).await?)
}

pub async fn create_indicator<C: ConnectionTrait>(
    conn: &C,
    plan_id: Uuid,
    of: IndicatorOf,
    input: &IndicatorInput,
) -> Result<indicator::Model, StoreError> {
    let (strategy_id, action_id) = match of {
        IndicatorOf::Action(a) => (None, Some(a)),
        IndicatorOf::Strategy(s) => (Some(s), None),
    };
    let count = indicator::Entity::find()
        .filter(indicator::Column::PlanId.eq(plan_id))
        .count(conn)
        .await?;
    Ok(indicator::ActiveModel {
        id: Set(Uuid::new_v4()),
        plan_id: Set(plan_id),
        strategy_id: Set(strategy_id),
        action_id: Set(action_id),
        name: Set(input.name.clone()),
        unit: Set(input.unit.clone()),
        baseline_value: Set(input.baseline_value),
        baseline_on: Set(input.baseline_on),
        target_value: Set(input.target_value),
        target_on: Set(input.target_on),
        weight: Set(input.weight),
        position: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?)
}

pub async fn update_indicator(
    store: &Store,
    id: Uuid,
    input: &IndicatorInput,
) -> Result<(), StoreError> {
    let found = indicator(store.conn(), id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut active: indicator::ActiveModel = found.into();
    active.name = Set(input.name.clone());
    active.unit = Set(input.unit.clone());
    active.baseline_value = Set(input.baseline_value);
    active.baseline_on = Set(input.baseline_on);
    active.target_value = Set(input.target_value);
    active.target_on = Set(input.target_on);
    active.weight = Set(input.weight);
    active.update(store.conn()).await?;
    Ok(())
}

pub async fn delete_indicator(store: &Store, id: Uuid) -> Result<(), StoreError> {
    let res = indicator::Entity::delete_by_id(id)
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeasurementInput {
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: Option<String>,
    pub comment: Option<String>,
}

pub async fn add_measurement<C: ConnectionTrait>(
    conn: &C,
    indicator_id: Uuid,
    input: &MeasurementInput,
    by: Option<Uuid>,
) -> Result<(), StoreError> {
    measurement::ActiveModel {
        id: Set(Uuid::new_v4()),
        indicator_id: Set(indicator_id),
        value: Set(input.value),
        measured_on: Set(Some(input.measured_on)),
        source: Set(input.source.clone()),
        comment: Set(input.comment.clone()),
        created_at: Set(Utc::now()),
        created_by: Set(by),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn delete_measurement(
    store: &Store,
    indicator_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    let res = measurement::Entity::delete_many()
        .filter(measurement::Column::Id.eq(id))
        .filter(measurement::Column::IndicatorId.eq(indicator_id))
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

// ---------- the outline ----------

#[derive(Debug, Clone)]
pub struct IndicatorView {
    pub model: indicator::Model,
    /// Oldest first.
    pub measurements: Vec<measurement::Model>,
}

impl IndicatorView {
    pub fn latest(&self) -> Option<&measurement::Model> {
        self.measurements.last()
    }
}

#[derive(Debug, Clone)]
pub struct ActionNode {
    pub model: action::Model,
    pub leads: Vec<String>,
    pub partners: Vec<String>,
    pub pathways: Vec<Uuid>,
    pub indicators: Vec<IndicatorView>,
    pub children: Vec<ActionNode>,
}

impl ActionNode {
    /// This action and its sub-tasks, depth first.
    pub fn walk(&self) -> Vec<&ActionNode> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct StrategyNode {
    pub model: strategy::Model,
    pub indicators: Vec<IndicatorView>,
    pub actions: Vec<ActionNode>,
}

#[derive(Debug, Clone)]
pub struct OrientationNode {
    pub model: orientation::Model,
    pub strategies: Vec<StrategyNode>,
}

#[derive(Debug, Clone)]
pub struct Outline {
    pub plan: action_plan::Model,
    pub orientations: Vec<OrientationNode>,
}

impl Outline {
    /// Every action and sub-task of the plan, in outline order.
    pub fn actions(&self) -> Vec<&ActionNode> {
        self.orientations
            .iter()
            .flat_map(|o| o.strategies.iter())
            .flat_map(|s| s.actions.iter())
            .flat_map(ActionNode::walk)
            .collect()
    }

    pub fn organization_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .actions()
            .iter()
            .flat_map(|a| a.leads.iter().chain(a.partners.iter()).cloned())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub fn find_action(&self, id: Uuid) -> Option<&ActionNode> {
        self.actions().into_iter().find(|a| a.model.id == id)
    }
}

/// The actions of `strategy` under `parent`, each with its sub-tasks.
fn build(
    strategy: Uuid,
    parent: Option<Uuid>,
    kids: &mut HashMap<(Uuid, Option<Uuid>), Vec<action::Model>>,
    orgs: &mut HashMap<Uuid, (Vec<String>, Vec<String>)>,
    paths: &mut HashMap<Uuid, Vec<Uuid>>,
    inds: &mut HashMap<Uuid, Vec<IndicatorView>>,
    depth: usize,
) -> Vec<ActionNode> {
    let list = kids.remove(&(strategy, parent)).unwrap_or_default();
    list.into_iter()
        .map(|model| {
            let (leads, partners) = orgs.remove(&model.id).unwrap_or_default();
            let children = if depth < 8 {
                build(strategy, Some(model.id), kids, orgs, paths, inds, depth + 1)
            } else {
                Vec::new()
            };
            ActionNode {
                leads,
                partners,
                pathways: paths.remove(&model.id).unwrap_or_default(),
                indicators: inds.remove(&model.id).unwrap_or_default(),
                children,
                model,
            }
        })
        .collect()
}

/// Leads and partners by action, pathways by action, and the measurements
/// of the indicators of `plan_ids`.
async fn action_links_and_measurements<C: ConnectionTrait>(
    conn: &C,
    plan_ids: &[Uuid],
) -> Result<
    (
        ActionOrganizations,
        HashMap<Uuid, Vec<Uuid>>,
        Vec<measurement::Model>,
    ),
    StoreError,
> {
    let of_plans = |table: &str, col: &str| {
        Query::select()
            .column(Alias::new(col))
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new("plan_id")).is_in(plan_ids.iter().copied()))
            .to_owned()
    };
    let links = action_organization::Entity::find()
        .filter(action_organization::Column::ActionId.in_subquery(of_plans("actions", "id")))
        .all(conn)
        .await?;
    let pathway_links = action_pathway::Entity::find()
        .filter(action_pathway::Column::ActionId.in_subquery(of_plans("actions", "id")))
        .all(conn)
        .await?;
    let measurements = measurement::Entity::find()
        .filter(measurement::Column::IndicatorId.in_subquery(of_plans("indicators", "id")))
        .order_by_asc(measurement::Column::MeasuredOn)
        .order_by_asc(measurement::Column::CreatedAt)
        .all(conn)
        .await?;

    let mut orgs: HashMap<Uuid, (Vec<String>, Vec<String>)> = HashMap::new();
    for l in links {
        let entry = orgs.entry(l.action_id).or_default();
        if l.role == ActionRole::Lead {
            entry.0.push(l.organization_id);
        } else {
            entry.1.push(l.organization_id);
        }
    }
    let mut paths: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for l in pathway_links {
        paths.entry(l.action_id).or_default().push(l.pathway_id);
    }
    Ok((orgs, paths, measurements))
}

/// Leads (first) and partners (second) by action.
type ActionOrganizations = HashMap<Uuid, (Vec<String>, Vec<String>)>;
/// Indicators with their measurements, by the node they measure.
type IndicatorsByNode = HashMap<Uuid, Vec<IndicatorView>>;

/// The indicators with their measurements, by action and by strategy.
fn indicators_by_node(
    indicators: Vec<indicator::Model>,
    measurements: Vec<measurement::Model>,
) -> (IndicatorsByNode, IndicatorsByNode) {
    let mut measures: HashMap<Uuid, Vec<measurement::Model>> = HashMap::new();
    for m in measurements {
        measures.entry(m.indicator_id).or_default().push(m);
    }
    let mut by_action: HashMap<Uuid, Vec<IndicatorView>> = HashMap::new();
    let mut by_strategy: HashMap<Uuid, Vec<IndicatorView>> = HashMap::new();
    for i in indicators {
        let view = IndicatorView {
            measurements: measures.remove(&i.id).unwrap_or_default(),
            model: i,
        };
        if let Some(a) = view.model.action_id {
            by_action.entry(a).or_default().push(view);
        } else if let Some(s) = view.model.strategy_id {
            by_strategy.entry(s).or_default().push(view);
        }
    }
    (by_action, by_strategy)
}

/// The outlines of `plan_ids`, each with every node in position order.
pub async fn outlines<C: ConnectionTrait>(
    conn: &C,
    plan_ids: &[Uuid],
) -> Result<Vec<Outline>, StoreError> {
    if plan_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = plan_ids.iter().copied();
    let plans = action_plan::Entity::find()
        .filter(action_plan::Column::Id.is_in(ids.clone()))
        .all(conn)
        .await?;
    let orientations = orientation::Entity::find()
        .filter(orientation::Column::PlanId.is_in(ids.clone()))
        .order_by_asc(orientation::Column::Position)
        .all(conn)
        .await?;
    let strategies = strategy::Entity::find()
        .filter(strategy::Column::PlanId.is_in(ids.clone()))
        .order_by_asc(strategy::Column::Position)
        .all(conn)
        .await?;
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.is_in(ids.clone()))
        .order_by_asc(action::Column::Position)
        .all(conn)
        .await?;
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::PlanId.is_in(ids.clone()))
        .order_by_asc(indicator::Column::Position)
        .all(conn)
        .await?;
    let (mut orgs, mut paths, measurements) = action_links_and_measurements(conn, plan_ids).await?;
    let (mut by_action, mut by_strategy) = indicators_by_node(indicators, measurements);
    // Actions by (strategy, parent).
    let mut kids: HashMap<(Uuid, Option<Uuid>), Vec<action::Model>> = HashMap::new();
    for a in actions {
        kids.entry((a.strategy_id, a.parent_id))
            .or_default()
            .push(a);
    }
    let mut strategies_of: HashMap<Uuid, Vec<StrategyNode>> = HashMap::new();
    for s in strategies {
        let actions = build(
            s.id,
            None,
            &mut kids,
            &mut orgs,
            &mut paths,
            &mut by_action,
            0,
        );
        strategies_of
            .entry(s.orientation_id)
            .or_default()
            .push(StrategyNode {
                indicators: by_strategy.remove(&s.id).unwrap_or_default(),
                actions,
                model: s,
            });
    }
    let mut orientations_of: HashMap<Uuid, Vec<OrientationNode>> = HashMap::new();
    for o in orientations {
        orientations_of
            .entry(o.plan_id)
            .or_default()
            .push(OrientationNode {
                strategies: strategies_of.remove(&o.id).unwrap_or_default(),
                model: o,
            });
    }
    let mut out: Vec<Outline> = plans
        .into_iter()
        .map(|plan| Outline {
            orientations: orientations_of.remove(&plan.id).unwrap_or_default(),
            plan,
        })
        .collect();
    out.sort_by_key(|o| plan_ids.iter().position(|p| *p == o.plan.id));
    Ok(out)
}

pub async fn outline<C: ConnectionTrait>(conn: &C, plan_id: Uuid) -> Result<Outline, StoreError> {
    outlines(conn, &[plan_id])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// A plan's outline with what its pages show beside it.
#[derive(Debug, Clone)]
pub struct PlanContext {
    pub outline: Outline,
    pub grouping: grouping::Model,
    pub pathways: Vec<pathway::Model>,
    pub orgs: HashMap<String, OrgBrief>,
}

pub async fn plan_context(store: &Store, plan_id: Uuid) -> Result<PlanContext, StoreError> {
    let conn = store.conn();
    let outline = outline(conn, plan_id).await?;
    let grouping = grouping::Entity::find_by_id(outline.plan.grouping_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let pathways = groupings::pathways(conn, grouping.id).await?;
    let orgs = groupings::org_briefs(conn, Some(&outline.organization_ids())).await?;
    Ok(PlanContext {
        outline,
        grouping,
        pathways,
        orgs,
    })
}

// ---------- copying and importing ----------

/// Copies a plan's outline (orientations, strategies, actions with their
/// organizations and pathways, indicators without their measurements) into
/// a new draft plan for another period, dates shifted by the years between
/// the two starts.
pub async fn copy_plan(
    store: &Store,
    actor: &Actor,
    plan_id: Uuid,
    input: &PlanInput,
) -> Result<action_plan::Model, StoreError> {
    let txn = store.write().await?;
    let source = outline(&txn, plan_id).await?;
    let years = input.start_year - source.plan.start_year;
    let shift =
        |d: Option<NaiveDate>| d.map(|d| maillage_domain::plans::shift_date_years(d, years));
    let new_plan = insert_plan(&txn, Uuid::new_v4(), source.plan.grouping_id, input).await?;
    for o in &source.orientations {
        let no = create_orientation(
            &txn,
            new_plan.id,
            &o.model.title,
            o.model.year_label.clone(),
        )
        .await?;
        for s in &o.strategies {
            let ns = create_strategy(&txn, &no, &s.model.title).await?;
            for i in &s.indicators {
                create_indicator(
                    &txn,
                    new_plan.id,
                    IndicatorOf::Strategy(ns.id),
                    &copy_indicator(i, &shift),
                )
                .await?;
            }
            let mut stack: Vec<(&ActionNode, Option<Uuid>)> =
                s.actions.iter().rev().map(|a| (a, None)).collect();
            while let Some((a, parent)) = stack.pop() {
                let input = ActionInput {
                    title: a.model.title.clone(),
                    description: a.model.description.clone(),
                    audience: a.model.audience.clone(),
                    start_on: shift(a.model.start_on),
                    end_on: shift(a.model.end_on),
                    status: "a_venir".to_owned(),
                    budget: a.model.budget,
                    documents: a
                        .model
                        .documents
                        .as_deref()
                        .unwrap_or_default()
                        .lines()
                        .map(str::to_owned)
                        .collect(),
                    leads: a.leads.clone(),
                    partners: a.partners.clone(),
                    pathways: a.pathways.clone(),
                    weight: a.model.weight,
                };
                let na = create_action_in(&txn, &ns, new_plan.grouping_id, parent, &input).await?;
                for i in &a.indicators {
                    create_indicator(
                        &txn,
                        new_plan.id,
                        IndicatorOf::Action(na.id),
                        &copy_indicator(i, &shift),
                    )
                    .await?;
                }
                stack.extend(a.children.iter().rev().map(|c| (c, Some(na.id))));
            }
        }
    }
    audit::record(
        &txn,
        actor,
        "plan.copy",
        Some(new_plan.id.to_string()),
        Some(serde_json::json!({"from": plan_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(new_plan)
}

fn copy_indicator(
    i: &IndicatorView,
    shift: &impl Fn(Option<NaiveDate>) -> Option<NaiveDate>,
) -> IndicatorInput {
    IndicatorInput {
        name: i.model.name.clone(),
        unit: i.model.unit.clone(),
        baseline_value: i.model.baseline_value,
        baseline_on: shift(i.model.baseline_on),
        target_value: i.model.target_value,
        target_on: shift(i.model.target_on),
        weight: i.model.weight,
    }
}

/// One action of an imported plan, its organizations already resolved to
/// ids and its pathways to the grouping's pathways.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAction {
    pub orientation: String,
    pub year_label: Option<String>,
    pub strategy: String,
    /// The title of the action (same strategy) it is a sub-task of.
    pub parent: Option<String>,
    pub action: ActionInput,
}

/// Creates a plan from imported rows, in one transaction: orientations and
/// strategies in order of first appearance, actions in row order.
///
/// Every row, position and link is laid out in memory first; the write
/// transaction then holds only the inserts, a few multi-row statements per
/// table whatever the number of rows, so other writers wait little.
pub async fn import_plan(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    input: &PlanInput,
    rows: &[ImportedAction],
) -> Result<action_plan::Model, StoreError> {
    let plan_id = Uuid::new_v4();
    let layout = PlanLayout::of(plan_id, grouping_id, rows)?;
    let txn = store.write().await?;
    let plan = insert_plan(&txn, plan_id, grouping_id, input).await?;
    layout.insert(&txn).await?;
    audit::record(
        &txn,
        actor,
        "plan.import",
        Some(plan.id.to_string()),
        Some(serde_json::json!({"actions": rows.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(plan)
}

/// The rows an imported plan writes, table by table, ready to insert.
struct PlanLayout {
    orientations: Vec<Vec<Expr>>,
    strategies: Vec<Vec<Expr>>,
    actions: Vec<Vec<Expr>>,
    organizations: Vec<Vec<Expr>>,
    pathways: Vec<Vec<Expr>>,
}

impl PlanLayout {
    fn of(plan_id: Uuid, grouping_id: Uuid, rows: &[ImportedAction]) -> Result<Self, StoreError> {
        let now = Utc::now();
        let mut layout = Self {
            orientations: Vec::new(),
            strategies: Vec::new(),
            actions: Vec::with_capacity(rows.len()),
            organizations: Vec::new(),
            pathways: Vec::new(),
        };
        let mut orientations: HashMap<(&str, Option<&str>), Uuid> = HashMap::new();
        // Strategy id by orientation and title; strategies per orientation.
        let mut strategies: HashMap<(Uuid, &str), Uuid> = HashMap::new();
        let mut strategy_count: HashMap<Uuid, usize> = HashMap::new();
        // Action id by strategy and title (a later homonym wins, as parents
        // are looked up among the rows above); siblings per parent.
        let mut titles: HashMap<(Uuid, &str), Uuid> = HashMap::new();
        let mut sibling_count: HashMap<(Uuid, Option<Uuid>), usize> = HashMap::new();
        for row in rows {
            let okey = (row.orientation.as_str(), row.year_label.as_deref());
            let orientation_id = if let Some(id) = orientations.get(&okey) {
                *id
            } else {
                let id = Uuid::new_v4();
                layout.orientations.push(vec![
                    Expr::val(id),
                    Expr::val(plan_id),
                    Expr::val(row.orientation.as_str()),
                    Expr::val(row.year_label.clone()),
                    Expr::val(position(orientations.len())),
                    Expr::val(1.0),
                ]);
                orientations.insert(okey, id);
                id
            };
            let skey = (orientation_id, row.strategy.as_str());
            let strategy_id = if let Some(id) = strategies.get(&skey) {
                *id
            } else {
                let id = Uuid::new_v4();
                let count = strategy_count.entry(orientation_id).or_default();
                layout.strategies.push(vec![
                    Expr::val(id),
                    Expr::val(plan_id),
                    Expr::val(orientation_id),
                    Expr::val(row.strategy.as_str()),
                    Expr::val(position(*count)),
                    Expr::val(1.0),
                ]);
                *count += 1;
                strategies.insert(skey, id);
                id
            };
            let parent_id = match &row.parent {
                Some(t) => Some(
                    *titles
                        .get(&(strategy_id, t.as_str()))
                        .ok_or_else(|| StoreError::Invalid(format!("parent `{t}` not found")))?,
                ),
                None => None,
            };
            let id = Uuid::new_v4();
            let a = &row.action;
            let siblings = sibling_count.entry((strategy_id, parent_id)).or_default();
            layout.actions.push(vec![
                Expr::val(id),
                Expr::val(plan_id),
                Expr::val(grouping_id),
                Expr::val(strategy_id),
                Expr::val(parent_id),
                Expr::val(a.title.as_str()),
                Expr::val(a.description.clone()),
                Expr::val(a.audience.clone()),
                Expr::val(a.start_on),
                Expr::val(a.end_on),
                Expr::val(a.status.as_str()),
                Expr::val(a.budget),
                Expr::val((!a.documents.is_empty()).then(|| a.documents.join("\n"))),
                Expr::val(position(*siblings)),
                Expr::val(a.weight),
                Expr::val(1),
                Expr::val(now),
                Expr::val(now),
            ]);
            *siblings += 1;
            titles.insert((strategy_id, a.title.as_str()), id);
            let (orgs, pathways) = action_links(a);
            layout
                .organizations
                .extend(orgs.into_iter().map(|(org, role)| {
                    vec![
                        Expr::val(id),
                        Expr::val(org.as_str()),
                        Expr::val(role.as_str()),
                    ]
                }));
            layout.pathways.extend(
                pathways
                    .into_iter()
                    .map(|p| vec![Expr::val(id), Expr::val(p)]),
            );
        }
        Ok(layout)
    }

    /// Parents before children: orientations, strategies, actions (a
    /// sub-task's parent is on an earlier row), then the links.
    async fn insert(self, txn: &DatabaseTransaction) -> Result<(), StoreError> {
        batch::insert_rows(
            txn,
            "orientations",
            &["id", "plan_id", "title", "year_label", "position", "weight"],
            self.orientations,
        )
        .await?;
        batch::insert_rows(
            txn,
            "strategies",
            &[
                "id",
                "plan_id",
                "orientation_id",
                "title",
                "position",
                "weight",
            ],
            self.strategies,
        )
        .await?;
        batch::insert_rows(
            txn,
            "actions",
            &[
                "id",
                "plan_id",
                "grouping_id",
                "strategy_id",
                "parent_id",
                "title",
                "description",
                "audience",
                "start_on",
                "end_on",
                "status",
                "budget",
                "documents",
                "position",
                "weight",
                "version",
                "created_at",
                "updated_at",
            ],
            self.actions,
        )
        .await?;
        batch::insert_rows(
            txn,
            "action_organizations",
            &["action_id", "organization_id", "role"],
            self.organizations,
        )
        .await?;
        batch::insert_rows(
            txn,
            "action_pathways",
            &["action_id", "pathway_id"],
            self.pathways,
        )
        .await
    }
}

// ---------- lists ----------

/// Filters of `/api/v1/actions`.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    pub grouping_ids: Option<Vec<Uuid>>,
    pub plan_id: Option<Uuid>,
    pub status: Option<String>,
    pub pathway_id: Option<Uuid>,
    pub organization_id: Option<String>,
    /// Actions running during that year (by their dates, or their plan's
    /// period when they have none).
    pub year: Option<i32>,
}

/// Actions matching the filter, with their plan; at most `limit`.
pub async fn list_actions(
    store: &Store,
    filter: &ActionFilter,
    limit: u64,
) -> Result<Vec<(action::Model, action_plan::Model)>, StoreError> {
    let conn = store.conn();
    let mut q = action::Entity::find();
    if let Some(ids) = &filter.grouping_ids {
        q = q.filter(action::Column::GroupingId.is_in(ids.iter().copied()));
    }
    if let Some(p) = filter.plan_id {
        q = q.filter(action::Column::PlanId.eq(p));
    }
    if let Some(s) = &filter.status {
        q = q.filter(action::Column::Status.eq(s.as_str()));
    }
    if let Some(p) = filter.pathway_id {
        q = q.filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(Alias::new("action_id"))
                    .from(Alias::new("action_pathways"))
                    .and_where(Expr::col(Alias::new("pathway_id")).eq(p))
                    .to_owned(),
            ),
        );
    }
    if let Some(o) = &filter.organization_id {
        q = q.filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(Alias::new("action_id"))
                    .from(Alias::new("action_organizations"))
                    .and_where(Expr::col(Alias::new("organization_id")).eq(o.as_str()))
                    .to_owned(),
            ),
        );
    }
    let actions = q
        .order_by_asc(action::Column::PlanId)
        .order_by_asc(action::Column::Position)
        .limit(if filter.year.is_some() {
            None
        } else {
            Some(limit)
        })
        .all(conn)
        .await?;
    let plan_ids: Vec<Uuid> = {
        let mut ids: Vec<Uuid> = actions.iter().map(|a| a.plan_id).collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let plans: HashMap<Uuid, action_plan::Model> = action_plan::Entity::find()
        .filter(action_plan::Column::Id.is_in(plan_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out = Vec::new();
    for a in actions {
        let Some(p) = plans.get(&a.plan_id) else {
            continue;
        };
        if let Some(y) = filter.year
            && !runs_during(&a, p, y)
        {
            continue;
        }
        out.push((a, p.clone()));
        if out.len() as u64 >= limit {
            break;
        }
    }
    Ok(out)
}

/// Whether an action runs during calendar year `year`.
pub fn runs_during(a: &action::Model, plan: &action_plan::Model, year: i32) -> bool {
    use chrono::Datelike;
    let start = a.start_on.map_or(plan.start_year, |d| d.year());
    let end = a.end_on.map_or(plan.end_year, |d| d.year());
    start <= year && year <= end
}
