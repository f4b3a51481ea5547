//! Load benchmark of the live stream (docs/perf.md, « Live »), bounded and
//! on loopback.
//!
//! Prepares a room with an open word cloud (in the database, directly),
//! starts `--nodes` `maillage serve` processes on it (SQLite in a temporary
//! directory, or with `--postgres ADMIN_URL` a fresh PostgreSQL database
//! that every node shares), connects `--clients` SSE clients to
//! `/api/v1/live/{code}/events` (split between the nodes), then posts
//! `--rate` answers a second for `--seconds` seconds through
//! `POST /api/v1/live/{code}/answers` (alternating between the nodes).
//!
//! Answer n is in a client's view once the word cloud's `answers` count it
//! receives reaches n: answers are posted one after the other and each
//! POST returns well before the next is due, so they are committed in
//! order (see docs/perf.md for what happens when they are not). For every
//! answer the time from the start of its POST to the moment the LAST
//! client saw it is kept; the summary gives its percentiles, the errors
//! (failed POSTs, streams lost or refused, answers some client never saw)
//! and each server's peak resident memory (VmHWM).
//!
//! ```text
//! ulimit -n 20000
//! cargo run --release --example live_load -p maillage -- --clients 2000 --rate 50 --seconds 60
//! cargo run --release --example live_load -p maillage -- --nodes 2 \
//!     --postgres postgres://postgres@127.0.0.1:5432/postgres
//! ```

#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "statistics of a few thousand answers"
)]

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use maillage_domain::live::ActivityInput;
use maillage_domain::live::AnswerInput;
use maillage_domain::plans::GroupingKind;
use maillage_store::Store;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::groupings;
use maillage_store::repo::live::{self as repo, NewRoom, Participant};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

#[derive(Parser)]
struct Args {
    /// SSE clients, split between the nodes.
    #[arg(long, default_value_t = 2000)]
    clients: usize,
    /// Answers posted per second.
    #[arg(long, default_value_t = 50)]
    rate: u32,
    /// How long answers are posted.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// `maillage serve` processes on the one database.
    #[arg(long, default_value_t = 1)]
    nodes: usize,
    /// A PostgreSQL server (admin URL) to create the database on; SQLite
    /// otherwise.
    #[arg(long)]
    postgres: Option<String>,
    /// Participants the answers come from, in turn.
    #[arg(long, default_value_t = 200)]
    participants: usize,
    /// The `maillage` binary (default: target/release/maillage).
    #[arg(long)]
    binary: Option<PathBuf>,
    /// How answers arrive: `api` posts them to the nodes; `store` writes
    /// them in the database from here and sends the notification a node
    /// sends after its commit (PostgreSQL only), for when the answer route
    /// is not there.
    #[arg(long, value_enum, default_value = "api")]
    post: Post,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Post {
    Api,
    Store,
}

/// Words the answers are drawn from, some of them grouping together.
const WORDS: &[&str] = &[
    "Écoute",
    "écoute",
    "l'écoute",
    "Écoutes",
    "confiance",
    "respect",
    "partenariat",
    "communication",
    "ouverture",
    "collaboration",
    "bienveillance",
    "engagement",
    "entraide",
    "transparence",
    "parents",
    "enfants",
    "réussite éducative",
    "temps",
    "reconnaissance",
    "inclusion",
];

struct Shared {
    /// When answer n's POST began (µs since `start`), index n - 1.
    posted: Vec<AtomicU64>,
    /// When the last client saw answer n (µs since `start`).
    last_seen: Vec<AtomicU64>,
    /// How many clients saw answer n.
    seen_by: Vec<AtomicUsize>,
    start: Instant,
    /// Clients that received the first state.
    ready: AtomicUsize,
    stream_errors: AtomicUsize,
    post_errors: AtomicUsize,
    events: AtomicU64,
    bytes: AtomicU64,
}

impl Shared {
    fn now(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let binary = args.binary.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/maillage")
    });
    let work = tempfile::tempdir()?;
    let (url, pg) = match &args.postgres {
        Some(admin) => {
            let name = format!("maillage_live_load_{}", uuid::Uuid::new_v4().simple());
            let conn = sea_orm::Database::connect(admin).await?;
            conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await?;
            conn.close().await?;
            let mut url = url::Url::parse(admin)?;
            url.set_path(&format!("/{name}"));
            (url.to_string(), Some((admin.clone(), name)))
        }
        None => (maillage_store::default_database_url(work.path()), None),
    };
    let result = run(&args, &binary, work.path(), &url).await;
    if let Some((admin, name)) = pg {
        let conn = sea_orm::Database::connect(&admin).await?;
        conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await?;
        conn.close().await?;
    }
    result
}

struct Setup {
    room: uuid::Uuid,
    code: String,
    activity: uuid::Uuid,
    tokens: Vec<String>,
    participants: Vec<Participant>,
}

async fn prepare(url: &str, participants: usize) -> anyhow::Result<Setup> {
    let store = Store::open_and_migrate(url).await?;
    let now = chrono::Utc::now();
    let grouping = groupings::upsert(
        store.conn(),
        "charge-live",
        "Table de charge",
        GroupingKind::LocalGrouping,
        None,
    )
    .await?;
    let actor = Actor::system();
    let room = repo::create_room(
        &store,
        &actor,
        &NewRoom {
            grouping_id: grouping.id,
            session_id: None,
            title: "Collaboration École-famille".into(),
        },
        now,
    )
    .await?;
    let draft = ActivityInput {
        kind: "word_cloud".into(),
        prompt: "3 mots-clés".into(),
        max_words: Some(3),
        ..ActivityInput::default()
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let activity = repo::add_activity(&store, &actor, room.id, &draft, now).await?;
    repo::start_activity(&store, room.id, activity.id, now).await?;
    let mut tokens = Vec::with_capacity(participants);
    let mut joined = Vec::with_capacity(participants);
    for i in 0..participants {
        let token = format!("charge-{i}-{}", uuid::Uuid::new_v4().simple());
        let digest = maillage_domain::token::digest(&token);
        joined.push(repo::join(&store, &room, &digest, None, None, now).await?);
        tokens.push(token);
    }
    store.close().await;
    Ok(Setup {
        room: room.id,
        code: room.code.to_string(),
        activity: activity.id,
        tokens,
        participants: joined,
    })
}

struct Node {
    child: Child,
    base: String,
}

async fn start_node(binary: &PathBuf, data_dir: PathBuf, url: &str) -> anyhow::Result<Node> {
    std::fs::create_dir_all(&data_dir)?;
    let mut child = Command::new(binary)
        .arg("serve")
        .env("MAILLAGE_DATA_DIR", &data_dir)
        .env("MAILLAGE_DATABASE_URL", url)
        .env("MAILLAGE_ADDR", "127.0.0.1:0")
        .env("MAILLAGE_ANONYMOUS_WRITES", "1000000000")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let stderr = child.stderr.take().expect("piped");
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let Some(line) = tokio::time::timeout(Duration::from_mins(2), lines.next_line()).await??
        else {
            anyhow::bail!("maillage serve ended before listening");
        };
        if let Some(addr) = line.strip_prefix("maillage listening on ") {
            break addr.trim().to_owned();
        }
    };
    // Keep reading its log so that it never blocks on a full pipe.
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            eprintln!("[server] {line}");
        }
    });
    Ok(Node { child, base })
}

/// Peak and current resident memory of a process, in MiB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

async fn run(
    args: &Args,
    binary: &PathBuf,
    work: &std::path::Path,
    url: &str,
) -> anyhow::Result<()> {
    let total = (u64::from(args.rate) * args.seconds) as usize;
    let setup = prepare(url, args.participants.max(1)).await?;
    let mut nodes = Vec::new();
    for i in 0..args.nodes.max(1) {
        nodes.push(start_node(binary, work.join(format!("node-{i}")), url).await?);
    }
    let bases: Vec<String> = nodes.iter().map(|n| n.base.clone()).collect();
    eprintln!(
        "room {} on {} node(s): {}",
        setup.code,
        bases.len(),
        bases.join(" ")
    );
    let shared = Arc::new(Shared {
        posted: (0..total).map(|_| AtomicU64::new(0)).collect(),
        last_seen: (0..total).map(|_| AtomicU64::new(0)).collect(),
        seen_by: (0..total).map(|_| AtomicUsize::new(0)).collect(),
        start: Instant::now(),
        ready: AtomicUsize::new(0),
        stream_errors: AtomicUsize::new(0),
        post_errors: AtomicUsize::new(0),
        events: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
    });
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    // Clients connect in waves so that the listen backlog is not flooded.
    let mut clients = Vec::with_capacity(args.clients);
    for i in 0..args.clients {
        let url = format!(
            "{}/api/v1/live/{}/events",
            bases[i % bases.len()],
            setup.code
        );
        clients.push(tokio::spawn(client(http.clone(), url, Arc::clone(&shared))));
        if i % 100 == 99 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let connect_by = Instant::now() + Duration::from_mins(1);
    while shared.ready.load(Ordering::Relaxed) + shared.stream_errors.load(Ordering::Relaxed)
        < args.clients
        && Instant::now() < connect_by
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let connected = shared.ready.load(Ordering::Relaxed);
    eprintln!(
        "{connected} of {} clients have the room's state",
        args.clients
    );
    let after_connect: Vec<(f64, f64)> = nodes
        .iter()
        .map(|n| memory(n.child.id().unwrap_or(0)))
        .collect();

    let writer = if args.post == Post::Store {
        anyhow::ensure!(
            args.postgres.is_some(),
            "--post store needs --postgres: on SQLite nothing tells a server of a row \
             written by another process"
        );
        Some(Store::connect(url).await?)
    } else {
        None
    };
    let posting_started = Instant::now();
    post_answers(args, &http, &bases, &setup, &shared, writer.as_ref(), total).await;
    let posting = posting_started.elapsed();
    // The last answers reach the clients.
    let settle_by = Instant::now() + Duration::from_secs(10);
    while Instant::now() < settle_by
        && shared.seen_by[total - 1].load(Ordering::Relaxed) < connected
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let memory: Vec<(f64, f64)> = nodes
        .iter()
        .map(|n| memory(n.child.id().unwrap_or(0)))
        .collect();
    for c in &clients {
        c.abort();
    }
    for mut n in nodes {
        let _ = n.child.kill().await;
    }

    let summary = summarize(
        args,
        &shared,
        connected,
        bases.len(),
        posting,
        &after_connect,
        &memory,
    );
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

/// Posts `total` answers, one every 1/rate seconds, each POST on its own
/// task (a slow one does not delay the next), and waits for them all.
async fn post_answers(
    args: &Args,
    http: &reqwest::Client,
    bases: &[String],
    setup: &Setup,
    shared: &Arc<Shared>,
    writer: Option<&Store>,
    total: usize,
) {
    let period = Duration::from_secs_f64(1.0 / f64::from(args.rate.max(1)));
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut posts = Vec::with_capacity(total);
    for n in 0..total {
        tick.tick().await;
        let shared = Arc::clone(shared);
        if let Some(store) = writer {
            let store = store.clone();
            let participant = setup.participants[n % setup.participants.len()].clone();
            let (room, activity) = (setup.room, setup.activity);
            shared.posted[n].store(shared.now(), Ordering::Relaxed);
            posts.push(tokio::spawn(async move {
                if let Err(e) = write_answer(&store, &participant, room, activity, n).await
                    && shared.post_errors.fetch_add(1, Ordering::Relaxed) < 5
                {
                    eprintln!("answer {n}: {e}");
                }
            }));
            continue;
        }
        let base = &bases[n % bases.len()];
        let request = http
            .post(format!("{base}/api/v1/live/{}/answers", setup.code))
            .header("x-participant", &setup.tokens[n % setup.tokens.len()])
            .json(&json!({
                "activity": setup.activity,
                "text": WORDS[n % WORDS.len()],
            }));
        shared.posted[n].store(shared.now(), Ordering::Relaxed);
        posts.push(tokio::spawn(async move {
            match request.send().await {
                Ok(r) if r.status() == reqwest::StatusCode::CREATED => {}
                Ok(r) => {
                    let status = r.status();
                    let body = r.text().await.unwrap_or_default();
                    if shared.post_errors.fetch_add(1, Ordering::Relaxed) < 5 {
                        eprintln!("answer {n}: {status} {body}");
                    }
                }
                Err(e) => {
                    if shared.post_errors.fetch_add(1, Ordering::Relaxed) < 5 {
                        eprintln!("answer {n}: {e}");
                    }
                }
            }
        }));
    }
    for p in posts {
        let _ = p.await;
    }
}

/// What a node does for an answer, from here: the row, then the
/// notification every node's listener turns into a bump.
async fn write_answer(
    store: &Store,
    participant: &Participant,
    room: uuid::Uuid,
    activity: uuid::Uuid,
    n: usize,
) -> anyhow::Result<()> {
    let input = AnswerInput {
        text: Some(WORDS[n % WORDS.len()].to_owned()),
        ..AnswerInput::default()
    };
    repo::answer(store, participant, activity, &input, chrono::Utc::now()).await?;
    store
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [
                maillage_app::live_hub::CHANNEL.into(),
                room.to_string().into(),
            ],
        ))
        .await?;
    Ok(())
}

/// The benchmark's figures as JSON.
fn summarize(
    args: &Args,
    shared: &Shared,
    connected: usize,
    nodes: usize,
    posting: Duration,
    after_connect: &[(f64, f64)],
    memory: &[(f64, f64)],
) -> serde_json::Value {
    let total = shared.posted.len();
    let mut latencies: Vec<f64> = Vec::with_capacity(total);
    let mut unseen = 0;
    for n in 0..total {
        if shared.seen_by[n].load(Ordering::Relaxed) < connected {
            unseen += 1;
            continue;
        }
        let posted = shared.posted[n].load(Ordering::Relaxed);
        let seen = shared.last_seen[n].load(Ordering::Relaxed);
        latencies.push(seen.saturating_sub(posted) as f64 / 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[i]
    };
    json!({
        "database": if args.postgres.is_some() { "postgresql" } else { "sqlite" },
        "nodes": nodes,
        "clients": args.clients,
        "clients_connected": connected,
        "rate_per_s": args.rate,
        "seconds": args.seconds,
        "answers": total,
        "posting_s": posting.as_secs_f64(),
        "latency_last_client_ms": {
            "p50": pct(0.50),
            "p90": pct(0.90),
            "p99": pct(0.99),
            "max": latencies.last().copied().unwrap_or(f64::NAN),
        },
        "errors": {
            "posts": shared.post_errors.load(Ordering::Relaxed),
            "streams": shared.stream_errors.load(Ordering::Relaxed),
            "answers_not_seen_by_every_client": unseen,
        },
        "events_received": shared.events.load(Ordering::Relaxed),
        "bytes_received": shared.bytes.load(Ordering::Relaxed),
        "server_memory_mib": nodes_memory(after_connect, memory),
    })
}

fn nodes_memory(after_connect: &[(f64, f64)], end: &[(f64, f64)]) -> serde_json::Value {
    end.iter()
        .zip(after_connect)
        .map(|((hwm, rss), (_, rss_connected))| {
            json!({"vm_hwm": hwm, "vm_rss_end": rss, "vm_rss_clients_connected": rss_connected})
        })
        .collect()
}

/// One SSE client: reads events, and marks the answers each `results`
/// event counts as seen.
async fn client(http: reqwest::Client, url: String, shared: Arc<Shared>) {
    let mut response = match http.get(&url).send().await {
        Ok(r) if r.status().is_success() => r,
        Ok(r) => {
            if shared.stream_errors.fetch_add(1, Ordering::Relaxed) < 5 {
                eprintln!("stream refused: {}", r.status());
            }
            return;
        }
        Err(e) => {
            if shared.stream_errors.fetch_add(1, Ordering::Relaxed) < 5 {
                eprintln!("stream failed: {e}");
            }
            return;
        }
    };
    let mut buffer: Vec<u8> = Vec::new();
    let mut seen = 0_usize;
    let mut ready = false;
    loop {
        let Ok(Some(chunk)) = response.chunk().await else {
            shared.stream_errors.fetch_add(1, Ordering::Relaxed);
            return;
        };
        shared
            .bytes
            .fetch_add(chunk.len() as u64, Ordering::Relaxed);
        buffer.extend_from_slice(&chunk);
        while let Some(end) = find(&buffer, b"\n\n") {
            let count = buffer
                .starts_with(b"event: results\n")
                .then(|| answers_count(&buffer[..end]))
                .flatten();
            buffer.drain(..end + 2);
            let Some(count) = count else {
                continue;
            };
            shared.events.fetch_add(1, Ordering::Relaxed);
            if !ready {
                ready = true;
                shared.ready.fetch_add(1, Ordering::Relaxed);
            }
            let now = shared.now();
            let count = count.min(shared.seen_by.len());
            for n in seen..count {
                shared.seen_by[n].fetch_add(1, Ordering::Relaxed);
                shared.last_seen[n].fetch_max(now, Ordering::Relaxed);
            }
            seen = seen.max(count);
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The `"answers":N` of a word cloud's results event.
fn answers_count(event: &[u8]) -> Option<usize> {
    const KEY: &[u8] = b"\"answers\":";
    let at = find(event, KEY)? + KEY.len();
    let digits = &event[at..];
    let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&digits[..len]).ok()?.parse().ok()
}
