//! A province-sized package reads and validates in one pass (hash sets for
//! uniqueness and references); the time is printed, never asserted.

use std::fmt::Write as _;
use std::fs;
use std::time::Instant;

use maillage_interop::hsds::{NoKnownIds, read_package, validate};

fn uuid(kind: u32, i: u32) -> String {
    format!("{kind:08x}-0000-4000-8000-{i:012x}")
}

#[test]
fn twenty_thousand_organizations_and_sixty_thousand_services() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("datapackage.json"),
        r#"{"resources": [{"name": "organization", "path": "organizations.csv"},
                          {"name": "service", "path": "services.csv"}]}"#,
    )
    .unwrap();
    let mut orgs = String::from("id,name,description,email,website\n");
    for i in 0..20_000 {
        writeln!(
            orgs,
            "{},Organisme {i},\"Aide, soutien\",info{i}@example.org,https://o{i}.example.org",
            uuid(1, i)
        )
        .unwrap();
    }
    fs::write(dir.join("organizations.csv"), orgs).unwrap();
    let mut services = String::from("id,organization_id,name,status,assured_date,last_modified\n");
    for i in 0..60_000 {
        writeln!(
            services,
            "{},{},Service {i},active,2024-03-01,2024-03-01T10:00:00Z",
            uuid(2, i),
            uuid(1, i % 20_000)
        )
        .unwrap();
    }
    fs::write(dir.join("services.csv"), services).unwrap();

    let start = Instant::now();
    let (package, problems) = read_package(dir).unwrap();
    let read = start.elapsed();
    assert_eq!(problems, []);
    let problems = validate(&package, &NoKnownIds);
    assert_eq!(problems, []);
    assert_eq!(package.tables[0].rows.len(), 20_000);
    assert_eq!(package.tables[1].rows.len(), 60_000);
    eprintln!("read {read:?}, read + validate {:?}", start.elapsed());
}
