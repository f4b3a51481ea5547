//! `maillage import attendance` (`docs/architecture.md`) and the upload page:
//! the seed's grid in its clean form and in messy variants, bad grids
//! refused with the cell named, all or nothing — on both databases.

use std::fmt::Write as _;
use std::path::Path;

use maillage_domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::cli::{for_each_database, json, maillage, run, with_url};
use crate::harness::{TestApp, body, location};
use maillage_test_macros::db_test;

/// The grid of seed 004, as the bilan shows it (name column last).
const SEED_GRID: &str = include_str!("../../../interop/tests/fixtures/osons-l-aventure.tsv");

fn seed_rows() -> Vec<(bool, bool, String)> {
    SEED_GRID
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            (cells[0] == "x", cells[1] == "x", cells[2].to_owned())
        })
        .collect()
}

/// Accents dropped, lower case, a typo in a long word, dates written
/// otherwise, name column first, CSV with a BOM and CRLF, other marks.
fn messy_csv() -> String {
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                'é' | 'è' | 'ê' | 'É' => 'e',
                'à' | 'â' => 'a',
                'î' | 'ï' => 'i',
                'ô' => 'o',
                'ç' => 'c',
                'û' | 'ù' => 'u',
                other => other,
            })
            .collect()
    };
    let mut out = String::from("\u{feff}Organisation;8 mai 2018;2018-11-27\r\n");
    for (i, (a, b, name)) in seed_rows().into_iter().enumerate() {
        let mut name = fold(&name).to_lowercase();
        if name == "centre alpha de jonquiere" {
            // A typo in a word of 5+ letters.
            "centre alpha de jonqiere".clone_into(&mut name);
        }
        let mark = |p: bool| {
            if !p {
                ""
            } else if i % 3 == 0 {
                "✓"
            } else if i % 3 == 1 {
                "oui"
            } else {
                "X"
            }
        };
        let name = if name.contains(';') || name.contains('"') {
            format!("\"{}\"", name.replace('"', "\"\""))
        } else {
            name
        };
        let _ = write!(out, "{name};{};{}\r\n", mark(a), mark(b));
    }
    out
}

fn import(dir: &Path, url: Option<&str>, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut cmd = with_url(maillage(dir), url);
    cmd.args(["import", "attendance"])
        .arg(file)
        .args(["--event", "Osons l'aventure (test)", "--json"])
        .args(extra);
    run(&mut cmd)
}

fn sessions(report: &Value) -> Vec<(String, u64)> {
    report["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap().to_owned(),
                s["present"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_seed_grid_imports_with_its_exact_counts() {
    for_each_database(|dir, url| {
        let (code, _, err) = run(with_url(maillage(dir), url).args(["demo", "--json"]));
        assert_eq!(code, 0, "{err}");
        let work = dir.parent().unwrap();

        // Clean form (TSV), dry run first: nothing written, full report.
        let tsv = work.join("grille.tsv");
        std::fs::write(&tsv, SEED_GRID).unwrap();
        let (code, out, err) = import(dir, url, &tsv, &["--dry-run"]);
        assert_eq!(code, 0, "{err}");
        let report = json(&out);
        assert_eq!(report["event"], "Osons l'aventure (test)");
        assert_eq!(
            sessions(&report),
            vec![("2018-05-08".to_owned(), 43), ("2018-11-27".to_owned(), 31)]
        );
        assert_eq!(report["distinct_organizations"], 48);
        assert_eq!(report["unmatched"].as_array().unwrap().len(), 0, "{report}");
        assert_eq!(report["ambiguous"].as_array().unwrap().len(), 0, "{report}");
        assert_eq!(report["matched"].as_array().unwrap().len(), 48);
        let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 6, "exactly the contract's keys: {keys:?}");
        let first = &report["matched"][0];
        for k in ["input", "organization_id", "organization", "method"] {
            assert!(first.get(k).is_some(), "{first}");
        }

        // Messy form (CSV, BOM, CRLF, other dates, marks, no accents, a typo).
        let csv = work.join("grille.csv");
        std::fs::write(&csv, messy_csv()).unwrap();
        let (code, out, err) = import(dir, url, &csv, &[]);
        assert_eq!(code, 0, "{err}");
        let report = json(&out);
        assert_eq!(
            sessions(&report),
            vec![("2018-05-08".to_owned(), 43), ("2018-11-27".to_owned(), 31)]
        );
        assert_eq!(report["distinct_organizations"], 48);
        let fuzzy: Vec<&Value> = report["matched"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["method"] == "fuzzy")
            .collect();
        assert!(
            fuzzy
                .iter()
                .any(|m| m["input"] == "centre alpha de jonqiere"),
            "{report}"
        );

        // The confirmed fuzzy match became an alias: it now matches as one.
        let (code, out, _) = import(dir, url, &csv, &["--dry-run"]);
        assert_eq!(code, 0);
        let again = json(&out);
        let typo = again["matched"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["input"] == "centre alpha de jonqiere")
            .unwrap()
            .clone();
        assert_eq!(typo["method"], "alias", "{typo}");

        // XLSX with real date cells.
        let xlsx = work.join("grille.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date_format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
        sheet.write_string(0, 0, "Organisations").unwrap();
        for (col, (y, m, d)) in [(1u16, (2018, 5, 8)), (2, (2018, 11, 27))] {
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
            sheet
                .write_datetime_with_format(0, col, &date, &date_format)
                .unwrap();
        }
        for (i, (a, b, name)) in seed_rows().into_iter().enumerate() {
            let row = u32::try_from(i + 1).unwrap();
            sheet.write_string(row, 0, &name).unwrap();
            if a {
                sheet.write_string(row, 1, "x").unwrap();
            }
            if b {
                sheet.write_number(row, 2, 1.0).unwrap();
            }
        }
        book.save(&xlsx).unwrap();
        let (code, out, err) = import(dir, url, &xlsx, &["--dry-run"]);
        assert_eq!(code, 0, "{err}");
        let report = json(&out);
        assert_eq!(
            sessions(&report),
            vec![("2018-05-08".to_owned(), 43), ("2018-11-27".to_owned(), 31)]
        );
    })
    .await;
}

#[tokio::test]
async fn bad_grids_are_refused_and_nothing_is_written() {
    for_each_database(|dir, url| {
        let (code, _, _) = run(with_url(maillage(dir), url).args(["demo", "--json"]));
        assert_eq!(code, 0);
        let work = dir.parent().unwrap();
        let cases: &[(&str, &str, &str)] = &[
            (
                "empty-header.csv",
                "Organisation,08.05.2018,\nAide-Parents Plus,x,x\n",
                "",
            ),
            (
                "bad-mark.csv",
                "Organisation,08.05.2018\nAide-Parents Plus,x\nPatro de Jonquière,?\n",
                "B3",
            ),
            (
                "impossible.csv",
                "Organisation,31.11.2018\nAide-Parents Plus,x\n",
                "31.11.2018",
            ),
            (
                "not-a-date.csv",
                "Organisation,Séance,08.05.2018\nAide-Parents Plus,x,x\n",
                "Séance",
            ),
        ];
        for (name, text, needle) in cases {
            let file = work.join(name);
            std::fs::write(&file, text).unwrap();
            let (code, out, err) = import(dir, url, &file, &[]);
            assert_eq!(code, 2, "{name}: {err}");
            assert!(out.is_empty(), "{name}: stdout stays empty on exit 2");
            assert!(err.contains(needle), "{name}: {err}");
        }
        let binary = work.join("binaire.csv");
        std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
        let (code, _, err) = import(dir, url, &binary, &[]);
        assert_eq!(code, 2, "{err}");
        let truncated = work.join("tronque.xlsx");
        std::fs::write(&truncated, b"PK\x03\x04\x14\x00\x00\x00").unwrap();
        let (code, _, err) = import(dir, url, &truncated, &[]);
        assert_eq!(code, 2, "{err}");
        let (code, _, _) = import(dir, url, &work.join("absent.csv"), &[]);
        assert_eq!(code, 2);

        // An unknown name: exit 1, the report still printed, nothing written.
        let unknown = work.join("inconnu.csv");
        std::fs::write(
            &unknown,
            "Organisation,08.05.2018\nAide-Parents Plus,x\nOrganisme imaginaire du Saguenay,x\n",
        )
        .unwrap();
        let (code, out, _) = import(dir, url, &unknown, &[]);
        assert_eq!(code, 1);
        let report = json(&out);
        assert_eq!(
            report["unmatched"],
            serde_json::json!(["Organisme imaginaire du Saguenay"])
        );
        // The event was not even created: a second dry run still creates it.
        let named = |out: &str| {
            json(out)["hits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["name"] == "Organisme imaginaire du Saguenay")
        };
        let (code, out, _) = run(with_url(maillage(dir), url).args([
            "search",
            "Organisme imaginaire du Saguenay",
            "--json",
        ]));
        assert_eq!(code, 0);
        assert!(!named(&out), "nothing was created");
        // With --create-missing the organization is created.
        let (code, out, err) = import(dir, url, &unknown, &["--create-missing"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(sessions(&json(&out)), vec![("2018-05-08".to_owned(), 2)]);
        let (_, out, _) = run(with_url(maillage(dir), url).args([
            "search",
            "Organisme imaginaire du Saguenay",
            "--json",
        ]));
        assert!(named(&out), "{out}");
    })
    .await;
}

async fn two_centres(app: &TestApp) -> (String, String) {
    let make = |name: &'static str| maillage_domain::directory::OrganizationInput {
        name: name.to_owned(),
        description: "Centre communautaire.".to_owned(),
        aliases: vec!["CCJ".to_owned()],
        ..Default::default()
    };
    let actor = maillage_store::repo::audit::Actor::system();
    let a = maillage_store::repo::organizations::create_organization(
        &app.store,
        &actor,
        &make("Centre communautaire de Jonquière"),
    )
    .await
    .unwrap();
    let b = maillage_store::repo::organizations::create_organization(
        &app.store,
        &actor,
        &make("Centre culturel de Jonquière"),
    )
    .await
    .unwrap();
    (a, b)
}

#[db_test]
async fn ambiguous_names_are_never_resolved_silently(app: &TestApp) {
    let (a, b) = two_centres(app).await;
    let grid = maillage_interop::grid::read_grid_bytes(
        "grille.csv",
        b"Organisation,08.05.2018\nCCJ,x\nCentre communautaire de Jonquiere,x\n",
        None,
    )
    .unwrap();
    let grid = maillage_interop::attendance::read_attendance(&grid).unwrap();
    let matched = maillage_app::attendance_import::match_grid(&app.store, grid)
        .await
        .unwrap();
    let report = matched.report("Test");
    let candidates = report["ambiguous"][0]["candidates"].as_array().unwrap();
    assert_eq!(report["ambiguous"][0]["input"], "CCJ");
    assert!(
        candidates.contains(&Value::String(a.clone())) && candidates.contains(&Value::String(b))
    );
    assert_eq!(report["matched"][0]["organization_id"], Value::String(a));
    assert!(
        !matched.is_complete(true),
        "--create-missing does not resolve ambiguity"
    );
    assert!(matched.rows(true).is_none());
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn the_upload_page_confirms_before_writing(app: &TestApp) {
    let (a, _) = two_centres(app).await;
    let coordinator = app
        .signed_in("coord-presences@exemple.ca", Role::Coordinator)
        .await;
    let gid = app.grouping("table-de-test").await;
    let event = maillage_store::repo::events::create_event(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &maillage_store::repo::events::EventInput {
            grouping_id: Some(gid),
            title: "Rencontre des partenaires".to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let csrf = coordinator.csrf().await;
    // The token travels in the body, before the file, as the form sends it.
    let upload = |bytes: &'static [u8]| {
        reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("grille.csv"),
            )
    };
    let path = format!("/evenements/{}/presences/importer", event.id);
    // A bad mark: refused, the cell named, nothing written.
    let r = coordinator
        .http
        .post(coordinator.url(&path))
        .multipart(upload(b"Organisation,08.05.2018\nCCJ,peut-etre\n"))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let html = body(r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("B2"), "{html}");
    // The header works too (a script's upload).
    let r = coordinator
        .http
        .post(coordinator.url(&path))
        .header("x-csrf-token", &csrf)
        .multipart(
            reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(&b"Organisation,08.05.2018\nCCJ,peut-etre\n"[..])
                    .file_name("grille.csv"),
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A token in the URL lands in logs and Referer headers: refused, even
    // when it is the right one, and so is an upload without any token.
    let file_only = || {
        reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(&b"Organisation,08.05.2018\nCCJ,x\n"[..])
                .file_name("grille.csv"),
        )
    };
    let r = coordinator
        .http
        .post(coordinator.url(&format!("{path}?csrf={csrf}")))
        .multipart(file_only())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = coordinator
        .http
        .post(coordinator.url(&format!("{path}?csrf={csrf}")))
        .multipart(upload(b"Organisation,08.05.2018\nCCJ,x\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = coordinator
        .http
        .post(coordinator.url(&path))
        .multipart(file_only())
        .send()
        .await
        .unwrap();
    let r2 = coordinator
        .http
        .post(coordinator.url(&path))
        .multipart(
            reqwest::multipart::Form::new()
                .text("csrf", "pas-le-bon-jeton")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(&b"Organisation,08.05.2018\nCCJ,x\n"[..])
                        .file_name("grille.csv"),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r2.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let r = coordinator
        .http
        .post(coordinator.url(&path))
        .multipart(upload(
            b"Organisation,08.05.2018,27.11.2018\nCCJ,x,\nNouvel organisme du Fjord,x,x\n",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // The raw page: the hidden field's JSON is escaped inside its quotes.
    let raw = r.text().await.unwrap();
    assert!(raw.contains("ambiguë — à choisir"), "{raw}");
    let carried = raw
        .split("name=\"grid\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let before = maillage_store::repo::events::attendance_rows(app.store.conn(), event.id)
        .await
        .unwrap();
    assert!(before.is_empty(), "the preview writes nothing");
    let confirm = format!("/evenements/{}/presences/confirmer", event.id);
    // Leaving the ambiguous name unresolved shows the review again.
    let r = coordinator
        .post_form(
            &confirm,
            &[("grid", &carried), ("choice", ""), ("choice", "new")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body(r)
            .await
            .contains("Choisissez l’organisation de «\u{a0}CCJ\u{a0}»")
    );
    assert!(
        maillage_store::repo::events::attendance_rows(app.store.conn(), event.id)
            .await
            .unwrap()
            .is_empty()
    );
    let r = coordinator
        .post_form(
            &confirm,
            &[("grid", &carried), ("choice", &a), ("choice", "new")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", location(&r));
    let presence = maillage_store::repo::events::presence(app.store.conn(), event.id)
        .await
        .unwrap();
    assert_eq!(presence.sessions.len(), 2);
    assert_eq!(presence.organizations_at(0), 2);
    assert_eq!(presence.organizations_at(1), 1);
    assert!(presence.organizations.contains_key(&a));
    // Viewers may not import.
    let viewer = app
        .signed_in("lecteur-presences@exemple.ca", Role::Viewer)
        .await;
    let r = viewer
        .get(&format!("/evenements/{}/presences/importer", event.id))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// `rows` new organizations and one known organization (twice, once with a
/// confirmed name), present at some of 20 sessions.
fn generated_grid(known: &str, rows: usize) -> Vec<maillage_store::repo::events::GridRow> {
    use maillage_store::repo::events::{GridOrganization, GridRow};
    let mut grid: Vec<GridRow> = (0..rows)
        .map(|i| GridRow {
            organization: GridOrganization::New(format!("Organisme nouveau {rows}-{i}")),
            present: (0..20).map(|s| (i + s) % 3 != 0).collect(),
            new_alias: None,
        })
        .collect();
    grid.push(GridRow {
        organization: GridOrganization::Known(known.to_owned()),
        present: (0..20).map(|s| s % 2 == 0).collect(),
        new_alias: Some("Centre comm. de Jonquière".to_owned()),
    });
    grid.push(GridRow {
        organization: GridOrganization::Known(known.to_owned()),
        present: (0..20).map(|s| s % 2 == 1).collect(),
        new_alias: Some("Centre comm. de Jonquière".to_owned()),
    });
    grid
}

/// The grid import used to send a few statements per row and per presence:
/// its statement count must not depend on the size of the grid (below a
/// chunk of multi-row inserts), and what it writes stays the same.
#[db_test]
async fn a_grid_import_sends_as_many_statements_for_300_rows_as_for_10(app: &TestApp) {
    use maillage_store::repo::events::{self, EventInput, GridTarget};
    use maillage_store::repo::hsds::aliases_of;
    // One known organization per run, so that each run adds its alias.
    let (first, known) = two_centres(app).await;
    let dates: Vec<chrono::NaiveDate> = (0..20)
        .map(|d| chrono::NaiveDate::from_ymd_opt(2018, 5, 8).unwrap() + chrono::Days::new(7 * d))
        .collect();
    let actor = maillage_store::repo::audit::Actor::system();
    let mut counts = Vec::new();
    let mut event_id = None;
    for (rows, org) in [(10, &first), (300, &known)] {
        let (store, count) = app.store.counting_statements();
        let id = events::import_grid(
            &store,
            &actor,
            &GridTarget::New(EventInput {
                title: format!("Grille de {rows}"),
                status: maillage_store::entity::event::EventStatus::Done,
                ..EventInput::default()
            }),
            &dates,
            &generated_grid(org, rows),
        )
        .await
        .unwrap();
        counts.push(count.load(std::sync::atomic::Ordering::Relaxed));
        event_id = Some(id);
    }
    assert_eq!(
        counts[0], counts[1],
        "statements for 10 rows, then 300 rows: {counts:?}"
    );
    let event_id = event_id.unwrap();
    let check = |p: &events::Presence| {
        assert_eq!(p.sessions.len(), 20);
        assert_eq!(p.organizations.len(), 301);
        assert_eq!(
            p.organizations[&known],
            vec![true; 20],
            "both rows of the known organization count"
        );
        for s in 0..20 {
            assert_eq!(
                p.organizations_at(s),
                1 + (0..300).filter(|i| (i + s) % 3 != 0).count()
            );
        }
    };
    check(&events::presence(app.store.conn(), event_id).await.unwrap());
    assert_eq!(
        aliases_of(app.store.conn(), &known).await.unwrap(),
        ["CCJ", "Centre comm. de Jonquière"]
    );

    // Again into the same event: its sessions are reused, the grid's
    // presences replaced, the alias kept once.
    events::import_grid(
        &app.store,
        &actor,
        &GridTarget::Existing(event_id),
        &dates,
        &generated_grid(&known, 300),
    )
    .await
    .unwrap();
    check(&events::presence(app.store.conn(), event_id).await.unwrap());
    assert_eq!(
        aliases_of(app.store.conn(), &known).await.unwrap(),
        ["CCJ", "Centre comm. de Jonquière"]
    );
}
