//! Reading the directory: organization and service pages, lists, the
//! reference taxonomies (sectors, territories) and the rows the search
//! index is made from (the search side turns them into documents).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use maillage_domain::hsds::{self, Table};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::hsds::{Values, read_values, stored_fields};
use crate::entity::{grouping, membership};
use crate::migration::m0002_directory::sql_table;
use crate::{Store, StoreError};

fn table(name: &str) -> &'static Table {
    hsds::table(name).expect("an HSDS table of the descriptor")
}

fn select(t: &'static Table) -> (SelectStatement, Vec<&'static str>) {
    let cols = stored_fields(t);
    let stmt = Query::select()
        .columns(cols.iter().map(|c| Alias::new(*c)))
        .from(Alias::new(sql_table(t)))
        .to_owned();
    (stmt, cols)
}

/// Rows of an HSDS table whose `column` is one of `values` (all rows when
/// `values` is `None`).
pub async fn rows_where<C: ConnectionTrait>(
    conn: &C,
    table_name: &str,
    column: &str,
    values: Option<&[String]>,
) -> Result<Vec<Values>, StoreError> {
    let t = table(table_name);
    let (mut stmt, cols) = select(t);
    if let Some(values) = values {
        if values.is_empty() {
            return Ok(Vec::new());
        }
        stmt.and_where(Expr::col(Alias::new(column)).is_in(values.iter().cloned()));
    }
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| read_values(r, &cols))
        .collect()
}

/// maillage's own columns of an organization.
#[derive(Debug, Clone, Default)]
pub struct OrganizationMeta {
    pub sector: Option<String>,
    pub territory: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<Uuid>,
    pub version: i32,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}

async fn organization_meta<C: ConnectionTrait>(
    conn: &C,
    ids: Option<&[String]>,
) -> Result<HashMap<String, OrganizationMeta>, StoreError> {
    let mut stmt = Query::select()
        .columns(
            [
                "id",
                "sector",
                "territory",
                "verified_at",
                "verified_by",
                "version",
                "created_at",
                "updated_at",
            ]
            .map(Alias::new),
        )
        .from(Alias::new("organizations"))
        .to_owned();
    if let Some(ids) = ids {
        stmt.and_where(Expr::col(Alias::new("id")).is_in(ids.iter().cloned()));
    }
    let mut out = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        out.insert(
            row.try_get::<String>("", "id")?,
            OrganizationMeta {
                sector: row.try_get("", "sector")?,
                territory: row.try_get("", "territory")?,
                verified_at: row.try_get("", "verified_at")?,
                verified_by: row.try_get("", "verified_by")?,
                version: row.try_get("", "version")?,
                created_at: row.try_get("", "created_at")?,
                updated_at: row.try_get("", "updated_at")?,
            },
        );
    }
    Ok(out)
}

async fn aliases_by_org<C: ConnectionTrait>(
    conn: &C,
    ids: Option<&[String]>,
) -> Result<HashMap<String, Vec<String>>, StoreError> {
    let mut stmt = Query::select()
        .columns(["organization_id", "alias"].map(Alias::new))
        .from(Alias::new("organization_aliases"))
        .order_by(Alias::new("position"), sea_orm::Order::Asc)
        .to_owned();
    if let Some(ids) = ids {
        stmt.and_where(Expr::col(Alias::new("organization_id")).is_in(ids.iter().cloned()));
    }
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for row in conn.query_all(&stmt).await? {
        out.entry(row.try_get("", "organization_id")?)
            .or_default()
            .push(row.try_get("", "alias")?);
    }
    Ok(out)
}

#[derive(Debug, Clone)]
pub struct Sector {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
}

pub async fn sectors(store: &Store) -> Result<Vec<Sector>, StoreError> {
    let stmt = Query::select()
        .columns(["code", "name_fr", "name_en"].map(Alias::new))
        .from(Alias::new("sectors"))
        .order_by(Alias::new("position"), sea_orm::Order::Asc)
        .to_owned();
    store
        .conn()
        .query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(Sector {
                code: r.try_get("", "code")?,
                name_fr: r.try_get("", "name_fr")?,
                name_en: r.try_get("", "name_en")?,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Territory {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub parent_slug: Option<String>,
}

pub async fn territories<C: ConnectionTrait>(conn: &C) -> Result<Vec<Territory>, StoreError> {
    let stmt = Query::select()
        .columns(["slug", "name", "kind", "parent_slug"].map(Alias::new))
        .from(Alias::new("territories"))
        .order_by(Alias::new("name"), sea_orm::Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(Territory {
                slug: r.try_get("", "slug")?,
                name: r.try_get("", "name")?,
                kind: r.try_get("", "kind")?,
                parent_slug: r.try_get("", "parent_slug")?,
            })
        })
        .collect()
}

/// A territory and its ancestors, nearest first.
pub fn with_ancestors<S: std::hash::BuildHasher>(
    slug: &str,
    all: &HashMap<String, Territory, S>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = Some(slug.to_owned());
    while let Some(s) = current {
        if out.contains(&s) || out.len() > 16 {
            break;
        }
        current = all.get(&s).and_then(|t| t.parent_slug.clone());
        out.push(s);
    }
    out
}

pub async fn upsert_territory<C: ConnectionTrait>(
    conn: &C,
    t: &Territory,
) -> Result<(), StoreError> {
    let exists = conn
        .query_one(
            &Query::select()
                .column(Alias::new("slug"))
                .from(Alias::new("territories"))
                .and_where(Expr::col(Alias::new("slug")).eq(t.slug.as_str()))
                .to_owned(),
        )
        .await?
        .is_some();
    if exists {
        let stmt = Query::update()
            .table(Alias::new("territories"))
            .values([
                (Alias::new("name"), t.name.as_str().into()),
                (Alias::new("kind"), t.kind.as_str().into()),
                (Alias::new("parent_slug"), t.parent_slug.clone().into()),
            ])
            .and_where(Expr::col(Alias::new("slug")).eq(t.slug.as_str()))
            .to_owned();
        conn.execute(&stmt).await?;
    } else {
        let stmt = Query::insert()
            .into_table(Alias::new("territories"))
            .columns(["slug", "name", "kind", "parent_slug"].map(Alias::new))
            .values_panic([
                t.slug.as_str().into(),
                t.name.as_str().into(),
                t.kind.as_str().into(),
                t.parent_slug.clone().into(),
            ])
            .to_owned();
        conn.execute(&stmt).await?;
    }
    Ok(())
}

/// Everything the organization page shows.
#[derive(Debug, Clone)]
pub struct OrganizationView {
    /// HSDS fields, `alternate_name` included (the first alias).
    pub values: Values,
    pub aliases: Vec<String>,
    pub meta: OrganizationMeta,
    pub services: Vec<Values>,
    pub locations: Vec<LocationView>,
    pub contacts: Vec<Values>,
    pub phones: Vec<Values>,
    pub groupings: Vec<grouping::Model>,
}

#[derive(Debug, Clone)]
pub struct LocationView {
    pub values: Values,
    pub addresses: Vec<Values>,
}

impl LocationView {
    pub fn id(&self) -> &str {
        self.values.get("id").map_or("", String::as_str)
    }
}

impl OrganizationView {
    pub fn id(&self) -> &str {
        self.values.get("id").map_or("", String::as_str)
    }
    pub fn name(&self) -> &str {
        self.values.get("name").map_or("", String::as_str)
    }
}

pub async fn organization(store: &Store, id: &str) -> Result<Option<OrganizationView>, StoreError> {
    let conn = store.conn();
    let ids = [id.to_owned()];
    let Some(mut values) = rows_where(conn, "organization", "id", Some(&ids))
        .await?
        .pop()
    else {
        return Ok(None);
    };
    let aliases = aliases_by_org(conn, Some(&ids))
        .await?
        .remove(id)
        .unwrap_or_default();
    if let Some(first) = aliases.first() {
        values.insert("alternate_name", first.clone());
    }
    let meta = organization_meta(conn, Some(&ids))
        .await?
        .remove(id)
        .unwrap_or_default();
    let mut services = rows_where(conn, "service", "organization_id", Some(&ids)).await?;
    services.sort_by(|a, b| a.get("name").cmp(&b.get("name")));
    let locations = locations_with_addresses(
        conn,
        rows_where(conn, "location", "organization_id", Some(&ids)).await?,
    )
    .await?;
    let contacts = rows_where(conn, "contact", "organization_id", Some(&ids)).await?;
    let phones = rows_where(conn, "phone", "organization_id", Some(&ids)).await?;
    let grouping_ids: Vec<Uuid> = membership::Entity::find()
        .filter(membership::Column::OrganizationId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.grouping_id)
        .collect();
    let groupings = grouping::Entity::find()
        .filter(grouping::Column::Id.is_in(grouping_ids))
        .all(conn)
        .await?;
    Ok(Some(OrganizationView {
        values,
        aliases,
        meta,
        services,
        locations,
        contacts,
        phones,
        groupings,
    }))
}

pub(crate) async fn locations_with_addresses<C: ConnectionTrait>(
    conn: &C,
    locations: Vec<Values>,
) -> Result<Vec<LocationView>, StoreError> {
    let ids: Vec<String> = locations
        .iter()
        .filter_map(|l| l.get("id").cloned())
        .collect();
    let mut addresses: HashMap<String, Vec<Values>> = HashMap::new();
    for a in rows_where(conn, "address", "location_id", Some(&ids)).await? {
        if let Some(l) = a.get("location_id") {
            addresses.entry(l.clone()).or_default().push(a);
        }
    }
    Ok(locations
        .into_iter()
        .map(|values| {
            let addresses = values
                .get("id")
                .and_then(|id| addresses.remove(id))
                .unwrap_or_default();
            LocationView { values, addresses }
        })
        .collect())
}

/// Everything the service page shows.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub values: Values,
    pub organization_id: String,
    pub organization_name: String,
    pub locations: Vec<LocationView>,
    pub phones: Vec<Values>,
    pub schedules: Vec<Values>,
    pub languages: Vec<Values>,
    pub terms: Vec<String>,
}

impl ServiceView {
    pub fn id(&self) -> &str {
        self.values.get("id").map_or("", String::as_str)
    }
}

pub async fn service(store: &Store, id: &str) -> Result<Option<ServiceView>, StoreError> {
    let conn = store.conn();
    let ids = [id.to_owned()];
    let Some(values) = rows_where(conn, "service", "id", Some(&ids)).await?.pop() else {
        return Ok(None);
    };
    let organization_id = values.get("organization_id").cloned().unwrap_or_default();
    let organization_name = rows_where(
        conn,
        "organization",
        "id",
        Some(std::slice::from_ref(&organization_id)),
    )
    .await?
    .pop()
    .and_then(|o| o.get("name").cloned())
    .unwrap_or_default();
    let sal = rows_where(conn, "service_at_location", "service_id", Some(&ids)).await?;
    let location_ids: Vec<String> = sal
        .iter()
        .filter_map(|s| s.get("location_id").cloned())
        .collect();
    let locations = locations_with_addresses(
        conn,
        rows_where(conn, "location", "id", Some(&location_ids)).await?,
    )
    .await?;
    let phones = rows_where(conn, "phone", "service_id", Some(&ids)).await?;
    let schedules = rows_where(conn, "schedule", "service_id", Some(&ids)).await?;
    let languages = rows_where(conn, "language", "service_id", Some(&ids)).await?;
    let terms = terms_of(conn, "service", &ids)
        .await?
        .remove(id)
        .unwrap_or_default();
    Ok(Some(ServiceView {
        values,
        organization_id,
        organization_name,
        locations,
        phones,
        schedules,
        languages,
        terms,
    }))
}

/// Taxonomy term names attached (through HSDS attributes) to the given
/// organizations or services, by id.
async fn terms_of<C: ConnectionTrait>(
    conn: &C,
    link_type: &str,
    ids: &[String],
) -> Result<HashMap<String, Vec<String>>, StoreError> {
    let attributes = rows_where(conn, "attribute", "link_id", Some(ids)).await?;
    let term_ids: Vec<String> = attributes
        .iter()
        .filter(|a| a.get("link_entity").is_none_or(|t| t == link_type))
        .filter_map(|a| a.get("taxonomy_term_id").cloned())
        .collect();
    let names: HashMap<String, String> = rows_where(conn, "taxonomy_term", "id", Some(&term_ids))
        .await?
        .into_iter()
        .filter_map(|t| Some((t.get("id")?.clone(), t.get("name")?.clone())))
        .collect();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for a in attributes {
        if let (Some(link), Some(name)) = (
            a.get("link_id"),
            a.get("taxonomy_term_id").and_then(|t| names.get(t)),
        ) {
            out.entry(link.clone()).or_default().push(name.clone());
        }
    }
    Ok(out)
}

/// Whether a searchable row is an organization or a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchKind {
    Organization,
    Service,
}

/// What the search index needs of one organization or service, read from
/// the directory's tables (the search side makes its document of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchRow {
    pub kind: SearchKind,
    /// The HSDS id, verbatim.
    pub id: String,
    pub name: String,
    /// Other names and abbreviations.
    pub aliases: Vec<String>,
    /// For an organization: itself.
    pub organization_id: String,
    /// For an organization: its own name.
    pub organization: String,
    pub description: String,
    /// Taxonomy term names.
    pub terms: Vec<String>,
    /// Municipalities where it is offered or located.
    pub towns: Vec<String>,
    /// The organization's sector.
    pub sector: Option<String>,
    /// Territory slugs, the ancestors included.
    pub territories: Vec<String>,
    /// Language names and codes (services).
    pub languages: Vec<String>,
    /// Terms of the age-group taxonomies.
    pub age_groups: Vec<String>,
}

/// Which rows to read.
#[derive(Debug, Clone)]
pub enum SearchScope {
    All,
    Some {
        organizations: Vec<String>,
        services: Vec<String>,
    },
}

/// The searchable rows of the directory (or of some of it). Rows that no
/// longer exist are simply absent: the caller deletes their documents.
pub async fn search_rows<C: ConnectionTrait>(
    conn: &C,
    scope: &SearchScope,
) -> Result<Vec<SearchRow>, StoreError> {
    let (org_filter, service_filter): (Option<Vec<String>>, Option<Vec<String>>) = match scope {
        SearchScope::All => (None, None),
        SearchScope::Some {
            organizations,
            services,
        } => (Some(organizations.clone()), Some(services.clone())),
    };
    let services = rows_where(conn, "service", "id", service_filter.as_deref()).await?;
    // Services need their organization's name; organizations need their
    // own rows.
    let mut org_ids: HashSet<String> = org_filter.clone().unwrap_or_default().into_iter().collect();
    org_ids.extend(
        services
            .iter()
            .filter_map(|s| s.get("organization_id").cloned()),
    );
    let org_ids: Vec<String> = org_ids.into_iter().collect();
    let org_scope = if org_filter.is_none() {
        None
    } else {
        Some(org_ids.as_slice())
    };
    let orgs = rows_where(conn, "organization", "id", org_scope).await?;
    let sources = SearchSources {
        meta: organization_meta(conn, org_scope).await?,
        aliases: aliases_by_org(conn, org_scope).await?,
        territories: territories(conn)
            .await?
            .into_iter()
            .map(|t| (t.slug.clone(), t))
            .collect(),
        towns: Towns::read(conn, org_scope, service_filter.as_deref()).await?,
        labels: Labels::read(
            conn,
            &orgs,
            &services,
            org_scope.is_some(),
            service_filter.as_deref(),
        )
        .await?,
    };
    let mut org_names: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::new();
    for o in &orgs {
        let Some(id) = o.get("id") else { continue };
        let name = o.get("name").cloned().unwrap_or_default();
        org_names.insert(id.clone(), name.clone());
        if org_filter.as_ref().is_some_and(|f| !f.contains(id)) {
            continue;
        }
        rows.push(sources.organization(id, name, o));
    }
    for s in &services {
        let Some(id) = s.get("id") else { continue };
        rows.push(sources.service(id, s, &org_names));
    }
    Ok(rows)
}

/// Towns by organization and by service: organization → locations →
/// addresses; service → service_at_location → locations → addresses.
struct Towns {
    of_organization: HashMap<String, Vec<String>>,
    of_service: HashMap<String, Vec<String>>,
}

impl Towns {
    async fn read<C: ConnectionTrait>(
        conn: &C,
        org_scope: Option<&[String]>,
        service_filter: Option<&[String]>,
    ) -> Result<Towns, StoreError> {
        let locations = rows_where(conn, "location", "organization_id", org_scope).await?;
        let sal = match service_filter {
            None => rows_where(conn, "service_at_location", "id", None).await?,
            Some(ids) => rows_where(conn, "service_at_location", "service_id", Some(ids)).await?,
        };
        let mut location_ids: HashSet<String> = locations
            .iter()
            .filter_map(|l| l.get("id").cloned())
            .collect();
        location_ids.extend(sal.iter().filter_map(|s| s.get("location_id").cloned()));
        let location_ids: Vec<String> = location_ids.into_iter().collect();
        let location_scope = if org_scope.is_none() {
            None
        } else {
            Some(location_ids.as_slice())
        };
        let mut town_of_location: HashMap<String, Vec<String>> = HashMap::new();
        for a in rows_where(conn, "address", "location_id", location_scope).await? {
            if let (Some(l), Some(city)) = (a.get("location_id"), a.get("city")) {
                town_of_location
                    .entry(l.clone())
                    .or_default()
                    .push(city.clone());
            }
        }
        let mut of_organization: HashMap<String, Vec<String>> = HashMap::new();
        for l in &locations {
            if let (Some(org), Some(id)) = (l.get("organization_id"), l.get("id")) {
                of_organization
                    .entry(org.clone())
                    .or_default()
                    .extend(town_of_location.get(id).cloned().unwrap_or_default());
            }
        }
        let mut of_service: HashMap<String, Vec<String>> = HashMap::new();
        for s in &sal {
            if let (Some(service), Some(location)) = (s.get("service_id"), s.get("location_id")) {
                of_service
                    .entry(service.clone())
                    .or_default()
                    .extend(town_of_location.get(location).cloned().unwrap_or_default());
            }
        }
        Ok(Towns {
            of_organization,
            of_service,
        })
    }
}

/// Term names by organization and by service, the age-group terms, and
/// languages by service.
struct Labels {
    organization_terms: HashMap<String, Vec<String>>,
    service_terms: HashMap<String, Vec<String>>,
    age_terms: HashSet<String>,
    languages: HashMap<String, Vec<String>>,
}

impl Labels {
    async fn read<C: ConnectionTrait>(
        conn: &C,
        orgs: &[Values],
        services: &[Values],
        scoped: bool,
        service_filter: Option<&[String]>,
    ) -> Result<Labels, StoreError> {
        let all_ids: Vec<String> = orgs
            .iter()
            .chain(services.iter())
            .filter_map(|r| r.get("id").cloned())
            .collect();
        let (organization_terms, service_terms, age_terms) = if scoped {
            let o = terms_of(conn, "organization", &all_ids).await?;
            let s = terms_of(conn, "service", &all_ids).await?;
            (o, s, age_term_names(conn).await?)
        } else {
            all_terms(conn).await?
        };
        let mut languages: HashMap<String, Vec<String>> = HashMap::new();
        for l in rows_where(conn, "language", "service_id", service_filter).await? {
            // Both the name and the code, so that a filter by code (`fr`)
            // finds rows imported with a name only, and the other way round.
            if let Some(s) = l.get("service_id") {
                let entry = languages.entry(s.clone()).or_default();
                entry.extend(l.get("name").cloned());
                entry.extend(l.get("code").cloned());
            }
        }
        Ok(Labels {
            organization_terms,
            service_terms,
            age_terms,
            languages,
        })
    }

    fn age_groups_of(&self, terms: &[String]) -> Vec<String> {
        terms
            .iter()
            .filter(|t| self.age_terms.contains(*t))
            .cloned()
            .collect()
    }
}

/// What the search rows are made of, read once for all of them.
struct SearchSources {
    meta: HashMap<String, OrganizationMeta>,
    aliases: HashMap<String, Vec<String>>,
    territories: HashMap<String, Territory>,
    towns: Towns,
    labels: Labels,
}

impl SearchSources {
    fn territories_of(&self, m: &OrganizationMeta) -> Vec<String> {
        m.territory
            .as_deref()
            .map(|t| with_ancestors(t, &self.territories))
            .unwrap_or_default()
    }

    fn organization(&self, id: &str, name: String, o: &Values) -> SearchRow {
        let m = self.meta.get(id).cloned().unwrap_or_default();
        let terms = self
            .labels
            .organization_terms
            .get(id)
            .cloned()
            .unwrap_or_default();
        let mut towns = self
            .towns
            .of_organization
            .get(id)
            .cloned()
            .unwrap_or_default();
        towns.extend(municipality(m.territory.as_deref(), &self.territories));
        SearchRow {
            kind: SearchKind::Organization,
            id: id.to_owned(),
            name: name.clone(),
            aliases: self.aliases.get(id).cloned().unwrap_or_default(),
            organization_id: id.to_owned(),
            organization: name,
            description: o.get("description").cloned().unwrap_or_default(),
            age_groups: self.labels.age_groups_of(&terms),
            terms,
            towns: dedup(towns),
            sector: m.sector.clone(),
            territories: self.territories_of(&m),
            languages: Vec::new(),
        }
    }

    fn service(&self, id: &str, s: &Values, org_names: &HashMap<String, String>) -> SearchRow {
        let org_id = s.get("organization_id").cloned().unwrap_or_default();
        let m = self.meta.get(&org_id).cloned().unwrap_or_default();
        let terms = self
            .labels
            .service_terms
            .get(id)
            .cloned()
            .unwrap_or_default();
        let mut towns = self.towns.of_service.get(id).cloned().unwrap_or_default();
        if towns.is_empty() {
            towns = self
                .towns
                .of_organization
                .get(&org_id)
                .cloned()
                .unwrap_or_default();
            towns.extend(municipality(m.territory.as_deref(), &self.territories));
        }
        SearchRow {
            kind: SearchKind::Service,
            id: id.to_owned(),
            name: s.get("name").cloned().unwrap_or_default(),
            aliases: s.get("alternate_name").cloned().into_iter().collect(),
            organization: org_names.get(&org_id).cloned().unwrap_or_default(),
            organization_id: org_id,
            description: s.get("description").cloned().unwrap_or_default(),
            age_groups: self.labels.age_groups_of(&terms),
            terms,
            towns: dedup(towns),
            sector: m.sector.clone(),
            territories: self.territories_of(&m),
            languages: self.labels.languages.get(id).cloned().unwrap_or_default(),
        }
    }
}

/// The town an organization's territory names, when it is a municipality.
fn municipality(territory: Option<&str>, all: &HashMap<String, Territory>) -> Option<String> {
    all.get(territory?)
        .filter(|t| t.kind == "municipality")
        .map(|t| t.name.clone())
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Name of the taxonomy whose terms are age groups (the demo's, and any
/// imported taxonomy with that name).
pub const AGE_GROUP_TAXONOMIES: &[&str] = &["Groupes d'âge", "Age groups"];

type TermMaps = (
    HashMap<String, Vec<String>>,
    HashMap<String, Vec<String>>,
    HashSet<String>,
);

/// Names of the terms of the age-group taxonomies.
async fn age_term_names<C: ConnectionTrait>(conn: &C) -> Result<HashSet<String>, StoreError> {
    let taxonomies: Vec<String> = rows_where(conn, "taxonomy", "id", None)
        .await?
        .into_iter()
        .filter(|t| {
            t.get("name")
                .is_some_and(|n| AGE_GROUP_TAXONOMIES.contains(&n.as_str()))
        })
        .filter_map(|t| t.get("id").cloned())
        .collect();
    Ok(
        rows_where(conn, "taxonomy_term", "taxonomy_id", Some(&taxonomies))
            .await?
            .into_iter()
            .filter_map(|t| t.get("name").cloned())
            .collect(),
    )
}

async fn all_terms<C: ConnectionTrait>(conn: &C) -> Result<TermMaps, StoreError> {
    let age_terms = age_term_names(conn).await?;
    let names: HashMap<String, String> = rows_where(conn, "taxonomy_term", "id", None)
        .await?
        .into_iter()
        .filter_map(|t| Some((t.get("id")?.clone(), t.get("name")?.clone())))
        .collect();
    let mut orgs: HashMap<String, Vec<String>> = HashMap::new();
    let mut services: HashMap<String, Vec<String>> = HashMap::new();
    for a in rows_where(conn, "attribute", "id", None).await? {
        let (Some(link), Some(name)) = (
            a.get("link_id"),
            a.get("taxonomy_term_id").and_then(|t| names.get(t)),
        ) else {
            continue;
        };
        let target = match a.get("link_entity").map(String::as_str) {
            Some("organization") => &mut orgs,
            _ => &mut services,
        };
        target.entry(link.clone()).or_default().push(name.clone());
    }
    Ok((orgs, services, age_terms))
}

/// One row of the organization list.
#[derive(Debug, Clone)]
pub struct OrganizationSummary {
    pub id: String,
    pub name: String,
    pub sector: Option<String>,
    pub territory: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Organizations not verified since `before` (never verified included),
/// oldest first: the "à vérifier" list.
pub async fn stale_organizations(
    store: &Store,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<OrganizationSummary>, StoreError> {
    let stmt = Query::select()
        .columns(
            [
                "id",
                "name",
                "sector",
                "territory",
                "verified_at",
                "updated_at",
            ]
            .map(Alias::new),
        )
        .from(Alias::new("organizations"))
        .cond_where(
            sea_orm::sea_query::Cond::any()
                .add(Expr::col(Alias::new("verified_at")).is_null())
                .add(Expr::col(Alias::new("verified_at")).lt(before)),
        )
        .order_by(Alias::new("verified_at"), sea_orm::Order::Asc)
        .order_by(Alias::new("name"), sea_orm::Order::Asc)
        .limit(limit)
        .to_owned();
    store
        .conn()
        .query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(OrganizationSummary {
                id: r.try_get("", "id")?,
                name: r.try_get("", "name")?,
                sector: r.try_get("", "sector")?,
                territory: r.try_get("", "territory")?,
                verified_at: r.try_get("", "verified_at")?,
                updated_at: r.try_get("", "updated_at")?,
            })
        })
        .collect()
}

/// Convenience for pages: HSDS values as a map of owned keys.
pub fn owned(values: &Values) -> BTreeMap<String, String> {
    values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}
