//! `cargo run --release -p maillage-graph --example layout -- FILE [SEED]`: the
//! force-directed layout of an edges CSV as JSON `{"<id>": [x, y]}`, with its
//! time on stderr.

use std::path::Path;

use maillage_graph::{EdgesOptions, LayoutOptions, force_layout, read_edges_file};

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("an edges CSV");
    let seed = args.next().map_or(0, |s| s.parse().expect("a seed"));
    let net = read_edges_file(Path::new(&file), &EdgesOptions::default()).expect("a valid CSV");
    let start = std::time::Instant::now();
    let pos = force_layout(
        &net,
        &LayoutOptions {
            seed,
            ..LayoutOptions::default()
        },
    );
    eprintln!(
        "{} nodes laid out in {:.2} s",
        net.node_count(),
        start.elapsed().as_secs_f64()
    );
    let mut out = serde_json::Map::new();
    for (id, (x, y)) in net.ids().iter().zip(pos) {
        out.insert(id.clone(), serde_json::json!([x, y]));
    }
    println!("{}", serde_json::Value::from(out));
}
