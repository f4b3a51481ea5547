//! The network itself: node ids in first-seen order, collapsed edges, optional weights.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// A weight that is not a finite number > 0.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("a weight must be a finite number > 0, not {0}")]
pub struct InvalidWeight(pub f64);

/// A simple graph (no self-loops, no parallel edges), directed or not.
///
/// Nodes are numbered `0..node_count()` in the order their ids were first
/// seen; edges keep the order in which they were first seen too, with the
/// weight of the last time they were added.
#[derive(Debug, Clone)]
pub struct Network {
    directed: bool,
    ids: Vec<String>,
    index: HashMap<String, u32>,
    edges: Vec<(u32, u32)>,
    /// Same length as `edges` when the network is weighted.
    weights: Option<Vec<f64>>,
}

impl Network {
    /// An empty network to fill with [`NetworkBuilder::add_edge`].
    pub fn builder(directed: bool, weighted: bool) -> NetworkBuilder {
        NetworkBuilder {
            net: Network {
                directed,
                ids: Vec::new(),
                index: HashMap::new(),
                edges: Vec::new(),
                weights: weighted.then(Vec::new),
            },
            edge_index: HashMap::new(),
        }
    }

    pub fn is_directed(&self) -> bool {
        self.directed
    }

    pub fn is_weighted(&self) -> bool {
        self.weights.is_some()
    }

    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Node ids, index `i` is node `i` (first-seen order).
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The index of a node id, if it is in the network.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|&i| i as usize)
    }

    /// Edges `(source, target, weight)` in first-seen order; the weight is
    /// 1 in an unweighted network.
    pub fn edges(&self) -> impl ExactSizeIterator<Item = (usize, usize, f64)> + '_ {
        self.edges.iter().enumerate().map(|(i, &(u, v))| {
            let w = self.weights.as_ref().map_or(1.0, |ws| ws[i]);
            (u as usize, v as usize, w)
        })
    }
}

/// Builds a [`Network`] one row at a time, collapsing duplicate edges.
#[derive(Debug)]
pub struct NetworkBuilder {
    net: Network,
    /// (source, target) → position in `net.edges`; undirected keys are (min, max).
    edge_index: HashMap<(u32, u32), u32>,
}

impl NetworkBuilder {
    /// The index of `id`, added as a new node if it was not seen yet.
    pub fn add_node(&mut self, id: &str) -> usize {
        if let Some(&i) = self.net.index.get(id) {
            return i as usize;
        }
        let i = u32::try_from(self.net.ids.len()).expect("fewer than 2³² nodes");
        self.net.ids.push(id.to_owned());
        self.net.index.insert(id.to_owned(), i);
        i as usize
    }

    /// Adds both nodes (source first) and the edge between them.
    ///
    /// A self-loop adds the node only. A duplicate edge (undirected: either
    /// direction) is kept once, with the last weight. `weight` is ignored in an
    /// unweighted network and taken as 1 when `None` in a weighted one.
    pub fn add_edge(
        &mut self,
        source: &str,
        target: &str,
        weight: Option<f64>,
    ) -> Result<(), InvalidWeight> {
        let w = weight.unwrap_or(1.0);
        if self.net.weights.is_some() && !(w.is_finite() && w > 0.0) {
            return Err(InvalidWeight(w));
        }
        let u = self.add_node(source);
        let v = self.add_node(target);
        if u == v {
            return Ok(());
        }
        let (u, v) = (to_u32(u), to_u32(v));
        let key = if self.net.directed || u < v {
            (u, v)
        } else {
            (v, u)
        };
        match self.edge_index.entry(key) {
            Entry::Occupied(e) => {
                if let Some(ws) = &mut self.net.weights {
                    ws[*e.get() as usize] = w;
                }
            }
            Entry::Vacant(e) => {
                e.insert(to_u32(self.net.edges.len()));
                self.net.edges.push((u, v));
                if let Some(ws) = &mut self.net.weights {
                    ws.push(w);
                }
            }
        }
        Ok(())
    }

    pub fn node_count(&self) -> usize {
        self.net.ids.len()
    }

    pub fn build(self) -> Network {
        self.net
    }
}

fn to_u32(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2³² nodes and edges")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_duplicates_and_self_loops() {
        let mut b = Network::builder(false, true);
        b.add_edge("a", "b", Some(1.0)).unwrap();
        b.add_edge("b", "a", Some(3.0)).unwrap();
        b.add_edge("c", "c", Some(2.0)).unwrap();
        let n = b.build();
        assert_eq!(n.ids(), ["a", "b", "c"]);
        assert_eq!(n.edges().collect::<Vec<_>>(), [(0, 1, 3.0)]);

        let mut b = Network::builder(true, false);
        b.add_edge("a", "b", None).unwrap();
        b.add_edge("b", "a", None).unwrap();
        b.add_edge("a", "b", None).unwrap();
        let n = b.build();
        assert_eq!(n.edge_count(), 2);
        assert_eq!(n.node_index("b"), Some(1));
        assert_eq!(n.node_index("z"), None);
    }

    #[test]
    fn refuses_bad_weights() {
        let mut b = Network::builder(false, true);
        for w in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(b.add_edge("a", "b", Some(w)).is_err());
        }
        assert_eq!(b.node_count(), 0);
    }
}
