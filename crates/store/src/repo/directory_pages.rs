//! Queries of the directory pages: browsing without a query (alphabetical
//! lists with filters and paging), the summaries shown beside search hits,
//! the candidates of duplicate detection and an organization's
//! representatives.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::directory::AGE_GROUP_TAXONOMIES;
use crate::entity::user;
use crate::{Store, StoreError};

/// What a list without a query is restricted to; `None` or empty means
/// "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    /// A sector code.
    pub sector: Option<String>,
    /// Territory slugs: a territory and every territory under it.
    pub territories: Vec<String>,
    /// A term name of the age-group taxonomy.
    pub age_group: Option<String>,
    /// A language code (`fr`, `en`).
    pub language: Option<String>,
    /// A taxonomy term name (any taxonomy).
    pub term: Option<String>,
    /// A municipality (an address's `city`): organizations with a location
    /// there, services offered at one.
    pub town: Option<String>,
}

/// One row of a list: an organization or a service with what the list
/// shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub name: String,
    /// For a service: its organization.
    pub organization_id: String,
    pub organization_name: String,
    pub description: String,
    /// The sector code of the organization.
    pub sector: Option<String>,
}

/// A page of a list and how many rows the whole list has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Browse {
    pub rows: Vec<Summary>,
    pub total: usize,
}

fn col(name: &str) -> Expr {
    Expr::col(Alias::new(name))
}

fn tcol(table: &str, name: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(name)))
}

/// Ids of the services having an age-group term named `name`.
fn services_with_age_group(name: &str) -> SelectStatement {
    let age_taxonomies = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("taxonomies"))
        .and_where(col("name").is_in(AGE_GROUP_TAXONOMIES.iter().copied()))
        .to_owned();
    let terms = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("taxonomy_terms"))
        .and_where(col("name").eq(name))
        .and_where(col("taxonomy_id").in_subquery(age_taxonomies))
        .to_owned();
    Query::select()
        .column(Alias::new("link_id"))
        .from(Alias::new("attributes"))
        .and_where(col("taxonomy_term_id").in_subquery(terms))
        .to_owned()
}

/// Ids of what is linked (through attributes) to a term named `name`.
fn linked_to_term(name: &str) -> SelectStatement {
    let terms = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("taxonomy_terms"))
        .and_where(col("name").eq(name))
        .to_owned();
    Query::select()
        .column(Alias::new("link_id"))
        .from(Alias::new("attributes"))
        .and_where(col("taxonomy_term_id").in_subquery(terms))
        .to_owned()
}

/// Ids of the services offered in the language of code `code`.
fn services_with_language(code: &str) -> SelectStatement {
    Query::select()
        .column(Alias::new("service_id"))
        .from(Alias::new("languages"))
        .and_where(col("code").eq(code))
        .to_owned()
}

/// Ids of the locations with an address in `town`.
fn locations_in(town: &str) -> SelectStatement {
    Query::select()
        .column(Alias::new("location_id"))
        .from(Alias::new("addresses"))
        .and_where(col("city").eq(town))
        .to_owned()
}

/// Ids of the organizations with a location in `town`.
fn organizations_in(town: &str) -> SelectStatement {
    Query::select()
        .column(Alias::new("organization_id"))
        .from(Alias::new("locations"))
        .and_where(col("id").in_subquery(locations_in(town)))
        .to_owned()
}

/// Ids of the services offered at a location in `town`.
fn services_in(town: &str) -> SelectStatement {
    Query::select()
        .column(Alias::new("service_id"))
        .from(Alias::new("service_at_location"))
        .and_where(col("location_id").in_subquery(locations_in(town)))
        .to_owned()
}

/// The municipalities of the directory's addresses, as people read them.
pub async fn towns(store: &Store) -> Result<Vec<String>, StoreError> {
    let stmt = Query::select()
        .distinct()
        .column(Alias::new("city"))
        .from(Alias::new("addresses"))
        .and_where(col("city").is_not_null())
        .to_owned();
    let mut towns: Vec<String> = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        let city: Option<String> = r.try_get("", "city")?;
        if let Some(city) = city.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty())
            && !towns.contains(&city)
        {
            towns.push(city);
        }
    }
    towns.sort_by_cached_key(|t| sort_key(t));
    Ok(towns)
}

/// Conditions on the services (`s`) of a filter.
fn service_conditions(filter: &BrowseFilter, service_id: Expr) -> Cond {
    let mut cond = Cond::all();
    if let Some(age) = filter.age_group.as_deref() {
        cond = cond.add(service_id.clone().in_subquery(services_with_age_group(age)));
    }
    if let Some(code) = filter.language.as_deref() {
        cond = cond.add(service_id.clone().in_subquery(services_with_language(code)));
    }
    if let Some(term) = filter.term.as_deref() {
        cond = cond.add(service_id.clone().in_subquery(linked_to_term(term)));
    }
    if let Some(town) = filter.town.as_deref() {
        cond = cond.add(service_id.in_subquery(services_in(town)));
    }
    cond
}

/// Conditions on the organizations (`o`) of a filter.
fn organization_conditions(filter: &BrowseFilter) -> Cond {
    let mut cond = Cond::all();
    if let Some(sector) = filter.sector.as_deref() {
        cond = cond.add(tcol("o", "sector").eq(sector));
    }
    if !filter.territories.is_empty() {
        cond = cond.add(tcol("o", "territory").is_in(filter.territories.iter().cloned()));
    }
    cond
}

/// The organizations' own conditions, and the town (their locations).
fn organization_list_conditions(filter: &BrowseFilter) -> Cond {
    let mut cond = organization_conditions(filter);
    if let Some(town) = filter.town.as_deref() {
        cond = cond.add(tcol("o", "id").in_subquery(organizations_in(town)));
    }
    cond
}

/// Folds case and the accents of French so that lists sort as people read
/// them (`École` among the E, not after Z).
pub fn sort_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '’' | '\'' | '–' | '—' | '-' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Sorts `(id, name)` pairs by name as people read them and keeps one page.
fn page_of(mut rows: Vec<(String, String)>, offset: usize, limit: usize) -> (Vec<String>, usize) {
    let total = rows.len();
    rows.sort_by_cached_key(|(id, name)| (sort_key(name), id.clone()));
    let ids = rows
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(id, _)| id)
        .collect();
    (ids, total)
}

/// Organizations matching `filter`, alphabetically; with an age group or a
/// language, those that offer a service matching them.
pub async fn browse_organizations(
    store: &Store,
    filter: &BrowseFilter,
    offset: usize,
    limit: usize,
) -> Result<Browse, StoreError> {
    let conn = store.conn();
    let mut stmt = Query::select()
        .expr_as(tcol("o", "id"), Alias::new("id"))
        .expr_as(tcol("o", "name"), Alias::new("name"))
        .from_as(Alias::new("organizations"), Alias::new("o"))
        .cond_where(organization_list_conditions(filter))
        .to_owned();
    if filter.age_group.is_some() || filter.language.is_some() {
        let services = Query::select()
            .column(Alias::new("organization_id"))
            .from(Alias::new("services"))
            // The town is the organization's (above), not its services'.
            .cond_where(service_conditions(
                &BrowseFilter {
                    town: None,
                    ..filter.clone()
                },
                col("id"),
            ))
            .to_owned();
        stmt.and_where(tcol("o", "id").in_subquery(services));
    }
    let mut rows = Vec::new();
    for r in conn.query_all(&stmt).await? {
        rows.push((
            r.try_get::<String>("", "id")?,
            r.try_get::<String>("", "name")?,
        ));
    }
    let (ids, total) = page_of(rows, offset, limit);
    let found = organization_summaries(store, &ids).await?;
    Ok(Browse {
        rows: ids.iter().filter_map(|id| found.get(id).cloned()).collect(),
        total,
    })
}

/// Services matching `filter`, alphabetically.
pub async fn browse_services(
    store: &Store,
    filter: &BrowseFilter,
    offset: usize,
    limit: usize,
) -> Result<Browse, StoreError> {
    let conn = store.conn();
    let stmt = Query::select()
        .expr_as(tcol("s", "id"), Alias::new("id"))
        .expr_as(tcol("s", "name"), Alias::new("name"))
        .from_as(Alias::new("services"), Alias::new("s"))
        .join_as(
            JoinType::InnerJoin,
            Alias::new("organizations"),
            Alias::new("o"),
            tcol("o", "id").equals((Alias::new("s"), Alias::new("organization_id"))),
        )
        .cond_where(organization_conditions(filter))
        .cond_where(service_conditions(filter, tcol("s", "id")))
        .to_owned();
    let mut rows = Vec::new();
    for r in conn.query_all(&stmt).await? {
        let name: Option<String> = r.try_get("", "name")?;
        rows.push((r.try_get::<String>("", "id")?, name.unwrap_or_default()));
    }
    let (ids, total) = page_of(rows, offset, limit);
    let found = service_summaries(store, &ids).await?;
    Ok(Browse {
        rows: ids.iter().filter_map(|id| found.get(id).cloned()).collect(),
        total,
    })
}

/// Summaries of organizations, by id.
pub async fn organization_summaries(
    store: &Store,
    ids: &[String],
) -> Result<HashMap<String, Summary>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let stmt = Query::select()
        .columns(["id", "name", "description", "sector"].map(Alias::new))
        .from(Alias::new("organizations"))
        .and_where(col("id").is_in(ids.iter().cloned()))
        .to_owned();
    let mut out = HashMap::new();
    for r in store.conn().query_all(&stmt).await? {
        let id: String = r.try_get("", "id")?;
        let name: String = r.try_get("", "name")?;
        out.insert(
            id.clone(),
            Summary {
                organization_id: id.clone(),
                organization_name: name.clone(),
                id,
                name,
                description: r
                    .try_get::<Option<String>>("", "description")?
                    .unwrap_or_default(),
                sector: r.try_get("", "sector")?,
            },
        );
    }
    Ok(out)
}

/// Summaries of services (with their organization's name and sector), by id.
pub async fn service_summaries(
    store: &Store,
    ids: &[String],
) -> Result<HashMap<String, Summary>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let stmt = Query::select()
        .expr_as(tcol("s", "id"), Alias::new("id"))
        .expr_as(tcol("s", "name"), Alias::new("name"))
        .expr_as(tcol("s", "description"), Alias::new("description"))
        .expr_as(tcol("s", "organization_id"), Alias::new("organization_id"))
        .expr_as(tcol("o", "name"), Alias::new("organization_name"))
        .expr_as(tcol("o", "sector"), Alias::new("sector"))
        .from_as(Alias::new("services"), Alias::new("s"))
        .join_as(
            JoinType::LeftJoin,
            Alias::new("organizations"),
            Alias::new("o"),
            tcol("o", "id").equals((Alias::new("s"), Alias::new("organization_id"))),
        )
        .and_where(tcol("s", "id").is_in(ids.iter().cloned()))
        .to_owned();
    let mut out = HashMap::new();
    for r in store.conn().query_all(&stmt).await? {
        let id: String = r.try_get("", "id")?;
        out.insert(
            id.clone(),
            Summary {
                id,
                name: r.try_get::<Option<String>>("", "name")?.unwrap_or_default(),
                organization_id: r
                    .try_get::<Option<String>>("", "organization_id")?
                    .unwrap_or_default(),
                organization_name: r
                    .try_get::<Option<String>>("", "organization_name")?
                    .unwrap_or_default(),
                description: r
                    .try_get::<Option<String>>("", "description")?
                    .unwrap_or_default(),
                sector: r.try_get("", "sector")?,
            },
        );
    }
    Ok(out)
}

/// Every organization with its aliases, for duplicate detection.
pub async fn organizations_with_aliases(
    store: &Store,
) -> Result<Vec<(String, String, Vec<String>)>, StoreError> {
    organizations_with_aliases_in(store.conn()).await
}

/// The same, inside a transaction (the demo resolves names while loading).
pub async fn organizations_with_aliases_in<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(String, String, Vec<String>)>, StoreError> {
    let orgs = Query::select()
        .columns(["id", "name"].map(Alias::new))
        .from(Alias::new("organizations"))
        .to_owned();
    let aliases = Query::select()
        .columns(["organization_id", "alias"].map(Alias::new))
        .from(Alias::new("organization_aliases"))
        .order_by(Alias::new("position"), sea_orm::Order::Asc)
        .to_owned();
    let mut by_org: HashMap<String, Vec<String>> = HashMap::new();
    for r in conn.query_all(&aliases).await? {
        by_org
            .entry(r.try_get("", "organization_id")?)
            .or_default()
            .push(r.try_get("", "alias")?);
    }
    let mut out = Vec::new();
    for r in conn.query_all(&orgs).await? {
        let id: String = r.try_get("", "id")?;
        let aliases = by_org.remove(&id).unwrap_or_default();
        out.push((id, r.try_get::<String>("", "name")?, aliases));
    }
    out.sort_by_cached_key(|(id, name, _)| (sort_key(name), id.clone()));
    Ok(out)
}

/// The accounts that represent an organization (their own organization).
pub async fn representatives(
    store: &Store,
    organization_id: &str,
) -> Result<Vec<user::Model>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::OrganizationId.eq(organization_id))
        .order_by_asc(user::Column::Email)
        .all(store.conn())
        .await?)
}

/// The names of the terms of every taxonomy but the age groups (those
/// have their own filter), alphabetically.
pub async fn themes(store: &Store) -> Result<Vec<String>, StoreError> {
    let age_taxonomies = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("taxonomies"))
        .and_where(col("name").is_in(AGE_GROUP_TAXONOMIES.iter().copied()))
        .to_owned();
    let stmt = Query::select()
        .distinct()
        .column(Alias::new("name"))
        .from(Alias::new("taxonomy_terms"))
        .cond_where(
            Cond::any()
                .add(col("taxonomy_id").is_null())
                .add(col("taxonomy_id").not_in_subquery(age_taxonomies)),
        )
        .to_owned();
    let mut names: Vec<String> = store
        .conn()
        .query_all(&stmt)
        .await?
        .iter()
        .filter_map(|r| r.try_get::<Option<String>>("", "name").ok().flatten())
        .collect();
    names.sort_by_cached_key(|n| sort_key(n));
    Ok(names)
}

/// The names of the age-group terms, alphabetically.
pub async fn age_groups(store: &Store) -> Result<Vec<String>, StoreError> {
    let taxonomies = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("taxonomies"))
        .and_where(col("name").is_in(AGE_GROUP_TAXONOMIES.iter().copied()))
        .to_owned();
    let stmt = Query::select()
        .column(Alias::new("name"))
        .from(Alias::new("taxonomy_terms"))
        .and_where(col("taxonomy_id").in_subquery(taxonomies))
        .to_owned();
    let mut names = Vec::new();
    for r in store.conn().query_all(&stmt).await? {
        if let Some(name) = r.try_get::<Option<String>>("", "name")?
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    // Age ranges read best in age order: "0-5 ans" before "12-17 ans".
    names.sort_by_cached_key(|n| {
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        (digits.parse::<u32>().map_or(u32::MAX, |d| d), sort_key(n))
    });
    Ok(names)
}

/// The directory's name matcher (every organization with its aliases, as
/// candidates) and each organization's name by id: one reader for the
/// attendance and plan importers.
pub async fn name_matcher(
    store: &Store,
) -> Result<(maillage_domain::names::Matcher, HashMap<String, String>), StoreError> {
    let orgs = organizations_with_aliases(store).await?;
    let names = orgs
        .iter()
        .map(|(id, n, _)| (id.clone(), n.clone()))
        .collect();
    let matcher = maillage_domain::names::Matcher::new(
        orgs.into_iter()
            .map(|(id, name, aliases)| maillage_domain::names::Candidate { id, name, aliases }),
    );
    Ok((matcher, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_ignore_case_and_accents() {
        let mut names = vec![
            "Ville d'Alma",
            "École Notre-Dame",
            "Cégep de Jonquière",
            "centre Alpha",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "Cégep de Jonquière",
                "centre Alpha",
                "École Notre-Dame",
                "Ville d'Alma"
            ]
        );
    }
}
