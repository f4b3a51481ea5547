//! The network of maillage: links between organizations and their metrics,
//! as networkx 3.6 defines them (`docs/architecture.md`, « The command line »).
//!
//! * [`edges`]: an edges CSV → a [`Network`] (streamed, errors name the line);
//! * [`metrics`](mod@metrics): the document of `maillage graph metrics` — checked against
//!   networkx by `tests/networkx.rs` on the fixtures of `tools/networkx_fixtures.py`;
//! * beyond the command line, for the network views: [`community`] (Louvain,
//!   modularity), [`sectors`] (cross-sector share, E-I index, isolates,
//!   brokers), [`layout`] (a seeded force-directed layout, and one that keeps
//!   communities apart);
//! * [`growth`]: the measures of a network as it grows (density and
//!   cross-sector share from counts, the sector pairs of new links);
//! * [`rng`]: the seeded generator behind sampling, Louvain and the layout.

pub mod community;
pub mod edges;
pub mod growth;
pub mod layout;
pub mod metrics;
pub mod network;
pub mod rng;
pub mod sectors;

pub use community::{LouvainOptions, louvain, modularity};
pub use edges::{EdgesError, EdgesOptions, WeightProblem, read_edges, read_edges_file};
pub use growth::{NewLinkSectors, SectorPairCount, Snapshot, new_link_sectors, sector_pair};
pub use layout::{LayoutOptions, community_layout, force_layout};
pub use metrics::{
    BetweennessSampling, Metrics, MetricsError, MetricsOptions, NodeCentrality, density, metrics,
    metrics_json,
};
pub use network::{InvalidWeight, Network, NetworkBuilder};
pub use sectors::{
    Sectors, TieCounts, isolates, node_tie_counts, sector_brokers, sector_pairs_linked,
    sector_tie_counts, tie_counts, top_sector_pair_linkers,
};
