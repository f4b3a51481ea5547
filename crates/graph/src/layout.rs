//! A deterministic force-directed layout for the network views.
//!
//! Fruchterman & Reingold (1991): ideal distance k = √(1/n); every pair of
//! nodes repels (k²/d), linked nodes attract (d²/k); each move is capped by
//! a temperature that falls linearly from 0.1 to 0 over a fixed number of
//! iterations (50 by default, as networkx's `spring_layout`). The repulsion
//! is approximated à la Barnes & Hut (1986): a quadtree of the positions,
//! a far cell (side / distance < θ = 0.8) acting as one body at its centre
//! of mass — O(n log n + m) per iteration, so 20,000 organizations stay
//! interactive. Start positions are drawn with [`crate::rng::SplitMix64`];
//! forces are summed in a fixed order, so the same network and seed give
//! the same coordinates whatever the number of threads. Weights and
//! directions are ignored.

use rayon::prelude::*;

use crate::metrics::{Adjacency, as_f64};
use crate::network::Network;
use crate::rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    pub seed: u64,
    pub iterations: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            iterations: 50,
        }
    }
}

/// Coordinates of each node (first-seen order) in [0, 1]², the drawing
/// scaled uniformly and centred.
pub fn force_layout(net: &Network, opts: &LayoutOptions) -> Vec<(f64, f64)> {
    let n = net.node_count();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    let adj = Adjacency::new(net);
    let edges: Vec<(usize, usize)> = (0..n)
        .flat_map(|v| {
            adj.undirected
                .neighbors(v)
                .iter()
                .map(move |&u| (v, u as usize))
                .filter(|&(v, u)| v < u)
        })
        .collect();
    let mut rng = SplitMix64::new(opts.seed);
    let mut unit = || as_f64_u53(rng.next_u64() >> 11) / as_f64_u53(1 << 53);
    let mut pos: Vec<(f64, f64)> = (0..n).map(|_| (unit(), unit())).collect();
    let k = (1.0 / as_f64(n)).sqrt();
    let t0 = 0.1;
    for it in 0..opts.iterations {
        let temperature = t0 * (1.0 - as_f64(it) / as_f64(opts.iterations));
        let tree = QuadTree::new(&pos);
        let mut moves: Vec<(f64, f64)> = (0..n)
            .into_par_iter()
            .map(|v| tree.repulsion(&pos, v, k))
            .collect();
        for &(u, v) in &edges {
            let (dx, dy) = (pos[u].0 - pos[v].0, pos[u].1 - pos[v].1);
            let dist = dx.hypot(dy).max(1e-3 * k);
            let pull = dist / k; // (d²/k) / d
            moves[u].0 -= dx * pull;
            moves[u].1 -= dy * pull;
            moves[v].0 += dx * pull;
            moves[v].1 += dy * pull;
        }
        for (p, d) in pos.iter_mut().zip(&moves) {
            let len = d.0.hypot(d.1);
            if len > 0.0 {
                let step = len.min(temperature) / len;
                p.0 += d.0 * step;
                p.1 += d.1 * step;
            }
        }
    }
    normalize(&mut pos);
    pos
}

/// A layout that keeps communities apart: each community (`community[v]`,
/// any labels) is laid out alone with [`force_layout`], in a square whose
/// side grows as the square root of its size, and the squares are packed
/// in rows, largest first, with a gap between them — so that two
/// communities never overlap, whatever links join them. Returns
/// coordinates in [0, 1]², the drawing scaled uniformly and centred; the
/// same network, labels and seed give the same coordinates.
pub fn community_layout(
    net: &Network,
    community: &[usize],
    opts: &LayoutOptions,
) -> Vec<(f64, f64)> {
    let n = net.node_count();
    assert_eq!(community.len(), n, "one label per node");
    if n <= 1 {
        return force_layout(net, opts);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (v, &c) in community.iter().enumerate() {
        groups.entry(c).or_default().push(v);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    // Largest first; among equals, the one with the first node first.
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let sides: Vec<f64> = groups.iter().map(|g| as_f64(g.len()).sqrt()).collect();
    let area: f64 = sides.iter().map(|s| s * s).sum();
    let gap = 1.0;
    let width = (area.sqrt() * 1.3).max(sides[0]);
    let ids = net.ids();
    // The links inside each community, bucketed once (a territory has
    // thousands of communities and a hundred thousand links).
    let mut group_of = vec![0_usize; n];
    for (i, g) in groups.iter().enumerate() {
        for &v in g {
            group_of[v] = i;
        }
    }
    let mut inside: Vec<Vec<(usize, usize)>> = vec![Vec::new(); groups.len()];
    for (u, v, _) in net.edges() {
        if group_of[u] == group_of[v] {
            inside[group_of[u]].push((u, v));
        }
    }
    let mut pos = vec![(0.0, 0.0); n];
    let (mut x, mut y, mut row) = (0.0_f64, 0.0_f64, 0.0_f64);
    for ((g, &side), links) in groups.iter().zip(&sides).zip(&inside) {
        if x > 0.0 && x + side > width {
            x = 0.0;
            y += row + gap;
            row = 0.0;
        }
        let inner = {
            let mut b = Network::builder(false, false);
            for &v in g {
                b.add_node(&ids[v]);
            }
            for &(u, v) in links {
                let _ = b.add_edge(&ids[u], &ids[v], None);
            }
            force_layout(&b.build(), opts)
        };
        for (k, &v) in g.iter().enumerate() {
            let (px, py) = inner[k];
            pos[v] = (x + px * side, y + py * side);
        }
        x += side + gap;
        row = row.max(side);
    }
    normalize(&mut pos);
    pos
}

#[expect(clippy::cast_precision_loss, reason = "at most 53 significant bits")]
fn as_f64_u53(x: u64) -> f64 {
    x as f64
}

/// Barnes–Hut opening criterion: a cell of side s at distance d acts as one
/// body when s / d < THETA.
const THETA: f64 = 0.8;
/// A cell with at most this many bodies is a leaf (its bodies act one by one).
const LEAF: usize = 8;

/// A quadtree over the positions; every cell covers a contiguous range of
/// `order` (node indices permuted by a stable partition).
struct QuadTree {
    order: Vec<u32>,
    cells: Vec<Cell>,
}

struct Cell {
    lo: usize,
    hi: usize,
    side: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    /// Index of the first child in `cells`, the children being `first..first + count`.
    first: usize,
    count: usize,
}

impl QuadTree {
    fn new(pos: &[(f64, f64)]) -> QuadTree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let side = (x1 - x0).max(y1 - y0).max(f64::MIN_POSITIVE);
        let mut tree = QuadTree {
            order: (0..pos.len())
                .map(|v| u32::try_from(v).expect("fewer than 2³² nodes"))
                .collect(),
            cells: Vec::new(),
        };
        tree.cells.push(Cell {
            lo: 0,
            hi: pos.len(),
            side,
            mass: 0.0,
            cx: 0.0,
            cy: 0.0,
            first: 0,
            count: 0,
        });
        // Breadth-first splitting; (cell, x0, y0) still to split.
        let mut queue = std::collections::VecDeque::from([(0_usize, x0, y0, 0_u32)]);
        let mut scratch: Vec<u32> = Vec::new();
        while let Some((c, x0, y0, depth)) = queue.pop_front() {
            let (lo, hi, side) = (tree.cells[c].lo, tree.cells[c].hi, tree.cells[c].side);
            let (mut mass, mut sx, mut sy) = (0.0, 0.0, 0.0);
            for &v in &tree.order[lo..hi] {
                mass += 1.0;
                sx += pos[v as usize].0;
                sy += pos[v as usize].1;
            }
            tree.cells[c].mass = mass;
            tree.cells[c].cx = sx / mass;
            tree.cells[c].cy = sy / mass;
            // Deep enough: coincident nodes stay together in a leaf.
            if hi - lo <= LEAF || depth >= 48 {
                continue;
            }
            let half = side / 2.0;
            let (mx, my) = (x0 + half, y0 + half);
            let quadrant = |v: u32| {
                let (x, y) = pos[v as usize];
                usize::from(x >= mx) + 2 * usize::from(y >= my)
            };
            scratch.clear();
            let mut bounds = [lo; 5];
            for q in 0..4 {
                for &v in &tree.order[lo..hi] {
                    if quadrant(v) == q {
                        scratch.push(v);
                    }
                }
                bounds[q + 1] = lo + scratch.len();
            }
            tree.order[lo..hi].copy_from_slice(&scratch);
            let first = tree.cells.len();
            let mut count = 0;
            for q in 0..4 {
                if bounds[q] == bounds[q + 1] {
                    continue;
                }
                let qx = if q & 1 == 1 { mx } else { x0 };
                let qy = if q & 2 == 2 { my } else { y0 };
                queue.push_back((tree.cells.len(), qx, qy, depth + 1));
                tree.cells.push(Cell {
                    lo: bounds[q],
                    hi: bounds[q + 1],
                    side: half,
                    mass: 0.0,
                    cx: 0.0,
                    cy: 0.0,
                    first: 0,
                    count: 0,
                });
                count += 1;
            }
            tree.cells[c].first = first;
            tree.cells[c].count = count;
        }
        tree
    }

    /// Σ of the repulsions k²/d on v.
    fn repulsion(&self, pos: &[(f64, f64)], v: usize, k: f64) -> (f64, f64) {
        let (px, py) = pos[v];
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut push = |dx: f64, dy: f64, mass: f64, u: usize| {
            let (mut dx, mut dy) = (dx, dy);
            let mut d2 = dx * dx + dy * dy;
            let min = 1e-3 * k;
            if d2 < min * min {
                // Same place: apart along a fixed direction.
                dx = if v > u { min } else { -min };
                dy = 0.0;
                d2 = min * min;
            }
            let f = mass * k * k / d2; // (k²/d) / d
            fx += dx * f;
            fy += dy * f;
        };
        let mut stack = vec![0_usize];
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.count == 0 {
                for &u in &self.order[cell.lo..cell.hi] {
                    let u = u as usize;
                    if u != v {
                        push(px - pos[u].0, py - pos[u].1, 1.0, u);
                    }
                }
                continue;
            }
            let (dx, dy) = (px - cell.cx, py - cell.cy);
            let d2 = dx * dx + dy * dy;
            let inside = px >= cell.cx - cell.side
                && px <= cell.cx + cell.side
                && py >= cell.cy - cell.side
                && py <= cell.cy + cell.side;
            if !inside && cell.side * cell.side < THETA * THETA * d2 {
                push(dx, dy, cell.mass, usize::MAX);
            } else {
                // Children in reverse, so they are visited in order.
                stack.extend((cell.first..cell.first + cell.count).rev());
            }
        }
        (fx, fy)
    }
}

fn normalize(pos: &mut [(f64, f64)]) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in pos.iter() {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let scale = (x1 - x0).max(y1 - y0);
    for p in pos.iter_mut() {
        if scale > 0.0 {
            p.0 = ((p.0 - x0) / scale + (1.0 - (x1 - x0) / scale) / 2.0).clamp(0.0, 1.0);
            p.1 = ((p.1 - y0) / scale + (1.0 - (y1 - y0) / scale) / 2.0).clamp(0.0, 1.0);
        } else {
            *p = (0.5, 0.5);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_net(nodes: u64, links: usize, seed: u64) -> Network {
        let mut rng = SplitMix64::new(seed);
        let mut builder = Network::builder(false, false);
        for i in 0..nodes {
            builder.add_node(&i.to_string());
        }
        for _ in 0..links {
            let (u, v) = (rng.below(nodes), rng.below(nodes));
            builder
                .add_edge(&u.to_string(), &v.to_string(), None)
                .unwrap();
        }
        builder.build()
    }

    #[test]
    fn deterministic_and_in_the_unit_square() {
        let net = random_net(300, 900, 1);
        let opts = LayoutOptions {
            seed: 4,
            ..LayoutOptions::default()
        };
        let a = force_layout(&net, &opts);
        assert_eq!(a.len(), 300);
        assert!(
            a.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| force_layout(&net, &opts));
        assert_eq!(a, one_thread);
        assert_ne!(a, force_layout(&net, &LayoutOptions::default()));
    }

    #[test]
    fn linked_nodes_end_up_closer() {
        // Two dense clusters joined by one link.
        let mut builder = Network::builder(false, false);
        for c in 0..2 {
            for i in 0..20 {
                for j in (i + 1)..20 {
                    builder
                        .add_edge(&format!("{c}-{i}"), &format!("{c}-{j}"), None)
                        .unwrap();
                }
            }
        }
        builder.add_edge("0-0", "1-0", None).unwrap();
        let net = builder.build();
        let p = force_layout(&net, &LayoutOptions::default());
        let d = |a: usize, b: usize| (p[a].0 - p[b].0).hypot(p[a].1 - p[b].1);
        let mut within = 0.0;
        let mut across = 0.0;
        for i in 1..20 {
            within += d(i, i + 1) + d(20 + i, 20 + ((i + 1) % 20));
            across += d(i, 20 + i) * 2.0;
        }
        assert!(within * 2.0 < across, "within {within} across {across}");
    }

    #[test]
    fn communities_are_laid_out_in_boxes_that_do_not_overlap() {
        // Three cliques joined in a chain: each its own community.
        let mut builder = Network::builder(false, false);
        let sizes = [12, 8, 5];
        let mut community = Vec::new();
        for (c, &size) in sizes.iter().enumerate() {
            for i in 0..size {
                builder.add_node(&format!("{c}-{i}"));
                community.push(c);
            }
        }
        for (c, &size) in sizes.iter().enumerate() {
            for i in 0..size {
                for j in (i + 1)..size {
                    builder
                        .add_edge(&format!("{c}-{i}"), &format!("{c}-{j}"), None)
                        .unwrap();
                }
            }
        }
        builder.add_edge("0-0", "1-0", None).unwrap();
        builder.add_edge("1-1", "2-0", None).unwrap();
        let net = builder.build();
        let opts = LayoutOptions {
            seed: 3,
            ..LayoutOptions::default()
        };
        let p = community_layout(&net, &community, &opts);
        assert_eq!(
            p,
            community_layout(&net, &community, &opts),
            "deterministic"
        );
        assert!(
            p.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
        // The bounding boxes of the communities are disjoint.
        let bbox = |c: usize| {
            let pts: Vec<(f64, f64)> = (0..p.len())
                .filter(|&v| community[v] == c)
                .map(|v| p[v])
                .collect();
            let x0 = pts.iter().map(|q| q.0).fold(f64::MAX, f64::min);
            let x1 = pts.iter().map(|q| q.0).fold(f64::MIN, f64::max);
            let y0 = pts.iter().map(|q| q.1).fold(f64::MAX, f64::min);
            let y1 = pts.iter().map(|q| q.1).fold(f64::MIN, f64::max);
            (x0, y0, x1, y1)
        };
        for a in 0..3 {
            for b in (a + 1)..3 {
                let (p0, p1) = (bbox(a), bbox(b));
                let apart = p0.2 < p1.0 || p1.2 < p0.0 || p0.3 < p1.1 || p1.3 < p0.1;
                assert!(apart, "communities {a} and {b} overlap: {p0:?} {p1:?}");
            }
        }
    }

    #[test]
    fn small_cases_and_scale() {
        let mut builder = Network::builder(false, false);
        builder.add_edge("x", "x", None).unwrap();
        assert_eq!(
            force_layout(&builder.build(), &LayoutOptions::default()),
            [(0.5, 0.5)]
        );
        let net = random_net(5000, 15000, 2);
        let p = force_layout(
            &net,
            &LayoutOptions {
                seed: 1,
                iterations: 10,
            },
        );
        assert!(
            p.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
    }
}
