//! Benchmark of issue 6 (docs/perf.md, *Events*): attendance import of a
//! grid of 5,000 organizations × 20 sessions, bilan of an event with 1,000
//! participants, and the check-in page under 64 concurrent clients.
//!
//! `cargo run --release --example bench_events -p maillage`
//! (`MAILLAGE_BENCH_STEPS=import`: steps 1 and 2 only)
//!
//! On SQLite in a temporary directory, then, when
//! `MAILLAGE_BENCH_POSTGRES_URL` is set (e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`), on a new PostgreSQL
//! database created there and dropped afterwards. Steps, on each database:
//!
//! 1. 5,000 organizations (« Organisme communautaire n° 1234 de
//!    Jonquière » and the like), written in one transaction by batched raw
//!    inserts with their change-log rows, as `events::import_grid` writes
//!    new organizations;
//! 2. a CSV attendance grid built in memory (`Organisation` then 20 dates
//!    `08.05.2018` …, 5,000 rows, about 60 % of the cells marked `x`, 5 % of
//!    the names with one typo in a word of 5 letters or more, 5 % without
//!    their accents), imported as `maillage import attendance` does (read
//!    the grid, match the names, write in one transaction), 3 times into
//!    3 new events; names left ambiguous or unmatched are reported and
//!    their rows left out of the write;
//! 3. an event of 1,000 registrations, 20 sessions, about 70 % of the
//!    registrants checked in at each session (the first session through
//!    `events::check_in`, one call each; the 19 others by batched inserts
//!    of the same rows), 20 teams with their members, 200 stickies, 20
//!    observations, a survey of 4 questions with 600 responses; then its
//!    bilan composed in this process (`event_reports::load` and
//!    `reports::compose`, 20 runs) and `GET /evenements/{id}/bilan` over
//!    HTTP (10 warm-ups, 100 sequential requests);
//! 4. `GET /evenements/{id}/seances/{session}/accueil` (the check-in page of
//!    the first session) from 64 concurrent tasks sharing one signed-in
//!    client (its pool opens up to 64 connections), 64 warm-ups then
//!    3,200 requests in all;
//! 5. one JSON line per measurement on stdout, then a table.
//!
//! Every response is checked (status 200 and the expected content). Times
//! are reported, never asserted.

#![expect(
    clippy::cast_precision_loss,
    reason = "statistics of a few thousand requests"
)]

#[path = "bench_common/mod.rs"]
mod common;

use common::{
    BenchDb, Line, admin_client, emit, emit_machine, line, load_average, median, ms, percentiles,
    print_table, serve,
};

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use maillage_app::attendance_import::{Matched, match_grid};
use maillage_domain::events::QuestionKind;
use maillage_domain::reports::{self, Words};
use maillage_interop::attendance::read_attendance;
use maillage_interop::grid::read_grid_bytes;
use maillage_store::Store;
use maillage_store::entity::{
    attendance, event, observation, registration, sticky, team, team_member,
};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::change_log::{self, Op};
use maillage_store::repo::events::evaluations::{self, QuestionInput};
use maillage_store::repo::events::reports as event_reports;
use maillage_store::repo::events::{self, EventInput, GridTarget, RegistrationInput, SessionInput};
use maillage_web::i18n::Lang;
use reqwest::StatusCode;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde_json::json;

const POSTGRES_ENV: &str = "MAILLAGE_BENCH_POSTGRES_URL";
const ORGANIZATIONS: usize = 5_000;
const SESSIONS: usize = 20;
const IMPORT_RUNS: usize = 3;
const PARTICIPANTS: usize = 1_000;
const TEAMS: usize = 20;
const STICKIES: usize = 200;
const OBSERVATIONS: usize = 20;
const RESPONSES: usize = 600;
const BILAN_RUNS: usize = 20;
const WARMUP: usize = 10;
const REQUESTS: usize = 100;
const CLIENTS: usize = 64;
const CONCURRENT_REQUESTS: usize = 3_200;
const ADMIN_EMAIL: &str = "banc-essai@example.org";

const KINDS: [&str; 6] = [
    "Organisme communautaire",
    "Centre d'entraide",
    "Maison des familles",
    "Coopérative de solidarité",
    "Carrefour jeunesse-emploi",
    "Association régionale",
];
const TOWNS: [&str; 8] = [
    "Jonquière",
    "Chicoutimi",
    "La Baie",
    "Alma",
    "Roberval",
    "Saint-Félicien",
    "Dolbeau-Mistassini",
    "Métabetchouan–Lac-à-la-Croix",
];

// ---------------------------------------------------------------- database

/// A deterministic pseudo-random number of `i` and `salt`, in `0..n`.
fn pick(i: usize, salt: usize, n: usize) -> usize {
    let x = (i as u64 ^ ((salt as u64) << 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((x ^ (x >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 33) as usize % n
}

fn int(i: usize) -> i32 {
    i32::try_from(i).expect("a small number")
}

fn org_name(i: usize) -> String {
    format!(
        "{} n° {} de {}",
        KINDS[i % KINDS.len()],
        i + 1,
        TOWNS[(i / KINDS.len()) % TOWNS.len()]
    )
}

fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' => 'u',
            'ç' => 'c',
            'É' => 'E',
            other => other,
        })
        .collect()
}

/// One typo (two letters swapped, or one dropped) in a word of 5 letters
/// or more.
fn with_typo(name: &str, i: usize) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&w| words[w].chars().filter(|c| c.is_alphabetic()).count() >= 5)
        .collect();
    let w = long[pick(i, 7, long.len())];
    let mut chars: Vec<char> = words[w].chars().collect();
    let k = 1 + pick(i, 8, chars.len() - 2);
    if i.is_multiple_of(2) {
        chars.swap(k, k + 1);
    } else {
        chars.remove(k);
    }
    let typo: String = chars.into_iter().collect();
    words
        .iter()
        .enumerate()
        .map(|(j, word)| if j == w { typo.as_str() } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

fn dates() -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2018, 5, 8).expect("a date");
    (0..SESSIONS)
        .map(|k| first + chrono::Days::new(7 * k as u64))
        .collect()
}

/// The grid: its CSV bytes, and how many names were written with a typo
/// and without accents.
fn grid_csv() -> (Vec<u8>, usize, usize) {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Organisation".to_owned()];
    header.extend(dates().iter().map(|d| d.format("%d.%m.%Y").to_string()));
    w.write_record(&header).expect("header");
    let (mut typos, mut plain) = (0, 0);
    for i in 0..ORGANIZATIONS {
        let name = org_name(i);
        let name = match pick(i, 1, 100) {
            0..5 => {
                typos += 1;
                with_typo(&name, i)
            }
            5..10 if strip_accents(&name) != name => {
                plain += 1;
                strip_accents(&name)
            }
            _ => name,
        };
        let mut record = vec![name];
        record.extend((0..SESSIONS).map(|s| {
            if pick(i, 100 + s, 100) < 60 {
                "x".to_owned()
            } else {
                String::new()
            }
        }));
        w.write_record(&record).expect("row");
    }
    (w.into_inner().expect("CSV"), typos, plain)
}

/// 5,000 organizations in one transaction, batched; returns their ids in
/// `org_name` order.
async fn organizations(store: &Store) -> Vec<String> {
    let now = Utc::now();
    let ids: Vec<String> = (0..ORGANIZATIONS)
        .map(|_| uuid::Uuid::new_v4().to_string())
        .collect();
    let txn = store.write().await.expect("transaction");
    for chunk in (0..ORGANIZATIONS).collect::<Vec<_>>().chunks(500) {
        let mut q = Query::insert();
        q.into_table(Alias::new("organizations")).columns(
            [
                "id",
                "name",
                "description",
                "created_at",
                "updated_at",
                "version",
            ]
            .map(Alias::new),
        );
        for &i in chunk {
            q.values_panic([
                Expr::val(ids[i].as_str()),
                Expr::val(org_name(i)),
                Expr::val("Organisation du banc d'essai des événements."),
                Expr::val(now),
                Expr::val(now),
                Expr::val(1),
            ]);
        }
        txn.execute(&q).await.expect("organizations");
        for &i in chunk {
            change_log::append(&txn, "organizations", &ids[i], Op::Insert, None)
                .await
                .expect("change log");
        }
    }
    txn.commit().await.expect("commit");
    ids
}

struct ImportTimes {
    read: Duration,
    matching: Duration,
    write: Duration,
    counts: serde_json::Value,
}

async fn import(store: &Store, title: &str, csv: &[u8]) -> ImportTimes {
    let t = Instant::now();
    let grid = read_grid_bytes("presences.csv", csv, None).expect("the CSV reads");
    let grid = read_attendance(&grid).unwrap_or_else(|p| panic!("the grid reads: {p:?}"));
    let read = t.elapsed();
    let t = Instant::now();
    let matched = match_grid(store, grid).await.expect("matching");
    let matching = t.elapsed();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for r in &matched.resolutions {
        *counts.entry(r.method()).or_default() += 1;
    }
    let counts = json!(counts);
    let t = Instant::now();
    // Rows still ambiguous or unmatched (a coordinator would resolve them
    // on the review page) are left out; the rest is written.
    let keep: Vec<bool> = matched
        .resolutions
        .iter()
        .map(|r| r.id().is_some())
        .collect();
    let Matched {
        mut grid,
        resolutions,
        names,
    } = matched;
    let mut k = keep.iter();
    grid.rows.retain(|_| *k.next().expect("one flag a row"));
    let resolutions = resolutions
        .into_iter()
        .filter(|r| r.id().is_some())
        .collect();
    let matched = Matched {
        grid,
        resolutions,
        names,
    };
    let rows = matched.rows(false).expect("every row kept resolves");
    events::import_grid(
        store,
        &Actor::system(),
        &GridTarget::New(EventInput {
            title: title.to_owned(),
            status: maillage_store::entity::event::EventStatus::Done,
            ..EventInput::default()
        }),
        &matched.grid.sessions,
        &rows,
    )
    .await
    .expect("import");
    ImportTimes {
        read,
        matching,
        write: t.elapsed(),
        counts,
    }
}

// ---------------------------------------------------------------- the event

struct BenchEvent {
    event: event::Model,
    first_session: uuid::Uuid,
    check_in_ms: f64,
    setup: serde_json::Value,
}

async fn bench_event(store: &Store, org_ids: &[String]) -> BenchEvent {
    let t0 = Instant::now();
    let (e, sessions) = create_event(store).await;
    let t = Instant::now();
    let regs = register_all(store, e.id, org_ids).await;
    let register_s = t.elapsed().as_secs_f64();
    // The first session: one `check_in` call per registrant present.
    let t = Instant::now();
    let checked = check_in_first_session(store, e.id, sessions[0], &regs).await;
    let check_in = t.elapsed();
    // The other sessions, the teams and what they wrote: batched.
    let now = Utc::now();
    let txn = store.write().await.expect("transaction");
    let attendance_rows = checked + other_sessions(&txn, e.id, &sessions, &regs, now).await;
    teams_and_stickies(&txn, e.id, &regs, now).await;
    txn.commit().await.expect("commit");
    let questions = survey(store, e.id).await;
    BenchEvent {
        event: e,
        first_session: sessions[0],
        check_in_ms: ms(check_in),
        setup: json!({
            "registrations": regs.len(), "register_seconds": register_s,
            "checked_in_first_session": checked, "check_in_calls_ms": ms(check_in),
            "check_in_ms_each": ms(check_in) / checked as f64,
            "attendance_rows": attendance_rows, "teams": TEAMS, "members": regs.len(),
            "stickies": STICKIES, "observations": OBSERVATIONS, "questions": questions,
            "responses": RESPONSES, "seconds": t0.elapsed().as_secs_f64(),
        }),
    }
}

/// The published event and its sessions (ids, by date).
async fn create_event(store: &Store) -> (event::Model, Vec<uuid::Uuid>) {
    let e = events::create_event(
        store,
        &Actor::system(),
        &EventInput {
            title: "Forum régional de 1 000 participants (banc d'essai)".to_owned(),
            description: Some("Un forum pour mobiliser les partenaires du territoire.".to_owned()),
            intentions: vec![
                "Se connaître".to_owned(),
                "Définir des pistes d'action".to_owned(),
            ],
            audience: Some("Partenaires intersectoriels".to_owned()),
            capacity: None,
            status: maillage_store::entity::event::EventStatus::Published,
            registration_closes_on: None,
            grouping_id: None,
        },
    )
    .await
    .expect("event");
    let mut sessions = Vec::new();
    for d in dates() {
        let s = events::ensure_session(
            store.conn(),
            e.id,
            &SessionInput {
                date: d,
                place: Some("Salle communautaire".to_owned()),
                ..SessionInput::default()
            },
        )
        .await
        .expect("session");
        sessions.push(s.id);
    }
    (e, sessions)
}

/// `PARTICIPANTS` registrations, one `register` call each.
async fn register_all(
    store: &Store,
    event: uuid::Uuid,
    org_ids: &[String],
) -> Vec<registration::Model> {
    let today = Utc::now().date_naive();
    let mut regs = Vec::with_capacity(PARTICIPANTS);
    for i in 0..PARTICIPANTS {
        let r = events::register(
            store,
            event,
            &RegistrationInput {
                name: format!("Personne participante {}", i + 1),
                email: format!("participant-{}@example.org", i + 1),
                organization_id: Some(org_ids[(i * 7) % org_ids.len()].clone()),
                role: Some("Intervenante".to_owned()),
                ..RegistrationInput::default()
            },
            today,
            |_, _| String::new(),
        )
        .await
        .expect("register")
        .expect("registered");
        regs.push(r.registration);
    }
    regs
}

/// About 70 % of the registrants checked in at `session`, one `check_in`
/// call each; returns how many.
async fn check_in_first_session(
    store: &Store,
    event: uuid::Uuid,
    session: uuid::Uuid,
    regs: &[registration::Model],
) -> usize {
    let mut checked = 0;
    for (i, r) in regs.iter().enumerate() {
        if pick(i, 500, 100) < 70 {
            events::check_in(store, event, session, r.id)
                .await
                .expect("check-in");
            checked += 1;
        }
    }
    checked
}

/// The attendance of the sessions after the first, about 70 % of the
/// registrants each, by batched inserts; returns the rows written.
async fn other_sessions<C: ConnectionTrait>(
    txn: &C,
    event: uuid::Uuid,
    sessions: &[uuid::Uuid],
    regs: &[registration::Model],
    now: chrono::DateTime<Utc>,
) -> usize {
    let mut attendance_rows = 0;
    for (s, session) in sessions.iter().enumerate().skip(1) {
        let rows: Vec<attendance::ActiveModel> = regs
            .iter()
            .enumerate()
            .filter(|(i, _)| pick(*i, 500 + s, 100) < 70)
            .map(|(_, r)| attendance::ActiveModel {
                event_id: Set(event),
                session_id: Set(*session),
                organization_id: Set(r.organization_id.clone()),
                registration_id: Set(Some(r.id)),
                person_name: Set(None),
                source: Set(maillage_store::entity::attendance::AttendanceSource::Checkin),
                created_at: Set(now),
                ..Default::default()
            })
            .collect();
        attendance_rows += rows.len();
        for chunk in rows.chunks(500) {
            attendance::Entity::insert_many(chunk.to_vec())
                .exec(txn)
                .await
                .expect("attendance");
        }
    }
    attendance_rows
}

/// `TEAMS` teams sharing the registrants, `STICKIES` stickies (one in ten
/// of no team) and an observation by each of the first `OBSERVATIONS`
/// teams.
async fn teams_and_stickies<C: ConnectionTrait>(
    txn: &C,
    event: uuid::Uuid,
    regs: &[registration::Model],
    now: chrono::DateTime<Utc>,
) {
    let mut team_ids = Vec::new();
    for t in 0..TEAMS {
        let m = team::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            event_id: Set(event),
            name: Set(format!("Équipe {}", t + 1)),
            facilitator: Set(Some(format!("Animatrice {}", t + 1))),
            position: Set(int(t)),
        }
        .insert(txn)
        .await
        .expect("team");
        team_ids.push(m.id);
    }
    let members: Vec<team_member::ActiveModel> = regs
        .iter()
        .enumerate()
        .map(|(i, r)| team_member::ActiveModel {
            team_id: Set(team_ids[i % TEAMS]),
            registration_id: Set(r.id),
        })
        .collect();
    for chunk in members.chunks(500) {
        team_member::Entity::insert_many(chunk.to_vec())
            .exec(txn)
            .await
            .expect("members");
    }
    let stickies: Vec<sticky::ActiveModel> = (0..STICKIES)
        .map(|i| sticky::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            event_id: Set(event),
            team_id: Set((i % 10 != 9).then(|| team_ids[i % TEAMS])),
            text: Set(format!(
                "Idée {} : un guichet commun pour les familles",
                i + 1
            )),
            position: Set(int(i)),
            created_at: Set(now),
        })
        .collect();
    sticky::Entity::insert_many(stickies)
        .exec(txn)
        .await
        .expect("stickies");
    for (i, team) in team_ids.iter().enumerate().take(OBSERVATIONS) {
        observation::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            event_id: Set(event),
            team_id: Set(Some(*team)),
            text: Set(format!(
                "Équipe {} : les échanges ont été riches; des liens nouveaux entre le milieu scolaire et le communautaire.",
                i + 1
            )),
            new_contacts: Set(Some(3 + int(i % 5))),
            author_id: Set(None),
            created_at: Set(now),
        }
        .insert(txn)
        .await
        .expect("observation");
    }
}

/// The evaluation survey (4 questions) and its `RESPONSES` responses;
/// returns the number of questions.
async fn survey(store: &Store, event: uuid::Uuid) -> usize {
    let singles = ["Très satisfait", "Satisfait", "Peu satisfait"];
    let themes = [
        "Petite enfance",
        "Logement",
        "Transport",
        "Sécurité alimentaire",
    ];
    evaluations::add_questions(
        store,
        event,
        &[
            QuestionInput {
                kind: QuestionKind::Single,
                prompt: "Dans l'ensemble, êtes-vous satisfait de la rencontre ?".to_owned(),
                options: singles.map(str::to_owned).to_vec(),
            },
            QuestionInput {
                kind: QuestionKind::Multiple,
                prompt: "Quels thèmes vous ont le plus intéressé ?".to_owned(),
                options: themes.map(str::to_owned).to_vec(),
            },
            QuestionInput {
                kind: QuestionKind::Scale,
                prompt: "Utilité de la rencontre pour votre travail (1 à 5)".to_owned(),
                options: Vec::new(),
            },
            QuestionInput {
                kind: QuestionKind::Text,
                prompt: "Quelles sont les prochaines étapes souhaitées ?".to_owned(),
                options: Vec::new(),
            },
        ],
    )
    .await
    .expect("questions");
    let questions = evaluations::questions(store.conn(), event)
        .await
        .expect("questions");
    for i in 0..RESPONSES {
        let answers = vec![
            (questions[0].id, singles[pick(i, 900, 3)].to_owned()),
            (
                questions[1].id,
                format!(
                    "{}\n{}",
                    themes[i % 4],
                    themes[(i + 1 + pick(i, 901, 3)) % 4]
                ),
            ),
            (questions[2].id, (1 + pick(i, 902, 5)).to_string()),
            (
                questions[3].id,
                format!("Poursuivre les rencontres par secteur (réponse {}).", i + 1),
            ),
        ];
        evaluations::submit_response(store, event, None, &answers)
            .await
            .expect("response")
            .expect("accepted");
    }
    questions.len()
}

struct FrWords;

impl Words for FrWords {
    fn word(&self, key: &str, args: &[(&'static str, String)]) -> String {
        if args.is_empty() {
            Lang::Fr.t(key)
        } else {
            Lang::Fr.t_args(key, args)
        }
    }
}

/// The bilan composed in this process: load, then compose (the page adds
/// the sector labels of the reference data and the template).
async fn bilan_in_process(
    store: &Store,
    e: &event::Model,
) -> (Vec<Duration>, Vec<Duration>, usize) {
    let mut loads = Vec::new();
    let mut composes = Vec::new();
    let mut sections = 0;
    for _ in 0..BILAN_RUNS {
        let t = Instant::now();
        let data = event_reports::load(store.conn(), e).await.expect("load");
        loads.push(t.elapsed());
        let t = Instant::now();
        let date_text = |d: NaiveDate| d.format("%-d %B %Y").to_string();
        let sector_label = |code: &str| code.to_owned();
        let input = data.input(&date_text, &sector_label);
        let report = reports::compose(&input, &FrWords);
        composes.push(t.elapsed());
        sections = report.sections.len();
    }
    (loads, composes, sections)
}

// ---------------------------------------------------------------- HTTP

async fn get(http: &reqwest::Client, url: &str, marker: &str) -> (Duration, usize) {
    let t = Instant::now();
    let r = http
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = r.status();
    let body = r.text().await.expect("body");
    let latency = t.elapsed();
    assert!(
        status == StatusCode::OK && body.contains(marker),
        "GET {url}: HTTP {status}, {} bytes, `{marker}` {}; begins with: {}",
        body.len(),
        if body.contains(marker) {
            "found"
        } else {
            "missing"
        },
        body.chars().take(300).collect::<String>()
    );
    (latency, body.len())
}

async fn sequential(http: &reqwest::Client, url: &str, marker: &str) -> serde_json::Value {
    for _ in 0..WARMUP {
        get(http, url, marker).await;
    }
    let mut latencies = Vec::with_capacity(REQUESTS);
    let mut bytes = 0;
    for _ in 0..REQUESTS {
        let (latency, b) = get(http, url, marker).await;
        bytes = b;
        latencies.push(latency);
    }
    json!({"requests": REQUESTS, "warmup": WARMUP, "errors": 0, "bytes": bytes, "latency_ms": percentiles(latencies)})
}

/// `CLIENTS` tasks sharing one client, `CONCURRENT_REQUESTS` in all.
async fn concurrent(http: &reqwest::Client, url: &str, marker: &'static str) -> serde_json::Value {
    let url: Arc<str> = Arc::from(url);
    let run = |per_task: usize| {
        let tasks: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let http = http.clone();
                let url = Arc::clone(&url);
                tokio::spawn(async move {
                    let mut l = Vec::with_capacity(per_task);
                    for _ in 0..per_task {
                        l.push(get(&http, &url, marker).await.0);
                    }
                    l
                })
            })
            .collect();
        async move {
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await.expect("a task"));
            }
            all
        }
    };
    run(1).await;
    let t = Instant::now();
    let latencies = run(CONCURRENT_REQUESTS / CLIENTS).await;
    let wall = t.elapsed();
    json!({
        "clients": CLIENTS, "client": "one reqwest client shared by the tasks",
        "requests": latencies.len(), "warmup": CLIENTS, "errors": 0,
        "seconds": wall.as_secs_f64(),
        "requests_per_second": (latencies.len() as f64 / wall.as_secs_f64() * 10.0).round() / 10.0,
        "latency_ms": percentiles(latencies),
    })
}

// ---------------------------------------------------------------- run

async fn run(db: &BenchDb, table: &mut Vec<Line>) {
    let label = db.label;
    let store = Store::open_and_migrate(&db.url)
        .await
        .expect("open and migrate");

    // 1. Organizations.
    eprintln!("[{label}] load average {}: organizations", load_average());
    let t = Instant::now();
    let org_ids = organizations(&store).await;
    emit(
        "organizations",
        label,
        &json!({"organizations": org_ids.len(), "seconds": t.elapsed().as_secs_f64()}),
    );

    // 2. Attendance import, 3 runs into 3 new events.
    attendance_imports(&store, label, table).await;

    // `MAILLAGE_BENCH_STEPS=import` stops here (the import alone takes
    // seconds; the check-in run minutes).
    if std::env::var("MAILLAGE_BENCH_STEPS").is_ok_and(|s| s == "import") {
        store.close().await;
        return;
    }

    // 3. The event of 1,000 participants and its bilan.
    let be = event_and_bilan(&store, label, table, &org_ids).await;
    let server = serve(&store).await;
    let base = format!("http://{}", server.addr);
    let http = admin_client(&store, &base, ADMIN_EMAIL).await;
    eprintln!("[{label}] load average {}: GET bilan", load_average());
    let url = format!("{base}/evenements/{}/bilan", be.event.id);
    let r = sequential(&http, &url, "id=\"bilan\"").await;
    emit("bilan_http", label, &r);
    table.push(line(
        label,
        "GET /evenements/{id}/bilan (100 sequential)",
        &r,
    ));

    // 4. The check-in page under 64 concurrent clients.
    check_in_page(&http, &base, &be, label, table).await;
    let _ = server.shutdown.send(());
    let _ = server.task.await;
    store.close().await;
}

/// Step 2: `IMPORT_RUNS` imports of the grid into new events, each
/// emitted, then their median.
async fn attendance_imports(store: &Store, label: &'static str, table: &mut Vec<Line>) {
    let (csv, typos, plain) = grid_csv();
    eprintln!(
        "[{label}] load average {}: attendance import",
        load_average()
    );
    let mut runs = Vec::new();
    for run in 1..=IMPORT_RUNS {
        let times = import(store, &format!("Grille de présences {run}"), &csv).await;
        emit(
            "attendance_import",
            label,
            &json!({"run": run, "rows": ORGANIZATIONS, "sessions": SESSIONS, "csv_bytes": csv.len(),
                    "typos_written": typos, "unaccented_written": plain, "resolutions": times.counts,
                    "read_ms": ms(times.read), "match_ms": ms(times.matching), "write_ms": ms(times.write),
                    "total_ms": ms(times.read + times.matching + times.write), "load_average": load_average()}),
        );
        runs.push(times);
    }
    let total = |r: &ImportTimes| r.read + r.matching + r.write;
    let read = median(runs.iter().map(|r| r.read).collect());
    let matching = median(runs.iter().map(|r| r.matching).collect());
    let write = median(runs.iter().map(|r| r.write).collect());
    let all = median(runs.iter().map(total).collect());
    emit(
        "attendance_import_median",
        label,
        &json!({"runs": IMPORT_RUNS, "read_ms": ms(read), "match_ms": ms(matching), "write_ms": ms(write),
                "total_ms": ms(all), "resolutions": runs[0].counts}),
    );
    table.push(Line {
        db: label,
        what: format!(
            "attendance import 5,000 × 20 (median of {IMPORT_RUNS}; read {}, match {}, write {})",
            ms(read),
            ms(matching),
            ms(write)
        ),
        p50: ms(all),
        p95: f64::NAN,
        p99: f64::NAN,
        max: runs.iter().map(|r| ms(total(r))).fold(0.0, f64::max),
    });
}

/// Step 3 in this process: the event set up (its check-ins timed), then its
/// bilan loaded and composed `BILAN_RUNS` times.
async fn event_and_bilan(
    store: &Store,
    label: &'static str,
    table: &mut Vec<Line>,
    org_ids: &[String],
) -> BenchEvent {
    eprintln!("[{label}] load average {}: event setup", load_average());
    let be = bench_event(store, org_ids).await;
    emit("event_setup", label, &be.setup);
    table.push(Line {
        db: label,
        what: format!(
            "check_in × {} (first session, sequential, total ms in p50)",
            be.setup["checked_in_first_session"]
        ),
        p50: be.check_in_ms,
        p95: f64::NAN,
        p99: f64::NAN,
        max: f64::NAN,
    });
    eprintln!(
        "[{label}] load average {}: bilan in process",
        load_average()
    );
    let (loads, composes, sections) = bilan_in_process(store, &be.event).await;
    let both: Vec<Duration> = loads.iter().zip(&composes).map(|(a, b)| *a + *b).collect();
    let r = json!({"runs": BILAN_RUNS, "sections": sections,
                   "load_ms": percentiles(loads), "compose_ms": percentiles(composes),
                   "latency_ms": percentiles(both)});
    emit("bilan_in_process", label, &r);
    table.push(line(
        label,
        "bilan in process: load + compose (20 runs)",
        &r,
    ));
    be
}

/// Step 4: the check-in page of the first session, sequential then from
/// `CLIENTS` concurrent tasks.
async fn check_in_page(
    http: &reqwest::Client,
    base: &str,
    be: &BenchEvent,
    label: &'static str,
    table: &mut Vec<Line>,
) {
    eprintln!("[{label}] load average {}: check-in page", load_average());
    let url = format!(
        "{base}/evenements/{}/seances/{}/accueil",
        be.event.id, be.first_session
    );
    let r = sequential(http, &url, "id=\"checkin-counts\"").await;
    emit("checkin_http_sequential", label, &r);
    table.push(line(
        label,
        "GET …/seances/{s}/accueil (100 sequential)",
        &r,
    ));
    let r = concurrent(http, &url, "id=\"checkin-counts\"").await;
    emit("checkin_http_concurrent", label, &r);
    table.push(line(
        label,
        &format!(
            "GET …/seances/{{s}}/accueil, 64 concurrent, 3,200 requests ({} req/s)",
            r["requests_per_second"]
        ),
        &r,
    ));
}

#[tokio::main]
async fn main() {
    let postgres = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty());
    emit_machine(postgres.is_some());
    let mut table = Vec::new();
    run(&BenchDb::sqlite(), &mut table).await;
    if let Some(url) = &postgres {
        let db = BenchDb::postgres(url, POSTGRES_ENV).await;
        run(&db, &mut table).await;
        db.drop_database().await;
    }
    print_table(&table);
}
