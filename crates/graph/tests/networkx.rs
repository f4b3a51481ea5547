//! Every metric of every fixture against networkx (tools/networkx_fixtures.py):
//! 1e-9, eigenvector 1e-6.

use std::path::{Path, PathBuf};

use maillage_graph::{
    BetweennessSampling, EdgesOptions, Metrics, MetricsOptions, metrics, metrics_json,
    read_edges_file, rng,
};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(dir().join("manifest.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn options(entry: &Value) -> (EdgesOptions, MetricsOptions) {
    let edges = EdgesOptions {
        directed: entry["directed"].as_bool().unwrap(),
        weight_column: entry["weight_column"].as_str().map(str::to_owned),
    };
    let sampling = entry
        .get("betweenness_samples")
        .map(|k| BetweennessSampling {
            samples: usize::try_from(k.as_u64().unwrap()).unwrap(),
            seed: entry["seed"].as_u64().unwrap(),
        });
    (
        edges,
        MetricsOptions {
            betweenness_sampling: sampling,
            ..MetricsOptions::default()
        },
    )
}

fn run(name: &str, entry: &Value) -> Metrics {
    let (edges, opts) = options(entry);
    let net = read_edges_file(&dir().join(format!("{name}.csv")), &edges).unwrap();
    metrics(&net, &opts).unwrap()
}

fn close(name: &str, what: &str, ours: f64, theirs: &Value, tol: f64) {
    let theirs = theirs
        .as_f64()
        .unwrap_or_else(|| panic!("{name}: {what} missing"));
    assert!(
        (ours - theirs).abs() <= tol,
        "{name}: {what}: maillage {ours} ≠ networkx {theirs}"
    );
}

#[test]
fn every_fixture_matches_networkx() {
    let manifest = manifest();
    let fixtures = manifest["fixtures"].as_object().unwrap();
    assert!(fixtures.len() >= 20);
    for (name, entry) in fixtures {
        let text = std::fs::read_to_string(dir().join(format!("{name}.expected.json"))).unwrap();
        let want: Value = serde_json::from_str(&text).unwrap();
        let got = run(name, entry);
        let json = metrics_json(&got);
        for key in ["nodes", "edges", "components"] {
            assert!(json[key].is_u64(), "{name}: {key} is not an integer");
            assert_eq!(json[key], want[key], "{name}: {key}");
        }
        close(name, "density", got.density, &want["density"], 1e-9);
        let ac = &want["average_clustering"];
        close(name, "average_clustering", got.average_clustering, ac, 1e-9);
        let centrality = want["centrality"].as_object().unwrap();
        assert_eq!(got.centrality.len(), centrality.len(), "{name}");
        // The same ids, in the same (first-seen) order.
        let ids: Vec<&str> = got.centrality.iter().map(|c| c.id.as_str()).collect();
        let want_ids: Vec<&str> = centrality.keys().map(String::as_str).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, want_ids, "{name}: ids");
        for c in &got.centrality {
            let w = &centrality[&c.id];
            let id = &c.id;
            close(name, &format!("{id} degree"), c.degree, &w["degree"], 1e-9);
            let b = &w["betweenness"];
            close(name, &format!("{id} betweenness"), c.betweenness, b, 1e-9);
            close(
                name,
                &format!("{id} closeness"),
                c.closeness,
                &w["closeness"],
                1e-9,
            );
            let e = &w["eigenvector"];
            close(name, &format!("{id} eigenvector"), c.eigenvector, e, 1e-6);
        }
        // The JSON is the contract's: these keys only, every number finite.
        let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "average_clustering",
                "centrality",
                "components",
                "density",
                "edges",
                "nodes"
            ],
            "{name}"
        );
        for (id, v) in json["centrality"].as_object().unwrap() {
            let mut k: Vec<&String> = v.as_object().unwrap().keys().collect();
            k.sort_unstable();
            assert_eq!(
                k,
                ["betweenness", "closeness", "degree", "eigenvector"],
                "{id}"
            );
            assert!(
                v.as_object().unwrap().values().all(Value::is_f64),
                "{name} {id}"
            );
        }
    }
}

/// The fixture script replays our RNG; the sources it handed networkx are ours.
#[test]
fn sampled_sources_are_the_ones_networkx_was_given() {
    let manifest = manifest();
    let mut sampled = 0;
    for (name, entry) in manifest["fixtures"].as_object().unwrap() {
        let Some(k) = entry.get("betweenness_samples") else {
            continue;
        };
        sampled += 1;
        let (edges, _) = options(entry);
        let net = read_edges_file(&dir().join(format!("{name}.csv")), &edges).unwrap();
        let k = usize::try_from(k.as_u64().unwrap()).unwrap();
        let seed = entry["seed"].as_u64().unwrap();
        if k == net.node_count() {
            assert!(
                entry["sources"].is_null(),
                "{name}: networkx computed exactly"
            );
            continue;
        }
        let ours: Vec<&str> = rng::sample_indices(net.node_count(), k, seed)
            .into_iter()
            .map(|i| net.ids()[i].as_str())
            .collect();
        let theirs: Vec<&str> = entry["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ours, theirs, "{name}");
    }
    assert!(sampled >= 3);
}

#[test]
fn k_equals_n_is_exact_and_seeds_are_reproducible() {
    let manifest = manifest();
    let fixtures = &manifest["fixtures"];
    let exact = run("karate", &fixtures["karate"]);
    let all = run("karate_sampled_all", &fixtures["karate_sampled_all"]);
    assert_eq!(exact, all);

    let entry = &fixtures["ba200_sampled"];
    let a = run("ba200_sampled", entry);
    assert_eq!(a, run("ba200_sampled", entry));
    let mut other = entry.clone();
    other["seed"] = Value::from(2027);
    let b = run("ba200_sampled", &other);
    assert_ne!(a, b);
    // Only betweenness is sampled.
    let full = run("ba200", &fixtures["ba200"]);
    for ((x, y), z) in a.centrality.iter().zip(&b.centrality).zip(&full.centrality) {
        assert_eq!(
            (x.degree, x.closeness, x.eigenvector),
            (z.degree, z.closeness, z.eigenvector)
        );
        assert_eq!(
            (y.degree, y.closeness, y.eigenvector),
            (z.degree, z.closeness, z.eigenvector)
        );
    }
}

#[test]
fn json_text_keeps_first_seen_order() {
    let manifest = manifest();
    let m = run("ids", &manifest["fixtures"]["ids"]);
    let text = serde_json::to_string(&m).unwrap();
    let first = text.find("\"L’Envolée, Jonquière\":").unwrap();
    let second = text.find("\"01\":").unwrap();
    let third = text.find("\"1\":").unwrap();
    assert!(first < second && second < third, "{text}");
    assert!(text.contains(r#""Le \"Phare\"":"#));
}
