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
    TieCounts, force_layout, louvain, modularity,
};
use maillage_store::repo::groupings::OrgBrief;
use maillage_store::repo::network::{Filter, Link, Source};

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
    }
}

/// The filters of a network page, from its query string (`du`, `au`,
/// `sources` repeated, `secteur`, `poids`, `taille`, `tri`, `ordre`).
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub from: Option<NaiveDate>,
    pub at: Option<NaiveDate>,
    /// Empty: every source.
    pub sources: Vec<Source>,
    pub sector: String,
    pub min_weight: f64,
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

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default();
        let mut p = Params::default();
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
                            Ok(w) if w.is_finite() && w >= 0.0 => p.min_weight = w,
                            _ => p.invalid.push("network-bad-weight"),
                        }
                    }
                }
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
        p
    }

    pub fn filter(&self) -> Filter {
        Filter {
            at: self.at,
            from: self.from,
            sources: (!self.sources.is_empty()).then(|| self.sources.clone()),
            min_weight: self.min_weight,
        }
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
        if self.min_weight > 0.0 {
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

pub fn compute(links: &[Link], alone: &[String], briefs: &HashMap<String, OrgBrief>) -> Computed {
    let mut b = Network::builder(false, true);
    for l in links {
        // Weights are positive by construction (each source adds ≥ 1).
        let _ = b.add_edge(&l.a, &l.b, Some(l.weight().max(f64::MIN_POSITIVE)));
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
    let positions = layout(&plain, &isolates);
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

/// The seeded force layout of the linked organizations in the top of the
/// square, the organizations without a link in rows along its bottom (a
/// force layout would push them to the edges and squeeze the rest).
fn layout(net: &Network, isolates: &[usize]) -> Vec<(f64, f64)> {
    let n = net.node_count();
    let alone: HashSet<usize> = isolates.iter().copied().collect();
    let mut linked = Network::builder(false, false);
    for i in (0..n).filter(|i| !alone.contains(i)) {
        linked.add_node(&net.ids()[i]);
    }
    for (u, v, _) in net.edges() {
        let _ = linked.add_edge(&net.ids()[u], &net.ids()[v], None);
    }
    let linked = linked.build();
    let inner = force_layout(
        &linked,
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

fn fingerprint(links: &[Link], alone: &[String], briefs: &HashMap<String, OrgBrief>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for l in links {
        l.a.hash(&mut h);
        l.b.hash(&mut h);
        l.weight().to_bits().hash(&mut h);
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
) -> Result<Arc<Computed>, AppError> {
    computed_with(cache, links, alone, briefs, compute).await
}

type ComputeFn = fn(&[Link], &[String], &HashMap<String, OrgBrief>) -> Computed;

async fn computed_with(
    cache: &NetworkCache,
    links: &[Link],
    alone: &[String],
    briefs: &HashMap<String, OrgBrief>,
    compute: ComputeFn,
) -> Result<Arc<Computed>, AppError> {
    let key = fingerprint(links, alone, briefs);
    if let Some(c) = cache.computed(&key) {
        return Ok(c);
    }
    let (links, alone, briefs) = (links.to_vec(), alone.to_vec(), briefs.clone());
    let mut c = tokio::task::spawn_blocking(move || compute(&links, &alone, &briefs))
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
    let shown: HashSet<usize> = order.iter().copied().take(labelled).collect();
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
    for &i in order {
        if !shown.contains(&i) {
            continue;
        }
        let oid = &c.ids[i];
        let name = briefs.get(oid).map_or(oid.as_str(), |b| b.name.as_str());
        let (x, y) = xy(i);
        let anchor = if x > WIDTH * 0.8 {
            "end"
        } else if x < WIDTH * 0.2 {
            "start"
        } else {
            "middle"
        };
        let _ = write!(
            out,
            "<text class=\"net-label\" data-i=\"{i}\" x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"{anchor}\" \
             fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            num(x),
            num(y - radius(i) - 4.0),
            escape(&short(name, 32)),
        );
    }
    out.push_str("</g></svg>");
    out
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

/// `key-none` (for 0, when there is one), `key-one` or `key-other` with
/// `$count`, by the language's plural rule (French: 0 and 1 are singular).
pub fn counted(lang: crate::i18n::Lang, key: &str, count: usize) -> String {
    let none = format!("{key}-none");
    if count == 0 && lang.has(&none) {
        return lang.t(&none);
    }
    let one = match lang {
        crate::i18n::Lang::Fr => count < 2,
        crate::i18n::Lang::En => count == 1,
    };
    let key = format!("{key}-{}", if one { "one" } else { "other" });
    lang.t_args(&key, &[("count", count.to_string())])
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
    use maillage_store::repo::network::{Link, Source};

    use super::{Computed, NetworkCache, compute, computed_with};
    use crate::error::AppError;

    fn link(a: &str, b: &str) -> Link {
        Link {
            a: a.to_owned(),
            b: b.to_owned(),
            weights: BTreeMap::from([(Source::CoAttendance, 1.0)]),
            first_seen: None,
        }
    }

    fn panics(_: &[Link], _: &[String], _: &HashMap<String, OrgBrief>) -> Computed {
        panic!("the layout diverged");
    }

    #[tokio::test]
    async fn a_panic_while_computing_is_an_internal_error_and_is_not_cached() {
        let cache = NetworkCache::default();
        let links = [link("a", "b"), link("b", "c")];
        let briefs = HashMap::new();
        let err = computed_with(&cache, &links, &[], &briefs, panics)
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
        let c = computed_with(&cache, &links, &[], &briefs, compute)
            .await
            .unwrap();
        assert_eq!(c.ids.len(), 3);
        assert_eq!(c.edges.len(), 2);
        // Cached now: a second view does not compute again.
        let again = computed_with(&cache, &links, &[], &briefs, panics)
            .await
            .unwrap();
        assert!(std::sync::Arc::ptr_eq(&c, &again));
    }
}
