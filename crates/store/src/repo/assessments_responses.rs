//! Responses to self-assessment tools: a grouping's member organization
//! (or one of its teams) answers a tool's current version on a date; a
//! draft is saved as often as wanted (optimistic lock on `revision`), then
//! submitted; a coordinator may reopen it.
//!
//! Read functions for the portraits and exports (`assess-portrait`):
//! - [`read_response`] — one response with its version's [`Snapshot`] and
//!   its answers ([`ResponseView`]);
//! - [`responses_of_tool`] — a grouping's responses to one tool, each a
//!   [`ResponseView`] (submitted only, or all), oldest date first;
//! - [`responses_of_grouping`] — a grouping's responses to every tool, for
//!   lists ([`ResponseSummary`], no answers);
//! - [`response`] — the bare row; [`respondents`] — the organizations that
//!   may answer for the grouping.
//!
//! Every change is one transaction; a refused one writes nothing.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use maillage_domain::assessments::{
    self as rules, Answer, AnswerInput, ResponseStatus, Snapshot, validate_answers,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, SqlErr,
};
use uuid::Uuid;

use super::assessments::{AssessmentError, snapshot, tool};
use super::audit::{self, Actor};
use crate::entity::{assessment_answer, assessment_response, assessment_tool, membership};
use crate::{Store, StoreError};

/// A response with what it answered: the version's snapshot (whatever the
/// tool became since) and its answers in the snapshot's item order.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseView {
    pub response: assessment_response::Model,
    pub status: ResponseStatus,
    /// The tool's title today (the snapshot keeps the version's).
    pub tool_title: String,
    /// The tool's latest version: a response on an older one says so.
    pub current_version: i32,
    /// The respondent organization's name.
    pub respondent: String,
    pub snapshot: Snapshot,
    pub answers: Vec<assessment_answer::Model>,
}

impl ResponseView {
    /// The answer to an item, if given.
    #[must_use]
    pub fn answer(&self, item: Uuid) -> Option<&assessment_answer::Model> {
        self.answers.iter().find(|a| a.item_id == item)
    }

    /// Whether the response answers an older version than the tool's.
    #[must_use]
    pub fn is_older_version(&self) -> bool {
        self.response.tool_version < self.current_version
    }
}

/// A response as a list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSummary {
    pub response: assessment_response::Model,
    pub status: ResponseStatus,
    pub tool_title: String,
    pub current_version: i32,
    pub respondent: String,
}

fn status_of(row: &assessment_response::Model) -> Result<ResponseStatus, AssessmentError> {
    ResponseStatus::parse(&row.status).ok_or(AssessmentError::Damaged(row.tool_id))
}

fn unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// One response row.
pub async fn response<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<assessment_response::Model>, AssessmentError> {
    Ok(assessment_response::Entity::find_by_id(id)
        .one(conn)
        .await?)
}

/// Organization names by id.
async fn names<C: ConnectionTrait>(
    conn: &C,
    ids: &[String],
) -> Result<HashMap<String, String>, AssessmentError> {
    Ok(super::groupings::org_briefs(conn, Some(ids))
        .await?
        .into_iter()
        .map(|(id, b)| (id, b.name))
        .collect())
}

async fn tools_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, assessment_tool::Model>, AssessmentError> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(assessment_tool::Entity::find()
        .filter(assessment_tool::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect())
}

/// Answers of the responses `ids`, by response.
async fn answers_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<assessment_answer::Model>>, AssessmentError> {
    let mut out: HashMap<Uuid, Vec<assessment_answer::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for chunk in ids.chunks(500) {
        for a in assessment_answer::Entity::find()
            .filter(assessment_answer::Column::ResponseId.is_in(chunk.iter().copied()))
            .all(conn)
            .await?
        {
            out.entry(a.response_id).or_default().push(a);
        }
    }
    Ok(out)
}

/// Builds the views of `rows` with as few queries as there are tools and
/// versions among them.
async fn views<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<assessment_response::Model>,
) -> Result<Vec<ResponseView>, AssessmentError> {
    let tools = tools_by_id(conn, rows.iter().map(|r| r.tool_id)).await?;
    let orgs: Vec<String> = rows.iter().map(|r| r.organization_id.clone()).collect();
    let names = names(conn, &orgs).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut answers = answers_of(conn, &ids).await?;
    let mut snapshots: HashMap<(Uuid, i32), Snapshot> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let key = (row.tool_id, row.tool_version);
        if !snapshots.contains_key(&key) {
            snapshots.insert(key, snapshot(conn, row.tool_id, row.tool_version).await?);
        }
        let snapshot = snapshots[&key].clone();
        let tool = tools
            .get(&row.tool_id)
            .ok_or(AssessmentError::Damaged(row.tool_id))?;
        let mut mine = answers.remove(&row.id).unwrap_or_default();
        let order: HashMap<Uuid, usize> = snapshot
            .items()
            .enumerate()
            .map(|(i, item)| (item.id, i))
            .collect();
        mine.sort_by_key(|a| order.get(&a.item_id).copied().unwrap_or(usize::MAX));
        out.push(ResponseView {
            status: status_of(&row)?,
            tool_title: tool.title.clone(),
            current_version: tool.version,
            respondent: names
                .get(&row.organization_id)
                .cloned()
                .unwrap_or_else(|| row.organization_id.clone()),
            snapshot,
            answers: mine,
            response: row,
        });
    }
    Ok(out)
}

/// One response with its version's snapshot and its answers.
pub async fn read_response<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<ResponseView, AssessmentError> {
    let row = response(conn, id).await?.ok_or(AssessmentError::NotFound)?;
    views(conn, vec![row])
        .await?
        .pop()
        .ok_or(AssessmentError::NotFound)
}

/// A grouping's responses to one tool, oldest date first (then by
/// respondent): every status, or the submitted ones only (what a portrait
/// counts). Each keeps the version it answered.
pub async fn responses_of_tool<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
    grouping_id: Uuid,
    submitted_only: bool,
) -> Result<Vec<ResponseView>, AssessmentError> {
    let mut query = assessment_response::Entity::find()
        .filter(assessment_response::Column::ToolId.eq(tool_id))
        .filter(assessment_response::Column::GroupingId.eq(grouping_id));
    if submitted_only {
        query = query
            .filter(assessment_response::Column::Status.eq(ResponseStatus::Submitted.as_str()));
    }
    let rows = query
        .order_by_asc(assessment_response::Column::OnDate)
        .all(conn)
        .await?;
    let mut out = views(conn, rows).await?;
    out.sort_by_cached_key(|v| {
        (
            v.response.on_date,
            super::directory_pages::sort_key(&v.respondent),
            v.response.team.clone(),
        )
    });
    Ok(out)
}

/// A grouping's responses to every tool, newest date first, then by
/// respondent.
pub async fn responses_of_grouping<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<ResponseSummary>, AssessmentError> {
    let rows = assessment_response::Entity::find()
        .filter(assessment_response::Column::GroupingId.eq(grouping_id))
        .all(conn)
        .await?;
    let tools = tools_by_id(conn, rows.iter().map(|r| r.tool_id)).await?;
    let orgs: Vec<String> = rows.iter().map(|r| r.organization_id.clone()).collect();
    let names = names(conn, &orgs).await?;
    let mut out = rows
        .into_iter()
        .map(|row| {
            let tool = tools
                .get(&row.tool_id)
                .ok_or(AssessmentError::Damaged(row.tool_id))?;
            Ok(ResponseSummary {
                status: status_of(&row)?,
                tool_title: tool.title.clone(),
                current_version: tool.version,
                respondent: names
                    .get(&row.organization_id)
                    .cloned()
                    .unwrap_or_else(|| row.organization_id.clone()),
                response: row,
            })
        })
        .collect::<Result<Vec<_>, AssessmentError>>()?;
    out.sort_by_cached_key(|s| {
        (
            std::cmp::Reverse(s.response.on_date),
            super::directory_pages::sort_key(&s.respondent),
            s.response.team.clone(),
            super::directory_pages::sort_key(&s.tool_title),
        )
    });
    Ok(out)
}

/// The organizations that may answer for the grouping: its current member
/// organizations (any membership role), by name.
pub async fn respondents<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<(String, String)>, AssessmentError> {
    Ok(super::groupings::memberships(conn, grouping_id)
        .await?
        .into_iter()
        .filter(super::groupings::Member::is_current)
        .map(|m| (m.organization_id, m.name))
        .collect())
}

async fn is_member<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    organization_id: &str,
) -> Result<bool, AssessmentError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .filter(membership::Column::LeftOn.is_null())
        .one(conn)
        .await?
        .is_some())
}

/// A new response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponse {
    pub tool_id: Uuid,
    pub grouping_id: Uuid,
    /// The respondent: a member organization of the grouping.
    pub organization_id: String,
    /// One of its teams (free text), or empty for the whole organization.
    pub team: String,
    pub on_date: NaiveDate,
    pub status: ResponseStatus,
    pub answers: Vec<AnswerInput>,
}

/// Writes the answers of a response (those with a level or a comment, and
/// those already turned into an action, whose link stays).
async fn write_answers<C: ConnectionTrait>(
    conn: &C,
    response_id: Uuid,
    answers: &[Answer],
    actions: &HashMap<Uuid, Uuid>,
) -> Result<(), AssessmentError> {
    let mut rows = Vec::new();
    for a in answers {
        let action = actions.get(&a.item).copied();
        if a.level.is_none() && a.comment.is_none() && action.is_none() {
            continue;
        }
        rows.push(assessment_answer::ActiveModel {
            response_id: Set(response_id),
            item_id: Set(a.item),
            level: Set(a.level.clone()),
            comment: Set(a.comment.clone()),
            action_id: Set(action),
        });
    }
    // An item turned into an action but left out of this save keeps its
    // link (and no level).
    for (item, action) in actions {
        if !answers.iter().any(|a| a.item == *item) {
            rows.push(assessment_answer::ActiveModel {
                response_id: Set(response_id),
                item_id: Set(*item),
                level: Set(None),
                comment: Set(None),
                action_id: Set(Some(*action)),
            });
        }
    }
    if !rows.is_empty() {
        assessment_answer::Entity::insert_many(rows)
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Creates a response to the tool's current version. Refused, with nothing
/// written: a tool of another grouping or archived, a respondent that is
/// not a member organization of the grouping, a team name too long, an
/// answer outside the version or its scale, a second response of the
/// respondent (and team) on that date ([`AssessmentError::Twin`]).
pub async fn create_response(
    store: &Store,
    actor: &Actor,
    new: &NewResponse,
) -> Result<assessment_response::Model, AssessmentError> {
    let txn = store.write().await?;
    let row = create_response_in(&txn, actor, new).await?;
    txn.commit().await?;
    Ok(row)
}

/// [`create_response`] inside the caller's transaction (the demo loader).
pub async fn create_response_in<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    new: &NewResponse,
) -> Result<assessment_response::Model, AssessmentError> {
    let team = rules::team_name(&new.team).ok_or(AssessmentError::Team)?;
    let tool = tool(txn, new.tool_id)
        .await?
        .ok_or(AssessmentError::NotFound)?;
    if tool.grouping_id.is_some_and(|g| g != new.grouping_id) {
        return Err(AssessmentError::ForeignTool);
    }
    if tool.archived {
        return Err(AssessmentError::ArchivedTool);
    }
    if !is_member(txn, new.grouping_id, &new.organization_id).await? {
        return Err(AssessmentError::NotAMember);
    }
    let snapshot = snapshot(txn, tool.id, tool.version).await?;
    let answers = validate_answers(&snapshot, &new.answers)?;
    let now = Utc::now();
    let id = Uuid::new_v4();
    let submitted = new.status == ResponseStatus::Submitted;
    let inserted = assessment_response::ActiveModel {
        id: Set(id),
        tool_id: Set(tool.id),
        tool_version: Set(tool.version),
        grouping_id: Set(new.grouping_id),
        organization_id: Set(new.organization_id.clone()),
        team: Set(team),
        on_date: Set(new.on_date),
        status: Set(new.status.as_str().to_owned()),
        revision: Set(1),
        created_by: Set(actor.user_id),
        updated_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(submitted.then_some(now)),
    }
    .insert(txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) if unique_violation(&e) => return Err(AssessmentError::Twin),
        Err(e) => return Err(e.into()),
    };
    write_answers(txn, id, &answers, &HashMap::new()).await?;
    audit::record(
        txn,
        actor,
        "assessment_response.create",
        Some(id.to_string()),
        Some(serde_json::json!({
            "tool": tool.id,
            "version": tool.version,
            "organization": new.organization_id,
            "status": new.status.as_str(),
        })),
    )
    .await?;
    Ok(row)
}

/// A save of a draft: the revision it was read at, the status it leaves
/// with (`Submitted` submits it), every answer of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveResponse {
    pub revision: i32,
    pub status: ResponseStatus,
    pub answers: Vec<AnswerInput>,
}

/// Saves (or submits) a draft, replacing its answers. Refused, with
/// nothing written: a submitted response ([`AssessmentError::NotDraft`]),
/// a save made on an older revision than the stored one
/// ([`AssessmentError::Stale`]: someone saved meanwhile), an answer outside
/// the response's version or its scale. Returns the saved row (its
/// revision moved by one).
pub async fn save_response(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    save: &SaveResponse,
) -> Result<assessment_response::Model, AssessmentError> {
    let txn = store.write().await?;
    let row = response(&txn, id).await?.ok_or(AssessmentError::NotFound)?;
    if status_of(&row)? != ResponseStatus::Draft {
        return Err(AssessmentError::NotDraft);
    }
    if row.revision != save.revision {
        return Err(AssessmentError::Stale {
            current: row.revision,
        });
    }
    let snapshot = snapshot(&txn, row.tool_id, row.tool_version).await?;
    let answers = validate_answers(&snapshot, &save.answers)?;
    let now = Utc::now();
    let submitted = save.status == ResponseStatus::Submitted;
    // The revision is checked again by the update itself: of two saves
    // racing on one revision, one only changes a row.
    let mut update = assessment_response::Entity::update_many()
        .col_expr(
            assessment_response::Column::Revision,
            Expr::col(assessment_response::Column::Revision).add(1),
        )
        .col_expr(
            assessment_response::Column::Status,
            Expr::value(save.status.as_str()),
        )
        .col_expr(
            assessment_response::Column::UpdatedBy,
            Expr::value(actor.user_id),
        )
        .col_expr(assessment_response::Column::UpdatedAt, Expr::value(now))
        .filter(assessment_response::Column::Id.eq(id))
        .filter(assessment_response::Column::Revision.eq(save.revision));
    if submitted {
        update = update.col_expr(
            assessment_response::Column::SubmittedAt,
            Expr::value(Some(now)),
        );
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Err(AssessmentError::Stale {
            current: save.revision + 1,
        });
    }
    let actions: HashMap<Uuid, Uuid> = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::ResponseId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|a| a.action_id.map(|action| (a.item_id, action)))
        .collect();
    assessment_answer::Entity::delete_many()
        .filter(assessment_answer::Column::ResponseId.eq(id))
        .exec(&txn)
        .await?;
    write_answers(&txn, id, &answers, &actions).await?;
    audit::record(
        &txn,
        actor,
        if submitted {
            "assessment_response.submit"
        } else {
            "assessment_response.save"
        },
        Some(id.to_string()),
        Some(serde_json::json!({ "revision": save.revision + 1 })),
    )
    .await?;
    let row = response(&txn, id).await?.ok_or(AssessmentError::NotFound)?;
    txn.commit().await?;
    Ok(row)
}

/// Reopens a submitted response as a draft (a coordinator's decision: it
/// leaves the portrait until submitted again).
pub async fn reopen_response(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<assessment_response::Model, AssessmentError> {
    let txn = store.write().await?;
    let row = response(&txn, id).await?.ok_or(AssessmentError::NotFound)?;
    if status_of(&row)? != ResponseStatus::Submitted {
        return Err(AssessmentError::NotSubmitted);
    }
    let revision = row.revision;
    let mut active: assessment_response::ActiveModel = row.into();
    active.status = Set(ResponseStatus::Draft.as_str().to_owned());
    active.revision = Set(revision + 1);
    active.submitted_at = Set(None);
    active.updated_by = Set(actor.user_id);
    active.updated_at = Set(Utc::now());
    let row = active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "assessment_response.reopen",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

impl From<AssessmentError> for StoreError {
    /// For callers that speak only the store's error (the demo loader).
    fn from(e: AssessmentError) -> Self {
        match e {
            AssessmentError::Store(e) => e,
            AssessmentError::NotFound => StoreError::NotFound,
            other => StoreError::Invalid(other.to_string()),
        }
    }
}
