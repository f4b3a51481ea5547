//! The official example package: as published it has six dangling
//! references; fixed, it validates and round-trips through an export.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use maillage_domain::hsds::{self, TABLES};
use maillage_interop::hsds::{NoKnownIds, Package, validate, write_package};
use serde_json::Value;

use super::{example_dir, files_of, messages, read_clean, write_zip};

const ORGANIZATION: &str = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
const SERVICE_AT_LOCATION: &str = "e94c9f38-1e8f-4564-91d4-d53501ab1765";
const TAXONOMY: &str = "5c4d79d7-cc55-470e-9f1f-8cad074e4892";

/// (file, column, dangling id, replacement): the six references of the
/// published example to rows it does not contain. Optional parents are
/// blanked, the others point to the example's own rows.
const DANGLING: [(&str, &str, &str, &str); 6] = [
    (
        "organizations.csv",
        "parent_organization_id",
        "cd09a387-91f4-4555-94ec-e799c35344cd",
        "",
    ),
    (
        "locations.csv",
        "organization_id",
        "985e4a42-bd9f-4edc-911d-0243a4640aca",
        ORGANIZATION,
    ),
    (
        "contacts.csv",
        "organization_id",
        "ae67a707-5893-4225-b0b1-320ab9cb596b",
        ORGANIZATION,
    ),
    (
        "contacts.csv",
        "service_at_location_id",
        "93eaf18d-1cd2-4ec7-bffb-3c9172ee5070",
        SERVICE_AT_LOCATION,
    ),
    (
        "taxonomy_terms.csv",
        "taxonomy_id",
        "07ff6aee-a219-438c-b694-d2fcb6c5373b",
        TAXONOMY,
    ),
    (
        "taxonomy_terms.csv",
        "parent_id",
        "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2",
        "",
    ),
];

/// A copy of the example in `dir` with the six references fixed.
fn fixed_copy(dir: &Path) {
    for (name, bytes) in files_of(&example_dir()) {
        let mut text = String::from_utf8(bytes).unwrap();
        for (file, _, dangling, replacement) in DANGLING {
            if file == name {
                assert_eq!(text.matches(dangling).count(), 1, "{dangling} in {file}");
                text = text.replace(dangling, replacement);
            }
        }
        fs::write(dir.join(&name), text).unwrap();
    }
}

/// Every row's values, table by table.
type Values = Vec<(&'static str, Vec<Vec<(&'static str, String)>>)>;

fn values(package: &Package) -> Values {
    package
        .tables
        .iter()
        .map(|t| {
            let rows = t
                .rows
                .iter()
                .map(|r| r.values.clone().into_iter().collect())
                .collect();
            (t.table.name, rows)
        })
        .collect()
}

#[test]
fn the_published_example_has_exactly_six_dangling_references() {
    let package = read_clean(&example_dir());
    assert_eq!(package.tables.len(), TABLES.len());
    let order: Vec<&str> = package.tables.iter().map(|t| t.table.name).collect();
    let expected: Vec<&str> = hsds::import_order().iter().map(|t| t.name).collect();
    assert_eq!(order, expected);

    let problems = validate(&package, &NoKnownIds);
    let found: BTreeSet<(String, Option<u64>, Option<String>)> = problems
        .iter()
        .map(|p| (p.file.clone(), p.line, p.column.clone()))
        .collect();
    let wanted: BTreeSet<(String, Option<u64>, Option<String>)> = DANGLING
        .iter()
        .map(|(file, column, _, _)| ((*file).to_owned(), Some(2), Some((*column).to_owned())))
        .collect();
    assert_eq!(problems.len(), 6, "{:#?}", messages(&problems));
    assert_eq!(found, wanted);
    for (file, column, dangling, _) in DANGLING {
        let p = problems
            .iter()
            .find(|p| p.file == file && p.column.as_deref() == Some(column));
        let message = p.unwrap().to_string();
        assert!(
            message.starts_with(&format!("{file}, line 2, column {column}: no ")),
            "{message}"
        );
        assert!(message.contains(&format!("`{dangling}`")), "{message}");
    }
    // Known ids satisfy them.
    let known = |_: &str, id: &str| DANGLING.iter().any(|d| d.2 == id);
    assert_eq!(validate(&package, &known), []);
}

#[test]
fn the_fixed_example_validates_and_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let fixed = tmp.path().join("fixed");
    fs::create_dir(&fixed).unwrap();
    fixed_copy(&fixed);
    let package = read_clean(&fixed);
    assert_eq!(
        messages(&validate(&package, &NoKnownIds)),
        Vec::<String>::new()
    );

    let out = tmp.path().join("out");
    let report = write_package(&out, &package, false).unwrap();
    assert_eq!(report.files.len(), TABLES.len());
    assert!(report.files.iter().all(|f| f.rows == 1));
    let paths: Vec<&str> = report.files.iter().map(|f| f.path).collect();
    let descriptor_order: Vec<&str> = TABLES.iter().map(|t| t.path).collect();
    assert_eq!(paths, descriptor_order);

    let again = read_clean(&out);
    assert_eq!(validate(&again, &NoKnownIds), []);
    assert_eq!(values(&again), values(&package));

    // The example's columns are the descriptor's, in its order: the files
    // come back byte for byte but for the line ends (CRLF → LF).
    for (name, bytes) in files_of(&fixed) {
        if Path::new(&name).extension().is_some_and(|e| e == "csv") {
            let original = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
            let written = fs::read_to_string(out.join(&name)).unwrap();
            assert_eq!(written, original, "{name}");
        }
    }

    // A second export of the re-read package is identical.
    let out2 = tmp.path().join("out2");
    write_package(&out2, &again, false).unwrap();
    assert_eq!(files_of(&out2), files_of(&out));
}

#[test]
fn the_exported_descriptor_declares_exactly_the_written_files_and_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let fixed = tmp.path().join("fixed");
    fs::create_dir(&fixed).unwrap();
    fixed_copy(&fixed);
    let package = read_clean(&fixed);
    let out = tmp.path().join("out");
    write_package(&out, &package, false).unwrap();
    check_descriptor_matches_files(&out);

    // Against the official descriptor: same resources, columns, types,
    // constraints and keys.
    let ours: Value =
        serde_json::from_str(&fs::read_to_string(out.join("datapackage.json")).unwrap()).unwrap();
    let official: Value = serde_json::from_str(
        &fs::read_to_string(super::official().join("datapackage.json")).unwrap(),
    )
    .unwrap();
    for key in [
        "name",
        "title",
        "description",
        "profile",
        "version",
        "homepage",
        "license",
    ] {
        assert_eq!(ours[key], official[key], "{key}");
    }
    let ours = ours["resources"].as_array().unwrap();
    let official = official["resources"].as_array().unwrap();
    assert_eq!(ours.len(), official.len());
    for (o, r) in ours.iter().zip(official) {
        for key in [
            "name",
            "path",
            "description",
            "profile",
            "format",
            "mediatype",
        ] {
            assert_eq!(o[key], r[key], "{} {key}", r["name"]);
        }
        let mut r_schema = r["schema"].clone();
        for f in r_schema["fields"].as_array_mut().unwrap() {
            let f = f.as_object_mut().unwrap();
            f.remove("example");
            f.remove("core");
        }
        assert_eq!(o["schema"], r_schema, "{}", r["name"]);
    }

    // A partial package declares only its own files and the foreign keys
    // between them.
    let some = Package {
        tables: package
            .tables
            .iter()
            .filter(|t| matches!(t.table.name, "organization" | "service"))
            .cloned()
            .collect(),
    };
    let partial = tmp.path().join("partial");
    let report = write_package(&partial, &some, false).unwrap();
    assert_eq!(
        report.files.iter().map(|f| f.path).collect::<Vec<_>>(),
        ["organizations.csv", "services.csv"]
    );
    check_descriptor_matches_files(&partial);
    let d: Value =
        serde_json::from_str(&fs::read_to_string(partial.join("datapackage.json")).unwrap())
            .unwrap();
    assert!(d["resources"][0]["schema"].get("foreignKeys").is_none());
    assert_eq!(
        d["resources"][1]["schema"]["foreignKeys"],
        serde_json::json!([{"fields": "organization_id", "reference": {"resource": "organization", "fields": "id"}}])
    );
}

fn check_descriptor_matches_files(dir: &Path) {
    let d: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("datapackage.json")).unwrap()).unwrap();
    let resources = d["resources"].as_array().unwrap();
    let declared: BTreeSet<String> = resources
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    let present: BTreeSet<String> = files_of(dir)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n != "datapackage.json")
        .collect();
    assert_eq!(declared, present);
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let text = fs::read_to_string(dir.join(path)).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields, "{path}");
    }
}

#[test]
fn a_zip_of_the_package_reads_like_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let fixed = tmp.path().join("fixed");
    fs::create_dir(&fixed).unwrap();
    fixed_copy(&fixed);
    let from_dir = read_clean(&fixed);
    let files = files_of(&fixed);

    // Files at the root of the zip.
    let flat = tmp.path().join("flat.zip");
    let entries: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    write_zip(&flat, &entries);
    assert_eq!(values(&read_clean(&flat)), values(&from_dir));

    // A zip of the directory itself.
    let nested = tmp.path().join("nested.zip");
    let names: Vec<String> = files
        .iter()
        .map(|(n, _)| format!("hsds-package/{n}"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&files)
        .map(|(n, (_, b))| (n.as_str(), &b[..]))
        .collect();
    write_zip(&nested, &entries);
    let from_zip = read_clean(&nested);
    assert_eq!(values(&from_zip), values(&from_dir));
    assert_eq!(validate(&from_zip, &NoKnownIds), []);
}

#[test]
fn export_refuses_a_non_empty_directory_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let package = read_clean(&example_dir());
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    write_package(&out, &package, false).unwrap();

    let err = write_package(&out, &package, false).unwrap_err();
    assert!(
        matches!(err, maillage_interop::hsds::WriteError::NotEmpty(_)),
        "{err}"
    );

    // Forced, the directory holds exactly the new package (other files stay).
    fs::write(out.join("notes.txt"), "kept").unwrap();
    fs::write(out.join("old.csv"), "x").unwrap();
    let only_orgs = Package {
        tables: package
            .tables
            .iter()
            .filter(|t| t.table.name == "organization")
            .cloned()
            .collect(),
    };
    write_package(&out, &only_orgs, true).unwrap();
    let names: Vec<String> = files_of(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["datapackage.json", "notes.txt", "organizations.csv"]
    );

    let file = tmp.path().join("file");
    fs::write(&file, "x").unwrap();
    let err = write_package(&file, &package, true).unwrap_err();
    assert!(
        matches!(err, maillage_interop::hsds::WriteError::NotADirectory(_)),
        "{err}"
    );

    // An empty package writes only its descriptor.
    let empty = tmp.path().join("empty");
    let report = write_package(&empty, &Package::default(), false).unwrap();
    assert!(report.files.is_empty());
    let d: Value =
        serde_json::from_str(&fs::read_to_string(empty.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(d["resources"], serde_json::json!([]));
}

#[test]
fn values_that_need_quoting_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let org = hsds::table("organization").unwrap();
    let tricky = [
        "a, b",
        "line\nbreak",
        "crlf\r\nbreak",
        "\"quoted\"",
        " padded ",
        "trailing\n",
        "é ü ß 日本",
        "\u{feff}bom-like",
    ];
    let rows = tricky
        .iter()
        .enumerate()
        .map(|(i, v)| {
            [
                ("id", format!("00000000-0000-0000-0000-{i:012}")),
                ("name", (*v).to_owned()),
                ("description", (*v).to_owned()),
            ]
            .into_iter()
            .collect()
        })
        .collect();
    let package = Package::from_rows([(org, rows)]);
    let out = tmp.path().join("out");
    write_package(&out, &package, false).unwrap();
    let again = read_clean(&out);
    assert_eq!(values(&again), values(&package));
    assert_eq!(validate(&again, &NoKnownIds), []);
    // Lines count the line breaks inside quoted cells.
    let lines: Vec<u64> = again.tables[0].rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 6, 9, 10, 11, 14, 15]);
}
