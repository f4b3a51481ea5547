//! Referrals (« références »): sending one, reading it, moving it along
//! the closed loop of `maillage_domain::referrals`, and the two boxes
//! (the intervenant's outbox, the service's inbox).
//!
//! **Who sees a referral.** Only users of its two organizations (the
//! account's `organization_id`) who hold the member role or above: the
//! sender in the referral's grouping, the receiving side in any grouping
//! (a service of the territory need not be a member of the grouping).
//! Nobody else — not a coordinator, not an administrator — reads one; to
//! them it does not exist (the API's 404). Every read is audited
//! (`referral.read`, the referral's id, never personal data).
//!
//! The person's data is in `referral_people`; the purge
//! (`referrals_purge`) deletes that row and the free texts of the history.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use maillage_domain::access::{Principal, Role};
use maillage_domain::referrals::{
    self as rules, Capacity, ReferralError, ReferralInput, Side, Status, StatusInput,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entity::{
    grouping, membership, referral, referral_event, referral_notification, referral_person,
    service_referral_setting, user,
};
use crate::repo::audit;
use crate::{Store, StoreError};

/// Why the store refused.
#[derive(Debug, thiserror::Error)]
pub enum ReferralsError {
    /// No such referral, or not one the account may see.
    #[error("not found")]
    NotFound,
    /// The account is not of the organization it acts for, or the move
    /// is the other organization's.
    #[error("not of this organization")]
    Forbidden,
    /// Bad input (a French message names it): 422.
    #[error("{0}")]
    Invalid(ReferralError),
    /// A move the status machine has no place for, or made meanwhile: 409.
    #[error("{0}")]
    Conflict(ReferralError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for ReferralsError {
    fn from(e: sea_orm::DbErr) -> Self {
        ReferralsError::Store(StoreError::Db(e))
    }
}

impl From<ReferralError> for ReferralsError {
    fn from(e: ReferralError) -> Self {
        match e {
            ReferralError::Transition | ReferralError::Version => ReferralsError::Conflict(e),
            // DESIGN.md §4: the other organization's move is refused as not
            // the account's to make (403), not as bad input.
            ReferralError::Side => ReferralsError::Forbidden,
            other => ReferralsError::Invalid(other),
        }
    }
}

/// Who acts: an account, its organization and its roles.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user_id: Uuid,
    pub name: &'a str,
    pub organization_id: Option<&'a str>,
    pub principal: &'a Principal,
    pub ip: Option<&'a str>,
}

impl Actor<'_> {
    fn audit(&self) -> audit::Actor {
        audit::Actor {
            user_id: Some(self.user_id),
            ip: self.ip.map(str::to_owned),
        }
    }

    /// Whether the account holds the member role or above somewhere (or in
    /// `grouping`).
    fn is_member(&self, grouping: Option<Uuid>) -> bool {
        let roles = &self.principal.grouping_roles;
        match grouping {
            Some(g) => roles
                .get(&g.to_string())
                .is_some_and(|r| *r >= Role::Member),
            None => roles.values().any(|r| *r >= Role::Member),
        }
    }

    /// The side the account is on for `r`, if any: the rule of the module
    /// documentation.
    #[must_use]
    pub fn side(&self, r: &referral::Model) -> Option<Side> {
        let org = self.organization_id?;
        if org == r.from_organization_id && self.is_member(Some(r.grouping_id)) {
            Some(Side::Sender)
        } else if org == r.to_organization_id && self.is_member(None) {
            Some(Side::Receiver)
        } else {
            None
        }
    }
}

/// A service of the directory as the referral form needs it.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceBrief {
    pub id: String,
    pub name: String,
    pub organization_id: String,
    pub organization_name: String,
    /// HSDS status (`active`, `inactive`, …); blank is taken as active.
    pub status: Option<String>,
    /// HSDS `eligibility_description`, shown beside the published criteria.
    pub eligibility: Option<String>,
    pub capacity: Capacity,
}

impl ServiceBrief {
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.status
            .as_deref()
            .map(str::trim)
            .is_none_or(|s| s.is_empty() || s.eq_ignore_ascii_case("active"))
    }
}

/// What services publish about taking referrals, by service id (the
/// default for a service that published nothing is left out).
pub async fn capacities<C: ConnectionTrait>(
    conn: &C,
    service_ids: &[String],
) -> Result<HashMap<String, Capacity>, StoreError> {
    if service_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out = HashMap::new();
    for chunk in service_ids.chunks(500) {
        for row in service_referral_setting::Entity::find()
            .filter(service_referral_setting::Column::ServiceId.is_in(chunk.iter().cloned()))
            .all(conn)
            .await?
        {
            out.insert(row.service_id.clone(), capacity_of(&row));
        }
    }
    Ok(out)
}

fn capacity_of(row: &service_referral_setting::Model) -> Capacity {
    Capacity {
        accepts_referrals: row.accepts_referrals,
        criteria: row.criteria.clone(),
        ack_days: row.ack_days,
        waiting_weeks: row.waiting_weeks,
        asked_fields: serde_json::from_str(&row.asked_fields).unwrap_or_default(),
    }
}

/// One service with its organization and capacity; `None` when unknown.
pub async fn service<C: ConnectionTrait>(
    conn: &C,
    id: &str,
) -> Result<Option<ServiceBrief>, StoreError> {
    let stmt = Query::select()
        .expr_as(
            Expr::col((Alias::new("s"), Alias::new("id"))),
            Alias::new("id"),
        )
        .expr_as(
            Expr::col((Alias::new("s"), Alias::new("name"))),
            Alias::new("name"),
        )
        .expr_as(
            Expr::col((Alias::new("s"), Alias::new("status"))),
            Alias::new("status"),
        )
        .expr_as(
            Expr::col((Alias::new("s"), Alias::new("eligibility_description"))),
            Alias::new("eligibility"),
        )
        .expr_as(
            Expr::col((Alias::new("o"), Alias::new("id"))),
            Alias::new("organization_id"),
        )
        .expr_as(
            Expr::col((Alias::new("o"), Alias::new("name"))),
            Alias::new("organization_name"),
        )
        .from_as(Alias::new("services"), Alias::new("s"))
        .join_as(
            JoinType::InnerJoin,
            Alias::new("organizations"),
            Alias::new("o"),
            Expr::col((Alias::new("o"), Alias::new("id")))
                .equals((Alias::new("s"), Alias::new("organization_id"))),
        )
        .and_where(Expr::col((Alias::new("s"), Alias::new("id"))).eq(id))
        .to_owned();
    let Some(row) = conn.query_one(&stmt).await? else {
        return Ok(None);
    };
    let id: String = row.try_get("", "id")?;
    let capacity = service_referral_setting::Entity::find_by_id(id.clone())
        .one(conn)
        .await?
        .map(|r| capacity_of(&r))
        .unwrap_or_default();
    Ok(Some(ServiceBrief {
        id,
        name: row
            .try_get::<Option<String>>("", "name")?
            .unwrap_or_default(),
        organization_id: row.try_get("", "organization_id")?,
        organization_name: row.try_get("", "organization_name")?,
        status: row.try_get("", "status")?,
        eligibility: row.try_get("", "eligibility")?,
        capacity,
    }))
}

/// Saves what a service publishes about taking referrals.
pub async fn set_capacity(
    store: &Store,
    service_id: &str,
    capacity: &Capacity,
    by: Option<Uuid>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let row = service_referral_setting::ActiveModel {
        service_id: Set(service_id.to_owned()),
        accepts_referrals: Set(capacity.accepts_referrals),
        criteria: Set(capacity.criteria.clone()),
        ack_days: Set(capacity.ack_days),
        waiting_weeks: Set(capacity.waiting_weeks),
        asked_fields: Set(
            serde_json::to_string(&capacity.asked_fields).unwrap_or_else(|_| "[]".into())
        ),
        updated_at: Set(Utc::now()),
        updated_by: Set(by),
    };
    if service_referral_setting::Entity::find_by_id(service_id.to_owned())
        .one(&txn)
        .await?
        .is_some()
    {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether a service of `service_org` is shared with `grouping`: its
/// organization is a current member, or lies in the grouping's territory
/// (or under it).
async fn shared_with<C: ConnectionTrait>(
    conn: &C,
    grouping: &grouping::Model,
    service_org: &str,
) -> Result<bool, StoreError> {
    let member = membership::Entity::find()
        .filter(membership::Column::GroupingId.eq(grouping.id))
        .filter(membership::Column::OrganizationId.eq(service_org))
        .filter(membership::Column::LeftOn.is_null())
        .count(conn)
        .await?
        > 0;
    if member {
        return Ok(true);
    }
    let Some(territory) = grouping.territory.as_deref() else {
        return Ok(false);
    };
    let briefs = crate::repo::groupings::org_briefs(conn, Some(&[service_org.to_owned()])).await?;
    let Some(org_territory) = briefs.get(service_org).and_then(|b| b.territory.clone()) else {
        return Ok(false);
    };
    let all: HashMap<String, crate::repo::directory::Territory> =
        crate::repo::directory::territories(conn)
            .await?
            .into_iter()
            .map(|t| (t.slug.clone(), t))
            .collect();
    Ok(crate::repo::directory::with_ancestors(&org_territory, &all)
        .iter()
        .any(|t| t == territory))
}

/// The groupings `org` refers through for this account: those where the
/// account holds the member role or above and `org` is a current member.
pub async fn sending_groupings<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor<'_>,
    org: &str,
) -> Result<Vec<grouping::Model>, StoreError> {
    let ids: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::OrganizationId.eq(org))
        .filter(membership::Column::LeftOn.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.grouping_id)
        .filter(|g| actor.is_member(Some(*g)))
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(grouping::Entity::find()
        .filter(grouping::Column::Id.is_in(ids))
        .order_by_asc(grouping::Column::Name)
        .all(conn)
        .await?)
}

/// A referral to send.
#[derive(Debug, Clone)]
pub struct NewReferral {
    /// The grouping it goes through; `None`: the first (by name) of the
    /// sender's groupings the service is shared with.
    pub grouping: Option<Uuid>,
    pub from_organization: String,
    pub service: String,
    pub input: ReferralInput,
}

/// The receiving organization's accounts to tell of a new referral or a
/// move (active accounts of the organization; the web layer mails them
/// when SMTP is set).
#[derive(Debug, Clone, Default)]
pub struct Notified {
    pub emails: Vec<String>,
}

/// Sends a referral: checks the account, the consent and the person, the
/// service (active, taking referrals, shared with the grouping), writes
/// the referral, its person, its first history line and the receiving
/// side's notices, in one transaction.
pub async fn create(
    store: &Store,
    actor: &Actor<'_>,
    new: &NewReferral,
    now: DateTime<Utc>,
) -> Result<(referral::Model, Notified), ReferralsError> {
    if actor.organization_id != Some(new.from_organization.as_str()) {
        return Err(ReferralsError::Forbidden);
    }
    let txn = store.write().await?;
    let service = service(&txn, &new.service)
        .await?
        .ok_or(ReferralsError::Invalid(ReferralError::ToService))?;
    // Consent and the person first: a referral without consent is refused
    // whatever else is wrong with it.
    let valid = new
        .input
        .validate(&service.capacity.asked_fields, now.date_naive())?;
    check_service(&service, &new.from_organization)?;
    let grouping = choose_grouping(&txn, actor, new, &service).await?;
    let (reason_term_id, reason) = resolve_reason(&txn, &valid.reason).await?;
    let id = Uuid::new_v4();
    let model = referral::ActiveModel {
        id: Set(id),
        grouping_id: Set(grouping.id),
        from_organization_id: Set(new.from_organization.clone()),
        from_user_id: Set(Some(actor.user_id)),
        to_organization_id: Set(service.organization_id.clone()),
        service_id: Set(service.id.clone()),
        service_name: Set(service.name.clone()),
        redirected_from: Set(None),
        reason_term_id: Set(reason_term_id),
        reason: Set(Some(reason)),
        urgency: Set(valid.urgency.as_str().to_owned()),
        status: Set(Status::Sent.as_str().to_owned()),
        decline_reason: Set(None),
        obstacle: Set(None),
        consent_given_by: Set(valid.consent.given_by.as_str().to_owned()),
        consent_shared: Set(valid.consent.shared.clone()),
        consent_until: Set(valid.consent.until),
        consent_at: Set(now),
        sent_at: Set(now),
        due_at: Set(rules::due_at(now, service.capacity.ack_days)),
        acknowledged_at: Set(None),
        closed_at: Set(None),
        updated_at: Set(now),
        purged_at: Set(None),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    insert_person(&txn, id, &valid.person, valid.note.as_deref()).await?;
    history(
        &txn,
        id,
        actor,
        Side::Sender,
        None,
        Status::Sent,
        None,
        None,
        None,
        None,
        now,
    )
    .await?;
    let notified = notify(&txn, &model, Side::Receiver, Status::Sent, now).await?;
    audit::record(
        &txn,
        &actor.audit(),
        "referral.create",
        Some(id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok((model, notified))
}

fn check_service(service: &ServiceBrief, from_org: &str) -> Result<(), ReferralError> {
    if !service.is_active() {
        return Err(ReferralError::ServiceInactive);
    }
    if !service.capacity.accepts_referrals {
        return Err(ReferralError::ServiceClosed);
    }
    if service.organization_id == from_org {
        return Err(ReferralError::SameOrganization);
    }
    Ok(())
}

async fn choose_grouping<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor<'_>,
    new: &NewReferral,
    service: &ServiceBrief,
) -> Result<grouping::Model, ReferralsError> {
    let candidates = sending_groupings(conn, actor, &new.from_organization).await?;
    let candidates: Vec<grouping::Model> = match new.grouping {
        Some(g) => candidates.into_iter().filter(|c| c.id == g).collect(),
        None => candidates,
    };
    if candidates.is_empty() {
        return Err(ReferralsError::Invalid(ReferralError::NotMember));
    }
    for g in candidates {
        if shared_with(conn, &g, &service.organization_id).await? {
            return Ok(g);
        }
    }
    Err(ReferralsError::Invalid(ReferralError::ServiceTerritory))
}

/// A taxonomy term's id gives the term's name; anything else is the
/// reason as typed.
async fn resolve_reason<C: ConnectionTrait>(
    conn: &C,
    reason: &str,
) -> Result<(Option<String>, String), StoreError> {
    let stmt = Query::select()
        .columns(["id", "name"].map(Alias::new))
        .from(Alias::new("taxonomy_terms"))
        .and_where(Expr::col(Alias::new("id")).eq(reason))
        .to_owned();
    Ok(match conn.query_one(&stmt).await? {
        Some(row) => {
            let name: Option<String> = row.try_get("", "name")?;
            (
                Some(reason.to_owned()),
                name.unwrap_or_else(|| reason.to_owned()),
            )
        }
        None => (None, reason.to_owned()),
    })
}

async fn insert_person<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    person: &rules::Person,
    note: Option<&str>,
) -> Result<(), StoreError> {
    referral_person::ActiveModel {
        referral_id: Set(id),
        first_name: Set(person.first_name.clone()),
        contact: Set(person.contact.clone()),
        language: Set(person.language.clone()),
        age_group: Set(person.age_group.map(|a| a.as_str().to_owned())),
        extra: Set((!person.extra.is_empty())
            .then(|| serde_json::to_string(&person.extra).unwrap_or_default())),
        note: Set(note.map(str::to_owned)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[expect(
    clippy::too_many_arguments,
    reason = "one history line has that many columns"
)]
async fn history<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    actor: &Actor<'_>,
    side: Side,
    from: Option<Status>,
    to: Status,
    reason: Option<&str>,
    comment: Option<&str>,
    to_service: Option<&str>,
    to_referral: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    referral_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        referral_id: Set(id),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        actor_name: Set(actor.name.to_owned()),
        side: Set(side_code(side).to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        reason: Set(reason.map(str::to_owned)),
        comment: Set(comment.map(str::to_owned)),
        to_service_id: Set(to_service.map(str::to_owned)),
        to_referral_id: Set(to_referral),
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[must_use]
pub fn side_code(side: Side) -> &'static str {
    match side {
        Side::Sender => "sender",
        Side::Receiver => "receiver",
    }
}

/// Writes a notice for each active account of the organization on `to`'s
/// side of `r`; returns their addresses.
async fn notify<C: ConnectionTrait>(
    conn: &C,
    r: &referral::Model,
    to: Side,
    status: Status,
    now: DateTime<Utc>,
) -> Result<Notified, StoreError> {
    let org = match to {
        Side::Sender => &r.from_organization_id,
        Side::Receiver => &r.to_organization_id,
    };
    let users = user::Entity::find()
        .filter(user::Column::OrganizationId.eq(org.as_str()))
        .filter(user::Column::Active.eq(true))
        .all(conn)
        .await?;
    let mut emails = Vec::new();
    for u in users {
        referral_notification::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(u.id),
            referral_id: Set(r.id),
            status: Set(status.as_str().to_owned()),
            created_at: Set(now),
            read_at: Set(None),
        }
        .insert(conn)
        .await?;
        emails.push(u.email);
    }
    Ok(Notified { emails })
}

/// A referral as one of its two organizations reads it.
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub referral: referral::Model,
    pub side: Side,
    /// `None` once purged (or erased on request).
    pub person: Option<referral_person::Model>,
    pub history: Vec<referral_event::Model>,
    pub from_organization_name: String,
    pub to_organization_name: String,
    pub grouping_name: String,
}

impl ReferralView {
    #[must_use]
    pub fn status(&self) -> Status {
        Status::parse(&self.referral.status).unwrap_or(Status::Sent)
    }

    #[must_use]
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        rules::is_overdue(self.status(), self.referral.due_at, now)
    }
}

/// Loads a referral the account may see (else `NotFound`), with its person
/// and history, and audits the read.
pub async fn view(
    store: &Store,
    actor: &Actor<'_>,
    id: Uuid,
) -> Result<ReferralView, ReferralsError> {
    let conn = store.conn();
    let r = referral::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ReferralsError::NotFound)?;
    let side = actor.side(&r).ok_or(ReferralsError::NotFound)?;
    let person = referral_person::Entity::find_by_id(id).one(conn).await?;
    let history = referral_event::Entity::find()
        .filter(referral_event::Column::ReferralId.eq(id))
        .order_by_asc(referral_event::Column::At)
        .all(conn)
        .await?;
    let names = crate::repo::groupings::org_briefs(
        conn,
        Some(&[r.from_organization_id.clone(), r.to_organization_id.clone()]),
    )
    .await?;
    let grouping_name = grouping::Entity::find_by_id(r.grouping_id)
        .one(conn)
        .await?
        .map(|g| g.name)
        .unwrap_or_default();
    audit::record(
        conn,
        &actor.audit(),
        "referral.read",
        Some(id.to_string()),
        None,
    )
    .await?;
    // Reading a referral reads its notices.
    referral_notification::Entity::update_many()
        .col_expr(
            referral_notification::Column::ReadAt,
            Expr::value(Utc::now()),
        )
        .filter(referral_notification::Column::ReferralId.eq(id))
        .filter(referral_notification::Column::UserId.eq(actor.user_id))
        .filter(referral_notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    let name_of = |o: &str| names.get(o).map(|b| b.name.clone()).unwrap_or_default();
    Ok(ReferralView {
        from_organization_name: name_of(&r.from_organization_id),
        to_organization_name: name_of(&r.to_organization_id),
        grouping_name,
        referral: r,
        side,
        person,
        history,
    })
}

/// What a move produced: the referral after it, the new referral of a
/// redirection, and whom to tell.
#[derive(Debug, Clone)]
pub struct Moved {
    pub referral: referral::Model,
    pub redirected_to: Option<referral::Model>,
    pub notified: Notified,
    /// The new service's organization, told of the redirected referral.
    pub redirected_notified: Notified,
}

/// Moves a referral to the next status. `expected_version` (a form's
/// hidden field) refuses a move made on a stale page (409).
pub async fn change_status(
    store: &Store,
    actor: &Actor<'_>,
    id: Uuid,
    input: &StatusInput,
    expected_version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Moved, ReferralsError> {
    let txn = store.write().await?;
    let r = referral::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ReferralsError::NotFound)?;
    let side = actor.side(&r).ok_or(ReferralsError::NotFound)?;
    let current = Status::parse(&r.status).unwrap_or(Status::Sent);
    let valid = input.validate(current, side)?;
    if expected_version.is_some_and(|v| v != r.version) {
        return Err(ReferralsError::Conflict(ReferralError::Version));
    }
    let mut redirected_to = None;
    let mut redirected_notified = Notified::default();
    if let Some(target) = valid.to_service.as_deref() {
        let (model, told) = redirect(&txn, actor, &r, target, now).await?;
        redirected_to = Some(model);
        redirected_notified = told;
    }
    let reason = valid
        .decline_reason
        .map(rules::DeclineReason::as_str)
        .or(valid.obstacle.map(rules::Obstacle::as_str));
    let mut active: referral::ActiveModel = r.clone().into();
    active.status = Set(valid.status.as_str().to_owned());
    active.updated_at = Set(now);
    active.version = Set(r.version + 1);
    if valid.status == Status::Received {
        active.acknowledged_at = Set(Some(now));
    }
    if valid.status == Status::Closed {
        active.closed_at = Set(Some(now));
    }
    if let Some(d) = valid.decline_reason {
        active.decline_reason = Set(Some(d.as_str().to_owned()));
    }
    if let Some(o) = valid.obstacle {
        active.obstacle = Set(Some(o.as_str().to_owned()));
    }
    // The version in the WHERE makes two concurrent moves one winner.
    let updated = referral::Entity::update_many()
        .set(active)
        .filter(referral::Column::Id.eq(id))
        .filter(referral::Column::Version.eq(r.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ReferralsError::Conflict(ReferralError::Version));
    }
    history(
        &txn,
        id,
        actor,
        side,
        Some(current),
        valid.status,
        reason,
        // An erased referral takes no new free text: the purge never
        // comes back to it.
        valid.comment.as_deref().filter(|_| r.purged_at.is_none()),
        valid.to_service.as_deref(),
        redirected_to.as_ref().map(|x| x.id),
        now,
    )
    .await?;
    let other = match side {
        Side::Sender => Side::Receiver,
        Side::Receiver => Side::Sender,
    };
    let notified = notify(&txn, &r, other, valid.status, now).await?;
    audit::record(
        &txn,
        &actor.audit(),
        "referral.status",
        Some(id.to_string()),
        Some(serde_json::json!({"status": valid.status.as_str()})),
    )
    .await?;
    let referral = referral::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ReferralsError::NotFound)?;
    txn.commit().await?;
    Ok(Moved {
        referral,
        redirected_to,
        notified,
        redirected_notified,
    })
}

/// A redirection: a new referral from the same sender to `target`, with
/// the same person, consent and grouping; the old one keeps its history.
async fn redirect<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor<'_>,
    r: &referral::Model,
    target: &str,
    now: DateTime<Utc>,
) -> Result<(referral::Model, Notified), ReferralsError> {
    let service = service(conn, target)
        .await?
        .ok_or(ReferralsError::Invalid(ReferralError::ToService))?;
    if service.id == r.service_id {
        return Err(ReferralsError::Invalid(ReferralError::ToService));
    }
    check_service(&service, &r.from_organization_id)?;
    let grouping = grouping::Entity::find_by_id(r.grouping_id)
        .one(conn)
        .await?
        .ok_or(ReferralsError::NotFound)?;
    if !shared_with(conn, &grouping, &service.organization_id).await? {
        return Err(ReferralsError::Invalid(ReferralError::ServiceTerritory));
    }
    let person = referral_person::Entity::find_by_id(r.id).one(conn).await?;
    let id = Uuid::new_v4();
    let model = referral::ActiveModel {
        id: Set(id),
        to_organization_id: Set(service.organization_id.clone()),
        service_id: Set(service.id.clone()),
        service_name: Set(service.name.clone()),
        redirected_from: Set(Some(r.id)),
        status: Set(Status::Sent.as_str().to_owned()),
        decline_reason: Set(None),
        obstacle: Set(None),
        sent_at: Set(now),
        due_at: Set(rules::due_at(now, service.capacity.ack_days)),
        acknowledged_at: Set(None),
        closed_at: Set(None),
        updated_at: Set(now),
        purged_at: Set(None),
        version: Set(1),
        ..referral::ActiveModel::from(r.clone())
    }
    .insert(conn)
    .await?;
    if let Some(p) = person {
        referral_person::ActiveModel {
            referral_id: Set(id),
            ..referral_person::ActiveModel::from(p)
        }
        .insert(conn)
        .await?;
    }
    history(
        conn,
        id,
        actor,
        Side::Receiver,
        None,
        Status::Sent,
        None,
        None,
        None,
        None,
        now,
    )
    .await?;
    let notified = notify(conn, &model, Side::Receiver, Status::Sent, now).await?;
    Ok((model, notified))
}

/// Which box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxKind {
    /// Referrals the organization sent.
    Outbox,
    /// Referrals to the organization's services.
    Inbox,
}

/// A page of a box.
#[derive(Debug, Clone, Default)]
pub struct BoxFilter {
    /// One service of the organization (inbox only).
    pub service: Option<String>,
    pub status: Option<Status>,
    /// Only those overdue at `now`.
    pub overdue: bool,
    pub page: u64,
    pub per_page: u64,
}

/// One line of a box: no note, only what a list shows.
#[derive(Debug, Clone, Serialize)]
pub struct BoxRow {
    pub id: Uuid,
    pub status: Status,
    pub urgency: String,
    pub service_id: String,
    pub service_name: String,
    pub from_organization_id: String,
    pub to_organization_id: String,
    /// `None` once purged.
    pub first_name: Option<String>,
    pub reason: Option<String>,
    pub sent_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub updated_at: DateTime<Utc>,
}

/// A page of rows and the total count.
#[derive(Debug, Clone, Default)]
pub struct BoxPage {
    pub rows: Vec<BoxRow>,
    pub total: u64,
    /// Organization names of the rows, by id.
    pub names: BTreeMap<String, String>,
}

/// The organization's outbox or inbox, newest first, paged in SQL (an
/// inbox of 10,000 referrals reads one page; `docs/perf.md`). The account
/// must be on that side (else `Forbidden`).
pub async fn list_box(
    store: &Store,
    actor: &Actor<'_>,
    kind: BoxKind,
    filter: &BoxFilter,
    now: DateTime<Utc>,
) -> Result<BoxPage, ReferralsError> {
    let Some(org) = actor.organization_id else {
        return Err(ReferralsError::Forbidden);
    };
    if !actor.is_member(None) {
        return Err(ReferralsError::Forbidden);
    }
    let conn = store.conn();
    let mut q = referral::Entity::find();
    q = match kind {
        BoxKind::Outbox => q.filter(referral::Column::FromOrganizationId.eq(org)),
        BoxKind::Inbox => q.filter(referral::Column::ToOrganizationId.eq(org)),
    };
    if kind == BoxKind::Outbox {
        // The sender sees only the groupings it holds the role in.
        let groupings: Vec<Uuid> = actor
            .principal
            .grouping_roles
            .iter()
            .filter(|(_, r)| **r >= Role::Member)
            .filter_map(|(g, _)| Uuid::parse_str(g).ok())
            .collect();
        q = q.filter(referral::Column::GroupingId.is_in(groupings));
    }
    if let Some(s) = &filter.service {
        q = q.filter(referral::Column::ServiceId.eq(s.as_str()));
    }
    if let Some(s) = filter.status {
        q = q.filter(referral::Column::Status.eq(s.as_str()));
    }
    if filter.overdue {
        q = q
            .filter(referral::Column::Status.eq(Status::Sent.as_str()))
            .filter(referral::Column::DueAt.lt(now));
    }
    let total = q.clone().count(conn).await?;
    let per_page = filter.per_page.clamp(1, 200);
    let models = q
        .order_by_desc(referral::Column::SentAt)
        .order_by_desc(referral::Column::Id)
        .offset(filter.page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let people: HashMap<Uuid, String> = referral_person::Entity::find()
        .filter(referral_person::Column::ReferralId.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.referral_id, p.first_name))
        .collect();
    let mut org_ids: Vec<String> = models
        .iter()
        .flat_map(|m| [m.from_organization_id.clone(), m.to_organization_id.clone()])
        .collect();
    org_ids.sort();
    org_ids.dedup();
    let names = crate::repo::groupings::org_briefs(conn, Some(&org_ids))
        .await?
        .into_iter()
        .map(|(id, b)| (id, b.name))
        .collect();
    let rows = models
        .into_iter()
        .map(|m| {
            let status = Status::parse(&m.status).unwrap_or(Status::Sent);
            BoxRow {
                id: m.id,
                status,
                overdue: rules::is_overdue(status, m.due_at, now),
                first_name: people.get(&m.id).cloned(),
                urgency: m.urgency,
                service_id: m.service_id,
                service_name: m.service_name,
                from_organization_id: m.from_organization_id,
                to_organization_id: m.to_organization_id,
                reason: m.reason,
                sent_at: m.sent_at,
                due_at: m.due_at,
                updated_at: m.updated_at,
            }
        })
        .collect();
    Ok(BoxPage { rows, total, names })
}

/// How many unread notices the account has (the badge of the menu).
pub async fn unread_count(store: &Store, user_id: Uuid) -> Result<u64, StoreError> {
    Ok(referral_notification::Entity::find()
        .filter(referral_notification::Column::UserId.eq(user_id))
        .filter(referral_notification::Column::ReadAt.is_null())
        .count(store.conn())
        .await?)
}
