//! Intersectoral measures: given each organization's sector, how much the
//! links cross sectors, and who holds the sectors together.
//!
//! All of them look at the undirected unweighted view of the network (a link
//! crosses sectors whatever its direction); nodes without a sector are
//! ignored by the sector counts but still carry paths.

use std::collections::HashMap;

use crate::metrics::{Adjacency, Csr};
use crate::network::Network;

/// The sector of each node, interned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sectors {
    /// Sector names, in the order of the first node that has them.
    pub names: Vec<String>,
    /// `of_node[v]`: index into `names`, `None` when v's sector is unknown.
    pub of_node: Vec<Option<usize>>,
}

impl Sectors {
    /// From a map id → sector name; ids missing from the map have no sector.
    pub fn from_map(net: &Network, sector_of: &HashMap<String, String>) -> Sectors {
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let of_node = net
            .ids()
            .iter()
            .map(|id| {
                let name = sector_of.get(id)?;
                Some(*index.entry(name.as_str()).or_insert_with(|| {
                    names.push(name.clone());
                    names.len() - 1
                }))
            })
            .collect();
        Sectors { names, of_node }
    }
}

/// Links between two nodes that both have a sector: `external` across
/// sectors, `internal` within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TieCounts {
    pub internal: usize,
    pub external: usize,
}

impl TieCounts {
    /// The share of links that cross sectors; `None` without any link.
    pub fn cross_sector_share(self) -> Option<f64> {
        let total = self.internal + self.external;
        (total > 0).then(|| crate::metrics::as_f64(self.external) / crate::metrics::as_f64(total))
    }

    /// Krackhardt & Stern's E-I index, (E − I)/(E + I), in [−1, 1]:
    /// −1 all links inside sectors, +1 all across; `None` without any link.
    pub fn ei_index(self) -> Option<f64> {
        let total = self.internal + self.external;
        (total > 0).then(|| {
            (crate::metrics::as_f64(self.external) - crate::metrics::as_f64(self.internal))
                / crate::metrics::as_f64(total)
        })
    }
}

/// Internal and external links of the whole network (undirected view: a
/// pair linked both ways counts once).
pub fn tie_counts(net: &Network, sectors: &Sectors) -> TieCounts {
    let g = Adjacency::new(net);
    let mut t = TieCounts::default();
    for v in 0..net.node_count() {
        for &u in g.undirected.neighbors(v) {
            let u = u as usize;
            if u > v {
                add_tie(&mut t, sectors.of_node[v], sectors.of_node[u]);
            }
        }
    }
    t
}

/// Internal and external links of each node (its E-I index: `.ei_index()`).
pub fn node_tie_counts(net: &Network, sectors: &Sectors) -> Vec<TieCounts> {
    let g = Adjacency::new(net);
    (0..net.node_count())
        .map(|v| {
            let mut t = TieCounts::default();
            for &u in g.undirected.neighbors(v) {
                add_tie(&mut t, sectors.of_node[v], sectors.of_node[u as usize]);
            }
            t
        })
        .collect()
}

/// Per sector: links among its members (internal) and from its members to
/// other sectors (external) — the group E-I index of each sector.
pub fn sector_tie_counts(net: &Network, sectors: &Sectors) -> Vec<TieCounts> {
    let mut out = vec![TieCounts::default(); sectors.names.len()];
    let g = Adjacency::new(net);
    for v in 0..net.node_count() {
        for &u in g.undirected.neighbors(v) {
            let u = u as usize;
            if u <= v {
                continue;
            }
            if let (Some(a), Some(b)) = (sectors.of_node[v], sectors.of_node[u]) {
                if a == b {
                    out[a].internal += 1;
                } else {
                    out[a].external += 1;
                    out[b].external += 1;
                }
            }
        }
    }
    out
}

fn add_tie(t: &mut TieCounts, a: Option<usize>, b: Option<usize>) {
    if let (Some(a), Some(b)) = (a, b) {
        if a == b {
            t.internal += 1;
        } else {
            t.external += 1;
        }
    }
}

/// Nodes without any link, in first-seen order.
pub fn isolates(net: &Network) -> Vec<usize> {
    let g = Adjacency::new(net);
    (0..net.node_count())
        .filter(|&v| g.undirected.degree(v) == 0)
        .collect()
}

/// For each node, how many distinct unordered pairs of sectors it links:
/// with S the sectors of the node and of its neighbours, |S|·(|S|−1)/2.
pub fn sector_pairs_linked(net: &Network, sectors: &Sectors) -> Vec<usize> {
    let g = Adjacency::new(net);
    let mut seen = vec![usize::MAX; sectors.names.len()];
    (0..net.node_count())
        .map(|v| {
            let mut distinct = 0_usize;
            for s in std::iter::once(sectors.of_node[v])
                .chain(
                    g.undirected
                        .neighbors(v)
                        .iter()
                        .map(|&u| sectors.of_node[u as usize]),
                )
                .flatten()
            {
                if seen[s] != v {
                    seen[s] = v;
                    distinct += 1;
                }
            }
            distinct * distinct.saturating_sub(1) / 2
        })
        .collect()
}

/// The nodes that link the most distinct sector pairs, best first (ties:
/// first seen), at most `limit`, leaving out nodes that link none.
pub fn top_sector_pair_linkers(
    net: &Network,
    sectors: &Sectors,
    limit: usize,
) -> Vec<(usize, usize)> {
    let mut ranked: Vec<(usize, usize)> = sector_pairs_linked(net, sectors)
        .into_iter()
        .enumerate()
        .filter(|&(_, pairs)| pairs > 0)
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    ranked
}

/// Brokers: nodes whose removal splits their component into pieces of which
/// two hold organizations of different sectors — some organizations of
/// different sectors are then no longer connected at all. (Articulation
/// points, Hopcroft–Tarjan, restricted to those that separate sectors.)
/// In first-seen order.
pub fn sector_brokers(net: &Network, sectors: &Sectors) -> Vec<usize> {
    let g = Adjacency::new(net);
    brokers_of(&g.undirected, sectors)
}

/// What a piece of the network holds: no sector, one (which), or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    None,
    One(usize),
    Several,
}

fn held(counts: &[u32]) -> Held {
    let mut found = Held::None;
    for (s, &c) in counts.iter().enumerate() {
        if c > 0 {
            found = match found {
                Held::None => Held::One(s),
                _ => return Held::Several,
            };
        }
    }
    found
}

fn brokers_of(g: &Csr, sectors: &Sectors) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = g.node_count();
    let k = sectors.names.len();
    if k < 2 {
        return Vec::new();
    }
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut parent = vec![UNSEEN; n];
    // Sector counts of each DFS subtree, n × k.
    let mut counts = vec![0_u32; n * k];
    let mut is_broker = vec![false; n];
    let mut time = 0;
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut postorder: Vec<usize> = Vec::with_capacity(n);
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        postorder.clear();
        disc[root] = time;
        low[root] = time;
        time += 1;
        stack.push((root, 0));
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            let nbrs = g.neighbors(v);
            if *next < nbrs.len() {
                let w = nbrs[*next] as usize;
                *next += 1;
                if disc[w] == UNSEEN {
                    parent[w] = v;
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    stack.push((w, 0));
                } else if w != parent[v] {
                    low[v] = low[v].min(disc[w]);
                }
            } else {
                stack.pop();
                if let Some(s) = sectors.of_node[v] {
                    counts[v * k + s] += 1;
                }
                let p = parent[v];
                if p != UNSEEN {
                    low[p] = low[p].min(low[v]);
                    for s in 0..k {
                        counts[p * k + s] += counts[v * k + s];
                    }
                }
                postorder.push(v);
            }
        }
        // The component's sectors are the root's subtree.
        let component: Vec<u32> = counts[root * k..(root + 1) * k].to_vec();
        for &v in &postorder {
            let mut pieces: Vec<Held> = Vec::new();
            let mut rest = component.clone();
            if let Some(s) = sectors.of_node[v] {
                rest[s] -= 1;
            }
            for &c in g.neighbors(v) {
                let c = c as usize;
                if parent[c] == v && (v == root || low[c] >= disc[v]) {
                    let sub = &counts[c * k..(c + 1) * k];
                    for s in 0..k {
                        rest[s] -= sub[s];
                    }
                    pieces.push(held(sub));
                }
            }
            if v == root && pieces.len() < 2 {
                continue;
            }
            if v != root {
                pieces.push(held(&rest));
            } else if pieces.is_empty() {
                continue;
            }
            let mut one: Option<usize> = None;
            let mut nonempty = 0;
            let mut broker = false;
            for p in pieces {
                match p {
                    Held::None => {}
                    Held::Several => {
                        nonempty += 1;
                        broker |= nonempty >= 2;
                    }
                    Held::One(s) => {
                        nonempty += 1;
                        if nonempty >= 2 && one.is_none_or(|o| o != s) {
                            broker = true;
                        }
                        one.get_or_insert(s);
                    }
                }
            }
            is_broker[v] = broker;
        }
    }
    (0..n).filter(|&v| is_broker[v]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(edges: &[(&str, &str)], sector: &[(&str, &str)]) -> (Network, Sectors) {
        let mut b = Network::builder(false, false);
        for (u, v) in edges {
            b.add_edge(u, v, None).unwrap();
        }
        let net = b.build();
        let map = sector
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        let s = Sectors::from_map(&net, &map);
        (net, s)
    }

    #[test]
    fn ties_share_and_ei() {
        let (net, s) = setup(
            &[("a", "b"), ("b", "c"), ("c", "d"), ("d", "x")],
            &[
                ("a", "santé"),
                ("b", "santé"),
                ("c", "éducation"),
                ("d", "éducation"),
            ],
        );
        assert_eq!(s.names, ["santé", "éducation"]);
        let t = tie_counts(&net, &s);
        assert_eq!(
            t,
            TieCounts {
                internal: 2,
                external: 1
            }
        );
        assert!((t.cross_sector_share().unwrap() - 1.0 / 3.0).abs() < 1e-15);
        assert!((t.ei_index().unwrap() + 1.0 / 3.0).abs() < 1e-15);
        let per_node = node_tie_counts(&net, &s);
        assert_eq!(
            per_node[1],
            TieCounts {
                internal: 1,
                external: 1
            }
        );
        assert_eq!(per_node[4], TieCounts::default());
        assert_eq!(per_node[4].ei_index(), None);
        let per_sector = sector_tie_counts(&net, &s);
        assert_eq!(
            per_sector[0],
            TieCounts {
                internal: 1,
                external: 1
            }
        );
    }

    #[test]
    fn isolates_and_pairs() {
        let mut b = Network::builder(true, false);
        b.add_edge("a", "b", None).unwrap();
        b.add_edge("z", "z", None).unwrap();
        b.add_edge("c", "a", None).unwrap();
        let net = b.build();
        assert_eq!(isolates(&net), [2]);
        let map: HashMap<String, String> = [("a", "1"), ("b", "2"), ("c", "3"), ("z", "1")]
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        let s = Sectors::from_map(&net, &map);
        assert_eq!(sector_pairs_linked(&net, &s), [3, 1, 0, 1]);
        assert_eq!(top_sector_pair_linkers(&net, &s, 2), [(0, 3), (1, 1)]);
    }

    #[test]
    fn brokers_separate_sectors() {
        // santé triangle a,b,c — d — éducation triangle d,e,f; x (éducation)
        // hangs off f, y (santé) off a, q (no sector) off e. Removing c or d
        // separates the sectors; removing f cuts x off the santé
        // organizations, removing a cuts y off the éducation ones; removing
        // e only cuts off q, which has no sector.
        let (net, s) = setup(
            &[
                ("a", "b"),
                ("b", "c"),
                ("c", "a"),
                ("c", "d"),
                ("d", "e"),
                ("e", "f"),
                ("f", "d"),
                ("f", "x"),
                ("a", "y"),
                ("e", "q"),
            ],
            &[
                ("a", "santé"),
                ("b", "santé"),
                ("c", "santé"),
                ("e", "éducation"),
                ("f", "éducation"),
                ("x", "éducation"),
                ("y", "santé"),
            ],
        );
        let ids: Vec<&str> = sector_brokers(&net, &s)
            .into_iter()
            .map(|v| net.ids()[v].as_str())
            .collect();
        assert_eq!(ids, ["a", "c", "d", "f"]);
    }

    /// By definition: remove v, then look for two nodes of different sectors
    /// that were connected and no longer are.
    fn brokers_by_removal(g: &Csr, sectors: &Sectors) -> Vec<usize> {
        let n = g.node_count();
        let label = |removed: Option<usize>| {
            let mut comp = vec![usize::MAX; n];
            for s in 0..n {
                if Some(s) == removed || comp[s] != usize::MAX {
                    continue;
                }
                comp[s] = s;
                let mut stack = vec![s];
                while let Some(v) = stack.pop() {
                    for &w in g.neighbors(v) {
                        let w = w as usize;
                        if Some(w) != removed && comp[w] == usize::MAX {
                            comp[w] = s;
                            stack.push(w);
                        }
                    }
                }
            }
            comp
        };
        let before = label(None);
        (0..n)
            .filter(|&v| {
                let after = label(Some(v));
                (0..n).any(|a| {
                    (0..n).any(|b| {
                        a != v
                            && b != v
                            && before[a] == before[b]
                            && after[a] != after[b]
                            && matches!(
                                (sectors.of_node[a], sectors.of_node[b]),
                                (Some(x), Some(y)) if x != y
                            )
                    })
                })
            })
            .collect()
    }

    #[test]
    fn brokers_agree_with_the_definition() {
        let mut rng = crate::rng::SplitMix64::new(21);
        for round in 0..40 {
            let nodes = 5 + rng.below(25);
            let links = rng.below(nodes * 2);
            let mut builder = Network::builder(round % 3 == 0, false);
            for i in 0..nodes {
                builder.add_node(&i.to_string());
            }
            for _ in 0..links {
                let (u, v) = (rng.below(nodes), rng.below(nodes));
                builder
                    .add_edge(&u.to_string(), &v.to_string(), None)
                    .unwrap();
            }
            let net = builder.build();
            let map: HashMap<String, String> = (0..nodes)
                .filter_map(|i| {
                    let sector = rng.below(4);
                    (sector < 3).then(|| (i.to_string(), sector.to_string()))
                })
                .collect();
            let sectors = Sectors::from_map(&net, &map);
            let g = Adjacency::new(&net);
            assert_eq!(
                sector_brokers(&net, &sectors),
                brokers_by_removal(&g.undirected, &sectors),
                "round {round}"
            );
        }
    }

    #[test]
    fn a_root_broker() {
        // A star whose centre is the DFS root.
        let (net, s) = setup(
            &[("hub", "a"), ("hub", "b"), ("hub", "c")],
            &[("a", "1"), ("b", "1"), ("c", "2")],
        );
        assert_eq!(sector_brokers(&net, &s), [0]);
        let (net, s) = setup(
            &[("hub", "a"), ("hub", "b")],
            &[("a", "1"), ("b", "1"), ("hub", "2")],
        );
        assert_eq!(sector_brokers(&net, &s), Vec::<usize>::new());
    }
}
