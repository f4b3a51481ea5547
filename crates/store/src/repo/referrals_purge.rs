//! Québec's Law 25 for referrals: the purge after the grouping's retention
//! period, a person's erasure on request, a person's export (access), and
//! the grouping's retention setting.
//!
//! **What a purge removes.** The person's row (`referral_people`: first
//! name, contact, language, age group, named fields, note), the free-text
//! comments of the history, the reason when it is free text (no directory
//! term names it: it may name the person) and what the consent shared
//! (`consent_shared` is free text too: « prénom, téléphone, motif » is the
//! usual case, but nothing stops an intervenant from writing more, so it
//! is emptied rather than trusted). What stays is what the statistics
//! need: ids, grouping, organizations, service and its name, the term of
//! the reason, urgency, statuses and their dates, decline reason,
//! obstacle, who gave consent (person or guardian) and until when.
//!
//! **Batches.** One transaction per batch of referrals: a kill -9 leaves
//! each referral either fully purged or untouched, and the next run
//! finishes. Between batches the purge pauses, so the application's
//! writers (SQLite has one writer at a time) get the lock.
//!
//! **The disk.** SQLite runs with `secure_delete` (`Store::connect`):
//! deleted and overwritten cells and freed pages are zeroed. The old page
//! images still sit in the write-ahead log until it is checkpointed and
//! truncated, which [`scrub`] does after a purge or an erasure. On
//! PostgreSQL an UPDATE or DELETE leaves the old tuple in the table's file
//! until VACUUM; [`scrub`] runs `VACUUM` on the three tables after a purge
//! that purged something. VACUUM makes the space reusable; PostgreSQL does
//! not promise to zero it, and its WAL segments, archives, replicas and
//! backups are the operator's to rotate (docs/architecture.md).
//!
//! The audit log holds only ids and counts (`referral.erase`,
//! `referral.export`, `referral.purge`, `grouping.referral_retention`).

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, Months, Utc};
use maillage_domain::referrals::{self as rules, ReferralError};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entity::{grouping, referral, referral_event, referral_person};
use crate::repo::audit;
use crate::repo::referrals::{Actor, ReferralsError};
use crate::{Backend, Store, StoreError};

/// How the purge cuts its work.
#[derive(Debug, Clone, Copy)]
pub struct Batches {
    /// Referrals per transaction.
    pub size: usize,
    /// The pause between two batches, when the application's writers get
    /// the lock.
    pub pause: Duration,
}

impl Default for Batches {
    fn default() -> Self {
        Batches {
            size: 500,
            pause: Duration::from_millis(20),
        }
    }
}

/// About how many referrals a purge as of `as_of` would purge (the
/// progress bar's length; a month's end may count a day apart).
pub async fn count_due(store: &Store, as_of: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut total = 0;
    for g in grouping::Entity::find().all(store.conn()).await? {
        let cutoff = as_of
            .checked_sub_months(Months::new(months_of(g.referral_retention_months)))
            .unwrap_or(as_of);
        total += referral::Entity::find()
            .filter(referral::Column::PurgedAt.is_null())
            .filter(referral::Column::ClosedAt.lte(cutoff))
            .filter(referral::Column::GroupingId.eq(g.id))
            .count(store.conn())
            .await?;
    }
    Ok(total)
}

fn months_of(retention: i32) -> u32 {
    u32::try_from(retention.clamp(rules::RETENTION_MONTHS_MIN, rules::RETENTION_MONTHS_MAX))
        .unwrap_or(12)
}

/// The closed, not yet purged referrals of `grouping` that may be due as
/// of `as_of`, oldest first. The cut-off in SQL is a few days generous
/// (adding months to a month's end clamps); the caller keeps those that
/// `purge_due` says are due.
async fn candidates(
    store: &Store,
    grouping: Uuid,
    months: i32,
    as_of: DateTime<Utc>,
    limit: Option<u64>,
) -> Result<Vec<(Uuid, DateTime<Utc>)>, StoreError> {
    let cutoff = as_of
        .checked_sub_months(Months::new(months_of(months)))
        .unwrap_or(as_of)
        + chrono::Duration::days(4);
    let mut q = referral::Entity::find()
        .select_only()
        .column(referral::Column::Id)
        .column(referral::Column::ClosedAt)
        .filter(referral::Column::PurgedAt.is_null())
        .filter(referral::Column::ClosedAt.is_not_null())
        .filter(referral::Column::ClosedAt.lte(cutoff))
        .filter(referral::Column::GroupingId.eq(grouping))
        // The closing date alone, as the index has it: a tie broken by id
        // would sort every referral closed at the same instant per batch.
        .order_by_asc(referral::Column::ClosedAt);
    if let Some(l) = limit {
        q = q.limit(l);
    }
    let rows: Vec<(Uuid, Option<DateTime<Utc>>)> = q.into_tuple().all(store.conn()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, closed)| closed.map(|c| (id, c)))
        .collect())
}

/// Purges every referral closed longer than its grouping's retention
/// period as of `as_of`, in batches; `progress` hears the running total
/// after each batch. Returns how many referrals were purged (0 on a
/// second run).
pub async fn purge(
    store: &Store,
    as_of: DateTime<Utc>,
    batches: &Batches,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<u64, StoreError> {
    let size = batches.size.max(1);
    let mut total = 0u64;
    for g in grouping::Entity::find().all(store.conn()).await? {
        let months = g.referral_retention_months;
        loop {
            let found = candidates(store, g.id, months, as_of, Some(size as u64)).await?;
            // Oldest first and `purge_due` grows with the closing date:
            // the first one not due ends the grouping's work.
            let due: Vec<Uuid> = found
                .iter()
                .take_while(|(_, closed)| rules::purge_due(*closed, months) <= as_of)
                .map(|(id, _)| *id)
                .collect();
            if !due.is_empty() {
                let txn = store.write().await?;
                let purged = purge_ids(&txn, &due, Utc::now()).await?;
                txn.commit().await?;
                total += purged;
                progress(total);
            }
            if due.len() < size {
                break;
            }
            tokio::time::sleep(batches.pause).await;
        }
    }
    if total > 0 {
        audit::record(
            store.conn(),
            &audit::Actor::system(),
            "referral.purge",
            None,
            Some(serde_json::json!({"count": total, "as_of": as_of.to_rfc3339()})),
        )
        .await?;
    }
    scrub(store, total > 0).await?;
    Ok(total)
}

/// Empties the person's data of `ids` and marks them purged; returns how
/// many were not purged before.
async fn purge_ids<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    referral_person::Entity::delete_many()
        .filter(referral_person::Column::ReferralId.is_in(ids.iter().copied()))
        .exec(conn)
        .await?;
    referral_event::Entity::update_many()
        .col_expr(
            referral_event::Column::Comment,
            Expr::value(Option::<String>::None),
        )
        .filter(referral_event::Column::ReferralId.is_in(ids.iter().copied()))
        .filter(referral_event::Column::Comment.is_not_null())
        .exec(conn)
        .await?;
    // A free-text reason may name the person; a term of the directory
    // does not, and the statistics group by it.
    referral::Entity::update_many()
        .col_expr(
            referral::Column::Reason,
            Expr::value(Option::<String>::None),
        )
        .filter(referral::Column::Id.is_in(ids.iter().copied()))
        .filter(referral::Column::ReasonTermId.is_null())
        .filter(referral::Column::Reason.is_not_null())
        .exec(conn)
        .await?;
    let marked = referral::Entity::update_many()
        .col_expr(referral::Column::ConsentShared, Expr::value(""))
        .col_expr(referral::Column::PurgedAt, Expr::value(now))
        .filter(referral::Column::Id.is_in(ids.iter().copied()))
        .filter(referral::Column::PurgedAt.is_null())
        .exec(conn)
        .await?;
    Ok(marked.rows_affected)
}

/// Leaves no copy of what was just deleted where the database can still
/// read it: SQLite's write-ahead log is checkpointed and truncated (a few
/// tries while readers hold it); on PostgreSQL, when `vacuum`, the three
/// tables are vacuumed (outside a transaction).
pub async fn scrub(store: &Store, vacuum: bool) -> Result<bool, StoreError> {
    match store.backend() {
        Backend::Sqlite => {
            for attempt in 0..10u32 {
                let row = store
                    .conn()
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "PRAGMA wal_checkpoint(TRUNCATE)",
                    ))
                    .await?;
                let busy: i32 = row
                    .map(|r| r.try_get_by_index::<i32>(0))
                    .transpose()?
                    .unwrap_or(0);
                if busy == 0 {
                    return Ok(true);
                }
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt + 1))).await;
            }
            tracing::warn!("the write-ahead log stayed busy: it is truncated at the next purge");
            Ok(false)
        }
        Backend::Postgres => {
            if vacuum {
                store
                    .conn()
                    .execute_unprepared("VACUUM referral_people, referral_events, referrals")
                    .await?;
            }
            Ok(true)
        }
    }
}

/// The referral `id` and the referrals that carry a copy of its person:
/// those it was redirected from and to, transitively.
async fn redirect_chain<C: ConnectionTrait>(
    conn: &C,
    first: &referral::Model,
) -> Result<Vec<Uuid>, StoreError> {
    let mut seen = BTreeSet::from([first.id]);
    let mut todo = vec![first.id];
    while let Some(id) = todo.pop() {
        let linked: Vec<(Uuid, Option<Uuid>)> = referral::Entity::find()
            .select_only()
            .column(referral::Column::Id)
            .column(referral::Column::RedirectedFrom)
            .filter(
                referral::Column::RedirectedFrom
                    .eq(id)
                    .or(referral::Column::Id.eq(id)),
            )
            .into_tuple()
            .all(conn)
            .await?;
        for (other, from) in linked {
            for next in [Some(other), from].into_iter().flatten() {
                if seen.insert(next) {
                    todo.push(next);
                }
            }
        }
    }
    Ok(seen.into_iter().collect())
}

fn audit_actor(actor: &Actor<'_>) -> audit::Actor {
    audit::Actor {
        user_id: Some(actor.user_id),
        ip: actor.ip.map(str::to_owned),
    }
}

/// A person's erasure on request, by a member of either organization,
/// whatever the status: the person's row and the free texts go now, from
/// this referral and from those of its redirections (they carry a copy of
/// the same person), which are marked purged; the statistics stay.
/// Returns the referrals erased.
pub async fn erase(
    store: &Store,
    actor: &Actor<'_>,
    id: Uuid,
) -> Result<Vec<Uuid>, ReferralsError> {
    let txn = store.write().await?;
    let r = referral::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ReferralsError::NotFound)?;
    actor.side(&r).ok_or(ReferralsError::NotFound)?;
    let chain = redirect_chain(&txn, &r).await?;
    purge_ids(&txn, &chain, Utc::now()).await?;
    for erased in &chain {
        audit::record(
            &txn,
            &audit_actor(actor),
            "referral.erase",
            Some(erased.to_string()),
            None,
        )
        .await?;
    }
    txn.commit().await?;
    // The request is served once the rows are gone; the log's truncation
    // is retried by the next purge when readers hold it now.
    if let Err(e) = scrub(store, false).await {
        tracing::warn!(error = %e, "could not truncate the write-ahead log after an erasure");
    }
    Ok(chain)
}

/// Everything maillage holds about the person of one referral (the
/// person's right of access), as the JSON download gives it.
#[derive(Debug, Clone, Serialize)]
pub struct PersonExport {
    pub referral: Uuid,
    pub exported_at: DateTime<Utc>,
    pub grouping: String,
    pub from_organization: String,
    pub to_organization: String,
    pub service: ExportedService,
    pub status: String,
    pub urgency: String,
    pub reason: Option<String>,
    pub sent_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Set once purged or erased: the person's data is gone.
    pub purged_at: Option<DateTime<Utc>>,
    pub consent: ExportedConsent,
    pub person: Option<ExportedPerson>,
    pub history: Vec<ExportedEvent>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedService {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedConsent {
    pub given_by: String,
    pub shared: String,
    pub until: chrono::NaiveDate,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedPerson {
    pub first_name: String,
    pub contact: String,
    pub language: String,
    pub age_group: Option<String>,
    pub extra: serde_json::Value,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedEvent {
    pub at: DateTime<Utc>,
    pub side: String,
    pub by: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: Option<String>,
    pub comment: Option<String>,
    pub to_service: Option<String>,
}

/// The person's data of referral `id` for one of its two organizations'
/// members (else `NotFound`), audited `referral.export`.
pub async fn export(
    store: &Store,
    actor: &Actor<'_>,
    id: Uuid,
) -> Result<PersonExport, ReferralsError> {
    let conn = store.conn();
    let r = referral::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ReferralsError::NotFound)?;
    actor.side(&r).ok_or(ReferralsError::NotFound)?;
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
    let name_of = |o: &str| names.get(o).map(|b| b.name.clone()).unwrap_or_default();
    let grouping = grouping::Entity::find_by_id(r.grouping_id)
        .one(conn)
        .await?
        .map(|g| g.name)
        .unwrap_or_default();
    audit::record(
        conn,
        &audit_actor(actor),
        "referral.export",
        Some(id.to_string()),
        None,
    )
    .await?;
    Ok(PersonExport {
        referral: r.id,
        exported_at: Utc::now(),
        grouping,
        from_organization: name_of(&r.from_organization_id),
        to_organization: name_of(&r.to_organization_id),
        service: ExportedService {
            id: r.service_id.clone(),
            name: r.service_name.clone(),
        },
        status: r.status.clone(),
        urgency: r.urgency.clone(),
        reason: r.reason.clone(),
        sent_at: r.sent_at,
        closed_at: r.closed_at,
        purged_at: r.purged_at,
        consent: ExportedConsent {
            given_by: r.consent_given_by.clone(),
            shared: r.consent_shared.clone(),
            until: r.consent_until,
            at: r.consent_at,
        },
        person: person.map(|p| ExportedPerson {
            extra: p
                .extra
                .as_deref()
                .and_then(|e| serde_json::from_str(e).ok())
                .unwrap_or_else(|| serde_json::json!({})),
            first_name: p.first_name,
            contact: p.contact,
            language: p.language,
            age_group: p.age_group,
            note: p.note,
        }),
        history: history
            .into_iter()
            .map(|e| ExportedEvent {
                at: e.at,
                side: e.side,
                by: e.actor_name,
                from_status: e.from_status,
                to_status: e.to_status,
                reason: e.reason,
                comment: e.comment,
                to_service: e.to_service_id,
            })
            .collect(),
    })
}

/// Sets the grouping's retention period (months after closing), audited
/// `grouping.referral_retention`. The caller checked the coordinator.
pub async fn set_retention(
    store: &Store,
    actor: &audit::Actor,
    grouping_id: Uuid,
    months: i32,
) -> Result<(), ReferralsError> {
    let months = rules::retention_months(months).map_err(ReferralsError::Invalid)?;
    let txn = store.write().await?;
    let updated = grouping::Entity::update_many()
        .col_expr(
            grouping::Column::ReferralRetentionMonths,
            Expr::value(months),
        )
        .filter(grouping::Column::Id.eq(grouping_id))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ReferralsError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        "grouping.referral_retention",
        Some(grouping_id.to_string()),
        Some(serde_json::json!({"months": months})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Parses a retention typed in a form: a whole number in bounds.
pub fn parse_retention(raw: &str) -> Result<i32, ReferralError> {
    raw.trim()
        .parse::<i32>()
        .map_err(|_| ReferralError::Retention)
        .and_then(rules::retention_months)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_is_a_whole_number_in_bounds() {
        assert_eq!(parse_retention(" 12 "), Ok(12));
        assert_eq!(parse_retention("1"), Ok(1));
        assert_eq!(parse_retention("120"), Ok(120));
        for bad in ["0", "121", "-3", "douze", "", "12.5"] {
            assert_eq!(parse_retention(bad), Err(ReferralError::Retention), "{bad}");
        }
    }
}
