//! `GET /api/v1/groupings/{id}/network`: a grouping's network at a date,
//! for some sources — nodes with their sector and metrics, links with their
//! weight by source and first-seen date, and the network's metrics.
//! `level=people` gives the person level to those who may see the
//! grouping's internal data; to anyone else the grouping's network at that
//! level is not there (404, as for an unknown grouping).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use maillage_store::repo::network::Scope;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::{ApiGroupingNetwork, NetworkQuery};
use super::loaded::{load, members_of};
use super::people::{Level, load_people};
use crate::AppState;
use crate::api::ErrorBody;
use crate::error::AppError;

pub const TAG: &str = "network";

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router.routes(routes!(show_network))
}

#[derive(Serialize, ToSchema)]
pub struct NodeJson {
    id: String,
    name: String,
    /// At person level: the person's organization (never an e-mail).
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<String>,
    /// At person level: the id of the person's organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    organization_id: Option<String>,
    sector: Option<String>,
    territory: Option<String>,
    degree: f64,
    betweenness: f64,
    closeness: f64,
    eigenvector: f64,
    /// Louvain community (0-based).
    community: usize,
    broker: bool,
    isolate: bool,
}

#[derive(Serialize, ToSchema)]
pub struct LinkJson {
    source: String,
    target: String,
    /// Newman's collaboration weight: each shared session, table or other
    /// grouping of n organizations adds 1/(n − 1), a joint action 1, a
    /// declared link its level (1 to 4), a referral of the grouping 0.5;
    /// summed over the sources.
    weight: f64,
    /// Weight by source (`co_attendance`, `same_team`, …).
    weights: BTreeMap<String, f64>,
    /// How many times the two met (shared sessions, tables, actions,
    /// groupings, declarations), unweighted.
    count: u32,
    /// The count by source.
    counts: BTreeMap<String, u32>,
    first_seen: Option<NaiveDate>,
}

#[derive(Serialize, ToSchema)]
pub struct NetworkMetricsJson {
    nodes: usize,
    links: usize,
    density: f64,
    components: usize,
    average_clustering: f64,
    communities: usize,
    modularity: f64,
    /// Share of links between organizations of different sectors.
    cross_sector_share: Option<f64>,
    /// Krackhardt's E-I index: (external − internal) / all, in [-1, 1].
    ei_index: Option<f64>,
    brokers: usize,
    isolates: usize,
    /// Betweenness from 200 sampled sources (large networks).
    betweenness_sampled: bool,
}

#[derive(Serialize, ToSchema)]
pub struct NetworkJson {
    grouping_id: Uuid,
    grouping_slug: String,
    /// `organizations` or `people`.
    level: String,
    at: Option<NaiveDate>,
    sources: Vec<String>,
    /// What the threshold is about: `collaboration` or `count`.
    weighting: String,
    /// The links kept are those whose weight reaches this.
    min_weight: f64,
    nodes: Vec<NodeJson>,
    links: Vec<LinkJson>,
    metrics: NetworkMetricsJson,
}

/// The network of a grouping (by id or slug): links between organizations
/// from co-attendance, same table, joint actions, co-membership and declared
/// links; organization level, or with `level=people` the person level
/// (co-attendance and same table) for the grouping's own accounts.
#[utoipa::path(get, path = "/api/v1/groupings/{id}/network", tag = TAG,
    params(("id" = String, Path, description = "Grouping id or slug"), NetworkQuery),
    responses(
        (status = 200, body = NetworkJson),
        (status = 400, body = ErrorBody, description = "Bad date, unknown source or unknown level"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such grouping, or people asked for by an account outside it")
    )
)]
async fn show_network(
    State(state): State<AppState>,
    ApiGroupingNetwork {
        grouping: g,
        params,
    }: ApiGroupingNetwork,
) -> Result<Json<NetworkJson>, AppError> {
    let loaded = if params.level == Level::People {
        load_people(&state, &Scope::Grouping(g.id), &params).await?
    } else {
        let members = members_of(&state, g.id, params.at).await?;
        load(&state, &Scope::Grouping(g.id), &members, &params).await?
    };
    let c = &loaded.computed;
    let brokers: std::collections::HashSet<usize> = c.brokers.iter().copied().collect();
    let isolates: std::collections::HashSet<usize> = c.isolates.iter().copied().collect();
    let nodes = c
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let b = loaded.briefs.get(id);
            let m = c.centrality.get(i);
            let person = loaded.people.get(id);
            NodeJson {
                id: id.clone(),
                name: b.map_or_else(|| id.clone(), |b| b.name.clone()),
                organization: person.and_then(|o| o.name.clone()),
                organization_id: person.and_then(|o| o.id.clone()),
                sector: b.and_then(|b| b.sector.clone()),
                territory: b.and_then(|b| b.territory.clone()),
                degree: m.map_or(0.0, |m| m.degree),
                betweenness: m.map_or(0.0, |m| m.betweenness),
                closeness: m.map_or(0.0, |m| m.closeness),
                eigenvector: m.map_or(0.0, |m| m.eigenvector),
                community: c.community.get(i).copied().unwrap_or(0),
                broker: brokers.contains(&i),
                isolate: isolates.contains(&i),
            }
        })
        .collect();
    let links = loaded
        .links
        .iter()
        .map(|l| LinkJson {
            source: l.a.clone(),
            target: l.b.clone(),
            weight: l.weight(),
            weights: l
                .weights
                .iter()
                .map(|(s, w)| (s.as_str().to_owned(), *w))
                .collect(),
            count: l.count(),
            counts: l
                .counts
                .iter()
                .map(|(s, n)| (s.as_str().to_owned(), *n))
                .collect(),
            first_seen: l.first_seen,
        })
        .collect();
    Ok(Json(NetworkJson {
        grouping_id: g.id,
        grouping_slug: g.slug.clone(),
        level: params.level.api_code().to_owned(),
        at: params.at,
        sources: if params.sources.is_empty() {
            params.visible_sources()
        } else {
            params.sources.clone()
        }
        .iter()
        .filter(|s| !params.hidden.contains(s))
        .map(|s| s.as_str().to_owned())
        .collect(),
        weighting: super::weighting_api_code(params.weighting).to_owned(),
        min_weight: params.min_weight,
        nodes,
        links,
        metrics: NetworkMetricsJson {
            nodes: c.ids.len(),
            links: c.edges.len(),
            density: c.density,
            components: c.components,
            average_clustering: c.average_clustering,
            communities: c.communities,
            modularity: c.modularity,
            cross_sector_share: c.cross_sector_share(),
            ei_index: c.ei_index(),
            brokers: c.brokers.len(),
            isolates: c.isolates.len(),
            betweenness_sampled: c.sampled,
        },
    }))
}
