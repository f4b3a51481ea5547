//! The person level of a grouping's network (and of its events'): shown
//! only to the accounts that may read the grouping's internal data
//! (`maillage_domain::network::may_see_people`). Everyone else, and the
//! territory and ego networks always, stay at organization level.
//!
//! A person is drawn, counted and exported like an organization: its
//! "brief" is its display name with its organization's sector and
//! territory, so the metrics, the sector measures, the drawing and the
//! exports are the organization level's own code. E-mails never leave the
//! store.

use std::collections::HashMap;
use std::sync::Arc;

use maillage_domain::network::may_see_people as rule;
use maillage_store::repo::groupings::{self as groupings_repo, OrgBrief};
use maillage_store::repo::network::Scope;
use maillage_store::repo::network::people::people_evidence;
use uuid::Uuid;

use super::loaded::Loaded;
use super::{Params, computed, select};
use crate::AppState;
use crate::auth::Visitor;
use crate::directory::organization_href;
use crate::error::AppError;

/// Organizations or people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Level {
    #[default]
    Organizations,
    People,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::Organizations, Level::People];

    /// In pages' query strings (`niveau=`).
    pub fn code(self) -> &'static str {
        match self {
            Level::Organizations => "organisations",
            Level::People => "personnes",
        }
    }

    /// In the API (`level=`).
    pub fn api_code(self) -> &'static str {
        match self {
            Level::Organizations => "organizations",
            Level::People => "people",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Level::Organizations => "network-level-organizations",
            Level::People => "network-level-people",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim();
        Level::ALL
            .into_iter()
            .find(|l| l.code() == s || l.api_code() == s)
    }
}

/// Whether the visitor may see the people of `grouping`'s network.
pub fn may_see_people(visitor: &Visitor, grouping: Option<Uuid>) -> bool {
    rule(
        visitor.0.as_ref().map(|u| &u.principal),
        grouping.map(|g| g.to_string()).as_deref(),
    )
}

/// A person's organization, for the table, the drawing and the exports.
#[derive(Debug, Clone, Default)]
pub struct PersonOrg {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// The person-level network of `scope`, filtered like the organization
/// level: people linked by co-attendance and the same table, and those who
/// were there without a link as isolates.
pub async fn load_people(
    state: &AppState,
    scope: &Scope,
    params: &Params,
) -> Result<Arc<Loaded>, AppError> {
    let conn = state.store.conn();
    let net = people_evidence(conn, scope).await?;
    let mut org_ids: Vec<String> = net
        .people
        .values()
        .filter_map(|p| p.organization_id.clone())
        .collect();
    org_ids.sort();
    org_ids.dedup();
    let orgs = groupings_repo::org_briefs(conn, Some(&org_ids)).await?;
    let mut briefs: HashMap<String, OrgBrief> = HashMap::new();
    let mut people: HashMap<String, PersonOrg> = HashMap::new();
    for p in net.people.values() {
        let org = p.organization_id.as_ref().and_then(|o| orgs.get(o));
        briefs.insert(
            p.id.clone(),
            OrgBrief {
                id: p.id.clone(),
                name: p.name.clone(),
                sector: org.and_then(|o| o.sector.clone()),
                territory: org.and_then(|o| o.territory.clone()),
            },
        );
        people.insert(
            p.id.clone(),
            PersonOrg {
                id: org.map(|o| o.id.clone()),
                name: org
                    .map(|o| o.name.clone())
                    .or_else(|| p.organization_text.clone()),
            },
        );
    }
    let everyone: Vec<String> = net.people.keys().cloned().collect();
    let (all, weaker) = super::thresholded(&net.evidence, params, &briefs);
    let (links, alone) = select(all, &everyone, &briefs, &params.sector);
    let computed = computed(&state.networks, &links, &alone, &briefs, params.weighting).await?;
    Ok(Arc::new(Loaded {
        evidence: net.evidence,
        links,
        weaker,
        alone,
        briefs,
        computed,
        people,
        level: Level::People,
    }))
}

/// Where a node leads: an organization to its page, a person to their
/// organization's (or to the table when it is not in the directory).
pub fn node_href(people: &HashMap<String, PersonOrg>, id: &str) -> String {
    match people.get(id) {
        None => organization_href(id),
        Some(PersonOrg { id: Some(org), .. }) => organization_href(org),
        Some(_) => "#metriques".to_owned(),
    }
}
