//! The crate graph holds (docs/architecture.md, « Where code goes »): read
//! from `cargo metadata`, every dependency of a maillage crate on another
//! (normal, build or dev) must be one its layer allows. A new crate must be
//! given its place in `ALLOWED`.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Each workspace crate and the maillage crates it may depend on.
const ALLOWED: &[(&str, &[&str])] = &[
    ("maillage-domain", &[]),
    ("maillage-graph", &[]),
    ("maillage-search", &[]),
    // Generates the integration tests' both-databases functions.
    ("maillage-test-macros", &[]),
    ("maillage-store", &["maillage-domain"]),
    ("maillage-interop", &["maillage-domain", "maillage-graph"]),
    (
        "maillage-app",
        &[
            "maillage-domain",
            "maillage-graph",
            "maillage-interop",
            "maillage-search",
            "maillage-store",
        ],
    ),
    (
        "maillage-web",
        &[
            "maillage-domain",
            "maillage-graph",
            "maillage-interop",
            "maillage-search",
            "maillage-store",
            "maillage-app",
        ],
    ),
    // The binary: commands, configuration and the server's start.
    (
        "maillage",
        &[
            "maillage-domain",
            "maillage-graph",
            "maillage-interop",
            "maillage-search",
            "maillage-store",
            "maillage-app",
            "maillage-web",
            "maillage-test-macros",
        ],
    ),
];

/// Every workspace package and the workspace packages it depends on.
fn workspace_graph() -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("a list of packages");
    let names: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .expect("a list of dependencies")
                .iter()
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.contains(d))
                .map(str::to_owned)
                .collect();
            (p["name"].as_str().expect("a name").to_owned(), deps)
        })
        .collect()
}

#[test]
fn every_crate_depends_only_on_the_layers_below_it() {
    let graph = workspace_graph();
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(name, deps)| (*name, deps.iter().copied().collect()))
        .collect();
    let unplaced: Vec<&String> = graph
        .keys()
        .filter(|name| !allowed.contains_key(name.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "give these crates their place in ALLOWED: {unplaced:?}"
    );
    let mut wrong = Vec::new();
    for (name, deps) in &graph {
        let may = &allowed[name.as_str()];
        for dep in deps {
            if !may.contains(dep.as_str()) {
                wrong.push(format!("{name} → {dep}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies across the layering: {wrong:?}"
    );
}

#[test]
fn nothing_but_the_binary_depends_on_the_web_crate() {
    let dependents: Vec<String> = workspace_graph()
        .into_iter()
        .filter(|(_, deps)| deps.contains("maillage-web"))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(dependents, ["maillage"]);
}
