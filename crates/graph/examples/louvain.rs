//! `cargo run -p maillage-graph --example louvain -- FILE SEED...`: maillage's Louvain
//! partition of an (undirected) edges CSV for each seed, as JSON
//! `{"<seed>": {"<id>": label}}` — input of tools/networkx_fixtures.py, which
//! checks its modularity with networkx.

use std::path::Path;

use maillage_graph::{EdgesOptions, LouvainOptions, louvain, read_edges_file};

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("an edges CSV");
    let net = read_edges_file(Path::new(&file), &EdgesOptions::default()).expect("a valid CSV");
    let mut out = serde_json::Map::new();
    for seed in args {
        let seed: u64 = seed.parse().expect("a seed");
        let labels = louvain(
            &net,
            &LouvainOptions {
                seed,
                ..LouvainOptions::default()
            },
        );
        let mut part = serde_json::Map::new();
        for (id, label) in net.ids().iter().zip(labels) {
            part.insert(id.clone(), label.into());
        }
        out.insert(seed.to_string(), part.into());
    }
    println!("{}", serde_json::Value::from(out));
}
