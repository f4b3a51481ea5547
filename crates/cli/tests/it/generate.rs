//! `maillage generate`: deterministic output that imports cleanly and is
//! searchable.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::cli::{for_each_database, json, maillage, run, with_url};

/// Every file under `dir` (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn generate(data: &Path, out: &Path, seed: &str) -> Command {
    let mut c = maillage(data);
    c.args(["generate", "--scale", "demo", "--seed", seed, "--out"])
        .arg(out);
    c
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_a_full_directory_needs_force() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );

    let (code, out, err) = run(generate(&data, &a, "7").arg("--json"));
    assert_eq!(code, 0, "{err}");
    let summary = json(&out);
    assert_eq!(summary["organizations"], 200);
    assert_eq!(summary["scale"], "demo");
    assert_eq!(summary["seed"], 7);
    let services = summary["services"].as_u64().unwrap();
    assert!((450..=750).contains(&services), "{services} services");
    let written: Vec<&str> = summary["hsds"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for file in [
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "phones.csv",
    ] {
        assert!(written.contains(&file), "{file} in {written:?}");
    }

    let (code, out, err) = run(&mut generate(&data, &b, "7"));
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "without --json, nothing on stdout: {out}");
    let first = files(&a);
    assert!(first.contains_key("generate.json"));
    assert!(first.contains_key("hsds/datapackage.json"));
    assert!(first.contains_key("hsds/organizations.csv"));
    assert_eq!(first, files(&b), "two runs with one seed differ");

    run(&mut generate(&data, &c, "8"));
    assert_ne!(
        first["hsds/organizations.csv"],
        files(&c)["hsds/organizations.csv"]
    );

    // A non-empty directory is refused (exit 2, nothing changed)…
    let (code, _, err) = run(&mut generate(&data, &c, "7"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    assert_ne!(
        first["hsds/organizations.csv"],
        files(&c)["hsds/organizations.csv"]
    );
    // …unless forced: then it holds exactly what seed 7 gives.
    let (code, _, err) = run(generate(&data, &c, "7").arg("--force"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(first, files(&c));

    // A file is not a directory.
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let (code, _, err) = run(&mut generate(&data, &file, "7"));
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(maillage(&data)
        .args(["generate", "--scale", "galaxy", "--out"])
        .arg(&c));
    assert_eq!(code, 2, "{err}");
}

/// The `(id, name)` of the organizations at these rows of the generated file.
fn organizations_at(package: &Path, rows: &[usize]) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(package.join("organizations.csv")).unwrap();
    let all: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    rows.iter()
        .map(|r| {
            (
                all[*r][col("id")].to_owned(),
                all[*r][col("name")].to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_demo_scale_imports_without_problems_and_its_names_are_found_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    let (code, _, err) = run(&mut generate(&tmp.path().join("unused"), &out, "11"));
    assert_eq!(code, 0, "{err}");
    let package = out.join("hsds");
    let probes = organizations_at(&package, &[0, 17, 60, 123, 199]);

    for_each_database(|data, url| {
        let (code, out, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json"])
            .arg(&package));
        assert_eq!(code, 0, "{err}\n{out}");
        let report = json(&out);
        assert_eq!(report["ok"], true, "{report:#}");
        let tables = report["tables"].as_array().unwrap();
        let inserted = |file: &str| {
            tables
                .iter()
                .find(|t| t["file"] == file)
                .map(|t| t["inserted"].as_u64().unwrap())
        };
        assert_eq!(inserted("organizations.csv"), Some(200));
        assert!(inserted("services.csv").unwrap() >= 450);

        for (id, name) in &probes {
            let (code, out, err) =
                run(with_url(maillage(data), url).args(["search", name, "--json"]));
            assert_eq!(code, 0, "{err}");
            let hits = json(&out)["hits"].clone();
            assert_eq!(hits[0]["id"], id.as_str(), "{name}: {hits:#}");
            assert_eq!(hits[0]["kind"], "organization", "{name}: {hits:#}");
        }

        // Importing the same package again changes nothing.
        let (code, out, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json"])
            .arg(&package));
        assert_eq!(code, 0, "{err}");
        let report = json(&out);
        for t in report["tables"].as_array().unwrap() {
            assert_eq!(t["inserted"], 0, "{t}");
            assert_eq!(t["updated"], 0, "{t}");
        }
    })
    .await;
}
