//! The demo territory, drawn from the seed documents (`demo/territory.json`).
//!
//! Loading is idempotent: organizations are found by name and groupings by
//! slug, so running it twice changes nothing.

use sea_orm::TransactionTrait;
use serde::Deserialize;

use crate::repo::groupings;
use crate::{Store, StoreError};

const TERRITORY_JSON: &str = include_str!("../demo/territory.json");

#[derive(Debug, Deserialize)]
pub struct DemoTerritory {
    pub organizations: Vec<DemoOrganization>,
    pub groupings: Vec<DemoGrouping>,
}

#[derive(Debug, Deserialize)]
pub struct DemoOrganization {
    pub name: String,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub organizations: u64,
    pub groupings: usize,
}

/// Loads the demo territory in one transaction.
pub async fn load(store: &Store) -> Result<DemoReport, StoreError> {
    let demo = territory();
    let txn = store.conn().begin().await?;
    for org in &demo.organizations {
        groupings::organization_by_name(&txn, &org.name).await?;
    }
    // Parents come first in the file; a second pass is not needed.
    for g in &demo.groupings {
        let parent = match &g.parent {
            Some(slug) => groupings::find_by_slug(&txn, slug).await?.map(|p| p.id),
            None => None,
        };
        let model = groupings::upsert(&txn, &g.slug, &g.name, &g.kind, parent).await?;
        for member in &g.members {
            let org = groupings::organization_by_name(&txn, member).await?;
            groupings::add_member(&txn, model.id, org.id).await?;
        }
    }
    txn.commit().await?;
    Ok(DemoReport {
        organizations: groupings::organization_count(store).await?,
        groupings: demo.groupings.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_file_is_consistent() {
        let demo = territory();
        let names: std::collections::HashSet<&str> =
            demo.organizations.iter().map(|o| o.name.as_str()).collect();
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
    }
}
