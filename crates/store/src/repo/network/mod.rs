//! The network ("maillage"): links between organizations derived from
//! what groupings already record — co-attendance of a session (stronger at
//! the same table), joint actions, co-membership of other groupings and
//! links declared after an event, and, in a grouping's network, the
//! grouping's referrals — each with its sources, weights and the date it
//! was first seen.
//!
//! Evidence is gathered with one query per source, then folded in memory:
//! the network at a date, for some sources, above a weight, is a filter of
//! the same evidence.
//!
//! **Weights** (Newman 2001, « collaboration weighting »): sharing a group
//! of n organizations — a session, a table, another grouping — adds
//! 1/(n − 1) to each pair of it, so that each organization spreads one unit
//! over the others present: two organizations alone at a table get 1, two of
//! 48 at a plenary get 1/47. A joint action adds 1 (whatever its number of
//! partners) and a declared link its level (1 to 4). A referral adds 0.5
//! between the sending and the receiving organization, dated the day it
//! was sent: one person passed from one to the other is a lighter tie than
//! working together on an action (1), but a real one, and the flows of a
//! grouping add up (four referrals weigh two joint actions). A link's weight is the
//! sum over its sources; its count is how many times they met (each shared
//! session, table, action, grouping or declaration adds 1), the unweighted
//! view.

pub mod people;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::declared_link::DeclaredLevel;
use crate::entity::{
    action, action_organization, action_plan, attendance, declared_link, event, event_session,
    membership, referral, registration, team, team_member,
};
use crate::{Store, StoreError};

/// Where a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// Both organizations were present at the same session.
    CoAttendance,
    /// Their people sat at the same table (team) of an event.
    SameTeam,
    /// Lead or partner of the same action.
    JointAction,
    /// Members of the same grouping (another one than the network's).
    CoMembership,
    /// Declared by a participant after an event.
    Declared,
    /// A referral of the grouping from one to the other (either way).
    Referral,
}

impl Source {
    pub const ALL: [Source; 6] = [
        Source::CoAttendance,
        Source::SameTeam,
        Source::JointAction,
        Source::CoMembership,
        Source::Declared,
        Source::Referral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::CoAttendance => "co_attendance",
            Source::SameTeam => "same_team",
            Source::JointAction => "joint_action",
            Source::CoMembership => "co_membership",
            Source::Declared => "declared",
            Source::Referral => "referral",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// One reason for two organizations to be linked.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The two organizations, `a < b`.
    pub a: String,
    pub b: String,
    pub source: Source,
    pub weight: f64,
    /// When it happened; `None` when nothing dates it (counts at any date).
    pub on: Option<NaiveDate>,
    /// The event it comes from, if any.
    pub event: Option<Uuid>,
    /// The session it comes from, if any.
    pub session: Option<Uuid>,
}

fn pair(x: &str, y: &str) -> Option<(String, String)> {
    match x.cmp(y) {
        std::cmp::Ordering::Less => Some((x.to_owned(), y.to_owned())),
        std::cmp::Ordering::Greater => Some((y.to_owned(), x.to_owned())),
        std::cmp::Ordering::Equal => None,
    }
}

/// Every pair of a set of organizations.
fn pairs(orgs: &BTreeSet<String>) -> impl Iterator<Item = (String, String)> + '_ {
    let list: Vec<&String> = orgs.iter().collect();
    (0..list.len()).flat_map(move |i| {
        let list = list.clone();
        (i + 1..list.len()).map(move |j| (list[i].clone(), list[j].clone()))
    })
}

/// The pairs of `orgs` to record: all of them, or with `around` those
/// that include it.
fn pairs_in<'a>(
    orgs: &'a BTreeSet<String>,
    around: Option<&'a str>,
) -> Box<dyn Iterator<Item = (String, String)> + 'a> {
    match around {
        None => Box::new(pairs(orgs)),
        Some(o) if orgs.contains(o) => Box::new(orgs.iter().filter_map(move |x| pair(o, x))),
        Some(_) => Box::new(std::iter::empty()),
    }
}

/// Newman's collaboration weight of one group of `n` organizations (or
/// people): 1/(n − 1), 1 for a pair (and for a group too small to link).
pub fn newman_weight(n: usize) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a group has far fewer than 2⁵² members"
    )]
    let others = n.saturating_sub(1).max(1) as f64;
    1.0 / others
}

/// How many distinct organizations each `key` of `table` has (rows with an
/// organization only): the size of a session or a grouping whatever
/// `among` kept of it.
async fn group_sizes<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key: &str,
    keys: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, usize>, StoreError> {
    let stmt = Query::select()
        .column(Alias::new(key))
        .expr_as(
            Expr::col(Alias::new("organization_id")).count_distinct(),
            Alias::new("n"),
        )
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(key)).is_in(keys))
        .and_where(Expr::col(Alias::new("organization_id")).is_not_null())
        .group_by_col(Alias::new(key))
        .to_owned();
    let mut out = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        let id: Uuid = row.try_get("", key)?;
        let n: i64 = row.try_get("", "n")?;
        out.insert(id, usize::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// What a network covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A grouping: its events, its plans' actions, and its members'
    /// co-membership of other groupings.
    Grouping(Uuid),
    /// One event: its sessions, teams and declared links.
    Event(Uuid),
    /// Everything recorded on the territory.
    Territory,
}

/// The evidence of a scope, oldest first where dated.
pub async fn evidence<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
) -> Result<Vec<Evidence>, StoreError> {
    evidence_in(conn, scope, None, None).await
}

/// The evidence of a scope between organizations of `among` only: every
/// table is read for those organizations alone (an organization's page
/// needs its neighbourhood, not the territory).
pub async fn evidence_among<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    among: &BTreeSet<String>,
) -> Result<Vec<Evidence>, StoreError> {
    if among.len() < 2 {
        return Ok(Vec::new());
    }
    evidence_in(conn, scope, Some(among), None).await
}

/// The evidence of a scope between `org` and organizations of `among`.
pub async fn evidence_around<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    org: &str,
    among: &BTreeSet<String>,
) -> Result<Vec<Evidence>, StoreError> {
    if !among.contains(org) || among.len() < 2 {
        return Ok(Vec::new());
    }
    evidence_in(conn, scope, Some(among), Some(org)).await
}

async fn evidence_in<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    // `among` restricts every query below to its organizations; `around`
    // keeps the pairs that include it.
    let events: Vec<event::Model> = match scope {
        // A draft has not happened yet and is seen only by those who manage
        // it: it adds nothing to a grouping's or the territory's network.
        Scope::Grouping(g) => {
            event::Entity::find()
                .filter(event::Column::GroupingId.eq(*g))
                .filter(event::Column::Status.ne(event::EventStatus::Draft))
                .all(conn)
                .await?
        }
        Scope::Event(e) => event::Entity::find_by_id(*e).all(conn).await?,
        Scope::Territory => {
            event::Entity::find()
                .filter(event::Column::Status.ne(event::EventStatus::Draft))
                .all(conn)
                .await?
        }
    };
    let event_ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::EventId.is_in(event_ids.iter().copied()))
        .all(conn)
        .await?;
    let mut out = co_attendance(conn, &event_ids, &sessions, among, around).await?;
    out.extend(same_table(conn, &event_ids, &sessions, among, around).await?);
    out.extend(declared(conn, &event_ids, &sessions, among, around).await?);
    if matches!(scope, Scope::Event(_)) {
        return Ok(out);
    }
    out.extend(joint_actions(conn, scope, among, around).await?);
    out.extend(co_membership(conn, scope, among, around).await?);
    // Referrals are the grouping's own business: its network only, never
    // the territory's.
    if let Scope::Grouping(g) = scope {
        out.extend(referrals(conn, *g, among, around).await?);
    }
    Ok(out)
}

/// The weight of one referral (see the module's documentation).
pub const REFERRAL_WEIGHT: f64 = 0.5;

/// The grouping's referrals: one piece of evidence per referral between
/// its sending and its receiving organization, dated the day it was sent.
/// Only organizations and dates are read, never the person.
async fn referrals<C: ConnectionTrait>(
    conn: &C,
    grouping: Uuid,
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    let touches = |x: &str, y: &str| around.is_none_or(|o| x == o || y == o);
    let mut q = referral::Entity::find()
        .select_only()
        .columns([
            referral::Column::FromOrganizationId,
            referral::Column::ToOrganizationId,
            referral::Column::SentAt,
        ])
        .filter(referral::Column::GroupingId.eq(grouping));
    if let Some(set) = among {
        q = q
            .filter(referral::Column::FromOrganizationId.is_in(set.iter().cloned()))
            .filter(referral::Column::ToOrganizationId.is_in(set.iter().cloned()));
    }
    let rows: Vec<(String, String, chrono::DateTime<Utc>)> = q.into_tuple().all(conn).await?;
    Ok(rows
        .into_iter()
        .filter(|(from, to, _)| touches(from, to))
        .filter_map(|(from, to, sent)| {
            pair(&from, &to).map(|(a, b)| Evidence {
                a,
                b,
                source: Source::Referral,
                weight: REFERRAL_WEIGHT,
                on: Some(sent.date_naive()),
                event: None,
                session: None,
            })
        })
        .collect())
}

/// Co-attendance, session by session.
async fn co_attendance<C: ConnectionTrait>(
    conn: &C,
    event_ids: &[Uuid],
    sessions: &[event_session::Model],
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    let mut out = Vec::new();
    let session_of: HashMap<Uuid, &event_session::Model> =
        sessions.iter().map(|s| (s.id, s)).collect();
    let mut present: BTreeMap<Uuid, BTreeSet<String>> = BTreeMap::new();
    let mut rows = attendance::Entity::find()
        .filter(attendance::Column::EventId.is_in(event_ids.iter().copied()));
    if let Some(set) = among {
        rows = rows.filter(attendance::Column::OrganizationId.is_in(set.iter().cloned()));
    }
    for a in rows.all(conn).await? {
        if let Some(org) = a.organization_id {
            present.entry(a.session_id).or_default().insert(org);
        }
    }
    // The weight comes from the whole session, not the part `among` kept.
    let sizes = if among.is_some() {
        group_sizes(conn, "attendance", "session_id", present.keys().copied()).await?
    } else {
        present.iter().map(|(s, o)| (*s, o.len())).collect()
    };
    for (session, orgs) in &present {
        let s = session_of.get(session);
        let weight = newman_weight(sizes.get(session).copied().unwrap_or(orgs.len()));
        for (a, b) in pairs_in(orgs, around) {
            out.push(Evidence {
                a,
                b,
                source: Source::CoAttendance,
                weight,
                on: s.map(|s| s.date),
                event: s.map(|s| s.event_id),
                session: Some(*session),
            });
        }
    }

    Ok(out)
}

/// The same table: registrants' organizations, team by team, dated by the
/// event's first session.
async fn same_table<C: ConnectionTrait>(
    conn: &C,
    event_ids: &[Uuid],
    sessions: &[event_session::Model],
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    let mut out = Vec::new();
    let first_date: HashMap<Uuid, NaiveDate> = {
        let mut m: HashMap<Uuid, NaiveDate> = HashMap::new();
        for s in sessions {
            let d = m.entry(s.event_id).or_insert(s.date);
            if s.date < *d {
                *d = s.date;
            }
        }
        m
    };
    let teams = team::Entity::find()
        .filter(team::Column::EventId.is_in(event_ids.iter().copied()))
        .all(conn)
        .await?;
    let team_event: HashMap<Uuid, Uuid> = teams.iter().map(|t| (t.id, t.event_id)).collect();
    let mut reg_rows = registration::Entity::find()
        .filter(registration::Column::EventId.is_in(event_ids.iter().copied()));
    if let Some(set) = among {
        reg_rows = reg_rows.filter(registration::Column::OrganizationId.is_in(set.iter().cloned()));
    }
    let regs: HashMap<Uuid, Option<String>> = reg_rows
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r.organization_id))
        .collect();
    let mut at_table: BTreeMap<Uuid, BTreeSet<String>> = BTreeMap::new();
    let mut member_rows = team_member::Entity::find();
    member_rows = if among.is_some() {
        member_rows.filter(team_member::Column::RegistrationId.is_in(regs.keys().copied()))
    } else {
        member_rows.filter(team_member::Column::TeamId.is_in(teams.iter().map(|t| t.id)))
    };
    for m in member_rows.all(conn).await? {
        if let Some(Some(org)) = regs.get(&m.registration_id) {
            at_table.entry(m.team_id).or_default().insert(org.clone());
        }
    }
    let sizes = if among.is_some() {
        table_sizes(conn, at_table.keys().copied()).await?
    } else {
        at_table.iter().map(|(t, o)| (*t, o.len())).collect()
    };
    for (t, orgs) in &at_table {
        let e = team_event.get(t).copied();
        let weight = newman_weight(sizes.get(t).copied().unwrap_or(orgs.len()));
        for (a, b) in pairs_in(orgs, around) {
            out.push(Evidence {
                a,
                b,
                source: Source::SameTeam,
                weight,
                on: e.and_then(|e| first_date.get(&e).copied()),
                event: e,
                session: None,
            });
        }
    }

    Ok(out)
}

/// How many distinct organizations sat at each table (by their
/// registrants), in one query.
async fn table_sizes<C: ConnectionTrait>(
    conn: &C,
    teams: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, usize>, StoreError> {
    let stmt = Query::select()
        .column((team_member::Entity, team_member::Column::TeamId))
        .expr_as(
            Expr::col((registration::Entity, registration::Column::OrganizationId))
                .count_distinct(),
            Alias::new("n"),
        )
        .from(team_member::Entity)
        .inner_join(
            registration::Entity,
            Expr::col((registration::Entity, registration::Column::Id))
                .equals((team_member::Entity, team_member::Column::RegistrationId)),
        )
        .and_where(Expr::col((team_member::Entity, team_member::Column::TeamId)).is_in(teams))
        .and_where(
            Expr::col((registration::Entity, registration::Column::OrganizationId)).is_not_null(),
        )
        .group_by_col((team_member::Entity, team_member::Column::TeamId))
        .to_owned();
    let mut out = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        let id: Uuid = row.try_get("", "team_id")?;
        let n: i64 = row.try_get("", "n")?;
        out.insert(id, usize::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// Declared links, dated by the event's last session.
async fn declared<C: ConnectionTrait>(
    conn: &C,
    event_ids: &[Uuid],
    sessions: &[event_session::Model],
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    let touches = |x: &str, y: &str| around.is_none_or(|o| x == o || y == o);
    let mut out = Vec::new();
    let last_date: HashMap<Uuid, NaiveDate> = {
        let mut m: HashMap<Uuid, NaiveDate> = HashMap::new();
        for s in sessions {
            let d = m.entry(s.event_id).or_insert(s.date);
            if s.date > *d {
                *d = s.date;
            }
        }
        m
    };
    let mut declared = declared_link::Entity::find()
        .filter(declared_link::Column::EventId.is_in(event_ids.iter().copied()));
    if let Some(set) = among {
        declared = declared
            .filter(declared_link::Column::FromOrganizationId.is_in(set.iter().cloned()))
            .filter(declared_link::Column::ToOrganizationId.is_in(set.iter().cloned()));
    }
    for d in declared.all(conn).await? {
        if !touches(&d.from_organization_id, &d.to_organization_id) {
            continue;
        }
        if let Some((a, b)) = pair(&d.from_organization_id, &d.to_organization_id) {
            out.push(Evidence {
                a,
                b,
                source: Source::Declared,
                weight: d.level.weight(),
                on: last_date
                    .get(&d.event_id)
                    .copied()
                    .or_else(|| Some(d.created_at.date_naive())),
                event: Some(d.event_id),
                session: None,
            });
        }
    }

    Ok(out)
}

/// Joint actions: lead or partner of the same action of the scope's plans.
async fn joint_actions<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    let mut out = Vec::new();
    let mut plans = action_plan::Entity::find();
    if let Scope::Grouping(g) = scope {
        plans = plans.filter(action_plan::Column::GroupingId.eq(*g));
    }
    let plans: HashMap<Uuid, action_plan::Model> = plans
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let actions: HashMap<Uuid, action::Model> = action::Entity::find()
        .filter(action::Column::PlanId.is_in(plans.keys().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut involved: BTreeMap<Uuid, BTreeSet<String>> = BTreeMap::new();
    let mut partners = action_organization::Entity::find().filter(
        action_organization::Column::ActionId.in_subquery(
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("actions"))
                .and_where(Expr::col(Alias::new("plan_id")).is_in(plans.keys().copied()))
                .to_owned(),
        ),
    );
    if let Some(set) = among {
        partners =
            partners.filter(action_organization::Column::OrganizationId.is_in(set.iter().cloned()));
    }
    for link in partners.all(conn).await? {
        involved
            .entry(link.action_id)
            .or_default()
            .insert(link.organization_id);
    }
    for (id, orgs) in &involved {
        let on = actions.get(id).and_then(|a| {
            a.start_on.or_else(|| {
                plans
                    .get(&a.plan_id)
                    .and_then(|p| NaiveDate::from_ymd_opt(p.start_year, 1, 1))
            })
        });
        for (a, b) in pairs_in(orgs, around) {
            out.push(Evidence {
                a,
                b,
                source: Source::JointAction,
                weight: 1.0,
                on,
                event: None,
                session: None,
            });
        }
    }

    Ok(out)
}

async fn co_membership<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    among: Option<&BTreeSet<String>>,
    around: Option<&str>,
) -> Result<Vec<Evidence>, StoreError> {
    let touches = |x: &str, y: &str| around.is_none_or(|o| x == o || y == o);
    let mut out = Vec::new();
    // Co-membership: for a grouping, of the other groupings its members
    // share (its own would link every pair of members alike).
    let mut membership_rows = membership::Entity::find();
    if let Some(set) = among {
        membership_rows =
            membership_rows.filter(membership::Column::OrganizationId.is_in(set.iter().cloned()));
    }
    let memberships = membership_rows.all(conn).await?;
    let own: Option<HashSet<&str>> = match scope {
        Scope::Grouping(g) => Some(
            memberships
                .iter()
                .filter(|m| m.grouping_id == *g)
                .map(|m| m.organization_id.as_str())
                .collect(),
        ),
        _ => None,
    };
    let mut by_grouping: BTreeMap<Uuid, Vec<&membership::Model>> = BTreeMap::new();
    for m in &memberships {
        if let (Scope::Grouping(g), Some(own)) = (scope, &own)
            && (m.grouping_id == *g || !own.contains(m.organization_id.as_str()))
        {
            continue;
        }
        by_grouping.entry(m.grouping_id).or_default().push(m);
    }
    // A grouping's size is all its members', whatever `among` kept.
    let sizes: HashMap<Uuid, usize> = if among.is_some() {
        group_sizes(
            conn,
            "memberships",
            "grouping_id",
            by_grouping.keys().copied(),
        )
        .await?
    } else {
        let mut orgs: HashMap<Uuid, HashSet<&str>> = HashMap::new();
        for m in &memberships {
            orgs.entry(m.grouping_id)
                .or_default()
                .insert(m.organization_id.as_str());
        }
        orgs.into_iter().map(|(g, o)| (g, o.len())).collect()
    };
    for (grouping, members) in &by_grouping {
        let weight = newman_weight(sizes.get(grouping).copied().unwrap_or(members.len()));
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if !touches(&x.organization_id, &y.organization_id) {
                    continue;
                }
                let Some((a, b)) = pair(&x.organization_id, &y.organization_id) else {
                    continue;
                };
                // Together from the later of the two arrivals, until the
                // earlier departure.
                let on = match (x.joined_on, y.joined_on) {
                    (Some(p), Some(q)) => Some(Ord::max(p, q)),
                    (p, q) => p.or(q),
                };
                let gone = match (x.left_on, y.left_on) {
                    (Some(p), Some(q)) => Some(Ord::min(p, q)),
                    (p, q) => p.or(q),
                };
                if gone.is_some_and(|g| on.is_some_and(|o| g <= o)) {
                    continue;
                }
                out.push(Evidence {
                    a,
                    b,
                    source: Source::CoMembership,
                    weight,
                    on,
                    event: None,
                    session: None,
                });
            }
        }
    }
    Ok(out)
}

/// The organizations that share a session, a table, an action or a
/// grouping with `org`, or that it declared a link with (either way): the
/// candidates of its ego network, found without reading the territory.
pub async fn neighbours<C: ConnectionTrait>(
    conn: &C,
    org: &str,
) -> Result<BTreeSet<String>, StoreError> {
    // (table, key column, organization column): rows sharing a key with
    // one of `org`'s rows.
    const SHARED: [(&str, &str, &str); 3] = [
        ("attendance", "session_id", "organization_id"),
        ("action_organizations", "action_id", "organization_id"),
        ("memberships", "grouping_id", "organization_id"),
    ];
    let mut out = BTreeSet::new();
    let mut collect = |rows: Vec<sea_orm::QueryResult>, col: &str| -> Result<(), StoreError> {
        for row in rows {
            if let Some(id) = row.try_get::<Option<String>>("", col)? {
                out.insert(id);
            }
        }
        Ok(())
    };
    for (table, key, col) in SHARED {
        let stmt = Query::select()
            .distinct()
            .column(Alias::new(col))
            .from(Alias::new(table))
            .and_where(
                Expr::col(Alias::new(key)).in_subquery(
                    Query::select()
                        .column(Alias::new(key))
                        .from(Alias::new(table))
                        .and_where(Expr::col(Alias::new(col)).eq(org))
                        .to_owned(),
                ),
            )
            .to_owned();
        collect(conn.query_all(&stmt).await?, col)?;
    }
    // Tables: the organizations of the registrants seated with `org`'s.
    let tables_of_org = Query::select()
        .column(team_member::Column::TeamId)
        .from(team_member::Entity)
        .and_where(
            team_member::Column::RegistrationId.in_subquery(
                Query::select()
                    .column(registration::Column::Id)
                    .from(registration::Entity)
                    .and_where(registration::Column::OrganizationId.eq(org))
                    .to_owned(),
            ),
        )
        .to_owned();
    let stmt = Query::select()
        .distinct()
        .column(registration::Column::OrganizationId)
        .from(registration::Entity)
        .and_where(
            registration::Column::Id.in_subquery(
                Query::select()
                    .column(team_member::Column::RegistrationId)
                    .from(team_member::Entity)
                    .and_where(team_member::Column::TeamId.in_subquery(tables_of_org))
                    .to_owned(),
            ),
        )
        .to_owned();
    collect(conn.query_all(&stmt).await?, "organization_id")?;
    for (mine, other) in [
        ("from_organization_id", "to_organization_id"),
        ("to_organization_id", "from_organization_id"),
    ] {
        let stmt = Query::select()
            .distinct()
            .column(Alias::new(other))
            .from(Alias::new("declared_links"))
            .and_where(Expr::col(Alias::new(mine)).eq(org))
            .to_owned();
        collect(conn.query_all(&stmt).await?, other)?;
    }
    out.remove(org);
    Ok(out)
}

/// The tables a network is read from.
const SOURCE_TABLES: [&str; 12] = [
    "events",
    "event_sessions",
    "attendance",
    "registrations",
    "teams",
    "team_members",
    "declared_links",
    "actions",
    "action_organizations",
    "memberships",
    "organizations",
    "referrals",
];

/// The row counts of the tables a network is read from, in one query: a
/// cheap sign that rows were added or removed (by this process or
/// another, such as a command-line import) since a network was cached.
/// Changes in place are not seen here; the web application also counts
/// its own writes.
pub async fn stamp<C: ConnectionTrait>(conn: &C) -> Result<Vec<i64>, StoreError> {
    let mut stmt = Query::select();
    for table in SOURCE_TABLES {
        stmt.expr_as(
            Expr::cust(format!("(SELECT COUNT(*) FROM {table})")),
            Alias::new(table),
        );
    }
    let row = conn.query_one(&stmt).await?.ok_or(StoreError::NotFound)?;
    SOURCE_TABLES
        .iter()
        .map(|t| Ok(row.try_get::<i64>("", t)?))
        .collect()
}

/// What a link's weight is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Weighting {
    /// Newman's collaboration weight (the sum of the sources' weights).
    #[default]
    Collaboration,
    /// How many times the two met, whatever the size of the group.
    Count,
}

/// Which evidence to keep.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The network at this date: evidence dated later is left out.
    pub at: Option<NaiveDate>,
    /// Evidence dated before this is left out.
    pub from: Option<NaiveDate>,
    /// Only these sources (`None`: all).
    pub sources: Option<Vec<Source>>,
    /// Links whose weight (by `weighting`) is below are left out.
    pub min_weight: f64,
    /// Which weight `min_weight` is about.
    pub weighting: Weighting,
}

impl Filter {
    fn keeps(&self, e: &Evidence) -> bool {
        self.at.is_none_or(|at| e.on.is_none_or(|d| d <= at))
            && self.from.is_none_or(|from| e.on.is_none_or(|d| d >= from))
            && self.sources.as_ref().is_none_or(|s| s.contains(&e.source))
    }
}

/// A link between two organizations, its weight by source.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: String,
    pub b: String,
    pub weights: BTreeMap<Source, f64>,
    /// How many pieces of evidence of each source (shared sessions,
    /// tables, actions, groupings, declarations).
    pub counts: BTreeMap<Source, u32>,
    pub first_seen: Option<NaiveDate>,
}

impl Link {
    /// The collaboration weight: the sum of the sources' weights.
    pub fn weight(&self) -> f64 {
        self.weights.values().sum()
    }

    /// How many times the two met, all sources together (unweighted).
    pub fn count(&self) -> u32 {
        self.counts.values().sum()
    }

    /// The weight `w` asks for.
    pub fn value(&self, w: Weighting) -> f64 {
        match w {
            Weighting::Collaboration => self.weight(),
            Weighting::Count => f64::from(self.count()),
        }
    }
}

/// Folds the evidence into links.
pub fn links(evidence: &[Evidence], filter: &Filter) -> Vec<Link> {
    let mut by_pair: BTreeMap<(String, String), Link> = BTreeMap::new();
    for e in evidence.iter().filter(|e| filter.keeps(e)) {
        let link = by_pair
            .entry((e.a.clone(), e.b.clone()))
            .or_insert_with(|| Link {
                a: e.a.clone(),
                b: e.b.clone(),
                weights: BTreeMap::new(),
                counts: BTreeMap::new(),
                first_seen: e.on,
            });
        *link.weights.entry(e.source).or_insert(0.0) += e.weight;
        *link.counts.entry(e.source).or_insert(0) += 1;
        link.first_seen = match (link.first_seen, e.on) {
            (Some(x), Some(y)) => Some(Ord::min(x, y)),
            (x, y) => x.or(y),
        };
    }
    by_pair
        .into_values()
        // A hair below, so that 3 × 1/3 reaches 1.
        .filter(|l| l.value(filter.weighting) >= filter.min_weight - 1e-9)
        .collect()
}

/// The pairs whose links reach the threshold, with the date each first
/// reached it (`None` when undated evidence alone reaches it: it was
/// always there). Undated evidence counts first, then the dated in order.
fn first_dates(
    evidence: &[Evidence],
    weighting: Weighting,
    min_weight: f64,
) -> HashMap<(String, String), Option<NaiveDate>> {
    // Each pair's evidence: its date and what it adds.
    type Seen = Vec<(Option<NaiveDate>, f64)>;
    let mut by_pair: HashMap<(String, String), Seen> = HashMap::new();
    for e in evidence {
        let value = match weighting {
            Weighting::Collaboration => e.weight,
            Weighting::Count => 1.0,
        };
        by_pair
            .entry((e.a.clone(), e.b.clone()))
            .or_default()
            .push((e.on, value));
    }
    let mut out = HashMap::new();
    for (pair, mut seen) in by_pair {
        // `None` sorts before any date.
        seen.sort_by_key(|x| x.0);
        let mut total = 0.0;
        for (on, value) in seen {
            total += value;
            if total >= min_weight - 1e-9 {
                out.insert(pair, on);
                break;
            }
        }
    }
    out
}

/// What one session of an event created.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionGrowth {
    pub session: Uuid,
    pub date: Option<NaiveDate>,
    /// Pairs linked at this session that had no link of any source before.
    pub new_links: Vec<(String, String)>,
}

/// The new links of each session of an event, against every other piece
/// of `context` evidence (the grouping's or the territory's): the pairs
/// whose weight (by `threshold`'s weighting) reaches the threshold at this
/// session, counting what happened outside the event before its date and
/// at its earlier sessions. With a threshold of 0, the pairs no source had
/// linked before.
pub fn new_links_by_session(
    event_id: Uuid,
    sessions: &[event_session::Model],
    context: &[Evidence],
    threshold: (Weighting, f64),
) -> Vec<SessionGrowth> {
    type Pair = (String, String);
    let value = |e: &Evidence| match threshold.0 {
        Weighting::Collaboration => e.weight,
        Weighting::Count => 1.0,
    };
    // A hair below, as `links` does.
    let min = threshold.1 - 1e-9;
    let mut out = Vec::new();
    let mut at_event: HashMap<Pair, f64> = HashMap::new();
    let outside: Vec<&Evidence> = context
        .iter()
        .filter(|e| e.event != Some(event_id))
        .collect();
    let mut sorted: Vec<&event_session::Model> = sessions.iter().collect();
    sorted.sort_by_key(|s| s.date);
    for s in sorted {
        // What linked each pair outside the event before this session.
        let mut before: HashMap<Pair, f64> = at_event.clone();
        for e in outside.iter().filter(|e| e.on.is_none_or(|d| d < s.date)) {
            *before.entry((e.a.clone(), e.b.clone())).or_default() += value(e);
        }
        let mut here: BTreeMap<Pair, f64> = BTreeMap::new();
        for e in context
            .iter()
            .filter(|e| e.event == Some(event_id))
            .filter(|e| e.session == Some(s.id) || (e.session.is_none() && e.on == Some(s.date)))
        {
            *here.entry((e.a.clone(), e.b.clone())).or_default() += value(e);
        }
        let new: Vec<Pair> = here
            .iter()
            .filter(|(p, v)| match before.get(*p) {
                None => **v >= min,
                // Linked before: new only when it crosses the threshold here.
                Some(had) => *had < min && had + **v >= min,
            })
            .map(|(p, _)| p.clone())
            .collect();
        // Later sessions count this one's links as earlier ones.
        for (p, v) in here {
            *at_event.entry(p).or_default() += v;
        }
        out.push(SessionGrowth {
            session: s.id,
            date: Some(s.date),
            new_links: new,
        });
    }
    out
}

/// The network of a grouping as it stood at the end of one of its events.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthPoint {
    pub event: Uuid,
    pub title: String,
    pub date: NaiveDate,
    /// Links of the network at that date (those `keep` keeps).
    pub links: usize,
    /// Organizations with one of those links.
    pub nodes: usize,
    /// Of those links, the ones between two organizations with a sector…
    pub sectored: usize,
    /// …and, of these, between two different sectors.
    pub cross: usize,
    /// Links of the network at that date that were new at this event (of
    /// any sector).
    pub new_links: usize,
}

/// The network after each event of the grouping, oldest first, its links
/// those whose weight (by `threshold`'s weighting) reached the threshold by
/// then. One sweep over the pairs by the date they were first linked: a
/// link, once made,
/// stays in the network of every later date, so each event only adds the
/// pairs first linked since the one before (a network read again per event
/// costs events × links, minutes for a large territory).
pub async fn growth<C: ConnectionTrait>(
    conn: &C,
    grouping_id: Uuid,
    evidence: &[Evidence],
    keep: &(dyn Fn(&str, &str) -> bool + Sync),
    sector_of: &(dyn Fn(&str) -> Option<String> + Sync),
    threshold: (Weighting, f64),
) -> Result<Vec<GrowthPoint>, StoreError> {
    // A draft's title and date are for those who manage it: never a point
    // of the growth chart every signed-in account sees.
    let events = event::Entity::find()
        .filter(event::Column::GroupingId.eq(grouping_id))
        .filter(event::Column::Status.ne(event::EventStatus::Draft))
        .all(conn)
        .await?;
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .all(conn)
        .await?;
    let mut span: HashMap<Uuid, (NaiveDate, NaiveDate)> = HashMap::new();
    for s in &sessions {
        let d = span.entry(s.event_id).or_insert((s.date, s.date));
        d.0 = Ord::min(d.0, s.date);
        d.1 = Ord::max(d.1, s.date);
    }
    let mut dated: Vec<(NaiveDate, (String, String))> = Vec::new();
    let mut undated: Vec<(String, String)> = Vec::new();
    for (pair, first) in first_dates(evidence, threshold.0, threshold.1) {
        match first {
            Some(d) => dated.push((d, pair)),
            None => undated.push(pair),
        }
    }
    dated.sort();
    let firsts: Vec<NaiveDate> = dated.iter().map(|(d, _)| *d).collect();
    let mut order: Vec<(&event::Model, NaiveDate, NaiveDate)> = events
        .iter()
        .filter_map(|e| span.get(&e.id).map(|&(a, b)| (e, a, b)))
        .collect();
    order.sort_by_key(|&(e, _, end)| (end, e.id));

    let mut degree: HashMap<String, usize> = HashMap::new();
    let mut point = GrowthPoint {
        event: Uuid::nil(),
        title: String::new(),
        date: NaiveDate::MIN,
        links: 0,
        nodes: 0,
        sectored: 0,
        cross: 0,
        new_links: 0,
    };
    let mut add = |(a, b): &(String, String), point: &mut GrowthPoint| {
        if !keep(a, b) {
            return;
        }
        point.links += 1;
        for id in [a, b] {
            let d = degree.entry(id.clone()).or_default();
            if *d == 0 {
                point.nodes += 1;
            }
            *d += 1;
        }
        if let (Some(x), Some(y)) = (sector_of(a), sector_of(b)) {
            point.sectored += 1;
            if x != y {
                point.cross += 1;
            }
        }
    };
    for pair in &undated {
        add(pair, &mut point);
    }
    let mut next = 0;
    let mut out = Vec::with_capacity(order.len());
    for (e, start, end) in order {
        while next < dated.len() && dated[next].0 <= end {
            add(&dated[next].1, &mut point);
            next += 1;
        }
        let new_links =
            firsts.partition_point(|d| *d <= end) - firsts.partition_point(|d| *d < start);
        out.push(GrowthPoint {
            event: e.id,
            title: e.title.clone(),
            date: end,
            new_links,
            ..point.clone()
        });
    }
    Ok(out)
}

// ---------- declared links ----------

/// Records what a participant declared: one row per organization named,
/// replacing what the same registrant declared before for this event.
pub async fn declare(
    store: &Store,
    event_id: Uuid,
    registration_id: Uuid,
    from_organization: &str,
    to: &[(String, DeclaredLevel)],
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    declared_link::Entity::delete_many()
        .filter(declared_link::Column::EventId.eq(event_id))
        .filter(declared_link::Column::RegistrationId.eq(registration_id))
        .exec(&txn)
        .await?;
    let now = Utc::now();
    for (org, level) in to {
        if org == from_organization {
            continue;
        }
        declared_link::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            registration_id: Set(Some(registration_id)),
            from_organization_id: Set(from_organization.to_owned()),
            to_organization_id: Set(org.clone()),
            level: Set(*level),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn declared_by<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    registration_id: Uuid,
) -> Result<Vec<declared_link::Model>, StoreError> {
    Ok(declared_link::Entity::find()
        .filter(declared_link::Column::EventId.eq(event_id))
        .filter(declared_link::Column::RegistrationId.eq(registration_id))
        .all(conn)
        .await?)
}

/// The year of a date, for growth charts' labels.
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(
        a: &str,
        b: &str,
        source: Source,
        on: Option<(i32, u32, u32)>,
        event: Option<Uuid>,
        session: Option<Uuid>,
    ) -> Evidence {
        let (a, b) = pair(a, b).unwrap();
        Evidence {
            a,
            b,
            source,
            weight: 1.0,
            on: on.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            event,
            session,
        }
    }

    #[test]
    fn links_fold_sources_and_keep_the_first_date() {
        let e = vec![
            ev(
                "b",
                "a",
                Source::CoAttendance,
                Some((2018, 5, 8)),
                None,
                None,
            ),
            ev(
                "a",
                "b",
                Source::JointAction,
                Some((2016, 1, 1)),
                None,
                None,
            ),
            ev("a", "c", Source::CoMembership, None, None, None),
        ];
        let all = links(&e, &Filter::default());
        assert_eq!(all.len(), 2);
        let ab = &all[0];
        assert_eq!((ab.a.as_str(), ab.b.as_str()), ("a", "b"));
        assert!((ab.weight() - 2.0).abs() < 1e-12);
        assert_eq!(ab.first_seen, NaiveDate::from_ymd_opt(2016, 1, 1));
        let at_2017 = links(
            &e,
            &Filter {
                at: NaiveDate::from_ymd_opt(2017, 1, 1),
                ..Filter::default()
            },
        );
        assert_eq!(at_2017.len(), 2, "undated co-membership counts at any date");
        assert!((at_2017[0].weight() - 1.0).abs() < 1e-12);
        let only = links(
            &e,
            &Filter {
                sources: Some(vec![Source::CoAttendance]),
                ..Filter::default()
            },
        );
        assert_eq!(only.len(), 1);
        let strong = links(
            &e,
            &Filter {
                min_weight: 2.0,
                ..Filter::default()
            },
        );
        assert_eq!(strong.len(), 1);
    }

    #[test]
    fn new_links_are_those_no_source_had_before() {
        let event = Uuid::new_v4();
        let s1 = Uuid::new_v4();
        let s2 = Uuid::new_v4();
        let session = |id, (y, m, d)| event_session::Model {
            id,
            event_id: event,
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            starts_at: None,
            ends_at: None,
            place: None,
            address: None,
            position: 0,
        };
        let sessions = vec![session(s1, (2018, 5, 8)), session(s2, (2018, 11, 27))];
        let e = vec![
            // a–b worked together before the event: not new.
            ev(
                "a",
                "b",
                Source::JointAction,
                Some((2017, 3, 1)),
                None,
                None,
            ),
            ev(
                "a",
                "b",
                Source::CoAttendance,
                Some((2018, 5, 8)),
                Some(event),
                Some(s1),
            ),
            ev(
                "a",
                "c",
                Source::CoAttendance,
                Some((2018, 5, 8)),
                Some(event),
                Some(s1),
            ),
            // a–c again at the second session: already linked by the first.
            ev(
                "a",
                "c",
                Source::CoAttendance,
                Some((2018, 11, 27)),
                Some(event),
                Some(s2),
            ),
            ev(
                "c",
                "d",
                Source::CoAttendance,
                Some((2018, 11, 27)),
                Some(event),
                Some(s2),
            ),
        ];
        let growth = new_links_by_session(event, &sessions, &e, (Weighting::Collaboration, 0.0));
        assert_eq!(growth[0].new_links, vec![("a".to_owned(), "c".to_owned())]);
        assert_eq!(growth[1].new_links, vec![("c".to_owned(), "d".to_owned())]);
    }

    #[test]
    fn a_small_table_weighs_more_than_a_plenary_and_counts_stay_beside() {
        assert!((newman_weight(2) - 1.0).abs() < 1e-12);
        assert!((newman_weight(3) - 0.5).abs() < 1e-12);
        assert!((newman_weight(48) - 1.0 / 47.0).abs() < 1e-12);
        assert!(
            (newman_weight(1) - 1.0).abs() < 1e-12,
            "no division by zero"
        );
        let mut table = ev("a", "b", Source::SameTeam, None, None, None);
        table.weight = newman_weight(3);
        let mut plenary = ev("a", "c", Source::CoAttendance, None, None, None);
        plenary.weight = newman_weight(48);
        let mut again = plenary.clone();
        again.session = Some(Uuid::new_v4());
        let e = vec![table, plenary, again];
        let all = links(&e, &Filter::default());
        assert_eq!(all.len(), 2);
        assert!((all[0].weight() - 0.5).abs() < 1e-12);
        assert_eq!(all[0].count(), 1);
        assert!((all[1].weight() - 2.0 / 47.0).abs() < 1e-12);
        assert_eq!(all[1].count(), 2);
        let strong = links(
            &e,
            &Filter {
                min_weight: 0.2,
                ..Filter::default()
            },
        );
        assert_eq!(strong.len(), 1, "the plenary alone makes no link at 0.2");
        let by_count = links(
            &e,
            &Filter {
                min_weight: 2.0,
                weighting: Weighting::Count,
                ..Filter::default()
            },
        );
        assert_eq!(by_count.len(), 1);
        assert_eq!(by_count[0].b, "c");
    }

    #[test]
    fn a_link_grows_in_when_its_weight_reaches_the_threshold() {
        let plenary = |d: u32| {
            let mut e = ev(
                "a",
                "b",
                Source::CoAttendance,
                Some((2018, 5, d)),
                None,
                None,
            );
            e.weight = newman_weight(48);
            e
        };
        let table = {
            let mut e = ev("a", "c", Source::SameTeam, Some((2018, 5, 8)), None, None);
            e.weight = newman_weight(6);
            e
        };
        let e = vec![plenary(8), plenary(9), table];
        let at = first_dates(&e, Weighting::Collaboration, 0.2);
        assert_eq!(at.len(), 1, "two plenaries are not a link: {at:?}");
        assert_eq!(
            at[&("a".to_owned(), "c".to_owned())],
            NaiveDate::from_ymd_opt(2018, 5, 8)
        );
        let counted = first_dates(&e, Weighting::Count, 2.0);
        assert_eq!(
            counted[&("a".to_owned(), "b".to_owned())],
            NaiveDate::from_ymd_opt(2018, 5, 9),
            "met twice on the second day"
        );
        assert_eq!(first_dates(&e, Weighting::Collaboration, 0.0).len(), 2);
    }

    #[test]
    fn a_session_makes_new_links_when_weights_cross_the_threshold() {
        let event = Uuid::new_v4();
        let (s1, s2) = (Uuid::new_v4(), Uuid::new_v4());
        let session = |id, d| event_session::Model {
            id,
            event_id: event,
            date: NaiveDate::from_ymd_opt(2018, 5, d).unwrap(),
            starts_at: None,
            ends_at: None,
            place: None,
            address: None,
            position: 0,
        };
        let sessions = vec![session(s1, 8), session(s2, 9)];
        let seen = |a: &str, b: &str, d: u32, s: Uuid, w: f64| {
            let mut e = ev(
                a,
                b,
                Source::CoAttendance,
                Some((2018, 5, d)),
                Some(event),
                Some(s),
            );
            e.weight = w;
            e
        };
        let e = vec![
            // A plenary pair twice: never a link at 0.2.
            seen("a", "b", 8, s1, newman_weight(48)),
            seen("a", "b", 9, s2, newman_weight(48)),
            // Under the threshold at the first session, over at the second.
            seen("a", "c", 8, s1, 0.15),
            seen("a", "c", 9, s2, 0.15),
            // A small session at once.
            seen("c", "d", 9, s2, 0.5),
        ];
        let g = new_links_by_session(event, &sessions, &e, (Weighting::Collaboration, 0.2));
        assert!(g[0].new_links.is_empty(), "{:?}", g[0]);
        assert_eq!(
            g[1].new_links,
            vec![
                ("a".to_owned(), "c".to_owned()),
                ("c".to_owned(), "d".to_owned())
            ]
        );
        let all = new_links_by_session(event, &sessions, &e, (Weighting::Collaboration, 0.0));
        assert_eq!(all[0].new_links.len(), 2);
        assert_eq!(all[1].new_links, vec![("c".to_owned(), "d".to_owned())]);
    }
}
