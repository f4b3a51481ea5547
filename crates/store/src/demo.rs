//! The demo territory, drawn from the seed documents (`demo/territory.json`):
//! territories, the organizations the seeds name (with sector, territory,
//! aliases and a description) and the groupings with their members.
//!
//! Loading is idempotent: territories by slug, organizations by name and
//! groupings by slug, so running it twice changes nothing.

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde::Deserialize;
use uuid::Uuid;

use crate::migration::m0002_directory::SECTORS;
use crate::repo::change_log::{self, Op};
use crate::repo::directory::{Territory, upsert_territory};
use crate::repo::groupings;
use crate::repo::hsds::{aliases_of, replace_aliases};
use crate::{Store, StoreError};

const TERRITORY_JSON: &str = include_str!("../demo/territory.json");

#[derive(Debug, Deserialize)]
pub struct DemoTerritory {
    pub territories: Vec<DemoTerritoryRow>,
    pub organizations: Vec<DemoOrganization>,
    pub groupings: Vec<DemoGrouping>,
    #[serde(default)]
    pub services: Vec<DemoService>,
    #[serde(default)]
    pub age_groups: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct DemoService {
    pub organization: String,
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    #[serde(default)]
    pub age_groups: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// The taxonomy of the demo's age groups (search filters read it by name).
pub const AGE_TAXONOMY: &str = "Groupes d'âge";

#[derive(Debug, Deserialize)]
pub struct DemoTerritoryRow {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DemoOrganization {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub sector: String,
    /// The municipality the seeds place it in, when they do.
    #[serde(default)]
    pub town: Option<String>,
    pub territory: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DemoGrouping {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    #[serde(default)]
    pub members: Vec<String>,
}

pub fn territory() -> DemoTerritory {
    serde_json::from_str(TERRITORY_JSON).expect("demo/territory.json is valid (tested)")
}

/// The code of a sector from its French name.
pub fn sector_code(french: &str) -> Option<&'static str> {
    SECTORS
        .iter()
        .find(|(_, fr, _)| *fr == french)
        .map(|(code, _, _)| *code)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub organizations: u64,
    pub groupings: usize,
}

/// Loads the demo territory in one transaction.
pub async fn load(store: &Store) -> Result<DemoReport, StoreError> {
    let demo = territory();
    let txn = store.write().await?;
    for t in &demo.territories {
        upsert_territory(
            &txn,
            &Territory {
                slug: t.slug.clone(),
                name: t.name.clone(),
                kind: t.kind.clone(),
                parent_slug: t.parent.clone(),
            },
        )
        .await?;
    }
    let territory_names: std::collections::HashMap<&str, &str> = demo
        .territories
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str()))
        .collect();
    for org in &demo.organizations {
        let place = org
            .territory
            .as_deref()
            .and_then(|t| territory_names.get(t))
            .copied();
        upsert_organization(&txn, org, place).await?;
    }
    let terms = age_group_terms(&txn, &demo.age_groups).await?;
    for service in &demo.services {
        upsert_service(&txn, service, &terms).await?;
    }
    // Points of service, phones, websites and hours (fictional, said so).
    crate::demo_directory::load(&txn, &demo.organizations, &demo.services, &demo.territories)
        .await?;
    // Parents come first in the file (tested).
    for g in &demo.groupings {
        let parent = match &g.parent {
            Some(slug) => groupings::find_by_slug(&txn, slug).await?.map(|p| p.id),
            None => None,
        };
        let kind = g
            .kind
            .parse()
            .map_err(|e| StoreError::Invalid(format!("demo grouping `{}`: {e}", g.slug)))?;
        let model = groupings::upsert(&txn, &g.slug, &g.name, kind, parent).await?;
        for member in &g.members {
            let id = organization_id_by_name(&txn, member)
                .await?
                .ok_or_else(|| {
                    StoreError::Invalid(format!("demo member `{member}` is not an organization"))
                })?;
            groupings::add_member(&txn, model.id, &id).await?;
        }
    }
    // Pathways, staff, memberships and plans (`demo/plans.json`).
    crate::demo_plans::load(&txn).await?;
    // The event « Osons l'aventure » (`demo/events.json`).
    crate::demo_events::load(&txn).await?;
    // The live rooms of seeds 003 and 004, closed (`demo_live`).
    crate::demo_live::load(&txn).await?;
    crate::demo_assessments::load(&txn).await?;
    // Seed 002's evaluation of Mission Tout-Petits (`demo_evaluations`).
    crate::demo_evaluations::load(&txn).await?;
    // The toolkits of seed 000, their activities written for the demo.
    crate::demo_toolkits::load(&txn).await?;
    // Referrals of the Jonquière grouping, four of them already purged.
    crate::demo_referrals::load(&txn).await?;
    txn.commit().await?;
    Ok(DemoReport {
        organizations: groupings::organization_count(store).await?,
        groupings: demo.groupings.len(),
    })
}

pub(crate) async fn organization_id_by_name<C: ConnectionTrait>(
    conn: &C,
    name: &str,
) -> Result<Option<String>, StoreError> {
    let row = conn
        .query_one(
            &Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("organizations"))
                .and_where(Expr::col(Alias::new("name")).eq(name))
                .to_owned(),
        )
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("", "id")?),
        None => None,
    })
}

async fn upsert_organization(
    txn: &DatabaseTransaction,
    org: &DemoOrganization,
    place: Option<&str>,
) -> Result<(), StoreError> {
    let description = org.description.clone().unwrap_or_else(|| match place {
        Some(p) => format!("Organisation partenaire de la concertation, sur le territoire de {p}."),
        None => "Organisation partenaire de la concertation.".to_owned(),
    });
    let sector = sector_code(&org.sector);
    if let Some(id) = organization_id_by_name(txn, &org.name).await? {
        if aliases_of(txn, &id).await? != org.aliases {
            replace_aliases(txn, &id, &org.aliases).await?;
            change_log::append(txn, "organizations", &id, Op::Update, None).await?;
        }
        return Ok(());
    }
    let id = Uuid::new_v4().to_string();
    let now = Utc::now();
    let stmt = Query::insert()
        .into_table(Alias::new("organizations"))
        .columns(
            [
                "id",
                "name",
                "description",
                "sector",
                "territory",
                "created_at",
                "updated_at",
                "version",
            ]
            .map(Alias::new),
        )
        .values_panic([
            Expr::val(id.as_str()),
            Expr::val(org.name.as_str()),
            Expr::val(description),
            Expr::val(sector),
            Expr::val(org.territory.clone()),
            Expr::val(now),
            Expr::val(now),
            Expr::val(1),
        ])
        .to_owned();
    txn.execute(&stmt).await?;
    replace_aliases(txn, &id, &org.aliases).await?;
    change_log::append(txn, "organizations", &id, Op::Insert, None).await?;
    Ok(())
}

/// The id of the first row of an HSDS table matching every condition.
async fn find_id<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    conditions: &[(&str, &str)],
) -> Result<Option<String>, StoreError> {
    let mut stmt = Query::select();
    stmt.column(Alias::new("id")).from(Alias::new(table));
    for (col, value) in conditions {
        stmt.and_where(Expr::col(Alias::new(*col)).eq(*value));
    }
    Ok(match conn.query_one(&stmt).await? {
        Some(r) => Some(r.try_get("", "id")?),
        None => None,
    })
}

/// Inserts a row unless one matches `key`; returns its id either way.
async fn ensure_row<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key: &[(&str, &str)],
    extra: &[(&str, Option<String>)],
) -> Result<(String, bool), StoreError> {
    if let Some(id) = find_id(conn, table, key).await? {
        return Ok((id, false));
    }
    let id = Uuid::new_v4().to_string();
    let mut cols = vec![Alias::new("id")];
    let mut vals = vec![Expr::val(id.as_str())];
    for (col, value) in key {
        cols.push(Alias::new(*col));
        vals.push(Expr::val(*value));
    }
    for (col, value) in extra {
        cols.push(Alias::new(*col));
        vals.push(Expr::val(value.clone()));
    }
    let stmt = Query::insert()
        .into_table(Alias::new(table))
        .columns(cols)
        .values_panic(vals)
        .to_owned();
    conn.execute(&stmt).await?;
    Ok((id, true))
}

async fn age_group_terms(
    txn: &DatabaseTransaction,
    names: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let (taxonomy, _) = ensure_row(
        txn,
        "taxonomies",
        &[("name", AGE_TAXONOMY)],
        &[(
            "description",
            Some("Groupes d'âge des personnes que les services rejoignent.".to_owned()),
        )],
    )
    .await?;
    let mut out = std::collections::HashMap::new();
    for name in names {
        let (id, _) = ensure_row(
            txn,
            "taxonomy_terms",
            &[("taxonomy_id", taxonomy.as_str()), ("name", name.as_str())],
            &[("description", Some(format!("Services pour : {name}.")))],
        )
        .await?;
        out.insert(name.clone(), id);
    }
    Ok(out)
}

async fn upsert_service(
    txn: &DatabaseTransaction,
    service: &DemoService,
    terms: &std::collections::HashMap<String, String>,
) -> Result<(), StoreError> {
    let org = organization_id_by_name(txn, &service.organization)
        .await?
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "demo service of unknown organization `{}`",
                service.organization
            ))
        })?;
    let (id, created) = ensure_row(
        txn,
        "services",
        &[
            ("organization_id", org.as_str()),
            ("name", service.name.as_str()),
        ],
        &[
            ("description", service.description.clone()),
            ("status", Some(service.status.clone())),
            ("email", service.email.clone()),
            ("url", service.url.clone()),
        ],
    )
    .await?;
    if !created {
        return Ok(());
    }
    for group in &service.age_groups {
        if let Some(term) = terms.get(group) {
            ensure_row(
                txn,
                "attributes",
                &[
                    ("link_id", id.as_str()),
                    ("taxonomy_term_id", term.as_str()),
                ],
                &[
                    ("link_entity", Some("service".to_owned())),
                    ("link_type", Some("age_group".to_owned())),
                ],
            )
            .await?;
        }
    }
    for code in &service.languages {
        let name = match code.as_str() {
            "fr" => "Français",
            "en" => "English",
            other => other,
        };
        ensure_row(
            txn,
            "languages",
            &[("service_id", id.as_str()), ("code", code.as_str())],
            &[("name", Some(name.to_owned()))],
        )
        .await?;
    }
    change_log::append(txn, "services", &id, Op::Insert, None).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_file_is_consistent() {
        let demo = territory();
        let names: std::collections::HashSet<&str> =
            demo.organizations.iter().map(|o| o.name.as_str()).collect();
        let slugs: std::collections::HashSet<&str> =
            demo.territories.iter().map(|t| t.slug.as_str()).collect();
        assert!(
            demo.groupings
                .iter()
                .any(|g| g.slug == "mobilisation-famille-slsj")
        );
        assert!(
            demo.groupings
                .iter()
                .any(|g| g.slug == "commun-enfant-jonquiere")
        );
        for org in &demo.organizations {
            assert!(sector_code(&org.sector).is_some(), "sector of {}", org.name);
            if let Some(t) = &org.territory {
                assert!(slugs.contains(t.as_str()), "territory {t} of {}", org.name);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for g in &demo.groupings {
            if let Some(p) = &g.parent {
                assert!(
                    seen.contains(p.as_str()),
                    "parent {p} of {} must come first",
                    g.slug
                );
            }
            seen.insert(g.slug.as_str());
            for m in &g.members {
                assert!(
                    names.contains(m.as_str()),
                    "{m} is not an organization of the demo"
                );
            }
        }
        for s in &demo.services {
            assert!(
                names.contains(s.organization.as_str()),
                "service of {}",
                s.organization
            );
            assert!(maillage_domain::directory::SERVICE_STATUSES.contains(&s.status.as_str()));
            for g in &s.age_groups {
                assert!(demo.age_groups.contains(g), "age group {g}");
            }
        }
    }
}
