//! A grouping's referral statistics (`maillage_domain::referrals_stats`):
//! the rows they are computed from, read from `referrals` and the statuses
//! of their history (`referral_events.to_status`), with the services'
//! published waiting lists.
//!
//! Only columns without personal data are read: never `referral_people`,
//! never the free-text reason, the consent's text or a comment. The purge
//! leaves every one of them in place, so the figures do not change when the
//! person's data is gone.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use maillage_domain::referrals::{DeclineReason, Obstacle, Status};
use maillage_domain::referrals_stats::{Record, Stats};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::{referral, referral_event, service_referral_setting};
use crate::repo::groupings::{OrgBrief, org_briefs};

/// The days a statistic covers, both included (`None`: no bound).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    fn start(self) -> Option<DateTime<Utc>> {
        self.from
            .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    fn end(self) -> Option<DateTime<Utc>> {
        self.to
            .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::days(1))
    }
}

/// A grouping's statistics and the organizations they name.
#[derive(Debug, Clone)]
pub struct GroupingStats {
    pub stats: Stats,
    /// The organizations of the flows, by id (name and sector).
    pub organizations: HashMap<String, OrgBrief>,
}

impl GroupingStats {
    /// An organization's name, its id when it is gone.
    #[must_use]
    pub fn name_of(&self, id: &str) -> String {
        self.organizations
            .get(id)
            .map_or_else(|| id.to_owned(), |b| b.name.clone())
    }
}

#[derive(Debug, FromQueryResult)]
struct Row {
    id: Uuid,
    from_organization_id: String,
    to_organization_id: String,
    service_id: String,
    service_name: String,
    status: String,
    decline_reason: Option<String>,
    obstacle: Option<String>,
    sent_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
}

/// The statistics of the grouping's referrals sent in `period`, at `now`
/// (what is overdue).
pub async fn grouping_stats<C: ConnectionTrait>(
    conn: &C,
    grouping: Uuid,
    period: Period,
    now: DateTime<Utc>,
) -> Result<GroupingStats, StoreError> {
    use referral::Column as C;
    let mut q = referral::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::FromOrganizationId,
            C::ToOrganizationId,
            C::ServiceId,
            C::ServiceName,
            C::Status,
            C::DeclineReason,
            C::Obstacle,
            C::SentAt,
            C::DueAt,
            C::AcknowledgedAt,
        ])
        .filter(C::GroupingId.eq(grouping));
    if let Some(start) = period.start() {
        q = q.filter(C::SentAt.gte(start));
    }
    if let Some(end) = period.end() {
        q = q.filter(C::SentAt.lt(end));
    }
    let rows: Vec<Row> = q.into_model::<Row>().all(conn).await?;
    let reached = reached(conn, grouping, period).await?;
    let mut org_ids: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.from_organization_id.clone(), r.to_organization_id.clone()])
        .collect();
    org_ids.sort();
    org_ids.dedup();
    let organizations = if org_ids.is_empty() {
        HashMap::new()
    } else {
        org_briefs(conn, Some(&org_ids)).await?
    };
    let mut service_ids: Vec<String> = rows.iter().map(|r| r.service_id.clone()).collect();
    service_ids.sort();
    service_ids.dedup();
    let mut waiting: BTreeMap<String, Option<i32>> = BTreeMap::new();
    for chunk in service_ids.chunks(500) {
        for s in service_referral_setting::Entity::find()
            .filter(service_referral_setting::Column::ServiceId.is_in(chunk.iter().cloned()))
            .all(conn)
            .await?
        {
            waiting.insert(s.service_id, s.waiting_weeks);
        }
    }
    let sector = |id: &str| organizations.get(id).and_then(|b| b.sector.clone());
    let records: Vec<Record> = rows
        .into_iter()
        .map(|r| {
            let status = Status::parse(&r.status).unwrap_or(Status::Sent);
            Record {
                from_sector: sector(&r.from_organization_id),
                to_sector: sector(&r.to_organization_id),
                reached: reached.get(&r.id).cloned().unwrap_or_default(),
                decline_reason: r.decline_reason.as_deref().and_then(DeclineReason::parse),
                obstacle: r.obstacle.as_deref().and_then(Obstacle::parse),
                from_organization: r.from_organization_id,
                to_organization: r.to_organization_id,
                service_id: r.service_id,
                service_name: r.service_name,
                status,
                sent_at: r.sent_at,
                due_at: r.due_at,
                acknowledged_at: r.acknowledged_at,
            }
        })
        .collect();
    Ok(GroupingStats {
        stats: Stats::compute(&records, &waiting, now),
        organizations,
    })
}

/// The statuses each referral of the grouping went through, in one query
/// (the history's `to_status`, which the purge keeps).
async fn reached<C: ConnectionTrait>(
    conn: &C,
    grouping: Uuid,
    period: Period,
) -> Result<HashMap<Uuid, BTreeSet<Status>>, StoreError> {
    let mut ids = sea_orm::sea_query::Query::select();
    ids.column(referral::Column::Id)
        .from(referral::Entity)
        .and_where(referral::Column::GroupingId.eq(grouping));
    if let Some(start) = period.start() {
        ids.and_where(referral::Column::SentAt.gte(start));
    }
    if let Some(end) = period.end() {
        ids.and_where(referral::Column::SentAt.lt(end));
    }
    let rows: Vec<(Uuid, String)> = referral_event::Entity::find()
        .select_only()
        .columns([
            referral_event::Column::ReferralId,
            referral_event::Column::ToStatus,
        ])
        .distinct()
        .filter(referral_event::Column::ReferralId.in_subquery(ids.clone()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: HashMap<Uuid, BTreeSet<Status>> = HashMap::new();
    for (id, status) in rows {
        if let Some(s) = Status::parse(&status) {
            out.entry(id).or_default().insert(s);
        }
    }
    Ok(out)
}
