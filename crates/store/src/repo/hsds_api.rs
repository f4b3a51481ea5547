//! Read queries behind the Open Referral HSDS 3.0 API (`/api/v1/…`).
//!
//! Lists come in two steps: the *keys* of every row matching the filters
//! (id, name and what sorting and filtering need), sorted by name then id,
//! and then a [`Graph`] of the rows of one page with everything nested in
//! them, loaded table by table — never one query per row. Values are text
//! exactly as stored; turning them into JSON is the web layer's job.

use std::collections::{BTreeSet, HashMap};

use maillage_domain::hsds::{self, Table};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};

use super::directory_pages::sort_key;
use super::hsds::{Values, stored_fields};
use crate::migration::m0002_directory::sql_table;
use crate::{Store, StoreError};

/// Values bound per `IN (…)` list: far below SQLite's 32,766 variables.
const CHUNK: usize = 500;

fn table(name: &str) -> &'static Table {
    hsds::table(name).expect("an HSDS table of the descriptor")
}

fn col(name: &str) -> Expr {
    Expr::col(Alias::new(name))
}

fn tcol(table: &str, name: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(name)))
}

fn text(row: &QueryResult, column: &str) -> Result<Option<String>, StoreError> {
    Ok(row
        .try_get::<Option<String>>("", column)?
        .filter(|v| !v.is_empty()))
}

/// One row of a list, before paging.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Key {
    pub id: String,
    /// What the list is sorted by (for a service at a location: the
    /// service's name).
    pub name: String,
    /// Second sort key (for a service at a location: the location's name).
    pub name2: String,
    /// `last_modified` of the service, as stored.
    pub last_modified: Option<String>,
    /// For a service at a location: its service.
    pub service_id: Option<String>,
    /// Texts a plain-text `search` looks into (tables the search index does
    /// not cover: locations, taxonomies, terms).
    pub texts: Vec<String>,
}

/// Sorts keys by name as people read it (case and accents folded), then by
/// name as written, then by id: a stable order for paging.
fn sorted(keys: Vec<Key>) -> Vec<Key> {
    // Names repeat (many services share a name): rank the distinct names
    // once, then sort by (rank, id).
    let mut ranks: HashMap<(&str, &str), u32> = HashMap::new();
    for k in &keys {
        ranks
            .entry((k.name.as_str(), k.name2.as_str()))
            .or_insert(0);
    }
    let mut distinct: Vec<(String, &str, String, (&str, &str))> = ranks
        .keys()
        .map(|&(name, name2)| (sort_key(name), name, sort_key(name2), (name, name2)))
        .collect();
    distinct.sort_unstable();
    for (rank, (.., pair)) in distinct.iter().enumerate() {
        ranks.insert(*pair, u32::try_from(rank).unwrap_or(u32::MAX));
    }
    let rank_of: Vec<u32> = keys
        .iter()
        .map(|k| ranks[&(k.name.as_str(), k.name2.as_str())])
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        rank_of[a]
            .cmp(&rank_of[b])
            .then_with(|| keys[a].id.cmp(&keys[b].id))
    });
    drop(distinct);
    drop(ranks);
    let mut slots: Vec<Option<Key>> = keys.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Every organization, sorted.
pub async fn organization_keys(store: &Store) -> Result<Vec<Key>, StoreError> {
    let stmt = Query::select()
        .columns(["id", "name"].map(Alias::new))
        .from(Alias::new("organizations"))
        .to_owned();
    let mut keys = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        keys.push(Key {
            id: r.try_get("", "id")?,
            name: text(&r, "name")?.unwrap_or_default(),
            ..Key::default()
        });
    }
    Ok(sorted(keys))
}

/// Restrictions of the service lists; every `Some` must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFilter {
    pub organization_id: Option<String>,
    /// The service has an attribute with this taxonomy term.
    pub taxonomy_term_id: Option<String>,
    /// The service has an attribute with a term of this taxonomy.
    pub taxonomy_id: Option<String>,
}

/// Ids of the rows (`link_id`) having an attribute with a term of `taxonomy_id`.
fn linked_to_taxonomy(taxonomy_id: &str) -> SelectStatement {
    let terms = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("taxonomy_terms"))
        .and_where(col("taxonomy_id").eq(taxonomy_id))
        .to_owned();
    Query::select()
        .column(Alias::new("link_id"))
        .from(Alias::new("attributes"))
        .and_where(col("taxonomy_term_id").in_subquery(terms))
        .to_owned()
}

fn linked_to_term(term_id: &str) -> SelectStatement {
    Query::select()
        .column(Alias::new("link_id"))
        .from(Alias::new("attributes"))
        .and_where(col("taxonomy_term_id").eq(term_id))
        .to_owned()
}

/// Conditions on the services `s` of a filter.
fn service_conditions(filter: &ServiceFilter) -> Cond {
    let mut cond = Cond::all();
    if let Some(org) = filter.organization_id.as_deref() {
        cond = cond.add(tcol("s", "organization_id").eq(org));
    }
    if let Some(term) = filter.taxonomy_term_id.as_deref() {
        cond = cond.add(tcol("s", "id").in_subquery(linked_to_term(term)));
    }
    if let Some(taxonomy) = filter.taxonomy_id.as_deref() {
        cond = cond.add(tcol("s", "id").in_subquery(linked_to_taxonomy(taxonomy)));
    }
    cond
}

/// The services matching `filter`, sorted.
pub async fn service_keys(store: &Store, filter: &ServiceFilter) -> Result<Vec<Key>, StoreError> {
    let stmt = Query::select()
        .expr_as(tcol("s", "id"), Alias::new("id"))
        .expr_as(tcol("s", "name"), Alias::new("name"))
        .expr_as(tcol("s", "last_modified"), Alias::new("last_modified"))
        .from_as(Alias::new("services"), Alias::new("s"))
        .cond_where(service_conditions(filter))
        .to_owned();
    let mut keys = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        keys.push(Key {
            id: r.try_get("", "id")?,
            name: text(&r, "name")?.unwrap_or_default(),
            last_modified: text(&r, "last_modified")?,
            ..Key::default()
        });
    }
    Ok(sorted(keys))
}

/// The services at locations whose service matches `filter` (and, with a
/// `postcode`, whose location has an address with that postal code, spaces
/// and case aside), sorted by service name, then location name, then id.
pub async fn service_at_location_keys(
    store: &Store,
    filter: &ServiceFilter,
    postcode: Option<&str>,
) -> Result<Vec<Key>, StoreError> {
    // Three scans joined and ranked here: much faster than an SQL join on
    // text keys and a sort of the joined rows.
    let services = service_keys(store, filter).await?;
    let service_rank: HashMap<&str, usize> = services
        .iter()
        .enumerate()
        .map(|(rank, k)| (k.id.as_str(), rank))
        .collect();
    let stmt = Query::select()
        .columns(["id", "name"].map(Alias::new))
        .from(Alias::new("locations"))
        .to_owned();
    let mut locations = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        locations.push(Key {
            id: r.try_get("", "id")?,
            name: text(&r, "name")?.unwrap_or_default(),
            ..Key::default()
        });
    }
    let locations = sorted(locations);
    let location_rank: HashMap<&str, usize> = locations
        .iter()
        .enumerate()
        .map(|(rank, k)| (k.id.as_str(), rank))
        .collect();
    let located = match postcode {
        Some(code) => Some(locations_with_postcode(store, code).await?),
        None => None,
    };
    let stmt = Query::select()
        .columns(["id", "service_id", "location_id"].map(Alias::new))
        .from(Alias::new("service_at_location"))
        .to_owned();
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        let Some(service) =
            text(&r, "service_id")?.and_then(|s| service_rank.get(s.as_str()).copied())
        else {
            continue;
        };
        let location = text(&r, "location_id")?;
        if let Some(allowed) = &located
            && !location.as_ref().is_some_and(|l| allowed.contains(l))
        {
            continue;
        }
        // Without a known location: after those with one.
        let location = location
            .and_then(|l| location_rank.get(l.as_str()).copied())
            .unwrap_or(usize::MAX);
        found.push((service, location, r.try_get("", "id")?));
    }
    found.sort_unstable();
    Ok(found
        .into_iter()
        .map(|(service, location, id)| {
            let s = &services[service];
            Key {
                id,
                name: s.name.clone(),
                name2: locations
                    .get(location)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                last_modified: s.last_modified.clone(),
                service_id: Some(s.id.clone()),
                texts: Vec::new(),
            }
        })
        .collect())
}

/// A postal code without spaces, in capitals (`g7x 7w2` → `G7X7W2`).
pub fn normalize_postcode(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

async fn locations_with_postcode(
    store: &Store,
    code: &str,
) -> Result<BTreeSet<String>, StoreError> {
    let wanted = normalize_postcode(code);
    let stmt = Query::select()
        .columns(["location_id", "postal_code"].map(Alias::new))
        .from(Alias::new("addresses"))
        .and_where(col("location_id").is_not_null())
        .to_owned();
    let mut out = BTreeSet::new();
    for r in store.conn().query_all(&stmt).await? {
        if let (Some(location), Some(postal)) = (text(&r, "location_id")?, text(&r, "postal_code")?)
            && normalize_postcode(&postal) == wanted
        {
            out.insert(location);
        }
    }
    Ok(out)
}

/// The locations (of one organization when given), sorted.
pub async fn location_keys(
    store: &Store,
    organization_id: Option<&str>,
) -> Result<Vec<Key>, StoreError> {
    let mut stmt = Query::select()
        .columns(["id", "name", "alternate_name", "description"].map(Alias::new))
        .from(Alias::new("locations"))
        .to_owned();
    if let Some(org) = organization_id {
        stmt.and_where(col("organization_id").eq(org));
    }
    let mut keys = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        let name = text(&r, "name")?.unwrap_or_default();
        let mut texts = vec![name.clone()];
        texts.extend(text(&r, "alternate_name")?);
        texts.extend(text(&r, "description")?);
        keys.push(Key {
            id: r.try_get("", "id")?,
            name,
            texts,
            ..Key::default()
        });
    }
    Ok(sorted(keys))
}

/// Every taxonomy, sorted.
pub async fn taxonomy_keys(store: &Store) -> Result<Vec<Key>, StoreError> {
    let stmt = Query::select()
        .columns(["id", "name", "description"].map(Alias::new))
        .from(Alias::new("taxonomies"))
        .to_owned();
    let mut keys = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        let name = text(&r, "name")?.unwrap_or_default();
        let mut texts = vec![name.clone()];
        texts.extend(text(&r, "description")?);
        keys.push(Key {
            id: r.try_get("", "id")?,
            name,
            texts,
            ..Key::default()
        });
    }
    Ok(sorted(keys))
}

/// Restrictions of the taxonomy term list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermFilter {
    pub taxonomy_id: Option<String>,
    pub parent_id: Option<String>,
    /// Only the terms without a parent.
    pub top_only: bool,
}

/// The taxonomy terms matching `filter`, sorted.
pub async fn taxonomy_term_keys(
    store: &Store,
    filter: &TermFilter,
) -> Result<Vec<Key>, StoreError> {
    let mut stmt = Query::select()
        .columns(["id", "name", "code", "description", "parent_id"].map(Alias::new))
        .from(Alias::new("taxonomy_terms"))
        .to_owned();
    if let Some(taxonomy) = filter.taxonomy_id.as_deref() {
        stmt.and_where(col("taxonomy_id").eq(taxonomy));
    }
    if let Some(parent) = filter.parent_id.as_deref() {
        stmt.and_where(col("parent_id").eq(parent));
    }
    let mut keys = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        if filter.top_only && text(&r, "parent_id")?.is_some() {
            continue;
        }
        let name = text(&r, "name")?.unwrap_or_default();
        let mut texts = vec![name.clone()];
        texts.extend(text(&r, "code")?);
        texts.extend(text(&r, "description")?);
        keys.push(Key {
            id: r.try_get("", "id")?,
            name,
            texts,
            ..Key::default()
        });
    }
    Ok(sorted(keys))
}

/// Rows of an HSDS table whose `column` is one of `values`, in chunks.
/// Organizations get their `alternate_name` (their first alias).
async fn rows_in<C: ConnectionTrait>(
    conn: &C,
    t: &'static Table,
    column: &str,
    values: &[String],
) -> Result<Vec<Values>, StoreError> {
    let cols = stored_fields(t);
    let mut out = Vec::new();
    for chunk in values.chunks(CHUNK) {
        let stmt = Query::select()
            .columns(cols.iter().map(|c| Alias::new(*c)))
            .from(Alias::new(sql_table(t)))
            .and_where(col(column).is_in(chunk.iter().cloned()))
            .to_owned();
        for row in conn.query_all(&stmt).await? {
            let mut values = Values::new();
            for c in &cols {
                if let Some(v) = text(&row, c)? {
                    values.insert(*c, v);
                }
            }
            out.push(values);
        }
    }
    if t.name == "organization" {
        let ids: Vec<String> = out.iter().filter_map(|o| o.get("id").cloned()).collect();
        let aliases = first_aliases_of(conn, &ids).await?;
        for o in &mut out {
            if let Some(alias) = o.get("id").and_then(|id| aliases.get(id)) {
                o.insert("alternate_name", alias.clone());
            }
        }
    }
    Ok(out)
}

async fn first_aliases_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[String],
) -> Result<HashMap<String, String>, StoreError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let stmt = Query::select()
            .columns(["organization_id", "alias", "position"].map(Alias::new))
            .from(Alias::new("organization_aliases"))
            .and_where(col("organization_id").is_in(chunk.iter().cloned()))
            .order_by(Alias::new("organization_id"), sea_orm::Order::Asc)
            .order_by(Alias::new("position"), sea_orm::Order::Asc)
            .to_owned();
        for row in conn.query_all(&stmt).await? {
            let org: String = row.try_get("", "organization_id")?;
            let alias: String = row.try_get("", "alias")?;
            out.entry(org).or_insert(alias);
        }
    }
    Ok(out)
}

/// Rows of several HSDS tables, indexed by id and by every reference
/// column, for building nested documents without further queries.
#[derive(Debug, Default)]
pub struct Graph {
    /// Rows by table (resource name), sorted by name then id.
    rows: HashMap<&'static str, Vec<Values>>,
    /// `(table, column, value)` → positions in `rows[table]`.
    index: HashMap<(&'static str, &'static str, String), Vec<usize>>,
}

impl Graph {
    /// A graph of the given rows of each table (resource name).
    pub fn from_rows(tables: impl IntoIterator<Item = (&'static str, Vec<Values>)>) -> Graph {
        let mut g = Graph::default();
        for (t, rows) in tables {
            g.add(t, rows);
        }
        g.finish()
    }

    /// The row of `table` whose id is `id`.
    pub fn get(&self, table: &str, id: &str) -> Option<&Values> {
        self.find(table, "id", id).next()
    }

    /// The rows of `table` whose `column` (an id or a reference) is `value`,
    /// sorted by name then id.
    pub fn find<'a>(
        &'a self,
        table: &str,
        column: &str,
        value: &str,
    ) -> impl Iterator<Item = &'a Values> + 'a {
        let rows = self.rows.get(table);
        let table = hsds::table(table).map_or("", |t| t.name);
        let column = hsds::table(table)
            .and_then(|t| t.field(column))
            .map_or("", |f| f.name);
        self.index
            .get(&(table, column, value.to_owned()))
            .into_iter()
            .flatten()
            .filter_map(move |i| rows.and_then(|r| r.get(*i)))
    }

    /// Whether rows of `table` were loaded.
    pub fn has(&self, table: &str) -> bool {
        self.rows.contains_key(table)
    }

    fn ids(&self, table: &str) -> Vec<String> {
        self.values(table, "id")
    }

    /// Distinct non-empty values of `column` in the rows of `table`.
    fn values(&self, table: &str, column: &str) -> Vec<String> {
        let set: BTreeSet<&String> = self
            .rows
            .get(table)
            .into_iter()
            .flatten()
            .filter_map(|r| r.get(column))
            .collect();
        set.into_iter().cloned().collect()
    }

    fn add(&mut self, table: &'static str, rows: Vec<Values>) {
        let existing = self.rows.entry(table).or_default();
        let mut seen: BTreeSet<String> = existing
            .iter()
            .filter_map(|r| r.get("id").cloned())
            .collect();
        for r in rows {
            if r.get("id").is_some_and(|id| seen.insert(id.clone())) {
                existing.push(r);
            }
        }
    }

    /// Sorts every table and builds the indexes (on `id` and on every
    /// column ending in `_id`).
    fn finish(mut self) -> Graph {
        self.index.clear();
        for (table, rows) in &mut self.rows {
            rows.sort_by_cached_key(|r| {
                let name = r.get("name").map_or("", String::as_str);
                (
                    sort_key(name),
                    name.to_owned(),
                    r.get("id").cloned().unwrap_or_default(),
                )
            });
            let Some(t) = hsds::table(table) else {
                continue;
            };
            for field in t
                .fields
                .iter()
                .filter(|f| f.name == "id" || f.name.ends_with("_id"))
            {
                for (i, r) in rows.iter().enumerate() {
                    if let Some(v) = r.get(field.name) {
                        self.index
                            .entry((t.name, field.name, v.clone()))
                            .or_default()
                            .push(i);
                    }
                }
            }
        }
        self
    }
}

/// What to load with the root rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    /// Every nested object of the roots (the HSDS "full" documents), with
    /// attributes and metadata.
    pub full: bool,
    /// Organizations: their services, fully nested too.
    pub full_services: bool,
}

/// Loads a graph level by level.
struct Loader<'a> {
    store: &'a Store,
    graph: Graph,
}

impl<'a> Loader<'a> {
    fn new(store: &'a Store) -> Self {
        Loader {
            store,
            graph: Graph::default(),
        }
    }

    /// Loads the rows of `table_name` whose `column` is one of `values`.
    async fn load(
        &mut self,
        table_name: &str,
        column: &str,
        values: &[String],
    ) -> Result<(), StoreError> {
        let t = table(table_name);
        self.graph.rows.entry(t.name).or_default();
        if values.is_empty() {
            return Ok(());
        }
        let rows = rows_in(self.store.conn(), t, column, values).await?;
        self.graph.add(t.name, rows);
        Ok(())
    }

    /// Loads the rows of each table in `children` that reference a row of
    /// `parent` through `column`.
    async fn children(
        &mut self,
        parent: &str,
        column: &str,
        children: &[&str],
    ) -> Result<(), StoreError> {
        let ids = self.graph.ids(parent);
        for child in children {
            self.load(child, column, &ids).await?;
        }
        Ok(())
    }

    /// The organizations and programs of the loaded services (one-to-one).
    async fn service_parents(&mut self) -> Result<(), StoreError> {
        let orgs = self.graph.values("service", "organization_id");
        self.load("organization", "id", &orgs).await?;
        let programs = self.graph.values("service", "program_id");
        self.load("program", "id", &programs).await
    }

    /// Everything nested in the loaded services, services at locations
    /// included (their locations are completed by [`Self::finish`]).
    async fn service_children(&mut self) -> Result<(), StoreError> {
        self.children(
            "service",
            "service_id",
            &[
                "phone",
                "schedule",
                "service_area",
                "service_at_location",
                "language",
                "funding",
                "cost_option",
                "required_document",
                "contact",
            ],
        )
        .await?;
        self.service_at_location_children().await
    }

    async fn service_at_location_children(&mut self) -> Result<(), StoreError> {
        self.children(
            "service_at_location",
            "service_at_location_id",
            &["contact", "phone", "schedule"],
        )
        .await?;
        let locations = self.graph.values("service_at_location", "location_id");
        self.load("location", "id", &locations).await
    }

    /// Completes every loaded location, contact and phone, then attaches
    /// attributes (with their terms) and metadata to every loaded row.
    async fn finish(mut self, full: bool) -> Result<Graph, StoreError> {
        if full {
            self.children(
                "location",
                "location_id",
                &[
                    "language",
                    "address",
                    "contact",
                    "accessibility",
                    "phone",
                    "schedule",
                ],
            )
            .await?;
            self.children("contact", "contact_id", &["phone"]).await?;
            self.children("phone", "phone_id", &["language"]).await?;
            let mut ids: Vec<String> = Vec::new();
            for t in hsds::TABLES {
                ids.extend(self.graph.ids(t.name));
            }
            self.load("attribute", "link_id", &ids).await?;
            let terms = self.graph.values("attribute", "taxonomy_term_id");
            self.load("taxonomy_term", "id", &terms).await?;
            ids.extend(self.graph.ids("attribute"));
            ids.extend(self.graph.ids("taxonomy_term"));
            self.load("metadata", "resource_id", &ids).await?;
        }
        Ok(self.graph.finish())
    }
}

/// Organizations by id, with what `depth` asks for.
pub async fn organizations(
    store: &Store,
    ids: &[String],
    depth: Depth,
) -> Result<Graph, StoreError> {
    let mut l = Loader::new(store);
    l.load("organization", "id", ids).await?;
    if depth.full {
        l.children(
            "organization",
            "organization_id",
            &[
                "service",
                "location",
                "contact",
                "phone",
                "funding",
                "program",
                "organization_identifier",
            ],
        )
        .await?;
    } else if depth.full_services {
        l.children("organization", "organization_id", &["service"])
            .await?;
    }
    if depth.full_services {
        l.service_children().await?;
        let programs = l.graph.values("service", "program_id");
        l.load("program", "id", &programs).await?;
    }
    l.finish(depth.full || depth.full_services).await
}

/// Services by id, with their organization and program, and with
/// `depth.full` everything nested in them.
pub async fn services(store: &Store, ids: &[String], depth: Depth) -> Result<Graph, StoreError> {
    let mut l = Loader::new(store);
    l.load("service", "id", ids).await?;
    l.service_parents().await?;
    if depth.full {
        l.service_children().await?;
    }
    l.finish(depth.full).await
}

/// Locations by id (with `depth.full`, everything nested in them).
pub async fn locations(store: &Store, ids: &[String], depth: Depth) -> Result<Graph, StoreError> {
    let mut l = Loader::new(store);
    l.load("location", "id", ids).await?;
    l.finish(depth.full).await
}

/// Services at locations by id, with their service (and its organization
/// and program) and location; with `depth.full` everything nested in them.
pub async fn service_at_locations(
    store: &Store,
    ids: &[String],
    depth: Depth,
) -> Result<Graph, StoreError> {
    let mut l = Loader::new(store);
    l.load("service_at_location", "id", ids).await?;
    let services = l.graph.values("service_at_location", "service_id");
    l.load("service", "id", &services).await?;
    l.service_parents().await?;
    if depth.full {
        l.service_at_location_children().await?;
    } else {
        let locations = l.graph.values("service_at_location", "location_id");
        l.load("location", "id", &locations).await?;
    }
    l.finish(depth.full).await
}

/// Taxonomies by id, with their metadata.
pub async fn taxonomies(store: &Store, ids: &[String]) -> Result<Graph, StoreError> {
    let mut l = Loader::new(store);
    l.load("taxonomy", "id", ids).await?;
    l.load("metadata", "resource_id", ids).await?;
    Ok(l.graph.finish())
}

/// Taxonomy terms by id, with their taxonomy and metadata.
pub async fn taxonomy_terms(store: &Store, ids: &[String]) -> Result<Graph, StoreError> {
    let mut l = Loader::new(store);
    l.load("taxonomy_term", "id", ids).await?;
    let taxonomies = l.graph.values("taxonomy_term", "taxonomy_id");
    l.load("taxonomy", "id", &taxonomies).await?;
    l.load("metadata", "resource_id", ids).await?;
    Ok(l.graph.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_compare_without_spaces_or_case() {
        assert_eq!(normalize_postcode(" g7x 7w2 "), "G7X7W2");
        assert_eq!(normalize_postcode("G7X-7W2"), "G7X7W2");
    }

    #[test]
    fn keys_sort_by_name_as_read_then_id() {
        let key = |id: &str, name: &str| Key {
            id: id.to_owned(),
            name: name.to_owned(),
            ..Key::default()
        };
        let keys = sorted(vec![
            key("3", "Zèbre"),
            key("2", "École"),
            key("1", "école"),
            key("0", "École"),
            key("4", "Alma"),
        ]);
        let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, ["4", "0", "2", "1", "3"]);
    }

    #[test]
    fn graph_finds_rows_by_reference() {
        let row = |pairs: &[(&'static str, &str)]| -> Values {
            pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
        };
        let mut g = Graph::default();
        g.add(
            "phone",
            vec![
                row(&[("id", "p2"), ("organization_id", "o1"), ("number", "2")]),
                row(&[("id", "p1"), ("organization_id", "o1"), ("number", "1")]),
                row(&[("id", "p3"), ("location_id", "l1"), ("number", "3")]),
                row(&[("id", "p1"), ("organization_id", "o9"), ("number", "dup")]),
            ],
        );
        let g = g.finish();
        let of_org: Vec<&str> = g
            .find("phone", "organization_id", "o1")
            .map(|p| p["id"].as_str())
            .collect();
        assert_eq!(of_org, ["p1", "p2"]);
        assert_eq!(g.get("phone", "p3").unwrap()["number"], "3");
        assert!(g.get("phone", "p9").is_none());
        assert_eq!(g.find("phone", "nope", "o1").count(), 0);
        assert_eq!(g.find("nope", "id", "p1").count(), 0);
    }
}
