//! Activity toolkits: toolkits, their themes and activities, the pathways
//! and strategy an activity serves, and the runs organizations record.
//! What a theme, an activity or a run may hold is decided by
//! `maillage_domain::toolkits`; this module keeps the rows, one
//! transaction per change (with its audit entry), and refuses what only
//! the database knows: a theme of another toolkit, a pathway or strategy
//! of another grouping, an organization that is not a member.
//!
//! Every change also moves its toolkit's `updated_at`: the activities'
//! search index (web layer) compares [`search_stamp`] to what it was built
//! from, on every node.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use maillage_domain::toolkits::{Activity, Audience, Run, Theme, ToolkitError, ToolkitKind};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::documents::{self, DocumentInfo};
use super::groupings;
use crate::entity::{
    action_plan, grouping, pathway, strategy, toolkit, toolkit_activity, toolkit_activity_pathway,
    toolkit_attachment, toolkit_run, toolkit_theme,
};
use crate::{Store, StoreError};

/// Why a toolkit change is refused: 404, a rule (422) or the store.
#[derive(Debug, thiserror::Error)]
pub enum ToolkitsError {
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Rule(#[from] ToolkitError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<DbErr> for ToolkitsError {
    fn from(e: DbErr) -> Self {
        ToolkitsError::Store(StoreError::Db(e))
    }
}

/// A toolkit as the list shows it.
#[derive(Debug, Clone)]
pub struct ToolkitSummary {
    pub toolkit: toolkit::Model,
    pub kind: ToolkitKind,
    pub grouping: Option<grouping::Model>,
    pub themes: usize,
    pub activities: usize,
    pub placeholders: usize,
    pub runs: usize,
}

/// A theme with its activities, in order.
#[derive(Debug, Clone)]
pub struct ThemeNode {
    pub theme: toolkit_theme::Model,
    pub activities: Vec<toolkit_activity::Model>,
}

/// A toolkit with its themes and activities.
#[derive(Debug, Clone)]
pub struct Tree {
    pub toolkit: toolkit::Model,
    pub kind: ToolkitKind,
    pub grouping: Option<grouping::Model>,
    pub plan: Option<action_plan::Model>,
    pub themes: Vec<ThemeNode>,
    /// Runs per activity.
    pub runs: HashMap<Uuid, usize>,
}

/// A run as pages and the API show it.
#[derive(Debug, Clone)]
pub struct RunView {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub ran_on: NaiveDate,
    pub participants: i32,
    pub comment: Option<String>,
    pub organization_id: String,
    pub organization: String,
    pub grouping_slug: String,
    pub grouping_name: String,
}

/// An activity with everything its page shows.
#[derive(Debug, Clone)]
pub struct ActivityDetail {
    pub activity: toolkit_activity::Model,
    pub theme: toolkit_theme::Model,
    pub toolkit: toolkit::Model,
    pub pathways: Vec<pathway::Model>,
    pub strategy: Option<StrategyRef>,
    pub runs: Vec<RunView>,
}

/// The strategy an activity supports, with its plan.
#[derive(Debug, Clone)]
pub struct StrategyRef {
    pub id: Uuid,
    pub title: String,
    pub plan_id: Uuid,
    pub plan_title: String,
}

/// An activity with where it sits, for search and lists.
#[derive(Debug, Clone)]
pub struct ActivityRow {
    pub activity: toolkit_activity::Model,
    pub toolkit_slug: String,
    pub toolkit_title: String,
    pub theme_title: String,
}

impl ActivityRow {
    pub fn audiences(&self) -> Vec<Audience> {
        Audience::split(&self.activity.audiences)
    }
}

/// What the activities' search index was built from: it changes with
/// every change to a toolkit, a theme or an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchStamp {
    pub toolkits: i64,
    pub activities: i64,
    pub last_change: Option<DateTime<Utc>>,
}

fn kind_of(t: &toolkit::Model) -> ToolkitKind {
    ToolkitKind::parse(&t.kind).unwrap_or(ToolkitKind::Toolkit)
}

// ---------- reading ----------

pub async fn find_by_slug<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> Result<Option<toolkit::Model>, StoreError> {
    Ok(toolkit::Entity::find()
        .filter(toolkit::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

pub async fn find<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<toolkit::Model>, StoreError> {
    Ok(toolkit::Entity::find_by_id(id).one(conn).await?)
}

pub async fn find_theme<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<toolkit_theme::Model>, StoreError> {
    Ok(toolkit_theme::Entity::find_by_id(id).one(conn).await?)
}

pub async fn find_activity<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<toolkit_activity::Model>, StoreError> {
    Ok(toolkit_activity::Entity::find_by_id(id).one(conn).await?)
}

async fn groupings_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, grouping::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(grouping::Entity::find()
        .filter(grouping::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect())
}

/// Every toolkit, by title, with its counts.
pub async fn list(store: &Store) -> Result<Vec<ToolkitSummary>, StoreError> {
    let conn = store.conn();
    let toolkits = toolkit::Entity::find()
        .order_by_asc(toolkit::Column::Title)
        .all(conn)
        .await?;
    let themes = toolkit_theme::Entity::find().all(conn).await?;
    let activities = toolkit_activity::Entity::find().all(conn).await?;
    let runs = toolkit_run::Entity::find()
        .select_only()
        .column(toolkit_run::Column::ActivityId)
        .into_tuple::<Uuid>()
        .all(conn)
        .await?;
    let toolkit_of: HashMap<Uuid, Uuid> = activities.iter().map(|a| (a.id, a.toolkit_id)).collect();
    let groupings = groupings_by_id(
        conn,
        toolkits.iter().filter_map(|t| t.grouping_id).collect(),
    )
    .await?;
    Ok(toolkits
        .into_iter()
        .map(|t| {
            let of = |id: &Uuid| *id == t.id;
            ToolkitSummary {
                kind: kind_of(&t),
                grouping: t.grouping_id.and_then(|g| groupings.get(&g).cloned()),
                themes: themes.iter().filter(|x| of(&x.toolkit_id)).count(),
                activities: activities.iter().filter(|a| of(&a.toolkit_id)).count(),
                placeholders: activities
                    .iter()
                    .filter(|a| of(&a.toolkit_id) && a.placeholder)
                    .count(),
                runs: runs
                    .iter()
                    .filter(|r| toolkit_of.get(*r).is_some_and(of))
                    .count(),
                toolkit: t,
            }
        })
        .collect())
}

/// Every toolkit's id, in the order of [`list`].
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<toolkit::Model>, StoreError> {
    Ok(toolkit::Entity::find()
        .order_by_asc(toolkit::Column::Title)
        .all(conn)
        .await?)
}

/// A toolkit with its themes and activities in order.
pub async fn tree<C: ConnectionTrait>(
    conn: &C,
    toolkit: toolkit::Model,
) -> Result<Tree, StoreError> {
    let themes = toolkit_theme::Entity::find()
        .filter(toolkit_theme::Column::ToolkitId.eq(toolkit.id))
        .order_by_asc(toolkit_theme::Column::Position)
        .all(conn)
        .await?;
    let activities = toolkit_activity::Entity::find()
        .filter(toolkit_activity::Column::ToolkitId.eq(toolkit.id))
        .order_by_asc(toolkit_activity::Column::Position)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = activities.iter().map(|a| a.id).collect();
    let mut runs: HashMap<Uuid, usize> = HashMap::new();
    if !ids.is_empty() {
        for a in toolkit_run::Entity::find()
            .select_only()
            .column(toolkit_run::Column::ActivityId)
            .filter(toolkit_run::Column::ActivityId.is_in(ids))
            .into_tuple::<Uuid>()
            .all(conn)
            .await?
        {
            *runs.entry(a).or_default() += 1;
        }
    }
    let themes = themes
        .into_iter()
        .map(|theme| ThemeNode {
            activities: activities
                .iter()
                .filter(|a| a.theme_id == theme.id)
                .cloned()
                .collect(),
            theme,
        })
        .collect();
    let grouping = match toolkit.grouping_id {
        Some(g) => grouping::Entity::find_by_id(g).one(conn).await?,
        None => None,
    };
    let plan = match toolkit.plan_id {
        Some(p) => action_plan::Entity::find_by_id(p).one(conn).await?,
        None => None,
    };
    Ok(Tree {
        kind: kind_of(&toolkit),
        toolkit,
        grouping,
        plan,
        themes,
        runs,
    })
}

/// Runs with their organization's and grouping's names, latest first.
async fn run_views<C: ConnectionTrait>(
    conn: &C,
    runs: Vec<toolkit_run::Model>,
) -> Result<Vec<RunView>, StoreError> {
    let org_ids: Vec<String> = runs.iter().map(|r| r.organization_id.clone()).collect();
    let orgs = groupings::org_briefs(conn, Some(&org_ids)).await?;
    let gs = groupings_by_id(conn, runs.iter().map(|r| r.grouping_id).collect()).await?;
    let mut out: Vec<RunView> = runs
        .into_iter()
        .map(|r| {
            let g = gs.get(&r.grouping_id);
            RunView {
                id: r.id,
                activity_id: r.activity_id,
                ran_on: r.ran_on,
                participants: r.participants,
                comment: r.comment,
                organization: orgs
                    .get(&r.organization_id)
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                organization_id: r.organization_id,
                grouping_slug: g.map(|g| g.slug.clone()).unwrap_or_default(),
                grouping_name: g.map(|g| g.name.clone()).unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.ran_on
            .cmp(&a.ran_on)
            .then(a.organization.cmp(&b.organization))
    });
    Ok(out)
}

/// An activity with its theme, toolkit, pathways, strategy and runs.
pub async fn activity_detail<C: ConnectionTrait>(
    conn: &C,
    activity: toolkit_activity::Model,
) -> Result<ActivityDetail, StoreError> {
    let theme = find_theme(conn, activity.theme_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let toolkit = find(conn, activity.toolkit_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let pathway_ids: Vec<Uuid> = toolkit_activity_pathway::Entity::find()
        .filter(toolkit_activity_pathway::Column::ActivityId.eq(activity.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.pathway_id)
        .collect();
    let pathways = if pathway_ids.is_empty() {
        Vec::new()
    } else {
        pathway::Entity::find()
            .filter(pathway::Column::Id.is_in(pathway_ids))
            .order_by_asc(pathway::Column::Position)
            .all(conn)
            .await?
    };
    let strategy = match activity.strategy_id {
        Some(id) => strategy_ref(conn, id).await?,
        None => None,
    };
    let runs = toolkit_run::Entity::find()
        .filter(toolkit_run::Column::ActivityId.eq(activity.id))
        .all(conn)
        .await?;
    Ok(ActivityDetail {
        runs: run_views(conn, runs).await?,
        activity,
        theme,
        toolkit,
        pathways,
        strategy,
    })
}

async fn strategy_ref<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<StrategyRef>, StoreError> {
    let Some(s) = strategy::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let plan = action_plan::Entity::find_by_id(s.plan_id).one(conn).await?;
    Ok(plan.map(|p| StrategyRef {
        id: s.id,
        title: s.title,
        plan_id: p.id,
        plan_title: p.title,
    }))
}

/// The pathway ids of an activity (its form).
pub async fn pathway_ids_of<C: ConnectionTrait>(
    conn: &C,
    activity_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(toolkit_activity_pathway::Entity::find()
        .filter(toolkit_activity_pathway::Column::ActivityId.eq(activity_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.pathway_id)
        .collect())
}

/// Every activity with its toolkit and theme, toolkit by toolkit in title
/// order, then theme and activity order (search, filters).
pub async fn all_activities<C: ConnectionTrait>(conn: &C) -> Result<Vec<ActivityRow>, StoreError> {
    let toolkits = all(conn).await?;
    let themes: HashMap<Uuid, toolkit_theme::Model> = toolkit_theme::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut activities = toolkit_activity::Entity::find().all(conn).await?;
    let toolkit_rank: HashMap<Uuid, usize> = toolkits
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    activities.sort_by_key(|a| {
        (
            toolkit_rank
                .get(&a.toolkit_id)
                .copied()
                .unwrap_or(usize::MAX),
            themes.get(&a.theme_id).map_or(i32::MAX, |t| t.position),
            a.position,
        )
    });
    let by_id: HashMap<Uuid, &toolkit::Model> = toolkits.iter().map(|t| (t.id, t)).collect();
    Ok(activities
        .into_iter()
        .filter_map(|a| {
            let t = by_id.get(&a.toolkit_id)?;
            let theme = themes.get(&a.theme_id)?;
            Some(ActivityRow {
                toolkit_slug: t.slug.clone(),
                toolkit_title: t.title.clone(),
                theme_title: theme.title.clone(),
                activity: a,
            })
        })
        .collect())
}

/// See [`SearchStamp`].
pub async fn search_stamp<C: ConnectionTrait>(conn: &C) -> Result<SearchStamp, StoreError> {
    let count = |table: &str| {
        Query::select()
            .expr_as(Expr::col(Alias::new("id")).count(), Alias::new("n"))
            .from(Alias::new(table))
            .to_owned()
    };
    let mut counts = [0_i64; 2];
    for (i, table) in ["toolkits", "toolkit_activities"].iter().enumerate() {
        if let Some(row) = conn.query_one(&count(table)).await? {
            counts[i] = row.try_get("", "n")?;
        }
    }
    let last_change = toolkit::Entity::find()
        .select_only()
        .column(toolkit::Column::UpdatedAt)
        .order_by_desc(toolkit::Column::UpdatedAt)
        .into_tuple::<DateTime<Utc>>()
        .one(conn)
        .await?;
    Ok(SearchStamp {
        toolkits: counts[0],
        activities: counts[1],
        last_change,
    })
}

/// A grouping's runs, latest first, with the activity and its toolkit.
#[derive(Debug, Clone)]
pub struct UsageRow {
    pub run: RunView,
    pub activity_title: String,
    pub toolkit_slug: String,
    pub toolkit_title: String,
}

pub async fn runs_of_grouping<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<UsageRow>, StoreError> {
    let runs = toolkit_run::Entity::find()
        .filter(toolkit_run::Column::GroupingId.eq(grouping_id))
        .all(conn)
        .await?;
    let activity_ids: Vec<Uuid> = runs.iter().map(|r| r.activity_id).collect();
    let activities: HashMap<Uuid, toolkit_activity::Model> = if activity_ids.is_empty() {
        HashMap::new()
    } else {
        toolkit_activity::Entity::find()
            .filter(toolkit_activity::Column::Id.is_in(activity_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect()
    };
    let toolkits: HashMap<Uuid, toolkit::Model> =
        all(conn).await?.into_iter().map(|t| (t.id, t)).collect();
    Ok(run_views(conn, runs)
        .await?
        .into_iter()
        .filter_map(|run| {
            let a = activities.get(&run.activity_id)?;
            let t = toolkits.get(&a.toolkit_id)?;
            Some(UsageRow {
                activity_title: a.title.clone(),
                toolkit_slug: t.slug.clone(),
                toolkit_title: t.title.clone(),
                run,
            })
        })
        .collect())
}

// ---------- writing ----------

/// Moves the toolkit's `updated_at` (see [`SearchStamp`]).
async fn touch<C: ConnectionTrait>(conn: &C, toolkit_id: Uuid) -> Result<(), StoreError> {
    toolkit::Entity::update_many()
        .col_expr(toolkit::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(toolkit::Column::Id.eq(toolkit_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// What a new toolkit is made of (the demo; administrators later).
#[derive(Debug, Clone)]
pub struct NewToolkit {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub source_note: String,
    pub kind: ToolkitKind,
    pub grouping_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
}

/// Creates a toolkit (or returns the one of that slug, unchanged).
pub async fn ensure_toolkit<C: ConnectionTrait>(
    conn: &C,
    new: &NewToolkit,
) -> Result<(toolkit::Model, bool), StoreError> {
    if let Some(existing) = find_by_slug(conn, &new.slug).await? {
        return Ok((existing, false));
    }
    let now = Utc::now();
    let model = toolkit::ActiveModel {
        id: Set(Uuid::new_v4()),
        slug: Set(new.slug.clone()),
        title: Set(new.title.clone()),
        description: Set(new.description.clone()),
        source_note: Set(new.source_note.clone()),
        kind: Set(new.kind.as_str().to_owned()),
        grouping_id: Set(new.grouping_id),
        plan_id: Set(new.plan_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok((model, true))
}

async fn next_position<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    parent_column: &str,
    parent: Uuid,
) -> Result<i32, StoreError> {
    let stmt = Query::select()
        .expr_as(Expr::col(Alias::new("position")).max(), Alias::new("m"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(parent_column)).eq(parent))
        .to_owned();
    let max = match conn.query_one(&stmt).await? {
        Some(row) => row.try_get::<Option<i32>>("", "m")?,
        None => None,
    };
    Ok(max.map_or(0, |m| m + 1))
}

/// Adds a theme at the end of the toolkit's.
pub async fn create_theme_in<C: ConnectionTrait>(
    conn: &C,
    toolkit_id: Uuid,
    theme: &Theme,
) -> Result<toolkit_theme::Model, StoreError> {
    let position = next_position(conn, "toolkit_themes", "toolkit_id", toolkit_id).await?;
    let model = toolkit_theme::ActiveModel {
        id: Set(Uuid::new_v4()),
        toolkit_id: Set(toolkit_id),
        position: Set(position),
        title: Set(theme.title.clone()),
        description: Set(theme.description.clone()),
    }
    .insert(conn)
    .await?;
    touch(conn, toolkit_id).await?;
    Ok(model)
}

pub async fn create_theme(
    store: &Store,
    actor: &Actor,
    toolkit_id: Uuid,
    theme: &Theme,
) -> Result<toolkit_theme::Model, StoreError> {
    let txn = store.write().await?;
    let model = create_theme_in(&txn, toolkit_id, theme).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.theme_create",
        Some(model.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

pub async fn update_theme(
    store: &Store,
    actor: &Actor,
    theme_id: Uuid,
    theme: &Theme,
) -> Result<toolkit_theme::Model, StoreError> {
    let txn = store.write().await?;
    let existing = find_theme(&txn, theme_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let toolkit_id = existing.toolkit_id;
    let mut active: toolkit_theme::ActiveModel = existing.into();
    active.title = Set(theme.title.clone());
    active.description = Set(theme.description.clone());
    let model = active.update(&txn).await?;
    touch(&txn, toolkit_id).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.theme_update",
        Some(theme_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Deletes a theme with its activities (and their runs).
pub async fn delete_theme(store: &Store, actor: &Actor, theme_id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let existing = find_theme(&txn, theme_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    toolkit_theme::Entity::delete_by_id(theme_id)
        .exec(&txn)
        .await?;
    touch(&txn, existing.toolkit_id).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.theme_delete",
        Some(theme_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An activity to write: what the rules accepted, plus where it goes and
/// what it is tied to.
#[derive(Debug, Clone)]
pub struct ActivityWrite {
    pub theme_id: Uuid,
    pub activity: Activity,
    pub pathway_ids: Vec<Uuid>,
    pub strategy_id: Option<Uuid>,
    pub placeholder: bool,
}

/// Refuses a theme of another toolkit, a pathway of another grouping and a
/// strategy of another grouping's plan.
async fn check_links<C: ConnectionTrait>(
    conn: &C,
    toolkit: &toolkit::Model,
    write: &ActivityWrite,
) -> Result<(), ToolkitsError> {
    let theme = find_theme(conn, write.theme_id).await?;
    if theme.is_none_or(|t| t.toolkit_id != toolkit.id) {
        return Err(ToolkitError::ForeignTheme.into());
    }
    if !write.pathway_ids.is_empty() {
        let Some(g) = toolkit.grouping_id else {
            return Err(ToolkitError::ForeignPathway.into());
        };
        let found = pathway::Entity::find()
            .filter(pathway::Column::Id.is_in(write.pathway_ids.clone()))
            .filter(pathway::Column::GroupingId.eq(g))
            .all(conn)
            .await?;
        let mut wanted = write.pathway_ids.clone();
        wanted.sort_unstable();
        wanted.dedup();
        if found.len() != wanted.len() {
            return Err(ToolkitError::ForeignPathway.into());
        }
    }
    if let Some(s) = write.strategy_id {
        let plan = match strategy::Entity::find_by_id(s).one(conn).await? {
            Some(s) => action_plan::Entity::find_by_id(s.plan_id).one(conn).await?,
            None => None,
        };
        if toolkit.grouping_id.is_none() || plan.map(|p| p.grouping_id) != toolkit.grouping_id {
            return Err(ToolkitError::ForeignStrategy.into());
        }
    }
    Ok(())
}

async fn set_pathways<C: ConnectionTrait>(
    conn: &C,
    activity_id: Uuid,
    pathway_ids: &[Uuid],
) -> Result<(), StoreError> {
    toolkit_activity_pathway::Entity::delete_many()
        .filter(toolkit_activity_pathway::Column::ActivityId.eq(activity_id))
        .exec(conn)
        .await?;
    let mut ids = pathway_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    toolkit_activity_pathway::Entity::insert_many(ids.into_iter().map(|pathway_id| {
        toolkit_activity_pathway::ActiveModel {
            activity_id: Set(activity_id),
            pathway_id: Set(pathway_id),
        }
    }))
    .exec(conn)
    .await?;
    Ok(())
}

/// Adds an activity at the end of its theme (in `conn`'s transaction).
pub async fn create_activity_in<C: ConnectionTrait>(
    conn: &C,
    toolkit: &toolkit::Model,
    write: &ActivityWrite,
) -> Result<toolkit_activity::Model, ToolkitsError> {
    check_links(conn, toolkit, write).await?;
    let position = next_position(conn, "toolkit_activities", "theme_id", write.theme_id).await?;
    let now = Utc::now();
    let a = &write.activity;
    let model = toolkit_activity::ActiveModel {
        id: Set(Uuid::new_v4()),
        toolkit_id: Set(toolkit.id),
        theme_id: Set(write.theme_id),
        position: Set(position),
        title: Set(a.title.clone()),
        objectives: Set(a.objectives.clone()),
        audiences: Set(Audience::join(&a.audiences)),
        duration_minutes: Set(a.duration_minutes),
        material: Set(a.material.clone()),
        steps: Set(a.steps.clone()),
        tips: Set(a.tips.clone()),
        strategy_id: Set(write.strategy_id),
        placeholder: Set(write.placeholder),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    set_pathways(conn, model.id, &write.pathway_ids).await?;
    touch(conn, toolkit.id).await?;
    Ok(model)
}

pub async fn create_activity(
    store: &Store,
    actor: &Actor,
    toolkit: &toolkit::Model,
    write: &ActivityWrite,
) -> Result<toolkit_activity::Model, ToolkitsError> {
    let txn = store.write().await?;
    let model = create_activity_in(&txn, toolkit, write).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.activity_create",
        Some(model.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Changes an activity (its theme may change within its toolkit: it then
/// goes to the end of the new theme). A written activity is no longer a
/// placeholder.
pub async fn update_activity(
    store: &Store,
    actor: &Actor,
    activity_id: Uuid,
    write: &ActivityWrite,
) -> Result<toolkit_activity::Model, ToolkitsError> {
    let txn = store.write().await?;
    let existing = find_activity(&txn, activity_id)
        .await?
        .ok_or(ToolkitsError::NotFound)?;
    let toolkit = find(&txn, existing.toolkit_id)
        .await?
        .ok_or(ToolkitsError::NotFound)?;
    check_links(&txn, &toolkit, write).await?;
    let position = if existing.theme_id == write.theme_id {
        existing.position
    } else {
        next_position(&txn, "toolkit_activities", "theme_id", write.theme_id).await?
    };
    let a = &write.activity;
    let mut active: toolkit_activity::ActiveModel = existing.into();
    active.theme_id = Set(write.theme_id);
    active.position = Set(position);
    active.title = Set(a.title.clone());
    active.objectives = Set(a.objectives.clone());
    active.audiences = Set(Audience::join(&a.audiences));
    active.duration_minutes = Set(a.duration_minutes);
    active.material = Set(a.material.clone());
    active.steps = Set(a.steps.clone());
    active.tips = Set(a.tips.clone());
    active.strategy_id = Set(write.strategy_id);
    active.placeholder = Set(write.placeholder);
    active.updated_at = Set(Utc::now());
    let model = active.update(&txn).await?;
    set_pathways(&txn, activity_id, &write.pathway_ids).await?;
    touch(&txn, toolkit.id).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.activity_update",
        Some(activity_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Deletes an activity with its runs and its attached documents.
pub async fn delete_activity(
    store: &Store,
    actor: &Actor,
    activity_id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let existing = find_activity(&txn, activity_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    for document in attachment_ids(&txn, activity_id).await? {
        documents::delete(&txn, document).await?;
    }
    toolkit_activity::Entity::delete_by_id(activity_id)
        .exec(&txn)
        .await?;
    touch(&txn, existing.toolkit_id).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.activity_delete",
        Some(activity_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The organizations that are members of the grouping today, by name
/// (the run form's choices).
pub async fn member_organizations<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(groupings::memberships(conn, grouping_id)
        .await?
        .into_iter()
        .filter(groupings::Member::is_current)
        .map(|m| (m.organization_id, m.name))
        .collect())
}

/// Where a run is recorded: for which grouping, by which organization.
#[derive(Debug, Clone)]
pub struct RunWrite {
    pub activity_id: Uuid,
    pub grouping_id: Uuid,
    pub organization_id: String,
    pub run: Run,
    pub recorded_by: Option<Uuid>,
}

/// Records a run in `conn`'s transaction: the organization must be a
/// current member of the grouping.
pub async fn record_run_in<C: ConnectionTrait>(
    conn: &C,
    write: &RunWrite,
) -> Result<toolkit_run::Model, ToolkitsError> {
    find_activity(conn, write.activity_id)
        .await?
        .ok_or(ToolkitsError::NotFound)?;
    let members = member_organizations(conn, write.grouping_id).await?;
    if !members.iter().any(|(id, _)| *id == write.organization_id) {
        return Err(ToolkitError::ForeignOrganization.into());
    }
    let comment = Some(write.run.comment.clone()).filter(|c| !c.is_empty());
    let model = toolkit_run::ActiveModel {
        id: Set(Uuid::new_v4()),
        activity_id: Set(write.activity_id),
        grouping_id: Set(write.grouping_id),
        organization_id: Set(write.organization_id.clone()),
        ran_on: Set(write.run.date),
        participants: Set(write.run.participants),
        comment: Set(comment),
        recorded_by: Set(write.recorded_by),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?;
    Ok(model)
}

pub async fn record_run(
    store: &Store,
    actor: &Actor,
    write: &RunWrite,
) -> Result<toolkit_run::Model, ToolkitsError> {
    let txn = store.write().await?;
    let model = record_run_in(&txn, write).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.run_create",
        Some(model.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// The run, if it is one of the grouping's.
pub async fn find_run<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<toolkit_run::Model>, StoreError> {
    Ok(toolkit_run::Entity::find_by_id(id).one(conn).await?)
}

pub async fn delete_run(store: &Store, actor: &Actor, run_id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    toolkit_run::Entity::delete_by_id(run_id).exec(&txn).await?;
    audit::record(
        &txn,
        actor,
        "toolkits.run_delete",
        Some(run_id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---------- attachments ----------

async fn attachment_ids<C: ConnectionTrait>(
    conn: &C,
    activity_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(toolkit_attachment::Entity::find()
        .filter(toolkit_attachment::Column::ActivityId.eq(activity_id))
        .order_by_asc(toolkit_attachment::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.document_id)
        .collect())
}

/// The documents attached to an activity, oldest first (without bytes).
pub async fn attachments<C: ConnectionTrait>(
    conn: &C,
    activity_id: Uuid,
) -> Result<Vec<DocumentInfo>, StoreError> {
    let mut out = Vec::new();
    for id in attachment_ids(conn, activity_id).await? {
        if let Some(info) = documents::info(conn, id).await? {
            out.push(info);
        }
    }
    Ok(out)
}

/// Whether the document is attached to the activity.
pub async fn is_attached<C: ConnectionTrait>(
    conn: &C,
    activity_id: Uuid,
    document_id: Uuid,
) -> Result<bool, StoreError> {
    Ok(toolkit_attachment::Entity::find()
        .filter(toolkit_attachment::Column::ActivityId.eq(activity_id))
        .filter(toolkit_attachment::Column::DocumentId.eq(document_id))
        .one(conn)
        .await?
        .is_some())
}

/// Keeps a document (its kind already checked by
/// `maillage_interop::documents::sniff`) and attaches it, in one
/// transaction.
pub async fn attach(
    store: &Store,
    actor: &Actor,
    activity_id: Uuid,
    file_name: &str,
    media_type: &str,
    bytes: Vec<u8>,
) -> Result<DocumentInfo, StoreError> {
    let txn = store.write().await?;
    let info = documents::insert(&txn, actor, file_name, media_type, bytes).await?;
    toolkit_attachment::ActiveModel {
        id: Set(Uuid::new_v4()),
        activity_id: Set(activity_id),
        document_id: Set(info.id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        "toolkits.attachment_create",
        Some(activity_id.to_string()),
        Some(serde_json::json!({ "document": info.id.to_string() })),
    )
    .await?;
    txn.commit().await?;
    Ok(info)
}
