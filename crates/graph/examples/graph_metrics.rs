//! `cargo run --release -p maillage-graph --example graph_metrics -- --edges FILE [--directed]
//! [--weight-column NAME] [--betweenness-samples K --seed S]`: the metrics JSON on stdout,
//! like `maillage graph metrics`, without building the whole command line (benchmarks).

use std::path::PathBuf;
use std::process::ExitCode;

use maillage_graph::{BetweennessSampling, EdgesOptions, MetricsOptions, read_edges_file};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut edges = None;
    let mut opts = EdgesOptions::default();
    let (mut samples, mut seed) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--edges" => edges = args.next().map(PathBuf::from),
            "--directed" => opts.directed = true,
            "--weight-column" => opts.weight_column = args.next(),
            "--betweenness-samples" => samples = args.next().and_then(|k| k.parse().ok()),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(edges) = edges else {
        eprintln!("--edges FILE is required");
        return ExitCode::from(2);
    };
    let net = match read_edges_file(&edges, &opts) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let sampling = samples
        .zip(seed)
        .map(|(samples, seed)| BetweennessSampling { samples, seed });
    match maillage_graph::metrics(
        &net,
        &MetricsOptions {
            betweenness_sampling: sampling,
            ..MetricsOptions::default()
        },
    ) {
        Ok(m) => {
            println!("{}", serde_json::to_string(&m).expect("JSON"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
