//! `maillage import hsds`, `export hsds` and `search` against the official
//! Open Referral HSDS 3.0 material (vendored in `vendor/hsds-3.0/`).

use std::path::{Path, PathBuf};

use crate::cli::{for_each_database, json, maillage, run, with_url};

fn official_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/hsds-3.0/examples/csv")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Blanks the cell (file, line, column) of every reported dangling
/// reference: the six of the official example are optional fields.
fn blank_cells(dir: &Path, problems: &[serde_json::Value]) {
    for p in problems {
        let file = dir.join(p["file"].as_str().unwrap());
        let line = usize::try_from(p["line"].as_u64().unwrap()).unwrap();
        let column = p["column"].as_str().unwrap();
        let mut reader = csv::Reader::from_path(&file).unwrap();
        let headers = reader.headers().unwrap().clone();
        let index = headers.iter().position(|h| h == column).unwrap();
        let mut rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let row = &mut rows[line - 2];
        let mut cells: Vec<String> = row.iter().map(str::to_owned).collect();
        cells[index] = String::new();
        *row = csv::StringRecord::from(cells);
        let mut writer = csv::Writer::from_path(&file).unwrap();
        writer.write_record(&headers).unwrap();
        for r in &rows {
            writer.write_record(r).unwrap();
        }
        writer.flush().unwrap();
    }
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, Iterator::count)
}

/// The official example in `dir`/package, as published.
fn official_package(dir: &Path) -> PathBuf {
    let package = dir.join("package");
    copy_dir(&official_example(), &package);
    package
}

/// The official example in `dir`/package with its six dangling references
/// (as `maillage import hsds` reports them) blanked.
fn fixed_package(data: &Path, url: Option<&str>, dir: &Path) -> PathBuf {
    let package = official_package(dir);
    let (code, out, err) = run(with_url(maillage(data), url)
        .args(["import", "hsds", "--json"])
        .arg(&package));
    assert_eq!(code, 1, "{err}");
    let problems = json(&out)["problems"].as_array().unwrap().clone();
    blank_cells(&package, &problems);
    package
}

#[tokio::test]
async fn the_official_example_is_refused_whole_as_published() {
    for_each_database(|data, url| {
        let tmp = tempfile::tempdir().unwrap();
        let package = official_package(tmp.path());

        // As published: six dangling references, each named; nothing written.
        let (code, out, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json"])
            .arg(&package));
        assert_eq!(code, 1, "{err}");
        let report = json(&out);
        assert_eq!(report["ok"], false);
        let problems = report["problems"].as_array().unwrap().clone();
        assert_eq!(problems.len(), 6, "{problems:#?}");
        let mut named: Vec<String> = problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{}",
                    p["file"].as_str().unwrap(),
                    p["column"].as_str().unwrap()
                )
            })
            .collect();
        named.sort();
        assert_eq!(
            named,
            [
                "contacts.csv:organization_id",
                "contacts.csv:service_at_location_id",
                "locations.csv:organization_id",
                "organizations.csv:parent_organization_id",
                "taxonomy_terms.csv:parent_id",
                "taxonomy_terms.csv:taxonomy_id",
            ]
        );
        assert!(problems.iter().all(|p| p["line"] == 2));
        let (_, out, _) = run(with_url(maillage(data), url).args(["search", "Example", "--json"]));
        assert_eq!(
            json(&out)["hits"].as_array().unwrap().len(),
            0,
            "a refused package writes nothing"
        );
    })
    .await;
}

#[tokio::test]
async fn the_fixed_example_imports_after_a_dry_run_and_is_found() {
    for_each_database(|data, url| {
        let tmp = tempfile::tempdir().unwrap();
        let package = fixed_package(data, url, tmp.path());

        // Fixed: a dry run reports and writes nothing, then the import.
        let (code, out, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json", "--dry-run"])
            .arg(&package));
        assert_eq!(code, 0, "{err}");
        assert_eq!(json(&out)["dry_run"], true);
        let (_, out, _) = run(with_url(maillage(data), url).args(["search", "Example", "--json"]));
        assert_eq!(
            json(&out)["hits"].as_array().unwrap().len(),
            0,
            "a dry run writes nothing"
        );

        let (code, out, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json"])
            .arg(&package));
        assert_eq!(code, 0, "{err}");
        let report = json(&out);
        let inserted: u64 = report["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["inserted"].as_u64().unwrap())
            .sum();
        assert_eq!(inserted, 21, "one row per table");

        // Searchable as soon as the command returns.
        let (code, out, _) =
            run(with_url(maillage(data), url).args(["search", "example organisation", "--json"]));
        assert_eq!(code, 0);
        let hits = json(&out);
        assert_eq!(hits["query"], "example organisation");
        assert_eq!(
            hits["hits"][0]["id"], "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
            "{hits}"
        );
        assert_eq!(hits["hits"][0]["kind"], "organization");
        assert!(hits["hits"][0]["score"].as_f64().unwrap().is_finite());
    })
    .await;
}

#[tokio::test]
async fn the_imported_example_exports_and_imports_back_unchanged() {
    for_each_database(|data, url| {
        let tmp = tempfile::tempdir().unwrap();
        let package = fixed_package(data, url, tmp.path());
        let (code, _, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json"])
            .arg(&package));
        assert_eq!(code, 0, "{err}");

        // Export: every file comes back with the same values.
        let export = tmp.path().join("export");
        let (code, _, err) = run(with_url(maillage(data), url)
            .args(["export", "hsds"])
            .arg(&export));
        assert_eq!(code, 0, "{err}");
        for entry in std::fs::read_dir(&package).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if Path::new(&name).extension().is_none_or(|e| e != "csv") {
                continue;
            }
            let original = read_table(&package.join(&name));
            let exported = read_table(&export.join(&name));
            assert_eq!(original, exported, "{name} comes back unchanged");
        }
        let descriptor: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(export.join("datapackage.json")).unwrap(),
        )
        .unwrap();
        let listed: Vec<&str> = descriptor["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap())
            .collect();
        assert_eq!(
            listed.len() + 1,
            count_files(&export),
            "datapackage.json lists exactly the files written"
        );

        // An import of the export changes nothing.
        let (code, out, err) = run(with_url(maillage(data), url)
            .args(["import", "hsds", "--json"])
            .arg(&export));
        assert_eq!(code, 0, "{err}");
        for t in json(&out)["tables"].as_array().unwrap() {
            assert_eq!(t["inserted"], 0, "{t}");
            assert_eq!(t["updated"], 0, "{t}");
        }

        // A non-empty directory is refused without --force.
        let (code, _, err) = run(with_url(maillage(data), url)
            .args(["export", "hsds"])
            .arg(&export));
        assert_eq!(code, 2, "{err}");
        let (code, _, _) = run(with_url(maillage(data), url)
            .args(["export", "hsds", "--force"])
            .arg(&export));
        assert_eq!(code, 0);
    })
    .await;
}

/// Rows of a CSV file as maps (column order may differ, values may not).
fn read_table(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    let mut rows: Vec<_> = reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn bad_paths_and_bad_packages_are_refused_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, out, err) = run(maillage(&data).args(["import", "hsds", "/nonexistent/package"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    let file = tmp.path().join("not-a-package.txt");
    std::fs::write(&file, "hello").unwrap();
    let (code, _, err) = run(maillage(&data).args(["import", "hsds"]).arg(&file));
    assert_eq!(code, 2, "{err}");

    // One good table and one broken: nothing at all is written.
    let package = tmp.path().join("p");
    copy_dir(&official_example(), &package);
    let services = package.join("services.csv");
    let text = std::fs::read_to_string(&services).unwrap();
    std::fs::write(
        &services,
        text.replacen("ac148810-d857-441c-9679-408f346de14b", "pas-un-uuid", 1),
    )
    .unwrap();
    let (code, out, _) = run(maillage(&data)
        .args(["import", "hsds", "--json"])
        .arg(&package));
    assert_eq!(code, 2, "an id that is not a UUID is malformed input");
    let problems = json(&out)["problems"].as_array().unwrap().clone();
    assert!(
        problems
            .iter()
            .any(|p| p["file"] == "services.csv" && p["column"] == "id" && p["line"] == 2),
        "{problems:#?}"
    );
    let (_, out, _) = run(maillage(&data).args(["search", "Example", "--json"]));
    assert!(json(&out)["hits"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn search_contract_shapes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert_eq!(run(maillage(&data).arg("demo")).0, 0);
    for blank in ["", "   ", "!!!", "?,;"] {
        let (code, out, _) = run(maillage(&data).args(["search", blank, "--json"]));
        assert_eq!(code, 0);
        let doc = json(&out);
        assert_eq!(doc["query"], blank);
        assert!(doc["hits"].as_array().unwrap().is_empty(), "{blank:?}");
    }
    let (code, out, _) = run(maillage(&data).args(["search", "crepas", "--limit", "3", "--json"]));
    assert_eq!(code, 0);
    let doc = json(&out);
    let hits = doc["hits"].as_array().unwrap();
    assert!(hits.len() <= 3);
    assert_eq!(hits[0]["kind"], "organization");
    assert!(
        hits[0]["name"]
            .as_str()
            .unwrap()
            .contains("abandon scolaire"),
        "{doc}"
    );
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    let (code, _, _) = run(maillage(&data).args(["search", "x", "--limit", "0"]));
    assert_eq!(code, 2);
}

mod nodes {
    use maillage_domain::Role;
    use maillage_domain::directory::OrganizationInput;
    use maillage_store::repo::audit::Actor;
    use maillage_store::repo::organizations;

    use crate::harness::TestApp;
    use maillage_test_macros::db_test;

    async fn hit_ids(app: &TestApp, query: &str) -> Vec<String> {
        let client = app.client();
        let doc: serde_json::Value = client
            .get(&format!("/api/v1/search?q={query}"))
            .await
            .json()
            .await
            .unwrap_or_default();
        doc["hits"]
            .as_array()
            .map(|h| {
                h.iter()
                    .filter_map(|x| x["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[db_test]
    async fn a_write_on_one_node_is_found_on_every_node(app: &TestApp) {
        let other = app.second_node().await;
        let _ = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
        let id = organizations::create_organization(
            &app.store,
            &Actor::system(),
            &OrganizationInput {
                name: "Maison des familles de Larouche".into(),
                description: "Halte-garderie et ateliers pour les parents.".into(),
                ..OrganizationInput::default()
            },
        )
        .await
        .unwrap();
        // The writing node applies its change at once when asked; the other
        // follows the change log on its own.
        app.sync_search().await;
        assert_eq!(
            hit_ids(app, "maison familles larouche").await.first(),
            Some(&id)
        );
        let mut found = false;
        for _ in 0..100 {
            if hit_ids(&other, "maison familles larouche").await.first() == Some(&id) {
                found = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            found,
            "the second node finds the organization written by the first"
        );
        other.stop().await;
    }
}

const ORG_ID: &str = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
const SERVICE_ID: &str = "ac148810-d857-441c-9679-408f346de14b";

/// A small valid package written from scratch: one organization, one
/// service; `services` is the body of services.csv after its header.
fn small_package(dir: &Path, services: &[u8]) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("datapackage.json"),
        r#"{"name": "p", "resources": [
            {"name": "organization", "path": "organizations.csv"},
            {"name": "service", "path": "services.csv"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("organizations.csv"),
        format!("id,name,description\n{ORG_ID},Café des parents,Un lieu\n"),
    )
    .unwrap();
    let mut csv = b"id,organization_id,name,status,assured_date\n".to_vec();
    csv.extend_from_slice(services);
    std::fs::write(dir.join("services.csv"), csv).unwrap();
}

fn good_service() -> String {
    format!("{SERVICE_ID},{ORG_ID},Halte-garderie,active,2024-05-01\n")
}

/// Malformed input exits 2, a well-formed package that breaks the
/// descriptor's rules exits 1; either way every problem is reported and
/// nothing is written.
#[tokio::test]
async fn malformed_packages_exit_2_and_broken_rules_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let good = tmp.path().join("good");
    small_package(&good, good_service().as_bytes());
    let (code, _, err) = run(maillage(&data)
        .args(["import", "hsds", "--dry-run"])
        .arg(&good));
    assert_eq!(code, 0, "the base package is valid: {err}");

    let no_descriptor = tmp.path().join("no-descriptor");
    small_package(&no_descriptor, good_service().as_bytes());
    std::fs::remove_file(no_descriptor.join("datapackage.json")).unwrap();

    let bad_json = tmp.path().join("bad-json");
    small_package(&bad_json, good_service().as_bytes());
    std::fs::write(bad_json.join("datapackage.json"), "{\"resources\": [").unwrap();

    let latin1 = tmp.path().join("latin1");
    // "café" as Latin-1 writes it: one byte 0xE9, not UTF-8.
    let mut latin1_row = format!("{SERVICE_ID},{ORG_ID},Halte-garderie du caf").into_bytes();
    latin1_row.push(0xE9);
    latin1_row.extend_from_slice(b",active,2024-05-01\n");
    small_package(&latin1, &latin1_row);

    let open_quote = tmp.path().join("open-quote");
    small_package(
        &open_quote,
        format!("{SERVICE_ID},{ORG_ID},\"Halte-garderie,active,2024-05-01\n").as_bytes(),
    );

    let bad_date = tmp.path().join("bad-date");
    small_package(
        &bad_date,
        format!("{SERVICE_ID},{ORG_ID},Halte-garderie,active,2024-13-45\n").as_bytes(),
    );

    for (case, dir, file) in [
        ("no datapackage.json", &no_descriptor, "datapackage.json"),
        ("invalid JSON", &bad_json, "datapackage.json"),
        ("Latin-1 CSV", &latin1, "services.csv"),
        ("unterminated quote", &open_quote, "services.csv"),
        ("bad date", &bad_date, "services.csv"),
    ] {
        let (code, out, err) = run(maillage(&data).args(["import", "hsds", "--json"]).arg(dir));
        assert_eq!(code, 2, "{case}: {err}");
        let report = json(&out);
        assert_eq!(report["ok"], false, "{case}");
        let problems = report["problems"].as_array().unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p["file"] == file && p["kind"] == "malformed"),
            "{case}: {problems:#?}"
        );
        assert!(err.contains(file), "{case} names the file: {err}");
    }

    // Well-formed but refused by the rules: exit 1, each problem reported.
    let rules = tmp.path().join("rules");
    small_package(
        &rules,
        format!(
            "{SERVICE_ID},0bc248fa-dc27-4650-9ba4-8f1a24ef16a2,Halte-garderie,ouvert,\n\
             {SERVICE_ID},{ORG_ID},Halte,active,\n"
        )
        .as_bytes(),
    );
    let (code, out, err) = run(maillage(&data)
        .args(["import", "hsds", "--json"])
        .arg(&rules));
    assert_eq!(code, 1, "{err}");
    let problems = json(&out)["problems"].as_array().unwrap().clone();
    let columns: Vec<&str> = problems
        .iter()
        .map(|p| {
            assert_eq!(p["kind"], "refused", "{p}");
            p["column"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        columns,
        ["organization_id", "status", "id"],
        "{problems:#?}"
    );

    // A package with both kinds is malformed first; every problem is still listed.
    std::fs::write(
        rules.join("organizations.csv"),
        format!("id,name,description\n{ORG_ID},Café,Un lieu,de trop\n"),
    )
    .unwrap();
    let (code, out, _) = run(maillage(&data)
        .args(["import", "hsds", "--json"])
        .arg(&rules));
    assert_eq!(code, 2);
    assert_eq!(json(&out)["problems"].as_array().unwrap().len(), 4);

    let (_, out, _) = run(maillage(&data).args(["search", "Halte", "--json"]));
    assert!(
        json(&out)["hits"].as_array().unwrap().is_empty(),
        "nothing written"
    );
}

/// The demo's contact details (locations, addresses, phones, schedules,
/// points of service) are valid HSDS: the export imports back, whole and
/// unchanged, into the same database and into an empty one.
#[tokio::test]
async fn the_demo_with_its_contacts_exports_and_imports_back_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert_eq!(run(maillage(&data).arg("demo")).0, 0);
    let export = tmp.path().join("export");
    let (code, _, err) = run(maillage(&data).args(["export", "hsds"]).arg(&export));
    assert_eq!(code, 0, "{err}");
    for (file, at_least) in [
        ("locations.csv", 80),
        ("addresses.csv", 80),
        ("phones.csv", 80),
        ("schedules.csv", 60),
        ("service_at_location.csv", 60),
    ] {
        let rows = read_table(&export.join(file));
        assert!(rows.len() >= at_least, "{file}: {}", rows.len());
    }
    let addresses = read_table(&export.join("addresses.csv"));
    assert!(addresses.iter().all(|a| a["state_province"] == "QC"
        && a["country"] == "CA"
        && a["postal_code"].len() == 7));
    let (code, out, err) = run(maillage(&data)
        .args(["import", "hsds", "--json"])
        .arg(&export));
    assert_eq!(code, 0, "{err}");
    for t in json(&out)["tables"].as_array().unwrap() {
        assert_eq!(t["inserted"], 0, "{t}");
        assert_eq!(t["updated"], 0, "{t}");
    }
    let other = tmp.path().join("other");
    let (code, _, err) = run(maillage(&other)
        .args(["import", "hsds", "--json"])
        .arg(&export));
    assert_eq!(code, 0, "a fresh database takes the demo's export: {err}");
}
