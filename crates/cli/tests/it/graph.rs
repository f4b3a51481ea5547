//! `maillage graph metrics` (`docs/architecture.md`) through the built binary:
//! every networkx fixture of `crates/graph/tests/fixtures`, and the exit
//! codes of bad input.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::{maillage, run};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../graph/tests/fixtures")
}

fn close(a: &Value, b: &Value, tol: f64, at: &str) {
    let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
    assert!((x - y).abs() <= tol, "{at}: {x} vs networkx {y}");
}

#[test]
fn every_fixture_matches_networkx_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("manifest.json")).unwrap())
            .unwrap();
    let mut checked = 0;
    for (name, spec) in manifest["fixtures"].as_object().unwrap() {
        let csv = fixtures().join(format!("{name}.csv"));
        let expected = fixtures().join(format!("{name}.expected.json"));
        if !csv.is_file() || !expected.is_file() {
            continue;
        }
        let mut cmd = maillage(dir.path());
        cmd.args(["graph", "metrics", "--edges"]).arg(&csv);
        if spec["directed"].as_bool() == Some(true) {
            cmd.arg("--directed");
        }
        if let Some(w) = spec["weight_column"].as_str() {
            cmd.args(["--weight-column", w]);
        }
        if let (Some(k), Some(s)) = (spec["betweenness_samples"].as_u64(), spec["seed"].as_u64()) {
            cmd.args([
                "--betweenness-samples",
                &k.to_string(),
                "--seed",
                &s.to_string(),
            ]);
        }
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 0, "{name}: {err}");
        let got: Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}: {out}"));
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(&expected).unwrap()).unwrap();
        for key in ["nodes", "edges", "components"] {
            assert!(got[key].is_u64(), "{name}: {key} is an integer");
            assert_eq!(got[key], want[key], "{name}: {key}");
        }
        close(&got["density"], &want["density"], 1e-9, name);
        close(
            &got["average_clustering"],
            &want["average_clustering"],
            1e-9,
            name,
        );
        let want_c = want["centrality"].as_object().unwrap();
        let got_c = got["centrality"].as_object().unwrap();
        assert_eq!(got_c.len(), want_c.len(), "{name}: one entry per node");
        for (id, m) in want_c {
            let g = &got_c.get(id).unwrap_or_else(|| panic!("{name}: node {id}"));
            for metric in ["degree", "betweenness", "closeness"] {
                close(
                    &g[metric],
                    &m[metric],
                    1e-9,
                    &format!("{name} {id} {metric}"),
                );
            }
            close(
                &g["eigenvector"],
                &m["eigenvector"],
                1e-6,
                &format!("{name} {id} eigenvector"),
            );
        }
        assert!(!out.contains("NaN") && !out.contains("inf"), "{name}");
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} fixtures");
}

#[test]
fn bad_edges_files_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        ("no-target.csv", "source,cible\na,b\n", &[]),
        ("header-only.csv", "source,target\n", &[]),
        ("empty-id.csv", "source,target\na,\n", &[]),
        (
            "zero.csv",
            "source,target,w\na,b,0\n",
            &["--weight-column", "w"],
        ),
        (
            "negative.csv",
            "source,target,w\na,b,-1\n",
            &["--weight-column", "w"],
        ),
        (
            "text.csv",
            "source,target,w\na,b,beaucoup\n",
            &["--weight-column", "w"],
        ),
        (
            "unknown-column.csv",
            "source,target,w\na,b,1\n",
            &["--weight-column", "poids"],
        ),
    ];
    for (name, text, extra) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let (code, out, err) = run(maillage(dir.path())
            .args(["graph", "metrics", "--edges"])
            .arg(&file)
            .args(*extra));
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: nothing on stdout");
        assert!(!err.trim().is_empty(), "{name}: a message");
    }
    let (code, _, _) =
        run(maillage(dir.path()).args(["graph", "metrics", "--edges", "/nonexistent.csv"]));
    assert_eq!(code, 2);
    let (code, _, _) =
        run(maillage(dir.path()).args(["graph", "metrics", "--edges", "x.csv", "--inconnu"]));
    assert_eq!(code, 2);
    // A one-node graph and a graph without edges: zeros, no NaN.
    let one = dir.path().join("one.csv");
    std::fs::write(&one, "source,target\nx,x\n").unwrap();
    let (code, out, _) = run(maillage(dir.path())
        .args(["graph", "metrics", "--edges"])
        .arg(&one));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nodes"], 1);
    assert_eq!(v["edges"], 0);
    assert_eq!(v["centrality"]["x"]["degree"], 1.0);
}
