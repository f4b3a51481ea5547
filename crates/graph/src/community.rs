//! Communities: Louvain (seeded, deterministic) and networkx's `modularity`.
//!
//! In maillage a weight is a distance (the length of a link), not a
//! strength, so both functions count every link as 1. Louvain works on the
//! undirected view; `modularity` follows the graph's direction, as networkx
//! does.

use crate::metrics::{Adjacency, as_f64};
use crate::network::Network;
use crate::rng::SplitMix64;

/// networkx `modularity(G, communities, weight=None, resolution)`:
/// undirected Σ_c L_c/m − γ (Σ_{u∈c} k_u)² / (2m)²; directed
/// Σ_c L_c/m − γ (Σ k_out)(Σ k_in) / m². `community[v]` is v's label (any
/// numbering). A network without edges has modularity 0 (networkx divides by zero).
pub fn modularity(net: &Network, community: &[usize], resolution: f64) -> f64 {
    assert_eq!(community.len(), net.node_count(), "one label per node");
    let m = net.edge_count();
    if m == 0 {
        return 0.0;
    }
    let labels = community.iter().copied().max().map_or(0, |l| l + 1);
    let mut inside = vec![0_usize; labels];
    let mut out_deg = vec![0_usize; labels];
    let mut in_deg = vec![0_usize; labels];
    for (u, v, _) in net.edges() {
        let (cu, cv) = (community[u], community[v]);
        if cu == cv {
            inside[cu] += 1;
        }
        out_deg[cu] += 1;
        in_deg[cv] += 1;
    }
    let (m_f, norm) = if net.is_directed() {
        (as_f64(m), 1.0 / (as_f64(m) * as_f64(m)))
    } else {
        // Undirected degrees: every edge counts at both ends.
        for (o, i) in out_deg.iter_mut().zip(&mut in_deg) {
            *o += *i;
            *i = *o;
        }
        (as_f64(m), 1.0 / (as_f64(2 * m) * as_f64(2 * m)))
    };
    (0..labels)
        .filter(|&c| out_deg[c] > 0 || inside[c] > 0)
        .map(|c| {
            as_f64(inside[c]) / m_f - resolution * as_f64(out_deg[c]) * as_f64(in_deg[c]) * norm
        })
        .sum()
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LouvainOptions {
    /// The seed of the order in which nodes are visited.
    pub seed: u64,
    /// γ of the modularity (1: the classic definition).
    pub resolution: f64,
    /// A level stops when the modularity gains less than this (networkx: 1e-7).
    pub threshold: f64,
}

impl Default for LouvainOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            resolution: 1.0,
            threshold: 1e-7,
        }
    }
}

/// A weighted undirected graph of one Louvain level; `loops[v]` is the
/// weight inside the aggregated node v (each internal edge counted twice).
struct Level {
    adj: Vec<Vec<(usize, f64)>>,
    loops: Vec<f64>,
}

impl Level {
    fn degree(&self, v: usize) -> f64 {
        self.adj[v].iter().map(|&(_, w)| w).sum::<f64>() + self.loops[v]
    }
}

/// Louvain communities (Blondel et al. 2008) of the undirected unweighted
/// view: nodes visited in a seeded shuffled order (SplitMix64 Fisher–Yates,
/// see [`crate::rng`]), each moved to the neighbouring community of largest
/// positive modularity gain (ties: the first met), levels aggregated until
/// the gain falls below `threshold`. Returns one label per node, numbered
/// by first-seen node (node 0 is in community 0). Same seed, same network →
/// same labels.
pub fn louvain(net: &Network, opts: &LouvainOptions) -> Vec<usize> {
    let n = net.node_count();
    let g = Adjacency::new(net);
    let mut level = Level {
        adj: (0..n)
            .map(|v| {
                g.undirected
                    .neighbors(v)
                    .iter()
                    .map(|&u| (u as usize, 1.0))
                    .collect()
            })
            .collect(),
        loops: vec![0.0; n],
    };
    let two_m: f64 = (0..n).map(|v| level.degree(v)).sum();
    // node of the original network → node of the current level
    let mut membership: Vec<usize> = (0..n).collect();
    if two_m == 0.0 {
        return membership;
    }
    let mut rng = SplitMix64::new(opts.seed);
    let mut current_q = level_modularity(&level, &(0..n).collect::<Vec<_>>(), two_m, opts);
    loop {
        let (community, moved) = one_level(&level, two_m, opts, &mut rng);
        if !moved {
            break;
        }
        let q = level_modularity(&level, &community, two_m, opts);
        let (relabel, count) = relabel(&community);
        for m in &mut membership {
            *m = relabel[community[*m]];
        }
        level = aggregate(&level, &community, &relabel, count);
        if q - current_q <= opts.threshold {
            break;
        }
        current_q = q;
    }
    let (relabel_final, _) = relabel(&membership);
    membership.iter().map(|&c| relabel_final[c]).collect()
}

/// Labels renumbered 0.. in order of first appearance; and how many.
fn relabel(labels: &[usize]) -> (Vec<usize>, usize) {
    let max = labels.iter().copied().max().map_or(0, |m| m + 1);
    let mut map = vec![usize::MAX; max];
    let mut next = 0;
    for &l in labels {
        if map[l] == usize::MAX {
            map[l] = next;
            next += 1;
        }
    }
    (map, next)
}

fn level_modularity(level: &Level, community: &[usize], two_m: f64, opts: &LouvainOptions) -> f64 {
    let k = community.len();
    let mut inside = vec![0.0; k];
    let mut tot = vec![0.0; k];
    for v in 0..level.adj.len() {
        let c = community[v];
        inside[c] += level.loops[v];
        tot[c] += level.degree(v);
        for &(u, w) in &level.adj[v] {
            if community[u] == c {
                inside[c] += w;
            }
        }
    }
    (0..k)
        .map(|c| inside[c] / two_m - opts.resolution * (tot[c] / two_m) * (tot[c] / two_m))
        .sum()
}

/// Local moving until no node moves; the community of each node and
/// whether any moved at all.
fn one_level(
    level: &Level,
    two_m: f64,
    opts: &LouvainOptions,
    rng: &mut SplitMix64,
) -> (Vec<usize>, bool) {
    let n = level.adj.len();
    let mut community: Vec<usize> = (0..n).collect();
    let degree: Vec<f64> = (0..n).map(|v| level.degree(v)).collect();
    let mut tot = degree.clone();
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = usize::try_from(rng.below(i as u64 + 1)).expect("below n");
        order.swap(i, j);
    }
    let mut weight_to = vec![0.0; n];
    let mut is_touched = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut any_move = false;
    loop {
        let mut moved = 0;
        for &v in &order {
            let own = community[v];
            touched.clear();
            for &(u, w) in &level.adj[v] {
                let c = community[u];
                if !is_touched[c] {
                    is_touched[c] = true;
                    touched.push(c);
                }
                weight_to[c] += w;
            }
            let k = degree[v];
            tot[own] -= k;
            // Gain of joining c, up to a constant: w_c − γ·tot_c·k / 2m.
            let gain = |c: usize, w: f64| w - opts.resolution * tot[c] * k / two_m;
            let mut best = own;
            let mut best_gain = gain(own, weight_to[own]);
            for &c in &touched {
                let g = gain(c, weight_to[c]);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            tot[best] += k;
            for &c in &touched {
                weight_to[c] = 0.0;
                is_touched[c] = false;
            }
            weight_to[own] = 0.0;
            if best != own {
                community[v] = best;
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
        any_move = true;
    }
    (community, any_move)
}

fn aggregate(level: &Level, community: &[usize], relabel: &[usize], count: usize) -> Level {
    let mut loops = vec![0.0; count];
    let mut maps = vec![std::collections::BTreeMap::<usize, f64>::new(); count];
    for v in 0..level.adj.len() {
        let cv = relabel[community[v]];
        loops[cv] += level.loops[v];
        for &(u, w) in &level.adj[v] {
            let cu = relabel[community[u]];
            if cu == cv {
                loops[cv] += w;
            } else {
                *maps[cv].entry(cu).or_insert(0.0) += w;
            }
        }
    }
    Level {
        adj: maps.into_iter().map(|m| m.into_iter().collect()).collect(),
        loops,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(edges: &[(&str, &str)]) -> Network {
        let mut b = Network::builder(false, false);
        for (u, v) in edges {
            b.add_edge(u, v, None).unwrap();
        }
        b.build()
    }

    #[test]
    fn two_triangles_and_a_bridge() {
        let g = net(&[
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("c", "d"),
            ("d", "e"),
            ("e", "f"),
            ("f", "d"),
        ]);
        let c = louvain(&g, &LouvainOptions::default());
        assert_eq!(c, [0, 0, 0, 1, 1, 1]);
        // 2 × (3/7 − (7/14)²) = 5/14
        assert!((modularity(&g, &c, 1.0) - 5.0 / 14.0).abs() < 1e-15);
        assert!(modularity(&g, &[0; 6], 1.0).abs() < 1e-15);
    }

    #[test]
    fn deterministic_for_a_seed() {
        let mut b = Network::builder(false, false);
        let mut r = SplitMix64::new(5);
        for _ in 0..2000 {
            let (x, y) = (r.below(300), r.below(300));
            b.add_edge(&x.to_string(), &y.to_string(), None).unwrap();
        }
        let g = b.build();
        let opts = LouvainOptions {
            seed: 9,
            ..LouvainOptions::default()
        };
        let a = louvain(&g, &opts);
        assert_eq!(a, louvain(&g, &opts));
        assert_eq!(a[0], 0);
        assert!(modularity(&g, &a, 1.0) > 0.2);
    }

    #[test]
    fn no_edges() {
        let mut b = Network::builder(false, false);
        b.add_edge("x", "x", None).unwrap();
        b.add_edge("y", "y", None).unwrap();
        let g = b.build();
        assert_eq!(louvain(&g, &LouvainOptions::default()), [0, 1]);
        assert!(modularity(&g, &[0, 1], 1.0).abs() < f64::EPSILON);
    }
}
