//! What the portraits read (a grouping's responses to a tool with their
//! answers, one response with its answers, comments and actions) and the
//! one thing they write: an item of a response turned into an action of
//! the grouping's plan, the action and the link back written in one
//! transaction.

use std::collections::{BTreeSet, HashMap, HashSet};

use maillage_domain::assessments::portrait::ResponseRecord;
use maillage_domain::assessments::{ResponseStatus, Scale, Snapshot, SnapshotItem};
use maillage_domain::limits;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::assessments::{AssessmentError, scale_of, snapshot};
use super::audit::{self, Actor};
use super::plans::{self, ActionInput};
use crate::entity::{
    action_plan, assessment_answer, assessment_response, assessment_tool, organization,
    orientation, strategy,
};
use crate::{Store, StoreError};

pub async fn tool<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<assessment_tool::Model>, StoreError> {
    Ok(assessment_tool::Entity::find_by_id(id).one(conn).await?)
}

pub async fn response<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<assessment_response::Model>, StoreError> {
    Ok(assessment_response::Entity::find_by_id(id)
        .one(conn)
        .await?)
}

/// One response with its answers, as the respondent's portrait and the
/// exports read it.
#[derive(Debug, Clone)]
pub struct ResponseRow {
    pub model: assessment_response::Model,
    pub record: ResponseRecord,
    /// Item → comment.
    pub comments: HashMap<Uuid, String>,
    /// Item → the plan action it became.
    pub actions: HashMap<Uuid, Uuid>,
}

/// A grouping's responses to a tool, oldest first, with what it takes to
/// read them.
#[derive(Debug, Clone)]
pub struct PortraitData {
    pub tool: assessment_tool::Model,
    pub scale: Scale,
    /// The items of the latest version in order, then the items only older
    /// versions had (an item keeps its id across versions).
    pub items: Vec<SnapshotItem>,
    pub responses: Vec<ResponseRow>,
    /// Organization id → name.
    pub names: HashMap<String, String>,
}

impl PortraitData {
    /// The responses as the domain's portraits read them.
    #[must_use]
    pub fn records(&self) -> Vec<ResponseRecord> {
        self.responses.iter().map(|r| r.record.clone()).collect()
    }

    #[must_use]
    pub fn name_of(&self, organization: &str) -> String {
        self.names
            .get(organization)
            .cloned()
            .unwrap_or_else(|| organization.to_owned())
    }
}

fn record_of(
    model: &assessment_response::Model,
    answers: &[assessment_answer::Model],
) -> ResponseRow {
    let mine = answers.iter().filter(|a| a.response_id == model.id);
    let mut levels = HashMap::new();
    let mut comments = HashMap::new();
    let mut actions = HashMap::new();
    for a in mine {
        levels.insert(a.item_id, a.level.clone());
        if let Some(c) = &a.comment {
            comments.insert(a.item_id, c.clone());
        }
        if let Some(action) = a.action_id {
            actions.insert(a.item_id, action);
        }
    }
    ResponseRow {
        record: ResponseRecord {
            id: model.id,
            respondent: model.organization_id.clone(),
            team: model.team.clone(),
            on_date: model.on_date,
            status: ResponseStatus::parse(&model.status).unwrap_or(ResponseStatus::Draft),
            answers: levels,
        },
        model: model.clone(),
        comments,
        actions,
    }
}

/// The items of `versions` (newest first): the newest's in order, then
/// those only older ones had.
fn items_of(snapshots: &[Snapshot]) -> Vec<SnapshotItem> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for s in snapshots {
        for item in s.items() {
            if seen.insert(item.id) {
                out.push(item.clone());
            }
        }
    }
    out
}

async fn names_of<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, String>, StoreError> {
    let ids: Vec<String> = ids
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

async fn answers_of<C: ConnectionTrait>(
    conn: &C,
    responses: &[Uuid],
) -> Result<Vec<assessment_answer::Model>, StoreError> {
    let mut out = Vec::new();
    // Bounded lists keep every database's parameter limit far away.
    for chunk in responses.chunks(500) {
        out.extend(
            assessment_answer::Entity::find()
                .filter(assessment_answer::Column::ResponseId.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Every response of the grouping to the tool (drafts too: the domain
/// decides what counts), oldest first, with their answers.
pub async fn grouping_data<C: ConnectionTrait>(
    conn: &C,
    tool: &assessment_tool::Model,
    grouping_id: Uuid,
) -> Result<PortraitData, AssessmentError> {
    let models = assessment_response::Entity::find()
        .filter(assessment_response::Column::ToolId.eq(tool.id))
        .filter(assessment_response::Column::GroupingId.eq(grouping_id))
        .order_by_asc(assessment_response::Column::OnDate)
        .order_by_asc(assessment_response::Column::CreatedAt)
        .order_by_asc(assessment_response::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let answers = answers_of(conn, &ids).await?;
    let mut versions: Vec<i32> = models
        .iter()
        .map(|m| m.tool_version)
        .chain(std::iter::once(tool.version))
        .filter(|v| *v > 0)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    versions.reverse();
    let mut snapshots = Vec::new();
    for v in versions {
        match snapshot(conn, tool.id, v).await {
            Ok(s) => snapshots.push(s),
            Err(AssessmentError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    let names = names_of(conn, models.iter().map(|m| m.organization_id.clone())).await?;
    Ok(PortraitData {
        scale: scale_of(tool)?,
        items: items_of(&snapshots),
        responses: models.iter().map(|m| record_of(m, &answers)).collect(),
        names,
        tool: tool.clone(),
    })
}

/// One response, read against the version it answered.
#[derive(Debug, Clone)]
pub struct ResponseDetail {
    pub tool: assessment_tool::Model,
    pub snapshot: Snapshot,
    pub row: ResponseRow,
    pub organization_name: String,
}

pub async fn response_detail<C: ConnectionTrait>(
    conn: &C,
    model: &assessment_response::Model,
) -> Result<ResponseDetail, AssessmentError> {
    let tool = tool(conn, model.tool_id)
        .await?
        .ok_or(AssessmentError::NotFound)?;
    let snapshot = snapshot(conn, tool.id, model.tool_version).await?;
    let answers = answers_of(conn, &[model.id]).await?;
    let names = names_of(conn, [model.organization_id.clone()]).await?;
    Ok(ResponseDetail {
        organization_name: names
            .get(&model.organization_id)
            .cloned()
            .unwrap_or_else(|| model.organization_id.clone()),
        row: record_of(model, &answers),
        snapshot,
        tool,
    })
}

/// Why an item does not become an action.
#[derive(Debug, thiserror::Error)]
pub enum ItemActionError {
    /// No such response, or the item is not answered in it.
    #[error("not found")]
    NotFound,
    /// The item's level does not call for an action (« Déjà en place »,
    /// « Non pertinent », none).
    #[error("the item's level calls for no action")]
    NoCall,
    /// The plan or strategy is not one of the response's grouping's.
    #[error("the plan belongs to another grouping")]
    ForeignPlan,
    /// The plan has no strategy to put the action under.
    #[error("the plan has no strategy")]
    NoStrategy,
    #[error(transparent)]
    Assessment(#[from] AssessmentError),
}

impl From<StoreError> for ItemActionError {
    fn from(e: StoreError) -> Self {
        ItemActionError::Assessment(AssessmentError::Store(e))
    }
}

impl From<sea_orm::DbErr> for ItemActionError {
    fn from(e: sea_orm::DbErr) -> Self {
        ItemActionError::Assessment(e.into())
    }
}

/// Where the action goes: a strategy, or a plan (its first strategy in
/// outline order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Strategy(Uuid),
    Plan(Uuid),
}

/// The first strategy of a plan in outline order (orientation, then
/// strategy position).
async fn first_strategy<C: ConnectionTrait>(
    conn: &C,
    plan_id: Uuid,
) -> Result<Option<strategy::Model>, StoreError> {
    let orientations = orientation::Entity::find()
        .filter(orientation::Column::PlanId.eq(plan_id))
        .order_by_asc(orientation::Column::Position)
        .all(conn)
        .await?;
    let strategies = strategy::Entity::find()
        .filter(strategy::Column::PlanId.eq(plan_id))
        .order_by_asc(strategy::Column::Position)
        .all(conn)
        .await?;
    Ok(orientations
        .iter()
        .find_map(|o| strategies.iter().find(|s| s.orientation_id == o.id))
        .cloned())
}

/// The action's title: the item's text on one line, within a name.
fn action_title(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.chars().take(limits::NAME).collect()
}

/// Turns an item of the response into an action of one of the response's
/// grouping's plans, led by the respondent organization, and links the
/// answer to it. An item that already became an action keeps it: its id
/// is returned (`false`: nothing was written).
pub async fn item_to_action(
    store: &Store,
    actor: &Actor,
    response_id: Uuid,
    item_id: Uuid,
    target: Target,
) -> Result<(Uuid, bool), ItemActionError> {
    let txn = store.write().await?;
    let response = response(&txn, response_id)
        .await?
        .ok_or(ItemActionError::NotFound)?;
    let answer = assessment_answer::Entity::find_by_id((response_id, item_id))
        .one(&txn)
        .await?
        .ok_or(ItemActionError::NotFound)?;
    if let Some(existing) = answer.action_id {
        return Ok((existing, false));
    }
    let tool = tool(&txn, response.tool_id)
        .await?
        .ok_or(ItemActionError::NotFound)?;
    let snap = snapshot(&txn, tool.id, response.tool_version).await?;
    let level = answer.level.as_deref().unwrap_or_default();
    if !snap.scale.calls_for_action(level) {
        return Err(ItemActionError::NoCall);
    }
    let item = snap.item(item_id).ok_or(ItemActionError::NotFound)?;
    let strategy = match target {
        Target::Strategy(id) => plans::strategy(&txn, id)
            .await?
            .ok_or(ItemActionError::ForeignPlan)?,
        Target::Plan(id) => {
            let plan = action_plan::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(ItemActionError::ForeignPlan)?;
            if plan.grouping_id != response.grouping_id {
                return Err(ItemActionError::ForeignPlan);
            }
            first_strategy(&txn, plan.id)
                .await?
                .ok_or(ItemActionError::NoStrategy)?
        }
    };
    let plan = action_plan::Entity::find_by_id(strategy.plan_id)
        .one(&txn)
        .await?
        .ok_or(ItemActionError::ForeignPlan)?;
    if plan.grouping_id != response.grouping_id {
        return Err(ItemActionError::ForeignPlan);
    }
    let leads = organization::Entity::find_by_id(response.organization_id.clone())
        .one(&txn)
        .await?
        .map(|o| vec![o.id])
        .unwrap_or_default();
    let input = ActionInput {
        title: action_title(&item.text),
        status: maillage_domain::plans::ActionStatus::AVenir
            .as_str()
            .to_owned(),
        weight: 1.0,
        leads,
        ..ActionInput::default()
    };
    let action = plans::create_action_in(&txn, &strategy, plan.grouping_id, None, &input).await?;
    let mut row: assessment_answer::ActiveModel = answer.into();
    row.action_id = Set(Some(action.id));
    sea_orm::ActiveModelTrait::update(row, &txn).await?;
    audit::record(
        &txn,
        actor,
        "action.create",
        Some(action.id.to_string()),
        Some(serde_json::json!({
            "from_assessment_response": response_id,
            "item": item_id,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok((action.id, true))
}

/// Where an action came from, when an item of a self-assessment became it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentOrigin {
    pub response_id: Uuid,
    pub tool_title: String,
    pub organization_name: String,
    pub team: String,
    pub on_date: chrono::NaiveDate,
    pub item_text: String,
}

/// The self-assessment item an action came from, if one did.
pub async fn origin_of_action(
    store: &Store,
    action_id: Uuid,
) -> Result<Option<AssessmentOrigin>, StoreError> {
    let conn = store.conn();
    let Some(answer) = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::ActionId.eq(action_id))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(response) = response(conn, answer.response_id).await? else {
        return Ok(None);
    };
    let Some(tool) = tool(conn, response.tool_id).await? else {
        return Ok(None);
    };
    let snap = snapshot(conn, tool.id, response.tool_version).await.ok();
    let item_text = snap
        .as_ref()
        .and_then(|s| s.item(answer.item_id))
        .map(|i| i.text.clone())
        .unwrap_or_default();
    let names = names_of(conn, [response.organization_id.clone()]).await?;
    Ok(Some(AssessmentOrigin {
        response_id: response.id,
        tool_title: snap.map_or(tool.title, |s| s.title),
        organization_name: names
            .get(&response.organization_id)
            .cloned()
            .unwrap_or(response.organization_id),
        team: response.team,
        on_date: response.on_date,
        item_text,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_follow_the_newest_version_then_the_older_ones() {
        let item = |n: u128, t: &str| SnapshotItem {
            id: Uuid::from_u128(n),
            text: t.to_owned(),
        };
        let snap = |items: Vec<SnapshotItem>| Snapshot {
            title: "T".into(),
            introduction: None,
            scale: Scale::default(),
            sections: vec![maillage_domain::assessments::SnapshotSection {
                id: Uuid::nil(),
                title: "S".into(),
                guide: None,
                items,
            }],
        };
        let newest = snap(vec![item(2, "B v2"), item(3, "C")]);
        let older = snap(vec![item(1, "A"), item(2, "B")]);
        let texts: Vec<String> = items_of(&[newest, older])
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert_eq!(texts, ["B v2", "C", "A"]);
        assert_eq!(
            action_title("  Offrir\n des ateliers "),
            "Offrir des ateliers"
        );
    }
}
