//! Evaluations, their axes, findings and recommendations, the follow-up
//! status of each recommendation and the plan actions that answer it.
//!
//! Every write is one transaction with its audit entry. A recommendation
//! is linked only to an action of its own grouping's plans: an action (or
//! a strategy to create one under) of another grouping is refused and
//! nothing is written.

use std::collections::HashMap;

use chrono::Utc;
use maillage_domain::evaluations::{
    EvaluationError, RecommendationStatus, StatusChange, ValidEvaluation,
};
use maillage_domain::limits;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::plans::{self, ActionInput};
use crate::entity::{
    action, action_plan, evaluation, evaluation_axis, evaluation_finding,
    evaluation_recommendation as recommendation, grouping, recommendation_action,
};
use crate::{Store, StoreError};

/// Why an evaluation's change is refused.
#[derive(Debug, thiserror::Error)]
pub enum EvaluationsError {
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Invalid(#[from] EvaluationError),
    /// No action has the id given.
    #[error("no such action")]
    UnknownAction,
    /// The action belongs to another grouping's plan.
    #[error("the action belongs to another grouping's plan")]
    ForeignAction,
    /// The strategy is not one of the recommendation's grouping's plans.
    #[error("the strategy belongs to another grouping's plan")]
    ForeignStrategy,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for EvaluationsError {
    fn from(e: sea_orm::DbErr) -> Self {
        EvaluationsError::Store(e.into())
    }
}

/// A plan action linked to a recommendation, with what a page needs to
/// name it (and to hide it from whoever may not read its plan).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedAction {
    pub id: Uuid,
    pub title: String,
    pub plan_id: Uuid,
    pub plan_title: String,
    pub plan_status: action_plan::Status,
    pub grouping_id: Uuid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub model: recommendation::Model,
    pub status: RecommendationStatus,
    pub actions: Vec<LinkedAction>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub model: evaluation_axis::Model,
    pub findings: Vec<evaluation_finding::Model>,
    pub recommendations: Vec<Recommendation>,
}

/// An evaluation with everything under it, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub model: evaluation::Model,
    pub grouping_slug: String,
    pub grouping_name: String,
    pub axes: Vec<Axis>,
}

impl Evaluation {
    pub fn recommendations(&self) -> impl Iterator<Item = (&Axis, &Recommendation)> {
        self.axes
            .iter()
            .flat_map(|a| a.recommendations.iter().map(move |r| (a, r)))
    }
}

fn status_of(code: &str) -> RecommendationStatus {
    // Only the domain's codes are ever written; a row someone edited by
    // hand reads as the default rather than failing the page.
    RecommendationStatus::parse(code).unwrap_or(RecommendationStatus::Retenue)
}

/// The evaluations (all of them, or the one of `only`), newest year first.
async fn load<C: ConnectionTrait>(
    conn: &C,
    only: Option<Uuid>,
) -> Result<Vec<Evaluation>, StoreError> {
    let mut q = evaluation::Entity::find();
    if let Some(id) = only {
        q = q.filter(evaluation::Column::Id.eq(id));
    }
    let evaluations = q
        .order_by_desc(evaluation::Column::Year)
        .order_by_asc(evaluation::Column::Title)
        .all(conn)
        .await?;
    if evaluations.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = evaluations.iter().map(|e| e.id).collect();
    let groupings: HashMap<Uuid, grouping::Model> = grouping::Entity::find()
        .filter(grouping::Column::Id.is_in(evaluations.iter().map(|e| e.grouping_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    let axes = evaluation_axis::Entity::find()
        .filter(evaluation_axis::Column::EvaluationId.is_in(ids))
        .order_by_asc(evaluation_axis::Column::Position)
        .all(conn)
        .await?;
    let axis_ids: Vec<Uuid> = axes.iter().map(|a| a.id).collect();
    let findings = evaluation_finding::Entity::find()
        .filter(evaluation_finding::Column::AxisId.is_in(axis_ids.clone()))
        .order_by_asc(evaluation_finding::Column::Position)
        .all(conn)
        .await?;
    let recommendations = recommendation::Entity::find()
        .filter(recommendation::Column::AxisId.is_in(axis_ids))
        .order_by_asc(recommendation::Column::Position)
        .all(conn)
        .await?;
    let actions = linked_actions(conn, recommendations.iter().map(|r| r.id).collect()).await?;
    let mut out = Vec::with_capacity(evaluations.len());
    for e in evaluations {
        let g = groupings.get(&e.grouping_id);
        let axes = axes
            .iter()
            .filter(|a| a.evaluation_id == e.id)
            .map(|a| Axis {
                model: a.clone(),
                findings: findings
                    .iter()
                    .filter(|f| f.axis_id == a.id)
                    .cloned()
                    .collect(),
                recommendations: recommendations
                    .iter()
                    .filter(|r| r.axis_id == a.id)
                    .map(|r| Recommendation {
                        status: status_of(&r.status),
                        actions: actions.get(&r.id).cloned().unwrap_or_default(),
                        model: r.clone(),
                    })
                    .collect(),
            })
            .collect();
        out.push(Evaluation {
            grouping_slug: g.map(|g| g.slug.clone()).unwrap_or_default(),
            grouping_name: g.map(|g| g.name.clone()).unwrap_or_default(),
            axes,
            model: e,
        });
    }
    Ok(out)
}

/// The actions linked to each recommendation, in the order of their plan
/// and position.
async fn linked_actions<C: ConnectionTrait>(
    conn: &C,
    recommendation_ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<LinkedAction>>, StoreError> {
    let links = recommendation_action::Entity::find()
        .filter(recommendation_action::Column::RecommendationId.is_in(recommendation_ids))
        .all(conn)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let actions: HashMap<Uuid, action::Model> = action::Entity::find()
        .filter(action::Column::Id.is_in(links.iter().map(|l| l.action_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let plans: HashMap<Uuid, action_plan::Model> = action_plan::Entity::find()
        .filter(action_plan::Column::Id.is_in(actions.values().map(|a| a.plan_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out: HashMap<Uuid, Vec<(i32, LinkedAction)>> = HashMap::new();
    for link in links {
        let Some(a) = actions.get(&link.action_id) else {
            continue;
        };
        let Some(p) = plans.get(&a.plan_id) else {
            continue;
        };
        out.entry(link.recommendation_id).or_default().push((
            a.position,
            LinkedAction {
                id: a.id,
                title: a.title.clone(),
                plan_id: p.id,
                plan_title: p.title.clone(),
                plan_status: p.status,
                grouping_id: a.grouping_id,
            },
        ));
    }
    Ok(out
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| {
                (a.1.plan_title.as_str(), a.0, a.1.title.as_str()).cmp(&(
                    b.1.plan_title.as_str(),
                    b.0,
                    b.1.title.as_str(),
                ))
            });
            (k, v.into_iter().map(|(_, a)| a).collect())
        })
        .collect())
}

/// Every evaluation, newest year first.
pub async fn list(store: &Store) -> Result<Vec<Evaluation>, StoreError> {
    load(store.conn(), None).await
}

pub async fn get(store: &Store, id: Uuid) -> Result<Option<Evaluation>, StoreError> {
    Ok(load(store.conn(), Some(id)).await?.into_iter().next())
}

/// The row of an evaluation, without what hangs under it.
pub async fn evaluation_row(
    store: &Store,
    id: Uuid,
) -> Result<Option<evaluation::Model>, StoreError> {
    Ok(evaluation::Entity::find_by_id(id).one(store.conn()).await?)
}

pub async fn axis_row(
    store: &Store,
    id: Uuid,
) -> Result<Option<evaluation_axis::Model>, StoreError> {
    Ok(evaluation_axis::Entity::find_by_id(id)
        .one(store.conn())
        .await?)
}

pub async fn finding_row(
    store: &Store,
    id: Uuid,
) -> Result<Option<evaluation_finding::Model>, StoreError> {
    Ok(evaluation_finding::Entity::find_by_id(id)
        .one(store.conn())
        .await?)
}

pub async fn recommendation_row(
    store: &Store,
    id: Uuid,
) -> Result<Option<recommendation::Model>, StoreError> {
    Ok(recommendation::Entity::find_by_id(id)
        .one(store.conn())
        .await?)
}

/// The evaluation a recommendation belongs to.
pub async fn evaluation_of_recommendation(
    store: &Store,
    r: &recommendation::Model,
) -> Result<Option<evaluation::Model>, StoreError> {
    let Some(axis) = evaluation_axis::Entity::find_by_id(r.axis_id)
        .one(store.conn())
        .await?
    else {
        return Ok(None);
    };
    evaluation_row(store, axis.evaluation_id).await
}

/// A recommendation of a grouping's evaluations, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupingRecommendation {
    pub evaluation_id: Uuid,
    pub evaluation_title: String,
    pub evaluation_year: i32,
    pub axis_title: String,
    pub recommendation: Recommendation,
}

/// The recommendations a grouping owns, evaluation by evaluation and axis
/// by axis; only those no action answers yet when `without_action`.
pub async fn recommendations_of_grouping(
    store: &Store,
    grouping_id: Uuid,
    without_action: bool,
) -> Result<Vec<GroupingRecommendation>, StoreError> {
    let mut out = Vec::new();
    for e in load(store.conn(), None).await? {
        for (axis, r) in e.recommendations() {
            if r.model.grouping_id != grouping_id || (without_action && !r.actions.is_empty()) {
                continue;
            }
            out.push(GroupingRecommendation {
                evaluation_id: e.model.id,
                evaluation_title: e.model.title.clone(),
                evaluation_year: e.model.year,
                axis_title: axis.model.title.clone(),
                recommendation: r.clone(),
            });
        }
    }
    Ok(out)
}

/// A recommendation an action answers (for the action's page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnsweredRecommendation {
    pub evaluation_id: Uuid,
    pub recommendation_id: Uuid,
    pub evaluation_title: String,
    pub text: String,
    pub status: RecommendationStatus,
}

pub async fn recommendations_of_action(
    store: &Store,
    action_id: Uuid,
) -> Result<Vec<AnsweredRecommendation>, StoreError> {
    let conn = store.conn();
    let links = recommendation_action::Entity::find()
        .filter(recommendation_action::Column::ActionId.eq(action_id))
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for link in links {
        let Some(r) = recommendation::Entity::find_by_id(link.recommendation_id)
            .one(conn)
            .await?
        else {
            continue;
        };
        let Some(e) = evaluation_of_recommendation(store, &r).await? else {
            continue;
        };
        out.push(AnsweredRecommendation {
            evaluation_id: e.id,
            recommendation_id: r.id,
            evaluation_title: e.title,
            status: status_of(&r.status),
            text: r.text,
        });
    }
    out.sort_by(|a, b| (&a.evaluation_title, &a.text).cmp(&(&b.evaluation_title, &b.text)));
    Ok(out)
}

// ---------- writes ----------

pub async fn create_evaluation(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    input: &ValidEvaluation,
) -> Result<Uuid, StoreError> {
    let txn = store.write().await?;
    let id = insert_evaluation(&txn, actor.user_id, grouping_id, input).await?;
    audit::record(&txn, actor, "evaluation.create", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(id)
}

pub(crate) async fn insert_evaluation<C: ConnectionTrait>(
    conn: &C,
    created_by: Option<Uuid>,
    grouping_id: Uuid,
    input: &ValidEvaluation,
) -> Result<Uuid, StoreError> {
    let now = Utc::now();
    let id = Uuid::new_v4();
    evaluation::ActiveModel {
        id: Set(id),
        grouping_id: Set(grouping_id),
        title: Set(input.title.clone()),
        authors: Set(input.authors.clone()),
        year: Set(input.year),
        citation: Set(input.citation.clone()),
        report_document_id: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

pub async fn update_evaluation(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    input: &ValidEvaluation,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let row = evaluation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut m: evaluation::ActiveModel = row.into();
    m.title = Set(input.title.clone());
    m.authors = Set(input.authors.clone());
    m.year = Set(input.year);
    m.citation = Set(input.citation.clone());
    m.updated_at = Set(Utc::now());
    m.update(&txn).await?;
    audit::record(&txn, actor, "evaluation.update", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes an evaluation with its axes, findings, recommendations and
/// their links (the actions stay in their plans).
pub async fn delete_evaluation(store: &Store, actor: &Actor, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let axes: Vec<Uuid> = evaluation_axis::Entity::find()
        .filter(evaluation_axis::Column::EvaluationId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    delete_axes_in(&txn, &axes).await?;
    evaluation::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, "evaluation.delete", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes axes and everything under them, children first (SQLite's
/// cascades need foreign keys on; this does not rely on them).
async fn delete_axes_in<C: ConnectionTrait>(conn: &C, axes: &[Uuid]) -> Result<(), StoreError> {
    if axes.is_empty() {
        return Ok(());
    }
    let recs: Vec<Uuid> = recommendation::Entity::find()
        .filter(recommendation::Column::AxisId.is_in(axes.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    recommendation_action::Entity::delete_many()
        .filter(recommendation_action::Column::RecommendationId.is_in(recs))
        .exec(conn)
        .await?;
    recommendation::Entity::delete_many()
        .filter(recommendation::Column::AxisId.is_in(axes.iter().copied()))
        .exec(conn)
        .await?;
    evaluation_finding::Entity::delete_many()
        .filter(evaluation_finding::Column::AxisId.is_in(axes.iter().copied()))
        .exec(conn)
        .await?;
    evaluation_axis::Entity::delete_many()
        .filter(evaluation_axis::Column::Id.is_in(axes.iter().copied()))
        .exec(conn)
        .await?;
    Ok(())
}

pub(crate) async fn insert_axis<C: ConnectionTrait>(
    conn: &C,
    evaluation_id: Uuid,
    title: &str,
) -> Result<Uuid, StoreError> {
    let count = evaluation_axis::Entity::find()
        .filter(evaluation_axis::Column::EvaluationId.eq(evaluation_id))
        .all(conn)
        .await?
        .iter()
        .map(|a| a.position + 1)
        .max()
        .unwrap_or(0);
    let id = Uuid::new_v4();
    evaluation_axis::ActiveModel {
        id: Set(id),
        evaluation_id: Set(evaluation_id),
        position: Set(count),
        title: Set(title.to_owned()),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

pub async fn add_axis(
    store: &Store,
    actor: &Actor,
    evaluation_id: Uuid,
    title: &str,
) -> Result<Uuid, StoreError> {
    let txn = store.write().await?;
    let id = insert_axis(&txn, evaluation_id, title).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.axis.create",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn rename_axis(
    store: &Store,
    actor: &Actor,
    axis_id: Uuid,
    title: &str,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let row = evaluation_axis::Entity::find_by_id(axis_id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut m: evaluation_axis::ActiveModel = row.into();
    m.title = Set(title.to_owned());
    m.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.axis.update",
        Some(axis_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete_axis(store: &Store, actor: &Actor, axis_id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    delete_axes_in(&txn, &[axis_id]).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.axis.delete",
        Some(axis_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub(crate) async fn insert_finding<C: ConnectionTrait>(
    conn: &C,
    axis_id: Uuid,
    heading: Option<&str>,
    text: &str,
) -> Result<Uuid, StoreError> {
    let next = evaluation_finding::Entity::find()
        .filter(evaluation_finding::Column::AxisId.eq(axis_id))
        .all(conn)
        .await?
        .iter()
        .map(|f| f.position + 1)
        .max()
        .unwrap_or(0);
    let id = Uuid::new_v4();
    evaluation_finding::ActiveModel {
        id: Set(id),
        axis_id: Set(axis_id),
        position: Set(next),
        heading: Set(heading.map(str::to_owned)),
        text: Set(text.to_owned()),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

pub async fn add_finding(
    store: &Store,
    actor: &Actor,
    axis_id: Uuid,
    heading: Option<&str>,
    text: &str,
) -> Result<Uuid, StoreError> {
    let txn = store.write().await?;
    let id = insert_finding(&txn, axis_id, heading, text).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.finding.create",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update_finding(
    store: &Store,
    actor: &Actor,
    finding_id: Uuid,
    heading: Option<&str>,
    text: &str,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let row = evaluation_finding::Entity::find_by_id(finding_id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut m: evaluation_finding::ActiveModel = row.into();
    m.heading = Set(heading.map(str::to_owned));
    m.text = Set(text.to_owned());
    m.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.finding.update",
        Some(finding_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete_finding(
    store: &Store,
    actor: &Actor,
    finding_id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    evaluation_finding::Entity::delete_by_id(finding_id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        "evaluation.finding.delete",
        Some(finding_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub(crate) async fn insert_recommendation<C: ConnectionTrait>(
    conn: &C,
    axis_id: Uuid,
    grouping_id: Uuid,
    text: &str,
    updated_by: Option<Uuid>,
) -> Result<Uuid, StoreError> {
    let next = recommendation::Entity::find()
        .filter(recommendation::Column::AxisId.eq(axis_id))
        .all(conn)
        .await?
        .iter()
        .map(|r| r.position + 1)
        .max()
        .unwrap_or(0);
    let id = Uuid::new_v4();
    recommendation::ActiveModel {
        id: Set(id),
        axis_id: Set(axis_id),
        grouping_id: Set(grouping_id),
        position: Set(next),
        text: Set(text.to_owned()),
        status: Set(RecommendationStatus::Retenue.as_str().to_owned()),
        reason: Set(None),
        updated_at: Set(Utc::now()),
        updated_by: Set(updated_by),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

/// A new recommendation of the axis, owned by the evaluation's grouping,
/// kept (`retenue`).
pub async fn add_recommendation(
    store: &Store,
    actor: &Actor,
    axis_id: Uuid,
    text: &str,
) -> Result<Uuid, StoreError> {
    let txn = store.write().await?;
    let axis = evaluation_axis::Entity::find_by_id(axis_id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let e = evaluation::Entity::find_by_id(axis.evaluation_id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let id = insert_recommendation(&txn, axis_id, e.grouping_id, text, actor.user_id).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.recommendation.create",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update_recommendation_text(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    text: &str,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let row = recommendation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut m: recommendation::ActiveModel = row.into();
    m.text = Set(text.to_owned());
    m.updated_at = Set(Utc::now());
    m.updated_by = Set(actor.user_id);
    m.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.recommendation.update",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete_recommendation(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    recommendation_action::Entity::delete_many()
        .filter(recommendation_action::Column::RecommendationId.eq(id))
        .exec(&txn)
        .await?;
    recommendation::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.recommendation.delete",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the follow-up status (and its reason) of a recommendation.
pub async fn set_status(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    change: &StatusChange,
) -> Result<recommendation::Model, StoreError> {
    let txn = store.write().await?;
    let row = recommendation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut m: recommendation::ActiveModel = row.into();
    m.status = Set(change.status.as_str().to_owned());
    m.reason = Set(change.reason.clone());
    m.updated_at = Set(Utc::now());
    m.updated_by = Set(actor.user_id);
    let model = m.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "evaluation.recommendation.status",
        Some(id.to_string()),
        Some(serde_json::json!({ "status": change.status.as_str() })),
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Links an action to a recommendation unless already linked; `true`
/// when written. The caller has checked that both are one grouping's.
pub(crate) async fn insert_link<C: ConnectionTrait>(
    conn: &C,
    recommendation_id: Uuid,
    action_id: Uuid,
) -> Result<bool, StoreError> {
    let exists = recommendation_action::Entity::find_by_id((recommendation_id, action_id))
        .one(conn)
        .await?
        .is_some();
    if !exists {
        recommendation_action::ActiveModel {
            recommendation_id: Set(recommendation_id),
            action_id: Set(action_id),
            created_at: Set(Utc::now()),
        }
        .insert(conn)
        .await?;
    }
    Ok(!exists)
}

/// Links an action of the recommendation's grouping to it; `Ok(false)`
/// when it already was (nothing written).
pub async fn link_action(
    store: &Store,
    actor: &Actor,
    recommendation_id: Uuid,
    action_id: Uuid,
) -> Result<bool, EvaluationsError> {
    let txn = store.write().await?;
    let r = recommendation::Entity::find_by_id(recommendation_id)
        .one(&txn)
        .await?
        .ok_or(EvaluationsError::NotFound)?;
    let a = action::Entity::find_by_id(action_id)
        .one(&txn)
        .await?
        .ok_or(EvaluationsError::UnknownAction)?;
    if a.grouping_id != r.grouping_id {
        return Err(EvaluationsError::ForeignAction);
    }
    let written = insert_link(&txn, r.id, a.id).await?;
    if written {
        audit::record(
            &txn,
            actor,
            "evaluation.recommendation.link",
            Some(r.id.to_string()),
            Some(serde_json::json!({ "action": a.id })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(written)
}

pub async fn unlink_action(
    store: &Store,
    actor: &Actor,
    recommendation_id: Uuid,
    action_id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let gone = recommendation_action::Entity::delete_by_id((recommendation_id, action_id))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        "evaluation.recommendation.unlink",
        Some(recommendation_id.to_string()),
        Some(serde_json::json!({ "action": action_id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The title of an action made from a recommendation: its first line, on
/// one line, within the bound of a name.
#[must_use]
pub fn action_title(text: &str) -> String {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or(text);
    let line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    line.chars().take(limits::NAME).collect()
}

/// Creates an action under `strategy_id` (a strategy of one of the
/// recommendation's grouping's plans), titled `title` (the
/// recommendation's first line when blank), and links it; the action and
/// the link are written together or not at all.
pub async fn create_action_for(
    store: &Store,
    actor: &Actor,
    recommendation_id: Uuid,
    strategy_id: Uuid,
    title: &str,
) -> Result<Uuid, EvaluationsError> {
    let txn = store.write().await?;
    let r = recommendation::Entity::find_by_id(recommendation_id)
        .one(&txn)
        .await?
        .ok_or(EvaluationsError::NotFound)?;
    let strategy = plans::strategy(&txn, strategy_id)
        .await?
        .ok_or(EvaluationsError::ForeignStrategy)?;
    let plan = plans::plan(&txn, strategy.plan_id)
        .await?
        .ok_or(EvaluationsError::ForeignStrategy)?;
    if plan.grouping_id != r.grouping_id {
        return Err(EvaluationsError::ForeignStrategy);
    }
    let title = match action_title(title) {
        t if t.is_empty() => action_title(&r.text),
        t => t,
    };
    let input = ActionInput {
        title,
        status: maillage_domain::plans::ActionStatus::AVenir
            .as_str()
            .to_owned(),
        weight: 1.0,
        ..ActionInput::default()
    };
    let action = plans::create_action_in(&txn, &strategy, plan.grouping_id, None, &input).await?;
    insert_link(&txn, r.id, action.id).await?;
    audit::record(
        &txn,
        actor,
        "action.create",
        Some(action.id.to_string()),
        Some(serde_json::json!({ "from_recommendation": r.id })),
    )
    .await?;
    txn.commit().await?;
    Ok(action.id)
}

/// An action a recommendation may be linked to: one of its grouping's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionChoice {
    pub id: Uuid,
    pub title: String,
    pub plan_title: String,
}

/// The actions of the grouping's plans (sub-tasks included), plan by plan
/// in outline order.
pub async fn actions_of_grouping(
    store: &Store,
    grouping_id: Uuid,
) -> Result<Vec<ActionChoice>, StoreError> {
    let conn = store.conn();
    let mut out = Vec::new();
    for plan in plans::plans_of(conn, &[grouping_id]).await? {
        let outline = plans::outline(conn, plan.id).await?;
        for a in outline.actions() {
            out.push(ActionChoice {
                id: a.model.id,
                title: a.model.title.clone(),
                plan_title: plan.title.clone(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_is_titled_by_the_first_line() {
        assert_eq!(
            action_title("\n  Qu’un regroupement futur porte attention à :\n- L’allègement;"),
            "Qu’un regroupement futur porte attention à :"
        );
        assert_eq!(action_title(&"é".repeat(400)).chars().count(), limits::NAME);
    }
}
