//! Broken packages: every problem is reported with its file, line and
//! column, and nothing else goes wrong.

use std::fs;
use std::path::{Path, PathBuf};

use maillage_interop::hsds::{NoKnownIds, ReadError, read_package, validate};
use tempfile::TempDir;

use super::{files_of, messages, write_zip};

const ORG1: &str = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
const ORG2: &str = "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2";
const SVC1: &str = "ac148810-d857-441c-9679-408f346de14b";
const SVC2: &str = "e94c9f38-1e8f-4564-91d4-d53501ab1765";
const SVC3: &str = "93eaf18d-1cd2-4ec7-bffb-3c9172ee5070";

const DESCRIPTOR: &str = r#"{
  "name": "test",
  "resources": [
    {"name": "organization", "path": "organizations.csv"},
    {"name": "service", "path": "services.csv"}
  ]
}"#;

fn organizations() -> String {
    format!(
        "id,name,description,email,website\n\
         {ORG1},Maison des familles,Entraide,info@maison.example,https://maison.example\n\
         {ORG2},CPE Jonquière,\"Garde, éducation\",,\n"
    )
}

fn services() -> String {
    format!(
        "id,organization_id,name,status,url,email,assured_date\n\
         {SVC1},{ORG1},Halte-garderie,active,https://maison.example/halte,,2023-01-31\n\
         {SVC2},{ORG1},Cuisine collective,inactive,,cuisine@maison.example,\n\
         {SVC3},{ORG2},Poupons,temporarily closed,,,\n"
    )
}

/// A valid two-table package in a fresh directory.
fn package() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("package");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("datapackage.json"), DESCRIPTOR).unwrap();
    fs::write(dir.join("organizations.csv"), organizations()).unwrap();
    fs::write(dir.join("services.csv"), services()).unwrap();
    (tmp, dir)
}

/// Read and validation problems of the package at `path`.
fn problems(path: &Path) -> Vec<String> {
    let (package, mut problems) = read_package(path).unwrap();
    problems.extend(validate(&package, &NoKnownIds));
    messages(&problems)
}

/// The valid package with `services.csv` edited.
fn with_services(edit: impl FnOnce(String) -> String) -> Vec<String> {
    let (_tmp, dir) = package();
    fs::write(dir.join("services.csv"), edit(services())).unwrap();
    problems(&dir)
}

#[test]
fn the_base_package_is_valid() {
    let (_tmp, dir) = package();
    assert_eq!(problems(&dir), Vec::<String>::new());
}

#[test]
fn missing_required_column() {
    let got = with_services(|s| {
        s.lines()
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                format!(
                    "{},{},{},{},{},{}\n",
                    cells[0], cells[1], cells[2], cells[4], cells[5], cells[6]
                )
            })
            .collect::<Vec<_>>()
            .concat()
    });
    assert_eq!(
        got,
        ["services.csv, line 1, column status: a required column is missing from the header"]
    );
}

#[test]
fn required_value_empty() {
    let got = with_services(|s| s.replace(",Cuisine collective,", ",,"));
    assert_eq!(
        got,
        ["services.csv, line 3, column name: a value is required"]
    );
}

#[test]
fn unknown_organization() {
    let unknown = "11111111-2222-3333-4444-555555555555";
    let got = with_services(|s| s.replace(&format!("{SVC3},{ORG2}"), &format!("{SVC3},{unknown}")));
    assert_eq!(
        got,
        [format!(
            "services.csv, line 4, column organization_id: no organization has the id `{unknown}` \
             (neither in organizations.csv nor among existing records)"
        )]
    );
    // The same reference is fine when the organization exists elsewhere.
    let (_tmp, dir) = package();
    fs::write(dir.join("services.csv"), services().replace(ORG2, unknown)).unwrap();
    let (package, read) = read_package(&dir).unwrap();
    assert!(read.is_empty());
    let known = |r: &str, id: &str| r == "organization" && id == unknown;
    assert_eq!(validate(&package, &known), []);
}

#[test]
fn invalid_uuid() {
    let got = with_services(|s| s.replace(SVC2, "svc-2"));
    assert_eq!(
        got,
        [
            "services.csv, line 3, column id: `svc-2` is not a valid UUID (expected 8-4-4-4-12 \
          hexadecimal digits)"
        ]
    );
}

#[test]
fn bad_email() {
    let got = with_services(|s| s.replace("cuisine@maison.example", "cuisine at maison"));
    assert_eq!(
        got,
        [
            "services.csv, line 3, column email: `cuisine at maison` is not a valid e-mail address \
          (expected an address such as name@example.org, without spaces)"
        ]
    );
}

#[test]
fn bad_url() {
    let got = with_services(|s| s.replace("https://maison.example/halte", "maison.example/halte"));
    assert_eq!(
        got,
        [
            "services.csv, line 2, column url: `maison.example/halte` is not a valid URI (expected \
          an absolute URI with a scheme, such as https://example.org/)"
        ]
    );
}

#[test]
fn bad_date() {
    let got = with_services(|s| s.replace("2023-01-31", "2023-02-30"));
    assert_eq!(
        got,
        [
            "services.csv, line 2, column assured_date: `2023-02-30` is not a valid date (expected \
          YYYY-MM-DD)"
        ]
    );
}

#[test]
fn enum_violation() {
    let got = with_services(|s| s.replace(",inactive,", ",closed,"));
    assert_eq!(
        got,
        [
            "services.csv, line 3, column status: `closed` is not an allowed value (expected one of: \
          `active`, `inactive`, `defunct`, `temporarily closed`)"
        ]
    );
}

#[test]
fn duplicate_id() {
    let got = with_services(|s| s.replace(SVC3, SVC1));
    assert_eq!(
        got,
        [format!(
            "services.csv, line 4, column id: `{SVC1}` is already on line 2; each value must be unique"
        )]
    );
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let got = with_services(|s| {
        s.replace(SVC3, SVC1)
            .replace("2023-01-31", "2023-02-30")
            .replace(",inactive,", ",,")
    });
    assert_eq!(
        got,
        [
            "services.csv, line 2, column assured_date: `2023-02-30` is not a valid date (expected YYYY-MM-DD)",
            "services.csv, line 3, column status: a value is required",
            &format!(
                "services.csv, line 4, column id: `{SVC1}` is already on line 2; each value must be unique"
            ),
        ]
    );
}

#[test]
fn non_utf8_file() {
    let (_tmp, dir) = package();
    let latin1 = organizations()
        .replace("CPE Jonquière", "CPE Jonqui\u{0}re")
        .into_bytes();
    let latin1: Vec<u8> = latin1
        .into_iter()
        .map(|b| if b == 0 { 0xE8 } else { b })
        .collect();
    fs::write(dir.join("organizations.csv"), latin1).unwrap();
    assert_eq!(
        problems(&dir),
        [
            "organizations.csv, line 3, column name: the value is not valid UTF-8 (the file must be \
          encoded in UTF-8)"
        ]
    );
}

#[test]
fn bom_and_crlf_are_fine() {
    let (_tmp, dir) = package();
    let text = format!("\u{feff}{}", services().replace('\n', "\r\n"));
    fs::write(dir.join("services.csv"), text).unwrap();
    assert_eq!(problems(&dir), Vec::<String>::new());
}

#[test]
fn file_over_the_size_limit_is_refused_unread() {
    let (_tmp, dir) = package();
    // Sparse: 200 MB on paper, nothing on disk, and never read.
    let file = fs::File::create(dir.join("services.csv")).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    assert_eq!(
        problems(&dir),
        ["services.csv: the file is 209715200 bytes, more than the limit of 128 MiB per file"]
    );
}

#[test]
fn zip_entry_escaping_the_package() {
    let (tmp, dir) = package();
    let zip = tmp.path().join("evil.zip");
    let mut entries: Vec<(String, Vec<u8>)> = files_of(&dir);
    entries.push(("../evil.csv".to_owned(), b"id\n1\n".to_vec()));
    entries.push(("/tmp/abs.csv".to_owned(), b"id\n1\n".to_vec()));
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    write_zip(&zip, &refs);
    let before = names_under(tmp.path());
    assert_eq!(
        problems(&zip),
        [
            "../evil.csv: path escapes the package: entries must be relative paths without `..`",
            "/tmp/abs.csv: path escapes the package: entries must be relative paths without `..`",
        ]
    );
    // Nothing was extracted anywhere.
    assert_eq!(names_under(tmp.path()), before);
    assert!(!tmp.path().join("evil.csv").exists());
}

fn names_under(dir: &Path) -> Vec<PathBuf> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            names.extend(names_under(&path));
        }
        names.push(path);
    }
    names.sort();
    names
}

#[test]
fn zip_of_a_directory() {
    let (tmp, dir) = package();
    let zip = tmp.path().join("package.zip");
    let entries = files_of(&dir);
    let names: Vec<String> = entries
        .iter()
        .map(|(n, _)| format!("package/{n}"))
        .collect();
    let refs: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&entries)
        .map(|(n, (_, b))| (n.as_str(), &b[..]))
        .collect();
    write_zip(&zip, &refs);
    assert_eq!(problems(&zip), Vec::<String>::new());
    let (package, _) = read_package(&zip).unwrap();
    assert_eq!(package.tables.len(), 2);
    assert_eq!(package.tables[1].rows.len(), 3);
    assert_eq!(
        package.tables[0].rows[1].values["description"],
        "Garde, éducation"
    );
}

#[test]
fn zip_with_too_many_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("many.zip");
    let names: Vec<String> = (0..101).map(|i| format!("f{i}.txt")).collect();
    let refs: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    write_zip(&zip, &refs);
    assert_eq!(
        problems(&zip),
        ["many.zip: the zip holds 101 entries, more than the 100 accepted"]
    );
}

#[test]
fn unknown_file() {
    let (_tmp, dir) = package();
    fs::write(dir.join("notes.txt"), "hello").unwrap();
    fs::write(dir.join("Services.CSV"), "x").unwrap();
    assert_eq!(
        problems(&dir),
        [
            "Services.CSV: unknown file: a package holds only datapackage.json and CSV files named \
             as in the HSDS 3.0 descriptor (organizations.csv, services.csv...); did you mean \
             services.csv?",
            "notes.txt: unknown file: a package holds only datapackage.json and CSV files named as \
             in the HSDS 3.0 descriptor (organizations.csv, services.csv...)",
        ]
    );
}

#[test]
fn unknown_column() {
    let got = with_services(|s| {
        s.lines()
            .enumerate()
            .map(|(i, l)| format!("{l},{}\n", if i == 0 { "colour" } else { "blue" }))
            .collect::<Vec<_>>()
            .concat()
    });
    assert_eq!(
        got,
        [
            "services.csv, line 1, column colour: unknown column: services.csv has no column `colour` \
          in HSDS 3.0"
        ]
    );
}

#[test]
fn row_with_too_many_cells() {
    let got = with_services(|s| s.replace(",cuisine@maison.example,", ",cuisine@maison.example,,"));
    assert_eq!(
        got,
        ["services.csv, line 3: the row has 8 cells, but the header has 7"]
    );
}

#[test]
fn missing_datapackage_json() {
    let (_tmp, dir) = package();
    fs::remove_file(dir.join("datapackage.json")).unwrap();
    assert_eq!(
        problems(&dir),
        [
            "datapackage.json: the package has no datapackage.json (it must list the package's tables)"
        ]
    );
}

#[test]
fn descriptor_and_files_disagree() {
    let (_tmp, dir) = package();
    let descriptor = DESCRIPTOR
        .replace(r#"{"name": "service", "path": "services.csv"}"#,
                 r#"{"name": "location", "path": "locations.csv"}, {"name": "program", "path": "program.csv"}, {"name": "thing", "path": "things.csv"}"#);
    fs::write(dir.join("datapackage.json"), descriptor).unwrap();
    assert_eq!(
        problems(&dir),
        [
            "datapackage.json: resource `program` has the path `program.csv`, but HSDS 3.0 names \
             its file `programs.csv`",
            "datapackage.json: resource 4 `thing` is not a table of HSDS 3.0",
            "datapackage.json: lists the resource `location` (locations.csv), but the package has \
             no locations.csv",
            "datapackage.json: lists the resource `program` (programs.csv), but the package has no \
             programs.csv",
            "services.csv: the file is not listed in the resources of datapackage.json",
        ]
    );
}

#[test]
fn malformed_datapackage_json() {
    let (_tmp, dir) = package();
    fs::write(
        dir.join("datapackage.json"),
        "{\n  \"resources\": [\n    {\"name\": }\n  ]\n}\n",
    )
    .unwrap();
    let got = problems(&dir);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("datapackage.json, line 3: the file is not valid JSON: "),
        "{got:?}"
    );

    fs::write(dir.join("datapackage.json"), "[]").unwrap();
    assert_eq!(
        problems(&dir),
        [
            "datapackage.json: expected a JSON object with a `resources` list (one entry per CSV file)"
        ]
    );
}

#[test]
fn paths_that_are_not_packages() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nowhere");
    assert!(matches!(read_package(&missing), Err(ReadError::NotFound(p)) if p == missing));

    let text = tmp.path().join("package.csv");
    fs::write(&text, "id\n").unwrap();
    assert!(matches!(read_package(&text), Err(ReadError::NotADirectoryOrZip(p)) if p == text));

    let fake = tmp.path().join("fake.zip");
    fs::write(&fake, "not a zip").unwrap();
    assert!(matches!(read_package(&fake), Err(ReadError::BadZip(_))));

    let truncated = tmp.path().join("truncated.zip");
    fs::write(&truncated, b"PK\x03\x04 and then nothing").unwrap();
    let err = read_package(&truncated).unwrap_err();
    assert!(matches!(err, ReadError::BadZip(_)), "{err}");
}

#[test]
fn an_unreadable_table_is_left_out_and_reading_goes_on() {
    let (_tmp, dir) = package();
    fs::write(dir.join("organizations.csv"), "").unwrap();
    fs::write(dir.join("notes.txt"), "").unwrap();
    let got = problems(&dir);
    assert_eq!(
        got[0],
        "notes.txt: unknown file: a package holds only datapackage.json and CSV files named as in the HSDS 3.0 descriptor (organizations.csv, services.csv...)"
    );
    assert_eq!(
        got[1],
        "organizations.csv: the file is empty (expected a header line)"
    );
    // Without organizations, the services' references cannot be satisfied.
    assert_eq!(got.len(), 5, "{got:#?}");
}
