//! Self-assessment tools: their structure, published versions and the
//! shipped templates. Responses and their answers are in
//! `assessments_responses`; portraits in `assessments_portrait`.
//!
//! A version is published by [`publish`] after every change of a tool's
//! structure: while nobody answered the latest version it is rewritten in
//! place, otherwise a new version is added, so a response always reads the
//! tool as it was when it was given.

use chrono::Utc;
use maillage_domain::assessments::templates::Template;
use maillage_domain::assessments::{
    self as rules, AnswerError, Scale, ScaleError, Snapshot, SnapshotItem, SnapshotSection,
    ToolTextError,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use crate::entity::{
    assessment_item, assessment_response, assessment_section, assessment_tool,
    assessment_tool_version,
};
use crate::{Store, StoreError};

/// Why a tool or a response is refused. The web layer maps each to its
/// status: `NotFound` 404; `Twin`, `Stale`, `NotDraft`, `NotSubmitted`
/// 409 (the state of things); the others 422 (the request).
#[derive(Debug, thiserror::Error)]
pub enum AssessmentError {
    #[error("not found")]
    NotFound,
    /// The stored scale or snapshot does not parse: written by hand.
    #[error("the stored tool {0} is damaged")]
    Damaged(Uuid),
    #[error(transparent)]
    Text(#[from] ToolTextError),
    #[error(transparent)]
    Scale(#[from] ScaleError),
    #[error(transparent)]
    Answer(#[from] AnswerError),
    /// An answered item cannot be deleted: archive it instead.
    #[error("the item has answers: archive it instead")]
    ItemAnswered,
    /// A section still holding items (archived ones too) is not deleted.
    #[error("the section still holds items")]
    SectionNotEmpty,
    /// The section or item named is not the tool's.
    #[error("not a part of this tool")]
    ForeignPart,
    /// The respondent is not a member organization of the grouping.
    #[error("the respondent is not a member organization of the grouping")]
    NotAMember,
    /// A grouping's tool is filled for that grouping only.
    #[error("this tool belongs to another grouping")]
    ForeignTool,
    /// The tool is archived: no new response.
    #[error("the tool is archived")]
    ArchivedTool,
    /// The team's name is over 300 characters.
    #[error("the team's name is too long")]
    Team,
    /// The respondent already answered the tool on that date.
    #[error("this respondent already has a response to this tool on that date")]
    Twin,
    /// Someone saved the draft since it was read: nothing written.
    #[error("the draft was saved by someone else (revision {current})")]
    Stale { current: i32 },
    /// A submitted response is reopened before it is changed.
    #[error("the response is submitted")]
    NotDraft,
    /// Only a submitted response is reopened.
    #[error("the response is a draft")]
    NotSubmitted,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for AssessmentError {
    fn from(e: sea_orm::DbErr) -> Self {
        AssessmentError::Store(e.into())
    }
}

/// A tool's scale, as stored.
pub fn scale_of(tool: &assessment_tool::Model) -> Result<Scale, AssessmentError> {
    serde_json::from_str(&tool.scale).map_err(|_| AssessmentError::Damaged(tool.id))
}

/// The tool's structure as it stands now (archived items left out): what
/// the next published version will be.
pub async fn current_structure<C: ConnectionTrait>(
    conn: &C,
    tool: &assessment_tool::Model,
) -> Result<Snapshot, AssessmentError> {
    let sections = assessment_section::Entity::find()
        .filter(assessment_section::Column::ToolId.eq(tool.id))
        .order_by_asc(assessment_section::Column::Position)
        .all(conn)
        .await?;
    let items = assessment_item::Entity::find()
        .filter(assessment_item::Column::ToolId.eq(tool.id))
        .filter(assessment_item::Column::ArchivedAt.is_null())
        .order_by_asc(assessment_item::Column::Position)
        .all(conn)
        .await?;
    Ok(Snapshot {
        title: tool.title.clone(),
        introduction: tool.introduction.clone(),
        scale: scale_of(tool)?,
        sections: sections
            .into_iter()
            .map(|s| SnapshotSection {
                items: items
                    .iter()
                    .filter(|i| i.section_id == s.id)
                    .map(|i| SnapshotItem {
                        id: i.id,
                        text: i.text.clone(),
                    })
                    .collect(),
                id: s.id,
                title: s.title,
                guide: s.guide,
            })
            .collect(),
    })
}

/// The snapshot of one published version of a tool.
pub async fn snapshot<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
    version: i32,
) -> Result<Snapshot, AssessmentError> {
    let row = assessment_tool_version::Entity::find()
        .filter(assessment_tool_version::Column::ToolId.eq(tool_id))
        .filter(assessment_tool_version::Column::Version.eq(version))
        .one(conn)
        .await?
        .ok_or(AssessmentError::NotFound)?;
    serde_json::from_str(&row.snapshot).map_err(|_| AssessmentError::Damaged(tool_id))
}

/// Publishes the tool's current structure: rewrites the latest version
/// while no response was given on it, adds a version otherwise. Returns the
/// version new responses answer. Call it inside the transaction that
/// changed the structure.
pub async fn publish<C: ConnectionTrait>(
    conn: &C,
    tool: &assessment_tool::Model,
) -> Result<i32, AssessmentError> {
    let structure = current_structure(conn, tool).await?;
    let json = serde_json::to_string(&structure).map_err(|_| AssessmentError::Damaged(tool.id))?;
    let latest = assessment_tool_version::Entity::find()
        .filter(assessment_tool_version::Column::ToolId.eq(tool.id))
        .order_by_desc(assessment_tool_version::Column::Version)
        .one(conn)
        .await?;
    let now = Utc::now();
    let version = match latest {
        Some(latest) => {
            let answered = assessment_response::Entity::find()
                .filter(assessment_response::Column::ToolId.eq(tool.id))
                .filter(assessment_response::Column::ToolVersion.eq(latest.version))
                .count(conn)
                .await?
                > 0;
            if latest.snapshot == json {
                return Ok(latest.version);
            }
            if answered {
                insert_version(conn, tool.id, latest.version + 1, json).await?
            } else {
                let version = latest.version;
                let mut row: assessment_tool_version::ActiveModel = latest.into();
                row.snapshot = Set(json);
                row.created_at = Set(now);
                row.update(conn).await?;
                version
            }
        }
        None => insert_version(conn, tool.id, 1, json).await?,
    };
    let mut row: assessment_tool::ActiveModel = tool.clone().into();
    row.version = Set(version);
    row.updated_at = Set(now);
    row.update(conn).await?;
    Ok(version)
}

async fn insert_version<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
    version: i32,
    snapshot: String,
) -> Result<i32, AssessmentError> {
    assessment_tool_version::ActiveModel {
        id: Set(Uuid::new_v4()),
        tool_id: Set(tool_id),
        version: Set(version),
        snapshot: Set(snapshot),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?;
    Ok(version)
}

/// Creates a tool from a template: for the platform when `grouping_id` is
/// empty (then once per template key: a second call returns the first
/// tool), or as a grouping's own copy to adapt. Returns the tool.
pub async fn create_from_template<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    template: &Template,
    grouping_id: Option<Uuid>,
) -> Result<assessment_tool::Model, AssessmentError> {
    if grouping_id.is_none()
        && let Some(existing) = assessment_tool::Entity::find()
            .filter(assessment_tool::Column::TemplateKey.eq(template.key))
            .one(conn)
            .await?
    {
        return Ok(existing);
    }
    let now = Utc::now();
    let scale = scale_json(&Scale::default())?;
    let tool = assessment_tool::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(grouping_id),
        template_key: Set(grouping_id.is_none().then(|| template.key.to_owned())),
        title: Set(template.title.to_owned()),
        introduction: Set(Some(template.introduction.to_owned())),
        scale: Set(scale),
        version: Set(0),
        archived: Set(false),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    for (s_pos, section) in (0_i32..).zip(template.sections) {
        let section_id = Uuid::new_v4();
        assessment_section::ActiveModel {
            id: Set(section_id),
            tool_id: Set(tool.id),
            position: Set(s_pos),
            title: Set(section.title.to_owned()),
            guide: Set(section.guide.map(str::to_owned)),
        }
        .insert(conn)
        .await?;
        for (i_pos, text) in (0_i32..).zip(section.items) {
            assessment_item::ActiveModel {
                id: Set(Uuid::new_v4()),
                tool_id: Set(tool.id),
                section_id: Set(section_id),
                position: Set(i_pos),
                text: Set((*text).to_owned()),
                archived_at: Set(None),
            }
            .insert(conn)
            .await?;
        }
    }
    publish(conn, &tool).await?;
    // The platform's own templates are part of every database, not an act.
    if grouping_id.is_some() {
        audit::record(
            conn,
            actor,
            "assessment_tool.create",
            Some(tool.id.to_string()),
            Some(serde_json::json!({ "template": template.key })),
        )
        .await?;
    }
    assessment_tool::Entity::find_by_id(tool.id)
        .one(conn)
        .await?
        .ok_or(AssessmentError::NotFound)
}

/// Loads the platform's templates once (idempotent): the demo and every
/// fresh database offer seed 003's tools.
pub async fn ensure_templates<C: ConnectionTrait>(conn: &C) -> Result<(), AssessmentError> {
    for template in maillage_domain::assessments::templates::ALL {
        create_from_template(conn, &Actor::system(), template, None).await?;
    }
    Ok(())
}

// ---------- reading tools ----------

/// One tool.
pub async fn tool<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<assessment_tool::Model>, AssessmentError> {
    Ok(assessment_tool::Entity::find_by_id(id).one(conn).await?)
}

/// The tools an account may use: the platform's templates and the tools of
/// the groupings `groupings` (every grouping's when `None`: an
/// administrator). Templates first (in the order they ship), then by title.
pub async fn list_tools<C: ConnectionTrait>(
    conn: &C,
    groupings: Option<&[Uuid]>,
) -> Result<Vec<assessment_tool::Model>, AssessmentError> {
    let mut query =
        assessment_tool::Entity::find().filter(assessment_tool::Column::Archived.eq(false));
    if let Some(ids) = groupings {
        query = query.filter(
            sea_orm::Condition::any()
                .add(assessment_tool::Column::GroupingId.is_null())
                .add(assessment_tool::Column::GroupingId.is_in(ids.iter().copied())),
        );
    }
    let mut tools = query.all(conn).await?;
    let template_rank = |t: &assessment_tool::Model| {
        t.template_key.as_deref().map_or(usize::MAX, |k| {
            maillage_domain::assessments::templates::ALL
                .iter()
                .position(|tpl| tpl.key == k)
                .unwrap_or(usize::MAX - 1)
        })
    };
    tools.sort_by_cached_key(|t| {
        (
            t.grouping_id.is_some(),
            template_rank(t),
            super::directory_pages::sort_key(&t.title),
        )
    });
    Ok(tools)
}

/// A section of the builder, with every item (archived ones flagged).
#[derive(Debug, Clone, PartialEq)]
pub struct BuilderSection {
    pub section: assessment_section::Model,
    pub items: Vec<BuilderItem>,
}

/// An item of the builder and how many responses answered it (an answered
/// item is archived, not deleted).
#[derive(Debug, Clone, PartialEq)]
pub struct BuilderItem {
    pub item: assessment_item::Model,
    pub answers: u64,
}

/// The tool as the builder shows it: sections in order, each with its
/// items in order, archived items included.
pub async fn builder<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
) -> Result<Vec<BuilderSection>, AssessmentError> {
    let sections = assessment_section::Entity::find()
        .filter(assessment_section::Column::ToolId.eq(tool_id))
        .order_by_asc(assessment_section::Column::Position)
        .all(conn)
        .await?;
    let items = assessment_item::Entity::find()
        .filter(assessment_item::Column::ToolId.eq(tool_id))
        .order_by_asc(assessment_item::Column::Position)
        .all(conn)
        .await?;
    let answered = answer_counts(conn, tool_id).await?;
    Ok(sections
        .into_iter()
        .map(|section| BuilderSection {
            items: items
                .iter()
                .filter(|i| i.section_id == section.id)
                .map(|i| BuilderItem {
                    answers: answered.get(&i.id).copied().unwrap_or(0),
                    item: i.clone(),
                })
                .collect(),
            section,
        })
        .collect())
}

/// How many answers each item of the tool has.
async fn answer_counts<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
) -> Result<std::collections::HashMap<Uuid, u64>, AssessmentError> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
    let stmt = Query::select()
        .column((Alias::new("a"), Alias::new("item_id")))
        .expr_as(Func::count(Expr::val(1)), Alias::new("n"))
        .from_as(Alias::new("assessment_answers"), Alias::new("a"))
        .inner_join(
            Alias::new("assessment_items"),
            Expr::col((Alias::new("assessment_items"), Alias::new("id")))
                .equals((Alias::new("a"), Alias::new("item_id"))),
        )
        .and_where(Expr::col((Alias::new("assessment_items"), Alias::new("tool_id"))).eq(tool_id))
        .group_by_col((Alias::new("a"), Alias::new("item_id")))
        .to_owned();
    let mut out = std::collections::HashMap::new();
    for row in conn.query_all(&stmt).await? {
        let item: Uuid = row.try_get("", "item_id")?;
        let n: i64 = row.try_get("", "n")?;
        out.insert(item, u64::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

// ---------- changing tools ----------

/// What the tool's form edits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToolInput {
    pub title: String,
    pub introduction: String,
    /// One level a line (`code | label`); empty keeps the default scale
    /// for a new tool and the current one for an edit.
    pub scale: String,
}

/// The tool again, as the transaction sees it (404 when deleted meanwhile).
async fn reload<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<assessment_tool::Model, AssessmentError> {
    tool(conn, id).await?.ok_or(AssessmentError::NotFound)
}

/// Publishes the tool's structure and records what changed, in the
/// transaction `txn`, then commits.
async fn publish_and_commit(
    txn: sea_orm::DatabaseTransaction,
    actor: &Actor,
    tool_id: Uuid,
    action: &str,
    detail: Option<serde_json::Value>,
) -> Result<assessment_tool::Model, AssessmentError> {
    let tool = reload(&txn, tool_id).await?;
    publish(&txn, &tool).await?;
    audit::record(&txn, actor, action, Some(tool_id.to_string()), detail).await?;
    let tool = reload(&txn, tool_id).await?;
    txn.commit().await?;
    Ok(tool)
}

/// Creates a blank tool (for a grouping, or a platform template when
/// `grouping_id` is none): a title, an introduction, a scale (the default
/// when none is typed), one empty section to start from.
pub async fn create_tool(
    store: &Store,
    actor: &Actor,
    grouping_id: Option<Uuid>,
    input: &ToolInput,
) -> Result<assessment_tool::Model, AssessmentError> {
    let title = rules::tool_title(&input.title)?;
    let introduction = rules::introduction(&input.introduction)?;
    let scale = if input.scale.trim().is_empty() {
        Scale::default()
    } else {
        Scale::from_lines(&input.scale)?
    };
    let txn = store.write().await?;
    let now = Utc::now();
    let tool = assessment_tool::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(grouping_id),
        template_key: Set(None),
        title: Set(title.clone()),
        introduction: Set(introduction),
        scale: Set(scale_json(&scale)?),
        version: Set(0),
        archived: Set(false),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    assessment_section::ActiveModel {
        id: Set(Uuid::new_v4()),
        tool_id: Set(tool.id),
        position: Set(0),
        title: Set(title),
        guide: Set(None),
    }
    .insert(&txn)
    .await?;
    publish_and_commit(txn, actor, tool.id, "assessment_tool.create", None).await
}

fn scale_json(scale: &Scale) -> Result<String, AssessmentError> {
    serde_json::to_string(scale).map_err(|_| AssessmentError::Damaged(Uuid::nil()))
}

/// Copies a tool (a template, or another tool the account may read) into
/// a grouping, to adapt: its current structure (archived items left out),
/// with ids of its own. The copy answers nothing yet: version 1.
pub async fn copy_tool(
    store: &Store,
    actor: &Actor,
    source_id: Uuid,
    grouping_id: Uuid,
) -> Result<assessment_tool::Model, AssessmentError> {
    let txn = store.write().await?;
    let source = reload(&txn, source_id).await?;
    let structure = current_structure(&txn, &source).await?;
    let now = Utc::now();
    let tool = assessment_tool::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(Some(grouping_id)),
        template_key: Set(None),
        title: Set(source.title.clone()),
        introduction: Set(source.introduction.clone()),
        scale: Set(source.scale.clone()),
        version: Set(0),
        archived: Set(false),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    for (s_pos, section) in (0_i32..).zip(&structure.sections) {
        let section_id = Uuid::new_v4();
        assessment_section::ActiveModel {
            id: Set(section_id),
            tool_id: Set(tool.id),
            position: Set(s_pos),
            title: Set(section.title.clone()),
            guide: Set(section.guide.clone()),
        }
        .insert(&txn)
        .await?;
        for (i_pos, item) in (0_i32..).zip(&section.items) {
            assessment_item::ActiveModel {
                id: Set(Uuid::new_v4()),
                tool_id: Set(tool.id),
                section_id: Set(section_id),
                position: Set(i_pos),
                text: Set(item.text.clone()),
                archived_at: Set(None),
            }
            .insert(&txn)
            .await?;
        }
    }
    publish_and_commit(
        txn,
        actor,
        tool.id,
        "assessment_tool.copy",
        Some(serde_json::json!({ "from": source_id })),
    )
    .await
}

/// Changes the tool's title, introduction and scale.
pub async fn update_tool(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    input: &ToolInput,
) -> Result<assessment_tool::Model, AssessmentError> {
    let title = rules::tool_title(&input.title)?;
    let introduction = rules::introduction(&input.introduction)?;
    let scale = if input.scale.trim().is_empty() {
        None
    } else {
        Some(Scale::from_lines(&input.scale)?)
    };
    let txn = store.write().await?;
    let tool = reload(&txn, tool_id).await?;
    let mut row: assessment_tool::ActiveModel = tool.into();
    row.title = Set(title);
    row.introduction = Set(introduction);
    if let Some(scale) = scale {
        row.scale = Set(scale_json(&scale)?);
    }
    row.update(&txn).await?;
    publish_and_commit(txn, actor, tool_id, "assessment_tool.update", None).await
}

/// Archives the tool (no new response; its responses stay) or brings it
/// back.
pub async fn set_tool_archived(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    archived: bool,
) -> Result<assessment_tool::Model, AssessmentError> {
    let txn = store.write().await?;
    let tool = reload(&txn, tool_id).await?;
    let mut row: assessment_tool::ActiveModel = tool.into();
    row.archived = Set(archived);
    row.updated_at = Set(Utc::now());
    let tool = row.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        if archived {
            "assessment_tool.archive"
        } else {
            "assessment_tool.restore"
        },
        Some(tool_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(tool)
}

async fn section_of<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
    section_id: Uuid,
) -> Result<assessment_section::Model, AssessmentError> {
    assessment_section::Entity::find_by_id(section_id)
        .one(conn)
        .await?
        .filter(|s| s.tool_id == tool_id)
        .ok_or(AssessmentError::ForeignPart)
}

async fn item_of<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
    item_id: Uuid,
) -> Result<assessment_item::Model, AssessmentError> {
    assessment_item::Entity::find_by_id(item_id)
        .one(conn)
        .await?
        .filter(|i| i.tool_id == tool_id)
        .ok_or(AssessmentError::ForeignPart)
}

async fn section_ids<C: ConnectionTrait>(
    conn: &C,
    tool_id: Uuid,
) -> Result<Vec<Uuid>, AssessmentError> {
    Ok(assessment_section::Entity::find()
        .filter(assessment_section::Column::ToolId.eq(tool_id))
        .order_by_asc(assessment_section::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

async fn item_ids<C: ConnectionTrait>(
    conn: &C,
    section_id: Uuid,
) -> Result<Vec<Uuid>, AssessmentError> {
    Ok(assessment_item::Entity::find()
        .filter(assessment_item::Column::SectionId.eq(section_id))
        .order_by_asc(assessment_item::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect())
}

/// Adds a section at the end of the tool.
pub async fn create_section(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    title: &str,
    guide: &str,
) -> Result<Uuid, AssessmentError> {
    let title = rules::section_title(title)?;
    let guide = rules::guide(guide)?;
    let txn = store.write().await?;
    reload(&txn, tool_id).await?;
    let position = super::order::position(section_ids(&txn, tool_id).await?.len());
    let id = Uuid::new_v4();
    assessment_section::ActiveModel {
        id: Set(id),
        tool_id: Set(tool_id),
        position: Set(position),
        title: Set(title),
        guide: Set(guide),
    }
    .insert(&txn)
    .await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_section.create",
        Some(serde_json::json!({ "section": id })),
    )
    .await?;
    Ok(id)
}

/// Changes a section's title and guiding sentence.
pub async fn update_section(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    section_id: Uuid,
    title: &str,
    guide: &str,
) -> Result<(), AssessmentError> {
    let title = rules::section_title(title)?;
    let guide = rules::guide(guide)?;
    let txn = store.write().await?;
    let section = section_of(&txn, tool_id, section_id).await?;
    let mut row: assessment_section::ActiveModel = section.into();
    row.title = Set(title);
    row.guide = Set(guide);
    row.update(&txn).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_section.update",
        Some(serde_json::json!({ "section": section_id })),
    )
    .await?;
    Ok(())
}

/// Moves a section one place up (`step` -1) or down (+1).
pub async fn move_section(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    section_id: Uuid,
    step: i32,
) -> Result<(), AssessmentError> {
    let txn = store.write().await?;
    section_of(&txn, tool_id, section_id).await?;
    let siblings = section_ids(&txn, tool_id).await?;
    super::order::move_among(&txn, "assessment_sections", siblings, section_id, step).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_section.move",
        Some(serde_json::json!({ "section": section_id })),
    )
    .await?;
    Ok(())
}

/// Deletes an empty section (its items, archived ones included, are moved
/// or deleted first).
pub async fn delete_section(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    section_id: Uuid,
) -> Result<(), AssessmentError> {
    let txn = store.write().await?;
    let section = section_of(&txn, tool_id, section_id).await?;
    if !item_ids(&txn, section_id).await?.is_empty() {
        return Err(AssessmentError::SectionNotEmpty);
    }
    assessment_section::Entity::delete_by_id(section.id)
        .exec(&txn)
        .await?;
    let rest = section_ids(&txn, tool_id).await?;
    super::order::renumber(&txn, "assessment_sections", &rest).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_section.delete",
        Some(serde_json::json!({ "section": section_id, "title": section.title })),
    )
    .await?;
    Ok(())
}

/// Adds an item at the end of a section of the tool.
pub async fn create_item(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    section_id: Uuid,
    text: &str,
) -> Result<Uuid, AssessmentError> {
    let text = rules::item_text(text)?;
    let txn = store.write().await?;
    section_of(&txn, tool_id, section_id).await?;
    let position = super::order::position(item_ids(&txn, section_id).await?.len());
    let id = Uuid::new_v4();
    assessment_item::ActiveModel {
        id: Set(id),
        tool_id: Set(tool_id),
        section_id: Set(section_id),
        position: Set(position),
        text: Set(text),
        archived_at: Set(None),
    }
    .insert(&txn)
    .await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_item.create",
        Some(serde_json::json!({ "item": id })),
    )
    .await?;
    Ok(id)
}

/// Changes an item's text; it keeps its id (and its answers) in the next
/// version.
pub async fn update_item(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    item_id: Uuid,
    text: &str,
) -> Result<(), AssessmentError> {
    let text = rules::item_text(text)?;
    let txn = store.write().await?;
    let item = item_of(&txn, tool_id, item_id).await?;
    let mut row: assessment_item::ActiveModel = item.into();
    row.text = Set(text);
    row.update(&txn).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_item.update",
        Some(serde_json::json!({ "item": item_id })),
    )
    .await?;
    Ok(())
}

/// Moves an item one place up (`step` -1) or down (+1) in its section.
pub async fn move_item(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    item_id: Uuid,
    step: i32,
) -> Result<(), AssessmentError> {
    let txn = store.write().await?;
    let item = item_of(&txn, tool_id, item_id).await?;
    let siblings = item_ids(&txn, item.section_id).await?;
    super::order::move_among(&txn, "assessment_items", siblings, item_id, step).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_item.move",
        Some(serde_json::json!({ "item": item_id })),
    )
    .await?;
    Ok(())
}

/// Archives an item (it leaves the next version; its answers stay with
/// the versions they were given on) or brings it back.
pub async fn set_item_archived(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    item_id: Uuid,
    archived: bool,
) -> Result<(), AssessmentError> {
    let txn = store.write().await?;
    let item = item_of(&txn, tool_id, item_id).await?;
    let mut row: assessment_item::ActiveModel = item.into();
    row.archived_at = Set(archived.then(Utc::now));
    row.update(&txn).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        if archived {
            "assessment_item.archive"
        } else {
            "assessment_item.restore"
        },
        Some(serde_json::json!({ "item": item_id })),
    )
    .await?;
    Ok(())
}

/// Deletes an item nobody answered; an answered item is refused
/// ([`AssessmentError::ItemAnswered`]: archive it instead).
pub async fn delete_item(
    store: &Store,
    actor: &Actor,
    tool_id: Uuid,
    item_id: Uuid,
) -> Result<(), AssessmentError> {
    let txn = store.write().await?;
    let item = item_of(&txn, tool_id, item_id).await?;
    let answered = crate::entity::assessment_answer::Entity::find()
        .filter(crate::entity::assessment_answer::Column::ItemId.eq(item_id))
        .count(&txn)
        .await?
        > 0;
    if answered {
        return Err(AssessmentError::ItemAnswered);
    }
    assessment_item::Entity::delete_by_id(item_id)
        .exec(&txn)
        .await?;
    let rest = item_ids(&txn, item.section_id).await?;
    super::order::renumber(&txn, "assessment_items", &rest).await?;
    publish_and_commit(
        txn,
        actor,
        tool_id,
        "assessment_item.delete",
        Some(serde_json::json!({ "item": item_id, "text": item.text })),
    )
    .await?;
    Ok(())
}
