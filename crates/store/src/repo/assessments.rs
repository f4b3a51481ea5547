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
use maillage_domain::assessments::{Scale, Snapshot, SnapshotItem, SnapshotSection};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use crate::StoreError;
use crate::entity::{
    assessment_item, assessment_response, assessment_section, assessment_tool,
    assessment_tool_version,
};

/// Why a tool or a response is refused.
#[derive(Debug, thiserror::Error)]
pub enum AssessmentError {
    #[error("not found")]
    NotFound,
    /// The stored scale or snapshot does not parse: written by hand.
    #[error("the stored tool {0} is damaged")]
    Damaged(Uuid),
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
    let scale = serde_json::to_string(&Scale::default())
        .map_err(|_| AssessmentError::Damaged(Uuid::nil()))?;
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
