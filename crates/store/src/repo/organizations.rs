//! Keeping the directory current: create and edit organizations and
//! services, verify them, merge duplicates, and members' edit proposals.
//! Each write is one transaction with its change-log row and audit entry.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use maillage_domain::directory::{OrganizationInput, ProposalStatus, ServiceInput};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde_json::json;
use uuid::Uuid;

use super::audit::{self, Actor};
use super::change_log::{self, Op};
use super::directory::rows_where;
use super::hsds::{aliases_of, replace_aliases};
use crate::{Store, StoreError};

async fn org_version<C: ConnectionTrait>(conn: &C, id: &str) -> Result<Option<i32>, StoreError> {
    let row = conn
        .query_one(
            &Query::select()
                .column(Alias::new("version"))
                .from(Alias::new("organizations"))
                .and_where(Expr::col(Alias::new("id")).eq(id))
                .to_owned(),
        )
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("", "version")?),
        None => None,
    })
}

pub async fn create_organization(
    store: &Store,
    actor: &Actor,
    input: &OrganizationInput,
) -> Result<String, StoreError> {
    let id = Uuid::new_v4().to_string();
    let txn = store.write().await?;
    let now = Utc::now();
    let mut cols = vec![Alias::new("id")];
    let mut vals: Vec<Expr> = vec![Expr::val(id.as_str())];
    for (col, value) in input.hsds_values() {
        cols.push(Alias::new(col));
        vals.push(Expr::val(value));
    }
    for (col, value) in [
        ("sector", opt(&input.sector)),
        ("territory", opt(&input.territory)),
    ] {
        cols.push(Alias::new(col));
        vals.push(Expr::val(value));
    }
    cols.extend(["created_at", "updated_at", "version"].map(Alias::new));
    vals.extend([Expr::val(now), Expr::val(now), Expr::val(1)]);
    let stmt = Query::insert()
        .into_table(Alias::new("organizations"))
        .columns(cols)
        .values_panic(vals)
        .to_owned();
    txn.execute(&stmt).await?;
    replace_aliases(&txn, &id, &input.aliases).await?;
    if let Some(contact) = &input.contact {
        super::directory_contacts::save_organization_contact(&txn, &id, contact).await?;
    }
    change_log::append(&txn, "organizations", &id, Op::Insert, None).await?;
    audit::record(
        &txn,
        actor,
        "organization.create",
        Some(id.clone()),
        Some(json!({"name": input.name})),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Now, as an HSDS `datetime` (RFC 3339, UTC, whole seconds).
fn hsds_now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Saves the form if nobody saved the organization since `expected_version`
/// was read; otherwise `Stale` and nothing changes.
pub async fn update_organization(
    store: &Store,
    actor: &Actor,
    id: &str,
    expected_version: i32,
    input: &OrganizationInput,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    apply_organization(&txn, actor, id, Some(expected_version), input).await?;
    txn.commit().await?;
    Ok(())
}

async fn apply_organization(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: &str,
    expected_version: Option<i32>,
    input: &OrganizationInput,
) -> Result<(), StoreError> {
    let Some(version) = org_version(txn, id).await? else {
        return Err(StoreError::NotFound);
    };
    if expected_version.is_some_and(|v| v != version) {
        return Err(StoreError::Stale("organization"));
    }
    let mut stmt = Query::update();
    stmt.table(Alias::new("organizations"));
    for (col, value) in input.hsds_values() {
        stmt.value(Alias::new(col), value);
    }
    stmt.value(Alias::new("sector"), opt(&input.sector))
        .value(Alias::new("territory"), opt(&input.territory))
        .value(Alias::new("updated_at"), Utc::now())
        .value(Alias::new("version"), version + 1)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("version")).eq(version));
    let done = txn.execute(&stmt).await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Stale("organization"));
    }
    replace_aliases(txn, id, &input.aliases).await?;
    if let Some(contact) = &input.contact {
        super::directory_contacts::save_organization_contact(txn, id, contact).await?;
    }
    change_log::append(txn, "organizations", id, Op::Update, None).await?;
    audit::record(
        txn,
        actor,
        "organization.update",
        Some(id.to_owned()),
        Some(json!({"version": version + 1})),
    )
    .await?;
    Ok(())
}

/// Marks the organization as checked today by `actor`.
pub async fn verify_organization(store: &Store, actor: &Actor, id: &str) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let stmt = Query::update()
        .table(Alias::new("organizations"))
        .value(Alias::new("verified_at"), Utc::now())
        .value(Alias::new("verified_by"), actor.user_id)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    if txn.execute(&stmt).await?.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        "organization.verify",
        Some(id.to_owned()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What happens to a row of `remove` whose move would repeat a row `keep`
/// already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnCollision {
    /// Nothing unique holds the organization: every row moves.
    Move,
    /// Only rows where `column` is `value` refer to an organization (a
    /// polymorphic link such as HSDS `attributes`); those move.
    MoveWhere {
        column: &'static str,
        value: &'static str,
    },
    /// `(with, organization)` is unique: where both have a row for the same
    /// `with`, `keep`'s row stays and `remove`'s is dropped (both partners of
    /// one action, both funders of one grouping).
    KeepOne { with: &'static str },
    /// `(with, organization)` is unique and dated: the earlier row (by
    /// `joined_on`, then `created_at`) stays, so a membership's history
    /// starts when the first of the two joined.
    KeepEarliest { with: &'static str },
    /// A reference from the organization to itself means nothing: `keep`'s
    /// own row pointing at `remove` (its parent) is cleared, then the rest
    /// move.
    ClearSelf,
    /// A link whose other end is `other`: a link between the two merged
    /// organizations would become a link to itself, so it is dropped.
    DropSelfLink { other: &'static str },
    /// Aliases: `keep`'s, then `remove`'s name and aliases, without repeats.
    Aliases,
}

/// A column that holds an organization's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrganizationReference {
    pub table: &'static str,
    pub column: &'static str,
    pub on_collision: OnCollision,
}

const fn reference(
    table: &'static str,
    column: &'static str,
    on_collision: OnCollision,
) -> OrganizationReference {
    OrganizationReference {
        table,
        column,
        on_collision,
    }
}

/// Every column of the schema that refers to an organization, and how a
/// merge moves it. A test reads the migrated schema (foreign keys to
/// `organizations` and columns named like an organization id) and fails when
/// a column is missing here: a table added later is not forgotten.
pub const ORGANIZATION_REFERENCES: &[OrganizationReference] = &[
    reference(
        "organizations",
        "parent_organization_id",
        OnCollision::ClearSelf,
    ),
    reference(
        "organization_aliases",
        "organization_id",
        OnCollision::Aliases,
    ),
    // A response moves with its organization; two responses of one date
    // stay two rows only if their teams differ (the unique index says so).
    reference("assessment_responses", "organization_id", OnCollision::Move),
    // A toolkit activity's run moves with the organization that ran it.
    reference("toolkit_runs", "organization_id", OnCollision::Move),
    // HSDS tables.
    reference("programs", "organization_id", OnCollision::Move),
    reference("services", "organization_id", OnCollision::Move),
    reference("locations", "organization_id", OnCollision::Move),
    reference("phones", "organization_id", OnCollision::Move),
    reference("contacts", "organization_id", OnCollision::Move),
    reference("funding", "organization_id", OnCollision::Move),
    reference(
        "organization_identifiers",
        "organization_id",
        OnCollision::Move,
    ),
    reference(
        "attributes",
        "link_id",
        OnCollision::MoveWhere {
            column: "link_entity",
            value: "organization",
        },
    ),
    reference(
        "metadata",
        "resource_id",
        OnCollision::MoveWhere {
            column: "resource_type",
            value: "organization",
        },
    ),
    // Accounts and the directory's review.
    reference("users", "organization_id", OnCollision::Move),
    reference("edit_proposals", "organization_id", OnCollision::Move),
    // Groupings and plans.
    reference("groupings", "fiduciary_id", OnCollision::Move),
    reference(
        "memberships",
        "organization_id",
        OnCollision::KeepEarliest {
            with: "grouping_id",
        },
    ),
    reference(
        "grouping_funders",
        "organization_id",
        OnCollision::KeepOne {
            with: "grouping_id",
        },
    ),
    reference(
        "action_organizations",
        "organization_id",
        OnCollision::KeepOne { with: "action_id" },
    ),
    // Referrals move with either of their organizations.
    reference("referrals", "from_organization_id", OnCollision::Move),
    reference("referrals", "to_organization_id", OnCollision::Move),
    // Events and the network.
    reference("registrations", "organization_id", OnCollision::Move),
    reference("attendance", "organization_id", OnCollision::Move),
    reference("canvas_answers", "organization_id", OnCollision::Move),
    reference(
        "declared_links",
        "from_organization_id",
        OnCollision::DropSelfLink {
            other: "to_organization_id",
        },
    ),
    reference(
        "declared_links",
        "to_organization_id",
        OnCollision::DropSelfLink {
            other: "from_organization_id",
        },
    ),
];

/// Rows moved and dropped by a merge, by `table.column`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub moved: BTreeMap<String, u64>,
    pub dropped: BTreeMap<String, u64>,
}

impl MergeCounts {
    fn add(map: &mut BTreeMap<String, u64>, reference: &OrganizationReference, n: u64) {
        if n > 0 {
            *map.entry(format!("{}.{}", reference.table, reference.column))
                .or_default() += n;
        }
    }
}

/// Merges `remove` into `keep`: every reference to `remove` listed in
/// [`ORGANIZATION_REFERENCES`] moves to `keep` (collisions resolved as the
/// list says), `remove`'s name and aliases become aliases of `keep`, and
/// `remove` is deleted: one transaction, audited with the counts moved.
pub async fn merge_organizations(
    store: &Store,
    actor: &Actor,
    keep: &str,
    remove: &str,
) -> Result<MergeCounts, StoreError> {
    if keep == remove {
        return Err(StoreError::Invalid(
            "an organization cannot be merged into itself".into(),
        ));
    }
    let txn = store.write().await?;
    let ids = [keep.to_owned(), remove.to_owned()];
    let rows = rows_where(&txn, "organization", "id", Some(&ids)).await?;
    let removed_name = rows
        .iter()
        .find(|r| r.get("id").map(String::as_str) == Some(remove))
        .and_then(|r| r.get("name").cloned());
    let (true, Some(removed_name)) = (rows.len() == 2, removed_name) else {
        return Err(StoreError::NotFound);
    };
    let mut counts = MergeCounts::default();
    for reference in ORGANIZATION_REFERENCES {
        move_reference(&txn, reference, keep, remove, &removed_name, &mut counts).await?;
    }
    let delete = Query::delete()
        .from_table(Alias::new("organizations"))
        .and_where(Expr::col(Alias::new("id")).eq(remove))
        .to_owned();
    txn.execute(&delete).await?;
    let bump = Query::update()
        .table(Alias::new("organizations"))
        .value(
            Alias::new("version"),
            Expr::col(Alias::new("version")).add(1),
        )
        .value(Alias::new("updated_at"), Utc::now())
        .and_where(Expr::col(Alias::new("id")).eq(keep))
        .to_owned();
    txn.execute(&bump).await?;
    change_log::append(&txn, "organizations", remove, Op::Delete, None).await?;
    change_log::append(&txn, "organizations", keep, Op::Update, None).await?;
    // Services moved to `keep` show its name now.
    change_log::append(&txn, super::hsds::CHANGE_ALL, "*", Op::Update, None).await?;
    audit::record(
        &txn,
        actor,
        "organization.merge",
        Some(keep.to_owned()),
        Some(json!({
            "kept": keep,
            "removed": remove,
            "removed_name": removed_name,
            "moved": counts.moved,
            "dropped": counts.dropped,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(counts)
}

async fn move_reference(
    txn: &DatabaseTransaction,
    reference: &OrganizationReference,
    keep: &str,
    remove: &str,
    removed_name: &str,
    counts: &mut MergeCounts,
) -> Result<(), StoreError> {
    let table = || Alias::new(reference.table);
    let column = || Alias::new(reference.column);
    let mut update = Query::update()
        .table(table())
        .value(column(), keep)
        .and_where(Expr::col(column()).eq(remove))
        .to_owned();
    match reference.on_collision {
        OnCollision::Move => {}
        OnCollision::MoveWhere { column, value } => {
            update.and_where(Expr::col(Alias::new(column)).eq(value));
        }
        OnCollision::KeepOne { with } | OnCollision::KeepEarliest { with } => {
            if reference.on_collision == (OnCollision::KeepEarliest { with }) {
                let later = later_of_both(txn, reference, with, keep, remove).await?;
                // `keep`'s rows that came later give way to `remove`'s.
                for with_value in later {
                    let delete = Query::delete()
                        .from_table(table())
                        .and_where(Expr::col(column()).eq(keep))
                        .and_where(Expr::col(Alias::new(with)).eq(with_value))
                        .to_owned();
                    let n = txn.execute(&delete).await?.rows_affected();
                    MergeCounts::add(&mut counts.dropped, reference, n);
                }
            }
            let kept = Query::select()
                .column(Alias::new(with))
                .from(table())
                .and_where(Expr::col(column()).eq(keep))
                .to_owned();
            let delete = Query::delete()
                .from_table(table())
                .and_where(Expr::col(column()).eq(remove))
                .and_where(Expr::col(Alias::new(with)).in_subquery(kept))
                .to_owned();
            let n = txn.execute(&delete).await?.rows_affected();
            MergeCounts::add(&mut counts.dropped, reference, n);
        }
        OnCollision::ClearSelf => {
            let clear = Query::update()
                .table(table())
                .value(column(), Option::<String>::None)
                .and_where(Expr::col(Alias::new("id")).eq(keep))
                .and_where(Expr::col(column()).eq(remove))
                .to_owned();
            let n = txn.execute(&clear).await?.rows_affected();
            MergeCounts::add(&mut counts.dropped, reference, n);
        }
        OnCollision::DropSelfLink { other } => {
            let delete = Query::delete()
                .from_table(table())
                .and_where(Expr::col(column()).eq(remove))
                .and_where(Expr::col(Alias::new(other)).is_in([keep, remove]))
                .to_owned();
            let n = txn.execute(&delete).await?.rows_affected();
            MergeCounts::add(&mut counts.dropped, reference, n);
        }
        OnCollision::Aliases => {
            let mut aliases = aliases_of(txn, keep).await?;
            let removed = aliases_of(txn, remove).await?;
            let moved = u64::try_from(removed.len() + 1).unwrap_or(u64::MAX);
            aliases.push(removed_name.to_owned());
            aliases.extend(removed);
            replace_aliases(txn, remove, &[]).await?;
            replace_aliases(txn, keep, &aliases).await?;
            MergeCounts::add(&mut counts.moved, reference, moved);
            return Ok(());
        }
    }
    let n = txn.execute(&update).await?.rows_affected();
    MergeCounts::add(&mut counts.moved, reference, n);
    Ok(())
}

/// When a row began, earliest first: dated by `joined_on` (undated last),
/// then by `created_at`.
type Since = (bool, Option<NaiveDate>, DateTime<Utc>);

/// The `with` values where both organizations have a row and `keep`'s is
/// the later one: dated first by `joined_on` (a row without one counts as
/// later), then by `created_at`.
async fn later_of_both(
    txn: &DatabaseTransaction,
    reference: &OrganizationReference,
    with: &str,
    keep: &str,
    remove: &str,
) -> Result<Vec<Uuid>, StoreError> {
    let stmt = Query::select()
        .columns([
            Alias::new(with),
            Alias::new(reference.column),
            Alias::new("joined_on"),
            Alias::new("created_at"),
        ])
        .from(Alias::new(reference.table))
        .and_where(Expr::col(Alias::new(reference.column)).is_in([keep, remove]))
        .to_owned();
    let mut rows: BTreeMap<Uuid, Vec<(bool, Since)>> = BTreeMap::new();
    for row in txn.query_all(&stmt).await? {
        let with_value: Uuid = row.try_get("", with)?;
        let organization: String = row.try_get("", reference.column)?;
        let joined: Option<NaiveDate> = row.try_get("", "joined_on")?;
        let created: DateTime<Utc> = row.try_get("", "created_at")?;
        rows.entry(with_value)
            .or_default()
            .push((organization == keep, (joined.is_none(), joined, created)));
    }
    Ok(rows
        .into_iter()
        .filter_map(|(with_value, both)| {
            let (is_keep, _) = both.iter().min_by_key(|(_, since)| *since)?;
            (both.len() == 2 && !is_keep).then_some(with_value)
        })
        .collect())
}

/// Creates a service of an organization.
pub async fn create_service(
    store: &Store,
    actor: &Actor,
    organization_id: &str,
    input: &ServiceInput,
) -> Result<String, StoreError> {
    let txn = store.write().await?;
    if org_version(&txn, organization_id).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let id = Uuid::new_v4().to_string();
    let mut cols = vec![Alias::new("id"), Alias::new("organization_id")];
    let mut vals = vec![Expr::val(id.as_str()), Expr::val(organization_id)];
    for (col, value) in input.hsds_values() {
        cols.push(Alias::new(col));
        vals.push(Expr::val(value));
    }
    cols.push(Alias::new("last_modified"));
    vals.push(Expr::val(hsds_now()));
    let stmt = Query::insert()
        .into_table(Alias::new("services"))
        .columns(cols)
        .values_panic(vals)
        .to_owned();
    txn.execute(&stmt).await?;
    if let Some(details) = &input.details {
        super::directory_contacts::save_service_details(&txn, &id, organization_id, details)
            .await?;
    }
    change_log::append(&txn, "services", &id, Op::Insert, None).await?;
    audit::record(
        &txn,
        actor,
        "service.create",
        Some(id.clone()),
        Some(json!({"organization_id": organization_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// A fingerprint of a row's values, sent with an edit form so that a save
/// over someone else's newer save is detected.
pub fn fingerprint(values: &super::hsds::Values) -> String {
    let text = serde_json::to_string(values).unwrap_or_default();
    maillage_domain::token::digest(&text)[..16].to_owned()
}

/// Saves a service form if the service still has the values the form was
/// built from (`expected` fingerprint).
pub async fn update_service(
    store: &Store,
    actor: &Actor,
    id: &str,
    expected: &str,
    input: &ServiceInput,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let Some(current) = rows_where(&txn, "service", "id", Some(&[id.to_owned()]))
        .await?
        .pop()
    else {
        return Err(StoreError::NotFound);
    };
    if fingerprint(&current) != expected {
        return Err(StoreError::Stale("service"));
    }
    let mut stmt = Query::update();
    stmt.table(Alias::new("services"));
    for (col, value) in input.hsds_values() {
        stmt.value(Alias::new(col), value);
    }
    stmt.value(Alias::new("last_modified"), hsds_now());
    stmt.and_where(Expr::col(Alias::new("id")).eq(id));
    txn.execute(&stmt).await?;
    if let Some(details) = &input.details {
        let organization_id = current.get("organization_id").cloned().unwrap_or_default();
        super::directory_contacts::save_service_details(&txn, id, &organization_id, details)
            .await?;
    }
    change_log::append(&txn, "services", id, Op::Update, None).await?;
    audit::record(&txn, actor, "service.update", Some(id.to_owned()), None).await?;
    txn.commit().await?;
    Ok(())
}

/// An edit a member proposed for their organization.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: Uuid,
    pub organization_id: String,
    pub organization_name: String,
    pub proposed_by: Uuid,
    pub proposed_by_email: String,
    pub input: OrganizationInput,
    pub status: ProposalStatus,
    pub created_at: chrono::DateTime<Utc>,
}

pub async fn propose_edit(
    store: &Store,
    actor: &Actor,
    organization_id: &str,
    input: &OrganizationInput,
) -> Result<Uuid, StoreError> {
    let proposer = actor
        .user_id
        .ok_or_else(|| StoreError::Invalid("a proposal needs an account".into()))?;
    let txn = store.write().await?;
    if org_version(&txn, organization_id).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let id = Uuid::new_v4();
    let stmt = Query::insert()
        .into_table(Alias::new("edit_proposals"))
        .columns(
            [
                "id",
                "organization_id",
                "proposed_by",
                "payload",
                "status",
                "created_at",
            ]
            .map(Alias::new),
        )
        .values_panic([
            Expr::val(id),
            Expr::val(organization_id),
            Expr::val(proposer),
            Expr::val(serde_json::to_string(input).unwrap_or_default()),
            Expr::val(ProposalStatus::Pending.as_str()),
            Expr::val(Utc::now()),
        ])
        .to_owned();
    txn.execute(&stmt).await?;
    audit::record(
        &txn,
        actor,
        "organization.propose",
        Some(organization_id.to_owned()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn pending_proposals(store: &Store) -> Result<Vec<Proposal>, StoreError> {
    let sql = format!(
        "SELECT p.id, p.organization_id, o.name AS organization_name, p.proposed_by, \
         u.email AS proposed_by_email, p.payload, p.status, p.created_at \
         FROM edit_proposals p JOIN organizations o ON o.id = p.organization_id \
         JOIN users u ON u.id = p.proposed_by WHERE p.status = '{}' ORDER BY p.created_at",
        ProposalStatus::Pending.as_str()
    );
    let stmt = sea_orm::Statement::from_string(store.conn().get_database_backend(), sql);
    store
        .conn()
        .query_all_raw(stmt)
        .await?
        .iter()
        .map(|r| {
            let payload: Option<String> = r.try_get("", "payload")?;
            Ok(Proposal {
                id: r.try_get("", "id")?,
                organization_id: r.try_get("", "organization_id")?,
                organization_name: r.try_get("", "organization_name")?,
                proposed_by: r.try_get("", "proposed_by")?,
                proposed_by_email: r.try_get("", "proposed_by_email")?,
                input: payload
                    .and_then(|p| serde_json::from_str(&p).ok())
                    .unwrap_or_default(),
                status: {
                    let status: String = r.try_get("", "status")?;
                    ProposalStatus::parse(&status).ok_or_else(|| {
                        StoreError::Invalid(format!("unknown proposal status {status:?}"))
                    })?
                },
                created_at: r.try_get("", "created_at")?,
            })
        })
        .collect()
}

/// The proposal `id` while it waits for a decision (`None` when unknown or
/// already decided).
pub async fn pending_proposal(store: &Store, id: Uuid) -> Result<Option<Proposal>, StoreError> {
    Ok(pending_proposals(store)
        .await?
        .into_iter()
        .find(|p| p.id == id))
}

/// Approves (applies the proposed values) or rejects a pending proposal.
pub async fn decide_proposal(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    approve: bool,
) -> Result<(), StoreError> {
    let Some(proposal) = pending_proposal(store, id).await? else {
        return Err(StoreError::NotFound);
    };
    let txn = store.write().await?;
    if approve {
        apply_organization(
            &txn,
            actor,
            &proposal.organization_id,
            None,
            &proposal.input,
        )
        .await?;
    }
    let stmt = Query::update()
        .table(Alias::new("edit_proposals"))
        .value(
            Alias::new("status"),
            ProposalStatus::decided(approve).as_str(),
        )
        .value(Alias::new("decided_by"), actor.user_id)
        .value(Alias::new("decided_at"), Utc::now())
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("status")).eq(ProposalStatus::Pending.as_str()))
        .to_owned();
    if txn.execute(&stmt).await?.rows_affected() != 1 {
        return Err(StoreError::Stale("proposal"));
    }
    let action = if approve {
        "organization.proposal_approve"
    } else {
        "organization.proposal_reject"
    };
    audit::record(&txn, actor, action, Some(proposal.organization_id), None).await?;
    txn.commit().await?;
    Ok(())
}
