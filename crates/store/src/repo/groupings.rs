//! Groupings: their description, pathways (*voies d'action*), staff,
//! funders and dated memberships of organizations.

use maillage_domain::plans::GroupingKind;
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::change_log::{self, Op};
use crate::entity::{grouping, grouping_funder, grouping_staff, membership, organization, pathway};
use crate::{Store, StoreError};

pub async fn list(store: &Store) -> Result<Vec<grouping::Model>, StoreError> {
    Ok(grouping::Entity::find()
        .order_by_asc(grouping::Column::Name)
        .all(store.conn())
        .await?)
}

pub async fn find_by_slug<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> Result<Option<grouping::Model>, StoreError> {
    Ok(grouping::Entity::find()
        .filter(grouping::Column::Slug.eq(slug))
        .one(conn)
        .await?)
}

pub async fn find_by_id(store: &Store, id: Uuid) -> Result<Option<grouping::Model>, StoreError> {
    Ok(grouping::Entity::find_by_id(id).one(store.conn()).await?)
}

/// Organizations that are members today (not left).
pub async fn member_count(store: &Store, grouping_id: Uuid) -> Result<u64, StoreError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .filter(membership::Column::LeftOn.is_null())
        .count(store.conn())
        .await?)
}

/// Organizations that are members today.
pub async fn members(
    store: &Store,
    grouping_id: Uuid,
) -> Result<Vec<organization::Model>, StoreError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .filter(membership::Column::LeftOn.is_null())
        .find_also_related(organization::Entity)
        .all(store.conn())
        .await?
        .into_iter()
        .filter_map(|(_, org)| org)
        .collect())
}

/// Creates the grouping or updates its name, kind and parent (by slug).
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    name: &str,
    kind: GroupingKind,
    parent_id: Option<Uuid>,
) -> Result<grouping::Model, StoreError> {
    let kind = grouping::Kind::from(kind);
    let now = Utc::now();
    let model = match find_by_slug(conn, slug).await? {
        Some(existing) => {
            if existing.name == name && existing.kind == kind && existing.parent_id == parent_id {
                return Ok(existing);
            }
            let version = existing.version;
            let mut active: grouping::ActiveModel = existing.into();
            active.name = Set(name.to_owned());
            active.kind = Set(kind);
            active.parent_id = Set(parent_id);
            active.updated_at = Set(now);
            active.version = Set(version + 1);
            let updated = active.update(conn).await?;
            change_log::append(
                conn,
                "groupings",
                &updated.id.to_string(),
                Op::Update,
                Some(updated.id),
            )
            .await?;
            return Ok(updated);
        }
        None => {
            grouping::ActiveModel {
                id: Set(Uuid::new_v4()),
                slug: Set(slug.to_owned()),
                name: Set(name.to_owned()),
                kind: Set(kind),
                parent_id: Set(parent_id),
                created_at: Set(now),
                updated_at: Set(now),
                territory: Set(None),
                mission: Set(None),
                vision: Set(None),
                fiduciary_id: Set(None),
                version: Set(1),
                referral_retention_months: Set(
                    maillage_domain::referrals::RETENTION_MONTHS_DEFAULT,
                ),
            }
            .insert(conn)
            .await?
        }
    };
    change_log::append(
        conn,
        "groupings",
        &model.id.to_string(),
        Op::Insert,
        Some(model.id),
    )
    .await?;
    Ok(model)
}

/// Adds an organization as a member (role `member`) unless it already is.
pub async fn add_member<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    organization_id: &str,
) -> Result<(), StoreError> {
    set_membership(
        conn,
        grouping_id,
        organization_id,
        &MembershipInput {
            role: "member".to_owned(),
            joined_on: None,
            representatives: Vec::new(),
        },
        false,
    )
    .await
}

pub async fn organization_count(store: &Store) -> Result<u64, StoreError> {
    Ok(organization::Entity::find().count(store.conn()).await?)
}

// ---------- the grouping itself ----------

/// What the grouping form edits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupingInput {
    pub name: String,
    pub kind: GroupingKind,
    pub parent_id: Option<Uuid>,
    pub territory: Option<String>,
    pub mission: Option<String>,
    pub vision: Option<String>,
    pub fiduciary_id: Option<String>,
}

/// The parent of each grouping, to refuse cycles.
pub async fn parents<C: ConnectionTrait>(conn: &C) -> Result<HashMap<Uuid, Uuid>, StoreError> {
    Ok(grouping::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|g| g.parent_id.map(|p| (g.id, p)))
        .collect())
}

/// Whether making `parent` the parent of `child` would put `child` under
/// itself.
pub async fn would_cycle<C: ConnectionTrait>(
    conn: &C,
    child: Uuid,
    parent: Uuid,
) -> Result<bool, StoreError> {
    let all = parents(conn).await?;
    Ok(maillage_domain::plans::creates_cycle(
        &child.to_string(),
        &parent.to_string(),
        |id| {
            Uuid::parse_str(id)
                .ok()
                .and_then(|u| all.get(&u))
                .map(Uuid::to_string)
        },
    ))
}

pub async fn create_grouping(
    store: &Store,
    actor: &Actor,
    slug: &str,
    input: &GroupingInput,
) -> Result<grouping::Model, StoreError> {
    let txn = store.write().await?;
    if find_by_slug(&txn, slug).await?.is_some() {
        return Err(StoreError::SlugTaken(slug.to_owned()));
    }
    let now = Utc::now();
    let model = grouping::ActiveModel {
        id: Set(Uuid::new_v4()),
        slug: Set(slug.to_owned()),
        name: Set(input.name.clone()),
        kind: Set(input.kind.into()),
        parent_id: Set(input.parent_id),
        created_at: Set(now),
        updated_at: Set(now),
        territory: Set(input.territory.clone()),
        mission: Set(input.mission.clone()),
        vision: Set(input.vision.clone()),
        fiduciary_id: Set(input.fiduciary_id.clone()),
        version: Set(1),
        referral_retention_months: Set(maillage_domain::referrals::RETENTION_MONTHS_DEFAULT),
    }
    .insert(&txn)
    .await?;
    change_log::append(
        &txn,
        "groupings",
        &model.id.to_string(),
        Op::Insert,
        Some(model.id),
    )
    .await?;
    audit::record(
        &txn,
        actor,
        "grouping.create",
        Some(model.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Saves the grouping form; refused (`Stale`) when someone saved since
/// `version`, or (`GroupingCycle`) when the parent would make a cycle.
pub async fn update_grouping(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    version: i32,
    input: &GroupingInput,
) -> Result<grouping::Model, StoreError> {
    let txn = store.write().await?;
    let existing = grouping::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if existing.version != version {
        return Err(StoreError::Stale("grouping"));
    }
    if let Some(parent) = input.parent_id
        && would_cycle(&txn, id, parent).await?
    {
        return Err(StoreError::GroupingCycle);
    }
    let mut active: grouping::ActiveModel = existing.into();
    active.name = Set(input.name.clone());
    active.kind = Set(input.kind.into());
    active.parent_id = Set(input.parent_id);
    active.territory = Set(input.territory.clone());
    active.mission = Set(input.mission.clone());
    active.vision = Set(input.vision.clone());
    active.fiduciary_id = Set(input.fiduciary_id.clone());
    active.version = Set(version + 1);
    active.updated_at = Set(Utc::now());
    let updated = active.update(&txn).await?;
    change_log::append(&txn, "groupings", &id.to_string(), Op::Update, Some(id)).await?;
    audit::record(&txn, actor, "grouping.update", Some(id.to_string()), None).await?;
    txn.commit().await?;
    Ok(updated)
}

/// The groupings under `id`, at any depth (a regional instance's local
/// groupings), nearest first.
pub async fn descendants<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let all = parents(conn).await?;
    let mut out = Vec::new();
    let mut frontier = vec![id];
    while let Some(current) = frontier.pop() {
        for (child, parent) in &all {
            if *parent == current && *child != id && !out.contains(child) {
                out.push(*child);
                frontier.push(*child);
            }
        }
    }
    Ok(out)
}

// ---------- pathways ----------

pub async fn pathways<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<pathway::Model>, StoreError> {
    Ok(pathway::Entity::find()
        .filter(pathway::Column::GroupingId.eq(grouping_id))
        .order_by_asc(pathway::Column::Position)
        .all(conn)
        .await?)
}

/// The pathways of several groupings in one query: grouping by grouping
/// in the order of `grouping_ids`, each in its own order.
pub async fn pathways_of<C: ConnectionTrait>(
    conn: &C,
    grouping_ids: &[Uuid],
) -> Result<Vec<pathway::Model>, StoreError> {
    if grouping_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = pathway::Entity::find()
        .filter(pathway::Column::GroupingId.is_in(grouping_ids.iter().copied()))
        .order_by_asc(pathway::Column::Position)
        .all(conn)
        .await?;
    let rank: std::collections::HashMap<Uuid, usize> = grouping_ids
        .iter()
        .enumerate()
        .rev()
        .map(|(i, id)| (*id, i))
        .collect();
    rows.sort_by_key(|p| rank.get(&p.grouping_id).copied().unwrap_or(usize::MAX));
    Ok(rows)
}

pub async fn create_pathway_in<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    name: &str,
    description: Option<String>,
) -> Result<pathway::Model, StoreError> {
    let position = super::order::position(pathways(conn, grouping_id).await?.len());
    Ok(pathway::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(grouping_id),
        name: Set(name.to_owned()),
        description: Set(description),
        position: Set(position),
    }
    .insert(conn)
    .await?)
}

pub async fn update_pathway(
    store: &Store,
    grouping_id: Uuid,
    id: Uuid,
    name: &str,
    description: Option<String>,
) -> Result<(), StoreError> {
    let found = pathway::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .filter(|p| p.grouping_id == grouping_id)
        .ok_or(StoreError::NotFound)?;
    let mut active: pathway::ActiveModel = found.into();
    active.name = Set(name.to_owned());
    active.description = Set(description);
    active.update(store.conn()).await?;
    Ok(())
}

pub async fn delete_pathway(store: &Store, grouping_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let res = pathway::Entity::delete_many()
        .filter(pathway::Column::Id.eq(id))
        .filter(pathway::Column::GroupingId.eq(grouping_id))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    let rest: Vec<Uuid> = pathways(&txn, grouping_id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    super::order::renumber(&txn, "pathways", &rest).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a pathway one place up (`-1`) or down (`+1`).
pub async fn move_pathway(
    store: &Store,
    grouping_id: Uuid,
    id: Uuid,
    step: i32,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let ids: Vec<Uuid> = pathways(&txn, grouping_id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    super::order::move_among(&txn, "pathways", ids, id, step).await?;
    txn.commit().await?;
    Ok(())
}

// ---------- staff ----------

pub async fn staff(
    store: &Store,
    grouping_id: Uuid,
) -> Result<Vec<grouping_staff::Model>, StoreError> {
    Ok(grouping_staff::Entity::find()
        .filter(grouping_staff::Column::GroupingId.eq(grouping_id))
        .order_by_asc(grouping_staff::Column::Position)
        .all(store.conn())
        .await?)
}

pub async fn create_staff_in<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    name: &str,
    role_title: &str,
    email: Option<String>,
) -> Result<(), StoreError> {
    let count = grouping_staff::Entity::find()
        .filter(grouping_staff::Column::GroupingId.eq(grouping_id))
        .count(conn)
        .await?;
    grouping_staff::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(grouping_id),
        name: Set(name.to_owned()),
        role_title: Set(role_title.to_owned()),
        email: Set(email),
        position: Set(i32::try_from(count).unwrap_or(i32::MAX)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn delete_staff(store: &Store, grouping_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let res = grouping_staff::Entity::delete_many()
        .filter(grouping_staff::Column::Id.eq(id))
        .filter(grouping_staff::Column::GroupingId.eq(grouping_id))
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

// ---------- funders ----------

pub async fn funders<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<String>, StoreError> {
    Ok(grouping_funder::Entity::find()
        .filter(grouping_funder::Column::GroupingId.eq(grouping_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|f| f.organization_id)
        .collect())
}

pub async fn add_funder_in<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    organization_id: &str,
) -> Result<(), StoreError> {
    if grouping_funder::Entity::find_by_id((grouping_id, organization_id.to_owned()))
        .one(conn)
        .await?
        .is_none()
    {
        grouping_funder::ActiveModel {
            grouping_id: Set(grouping_id),
            organization_id: Set(organization_id.to_owned()),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

pub async fn remove_funder(
    store: &Store,
    grouping_id: Uuid,
    organization_id: &str,
) -> Result<(), StoreError> {
    grouping_funder::Entity::delete_by_id((grouping_id, organization_id.to_owned()))
        .exec(store.conn())
        .await?;
    Ok(())
}

// ---------- memberships ----------

/// A membership as pages show it, with the organization's name and sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub organization_id: String,
    pub name: String,
    pub sector: Option<String>,
    pub role: maillage_domain::plans::MembershipRole,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub representatives: Vec<String>,
}

impl Member {
    /// Whether the organization was a member on `date` (joined on or
    /// before it, and had not left by then).
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.joined_on.is_none_or(|j| j <= date) && self.left_on.is_none_or(|l| l > date)
    }

    pub fn is_current(&self) -> bool {
        self.left_on.is_none()
    }
}

/// Name, sector and territory of organizations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgBrief {
    pub id: String,
    pub name: String,
    pub sector: Option<String>,
    pub territory: Option<String>,
}

/// Brief descriptions of the organizations `ids` (all when `None`).
pub async fn org_briefs<C: ConnectionTrait>(
    conn: &C,
    ids: Option<&[String]>,
) -> Result<HashMap<String, OrgBrief>, StoreError> {
    let mut stmt = Query::select()
        .columns(["id", "name", "sector", "territory"].map(Alias::new))
        .from(Alias::new("organizations"))
        .to_owned();
    if let Some(ids) = ids {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        stmt.and_where(Expr::col(Alias::new("id")).is_in(ids.iter().cloned()));
    }
    let mut out = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        let brief = OrgBrief {
            id: row.try_get("", "id")?,
            name: row.try_get("", "name")?,
            sector: row.try_get("", "sector")?,
            territory: row.try_get("", "territory")?,
        };
        out.insert(brief.id.clone(), brief);
    }
    Ok(out)
}

/// The organizations that were members of the grouping on `on` (only
/// their ids, for the network pages: no names to load).
pub async fn member_ids_on<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    on: NaiveDate,
) -> Result<Vec<String>, StoreError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .filter(
            membership::Column::OrganizationId.in_subquery(
                Query::select()
                    .column(Alias::new("id"))
                    .from(Alias::new("organizations"))
                    .to_owned(),
            ),
        )
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|m| m.joined_on.is_none_or(|j| j <= on) && m.left_on.is_none_or(|l| l > on))
        .map(|m| m.organization_id)
        .collect())
}

/// Every membership of the grouping, past and present, by name.
pub async fn memberships<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
) -> Result<Vec<Member>, StoreError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping_id))
        .all(conn)
        .await?;
    let ids: Vec<String> = rows.iter().map(|m| m.organization_id.clone()).collect();
    let briefs = org_briefs(conn, Some(&ids)).await?;
    let mut out: Vec<Member> = rows
        .into_iter()
        .filter_map(|m| {
            let brief = briefs.get(&m.organization_id)?;
            Some(Member {
                organization_id: m.organization_id,
                name: brief.name.clone(),
                sector: brief.sector.clone(),
                role: m.role.into(),
                joined_on: m.joined_on,
                left_on: m.left_on,
                representatives: m
                    .representatives
                    .unwrap_or_default()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        })
        .collect();
    out.sort_by_cached_key(|m| super::directory_pages::sort_key(&m.name));
    Ok(out)
}

/// The membership form.
/// A membership role as forms and files write it, as stored.
fn membership_role(text: &str) -> Result<membership::Role, StoreError> {
    text.parse::<maillage_domain::plans::MembershipRole>()
        .map(Into::into)
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MembershipInput {
    pub role: String,
    pub joined_on: Option<NaiveDate>,
    pub representatives: Vec<String>,
}

/// Adds a member, or (with `overwrite`) changes an existing membership's
/// role, date and representatives. An organization that had left joins
/// again: its `left_on` is cleared (the audit log keeps the former period).
pub async fn set_membership<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    organization_id: &str,
    input: &MembershipInput,
    overwrite: bool,
) -> Result<(), StoreError> {
    let representatives =
        (!input.representatives.is_empty()).then(|| input.representatives.join("\n"));
    match membership::Entity::find_by_id((grouping_id, organization_id.to_owned()))
        .one(conn)
        .await?
    {
        Some(existing) => {
            if !overwrite && existing.left_on.is_none() {
                return Ok(());
            }
            let mut active: membership::ActiveModel = existing.into();
            active.role = Set(membership_role(&input.role)?);
            active.joined_on = Set(input.joined_on);
            active.left_on = Set(None);
            active.representatives = Set(representatives);
            active.update(conn).await?;
        }
        None => {
            membership::ActiveModel {
                grouping_id: Set(grouping_id),
                organization_id: Set(organization_id.to_owned()),
                created_at: Set(Utc::now()),
                role: Set(membership_role(&input.role)?),
                joined_on: Set(input.joined_on),
                left_on: Set(None),
                representatives: Set(representatives),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

pub async fn save_membership(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    organization_id: &str,
    input: &MembershipInput,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    set_membership(&txn, grouping_id, organization_id, input, true).await?;
    audit::record(
        &txn,
        actor,
        "membership.save",
        Some(format!("{grouping_id}/{organization_id}")),
        Some(serde_json::json!({"role": input.role, "joined_on": input.joined_on})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records that the organization left on `left_on` (the row stays: the
/// history of the composition is kept).
pub async fn end_membership(
    store: &Store,
    actor: &Actor,
    grouping_id: Uuid,
    organization_id: &str,
    left_on: NaiveDate,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let existing = membership::Entity::find_by_id((grouping_id, organization_id.to_owned()))
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if existing.joined_on.is_some_and(|j| j > left_on) {
        return Err(StoreError::Invalid("left before joining".to_owned()));
    }
    let mut active: membership::ActiveModel = existing.into();
    active.left_on = Set(Some(left_on));
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "membership.end",
        Some(format!("{grouping_id}/{organization_id}")),
        Some(serde_json::json!({"left_on": left_on})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// Counting and inserting are one write, so that two added at once never
// share a position (or, for a funder, never insert the same row twice): the
// functions below own that write; the `_in` ones run inside a caller's.

/// Adds a pathway at the end of the grouping's list, in its own write.
pub async fn create_pathway(
    store: &Store,
    grouping_id: Uuid,
    name: &str,
    description: Option<String>,
) -> Result<pathway::Model, StoreError> {
    let txn = store.write().await?;
    let created = create_pathway_in(&txn, grouping_id, name, description).await?;
    txn.commit().await?;
    Ok(created)
}

/// Adds a staff member at the end of the grouping's list, in its own write.
pub async fn create_staff(
    store: &Store,
    grouping_id: Uuid,
    name: &str,
    role_title: &str,
    email: Option<String>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    create_staff_in(&txn, grouping_id, name, role_title, email).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a funder unless it is one already, in its own write.
pub async fn add_funder(
    store: &Store,
    grouping_id: Uuid,
    organization_id: &str,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    add_funder_in(&txn, grouping_id, organization_id).await?;
    txn.commit().await?;
    Ok(())
}
