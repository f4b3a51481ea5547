//! Keeping the directory current: create and edit organizations and
//! services, verify them, merge duplicates, and members' edit proposals.
//! Each write is one transaction with its change-log row and audit entry.

use chrono::Utc;
use maillage_domain::directory::{OrganizationInput, ServiceInput};
use maillage_domain::hsds;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde_json::json;
use uuid::Uuid;

use super::audit::{self, Actor};
use super::change_log::{self, Op};
use super::directory::rows_where;
use super::hsds::{aliases_of, replace_aliases};
use crate::migration::m0002_directory::sql_table;
use crate::{Store, StoreError};

/// The message of a stale-form conflict.
pub const STALE: &str = "stale: someone else saved this record meanwhile";

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
/// was read; otherwise `Conflict(STALE)` and nothing changes.
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
        return Err(StoreError::Conflict(STALE.into()));
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
        return Err(StoreError::Conflict(STALE.into()));
    }
    replace_aliases(txn, id, &input.aliases).await?;
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

/// Merges `remove` into `keep`: every reference to `remove` (services,
/// locations, contacts, phones, programs, funding, identifiers, child
/// organizations, attributes, memberships, proposals) moves to `keep`, its
/// name and aliases become aliases of `keep`, and `remove` is deleted.
pub async fn merge_organizations(
    store: &Store,
    actor: &Actor,
    keep: &str,
    remove: &str,
) -> Result<(), StoreError> {
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
    for table in hsds::TABLES {
        for fk in table
            .foreign_keys
            .iter()
            .filter(|fk| fk.resource == "organization")
        {
            let stmt = Query::update()
                .table(Alias::new(sql_table(table)))
                .value(Alias::new(fk.field), keep)
                .and_where(Expr::col(Alias::new(fk.field)).eq(remove))
                .to_owned();
            txn.execute(&stmt).await?;
        }
    }
    let stmt = Query::update()
        .table(Alias::new("attributes"))
        .value(Alias::new("link_id"), keep)
        .and_where(Expr::col(Alias::new("link_id")).eq(remove))
        .and_where(Expr::col(Alias::new("link_entity")).eq("organization"))
        .to_owned();
    txn.execute(&stmt).await?;
    // Memberships: keep one per grouping.
    let memberships = Query::select()
        .column(Alias::new("grouping_id"))
        .from(Alias::new("memberships"))
        .and_where(Expr::col(Alias::new("organization_id")).eq(remove))
        .to_owned();
    for row in txn.query_all(&memberships).await? {
        let grouping: Uuid = row.try_get("", "grouping_id")?;
        let exists = txn
            .query_one(
                &Query::select()
                    .column(Alias::new("grouping_id"))
                    .from(Alias::new("memberships"))
                    .and_where(Expr::col(Alias::new("organization_id")).eq(keep))
                    .and_where(Expr::col(Alias::new("grouping_id")).eq(grouping))
                    .to_owned(),
            )
            .await?
            .is_some();
        if exists {
            let stmt = Query::delete()
                .from_table(Alias::new("memberships"))
                .and_where(Expr::col(Alias::new("organization_id")).eq(remove))
                .and_where(Expr::col(Alias::new("grouping_id")).eq(grouping))
                .to_owned();
            txn.execute(&stmt).await?;
        } else {
            let stmt = Query::update()
                .table(Alias::new("memberships"))
                .value(Alias::new("organization_id"), keep)
                .and_where(Expr::col(Alias::new("organization_id")).eq(remove))
                .and_where(Expr::col(Alias::new("grouping_id")).eq(grouping))
                .to_owned();
            txn.execute(&stmt).await?;
        }
    }
    // Proposals and representatives follow the organization.
    for table in ["edit_proposals", "users"] {
        let stmt = Query::update()
            .table(Alias::new(table))
            .value(Alias::new("organization_id"), keep)
            .and_where(Expr::col(Alias::new("organization_id")).eq(remove))
            .to_owned();
        txn.execute(&stmt).await?;
    }
    let mut aliases = aliases_of(&txn, keep).await?;
    aliases.push(removed_name.clone());
    aliases.extend(aliases_of(&txn, remove).await?);
    replace_aliases(&txn, remove, &[]).await?;
    replace_aliases(&txn, keep, &aliases).await?;
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
        Some(json!({"removed": remove, "removed_name": removed_name})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
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
        return Err(StoreError::Conflict(STALE.into()));
    }
    let mut stmt = Query::update();
    stmt.table(Alias::new("services"));
    for (col, value) in input.hsds_values() {
        stmt.value(Alias::new(col), value);
    }
    stmt.value(Alias::new("last_modified"), hsds_now());
    stmt.and_where(Expr::col(Alias::new("id")).eq(id));
    txn.execute(&stmt).await?;
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
    pub status: String,
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
            Expr::val("pending"),
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
    let sql = "SELECT p.id, p.organization_id, o.name AS organization_name, p.proposed_by, \
               u.email AS proposed_by_email, p.payload, p.status, p.created_at \
               FROM edit_proposals p JOIN organizations o ON o.id = p.organization_id \
               JOIN users u ON u.id = p.proposed_by WHERE p.status = 'pending' ORDER BY p.created_at";
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
                status: r.try_get("", "status")?,
                created_at: r.try_get("", "created_at")?,
            })
        })
        .collect()
}

/// Approves (applies the proposed values) or rejects a pending proposal.
pub async fn decide_proposal(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    approve: bool,
) -> Result<(), StoreError> {
    let Some(proposal) = pending_proposals(store)
        .await?
        .into_iter()
        .find(|p| p.id == id)
    else {
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
            if approve { "approved" } else { "rejected" },
        )
        .value(Alias::new("decided_by"), actor.user_id)
        .value(Alias::new("decided_at"), Utc::now())
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("status")).eq("pending"))
        .to_owned();
    if txn.execute(&stmt).await?.rows_affected() != 1 {
        return Err(StoreError::Conflict(STALE.into()));
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
