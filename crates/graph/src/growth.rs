//! A network as it grows, event after event or session after session:
//! its measures from counts (what a growth chart plots) and what the new
//! links of a session did between sectors.

use std::collections::{BTreeMap, HashSet};

use crate::metrics::density;
use crate::sectors::TieCounts;

/// The counts of an undirected network at one moment: links, the nodes
/// that have one, and of those links the ones between two nodes with a
/// sector (`sectored`) and, of these, across two sectors (`cross`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub nodes: usize,
    pub links: usize,
    pub sectored: usize,
    pub cross: usize,
}

impl Snapshot {
    /// The density of the linked nodes (networkx's); `None` with fewer
    /// than two of them (a chart leaves a gap there).
    pub fn density(self) -> Option<f64> {
        (self.nodes > 1).then(|| density(self.nodes, self.links, false))
    }

    /// The share of sectored links that cross sectors; `None` without any.
    pub fn cross_sector_share(self) -> Option<f64> {
        TieCounts {
            internal: self.sectored.saturating_sub(self.cross),
            external: self.cross,
        }
        .cross_sector_share()
    }
}

/// A pair of sectors in order; `None` when one is unknown.
pub fn sector_pair(a: Option<&str>, b: Option<&str>) -> Option<(String, String)> {
    let (a, b) = (a?, b?);
    Some(if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    })
}

/// How many new links joined one pair of sectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorPairCount {
    /// The two sectors, `a <= b` (equal: links within one sector).
    pub a: String,
    pub b: String,
    pub count: usize,
    /// Two different sectors that no earlier link joined.
    pub new_pair: bool,
}

/// What a set of new links did between sectors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewLinkSectors {
    /// By pair of sectors, in the order of the pairs (links whose ends
    /// both have a sector only).
    pub pairs: Vec<SectorPairCount>,
    /// New links across two sectors.
    pub cross_sector: usize,
}

impl NewLinkSectors {
    /// Pairs of different sectors joined for the first time.
    pub fn new_pairs(&self) -> usize {
        self.pairs.iter().filter(|p| p.new_pair).count()
    }
}

/// The sector pairs of `new_links`, against the links that existed before
/// them (`before`): a pair of two different sectors is new when no link
/// of `before` joined it.
pub fn new_link_sectors<'a>(
    new_links: impl IntoIterator<Item = (&'a str, &'a str)>,
    before: impl IntoIterator<Item = (&'a str, &'a str)>,
    sector_of: &dyn Fn(&str) -> Option<&'a str>,
) -> NewLinkSectors {
    let linked: HashSet<(String, String)> = before
        .into_iter()
        .filter_map(|(a, b)| sector_pair(sector_of(a), sector_of(b)))
        .collect();
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut cross_sector = 0;
    for (a, b) in new_links {
        if let Some(pair) = sector_pair(sector_of(a), sector_of(b)) {
            if pair.0 != pair.1 {
                cross_sector += 1;
            }
            *pairs.entry(pair).or_default() += 1;
        }
    }
    let pairs = pairs
        .into_iter()
        .map(|((a, b), count)| SectorPairCount {
            new_pair: a != b && !linked.contains(&(a.clone(), b.clone())),
            a,
            b,
            count,
        })
        .collect();
    NewLinkSectors {
        pairs,
        cross_sector,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn a_snapshot_gives_density_and_cross_sector_share_from_its_counts() {
        let s = Snapshot {
            nodes: 4,
            links: 3,
            sectored: 2,
            cross: 1,
        };
        assert!((s.density().unwrap() - 0.5).abs() < 1e-15);
        assert!((s.cross_sector_share().unwrap() - 0.5).abs() < 1e-15);
        let empty = Snapshot::default();
        assert_eq!(empty.density(), None);
        assert_eq!(empty.cross_sector_share(), None);
        let pair = Snapshot {
            nodes: 2,
            links: 1,
            sectored: 1,
            cross: 1,
        };
        assert_eq!(pair.density(), Some(1.0));
        assert_eq!(pair.cross_sector_share(), Some(1.0));
    }

    #[test]
    fn sector_pairs_are_ordered_and_need_both_sectors() {
        assert_eq!(
            sector_pair(Some("sante"), Some("education")),
            Some(("education".to_owned(), "sante".to_owned()))
        );
        assert_eq!(sector_pair(Some("sante"), None), None);
    }

    #[test]
    fn new_links_count_by_sector_pair_and_say_which_pairs_are_new() {
        let sectors: HashMap<&str, &str> = HashMap::from([
            ("a", "education"),
            ("b", "sante"),
            ("c", "sante"),
            ("d", "municipal"),
        ]);
        let sector_of = |id: &str| sectors.get(id).copied();
        let news = new_link_sectors(
            [("a", "b"), ("a", "c"), ("b", "c"), ("b", "d"), ("a", "x")],
            [("c", "a")],
            &sector_of,
        );
        assert_eq!(news.cross_sector, 3);
        let pairs: Vec<(&str, &str, usize, bool)> = news
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str(), p.count, p.new_pair))
            .collect();
        assert_eq!(
            pairs,
            vec![
                // Education–health was linked before (c–a).
                ("education", "sante", 2, false),
                ("municipal", "sante", 1, true),
                // Within one sector: never a new pair.
                ("sante", "sante", 1, false),
            ]
        );
        assert_eq!(news.new_pairs(), 1);
    }
}
