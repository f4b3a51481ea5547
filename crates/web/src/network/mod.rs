//! The network ("maillage") in the web app: network pages of the
//! territory, of a grouping and of an event (a server-computed layout drawn
//! as SVG, the numbers, the metrics table), the event's new links session by
//! session, the grouping's growth, exports (GEXF, GraphML, CSV), the JSON
//! API and the declared-links form of registrants.
//!
//! Organization level everywhere, except for the accounts of a grouping on
//! its own network and its events' (`people`): there they may choose the
//! person level.
//! Layouts and metrics are cached in memory by the links they are computed
//! from, so a second view of the same network does not recompute them.

mod access;
pub mod api;
mod cache;
mod declared;
pub mod ego;
mod export;
mod growth;
mod loaded;
mod pages;
pub mod people;
mod sessions;
mod table;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use chrono::NaiveDate;
use maillage_domain::charts::{escape, sector_color};
use maillage_graph::{
    BetweennessSampling, LayoutOptions, LouvainOptions, MetricsOptions, Network, Sectors,
    TieCounts, community_layout, louvain, modularity,
};
use maillage_store::repo::groupings::OrgBrief;
use maillage_store::repo::network::{Filter, Link, Source, Weighting};

pub use cache::NetworkCache;

use crate::AppState;
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reseau", get(pages::show_territory))
        .route(
            "/regroupements/{grouping}/reseau",
            get(pages::show_grouping),
        )
        .route("/evenements/{event}/reseau", get(pages::show_event))
        .route(
            "/regroupements/{grouping}/reseau.gexf",
            get(export::grouping_gexf),
        )
        .route(
            "/regroupements/{grouping}/reseau.graphml",
            get(export::grouping_graphml),
        )
        .route(
            "/regroupements/{grouping}/reseau-noeuds.csv",
            get(export::grouping_nodes_csv),
        )
        .route(
            "/regroupements/{grouping}/reseau-liens.csv",
            get(export::grouping_edges_csv),
        )
        .route("/evenements/{event}/reseau.gexf", get(export::event_gexf))
        .route(
            "/evenements/{event}/reseau.graphml",
            get(export::event_graphml),
        )
        .route(
            "/evenements/{event}/reseau-noeuds.csv",
            get(export::event_nodes_csv),
        )
        .route(
            "/evenements/{event}/reseau-liens.csv",
            get(export::event_edges_csv),
        )
        .route(
            "/evenements/{event}/moi/{token}/liens",
            get(declared::show_form).post(declared::save_form),
        )
}

// ---------- parameters ----------

/// The metric that sizes the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SizeBy {
    #[default]
    Degree,
    Betweenness,
    Closeness,
    Eigenvector,
}

impl SizeBy {
    pub const ALL: [SizeBy; 4] = [
        SizeBy::Degree,
        SizeBy::Betweenness,
        SizeBy::Closeness,
        SizeBy::Eigenvector,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SizeBy::Degree => "degree",
            SizeBy::Betweenness => "betweenness",
            SizeBy::Closeness => "closeness",
            SizeBy::Eigenvector => "eigenvector",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SizeBy::Degree => "network-degree",
            SizeBy::Betweenness => "network-betweenness",
            SizeBy::Closeness => "network-closeness",
            SizeBy::Eigenvector => "network-eigenvector",
        }
    }

    fn parse(s: &str) -> Option<SizeBy> {
        SizeBy::ALL.into_iter().find(|x| x.code() == s)
    }

    fn of(self, c: &maillage_graph::NodeCentrality) -> f64 {
        match self {
            SizeBy::Degree => c.degree,
            SizeBy::Betweenness => c.betweenness,
            SizeBy::Closeness => c.closeness,
            SizeBy::Eigenvector => c.eigenvector,
        }
    }
}

pub fn source_label_key(s: Source) -> &'static str {
    match s {
        Source::CoAttendance => "network-source-co-attendance",
        Source::SameTeam => "network-source-same-team",
        Source::JointAction => "network-source-joint-action",
        Source::CoMembership => "network-source-co-membership",
        Source::Declared => "network-source-declared",
        Source::Referral => "network-source-referral",
    }
}

/// The threshold a page opens on with the collaboration weight: what one
/// table of six organizations makes (1/5), a fifth of a joint action or of
/// a declared acquaintance. Sitting together in a 48-organization plenary
/// makes 1/47: it takes about ten such sessions to reach it.
pub const DEFAULT_MIN_WEIGHT: f64 = 0.2;

/// The default threshold of a weighting: with the count, every link.
pub fn default_min_weight(w: Weighting) -> f64 {
    match w {
        Weighting::Collaboration => DEFAULT_MIN_WEIGHT,
        Weighting::Count => 1.0,
    }
}

/// The code of a weighting in a page's query string (`ponderation`).
pub fn weighting_code(w: Weighting) -> &'static str {
    match w {
        Weighting::Collaboration => "collaboration",
        Weighting::Count => "nombre",
    }
}

/// The code of a weighting in the API (`weighting`).
pub fn weighting_api_code(w: Weighting) -> &'static str {
    match w {
        Weighting::Collaboration => "collaboration",
        Weighting::Count => "count",
    }
}

/// The filters of a network page, from its query string (`du`, `au`,
/// `sources` repeated, `secteur`, `poids`, `ponderation`, `taille`, `tri`,
/// `ordre`).
#[derive(Debug, Clone)]
pub struct Params {
    pub from: Option<NaiveDate>,
    pub at: Option<NaiveDate>,
    /// Empty: every source.
    pub sources: Vec<Source>,
    /// Sources the visitor may not see whatever was asked: a grouping's
    /// referrals are for its own accounts (and administrators) only.
    pub hidden: Vec<Source>,
    pub sector: String,
    /// The threshold: links of a smaller weight are left out.
    pub min_weight: f64,
    /// Whether `poids` was given (otherwise the weighting's default).
    pub min_weight_given: bool,
    pub weighting: Weighting,
    pub size: SizeBy,
    pub sort: String,
    /// `Some(true)`: `ordre=asc`, `Some(false)`: `ordre=desc`.
    pub order: Option<bool>,
    /// `niveau`: what the handler lets the visitor see decides in the end.
    pub level: people::Level,
    /// What was not understood, for the page to say.
    pub invalid: Vec<&'static str>,
}

fn date_param(v: &str) -> Result<Option<NaiveDate>, ()> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

impl Default for Params {
    fn default() -> Params {
        Params {
            from: None,
            at: None,
            sources: Vec::new(),
            hidden: Vec::new(),
            sector: String::new(),
            min_weight: DEFAULT_MIN_WEIGHT,
            min_weight_given: false,
            weighting: Weighting::default(),
            size: SizeBy::default(),
            sort: String::new(),
            order: None,
            level: people::Level::default(),
            invalid: Vec::new(),
        }
    }
}

impl Params {
    /// Sets the weighting and, unless a threshold was given, its default.
    pub fn set_weighting(&mut self, w: Weighting) {
        self.weighting = w;
        if !self.min_weight_given {
            self.min_weight = default_min_weight(w);
        }
    }

    /// Sets a threshold the visitor gave.
    pub fn set_min_weight(&mut self, w: f64) {
        self.min_weight = w;
        self.min_weight_given = true;
    }

    pub fn parse(raw: Option<&str>) -> Params {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default();
        let mut p = Params::default();
        let mut weighting = Weighting::default();
        for (k, v) in pairs {
            match k.as_str() {
                "du" => match date_param(&v) {
                    Ok(d) => p.from = d,
                    Err(()) => p.invalid.push("network-bad-date"),
                },
                "au" => match date_param(&v) {
                    Ok(d) => p.at = d,
                    Err(()) => p.invalid.push("network-bad-date"),
                },
                "sources" => {
                    for part in v.split(',').filter(|s| !s.trim().is_empty()) {
                        match Source::parse(part) {
                            Some(s) if !p.sources.contains(&s) => p.sources.push(s),
                            Some(_) => {}
                            None => p.invalid.push("network-bad-source"),
                        }
                    }
                }
                "secteur" => v.trim().clone_into(&mut p.sector),
                "poids" => {
                    let t = v.trim().replace(',', ".");
                    if !t.is_empty() {
                        match t.parse::<f64>() {
                            Ok(w) if w.is_finite() && w >= 0.0 => p.set_min_weight(w),
                            _ => p.invalid.push("network-bad-weight"),
                        }
                    }
                }
                "ponderation" => match v.trim() {
                    "collaboration" | "" => weighting = Weighting::Collaboration,
                    "nombre" => weighting = Weighting::Count,
                    _ => p.invalid.push("network-bad-weighting"),
                },
                "niveau" => match people::Level::parse(&v) {
                    Some(l) => p.level = l,
                    None => p.invalid.push("network-bad-level"),
                },
                "taille" => p.size = SizeBy::parse(v.trim()).unwrap_or_default(),
                "tri" => v.trim().clone_into(&mut p.sort),
                "ordre" => {
                    p.order = match v.trim() {
                        "asc" => Some(true),
                        "desc" => Some(false),
                        _ => None,
                    }
                }
                _ => {}
            }
        }
        p.set_weighting(weighting);
        p
    }

    pub fn filter(&self) -> Filter {
        Filter {
            at: self.at,
            from: self.from,
            sources: self.kept_sources(),
            min_weight: self.min_weight,
            weighting: self.weighting,
        }
    }

    /// The sources the filter keeps (`None`: every one).
    pub fn kept_sources(&self) -> Option<Vec<Source>> {
        if self.hidden.is_empty() {
            return (!self.sources.is_empty()).then(|| self.sources.clone());
        }
        let asked: &[Source] = if self.sources.is_empty() {
            &Source::ALL
        } else {
            &self.sources
        };
        Some(
            asked
                .iter()
                .copied()
                .filter(|s| !self.hidden.contains(s))
                .collect(),
        )
    }

    /// The sources the visitor may choose from.
    pub fn visible_sources(&self) -> Vec<Source> {
        Source::ALL
            .into_iter()
            .filter(|s| !self.hidden.contains(s))
            .collect()
    }

    /// The query string of these filters (without `tri`/`ordre`), for links
    /// that keep them.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(d) = self.from {
            pairs.push(("du", d.to_string()));
        }
        if let Some(d) = self.at {
            pairs.push(("au", d.to_string()));
        }
        for s in &self.sources {
            pairs.push(("sources", s.as_str().to_owned()));
        }
        if !self.sector.is_empty() {
            pairs.push(("secteur", self.sector.clone()));
        }
        if self.weighting != Weighting::default() {
            pairs.push(("ponderation", weighting_code(self.weighting).to_owned()));
        }
        if self.min_weight_given {
            pairs.push(("poids", self.min_weight.to_string()));
        }
        if self.size != SizeBy::Degree {
            pairs.push(("taille", self.size.code().to_owned()));
        }
        if self.level != people::Level::default() {
            pairs.push(("niveau", self.level.code().to_owned()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

// ---------- selecting ----------

/// The links of the evidence `params` keeps, split at the threshold: those
/// that reach it, and how many weaker ones (in the sector) were left out.
pub fn thresholded(
    evidence: &[maillage_store::repo::network::Evidence],
    params: &Params,
    briefs: &HashMap<String, OrgBrief>,
) -> (Vec<Link>, usize) {
    let mut every = params.filter();
    every.min_weight = 0.0;
    let (kept, weaker): (Vec<Link>, Vec<Link>) =
        maillage_store::repo::network::links(evidence, &every)
            .into_iter()
            .partition(|l| l.value(params.weighting) >= params.min_weight - 1e-9);
    let (weaker, _) = select(weaker, &[], briefs, &params.sector);
    (kept, weaker.len())
}

/// The links a page shows and the organizations that are nodes without
/// any (members with no link): the sector filter keeps links with an end in
/// the sector.
pub fn select(
    all_links: Vec<Link>,
    members: &[String],
    briefs: &HashMap<String, OrgBrief>,
    sector: &str,
) -> (Vec<Link>, Vec<String>) {
    let in_sector = |id: &str| {
        sector.is_empty()
            || briefs
                .get(id)
                .and_then(|b| b.sector.as_deref())
                .is_some_and(|s| s == sector)
    };
    let links: Vec<Link> = all_links
        .into_iter()
        .filter(|l| in_sector(&l.a) || in_sector(&l.b))
        .collect();
    let linked: HashSet<&str> = links
        .iter()
        .flat_map(|l| [l.a.as_str(), l.b.as_str()])
        .collect();
    let mut alone: Vec<String> = members
        .iter()
        .filter(|m| !linked.contains(m.as_str()) && in_sector(m))
        .cloned()
        .collect();
    alone.sort();
    alone.dedup();
    (links, alone)
}

// ---------- computing ----------

/// Everything computed from a network, once per distinct set of links.
#[derive(Debug, Clone)]
pub struct Computed {
    pub ids: Vec<String>,
    pub edges: Vec<(usize, usize, f64)>,
    pub centrality: Vec<maillage_graph::NodeCentrality>,
    pub density: f64,
    pub components: usize,
    pub average_clustering: f64,
    pub community: Vec<usize>,
    pub communities: usize,
    pub modularity: f64,
    pub ties: TieCounts,
    pub brokers: Vec<usize>,
    pub isolates: Vec<usize>,
    pub positions: Vec<(f64, f64)>,
    /// Betweenness from a sample of sources (large networks).
    pub sampled: bool,
    /// The fingerprint of the links it was computed from.
    pub key: u64,
}

impl Computed {
    pub fn cross_sector_share(&self) -> Option<f64> {
        self.ties.cross_sector_share()
    }

    pub fn ei_index(&self) -> Option<f64> {
        self.ties.ei_index()
    }
}

/// Above this many organizations betweenness is sampled.
pub const SAMPLE_ABOVE: usize = 2000;

pub fn compute(
    links: &[Link],
    alone: &[String],
    briefs: &HashMap<String, OrgBrief>,
    weighting: Weighting,
) -> Computed {
    let mut b = Network::builder(false, true);
    for l in links {
        // Weights are positive by construction (each source adds > 0).
        let w = l.value(weighting).max(f64::MIN_POSITIVE);
        let _ = b.add_edge(&l.a, &l.b, Some(w));
    }
    for id in alone {
        b.add_node(id);
    }
    let net = b.build();
    let n = net.node_count();
    let sampled = n > SAMPLE_ABOVE;
    let sampling = sampled.then_some(BetweennessSampling {
        samples: 200,
        seed: 1,
    });
    let opts = MetricsOptions {
        betweenness_sampling: sampling,
        closeness_sampling: sampling,
    };
    // Unweighted view for the metrics: a weight is a strength, not a
    // distance, and networkx's unweighted definitions are the contract.
    let mut plain = Network::builder(false, false);
    for id in net.ids() {
        plain.add_node(id);
    }
    for (u, v, _) in net.edges() {
        let _ = plain.add_edge(&net.ids()[u], &net.ids()[v], None);
    }
    let plain = plain.build();
    let m = maillage_graph::metrics(&plain, &opts)
        .or_else(|_| maillage_graph::metrics(&plain, &MetricsOptions::default()));
    let (centrality, density, components, average_clustering) = match m {
        Ok(m) => (m.centrality, m.density, m.components, m.average_clustering),
        Err(_) => (
            plain
                .ids()
                .iter()
                .map(|id| maillage_graph::NodeCentrality {
                    id: id.clone(),
                    degree: 0.0,
                    betweenness: 0.0,
                    closeness: 0.0,
                    eigenvector: 0.0,
                })
                .collect(),
            0.0,
            0,
            0.0,
        ),
    };
    let community = louvain(
        &plain,
        &LouvainOptions {
            seed: 1,
            ..LouvainOptions::default()
        },
    );
    let communities = community.iter().copied().max().map_or(0, |c| c + 1);
    let q = if plain.edge_count() == 0 {
        0.0
    } else {
        modularity(&plain, &community, 1.0)
    };
    let sector_of: HashMap<String, String> = briefs
        .iter()
        .filter_map(|(id, b)| b.sector.clone().map(|s| (id.clone(), s)))
        .collect();
    let sectors = Sectors::from_map(&plain, &sector_of);
    let ties = maillage_graph::tie_counts(&plain, &sectors);
    let brokers = maillage_graph::sector_brokers(&plain, &sectors);
    let isolates = maillage_graph::isolates(&plain);
    let positions = layout(&plain, &isolates, &community);
    Computed {
        ids: net.ids().to_vec(),
        edges: net.edges().collect(),
        centrality,
        density,
        components,
        average_clustering,
        community,
        communities,
        modularity: q,
        ties,
        brokers,
        isolates,
        positions,
        sampled,
        key: 0,
    }
}

/// The linked organizations in the top of the square, each community
/// laid out in its own area apart from the others (a force layout of the
/// whole draws a few dense clusters on top of each other); the
/// organizations without a link in rows along its bottom (a force layout
/// would push them to the edges and squeeze the rest).
fn layout(net: &Network, isolates: &[usize], community: &[usize]) -> Vec<(f64, f64)> {
    let n = net.node_count();
    let alone: HashSet<usize> = isolates.iter().copied().collect();
    let mut linked = Network::builder(false, false);
    let mut labels = Vec::new();
    for i in (0..n).filter(|i| !alone.contains(i)) {
        linked.add_node(&net.ids()[i]);
        labels.push(community.get(i).copied().unwrap_or(0));
    }
    for (u, v, _) in net.edges() {
        let _ = linked.add_edge(&net.ids()[u], &net.ids()[v], None);
    }
    let linked = linked.build();
    let inner = community_layout(
        &linked,
        &labels,
        &LayoutOptions {
            seed: 7,
            ..LayoutOptions::default()
        },
    );
    let top = if alone.is_empty() { 1.0 } else { 0.84 };
    let mut out = vec![(0.5, 0.5); n];
    for (j, id) in linked.ids().iter().enumerate() {
        if let Some(i) = net.node_index(id) {
            let (x, y) = inner[j];
            out[i] = (x, y * top);
        }
    }
    let per_row = 24;
    #[expect(
        clippy::cast_precision_loss,
        reason = "a few thousand isolates at most"
    )]
    for (k, &i) in isolates.iter().enumerate() {
        let row = k / per_row;
        let col = k % per_row;
        let in_row = (isolates.len() - row * per_row).min(per_row);
        let x = if in_row <= 1 {
            0.5
        } else {
            col as f64 / (in_row - 1) as f64
        };
        out[i] = (x, (0.9 + 0.04 * row as f64).min(1.0));
    }
    out
}

// ---------- caching ----------

fn fingerprint(
    links: &[Link],
    alone: &[String],
    briefs: &HashMap<String, OrgBrief>,
    weighting: Weighting,
) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    weighting.hash(&mut h);
    for l in links {
        l.a.hash(&mut h);
        l.b.hash(&mut h);
        l.value(weighting).to_bits().hash(&mut h);
        briefs
            .get(&l.a)
            .and_then(|b| b.sector.as_deref())
            .hash(&mut h);
        briefs
            .get(&l.b)
            .and_then(|b| b.sector.as_deref())
            .hash(&mut h);
    }
    0xff_u8.hash(&mut h);
    for a in alone {
        a.hash(&mut h);
        briefs.get(a).and_then(|b| b.sector.as_deref()).hash(&mut h);
    }
    h.finish()
}

/// [`compute`], cached by the links (a second view of the same network,
/// whatever its scope, reuses the layout and the metrics). A panic while
/// computing is an internal error (its message logged), never an empty
/// network, and nothing is cached.
pub async fn computed(
    cache: &NetworkCache,
    links: &[Link],
    alone: &[String],
    briefs: &HashMap<String, OrgBrief>,
    weighting: Weighting,
) -> Result<Arc<Computed>, AppError> {
    computed_with(cache, links, alone, briefs, weighting, compute).await
}

type ComputeFn = fn(&[Link], &[String], &HashMap<String, OrgBrief>, Weighting) -> Computed;

async fn computed_with(
    cache: &NetworkCache,
    links: &[Link],
    alone: &[String],
    briefs: &HashMap<String, OrgBrief>,
    weighting: Weighting,
    compute: ComputeFn,
) -> Result<Arc<Computed>, AppError> {
    let key = fingerprint(links, alone, briefs, weighting);
    if let Some(c) = cache.computed(&key) {
        return Ok(c);
    }
    let (links, alone, briefs) = (links.to_vec(), alone.to_vec(), briefs.clone());
    let mut c = tokio::task::spawn_blocking(move || compute(&links, &alone, &briefs, weighting))
        .await
        .map_err(AppError::internal)?;
    c.key = key;
    let c = Arc::new(c);
    cache.put_computed(key, c.clone());
    Ok(c)
}

/// [`svg`], cached by the network, the sizing metric and the language.
pub fn cached_svg(
    cache: &NetworkCache,
    c: &Computed,
    briefs: &HashMap<String, OrgBrief>,
    size: SizeBy,
    labelled: usize,
    lang: &'static str,
    text: &SvgText<'_>,
) -> Arc<String> {
    if let Some(s) = cache.svg(c.key, size, lang) {
        return s;
    }
    let s = Arc::new(svg("network-svg", c, briefs, size, labelled, text));
    cache.put_svg(c.key, size, lang, s.clone());
    s
}

// ---------- drawing ----------

/// At most this many organizations are drawn: the largest by the sizing
/// metric. Beyond a few thousand, circles merge into a blot and the page
/// weighs megabytes; the table and the exports keep the whole network.
pub const DRAWN_NODES: usize = 1500;
/// At most this many links are drawn, the strongest between drawn nodes.
pub const DRAWN_LINKS: usize = 5000;

/// What part of a network is drawn.
pub struct Drawing {
    /// The first `nodes` of the order by size.
    pub nodes: usize,
    /// Indices into `Computed::edges`, in their order.
    pub edges: Vec<usize>,
}

impl Drawing {
    /// `order`: every node, largest first.
    pub fn of(c: &Computed, order: &[usize]) -> Drawing {
        let nodes = order.len().min(DRAWN_NODES);
        let mut drawn = vec![order.len() <= DRAWN_NODES; c.ids.len()];
        for &i in &order[..nodes] {
            drawn[i] = true;
        }
        let mut edges: Vec<usize> = (0..c.edges.len())
            .filter(|&k| drawn[c.edges[k].0] && drawn[c.edges[k].1])
            .collect();
        if edges.len() > DRAWN_LINKS {
            edges.sort_by(|&a, &b| c.edges[b].2.total_cmp(&c.edges[a].2).then(a.cmp(&b)));
            edges.truncate(DRAWN_LINKS);
            edges.sort_unstable();
        }
        Drawing { nodes, edges }
    }
}

pub const WIDTH: f64 = 1000.0;
pub const HEIGHT: f64 = 720.0;
const MARGIN: f64 = 50.0;

fn num(v: f64) -> String {
    let t = format!("{v:.1}");
    t.strip_suffix(".0").map_or(t.clone(), str::to_owned)
}

/// The labels of the drawing: words come translated from the caller.
pub struct SvgText<'a> {
    pub title: &'a str,
    pub desc: &'a str,
    pub sector_of: &'a dyn Fn(Option<&str>) -> String,
    /// Where a node leads (a person: to their organization).
    pub href_of: &'a dyn Fn(&str) -> String,
}

/// The network as SVG: links as lines (width by weight), nodes as links to
/// their organization, coloured by sector, sized by `size`; the largest
/// labelled, every node with a `<title>`. Lines name their ends
/// (`data-a`, `data-b`) for the interactive view.
pub fn svg(
    id: &str,
    c: &Computed,
    briefs: &HashMap<String, OrgBrief>,
    size: SizeBy,
    labelled: usize,
    text: &SvgText<'_>,
) -> String {
    let n = c.ids.len();
    let mut out = String::with_capacity(200 + n * 220 + c.edges.len() * 90);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"network-svg\" \
         viewBox=\"0 0 {w} {h}\" role=\"group\" aria-labelledby=\"{id}-title {id}-desc\" \
         data-width=\"{w}\" data-height=\"{h}\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        w = num(WIDTH),
        h = num(HEIGHT),
        title = escape(text.title),
        desc = escape(text.desc),
    );
    let xy = |i: usize| {
        let (x, y) = c.positions.get(i).copied().unwrap_or((0.5, 0.5));
        (
            MARGIN + x * (WIDTH - 2.0 * MARGIN),
            MARGIN + y * (HEIGHT - 2.0 * MARGIN),
        )
    };
    let values: Vec<f64> = (0..n)
        .map(|i| c.centrality.get(i).map_or(0.0, |x| size.of(x)))
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let drawing = Drawing::of(c, &order);
    draw_links(&mut out, c, &drawing, &xy);
    let max_v = values.iter().copied().fold(0.0_f64, f64::max);
    let big = if n > 2000 { 9.0 } else { 16.0 };
    let small = if n > 2000 { 1.5 } else { 4.0 };
    let radius = |i: usize| {
        if max_v > 0.0 {
            small + (big - small) * (values[i] / max_v).sqrt()
        } else {
            small
        }
    };
    let order = &order[..drawing.nodes];
    let candidates: Vec<LabelCandidate> = order
        .iter()
        .map(|&i| {
            let oid = &c.ids[i];
            let (x, y) = xy(i);
            LabelCandidate {
                i,
                x,
                y,
                r: radius(i),
                text: short(
                    briefs.get(oid).map_or(oid.as_str(), |b| b.name.as_str()),
                    32,
                ),
            }
        })
        .collect();
    let labels = place_labels(&candidates, labelled);
    out.push_str("<g class=\"net-nodes\" stroke=\"#ffffff\" stroke-width=\"1\">");
    // Smaller nodes first, so the large ones stay on top.
    for &i in order.iter().rev() {
        let oid = &c.ids[i];
        let brief = briefs.get(oid);
        let name = brief.map_or(oid.as_str(), |b| b.name.as_str());
        let sector = brief.and_then(|b| b.sector.as_deref());
        let (x, y) = xy(i);
        let _ = write!(
            out,
            "<a href=\"{href}\" class=\"net-node\" data-i=\"{i}\" aria-label=\"{label}\">\
             <circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{fill}\"/>\
             <title>{label}</title></a>",
            href = escape(&(text.href_of)(oid)),
            label = escape(&format!("{name} — {}", (text.sector_of)(sector))),
            cx = num(x),
            cy = num(y),
            r = num(radius(i)),
            fill = sector_color(sector.unwrap_or_default()),
        );
    }
    out.push_str("</g><g class=\"net-labels\" aria-hidden=\"true\">");
    for l in &labels {
        let _ = write!(
            out,
            "<text class=\"net-label\" data-i=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{LABEL_SIZE}\" text-anchor=\"{}\" \
             fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            l.i,
            num(l.x),
            num(l.y),
            l.anchor,
            escape(&l.text),
        );
    }
    out.push_str("</g></svg>");
    out
}

/// The largest nodes whose label may cover a smaller node when nothing
/// else is free.
const HUBS: usize = 5;

/// The font size of the labels, in the drawing's units.
const LABEL_SIZE: f64 = 13.0;

/// A node that may get a label, largest first.
pub struct LabelCandidate {
    pub i: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub text: String,
}

/// A label placed on the drawing: its baseline point and anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    pub i: usize,
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub text: String,
}

impl PlacedLabel {
    /// The box the text takes (x0, y0, x1, y1), from an average glyph
    /// width a little wider than the font's, so that estimates err on the
    /// side of space.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        #[expect(
            clippy::cast_precision_loss,
            reason = "a label has 32 characters at most"
        )]
        let width = self.text.chars().count() as f64 * LABEL_SIZE * 0.6 + 4.0;
        let x0 = match self.anchor {
            "start" => self.x - 2.0,
            "end" => self.x - width + 2.0,
            _ => self.x - width / 2.0,
        };
        (x0, self.y - LABEL_SIZE, x0 + width, self.y + 4.0)
    }
}

/// Labels for at most `max` of the candidates, largest first: above the
/// node, else below, right or left of it, and left out when each of these
/// would overlap a label already placed or another node (the five largest
/// may cover a smaller node when nothing else is free), or leave the
/// drawing — labels never pile up; every node keeps its name in its
/// `<title>` (shown on hover).
pub fn place_labels(candidates: &[LabelCandidate], max: usize) -> Vec<PlacedLabel> {
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    };
    let circle = |c: &LabelCandidate| (c.x - c.r, c.y - c.r, c.x + c.r, c.y + c.r);
    for (k, c) in candidates.iter().enumerate() {
        if placed.len() >= max {
            break;
        }
        let middle = if c.x > WIDTH * 0.8 {
            "end"
        } else if c.x < WIDTH * 0.2 {
            "start"
        } else {
            "middle"
        };
        let spots = [
            (c.x, c.y - c.r - 4.0, middle),
            (c.x, c.y + c.r + LABEL_SIZE, middle),
            (c.x + c.r + 3.0, c.y + 4.0, "start"),
            (c.x - c.r - 3.0, c.y + 4.0, "end"),
        ];
        // The few largest nodes may, as a last resort, cover a smaller
        // node with their label (a hub in a dense cluster would otherwise
        // never be named); never another label.
        let passes: &[bool] = if k < HUBS { &[true, false] } else { &[true] };
        'spot: for &avoid_nodes in passes {
            for (x, y, anchor) in spots {
                let label = PlacedLabel {
                    i: c.i,
                    x,
                    y,
                    anchor,
                    text: c.text.clone(),
                };
                let b = label.bbox();
                let inside = b.0 >= 0.0 && b.1 >= 0.0 && b.2 <= WIDTH && b.3 <= HEIGHT;
                let free = inside
                    && !placed.iter().any(|p| overlaps(p.bbox(), b))
                    && !(avoid_nodes
                        && candidates
                            .iter()
                            .any(|o| o.i != c.i && overlaps(circle(o), b)));
                if free {
                    placed.push(label);
                    break 'spot;
                }
            }
        }
    }
    placed
}

/// The drawn links, as lines whose width says their weight.
fn draw_links(out: &mut String, c: &Computed, drawing: &Drawing, xy: &dyn Fn(usize) -> (f64, f64)) {
    let max_w = c.edges.iter().map(|e| e.2).fold(1.0_f64, f64::max);
    // Shared presentation on the group keeps each line short (a network
    // of 20,000 organizations has tens of thousands of them).
    out.push_str(
        "<g class=\"net-links\" stroke=\"#9a9a9a\" stroke-opacity=\"0.55\" stroke-width=\"0.8\">",
    );
    for &(u, v, w) in drawing.edges.iter().map(|&k| &c.edges[k]) {
        let ((x1, y1), (x2, y2)) = (xy(u), xy(v));
        let width = 0.6 + 2.4 * (w / max_w);
        let _ = write!(
            out,
            "<line data-a=\"{u}\" data-b=\"{v}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
        );
        if (width - 0.8).abs() > 0.15 {
            let _ = write!(out, " stroke-width=\"{}\"", num(width));
        }
        out.push_str("/>");
    }
    out.push_str("</g>");
}

fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// A number for reading, two decimals at most, French or English.
pub fn fmt(v: f64, lang: crate::i18n::Lang) -> String {
    crate::plans::number_text((v * 1000.0).round() / 1000.0, lang)
}

pub fn fmt_opt(v: Option<f64>, lang: crate::i18n::Lang) -> String {
    v.map_or_else(|| "–".to_owned(), |v| fmt(v, lang))
}

/// A share as a percentage.
pub fn percent(v: Option<f64>, lang: crate::i18n::Lang) -> String {
    v.map_or_else(
        || "–".to_owned(),
        |v| {
            format!(
                "{} %",
                crate::plans::number_text((v * 1000.0).round() / 10.0, lang)
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use maillage_store::repo::groupings::OrgBrief;
    use maillage_store::repo::network::{Link, Source, Weighting};

    use super::{
        Computed, HEIGHT, LabelCandidate, NetworkCache, WIDTH, compute, computed_with, place_labels,
    };
    use crate::error::AppError;

    fn link(a: &str, b: &str) -> Link {
        Link {
            a: a.to_owned(),
            b: b.to_owned(),
            weights: BTreeMap::from([(Source::CoAttendance, 1.0)]),
            counts: BTreeMap::from([(Source::CoAttendance, 1)]),
            first_seen: None,
        }
    }

    fn panics(_: &[Link], _: &[String], _: &HashMap<String, OrgBrief>, _: Weighting) -> Computed {
        panic!("the layout diverged");
    }

    #[tokio::test]
    async fn a_panic_while_computing_is_an_internal_error_and_is_not_cached() {
        let cache = NetworkCache::default();
        let links = [link("a", "b"), link("b", "c")];
        let briefs = HashMap::new();
        let err = computed_with(&cache, &links, &[], &briefs, Weighting::default(), panics)
            .await
            .expect_err("a panic is an error, not an empty network");
        let AppError::Internal(cause) = err else {
            panic!("a 500, got {err:?}");
        };
        assert!(
            cause.to_string().contains("the layout diverged"),
            "the cause is kept for the log: {cause}"
        );
        // Nothing was cached: the next view computes it.
        let c = computed_with(&cache, &links, &[], &briefs, Weighting::default(), compute)
            .await
            .unwrap();
        assert_eq!(c.ids.len(), 3);
        assert_eq!(c.edges.len(), 2);
        // Cached now: a second view does not compute again.
        let again = computed_with(&cache, &links, &[], &briefs, Weighting::default(), panics)
            .await
            .unwrap();
        assert!(std::sync::Arc::ptr_eq(&c, &again));
    }

    #[test]
    fn labels_are_bounded_and_never_overlap() {
        // Forty large nodes crowded in one place, then some spread out.
        let candidates: Vec<LabelCandidate> = (0..60)
            .map(|i| {
                #[expect(clippy::cast_precision_loss, reason = "small numbers")]
                let f = i as f64;
                let (x, y) = if i < 40 {
                    (300.0 + (f * 7.0) % 40.0, 300.0 + (f * 3.0) % 30.0)
                } else {
                    (100.0 + (f - 40.0) * 40.0, 600.0)
                };
                LabelCandidate {
                    i,
                    x,
                    y,
                    r: 8.0,
                    text: format!("Organisation numéro {i}"),
                }
            })
            .collect();
        let placed = place_labels(&candidates, 15);
        assert!(!placed.is_empty() && placed.len() <= 15, "{}", placed.len());
        for (k, a) in placed.iter().enumerate() {
            let (x0, y0, x1, y1) = a.bbox();
            assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= WIDTH && y1 <= HEIGHT);
            for o in candidates.iter().filter(|o| o.i != a.i && a.i >= 5) {
                let apart =
                    x1 <= o.x - o.r || o.x + o.r <= x0 || y1 <= o.y - o.r || o.y + o.r <= y0;
                assert!(apart, "{a:?} covers node {}", o.i);
            }
            for b in &placed[k + 1..] {
                let (u0, v0, u1, v1) = b.bbox();
                let apart = x1 <= u0 || u1 <= x0 || y1 <= v0 || v1 <= y0;
                assert!(apart, "{a:?} and {b:?} overlap");
            }
        }
        // Of the crowded corner, only a few fit.
        assert!(placed.iter().filter(|l| l.i < 40).count() < 6);
        assert_eq!(placed, place_labels(&candidates, 15), "deterministic");
    }
}
