//! `maillage graph metrics`: networkx 3.6's metrics with its defaults
//! (the document is in `docs/architecture.md`, « The command line »).
//!
//! Everything is computed here on compact adjacency arrays rather than with
//! rustworkx-core, because its functions do not compute exactly what the
//! contract asks:
//! * `betweenness_centrality` is unweighted only, has no source sampling, and
//!   adds its per-source results under a lock in thread completion order, so
//!   the last bits change from run to run;
//! * `closeness_centrality` is unweighted only, and the weighted
//!   `newman_weighted_closeness_centrality` inverts weights (strengths), where
//!   the contract takes them as distances;
//! * `eigenvector_centrality` starts from 1 rather than 1/n (so its first
//!   convergence test differs), and follows a directed graph's arcs where the
//!   contract takes the undirected view.
//!
//! The tests cross-check the unweighted values against rustworkx-core.
//!
//! Floating-point sums follow networkx's order where it matters (eigenvector
//! products, the clustering mean); every result is identical whatever the
//! number of threads: betweenness adds per-source contributions in chunks
//! fixed by the number of sources only, then the chunks in order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use crate::network::Network;
use crate::rng::sample_indices;

/// Sampled betweenness: `samples` distinct sources drawn with `seed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BetweennessSampling {
    pub samples: usize,
    pub seed: u64,
}

#[derive(Debug, Clone, Default)]
pub struct MetricsOptions {
    /// `None`: exact betweenness (every node is a source).
    pub betweenness_sampling: Option<BetweennessSampling>,
    /// `None`: exact closeness (networkx's, the contract). Some: an
    /// *estimate* for large networks, not networkx's — see
    /// [`closeness_estimate`] — where exact closeness would cost one more
    /// traversal per node: undirected unweighted networks whose betweenness
    /// is sampled (with exact betweenness it comes exact for free).
    pub closeness_sampling: Option<BetweennessSampling>,
}

/// The centralities of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeCentrality {
    pub id: String,
    pub degree: f64,
    pub betweenness: f64,
    pub closeness: f64,
    pub eigenvector: f64,
}

/// The document printed by `maillage graph metrics`.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub nodes: usize,
    pub edges: usize,
    pub density: f64,
    pub components: usize,
    pub average_clustering: f64,
    /// One entry per node, in first-seen order.
    pub centrality: Vec<NodeCentrality>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MetricsError {
    /// Bad usage (exit 2 on the command line).
    #[error(
        "--betweenness-samples must be between 1 and the number of nodes ({nodes}), not {samples}"
    )]
    InvalidSamples { samples: usize, nodes: usize },
    /// Well-formed input whose metric does not exist (exit 1).
    #[error(
        "eigenvector centrality did not converge in {iterations} power iterations (tolerance {tolerance:e} per node)"
    )]
    EigenvectorNotConverged { iterations: usize, tolerance: f64 },
}

/// networkx's `eigenvector_centrality` defaults used by the contract.
pub const EIGENVECTOR_MAX_ITER: usize = 1000;
pub const EIGENVECTOR_TOL: f64 = 1e-10;

/// All the metrics of the contract.
pub fn metrics(net: &Network, opts: &MetricsOptions) -> Result<Metrics, MetricsError> {
    let n = net.node_count();
    let sources: Option<Vec<usize>> = match opts.betweenness_sampling {
        None => None,
        Some(BetweennessSampling { samples, seed }) => {
            if samples == 0 || samples > n {
                return Err(MetricsError::InvalidSamples { samples, nodes: n });
            }
            // networkx: `if k == len(G): k = None` — K = n is the exact computation.
            (samples < n).then(|| sample_indices(n, samples, seed))
        }
    };
    let g = Adjacency::new(net);
    let eigenvector = eigenvector(&g.undirected, EIGENVECTOR_MAX_ITER, EIGENVECTOR_TOL)?;
    let estimate = opts
        .closeness_sampling
        .filter(|c| !g.directed && g.out.weights.is_empty() && c.samples > 0 && c.samples < n);
    let (betweenness, closeness) = betweenness_and_closeness(&g, sources.as_deref(), estimate);
    let degree = degree(&g);
    let centrality = net
        .ids()
        .iter()
        .enumerate()
        .map(|(i, id)| NodeCentrality {
            id: id.clone(),
            degree: degree[i],
            betweenness: betweenness[i],
            closeness: closeness[i],
            eigenvector: eigenvector[i],
        })
        .collect();
    Ok(Metrics {
        nodes: n,
        edges: net.edge_count(),
        density: density(n, net.edge_count(), net.is_directed()),
        components: components(&g.undirected),
        average_clustering: average_clustering(&g),
        centrality,
    })
}

/// The contract's JSON document. Without serde_json's `preserve_order`
/// feature a [`serde_json::Value`] sorts object keys; serialize [`Metrics`]
/// itself (`serde_json::to_string(&metrics)`) to keep nodes in first-seen order.
pub fn metrics_json(metrics: &Metrics) -> serde_json::Value {
    serde_json::to_value(metrics).expect("metrics serialize to JSON")
}

impl serde::Serialize for Metrics {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Centrality<'a>(&'a [NodeCentrality]);
        impl serde::Serialize for Centrality<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for c in self.0 {
                    m.serialize_entry(&c.id, &NodeValues(c))?;
                }
                m.end()
            }
        }
        struct NodeValues<'a>(&'a NodeCentrality);
        impl serde::Serialize for NodeValues<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(4))?;
                m.serialize_entry("degree", &finite(self.0.degree))?;
                m.serialize_entry("betweenness", &finite(self.0.betweenness))?;
                m.serialize_entry("closeness", &finite(self.0.closeness))?;
                m.serialize_entry("eigenvector", &finite(self.0.eigenvector))?;
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("nodes", &self.nodes)?;
        m.serialize_entry("edges", &self.edges)?;
        m.serialize_entry("density", &finite(self.density))?;
        m.serialize_entry("components", &self.components)?;
        m.serialize_entry("average_clustering", &finite(self.average_clustering))?;
        m.serialize_entry("centrality", &Centrality(&self.centrality))?;
        m.end()
    }
}

/// No NaN nor infinity ever reaches the JSON (serde_json would write `null`).
fn finite(x: f64) -> f64 {
    debug_assert!(x.is_finite(), "a metric is not finite: {x}");
    if x.is_finite() { x } else { 0.0 }
}

#[expect(clippy::cast_precision_loss, reason = "counts far below 2⁵³")]
pub(crate) fn as_f64(x: usize) -> f64 {
    x as f64
}

/// Compressed sparse rows: the neighbours of `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, sorted by index.
#[derive(Debug, Clone)]
pub(crate) struct Csr {
    pub(crate) offsets: Vec<usize>,
    pub(crate) targets: Vec<u32>,
    /// Empty when unweighted, else parallel to `targets`.
    pub(crate) weights: Vec<f64>,
}

impl Csr {
    /// From arcs `(u, v, w)`; duplicates are removed (keeping one weight).
    pub(crate) fn from_arcs(n: usize, arcs: &[(u32, u32, f64)], weighted: bool) -> Csr {
        let mut sorted = arcs.to_vec();
        sorted.sort_unstable_by_key(|&(u, v, _)| (u, v));
        sorted.dedup_by_key(|&mut (u, v, _)| (u, v));
        let mut offsets = vec![0; n + 1];
        for &(u, _, _) in &sorted {
            offsets[u as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Csr {
            offsets,
            targets: sorted.iter().map(|&(_, v, _)| v).collect(),
            weights: if weighted {
                sorted.iter().map(|&(_, _, w)| w).collect()
            } else {
                Vec::new()
            },
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(crate) fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    fn weighted_neighbors(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[v]..self.offsets[v + 1];
        let weights = if self.weights.is_empty() {
            None
        } else {
            Some(&self.weights[range.clone()])
        };
        self.targets[range]
            .iter()
            .enumerate()
            .map(move |(i, &t)| (t as usize, weights.map_or(1.0, |w| w[i])))
    }

    pub(crate) fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }
}

/// The views of a network the metrics need.
pub(crate) struct Adjacency {
    pub(crate) directed: bool,
    /// Successors (undirected: neighbours), with weights when weighted.
    pub(crate) out: Csr,
    /// Predecessors (directed only; same as `out` when undirected).
    pub(crate) inc: Option<Csr>,
    /// The undirected unweighted view (the same as `out` when undirected).
    pub(crate) undirected: Csr,
}

impl Adjacency {
    pub(crate) fn new(net: &Network) -> Adjacency {
        let n = net.node_count();
        let weighted = net.is_weighted();
        let arcs: Vec<(u32, u32, f64)> = net
            .edges()
            .map(|(u, v, w)| (to_u32(u), to_u32(v), w))
            .collect();
        let reversed: Vec<(u32, u32, f64)> = arcs.iter().map(|&(u, v, w)| (v, u, w)).collect();
        if net.is_directed() {
            let both: Vec<_> = arcs.iter().chain(&reversed).copied().collect();
            Adjacency {
                directed: true,
                out: Csr::from_arcs(n, &arcs, weighted),
                inc: Some(Csr::from_arcs(n, &reversed, weighted)),
                undirected: Csr::from_arcs(n, &both, false),
            }
        } else {
            let both: Vec<_> = arcs.iter().chain(&reversed).copied().collect();
            let out = Csr::from_arcs(n, &both, weighted);
            let mut undirected = out.clone();
            undirected.weights = Vec::new();
            Adjacency {
                directed: false,
                out,
                inc: None,
                undirected,
            }
        }
    }

    fn n(&self) -> usize {
        self.out.node_count()
    }

    /// Predecessors: arcs into a node.
    fn inc(&self) -> &Csr {
        self.inc.as_ref().unwrap_or(&self.out)
    }
}

fn to_u32(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2³² nodes")
}

/// networkx `density` of a network of `n` nodes and `m` links:
/// 2m/(n(n−1)), directed m/(n(n−1)), 0 when n ≤ 1.
pub fn density(n: usize, m: usize, directed: bool) -> f64 {
    if m == 0 || n <= 1 {
        return 0.0;
    }
    let d = as_f64(m) / (as_f64(n) * as_f64(n - 1));
    if directed { d } else { d * 2.0 }
}

/// Connected components of the undirected view (weakly connected when
/// directed), isolated nodes included.
fn components(g: &Csr) -> usize {
    component_labels(g).1.len()
}

/// The connected component of each node (numbered in first-seen order) and
/// the size of each component.
fn component_labels(g: &Csr) -> (Vec<usize>, Vec<usize>) {
    let n = g.node_count();
    let mut component = vec![usize::MAX; n];
    let mut sizes: Vec<usize> = Vec::new();
    let mut stack = Vec::new();
    for s in 0..n {
        if component[s] != usize::MAX {
            continue;
        }
        let label = sizes.len();
        component[s] = label;
        stack.push(s);
        let mut size = 0;
        while let Some(v) = stack.pop() {
            size += 1;
            for &w in g.neighbors(v) {
                let w = w as usize;
                if component[w] == usize::MAX {
                    component[w] = label;
                    stack.push(w);
                }
            }
        }
        sizes.push(size);
    }
    (component, sizes)
}

/// networkx `degree_centrality`: deg·(1/(n−1)) (directed: in + out); one node → 1.
fn degree(g: &Adjacency) -> Vec<f64> {
    let n = g.n();
    if n <= 1 {
        return vec![1.0; n];
    }
    let s = 1.0 / (as_f64(n) - 1.0);
    (0..n)
        .map(|v| {
            let d = g.out.degree(v) + g.inc.as_ref().map_or(0, |inc| inc.degree(v));
            as_f64(d) * s
        })
        .collect()
}

/// networkx `average_clustering`: the mean of `clustering` over all nodes,
/// summed in node order (Python's `sum`).
fn average_clustering(g: &Adjacency) -> f64 {
    let n = g.n();
    if n == 0 {
        return 0.0;
    }
    let c = if g.directed {
        directed_clustering(&g.out, g.inc())
    } else {
        undirected_clustering(&g.undirected)
    };
    c.iter().sum::<f64>() / as_f64(n)
}

/// networkx `clustering` (unweighted, undirected): t/(d(d−1)) with t the
/// number of (ordered) pairs of linked neighbours, 0 when t = 0.
pub(crate) fn undirected_clustering(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    let mut mark = vec![false; n];
    (0..n)
        .map(|i| {
            let ni = g.neighbors(i);
            for &j in ni {
                mark[j as usize] = true;
            }
            let mut t = 0_usize;
            for &j in ni {
                t += g
                    .neighbors(j as usize)
                    .iter()
                    .filter(|&&k| mark[k as usize])
                    .count();
            }
            for &j in ni {
                mark[j as usize] = false;
            }
            let d = ni.len();
            if t == 0 {
                0.0
            } else {
                as_f64(t) / as_f64(d * (d - 1))
            }
        })
        .collect()
}

/// networkx `clustering` for a directed graph (Fagiolo 2007): with i's
/// predecessors P and successors S, T = Σ_{j ∈ P ⊎ S} (|P∩Pj| + |P∩Sj| + |S∩Pj| + |S∩Sj|),
/// c = T / (2·(dtot(dtot−1) − 2·|P∩S|)), dtot = |P| + |S|; 0 when T = 0.
fn directed_clustering(succ: &Csr, pred: &Csr) -> Vec<f64> {
    let n = succ.node_count();
    // bit 0: k ∈ P(i), bit 1: k ∈ S(i)
    let mut mark = vec![0_u8; n];
    let both = |mark: &[u8], k: u32| -> usize {
        let m = mark[k as usize];
        usize::from(m & 1) + usize::from(m >> 1)
    };
    (0..n)
        .map(|i| {
            for &k in pred.neighbors(i) {
                mark[k as usize] |= 1;
            }
            for &k in succ.neighbors(i) {
                mark[k as usize] |= 2;
            }
            let mut t = 0_usize;
            for &j in pred.neighbors(i).iter().chain(succ.neighbors(i)) {
                let j = j as usize;
                for &k in pred.neighbors(j).iter().chain(succ.neighbors(j)) {
                    t += both(&mark, k);
                }
            }
            let bidirectional = succ
                .neighbors(i)
                .iter()
                .filter(|&&k| mark[k as usize] == 3)
                .count();
            for &k in pred.neighbors(i).iter().chain(succ.neighbors(i)) {
                mark[k as usize] = 0;
            }
            let dtot = pred.degree(i) + succ.degree(i);
            if t == 0 {
                0.0
            } else {
                as_f64(t) / as_f64((dtot * (dtot - 1) - 2 * bidirectional) * 2)
            }
        })
        .collect()
}

/// networkx `eigenvector_centrality(G, max_iter, tol)` on an undirected
/// unweighted graph: x₀ = 1/n; x ← (A+I)x, ÷ Euclidean norm (1 if 0),
/// until Σ|x − x_prev| < n·tol. Neighbour lists are sorted by index, so each
/// x[v] adds the same terms in the same order as networkx's loop.
pub(crate) fn eigenvector(g: &Csr, max_iter: usize, tol: f64) -> Result<Vec<f64>, MetricsError> {
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut x = vec![1.0 / as_f64(n); n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        for (v, nv) in next.iter_mut().enumerate() {
            let mut s = x[v];
            for &u in g.neighbors(v) {
                s += x[u as usize];
            }
            *nv = s;
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        let mut err = 0.0;
        for (nv, xv) in next.iter_mut().zip(&x) {
            *nv /= norm;
            err += (*nv - xv).abs();
        }
        std::mem::swap(&mut x, &mut next);
        if err < as_f64(n) * tol {
            return Ok(x);
        }
    }
    Err(MetricsError::EigenvectorNotConverged {
        iterations: max_iter,
        tolerance: tol,
    })
}

/// A Dijkstra queue entry: smallest distance first, then first pushed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    dist: f64,
    seq: u64,
    node: u32,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Per-thread buffers of single-source shortest paths.
struct Workspace {
    /// Distance from the source; `f64::INFINITY` when not reached.
    dist: Vec<f64>,
    /// Number of shortest paths from the source (as a float, like networkx).
    sigma: Vec<f64>,
    delta: Vec<f64>,
    /// Nodes in the order they were settled (non-decreasing distance); the
    /// BFS queue too.
    order: Vec<u32>,
    settled: Vec<bool>,
    heap: BinaryHeap<Entry>,
}

impl Workspace {
    fn new(n: usize) -> Self {
        Workspace {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            settled: vec![false; n],
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
            self.settled[v] = false;
        }
        self.order.clear();
    }

    /// Settles every node reachable from `s` along `fwd` (BFS when
    /// unweighted, Dijkstra when weighted), filling `dist`, `order` and the
    /// path counts `sigma` as networkx's `_single_source_shortest_path_basic`
    /// and `_single_source_dijkstra_path_basic` do: w's count adds v's for
    /// every v with dist[v] + weight(v, w) == dist[w] — the same floating
    /// point test as networkx's Dijkstra, the same integer test as its BFS.
    #[expect(
        clippy::float_cmp,
        reason = "networkx tests equal path lengths with =="
    )]
    fn shortest_paths(&mut self, fwd: &Csr, s: usize) {
        self.reset();
        self.dist[s] = 0.0;
        self.sigma[s] = 1.0;
        if fwd.weights.is_empty() {
            self.order.push(to_u32(s));
            let mut head = 0;
            while head < self.order.len() {
                let v = self.order[head] as usize;
                head += 1;
                let d = self.dist[v] + 1.0;
                let sigma_v = self.sigma[v];
                for &w in fwd.neighbors(v) {
                    let w = w as usize;
                    if self.dist[w].is_infinite() {
                        self.dist[w] = d;
                        self.order.push(to_u32(w));
                    }
                    if self.dist[w] == d {
                        self.sigma[w] += sigma_v;
                    }
                }
            }
        } else {
            // `dist` holds the tentative distance ("seen" in networkx) until settled.
            let mut seq = 0_u64;
            self.heap.clear();
            self.heap.push(Entry {
                dist: 0.0,
                seq,
                node: to_u32(s),
            });
            while let Some(Entry { dist, node, .. }) = self.heap.pop() {
                let v = node as usize;
                if self.settled[v] {
                    continue;
                }
                self.settled[v] = true;
                self.order.push(node);
                let sigma_v = self.sigma[v];
                for (w, weight) in fwd.weighted_neighbors(v) {
                    if self.settled[w] {
                        continue;
                    }
                    let vw = dist + weight;
                    if vw < self.dist[w] {
                        self.dist[w] = vw;
                        self.sigma[w] = sigma_v;
                        seq += 1;
                        self.heap.push(Entry {
                            dist: vw,
                            seq,
                            node: to_u32(w),
                        });
                    } else if vw == self.dist[w] {
                        self.sigma[w] += sigma_v;
                    }
                }
            }
        }
    }

    /// After `shortest_paths` from `s`: Brandes' dependency accumulation
    /// (networkx `_accumulate_basic`, endpoints excluded), adding δ_s(w) into
    /// `into[w]` for every w ≠ s. The predecessors of w are found again along
    /// the reversed arcs `back` with the test of `shortest_paths`.
    #[expect(
        clippy::float_cmp,
        reason = "networkx tests equal path lengths with =="
    )]
    fn accumulate(&mut self, back: &Csr, into: &mut [f64]) {
        let unweighted = back.weights.is_empty();
        for i in (1..self.order.len()).rev() {
            let w = self.order[i] as usize;
            let dw = self.dist[w];
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            if unweighted {
                for &v in back.neighbors(w) {
                    let v = v as usize;
                    if self.dist[v] + 1.0 == dw {
                        self.delta[v] += self.sigma[v] * coeff;
                    }
                }
            } else {
                for (v, weight) in back.weighted_neighbors(w) {
                    if self.dist[v] + weight == dw {
                        self.delta[v] += self.sigma[v] * coeff;
                    }
                }
            }
            into[w] += self.delta[w];
        }
    }

    /// After `shortest_paths` from v along reversed arcs: networkx's
    /// closeness of v (wf_improved), see [`closeness`].
    fn closeness(&self, n: usize) -> f64 {
        // In settling order, as networkx sums its distance dict.
        let total: f64 = self.order.iter().map(|&u| self.dist[u as usize]).sum();
        if total > 0.0 && n > 1 {
            let r = as_f64(self.order.len()) - 1.0;
            (r / total) * (r / (as_f64(n) - 1.0))
        } else {
            0.0
        }
    }
}

/// networkx `betweenness_centrality(G, k, normalized=True, weight)` with the
/// sources given (`None`: all nodes), including its 3.6 rescaling; and the
/// closeness centralities, estimated with `estimate` when they do not come
/// exact with the same traversals.
fn betweenness_and_closeness(
    g: &Adjacency,
    sources: Option<&[usize]>,
    estimate: Option<BetweennessSampling>,
) -> (Vec<f64>, Vec<f64>) {
    let n = g.n();
    let all: Vec<usize>;
    let list = if let Some(s) = sources {
        s
    } else {
        all = (0..n).collect();
        &all
    };
    let (raw, from_sources) = brandes(&g.out, g.inc(), list);
    // Undirected, every node a source: the distances from v are the
    // distances to v, closeness comes with the same traversals.
    let closeness = if !g.directed && sources.is_none() {
        from_sources
    } else if let Some(sampling) = estimate {
        closeness_estimate(g, sampling)
    } else {
        closeness(g)
    };
    (rescale(raw, n, sources), closeness)
}

/// Closeness estimated from the distances of `samples` sources drawn with
/// `seed` (Eppstein and Wang's estimator, applied per connected component
/// so that the wf_improved scaling of networkx keeps its meaning): for v in
/// a component of r + 1 nodes holding k sources other than v, Σd(v) ≈ r/k ·
/// Σ over those sources of d(s, v). A component holding no other source is
/// computed exactly (such components are the small ones). Undirected and
/// unweighted only, where d(s, v) = d(v, s). Exact closeness costs one
/// traversal per node, which a 20,000-organization page cannot wait for.
fn closeness_estimate(g: &Adjacency, sampling: BetweennessSampling) -> Vec<f64> {
    let n = g.n();
    let csr = &g.undirected;
    let (component, sizes) = component_labels(csr);
    let sources = sample_indices(n, sampling.samples, sampling.seed);
    let mut in_component = vec![0_usize; sizes.len()];
    for &s in &sources {
        in_component[component[s]] += 1;
    }
    // Fixed chunks summed in order: the same result on any number of threads.
    let chunk = sources.len().div_ceil(64);
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(chunk)
        .map(|chunk| {
            let mut ws = Workspace::new(n);
            let mut sum = vec![0.0_f64; n];
            for &s in chunk {
                ws.shortest_paths(csr, s);
                for &u in &ws.order {
                    sum[u as usize] += ws.dist[u as usize];
                }
            }
            sum
        })
        .collect();
    let mut sum = vec![0.0_f64; n];
    for p in &partial {
        for (t, x) in sum.iter_mut().zip(p) {
            *t += x;
        }
    }
    let mut is_source = vec![false; n];
    for &s in &sources {
        is_source[s] = true;
    }
    let mut out = vec![0.0; n];
    let mut exact = Vec::new();
    for v in 0..n {
        let comp = component[v];
        let reached = sizes[comp] - 1;
        let drawn = in_component[comp] - usize::from(is_source[v]);
        if reached == 0 || n < 2 {
            continue;
        }
        if drawn == 0 {
            exact.push(v);
            continue;
        }
        let total = sum[v] * as_f64(reached) / as_f64(drawn);
        if total > 0.0 {
            let r = as_f64(reached);
            out[v] = (r / total) * (r / (as_f64(n) - 1.0));
        }
    }
    let exact_values: Vec<(usize, f64)> = exact
        .par_iter()
        .map_init(
            || Workspace::new(n),
            |ws, &v| {
                ws.shortest_paths(csr, v);
                (v, ws.closeness(n))
            },
        )
        .collect();
    for (v, x) in exact_values {
        out[v] = x;
    }
    out
}

/// Σ over `sources` of the dependencies δ_s(v), in a fixed order: chunks of
/// consecutive sources whose size depends on their number only, each summed
/// in order, then the chunks in order. Also the closeness of each source
/// computed from its distances *from* it (the closeness of an undirected graph).
pub(crate) fn brandes(fwd: &Csr, back: &Csr, sources: &[usize]) -> (Vec<f64>, Vec<f64>) {
    const CHUNKS: usize = 64;
    let n = fwd.node_count();
    if sources.is_empty() {
        return (vec![0.0; n], Vec::new());
    }
    let chunk = sources.len().div_ceil(CHUNKS);
    let partial: Vec<(Vec<f64>, Vec<f64>)> = sources
        .par_chunks(chunk)
        .map(|chunk| {
            let mut ws = Workspace::new(n);
            let mut sum = vec![0.0; n];
            let mut closeness = Vec::with_capacity(chunk.len());
            for &s in chunk {
                ws.shortest_paths(fwd, s);
                closeness.push(ws.closeness(n));
                ws.accumulate(back, &mut sum);
            }
            (sum, closeness)
        })
        .collect();
    let mut total = vec![0.0; n];
    let mut closeness = Vec::with_capacity(sources.len());
    for (p, c) in &partial {
        for (t, x) in total.iter_mut().zip(p) {
            *t += x;
        }
        closeness.extend_from_slice(c);
    }
    (total, closeness)
}

/// networkx 3.6 `_rescale` (normalized, endpoints excluded): N = n − 1; no
/// change when N < 2; exact: × 1/(N(N−1)); sampled with K sources:
/// × 1/((K−1)(N−1)) for a source, × 1/(K(N−1)) for the others. With K = 1
/// networkx gives the source NaN ("no data"); the contract allows no NaN, so
/// it stays 0 (a lone source accumulates nothing onto itself).
fn rescale(mut b: Vec<f64>, n: usize, sources: Option<&[usize]>) -> Vec<f64> {
    if n < 3 {
        return b;
    }
    let big_n = n - 1;
    match sources {
        None => {
            let scale = 1.0 / as_f64(big_n * (big_n - 1));
            for x in &mut b {
                *x *= scale;
            }
        }
        Some(s) => {
            let k = s.len();
            let scale_source = if k > 1 {
                1.0 / as_f64((k - 1) * (big_n - 1))
            } else {
                0.0
            };
            let scale_other = 1.0 / as_f64(k * (big_n - 1));
            let mut is_source = vec![false; n];
            for &v in s {
                is_source[v] = true;
            }
            for (x, &src) in b.iter_mut().zip(&is_source) {
                *x *= if src { scale_source } else { scale_other };
            }
        }
    }
    b
}

/// networkx `closeness_centrality(G, distance=weight, wf_improved=True)`:
/// with r the number of other nodes that reach v and Σd their distances to
/// v, (r/Σd)·(r/(n−1)); 0 when Σd = 0 or n = 1. Distances *to* v: shortest
/// paths from v along the reversed arcs.
fn closeness(g: &Adjacency) -> Vec<f64> {
    let n = g.n();
    let back = g.inc();
    (0..n)
        .into_par_iter()
        .map_init(
            || Workspace::new(n),
            |ws, v| {
                ws.shortest_paths(back, v);
                ws.closeness(n)
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(directed: bool, edges: &[(&str, &str)]) -> Network {
        let mut b = Network::builder(directed, false);
        for (u, v) in edges {
            b.add_edge(u, v, None).unwrap();
        }
        b.build()
    }

    #[test]
    fn path_of_three() {
        let m = metrics(
            &net(false, &[("a", "b"), ("b", "c")]),
            &MetricsOptions::default(),
        )
        .unwrap();
        assert_eq!((m.nodes, m.edges, m.components), (3, 2, 1));
        assert!((m.density - 2.0 / 3.0).abs() < 1e-15);
        let b = &m.centrality[1];
        assert_eq!(b.id, "b");
        assert!((b.betweenness - 1.0).abs() < 1e-15);
        assert!((b.degree - 1.0).abs() < 1e-15);
        assert!((b.closeness - 1.0).abs() < 1e-15);
        assert!((m.centrality[0].closeness - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "exact values")]
    fn one_node_and_no_edges() {
        let mut b = Network::builder(false, false);
        b.add_edge("x", "x", None).unwrap();
        let m = metrics(&b.build(), &MetricsOptions::default()).unwrap();
        assert_eq!(m.centrality[0].degree, 1.0);
        assert_eq!(m.centrality[0].eigenvector, 1.0);
        assert_eq!(m.density, 0.0);
        assert_eq!(m.components, 1);
    }

    #[test]
    fn json_layout_keeps_first_seen_order_and_integers() {
        let m = metrics(
            &net(false, &[("z", "a"), ("a", "m")]),
            &MetricsOptions::default(),
        )
        .unwrap();
        let text = serde_json::to_string(&m).unwrap();
        assert!(
            text.starts_with(r#"{"nodes":3,"edges":2,"density":"#),
            "{text}"
        );
        let z = text.find(r#""z":"#).unwrap();
        let a = text.find(r#""a":"#).unwrap();
        assert!(z < a);
        let v = metrics_json(&m);
        assert_eq!(v["components"], 1);
        assert!(v["centrality"]["a"]["betweenness"].is_f64());
        assert_eq!(v["centrality"].as_object().unwrap().len(), 3);
    }

    fn ring_with_chords(n: usize) -> Network {
        let mut b = Network::builder(false, false);
        for i in 0..n {
            b.add_edge(&format!("n{i}"), &format!("n{}", (i + 1) % n), None)
                .unwrap();
            b.add_edge(&format!("n{i}"), &format!("n{}", (i * 7 + 3) % n), None)
                .unwrap();
        }
        // A second component too small to hold a source, and an isolate.
        b.add_edge("x", "y", None).unwrap();
        b.add_node("alone");
        b.build()
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "betweenness is computed the same way")]
    fn closeness_estimate_is_close_deterministic_and_exact_where_unsampled() {
        let g = ring_with_chords(400);
        let exact = metrics(&g, &MetricsOptions::default()).unwrap();
        let betweenness_sampled = MetricsOptions {
            betweenness_sampling: Some(BetweennessSampling {
                samples: 100,
                seed: 5,
            }),
            ..MetricsOptions::default()
        };
        let plain = metrics(&g, &betweenness_sampled).unwrap();
        let sampled = |seed| MetricsOptions {
            closeness_sampling: Some(BetweennessSampling { samples: 100, seed }),
            ..betweenness_sampled.clone()
        };
        let est = metrics(&g, &sampled(3)).unwrap();
        assert_eq!(est, metrics(&g, &sampled(3)).unwrap());
        for ((e, p), x) in est
            .centrality
            .iter()
            .zip(&plain.centrality)
            .zip(&exact.centrality)
        {
            assert_eq!(e.betweenness, p.betweenness, "betweenness is not touched");
            if ["x", "y", "alone"].contains(&e.id.as_str()) {
                assert!((e.closeness - x.closeness).abs() < 1e-15, "{}", e.id);
            } else {
                let rel = (e.closeness - x.closeness).abs() / x.closeness;
                assert!(rel < 0.1, "{}: {} vs {}", e.id, e.closeness, x.closeness);
            }
        }
        assert_ne!(est, plain, "closeness was estimated");
        // With exact betweenness, exact closeness comes with the same
        // traversals: nothing is estimated.
        let free = MetricsOptions {
            closeness_sampling: Some(BetweennessSampling {
                samples: 100,
                seed: 3,
            }),
            ..MetricsOptions::default()
        };
        assert_eq!(metrics(&g, &free).unwrap(), exact);
        // Directed or weighted networks are never estimated.
        let mut b = Network::builder(true, false);
        b.add_edge("a", "b", None).unwrap();
        b.add_edge("b", "c", None).unwrap();
        b.add_edge("c", "d", None).unwrap();
        let d = b.build();
        let one = Some(BetweennessSampling {
            samples: 2,
            seed: 1,
        });
        let opts = MetricsOptions {
            betweenness_sampling: one,
            closeness_sampling: one,
        };
        let without = MetricsOptions {
            betweenness_sampling: one,
            ..MetricsOptions::default()
        };
        assert_eq!(metrics(&d, &opts).unwrap(), metrics(&d, &without).unwrap());
    }

    #[test]
    fn sampling_validation_and_k_equals_n() {
        let g = net(false, &[("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")]);
        let exact = metrics(&g, &MetricsOptions::default()).unwrap();
        let with = |samples, seed| MetricsOptions {
            betweenness_sampling: Some(BetweennessSampling { samples, seed }),
            ..MetricsOptions::default()
        };
        assert_eq!(metrics(&g, &with(4, 99)).unwrap(), exact);
        assert!(matches!(
            metrics(&g, &with(0, 1)),
            Err(MetricsError::InvalidSamples { .. })
        ));
        assert!(metrics(&g, &with(5, 1)).is_err());
        let a = metrics(&g, &with(2, 5)).unwrap();
        assert_eq!(a, metrics(&g, &with(2, 5)).unwrap());
        let one = metrics(&g, &with(1, 5)).unwrap();
        assert!(one.centrality.iter().all(|c| c.betweenness.is_finite()));
    }

    #[test]
    fn same_results_whatever_the_thread_count() {
        let mut builder = Network::builder(false, true);
        let mut rng = crate::rng::SplitMix64::new(3);
        for _ in 0..3000 {
            let source = rng.below(400).to_string();
            let target = rng.below(400).to_string();
            let weight = 1.0 + as_f64(usize::try_from(rng.below(5)).unwrap()) * 0.1;
            builder.add_edge(&source, &target, Some(weight)).unwrap();
        }
        let g = builder.build();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| metrics(&g, &MetricsOptions::default()).unwrap())
        };
        let one = run(1);
        assert_eq!(one, run(3));
        assert_eq!(one, run(8));
    }

    #[test]
    fn agrees_with_rustworkx_core_unweighted() {
        use rustworkx_core::petgraph::graph::{DiGraph, UnGraph};
        let mut r = crate::rng::SplitMix64::new(11);
        let pairs: Vec<(u32, u32)> = (0..600)
            .map(|_| {
                (
                    u32::try_from(r.below(150)).unwrap(),
                    u32::try_from(r.below(150)).unwrap(),
                )
            })
            .filter(|(u, v)| u != v)
            .collect();
        for directed in [false, true] {
            let mut b = Network::builder(directed, false);
            for i in 0..150 {
                b.add_node(&i.to_string());
            }
            for &(u, v) in &pairs {
                b.add_edge(&u.to_string(), &v.to_string(), None).unwrap();
            }
            let ours = metrics(&b.build(), &MetricsOptions::default()).unwrap();
            let (bet, clo) = if directed {
                let mut g = DiGraph::<(), ()>::new();
                for _ in 0..150 {
                    g.add_node(());
                }
                let mut seen = std::collections::HashSet::new();
                for &(u, v) in &pairs {
                    if seen.insert((u, v)) {
                        g.add_edge(u.into(), v.into(), ());
                    }
                }
                (
                    rustworkx_core::centrality::betweenness_centrality(&g, false, true, 1000),
                    rustworkx_core::centrality::closeness_centrality(&g, true, 1000),
                )
            } else {
                let mut g = UnGraph::<(), ()>::new_undirected();
                for _ in 0..150 {
                    g.add_node(());
                }
                let mut seen = std::collections::HashSet::new();
                for &(u, v) in &pairs {
                    if seen.insert((u.min(v), u.max(v))) {
                        g.add_edge(u.into(), v.into(), ());
                    }
                }
                (
                    rustworkx_core::centrality::betweenness_centrality(&g, false, true, 1000),
                    rustworkx_core::centrality::closeness_centrality(&g, true, 1000),
                )
            };
            for (i, c) in ours.centrality.iter().enumerate() {
                assert!(
                    (c.betweenness - bet[i].unwrap()).abs() < 1e-12,
                    "{directed} {i}"
                );
                assert!(
                    (c.closeness - clo[i].unwrap()).abs() < 1e-12,
                    "{directed} {i}"
                );
            }
        }
    }
}
