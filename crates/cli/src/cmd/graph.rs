//! `maillage graph metrics`: networkx's metrics of an edges CSV (`docs/architecture.md`).

use std::io::Write;
use std::path::PathBuf;

use maillage_graph::{
    BetweennessSampling, EdgesOptions, MetricsError, MetricsOptions, read_edges_file,
};

use crate::CliError;

#[derive(Debug, clap::Args)]
pub struct MetricsArgs {
    /// The edges CSV: columns `source` and `target` (and the weight column, if any).
    #[arg(long, value_name = "FILE")]
    pub edges: PathBuf,
    /// Links are arcs: `a,b` and `b,a` are two of them.
    #[arg(long)]
    pub directed: bool,
    /// The column of weights, used as distances by betweenness and closeness.
    #[arg(long, value_name = "NAME")]
    pub weight_column: Option<String>,
    /// Betweenness from K source nodes drawn at random (K = the number of nodes: exact).
    #[arg(long, value_name = "K", requires = "seed")]
    pub betweenness_samples: Option<usize>,
    /// The seed of the betweenness sample: the same K, seed and file give the same numbers.
    #[arg(long, value_name = "S", requires = "betweenness_samples")]
    pub seed: Option<u64>,
    /// The output is always one JSON document; accepted like other commands' --json.
    #[arg(long)]
    pub json: bool,
}

/// Reads the file, prints the metrics as one JSON document on stdout (nodes
/// in first-seen order). Malformed input or bad usage: exit 2; eigenvector
/// centrality that does not converge: exit 1.
pub fn metrics(args: &MetricsArgs) -> Result<(), CliError> {
    let net = read_edges_file(
        &args.edges,
        &EdgesOptions {
            directed: args.directed,
            weight_column: args.weight_column.clone(),
        },
    )
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let opts = MetricsOptions {
        betweenness_sampling: match (args.betweenness_samples, args.seed) {
            (Some(samples), Some(seed)) => Some(BetweennessSampling { samples, seed }),
            _ => None,
        },
        ..MetricsOptions::default()
    };
    let metrics = maillage_graph::metrics(&net, &opts).map_err(|e| match e {
        MetricsError::InvalidSamples { .. } => CliError::Usage(e.to_string()),
        MetricsError::EigenvectorNotConverged { .. } => CliError::Refused(e.to_string()),
    })?;
    // Serialized from `Metrics` itself rather than through `print_json`'s
    // `serde_json::Value`, whose objects sort their keys: nodes stay in
    // first-seen order.
    let text = serde_json::to_string_pretty(&metrics)
        .map_err(|e| CliError::Refused(format!("cannot write the metrics as JSON: {e}")))?;
    // A closed pipe (`… | head`) is the reader's choice, not an error.
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(())
}
