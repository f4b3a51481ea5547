//! A scope's network as a page, an export or the API reads it: the
//! evidence, the links the filters keep, the organizations' briefs and
//! what is computed from them (layout and metrics), cached in the
//! application state.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use maillage_store::repo::groupings::{self as groupings_repo, OrgBrief};
use maillage_store::repo::network::{self as repo, Evidence, Link, Scope};
use uuid::Uuid;

use super::cache::LoadedKey;
use super::people::{Level, PersonOrg, node_href};
use super::{Computed, Params, computed, select, thresholded};
use crate::AppState;
use crate::error::AppError;

/// What a scope's network is made of, filtered.
pub struct Loaded {
    pub evidence: Vec<Evidence>,
    pub links: Vec<Link>,
    /// Links left out because their weight is below the threshold.
    pub weaker: usize,
    pub alone: Vec<String>,
    pub briefs: HashMap<String, OrgBrief>,
    pub computed: Arc<Computed>,
    /// At person level, each person's organization (empty at organization
    /// level).
    pub people: HashMap<String, PersonOrg>,
    pub level: Level,
}

impl Loaded {
    pub fn is_people(&self) -> bool {
        self.level == Level::People
    }

    /// Where a node leads.
    pub fn href(&self, id: &str) -> String {
        node_href(&self.people, id)
    }
}

/// Loads the evidence of `scope`, keeps what `params` asks, and computes
/// (or finds in the cache) the layout and the metrics. `members` are the
/// organizations shown even without a link (isolates).
pub async fn load(
    state: &AppState,
    scope: &Scope,
    members: &[String],
    params: &Params,
) -> Result<Arc<Loaded>, AppError> {
    // Reading the evidence of a large territory costs more than a page may
    // take; it is read again once rows were added or removed, or after a
    // write through this application.
    let key = LoadedKey::new(
        scope,
        members,
        &params.filter(),
        &params.sector,
        repo::stamp(state.store.conn()).await?,
        state.writes.load(std::sync::atomic::Ordering::Relaxed),
    );
    if let Some(found) = state.networks.loaded(&key) {
        return Ok(found);
    }
    let loaded = Arc::new(read(state, scope, members, params).await?);
    state.networks.put_loaded(key, loaded.clone());
    Ok(loaded)
}

async fn read(
    state: &AppState,
    scope: &Scope,
    members: &[String],
    params: &Params,
) -> Result<Loaded, AppError> {
    let conn = state.store.conn();
    let evidence = repo::evidence(conn, scope).await?;
    let briefs = if matches!(scope, Scope::Territory) {
        groupings_repo::org_briefs(conn, None).await?
    } else {
        let mut ids: Vec<String> = evidence
            .iter()
            .flat_map(|e| [e.a.clone(), e.b.clone()])
            .chain(members.iter().cloned())
            .collect();
        ids.sort();
        ids.dedup();
        groupings_repo::org_briefs(conn, Some(&ids)).await?
    };
    let (all, weaker) = thresholded(&evidence, params, &briefs);
    let (links, alone) = select(all, members, &briefs, &params.sector);
    let computed = computed(&state.networks, &links, &alone, &briefs, params.weighting).await?;
    Ok(Loaded {
        evidence,
        links,
        weaker,
        alone,
        briefs,
        computed,
        people: HashMap::new(),
        level: Level::Organizations,
    })
}

/// The organizations that were members of the grouping on `at` (today
/// without a date).
pub async fn members_of(
    state: &AppState,
    grouping_id: Uuid,
    at: Option<chrono::NaiveDate>,
) -> Result<Vec<String>, AppError> {
    let on = at.unwrap_or_else(|| Utc::now().date_naive());
    Ok(groupings_repo::member_ids_on(state.store.conn(), grouping_id, on).await?)
}
