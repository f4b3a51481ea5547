//! Generic storage of the Open Referral HSDS 3.0 tables: import a whole
//! package in one transaction, export it back, both driven by
//! `maillage_domain::hsds::TABLES`.
//!
//! Values are text exactly as imported. `organizations.alternate_name` is
//! not a column: it is the organization's first alias.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Utc;
use maillage_domain::hsds::{self, Table};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use serde::Serialize;
use serde_json::json;

use super::audit::{self, Actor};
use super::change_log::{self, Op};
use crate::migration::m0002_directory::{ORGANIZATION_VIRTUAL_FIELDS, sql_table};
use crate::{Store, StoreError};

/// One row: non-empty values by field name.
pub type Values = BTreeMap<&'static str, String>;

#[derive(Debug, Clone)]
pub struct TableRows {
    pub table: &'static Table,
    pub rows: Vec<Values>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct TableReport {
    pub file: &'static str,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub dry_run: bool,
    pub tables: Vec<TableReport>,
}

impl ImportReport {
    pub fn changed(&self) -> usize {
        self.tables.iter().map(|t| t.inserted + t.updated).sum()
    }
}

/// The change-log table name that tells followers to re-read the whole
/// directory (a change to a table that many documents depend on).
pub const CHANGE_ALL: &str = "directory";

/// Rows inserted per statement: well under SQLite's 32,766 bound variables.
const BATCH: usize = 400;

/// Columns stored for a table (every field but the virtual ones).
pub fn stored_fields(table: &Table) -> Vec<&'static str> {
    table
        .fields
        .iter()
        .map(|f| f.name)
        .filter(|n| !(table.name == "organization" && ORGANIZATION_VIRTUAL_FIELDS.contains(n)))
        .collect()
}

async fn load_table<C: ConnectionTrait>(
    conn: &C,
    table: &'static Table,
) -> Result<HashMap<String, Values>, StoreError> {
    let cols = stored_fields(table);
    let stmt = Query::select()
        .columns(cols.iter().map(|c| Alias::new(*c)))
        .from(Alias::new(sql_table(table)))
        .to_owned();
    let mut out = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        let values = read_values(&row, &cols)?;
        if let Some(id) = values.get(table.primary_key).cloned() {
            out.insert(id, values);
        }
    }
    if table.name == "organization" {
        for (org, alias) in first_aliases(conn).await? {
            if let Some(values) = out.get_mut(&org) {
                values.insert("alternate_name", alias);
            }
        }
    }
    Ok(out)
}

/// The non-empty text values of `cols` in a result row.
pub(crate) fn read_values(
    row: &sea_orm::QueryResult,
    cols: &[&'static str],
) -> Result<Values, StoreError> {
    let mut values = Values::new();
    for col in cols {
        if let Some(v) = row
            .try_get::<Option<String>>("", col)?
            .filter(|v| !v.is_empty())
        {
            values.insert(*col, v);
        }
    }
    Ok(values)
}

/// The first alias of every organization that has one.
pub async fn first_aliases<C: ConnectionTrait>(
    conn: &C,
) -> Result<HashMap<String, String>, StoreError> {
    let stmt = Query::select()
        .columns([Alias::new("organization_id"), Alias::new("alias")])
        .from(Alias::new("organization_aliases"))
        .order_by(Alias::new("organization_id"), sea_orm::Order::Asc)
        .order_by(Alias::new("position"), sea_orm::Order::Asc)
        .to_owned();
    let mut out = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        let org: String = row.try_get("", "organization_id")?;
        let alias: String = row.try_get("", "alias")?;
        out.entry(org).or_insert(alias);
    }
    Ok(out)
}

/// Ids of every HSDS table, by resource name, so that a package may
/// reference rows already in the directory.
pub async fn known_ids(
    store: &Store,
) -> Result<HashMap<&'static str, HashSet<String>>, StoreError> {
    let mut out = HashMap::new();
    for table in hsds::TABLES {
        let stmt = Query::select()
            .column(Alias::new(table.primary_key))
            .from(Alias::new(sql_table(table)))
            .to_owned();
        let mut ids = HashSet::new();
        for row in store.conn().query_all(&stmt).await? {
            ids.insert(row.try_get::<String>("", table.primary_key)?);
        }
        out.insert(table.name, ids);
    }
    Ok(out)
}

/// Upserts a validated package by id in one transaction. With `dry_run`
/// nothing is written at all; the report says what would change.
pub async fn import(
    store: &Store,
    actor: &Actor,
    data: &[TableRows],
    dry_run: bool,
) -> Result<ImportReport, StoreError> {
    let txn = store.write().await?;
    let mut report = ImportReport {
        dry_run,
        tables: Vec::new(),
    };
    let mut changed_orgs: Vec<String> = Vec::new();
    let mut changed_services: Vec<String> = Vec::new();
    let mut reindex_all = false;
    for part in data {
        let table = part.table;
        let existing = load_table(&txn, table).await?;
        let mut inserts: Vec<&Values> = Vec::new();
        let mut updates: Vec<&Values> = Vec::new();
        let mut t = TableReport {
            file: table.path,
            ..TableReport::default()
        };
        for row in &part.rows {
            let Some(id) = row.get(table.primary_key) else {
                continue;
            };
            match existing.get(id) {
                None => inserts.push(row),
                Some(old) if !same_row(table, old, row) => updates.push(row),
                Some(_) => t.unchanged += 1,
            }
        }
        t.inserted = inserts.len();
        t.updated = updates.len();
        let touched = inserts
            .iter()
            .chain(updates.iter())
            .filter_map(|r| r.get(table.primary_key));
        match table.name {
            "organization" => changed_orgs.extend(touched.cloned()),
            "service" => changed_services.extend(touched.cloned()),
            _ if t.inserted + t.updated > 0 => reindex_all = true,
            _ => {}
        }
        if !dry_run {
            insert_rows(&txn, table, &inserts).await?;
            for row in &updates {
                update_row(&txn, table, row).await?;
            }
            if table.name == "organization" {
                for row in inserts.iter().chain(updates.iter()) {
                    if let (Some(id), Some(alias)) = (row.get("id"), row.get("alternate_name")) {
                        set_first_alias(&txn, id, alias).await?;
                    }
                }
            }
        }
        report.tables.push(t);
    }
    if dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    for id in &changed_orgs {
        change_log::append(&txn, "organizations", id, Op::Update, None).await?;
    }
    for id in &changed_services {
        change_log::append(&txn, "services", id, Op::Update, None).await?;
    }
    if reindex_all {
        change_log::append(&txn, CHANGE_ALL, "*", Op::Update, None).await?;
    }
    if report.changed() > 0 {
        audit::record(
            &txn,
            actor,
            "directory.import",
            None,
            Some(json!(report.tables)),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(report)
}

/// Whether an imported row leaves the stored one as it is. A package that
/// says nothing of an organization's alternate name leaves its aliases alone.
fn same_row(table: &Table, old: &Values, new: &Values) -> bool {
    if table.name == "organization" && !new.contains_key("alternate_name") {
        old.iter()
            .filter(|(k, _)| **k != "alternate_name")
            .eq(new.iter())
    } else {
        old == new
    }
}

fn text(values: &Values, col: &str) -> sea_orm::Value {
    values.get(col).cloned().into()
}

async fn insert_rows<C: ConnectionTrait>(
    conn: &C,
    table: &'static Table,
    rows: &[&Values],
) -> Result<(), StoreError> {
    let cols = stored_fields(table);
    let is_org = table.name == "organization";
    let now = Utc::now();
    for chunk in rows.chunks(BATCH) {
        let mut stmt = Query::insert();
        stmt.into_table(Alias::new(sql_table(table)));
        let mut names: Vec<Alias> = cols.iter().map(|c| Alias::new(*c)).collect();
        if is_org {
            names.extend(["created_at", "updated_at", "version"].map(Alias::new));
        }
        stmt.columns(names);
        for row in chunk {
            let mut values: Vec<Expr> = cols.iter().map(|c| Expr::val(text(row, c))).collect();
            if is_org {
                values.extend([Expr::val(now), Expr::val(now), Expr::val(1)]);
            }
            stmt.values_panic(values);
        }
        conn.execute(&stmt).await?;
    }
    Ok(())
}

async fn update_row<C: ConnectionTrait>(
    conn: &C,
    table: &'static Table,
    row: &Values,
) -> Result<(), StoreError> {
    let id = row.get(table.primary_key).cloned().unwrap_or_default();
    let mut stmt = Query::update();
    stmt.table(Alias::new(sql_table(table)));
    for col in stored_fields(table) {
        if col != table.primary_key {
            stmt.value(Alias::new(col), text(row, col));
        }
    }
    if table.name == "organization" {
        stmt.value(Alias::new("updated_at"), Utc::now());
        stmt.value(
            Alias::new("version"),
            Expr::col(Alias::new("version")).add(1),
        );
    }
    stmt.and_where(Expr::col(Alias::new(table.primary_key)).eq(id));
    conn.execute(&stmt).await?;
    Ok(())
}

/// Makes `alias` the organization's first alias, keeping the others after it.
pub async fn set_first_alias<C: ConnectionTrait>(
    conn: &C,
    organization_id: &str,
    alias: &str,
) -> Result<(), StoreError> {
    let list = aliases_of(conn, organization_id).await?;
    if list.first().map(String::as_str) == Some(alias) {
        return Ok(());
    }
    let mut ordered = vec![alias.to_owned()];
    ordered.extend(list.into_iter().filter(|a| a != alias));
    replace_aliases(conn, organization_id, &ordered).await
}

pub async fn aliases_of<C: ConnectionTrait>(
    conn: &C,
    organization_id: &str,
) -> Result<Vec<String>, StoreError> {
    let stmt = Query::select()
        .column(Alias::new("alias"))
        .from(Alias::new("organization_aliases"))
        .and_where(Expr::col(Alias::new("organization_id")).eq(organization_id))
        .order_by(Alias::new("position"), sea_orm::Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .into_iter()
        .map(|r| r.try_get::<String>("", "alias").map_err(StoreError::from))
        .collect()
}

/// Replaces the whole alias list of an organization, in order.
pub async fn replace_aliases<C: ConnectionTrait>(
    conn: &C,
    organization_id: &str,
    aliases: &[String],
) -> Result<(), StoreError> {
    let delete = Query::delete()
        .from_table(Alias::new("organization_aliases"))
        .and_where(Expr::col(Alias::new("organization_id")).eq(organization_id))
        .to_owned();
    conn.execute(&delete).await?;
    let mut seen = HashSet::new();
    let now = Utc::now();
    for (position, alias) in aliases
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .enumerate()
    {
        if !seen.insert(alias.to_owned()) {
            continue;
        }
        let insert = Query::insert()
            .into_table(Alias::new("organization_aliases"))
            .columns(["organization_id", "alias", "position", "created_at"].map(Alias::new))
            .values_panic([
                Expr::val(organization_id),
                Expr::val(alias),
                Expr::val(i32::try_from(position).unwrap_or(i32::MAX)),
                Expr::val(now),
            ])
            .to_owned();
        conn.execute(&insert).await?;
    }
    Ok(())
}

/// Every HSDS table that has rows, with its rows sorted by id.
pub async fn export(store: &Store) -> Result<Vec<TableRows>, StoreError> {
    let mut out = Vec::new();
    for table in hsds::TABLES {
        let mut rows: Vec<Values> = load_table(store.conn(), table)
            .await?
            .into_values()
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by(|a, b| a.get(table.primary_key).cmp(&b.get(table.primary_key)));
        out.push(TableRows { table, rows });
    }
    Ok(out)
}
